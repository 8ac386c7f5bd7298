/*
 * vfork - the child borrows our mm (CLONE_VM) while we sleep, until its
 * exec lets go of it (mm_release); it runs hello; we reap it.
 */
#include "scenes.h"

int scene_vfork(void)
{
	int pid, status;

	pid = vfork();
	if (pid == 0) {
		execve("hello");
		exit(127);
	}
	CHECK(pid > 0, "vfork returned %d", pid);
	CHECK(wait(pid, &status) == pid, "wait for %d", pid);
	CHECK(status == 0, "status 0x%x", status);
	return 0;
}
