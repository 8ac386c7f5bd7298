#!/bin/sh
# chaos.sh - mm lifetimes per second in the chaos scenario: seeds 1..10
# (count= 60 operations each) on 1, 2 and 4 CPUs in both eras, each
# recorded once.  For each CPU count and era: the mm lifetimes made
# (MM_ALLOCs but init_mm's), the wall time from starting QEMU to its
# exit summed over the seeds, and the lifetimes per second of it, which
# counts booting QEMU too; then the lifetimes per second of the
# kernel's own time (the span of the trace's timestamps).  A benchmark:
# it prints figures and fails only if a run fails.
#
# Environment (set by `scons bench`): MMSCOPE, KERNEL.
set -eu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
SEEDS="1 2 3 4 5 6 7 8 9 10"

# stat KEY FILE: the value of "KEY: value" in a --stats output
stat() {
	sed -n "s|^$1: \([^ ]*\).*|\1|p" "$2" | head -n 1
}

# allocs FILE: MM_ALLOCs in a --stats output's "events by type", init_mm's not counted
allocs() {
	sed -n 's|^events by type: .*mm_alloc \([0-9]*\).*|\1|p' "$1" | awk '{ print $1 - 1 }'
}

echo "chaos, seeds 1..10, 60 operations each (host: $(nproc) cores)"
printf "  %-5s %-7s %10s %10s %14s %10s %16s\n" CPUs era lifetimes "wall (s)" "lifetimes/s" \
	"span (s)" "lifetimes/s span"
for smp in 1 2 4; do
	for era in 2.6.32 modern; do
		life=0 wall=0 span=0
		for s in $SEEDS; do
			t0=$(date +%s.%N)
			"$MMSCOPE" record chaos --seed "$s" --smp $smp --era $era -o "$T/c.mmt" \
				--kernel "$KERNEL" --timeout 300 --stats 2>"$T/c.stats" || {
				cat "$T/c.stats" >&2
				exit 1
			}
			t1=$(date +%s.%N)
			life=$((life + $(allocs "$T/c.stats")))
			wall=$(echo "$wall $t1 $t0" | awk '{ printf "%.3f", $1 + $2 - $3 }')
			span=$(echo "$span $(stat 'span (timestamps)' "$T/c.stats")" |
				awk '{ printf "%.3f", $1 + $2 }')
		done
		echo "$smp $era $life $wall $span" | awk '{ printf "  %-5s %-7s %10d %10.2f %14.1f %10.2f %16.1f\n",
			$1, $2, $3, $4, $3 / $4, $5, $3 / $5 }'
	done
done
