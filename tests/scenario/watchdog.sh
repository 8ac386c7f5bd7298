#!/bin/sh
# watchdog.sh - a deadlock ends the run with a clear message instead of a
# timeout: in the deadlock scenario two CPUs take two locks in opposite
# order, and after the watchdog's time (WATCHDOG_MS, 5 s) the kernel
# panics naming the CPU, the lock it waits for and the CPU that holds it,
# in the PANIC record, in a MSG and on COM1, with every CPU's records
# sent (no gap).  On one CPU the scenario says it needs two.
. "$(dirname "$0")/lib.inc"
echo 1..5
record deadlock deadlock --smp 2
msg=$($CHECK panic "$T/deadlock.json")
echo "$msg" | grep -Eq '^cpu ([01]) waits for lock deadlock_[ab] \(cpu [01]\)$' &&
	[ "$(echo "$msg" | cut -c5)" != "$(echo "$msg" | sed 's/.*(cpu \(.\))/\1/')" ]
ok $? "deadlock, smp 2: PANIC names the waiting cpu, the lock and its holder" "PANIC '$msg'"
grep -q '"text":"watchdog: cpu [01] waited [0-9]* ms for lock "' "$T/deadlock.json"
ok $? "deadlock, smp 2: a MSG says how long it waited"
grep -q "^watchdog: cpu [01] waited [0-9]* ms for lock deadlock_[ab] (cpu [01])" \
	"$T/deadlock.mmt.log"
ok $? "deadlock, smp 2: COM1 says it too"
grep -q '"diag":"gap"' "$T/deadlock.json"
ok $([ $? -ne 0 ] && [ $rc -eq 1 ] && grep -q '"cpu":1' "$T/deadlock.json"; echo $?) \
	"deadlock, smp 2: both cpus' records, no gap, mmscope record reports a failed run" "rc $rc"
record deadlock1 deadlock --smp 1
grep -q '"type":"end","status":"fail".*"text":"deadlock needs 2 cpus' "$T/deadlock1.json"
ok $([ $? -eq 0 ] && [ $rc -eq 1 ]; echo $?) "deadlock, smp 1: END fail says it needs 2 cpus" \
	"$(tail -1 "$T/deadlock1.json")"
