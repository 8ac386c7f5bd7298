/*
 * threads - two CLONE_VM threads: three tasks share one mm (mm_users 3,
 * mm_count 1).  Each thread marks and exits; we wait for both.
 */
#include "scenes.h"

static int thread_main(void *arg)
{
	char text[32];

	snprintf(text, sizeof(text), "thread %d: exit(0)", (int) arg);
	mark(text);
	return 0;
}

int scene_threads(void)
{
	int t1, t2, s1 = -1, s2 = -1;

	t1 = thread_create(thread_main, (void *) 1);
	t2 = thread_create(thread_main, (void *) 2);
	CHECK(t1 > 0 && t2 > 0, "thread_create: %d, %d", t1, t2);
	mark("three tasks share one mm: users 3, count 1");
	CHECK(thread_join(t1, &s1) == t1, "join %d", t1);
	CHECK(thread_join(t2, &s2) == t2, "join %d", t2);
	CHECK(s1 == 0 && s2 == 0, "statuses 0x%x 0x%x", s1, s2);
	return 0;
}
