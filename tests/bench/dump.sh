#!/bin/sh
# dump.sh - how fast `mmscope dump` prints a trace: events per second in
# text and in JSON (target: >= 2000000 each), by the wall clock and by
# the CPU time dump used (user + system; on a busy machine the wall
# clock counts other programs' turns too), best of 3 runs, with symbols,
# the output to /dev/null; and the bytes of output per event.  A
# benchmark: it prints figures and fails only if a run fails.
#
# The trace is synthetic (build/tests/gentrace: 2 M events of 4 CPUs)
# and kept under $BUILD/bench, remade when gentrace is newer.
#
# Environment (set by `scons bench`): BUILD, MMSCOPE, KERNEL.
set -eu
B=$BUILD/bench
TRACE=$B/dump-2M.mmt
mkdir -p "$B"
if [ ! -s "$TRACE" ] || [ "$BUILD/tests/gentrace" -nt "$TRACE" ]; then
	"$BUILD/tests/gentrace" -o "$TRACE" --events 2000000 --cpus 4 \
		--tasks 64 --mms 32 --kthreads 8 --seed 2 2>/dev/null
fi

# best FORMAT-OPTION...: "wall cpu" seconds of the fastest of 3 dumps
best() {
	python3 - "$MMSCOPE" "$TRACE" "$KERNEL" "$@" <<'PY'
import resource, subprocess, sys, time
mmscope, trace, kernel, opts = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
walls, cpus = [], []
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    rc = subprocess.call([mmscope, "dump", trace, "--kernel", kernel] + opts,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if rc:
        sys.exit("mmscope dump %s exited %d" % (" ".join(opts), rc))
    walls.append(time.monotonic() - t0)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
print("%.3f %.3f" % (min(walls), min(cpus)))
PY
}

events=$("$MMSCOPE" dump --json "$TRACE" 2>/dev/null | grep -c '"type"')
size=$(wc -c <"$TRACE")
echo "mmscope dump: $events events of 4 CPUs, trace $((size / 1048576)) MiB, symbols from the kernel ELF"
for format in text json; do
	opt=$([ $format = json ] && echo --json || true)
	set -- $(best $opt)
	bytes=$("$MMSCOPE" dump $opt "$TRACE" --kernel "$KERNEL" 2>/dev/null | wc -c)
	printf "  %-44s %s\n" \
		"$format, events/s (wall, best of 3):" \
		"$(awk -v e="$events" -v s="$1" 'BEGIN { printf "%.0f", e / s }') (target >= 2000000)" \
		"$format, events/s (CPU time, best of 3):" \
		"$(awk -v e="$events" -v s="$2" 'BEGIN { printf "%.0f", e / s }')" \
		"$format, bytes of output per event:" \
		"$(awk -v e="$events" -v b="$bytes" 'BEGIN { printf "%.1f", b / e }')"
done
