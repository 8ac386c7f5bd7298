#!/bin/sh
# fuzz.sh - benchmark: executions per second of each fuzz target (a few
# seconds each, on its corpus), as libFuzzer counts them.  Figures only.
#
# Environment (set by `scons bench`): FUZZ_BUILD (build-fuzz/).
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
echo "== fuzz targets: executions per second (${FUZZ_SECONDS:-5} s each)"
python3 "$ROOT/tests/fuzz/fuzz.py" --quiet --build "${FUZZ_BUILD:-$ROOT/build-fuzz}" \
	--seconds "${FUZZ_SECONDS:-5}" || echo "fuzz.sh: a target found something (above)"
