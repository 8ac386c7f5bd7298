#!/bin/sh
# era_modern.sh - every scenario with era=modern (5.10's context_switch:
# kernel->kernel hands the borrow over): END ok, nothing leaked, no
# PANIC, no gap, and the same mm histories in a second run.
. "$(dirname "$0")/lib.inc"
echo "1..$(clean_runs_plan)"
clean_runs modern
