#!/bin/sh
# cast.sh - how fast `mmscope cast` records, and how large its output is:
# the lecture on 2 CPUs, whole at 80x24 and 120x40, and its threads
# chapter at 100x30.  A cast steps the replay an event at a time and
# waits for each frame, so its speed is the replay's drawing (at most a
# frame every 33 ms: tui/loop.c) plus a seek per step.
#
# A benchmark: it prints figures and fails only if a run fails.
# Environment (set by `scons bench`): MMSCOPE, KERNEL.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

"$MMSCOPE" record lecture --smp 2 -o "$T/lec.mmt" --kernel "$KERNEL" \
	2>/dev/null || { echo "cast.sh: record lecture failed" >&2; exit 1; }

# bench NAME ARGS...: one cast, its figures on a line
bench() {
	name=$1
	shift
	t0=$(date +%s.%N)
	"$MMSCOPE" cast "$T/lec.mmt" -o "$T/$name.cast" "$@" 2>"$T/err" ||
		{ cat "$T/err" >&2; exit 1; }
	t1=$(date +%s.%N)
	frames=$(($(wc -l <"$T/$name.cast") - 1))
	bytes=$(wc -c <"$T/$name.cast")
	awk -v n="$name" -v f="$frames" -v b="$bytes" -v t0="$t0" -v t1="$t1" '
	BEGIN {
		s = t1 - t0
		printf "cast %-24s %5d frames in %6.2f s: %5.1f frames/s, " \
		       "%5.1f ms a frame, %7d bytes (%5.0f a frame)\n",
		       n, f, s, f / s, 1000 * s / f, b, b / f
	}'
}

bench "lecture 80x24" --size 80x24
bench "lecture 120x40" --size 120x40
bench "lecture chapter 2 100x30" --size 100x30 --chapter 2
