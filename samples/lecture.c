/*
 * lecture - every lifecycle scene in order, each introduced by a
 * sentence a lecturer can read aloud (MARK).
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

int main(void)
{
	uint i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		mark(parts[i].text);
		if (parts[i].scene() != 0)
			return 1;
	}
	mark("lecture: the end; init exits, the run ends");
	return 0;
}
