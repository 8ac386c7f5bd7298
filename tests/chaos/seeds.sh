#!/bin/sh
# seeds.sh - the chaos scenario (a random program drawn from its seed)
# on a bounded set of seeds: seed 11 on 1, 2 and 4 CPUs in both eras,
# and seed 259 on 4 CPUs in era 2.6.32 (the 1,000-seed run's one
# failure, a TSC measured on a held-up vCPU: kernel/tsc.c), each run
# checked against samples/chaos.expect (the checker's rules hold, END
# ok, no task, mm or page left, nothing lost) and run again
# under the gdbstub, halted every 25 ms to check guest memory against
# the trace (mmscope verify --every).  One TAP line per seed, CPU
# count and era; a failure says what and how to run it again.
# `scons chaos SEEDS=N` runs many more seeds.
: "${MMSCOPE:?MMSCOPE must name the mmscope program}"
: "${KERNEL:?KERNEL must name the kernel ELF}"
: "${TEST_TMPDIR:?TEST_TMPDIR must name a scratch directory}"
T=$TEST_TMPDIR/chaos.$$
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
python3 "$(dirname "$0")/../tools/chaos.py" --tap --seeds 1 --first 11 --cpus 1,2,4 \
	--also 259:4:2.6.32 \
	--verify-every 25 --keep "$T"
