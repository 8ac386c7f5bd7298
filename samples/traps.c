/*
 * traps - every kind of user fault kills only the task that faults: a
 * privileged instruction (cli: #GP), a division by zero (#DE), a write
 * to the program's read-only text, a read of kernel memory, int $32 (a
 * gate user code may not use: #GP), and a stack that overflows its
 * region.  Each child dies of the signal Linux sends; an unknown system
 * call number is -ENOSYS.
 */
#include "scenes.h"

static volatile int zero;

/* Deeper than any stack region: 512 bytes a frame for a million frames. */
static int recurse(int depth)
{
	volatile char frame[512];

	frame[0] = depth;
	if (depth > 1000000)
		return depth;
	return recurse(depth + 1) + frame[0];
}

static void fault_cli(void)
{
	asm volatile("cli");
}

static void fault_divide(void)
{
	uint q, divisor = zero;

	asm volatile("divl %2" : "=a" (q) : "a" (1), "r" (divisor), "d" (0));
	exit(q);
}

static void fault_text(void)
{
	*(volatile char *) fault_text = 0;
}

static void fault_kernel(void)
{
	exit(*(volatile int *) 0xC0100000);
}

static void fault_int(void)
{
	asm volatile("int $32");
}

static void fault_stack(void)
{
	exit(recurse(0));
}

static const struct {
	void (*fault)(void);
	int signal;			/* it must die of this */
} faults[] = {
	{ fault_cli, SIGSEGV }, { fault_divide, SIGFPE }, { fault_text, SIGSEGV },
	{ fault_kernel, SIGSEGV }, { fault_int, SIGSEGV }, { fault_stack, SIGSEGV },
};

int scene_traps(void)
{
	int pid, status, ret;
	uint i;

	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		if ((pid = fork()) == 0) {
			faults[i].fault();
			exit(0);
		}
		CHECK(pid > 0, "fork returned %d", pid);
		CHECK(wait(pid, &status) == pid, "wait for %d", pid);
		CHECK(!WIFEXITED(status) && WTERMSIG(status) == faults[i].signal,
		      "fault %u: status 0x%x", i, status);
	}
	asm volatile("int $0x80" : "=a" (ret) : "a" (NSYSCALLS + 7));
	CHECK(ret == -ENOSYS, "system call %d returned %d", NSYSCALLS + 7, ret);
	return 0;
}
