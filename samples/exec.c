/*
 * exec - fork a child (its own copy of the mm), which execs hello: the
 * copy is freed at once by exec's mmput; we reap it.
 */
#include "scenes.h"

int scene_exec(void)
{
	int pid, status;

	pid = fork();
	if (pid == 0) {
		execve("hello");
		exit(127);
	}
	CHECK(pid > 0, "fork returned %d", pid);
	CHECK(wait(pid, &status) == pid, "wait for %d", pid);
	CHECK(status == 0, "status 0x%x", status);
	return 0;
}
