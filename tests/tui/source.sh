#!/bin/sh
# source.sh - the kernel's source beside the state (s), in `mmscope
# replay` of a recorded lecture, from the symbols and lines the trace
# keeps: at a lazy_borrow the context_switch line that does the mmgrab,
# at an exit_grab the exit_mm line, Linux's name where the kernel's
# differs (idle_init: init_idle); at a switch (a record with no caller)
# what only the ELF tells, and with --kernel the line that writes it;
# at 120x40 beside the events, at 80x24 a screen of its own; s again
# gives the panels back.  A kernel ELF whose DWARF paths lead nowhere:
# "source not found", no error; the same ELF in a checkout's layout
# finds the file relative to itself.
. "$(dirname "$0")/lib.inc"
echo 1..10

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>/dev/null
lazy=$("$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | python3 -c '
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    if e.get("reason") == "lazy_borrow" and e.get("mm", 0) > 1:
        print(e["n"])
        break')
grab=$(event_of "$T/lec.mmt" type=mm_ref reason=exit_grab)
sw=$(event_of "$T/lec.mmt" type=switch prev=1)
idle=$(event_of "$T/lec.mmt" type=mm_ref reason=idle_init)

start 120 40
type_line "$MMSCOPE replay $T/lec.mmt"
wait_for 'REPLAY'
keys g; type_line "$lazy"
keys s
wait_for '^ +n cpu event .*│ source  context_switch  sched\.c:[0-9]+' &&
	line '│>' | grep -q 'mmgrab(oldmm, MMT_WHY_LAZY_BORROW);'
ok $? "s at a lazy_borrow (event ${lazy:-?}): beside the events, the context_switch line that does the mmgrab"

keys g; type_line "$grab"
wait_for '│ source  exit_mm  exit\.c:[0-9]+' &&
	line '│>' | grep -q 'mmgrab(mm, MMT_WHY_EXIT_GRAB);'
ok $? "at an exit_grab (event ${grab:-?}): the exit_mm line"

keys g; type_line "$sw"
wait_for '│ a switch record names no caller, and the trace keeps the lines'
ok $? "at a switch (event ${sw:-?}) with the symbols the trace keeps: no caller, --kernel ELF shows more"

keys g; type_line "$idle"
wait_for '│ source  idle_init  sched\.c:[0-9]+' &&
	shows '│ Linux: init_idle; '
ok $? "idle_init's mmgrab: Linux's name for the function, init_idle"

keys g; type_line "$grab"
resize 80 24
wait_for '^ source  exit_mm  exit\.c:[0-9]+' && ! screen | grep -q '^CPU ' &&
	shows '^>  +[0-9]+ .*mmgrab\(mm, MMT_WHY_EXIT_GRAB\);'
ok $? "80x24: the source is a screen of its own"
keys s
wait_for '^CPU +task' && ! screen | grep -q 'source  exit_mm'
ok $? "s again: the panels"
keys q
wait_for '^\$( |$)'

# With the kernel ELF, a record that names no caller: the line of the
# function that writes it.
resize 120 40
type_line "$MMSCOPE replay $T/lec.mmt --kernel $KERNEL"
wait_for 'REPLAY'
keys g; type_line "$sw"
keys s
wait_for '│ source  context_switch  sched\.c:[0-9]+' &&
	line '│>' | grep -q 'trace_switch(' &&
	shows '│ the line that writes the record'
ok $? "--kernel ELF, at a switch (event ${sw:-?}), which names no caller: the line that writes it"
keys q
wait_for '^\$( |$)'
resize 80 24

# The same kernel, its DWARF paths bent to a directory that does not
# exist: alone, the source is not found; in a checkout's layout
# (build/kernel/kernel.elf beside kernel/), relative to the ELF, it is.
ROOT=$(cd "$(dirname "$KERNEL")/../.." && pwd)
mkdir -p "$T/co/build/kernel" "$T/co/kernel"
python3 -c '
import sys
root, src, dst = sys.argv[1].encode(), sys.argv[2], sys.argv[3]
data = open(src, "rb").read()
bent = b"/" + b"x" * (len(root) - 1)
n = data.count(root)
open(dst, "wb").write(data.replace(root, bent))
sys.exit(0 if n else 1)' "$ROOT" "$KERNEL" "$T/bent.elf"
ok $? "a copy of the kernel ELF with its DWARF paths bent (no $ROOT)"
cp "$T/bent.elf" "$T/co/build/kernel/kernel.elf"
cp "$ROOT/kernel/exit.c" "$T/co/kernel/exit.c"
type_line "$MMSCOPE replay $T/lec.mmt --kernel $T/bent.elf"
wait_for 'REPLAY'
keys g; type_line "$grab"
keys s
wait_for "source not found: /x+/kernel/exit\.c" && ! screen | grep -qi error
ok $? "its sources are nowhere: source not found, and the path"
keys q
wait_for '^\$( |$)'
type_line "$MMSCOPE replay $T/lec.mmt --kernel $T/co/build/kernel/kernel.elf"
wait_for 'REPLAY'
keys g; type_line "$grab"
keys s
wait_for '^ source  exit_mm  exit\.c:[0-9]+' &&
	shows '^>  +[0-9]+ .*mmgrab\(mm, MMT_WHY_EXIT_GRAB\);'
ok $? "in a checkout's layout: kernel/exit.c found relative to the ELF"
keys q
