/*
 * fork_exit - fork a child that marks and exits 0; reap it.
 */
#include "scenes.h"

int scene_fork_exit(void)
{
	int pid, status;

	pid = fork();
	CHECK(pid >= 0, "fork returned %d", pid);
	if (pid == 0) {
		mark("child: exit(0)");
		exit(0);
	}
	CHECK(wait(pid, &status) == pid, "wait for %d", pid);
	CHECK(status == 0, "status 0x%x", status);
	return 0;
}
