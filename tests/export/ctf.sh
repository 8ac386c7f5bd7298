#!/bin/sh
# ctf.sh - `mmscope export --format ctf` read back by babeltrace2 and
# compared, event by event, with `mmscope dump --json` of the same trace
# (ctfcmp.py): the count, the order, the timestamps, the CPUs, every
# field, and the events lost (as babeltrace2's discarded events).
#
# Real traces: the lecture on 2 CPUs, smp_stress (300 lifetimes, 2 CPUs,
# era modern), a kernel with a fault that panics (bug=lazy_no_grab:
# violations and a PANIC), flood in overflow mode (LOST records); and a
# synthetic one with transport gaps and a LOST record (gentrace).
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, BUILD, TEST_TMPDIR.
set -u
: "${MMSCOPE:?}" "${KERNEL:?}" "${BUILD:?}" "${TEST_TMPDIR:?}"
T=$TEST_TMPDIR/ctf.$$
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
CMP="python3 $(dirname "$0")/ctfcmp.py"

. "$(dirname "$0")/../tap.inc"

# compare NAME: export $T/NAME.mmt, read it with babeltrace2, compare
# (one TAP line for the export and babeltrace2, four from ctfcmp.py)
compare() {
	"$MMSCOPE" dump --json "$T/$1.mmt" --kernel "$KERNEL" >"$T/$1.json" 2>/dev/null
	"$MMSCOPE" export "$T/$1.mmt" --format ctf -o "$T/$1.ctf" \
		--kernel "$KERNEL" >"$T/$1.export" 2>&1
	rc=$?
	babeltrace2 --clock-cycles --no-delta "$T/$1.ctf" >"$T/$1.bt" \
		2>"$T/$1.bterr"
	bt=$?
	ok $([ $rc -eq 0 ] && [ $bt -eq 0 ]; echo $?) \
		"$1: export exits 0 ($rc), babeltrace2 reads it ($bt)" \
		"$(cat "$T/$1.export" "$T/$1.bterr" | tail -n 3 | tr '\n' ' ')"
	$CMP "$1" "$T/$1.json" "$T/$1.bt" "$T/$1.bterr" >"$T/$1.tap"
	relay "$T/$1.tap"
}

record() {	# record NAME SCENARIO OPTION...: the trace $T/NAME.mmt
	name=$1
	shift
	"$MMSCOPE" record "$@" -o "$T/$name.mmt" --kernel "$KERNEL" \
		--timeout 120 >"$T/$name.out" 2>&1
}

echo "1..27"
record lecture lecture --smp 2
compare lecture
record smp_stress smp_stress --smp 2 --count 300 --era modern
compare smp_stress
record bug fork_exit --bug lazy_no_grab
compare bug
ok $(grep -q '"type":"panic"' "$T/bug.json"; echo $?) \
	"bug: the trace ends in a PANIC (its eip is an enumeration too)"
record flood flood --count 200000 --trace-mode overflow
compare flood
ok $(grep -q '"type":"lost"' "$T/flood.json"; echo $?) \
	"flood, overflow: the kernel lost events, so discarded events are compared"
"$BUILD/tests/gentrace" -o "$T/gaps.mmt" --events 20000 --cpus 4 --seed 7 \
	--gap 5000:40 --lost 12000:25 2>/dev/null
compare gaps
