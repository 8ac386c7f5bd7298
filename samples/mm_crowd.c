/*
 * mm_crowd - count= (default 50) mm_structs alive at once: P forks
 * count-1 children, each parks in its own copy of P's mm; with P's own
 * that makes count mms.  A MARK says when all are alive; P keeps them
 * so for CROWD_HOLD_MS, then unparks and reaps them one by one.  A state for a debugger to verify (the
 * gdbstub benchmark halts there), and a crowded mm panel.
 */
#include "scenes.h"

#define CROWD_DEFAULT	50
#define CROWD_MAX	200
#define CROWD_HOLD_MS	1000	/* time to halt the machine and look */

int scene_mm_crowd(void)
{
	int n = param(PARAM_COUNT), pid[CROWD_MAX], i, status;
	char text[64];

	if (n <= 0)
		n = CROWD_DEFAULT;
	CHECK(n >= 2 && n <= CROWD_MAX, "count=%d: 2..%d", n, CROWD_MAX);
	for (i = 0; i < n - 1; i++) {
		pid[i] = fork();
		CHECK(pid[i] >= 0, "fork %d returned %d", i, pid[i]);
		if (pid[i] == 0) {
			park();
			exit(0);
		}
	}
	snprintf(text, sizeof text, "mm_crowd: %d mms alive", n);
	mark(text);
	sleep(CROWD_HOLD_MS);
	for (i = 0; i < n - 1; i++) {
		CHECK(unpark(pid[i]) == 0, "unpark %d", pid[i]);
		CHECK(wait(pid[i], &status) == pid[i], "wait for %d", pid[i]);
		CHECK(status == 0, "child %d: status 0x%x", pid[i], status);
	}
	return 0;
}
