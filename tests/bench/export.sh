#!/bin/sh
# export.sh - `mmscope export` on the 10-million-event trace of core.sh:
# for CTF and for Perfetto's JSON, the time it takes (wall and CPU), the
# events per second, the size written against the trace's, and the peak
# memory.  A benchmark: it prints figures and fails only if a step fails.
#
# The trace is core.sh's ($BUILD/bench/core-10M.mmt, made the same way
# when it is missing or older than gentrace); the outputs are removed at
# the end, they are large.
#
# Environment (set by `scons bench`): BUILD, MMSCOPE.
set -eu
B=$BUILD/bench
TRACE=$B/core-10M.mmt
mkdir -p "$B"
if [ ! -s "$TRACE" ] || [ "$BUILD/tests/gentrace" -nt "$TRACE" ]; then
	"$BUILD/tests/gentrace" -o "$TRACE" --events 10000000 --cpus 4 \
		--tasks 64 --mms 32 --kthreads 8 --seed 1 2>/dev/null
fi
trap 'rm -rf "$B/export.ctf" "$B/export.json"' EXIT

# run CMD...: prints peak RSS (KiB), CPU seconds and wall seconds
run() {
	python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t0 = time.monotonic()
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(ru.ru_maxrss, "%.3f" % (ru.ru_utime + ru.ru_stime), "%.3f" % wall)
sys.exit(rc)
PY
}

size=$(wc -c <"$TRACE")
events=$("$MMSCOPE" dump --stats "$TRACE" 2>&1 >/dev/null |
	sed -n 's/^events: //p')

# figures FORMAT OUT: one export, its figures
figures() {
	rm -rf "$2"
	set -- "$1" "$2" $(run "$MMSCOPE" export "$TRACE" --format "$1" -o "$2")
	out=$(du -sb "$2" | cut -f1)
	printf "  %-10s %7.2f s wall %7.2f s CPU %10s events/s  %6d MiB (%.2f x the trace, %.1f bytes/event)  peak RSS %d MiB\n" \
		"$1" "$5" "$4" \
		"$(awk -v e="$events" -v w="$5" 'BEGIN { printf "%d", e / w }')" \
		$((out / 1048576)) \
		"$(awk -v o="$out" -v t="$size" 'BEGIN { print o / t }')" \
		"$(awk -v o="$out" -v e="$events" 'BEGIN { print o / e }')" \
		$(($3 / 1024))
}

echo "mmscope export: $events events of 4 CPUs, trace $((size / 1048576)) MiB"
figures ctf "$B/export.ctf"
figures perfetto "$B/export.json"
