#!/bin/sh
# kept_symbols.sh - a trace reads on a machine without the kernel ELF
# (PROTOCOL.md 4.1): the lecture is recorded with a copy of the kernel,
# and the copy is moved away.  dump, dump --json, check (with a kernel
# source line under a violation's caller) and replay in tmux still show
# function+offset (file:line); the trace's stream is what an older reader
# finds at header_size; the same trace without its sections (what an
# older mmscope wrote) shows bare addresses without the ELF and symbols
# again with --kernel.  Also run --record: its trace keeps them too.
. "$(dirname "$0")/lib.inc"
echo 1..9

cp "$KERNEL" "$T/kernel.elf"
"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$T/kernel.elf" --stats \
	>"$T/rec" 2>&1 || echo "# record failed: $(tail -1 "$T/rec")"
"$MMSCOPE" record fork_exit --bug lazy_no_grab -o "$T/bug.mmt" \
	--kernel "$T/kernel.elf" >/dev/null 2>&1
"$MMSCOPE" dump "$T/lec.mmt" >"$T/with.txt" 2>/dev/null
mv "$T/kernel.elf" "$T/kernel.away"

grep -q '^symbols kept: [1-9][0-9]* addresses, [1-9][0-9]* source lines' "$T/rec"
ok $? "record keeps the symbols: $(grep '^symbols kept' "$T/rec")"

"$MMSCOPE" dump "$T/lec.mmt" >"$T/away.txt" 2>"$T/away.err"
cmp -s "$T/with.txt" "$T/away.txt" && ! [ -s "$T/away.err" ] &&
	grep -q 'mmgrab .* reason=exit_grab exit_mm+0x[0-9a-f]* (exit.c:[0-9]*)$' "$T/away.txt"
ok $? "the ELF moved away: dump prints the same, exit_mm+0x.. (exit.c:..), no warning"

"$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | grep -v '"diag"' |
	grep '"caller"' | grep -vq '"caller_sym":"[a-z_]*+0x[0-9a-f]* ([a-z_]*\.c:[0-9]*)"'
[ $? -ne 0 ]
ok $? "dump --json: every caller_sym there"

"$MMSCOPE" check "$T/bug.mmt" >"$T/check" 2>&1
grep -q '^  nearest mm_ref of mm [0-9]*: event [0-9]*, caller finish_task_switch+0x[0-9a-f]* (sched.c:[0-9]*)$' "$T/check" &&
	grep -Eq '^    sched.c:[0-9]+    mmdrop\(' "$T/check"
ok $? "check: the caller of a violation and its source line, from the trace"

python3 - "$T/lec.mmt" "$T/old.mmt" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
hs = struct.unpack_from("<H", d, 6)[0]
old = bytearray(d[:1024]) + d[hs:]
struct.pack_into("<H", old, 6, 1024)
open(sys.argv[2], "wb").write(old)
print("# header_size %d, sections %d bytes, stream %d bytes" % (hs, hs - 1024, len(d) - hs))
PY
"$MMSCOPE" dump --raw "$T/old.mmt" --kernel "$T/kernel.away" >"$T/old.raw" 2>&1
"$MMSCOPE" dump --raw "$T/lec.mmt" --kernel "$T/kernel.away" >"$T/new.raw" 2>&1
cmp -s "$T/old.raw" "$T/new.raw" && ! grep -Eq 'garbage|unknown' "$T/new.raw"
ok $? "from header_size on, the stream an older reader reads: the same records, no garbage"

"$MMSCOPE" dump "$T/old.mmt" >"$T/old.txt" 2>"$T/old.err"
grep -q 'printing addresses without symbols' "$T/old.err" &&
	grep -q 'reason=exit_grab 0xc0[0-9a-f]*$' "$T/old.txt"
ok $? "a trace without sections and no ELF: bare addresses, and a warning"

"$MMSCOPE" dump "$T/old.mmt" --kernel "$T/kernel.away" >"$T/oldk.txt" 2>/dev/null
cmp -s "$T/oldk.txt" "$T/with.txt"
ok $? "the same trace with --kernel: symbols as before"

grab=$(event_of "$T/lec.mmt" type=mm_ref reason=exit_grab)
start 120 40
type_line "$MMSCOPE replay $T/lec.mmt"
wait_for "REPLAY"
keys g; type_line "$grab"
wait_for "event $grab of" && shows "^ +$grab +0 [^ ]+ +mm [0-9]+ count 1->2 +exit_mm\+0x[0-9a-f]+ \(exit.c:[0-9]+\) +exit_grab"
ok $? "replay without the ELF: the event row has exit_mm+0x.. (exit.c:..)"
keys q
wait_for '^\$( |$)' 5

cp "$T/kernel.away" "$T/kernel.elf"
type_line "$MMSCOPE run fork_exit --kernel $T/kernel.elf --record $T/live.mmt"
wait_for 'QEMU exited: the scenario passed' 30
keys q
wait_for 'the trace is in' 10
mv "$T/kernel.elf" "$T/kernel.gone"
"$MMSCOPE" dump "$T/live.mmt" 2>"$T/live.err" | grep -q 'reason=prev_mm finish_task_switch+0x[0-9a-f]* (sched.c:[0-9]*)$' &&
	! [ -s "$T/live.err" ]
ok $? "run --record: its trace keeps the symbols too"
