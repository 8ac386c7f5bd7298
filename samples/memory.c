/*
 * memory - the user address space calls: brk grows and shrinks the heap,
 * mmap maps a region and munmap cuts a hole in it (two regions left);
 * a forked child sees copies of both (fork copies pages), changes them
 * without changing ours, and a second child that touches the hole is
 * killed.  A clone with a bad stack fails (its mmget undone: FORK_FAIL),
 * and an unknown program is -ENOENT.
 */
#include "scenes.h"

#define PAGE	4096
#define HEAP	(3 * PAGE)
#define REGION	(4 * PAGE)

static char *heap, *region;

/* What a forked child sees: our bytes; it changes its copies. */
static int child_checks(void)
{
	if (heap[0] != 'h' || heap[HEAP - 1] != 'H' || region[0] != 'r' ||
	    region[3 * PAGE] != 'R')
		return 1;
	heap[0] = region[0] = 'c';
	return 0;
}

static void noop(void *arg)
{
	(void) arg;
}

int scene_memory(void)
{
	int pid, status;

	heap = sbrk(HEAP);
	CHECK(heap != (char *) -1, "sbrk");
	heap[0] = 'h';
	heap[HEAP - 1] = 'H';
	region = mmap(REGION);
	CHECK((int) region > 0, "mmap returned %d", (int) region);
	region[0] = 'r';
	region[3 * PAGE] = 'R';
	CHECK(munmap(region + PAGE, 2 * PAGE) == 0, "munmap of the middle");

	if ((pid = fork()) == 0)
		exit(child_checks());
	CHECK(wait(pid, &status) == pid && status == 0, "child status 0x%x", status);
	CHECK(heap[0] == 'h' && region[0] == 'r', "the child's writes reached us");

	if ((pid = fork()) == 0)
		exit(region[PAGE]);		/* in the hole */
	CHECK(wait(pid, &status) == pid && WTERMSIG(status) == SIGSEGV, "status 0x%x", status);

	CHECK(clone(CLONE_VM, (void *) 0x1000, noop, 0) == -EFAULT, "clone, unmapped stack");
	CHECK(execve("nosuch") == -ENOENT, "execve of an unknown program");
	CHECK(munmap(region, REGION) == 0, "munmap of both halves");
	CHECK(sbrk(-HEAP) == heap + HEAP && brk(0) == heap, "heap shrunk back");
	return 0;
}
