#!/bin/sh
# gdb.sh - the gdbstub's costs on smp_stress, 4 CPUs: the time from a
# Ctrl-C to the verdict (the whole machine halted, every CPU's registers
# and per-CPU data, every live mm and the unsent ring records read, the
# model brought to the halt and compared), and the latency of a run to
# the next event (from the request to the verdict at that event).  A
# benchmark: it prints figures and fails only if a run fails.
#
# Environment (set by `scons bench`): MMSCOPE, KERNEL.
set -eu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# summary FILE: halts, mean and max ms to the verdict, mean mms and packets
summary() {
	sed -n 's/^halt [0-9]*: .*, \([0-9]*\) mms, \([0-9]*\) CPUs; \([0-9.]*\) ms .*/\1 \2 \3/p' "$1" |
		awk '{ n++; mm += $1; t += $3; if ($3 > max) max = $3 }
		     END { printf "%5d halts  %8.2f ms mean  %8.2f ms max  %6.1f mms  %s CPUs\n",
			   n, t / n, max, mm / n, $2 }'
}

echo "gdbstub on smp_stress, 4 CPUs (host: $(nproc) cores)"
"$MMSCOPE" verify smp_stress --smp 4 --count 1000 --every 100 --halts 20 \
	--kernel "$KERNEL" --timeout 300 -v >"$T/halt.out" 2>&1 || {
	tail -20 "$T/halt.out" >&2
	exit 1
}
printf "  Ctrl-C, read, verify:    "
summary "$T/halt.out"
printf "  snapshot read alone:     "
sed -n 's/.*read in \([0-9]*\) packets, \([0-9.]*\) ms/\1 \2/p' "$T/halt.out" |
	awk '{ n++; p += $1; t += $2 } END { printf "%8.1f packets  %8.2f ms mean\n", p / n, t / n }'
"$MMSCOPE" verify smp_stress --smp 4 --count 1000 --at any --halts 50 \
	--kernel "$KERNEL" --timeout 300 >"$T/next.out" 2>&1 || {
	tail -20 "$T/next.out" >&2
	exit 1
}
printf "  run to the next event:   "
summary "$T/next.out"

# mm_crowd: 50 mm_structs alive (51 with init_mm) for a second on 4
# CPUs; Ctrl-C halts every 50 ms, and the halts that found all 51 count.
"$MMSCOPE" verify mm_crowd --smp 4 --every 50 --halts 40 -v \
	--kernel "$KERNEL" --timeout 120 >"$T/crowd.out" 2>&1 || {
	tail -20 "$T/crowd.out" >&2
	exit 1
}
grep -A1 ', 51 mms, ' "$T/crowd.out" | grep -v '^--' >"$T/crowd51.out"
printf "  Ctrl-C, 51 live mms:     "
summary "$T/crowd51.out"
printf "  its read alone:          "
sed -n 's/.*read in \([0-9]*\) packets, \([0-9.]*\) ms/\1 \2/p' "$T/crowd51.out" |
	awk '{ n++; p += $1; t += $2; if ($2 > max) max = $2 }
	     END { printf "%8.1f packets  %8.2f ms mean  %8.2f ms max\n", p / n, t / n, max }'
