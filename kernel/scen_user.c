/*
 * scen_user.c - the scenarios that are user programs (samples/NAME.c):
 * init execs the program; the run ends when it has exited and every
 * task is gone.  samples/README.md says what to watch in each.
 */
#include "types.h"
#include "scenario.h"

SCENARIO_PROG("fork_exit", 1, ALL_ERAS, 0,
	      "fork a child that exits; reap it: dup_mm, exit_mm, the prev_mm drop");
