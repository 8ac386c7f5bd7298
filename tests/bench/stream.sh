#!/bin/sh
# stream.sh - how fast the kernel's events reach the host over COM2.
#
# Records the `flood` scenario (count=100000 16-byte MARK records, as
# fast as the lossless ring allows) and prints: events per second with
# nothing lost, by the events' own timestamps and by the host's wall
# clock; bytes per event on the wire; the kernel's emit cost (its STAT
# record emit_cycles_x100); and the wall time from starting QEMU to the
# first event, the median of 5 boots.  A benchmark: it prints figures and
# fails only if a run fails.
#
# Environment (set by `scons bench`): MMSCOPE, KERNEL.
set -eu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
COUNT=100000

# stat KEY FILE: the value of "KEY: value" in a --stats output
stat() {
	sed -n "s|^$1: \([^ ]*\).*|\1|p" "$2" | head -n 1
}

"$MMSCOPE" record flood --count $COUNT -o "$T/flood.mmt" --kernel "$KERNEL" \
	--timeout 120 --stats 2>"$T/flood.stats" || {
	cat "$T/flood.stats" >&2
	exit 1
}
events=$(stat events "$T/flood.stats")
lost=$(stat "lost events" "$T/flood.stats")
emit=$(stat "stat emit_cycles_x100" "$T/flood.stats")

for i in 1 2 3 4 5; do
	"$MMSCOPE" record boot -o "$T/boot$i.mmt" --kernel "$KERNEL" --stats \
		2>"$T/boot$i.stats" || { cat "$T/boot$i.stats" >&2; exit 1; }
	stat "first event after QEMU start" "$T/boot$i.stats"
done | sort -n >"$T/first"
median=$(sed -n 3p "$T/first")

echo "COM2 stream: flood of $COUNT MARK records ($events events recorded)"
printf "  %-44s %s\n" \
	"events/s, first to last event timestamp:" \
	"$(stat 'events/s (timestamps)' "$T/flood.stats")" \
	"events/s, first to last arrival (wall):" \
	"$(stat 'events/s (wall clock)' "$T/flood.stats")" \
	"events lost:" "$lost" \
	"bytes per event on the wire:" "$(stat 'bytes/event' "$T/flood.stats")" \
	"kernel emit cost, cycles per event:" \
	"$(echo "$emit" | awk '{ printf "%.2f", $1 / 100 }')" \
	"mmscope CPU time for the recording:" \
	"$(sed -n 's/^mmscope cpu time: //p' "$T/flood.stats")"
echo "QEMU start to first event, median of 5 boots: $median ms" \
	"(all: $(tr '\n' ' ' <"$T/first"| sed 's/ $//'))"
