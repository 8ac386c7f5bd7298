#!/bin/sh
# fault.sh - user programs that fault are killed like Linux kills them,
# in both eras: the fault scenario's children die of SIGSEGV (11, a NULL
# dereference) and SIGILL (4, ud2), TASK_EXIT says so, COM1 has one line
# for each, and the kernel goes on to a clean END.  The traps scenario's
# children die of #GP, #DE, a write to text, a kernel read, int $32 and a
# stack overflow: SIGSEGV, SIGFPE (8), then SIGSEGV four times.
. "$(dirname "$0")/lib.inc"
echo 1..8
for era in 2.6.32 modern; do
	record fault.$era fault --era $era
	sigs=$($CHECK signals "$T/fault.$era.json")
	ok $([ "$sigs" = "11 4" ]; echo $?) "era $era: TASK_EXIT signals 11 then 4" "got '$sigs'"
	grep -q "killed by signal 11" "$T/fault.$era.mmt.log" &&
		grep -q "killed by signal 4" "$T/fault.$era.mmt.log"
	ok $? "era $era: COM1 names both killed tasks"
	why=$($CHECK clean "$T/fault.$era.json")
	ok $([ $rc -eq 0 ] && [ -z "$why" ]; echo $?) "era $era: the run ends cleanly" "$why"
done
for era in 2.6.32 modern; do
	record traps.$era traps --era $era
	sigs=$($CHECK signals "$T/traps.$era.json")
	ok $([ "$sigs" = "11 8 11 11 11 11" ] && [ $rc -eq 0 ]; echo $?) \
		"era $era: traps' children die of signals 11 8 11 11 11 11" "got '$sigs', rc $rc"
done
