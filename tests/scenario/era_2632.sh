#!/bin/sh
# era_2632.sh - every scenario with era=2.6.32 (the default): it ends
# with END ok, nothing leaked, no PANIC, no gap, and a second run shows
# every mm the same sequence of reference operations.
. "$(dirname "$0")/lib.inc"
echo "1..$(clean_runs_plan)"
clean_runs 2.6.32
