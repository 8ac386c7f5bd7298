#!/bin/sh
# perfetto.sh - `mmscope export --format perfetto` checked against
# `mmscope dump --json` of the same trace (pfcheck.py): Trace Event
# Format JSON with named tracks, every counter sample equal to the
# mm_users and mm_count the trace reports at that time, task slices that
# never overlap on a CPU and follow the switches, and one instant per
# mm_alloc, mm_free, exec, leave_mm and violation.
#
# Real traces: the lecture on 2 CPUs, smp_stress (300 lifetimes, 2 CPUs,
# era modern), a kernel with a fault (bug=lazy_no_grab: the checker's
# violations); and a synthetic one on 4 CPUs with gaps (gentrace).
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, BUILD, TEST_TMPDIR.
set -u
: "${MMSCOPE:?}" "${KERNEL:?}" "${BUILD:?}" "${TEST_TMPDIR:?}"
T=$TEST_TMPDIR/perfetto.$$
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
CHECK="python3 $(dirname "$0")/pfcheck.py"

. "$(dirname "$0")/../tap.inc"

# check NAME: export $T/NAME.mmt and check it (one TAP line for the
# export, seven from pfcheck.py)
check() {
	"$MMSCOPE" dump --json "$T/$1.mmt" --kernel "$KERNEL" >"$T/$1.json" \
		2>/dev/null
	"$MMSCOPE" export "$T/$1.mmt" --format perfetto -o "$T/$1.pf.json" \
		--kernel "$KERNEL" >"$T/$1.export" 2>&1
	rc=$?
	ok $rc "$1: export exits 0 ($rc)" "$(tail -n 2 "$T/$1.export")"
	$CHECK "$1" "$T/$1.json" "$T/$1.pf.json" >"$T/$1.tap"
	relay "$T/$1.tap"
}

record() {	# record NAME SCENARIO OPTION...: the trace $T/NAME.mmt
	name=$1
	shift
	"$MMSCOPE" record "$@" -o "$T/$name.mmt" --kernel "$KERNEL" \
		--timeout 120 >"$T/$name.out" 2>&1
}

echo "1..34"
record lecture lecture --smp 2
check lecture
record smp_stress smp_stress --smp 2 --count 300 --era modern
check smp_stress
record bug fork_exit --bug lazy_no_grab
check bug
ok $(grep -q '"violations"' "$T/bug.json"; echo $?) \
	"bug: the checker found violations, so their instants are compared"
"$BUILD/tests/gentrace" -o "$T/gaps.mmt" --events 20000 --cpus 4 --seed 7 \
	--gap 5000:40 --lost 12000:25 2>/dev/null
check gaps

# To stdout, the same JSON as to a file.
"$MMSCOPE" export "$T/lecture.mmt" --format perfetto -o - \
	--kernel "$KERNEL" >"$T/stdout.json" 2>/dev/null
cmp -s "$T/stdout.json" "$T/lecture.pf.json"
ok $? "-o - writes the same JSON to stdout"
