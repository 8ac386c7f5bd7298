#!/bin/sh
# core.sh - the inspector core on a 10-million-event trace: decode, event
# log, model and checker throughput (target: 10 M events/s on one core),
# seeking to random events (target: p99 <= 5 ms), and peak memory against
# the trace's size (target: <= 2x; the trace is read three times, each
# read freeing the last first).  A benchmark: it prints figures and
# fails only if a step fails.
#
# The trace is synthetic (build/tests/gentrace: 4 CPUs, 64 tasks, 32 mms,
# 8 kernel threads) and kept under $BUILD/bench, remade when gentrace is
# newer.  The figures come from build/tests/benchcore, which reads the
# trace through a timeline as every verb does, and from `mmscope check`.
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

# run OUT CMD...: CMD's stdout in OUT; prints its peak RSS (KiB) and the
# CPU seconds it used
run() {
	python3 - "$@" <<'PY'
import resource, subprocess, sys, time
out = open(sys.argv[1], "w")
t0 = time.monotonic()
rc = subprocess.call(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(ru.ru_maxrss, "%.3f" % (ru.ru_utime + ru.ru_stime), "%.3f" % wall)
sys.exit(rc)
PY
}

key() {	# key NAME FILE: the value of "NAME: value"
	sed -n "s|^$1: ||p" "$2" | head -n 1
}

set -- $(run "$B/core.out" "$BUILD/tests/benchcore" "$TRACE" 2000)
rss=$1
set -- $(run "$B/check.out" "$MMSCOPE" check "$TRACE")
check_wall=$3
size=$(wc -c <"$TRACE")
events=$(key events "$B/core.out")

echo "inspector core: $events events of 4 CPUs, trace $((size / 1048576)) MiB"
printf "  %-44s %s\n" \
	"decode+model+checker, events/s (wall, best of 3):" \
	"$(key events/s "$B/core.out") (target >= 10000000)" \
	"decode+model+checker, events/s (user CPU):" \
	"$(key 'events/s user' "$B/core.out")" \
	"  seconds:" "$(key 'load seconds' "$B/core.out")" \
	"  the three reads, seconds wall:" \
	"$(sed -n 's/^load [0-9] seconds: \([0-9.]*\) wall.*/\1/p' "$B/core.out" | tr '\n' ' ')" \
	"mmscope check, whole verb, wall seconds:" "$check_wall" \
	"seek to a random event, p50 ms:" "$(key 'seek p50 ms' "$B/core.out")" \
	"seek to a random event, p99 ms:" \
	"$(key 'seek p99 ms' "$B/core.out") (target <= 5)" \
	"seek, worst of 2000 ms:" "$(key 'seek max ms' "$B/core.out")" \
	"snapshots:" "$(key snapshots "$B/core.out")" \
	"event log bytes / trace bytes:" \
	"$(awk -v l="$(key 'log bytes' "$B/core.out")" -v t="$size" 'BEGIN { printf "%.2f", l / t }')" \
	"peak RSS / trace size:" \
	"$(awk -v r="$rss" -v t="$size" 'BEGIN { printf "%.2f (%d MiB; target <= 2)", r * 1024 / t, r / 1024 }')"
