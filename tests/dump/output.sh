#!/bin/sh
# output.sh - where mmscope's output goes (issue 18, item 8): dump,
# check and every other verb whose stdout is /dev/full or closed fail
# (exit 2) saying so, instead of exit 0 with nothing written; a kernel path with control
# bytes in a trace header reaches the terminal escaped; record refuses a
# console that is its own trace (which it used to overwrite, saying it
# succeeded) and keeps an older trace at -o as FILE.old, saying so.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/output.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
D=$(cd "$(dirname "$0")/.." && pwd)
TRACE=$D/fuzz/mmtfile/fork_exit.mmt
. "$(dirname "$0")/../tap.inc"
echo 1..19

# unwritten CMD...: stdout on /dev/full, then closed: exit 2 each time,
# with the reason on stderr (a dump or a PASS nobody got is no success)
unwritten() {
	"$MMSCOPE" "$@" >/dev/full 2>"$T/err"
	[ $? -eq 2 ] && grep -q "cannot write the output: No space left on device" "$T/err"
	ok $? "$* >/dev/full: exit 2, said"
	"$MMSCOPE" "$@" >&- 2>"$T/err"
	[ $? -eq 2 ] && grep -q "cannot write the output: Bad file descriptor" "$T/err"
	ok $? "$* with stdout closed: exit 2, said"
}
unwritten dump "$TRACE"
unwritten dump --json "$TRACE"
unwritten check "$TRACE"
unwritten diff "$TRACE" "$TRACE"
unwritten --version
unwritten help dump
unwritten scenarios --kernel "$KERNEL"

python3 - "$TRACE" "$T/esc.mmt" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[40:40 + 256] = b"/no/such/\x1b[31mkernel\x07.elf".ljust(256, b"\0")
open(sys.argv[2], "wb").write(data)
PY
"$MMSCOPE" dump "$T/esc.mmt" >/dev/null 2>"$T/err"
grep -q 'no/such/\\x1b\[31mkernel\\x07.elf' "$T/err" && ! grep -q "$(printf '\033')" "$T/err"
ok $? "a kernel path with control bytes is escaped in the warning"

cp "$TRACE" "$T/keep.mmt"
"$MMSCOPE" record boot -o "$T/keep.mmt" --console "$T/keep.mmt" --kernel "$KERNEL" 2>"$T/err"
[ $? -eq 2 ] && grep -q "console $T/keep.mmt is the trace itself" "$T/err" && cmp -s "$TRACE" "$T/keep.mmt"
ok $? "record --console onto the trace itself: refused, the file untouched"

"$MMSCOPE" record boot -o "$T/new.mmt" --console "$T/./new.mmt" --kernel "$KERNEL" 2>"$T/err"
[ $? -eq 2 ] && [ ! -e "$T/new.mmt" ]
ok $? "the same for a file that does not exist yet, named another way"

if [ -f "$KERNEL" ]; then
	cp "$TRACE" "$T/old.mmt"
	"$MMSCOPE" record boot -o "$T/old.mmt" --kernel "$KERNEL" 2>"$T/err"
	[ $? -eq 0 ] && cmp -s "$TRACE" "$T/old.mmt.old" && grep -q "old.mmt existed: the old trace is now $T/old.mmt.old" "$T/err" &&
		"$MMSCOPE" dump "$T/old.mmt" | grep -q "scenario=\"boot\""
	ok $? "record -o over a trace: the old one kept as FILE.old, said"
	"$MMSCOPE" record boot -o "$T/old.mmt" --kernel "$KERNEL" 2>"$T/err"
	[ $? -eq 0 ] && ! cmp -s "$TRACE" "$T/old.mmt.old"
	ok $? "and again: only the one before is kept"
else
	ok 0 "# SKIP no kernel at $KERNEL"
	ok 0 "# SKIP no kernel at $KERNEL"
fi
