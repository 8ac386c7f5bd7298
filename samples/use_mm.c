/*
 * use_mm - a kernel thread W adopts our mm to write into our memory.
 * W is created first (not started); then we fork Q, start W and wait
 * for it: Q runs first and parks, so W's work starts on Q's mm, which
 * use_mm drops for ours.  Then we wake Q and reap it.
 */
#include "scenes.h"

static volatile uint value;	/* W writes USE_MM_VALUE here */

int scene_use_mm(void)
{
	int w, q, r, status;

	w = kthread_create(KT_USE_MM, getpid(), (uint) &value);
	CHECK(w > 0, "kthread_create returned %d", w);
	q = fork();
	if (q == 0) {
		park();
		exit(0);
	}
	CHECK(q > 0, "fork returned %d", q);
	CHECK(kthread_start(w) == 0, "kthread_start %d", w);
	r = kthread_join(w);
	CHECK(r == 0, "the use_mm thread returned %d", r);
	CHECK(value == USE_MM_VALUE, "value 0x%x", value);
	CHECK(unpark(q) == 0, "unpark %d", q);
	CHECK(wait(q, &status) == q, "wait for %d", q);
	CHECK(status == 0, "status 0x%x", status);
	return 0;
}
