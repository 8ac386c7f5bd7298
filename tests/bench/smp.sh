#!/bin/sh
# smp.sh - smp_stress (count=5000 mm lifetimes, four workers) on 1, 2 and
# 4 CPUs: the wall time of the run from starting QEMU to its exit, the
# events per second that reached the host through COM2 (by the wall
# clock, first to last event), and the bytes per event on the wire.
# QEMU runs its vCPUs on the host's cores: with more vCPUs than cores,
# CPUs that wait for the COM2 line or a lock take host time from the one
# that sends.  A benchmark: it prints figures and fails only if a run
# fails.
#
# Environment (set by `scons bench`): MMSCOPE, KERNEL.
set -eu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
COUNT=5000

# stat KEY FILE: the value of "KEY: value" in a --stats output
stat() {
	sed -n "s|^$1: \([^ ]*\).*|\1|p" "$2" | head -n 1
}

echo "smp_stress, count=$COUNT mm lifetimes, lossless tracing (host: $(nproc) cores)"
printf "  %-5s %10s %10s %12s %12s %12s\n" CPUs "wall (s)" events "events/s" "bytes/event" \
	"mm lifetimes"
for smp in 1 2 4; do
	t0=$(date +%s.%N)
	"$MMSCOPE" record smp_stress --smp $smp --count $COUNT -o "$T/s$smp.mmt" \
		--kernel "$KERNEL" --timeout 300 --stats 2>"$T/s$smp.stats" || {
		cat "$T/s$smp.stats" >&2
		exit 1
	}
	wall=$(echo "$(date +%s.%N) $t0" | awk '{ printf "%.2f", $1 - $2 }')
	printf "  %-5s %10s %10s %12s %12s %12s\n" $smp "$wall" "$(stat events "$T/s$smp.stats")" \
		"$(stat 'events\/s (wall clock)' "$T/s$smp.stats")" \
		"$(stat 'bytes\/event' "$T/s$smp.stats")" \
		"$(stat 'stat mm_lifetimes' "$T/s$smp.stats")"
done
