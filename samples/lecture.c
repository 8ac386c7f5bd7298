/*
 * lecture - every lifecycle scene in order, each a chapter introduced
 * by a sentence a lecturer can read aloud (a MARK that starts chapter
 * n of 8, or of 7 on one CPU: the inspector's chapter bar and its [ and
 * ] keys), then, with two CPUs or more, the cross-CPU case.  We stay on CPU 0 (and so do our children
 * and the kernel threads, which start on kthreadd's CPU 0), so the
 * one-CPU scenes run as they do on one CPU; only the last uses CPU 1.
 */
#include "scenes.h"

static const struct {
	const char *text;		/* at most 48 bytes: one MARK */
	int (*scene)(void);
} parts[] = {
	{ "fork: the child gets its own copy of the mm", scene_fork_exit },
	{ "threads: CLONE_VM shares one mm: mm_users 3", scene_threads },
	{ "vfork: the child uses our mm until it execs", scene_vfork },
	{ "exec: a new mm; the old one is freed at once", scene_exec },
	{ "kthread: a kernel thread borrows our mm", scene_kthread_borrow },
	{ "use_mm: a kernel thread adopts our mm", scene_use_mm },
	{ "zombie: a dead task's mm outlives it", scene_zombie_mm },
};

#define NPARTS	(int)(sizeof(parts) / sizeof(parts[0]))

int main(void)
{
	int i, chapters = NPARTS + (ncpus() >= 2);

	if (pin(0) < 0)
		return 1;
	for (i = 0; i < NPARTS; i++) {
		chapter(i + 1, chapters, parts[i].text);
		if (parts[i].scene() != 0)
			return 1;
	}
	if (ncpus() >= 2) {
		chapter(chapters, chapters,
			"cross-CPU: A exits on cpu 0, B borrows on 1");
		if (scene_cross_cpu_exit() != 0)
			return 1;
	} else {
		mark("one CPU: the cross-CPU part needs two");
	}
	mark("lecture: the end; init exits, the run ends");
	return 0;
}
