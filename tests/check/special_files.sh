#!/bin/sh
# special_files.sh - traces, expect files and kernels that are not
# regular files (issue 18, items 2 and 4): a directory, a FIFO nobody
# writes to, a character device, a pipe.  dump, check, replay, export
# and cast must never hang on them: each gets one clear line naming the
# path and exit 2, except a pipe that carries a real trace or expect
# file, which is read like a file (no "Illegal seek", its kept symbols
# used: issue 18.8) but by cast, which reads a trace twice, and a kernel
# that cannot be used, which is a warning.  Every command runs under a timeout: a hang
# is a failure, not a stuck test.
#
# Environment (set by tests/runtests.py): MMSCOPE, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/special_files.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
D=$(cd "$(dirname "$0")/.." && pwd)
TRACE=$D/fuzz/mmtfile/fork_exit.mmt	# keeps no symbols: uses its kernel_path
. "$(dirname "$0")/../tap.inc"
# refused WHAT CMD...: exit 2 within 10 s, one line on stderr with WHAT
refused() {
	what=$1
	shift
	timeout 10 "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "$what" "$T/err" ||
		{ echo "# exit $rc (124: it hung)"; sed 's/^/#  /' "$T/err" | head -5; false; }
}
mkfifo "$T/fifo"
mkdir "$T/dir"
echo 1..15

refused "$T/dir: a directory, not an expect file" "$MMSCOPE" check "$TRACE" --expect "$T/dir"
ok $? "check --expect DIR: one line, exit 2 (it died of SIGABRT)"

refused "$T/fifo: a pipe nobody wrote to, not an expect file" "$MMSCOPE" check "$TRACE" --expect "$T/fifo"
ok $? "check --expect FIFO: no hang, exit 2"

refused "/dev/zero: a character device, not an expect file" "$MMSCOPE" check "$TRACE" --expect /dev/zero
ok $? "check --expect /dev/zero: refused, not read forever"

printf 'expect mm_alloc\n\0expect mm_free\n' >"$T/nul.expect"
refused "$T/nul.expect: a NUL byte at offset 16" "$MMSCOPE" check "$TRACE" --expect "$T/nul.expect"
ok $? "an expect file with a NUL byte: where, and exit 2"

refused "$T/fifo: a pipe nobody wrote to, not a trace" "$MMSCOPE" dump "$T/fifo"
ok $? "dump FIFO: no hang, exit 2"

refused "$T/fifo: a pipe nobody wrote to, not a trace" "$MMSCOPE" check "$T/fifo"
ok $? "check FIFO: no hang, exit 2"

refused "$T/fifo: a pipe nobody wrote to, not a trace" "$MMSCOPE" replay "$T/fifo"
ok $? "replay FIFO: no hang, exit 2"

refused "/dev/null: a character device, not a trace file" "$MMSCOPE" dump /dev/null
ok $? "dump /dev/null: a device is refused"

# A pipe that carries a trace with kept symbols (PROTOCOL.md 4.1), which
# cannot be read twice: the symbols come from what was read on the way.
KEPT=$D/unit/traces/cross_cpu_exit-smp2.mmt
cat "$KEPT" | timeout 10 "$MMSCOPE" dump /dev/stdin >"$T/out" 2>"$T/err"
[ $? -eq 0 ] && grep -q " end " "$T/out" && [ ! -s "$T/err" ] &&
	grep -q "finish_task_switch" "$T/out"
ok $? "dump of a pipe: to its END, symbols kept, no 'Illegal seek'"

mkfifo "$T/xfifo"
cat "$D/../samples/cross_cpu_exit.expect" >"$T/xfifo" &
cat "$KEPT" | timeout 10 "$MMSCOPE" check /dev/stdin --expect "$T/xfifo" \
	>"$T/out" 2>"$T/err"
[ $? -eq 0 ] && grep -q "^PASS .* 32 assertions (0 failed" "$T/out" && [ ! -s "$T/err" ]
ok $? "check of a pipe against an expect file from a pipe: PASS, nothing said"

# export reads the trace once, from where the header left it: the same
# export as from the file, but for the source it names.
"$MMSCOPE" export "$KEPT" --format perfetto -o "$T/file.json" 2>"$T/err" &&
	cat "$KEPT" | timeout 10 "$MMSCOPE" export /dev/stdin --format perfetto \
	-o "$T/pipe.json" 2>"$T/err" &&
	sed 's|"source":"[^"]*"||' "$T/file.json" >"$T/a" &&
	sed 's|"source":"[^"]*"||' "$T/pipe.json" >"$T/b" && cmp -s "$T/a" "$T/b" &&
	! grep -q "warning" "$T/err"
ok $? "export --format perfetto of a pipe: the file's export (it was 'no MMTF magic')"

cat "$KEPT" | timeout 10 "$MMSCOPE" export /dev/stdin --format ctf -o "$T/ctf" 2>"$T/err" &&
	grep -q "exported 194 events of /dev/stdin" "$T/err"
ok $? "export --format ctf of a pipe: every event"

mkfifo "$T/cfifo"
cat "$KEPT" >"$T/cfifo" 2>/dev/null &
refused "$T/cfifo: a FIFO (named pipe), not a trace file (cast reads it twice)" \
	"$MMSCOPE" cast "$T/cfifo" -o "$T/x.cast"
ok $? "cast of a pipe, which it would read twice: refused, exit 2"

# The kernel a trace header names is a FIFO: symbols are left out with a
# warning that names it, and the events are printed.
python3 - "$TRACE" "$T/fifo" "$T/kfifo.mmt" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
path = sys.argv[2].encode()
data[40:40 + 256] = path.ljust(256, b"\0")      # kernel_path (PROTOCOL.md 4)
open(sys.argv[3], "wb").write(data)
PY
timeout 10 "$MMSCOPE" dump "$T/kfifo.mmt" >"$T/out" 2>"$T/err"
[ $? -eq 0 ] && grep -q " end " "$T/out" && grep -q "$T/fifo: a FIFO (named pipe), not a kernel ELF" "$T/err"
ok $? "dump of a trace whose kernel is a FIFO: no hang, a warning naming it"

timeout 10 "$MMSCOPE" dump --kernel "$T/dir" "$TRACE" >"$T/out" 2>"$T/err"
[ $? -eq 0 ] && grep -q "$T/dir: a directory, not a kernel ELF" "$T/err"
ok $? "dump --kernel DIR: a warning naming it, the events printed"
