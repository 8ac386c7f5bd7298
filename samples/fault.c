/*
 * fault - children that fault are killed like Linux kills them: a NULL
 * dereference (SIGSEGV), then ud2 (SIGILL); we check both wait
 * statuses, and that bad pointers to system calls are -EFAULT.
 */
#include "scenes.h"

int scene_fault(void)
{
	int pid, status;

	pid = fork();
	if (pid == 0)
		exit(*(volatile int *) 0);
	CHECK(pid > 0, "fork returned %d", pid);
	CHECK(wait(pid, &status) == pid, "wait for %d", pid);
	CHECK(!WIFEXITED(status) && WTERMSIG(status) == SIGSEGV, "status 0x%x", status);

	pid = fork();
	if (pid == 0) {
		asm volatile("ud2");
		exit(0);
	}
	CHECK(pid > 0, "fork returned %d", pid);
	CHECK(wait(pid, &status) == pid, "wait for %d", pid);
	CHECK(!WIFEXITED(status) && WTERMSIG(status) == SIGILL, "status 0x%x", status);

	CHECK(write(1, (void *) 16, 4) == -EFAULT, "write from address 16");
	CHECK(mark((const char *) 0xC0100000) == -EFAULT, "mark from a kernel address");
	CHECK(wait(-1, &status) == -ECHILD, "wait without children");
	return 0;
}
