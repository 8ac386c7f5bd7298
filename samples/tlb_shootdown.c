/*
 * tlb_shootdown - a munmap on CPU 0 while our thread T runs on CPU 1
 * and kernel thread K has borrowed our mm lazily on CPU 2.  The TLB
 * shootdown flushes CPU 1's TLB (T uses the mm), and makes CPU 2
 * leave_mm: it loads swapper_pg_dir and leaves mm_cpumask, while K
 * keeps the mm as active_mm, and its reference, until its next switch.
 * Everything is pinned, so this happens every run, in this order:
 *
 *   we (pinned to CPU 0) map a page, create K and bind it to CPU 2,
 *   make T and sleep; T moves to CPU 2, starts K there, moves to CPU
 *   1 (T->K on CPU 2: K borrows our mm), wakes us and spins; we unmap
 *   the page; then we move K and T to CPU 0, stop K and join T.
 *
 * With two CPUs there is no K (no lazy CPU); with one, T runs on CPU 0
 * too and no IPI is sent.
 */
#include "scenes.h"

#define PAGE	4096

static volatile int done;	/* T spins until we set it */
static int k, cpu_t;		/* K's pid (0: none), T's CPU */

static int thread_t(void *parent)
{
	if (k > 0) {
		if (pin(2) < 0)
			return 2;
		mark("T on cpu 2 wakes kernel thread K");
		if (kthread_start(k) < 0)
			return 3;
	}
	if (pin(cpu_t) < 0 || sched_getcpu() != cpu_t)
		return 4;
	if (k > 0)
		mark("T runs on cpu 1; K on cpu 2 is lazy on our mm");
	else
		mark(cpu_t ? "T runs on cpu 1" : "T runs on cpu 0");
	unpark((int) parent);
	while (!done)
		;
	return 0;
}

/* K and T to CPU 0, stop K, join T; 0 or 1 as a scene. */
static int finish(int t)
{
	int status = -1, r;

	if (k > 0)
		CHECK(sched_setaffinity(k, 1) == 0, "K to cpu 0");
	CHECK(sched_setaffinity(t, 1) == 0, "T to cpu 0");
	done = 1;
	if (k > 0) {
		r = kthread_stop(k);
		CHECK(r == 1, "K saw leave_mm: %d", r);
	}
	CHECK(thread_join(t, &status) == t, "join %d", t);
	CHECK(status == 0, "T's status 0x%x", status);
	return 0;
}

int scene_tlb_shootdown(void)
{
	int n = ncpus(), t;
	char *page;

	cpu_t = n > 1 ? 1 : 0;
	CHECK(pin(0) == 0, "pin to cpu 0");
	page = mmap(PAGE);
	CHECK((int) page > 0, "mmap returned %d", (int) page);
	page[0] = 1;
	k = 0;
	if (n >= 3) {
		k = kthread_create(KT_BUSY, 0, 0);
		CHECK(k > 0, "kthread_create returned %d", k);
		CHECK(kthread_bind(k, 2) == 0, "kthread_bind %d to cpu 2", k);
	} else {
		mark("fewer than 3 CPUs: no lazy CPU to leave the mm");
	}
	t = thread_create(thread_t, (void *) getpid());
	CHECK(t > 0, "thread_create returned %d", t);
	park();
	mark("munmap on cpu 0: TLB IPIs to the mm's cpus");
	CHECK(munmap(page, PAGE) == 0, "munmap");
	return finish(t);
}
