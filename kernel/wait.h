/*
 * wait.h - wait queues and completions (Linux's <linux/wait.h> and
 * <linux/completion.h>, small).
 *
 * A sleeper sets its state before it tests its condition, so a wake-up
 * that comes in between makes schedule() return at once (sched.c):
 *
 *	DEFINE_WAIT(wait);
 *	for (;;) {
 *		prepare_to_wait(&q, &wait, TASK_INTERRUPTIBLE);
 *		if (condition)
 *			break;
 *		schedule();
 *	}
 *	finish_wait(&q, &wait);
 *
 * wait_event(q, condition) is that loop.  Lock order: a queue's lock,
 * then a runqueue's (try_to_wake_up).
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include "types.h"
#include "list.h"
#include "spinlock.h"

struct task_struct;

typedef struct wait_queue_head {
	struct spinlock lock;
	struct list_head task_list;	/* wait_queue_t entries, lock held */
} wait_queue_head_t;

typedef struct wait_queue {
	struct task_struct *task;	/* the sleeper */
	struct list_head entry;		/* on wait_queue_head.task_list */
} wait_queue_t;

#define DEFINE_WAIT(name) \
	wait_queue_t name = { .task = current, .entry = LIST_HEAD_INIT((name).entry) }

struct completion {
	uint done;			/* complete() calls not yet consumed (wait.lock) */
	wait_queue_head_t wait;
};

void init_waitqueue_head(wait_queue_head_t *q, const char *name);
void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *w, long state);
void finish_wait(wait_queue_head_t *q, wait_queue_t *w);
void wake_up(wait_queue_head_t *q);
void init_completion(struct completion *x, const char *name);
void complete(struct completion *x);
void wait_for_completion(struct completion *x);

#define wait_event(q, condition)					\
	do {								\
		DEFINE_WAIT(__wait);					\
		for (;;) {						\
			prepare_to_wait(&(q), &__wait, TASK_UNINTERRUPTIBLE); \
			if (condition)					\
				break;					\
			schedule();					\
		}							\
		finish_wait(&(q), &__wait);				\
	} while (0)

#endif /* KERNEL_WAIT_H */
