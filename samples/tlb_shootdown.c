/*
 * tlb_shootdown - a munmap on CPU 0 while our thread T runs on CPU 1
 * and kernel thread K has borrowed our mm lazily on CPU 2.  The TLB
 * shootdown flushes CPU 1's TLB (T uses the mm).  CPU 2 is lazy:
 *
 *   2.6.32: it gets the IPI too and runs leave_mm: it loads
 *   swapper_pg_dir and leaves mm_cpumask, while K keeps the mm as
 *   active_mm, and its reference, until its next switch;
 *
 *   modern (5.10): the munmap frees no page tables, so the flush
 *   leaves the lazy CPU out (TLB_SKIP): it stays on our pgd, in the
 *   mask, with a stale TLB.  When T comes back to CPU 2, switch_mm
 *   finds the mm's tlb_gen past CPU 2's and flushes (TLB_CATCHUP);
 *   2.6.32 loads the pgd again instead.
 *
 * Everything is pinned, so this happens every run, in this order:
 *
 *   we (pinned to CPU 0) map a page, create K and bind it to CPU 2,
 *   make T and sleep; T moves to CPU 2, starts K there, moves to CPU
 *   1 (T->K on CPU 2: K borrows our mm), wakes us and spins; we unmap
 *   the page; we move K to CPU 0 (CPU 2's idle task keeps our mm
 *   lazily) and stop it there, and move T to CPU 2 (idle->T there)
 *   until it says it runs there; then we move T to CPU 0 and join it.  The
 *   unmapping of T's stack finds CPUs 1 and 2 lazy on our mm (their
 *   idle tasks); our exit_mmap frees the page tables, and in 5.10 that
 *   flush reaches the lazy CPUs that the one before left out.
 *
 * With two CPUs there is no K (no lazy CPU at the munmap); with one, T
 * runs on CPU 0 too and no IPI is sent.
 */
#include "scenes.h"

#define PAGE	4096

static volatile int done;	/* T spins until we set it */
static volatile int back;	/* T has run on CPU 2 again */
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
	while (!done) {
		if (!back && sched_getcpu() == 2) {	/* moved back by P */
			mark("T runs on cpu 2 again");
			back = 1;
		}
	}
	return 0;
}

/*
 * K to CPU 0 (CPU 2's idle task keeps our mm lazily), where we stop it
 * (on our CPU, so its end takes the same turns every run), then T back
 * to CPU 2: a switch from lazy mode to a user of the mm, after a flush
 * that (in 5.10) left CPU 2 out.  We spin until T runs there: alone on
 * CPU 0, we are not switched out meanwhile, however long it takes.
 */
static int back_to_cpu2(int t)
{
	int r;

	CHECK(sched_setaffinity(k, 1) == 0, "K to cpu 0");
	r = kthread_stop(k);

	/*
	 * -EINTR: K never got past its start (its virtual CPU was held up
	 * by a busy host); it is on CPU 2 all the same, and the trace shows
	 * what CPU 2 did.
	 */
	if (r != -EINTR && param(PARAM_ERA) == 2)
		CHECK(r == 0, "K never saw leave_mm in 5.10: %d", r);
	else if (r != -EINTR)
		CHECK(r == 1, "K saw leave_mm: %d", r);
	CHECK(sched_setaffinity(t, 1u << 2) == 0, "T to cpu 2");
	while (!back)
		;
	return 0;
}

/* K stopped, T back on CPU 2, then to CPU 0, joined; 0 or 1 as a scene. */
static int finish(int t)
{
	int status = -1;

	if (k > 0 && back_to_cpu2(t))
		return 1;
	CHECK(sched_setaffinity(t, 1) == 0, "T to cpu 0");
	done = 1;
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
