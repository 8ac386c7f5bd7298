/*
 * wait.c - wait queues and completions (wait.h).
 */
#include "types.h"
#include "defs.h"
#include "sched.h"
#include "wait.h"

void init_waitqueue_head(wait_queue_head_t *q, const char *name)
{
	initlock(&q->lock, name);
	INIT_LIST_HEAD(&q->task_list);
}

/* Queue w (once) and set current's state: the condition is tested after this. */
void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *w, long state)
{
	acquire(&q->lock);
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &q->task_list);
	set_current_state(state);
	release(&q->lock);
}

void finish_wait(wait_queue_head_t *q, wait_queue_t *w)
{
	set_current_state(TASK_RUNNING);
	acquire(&q->lock);
	list_del_init(&w->entry);
	release(&q->lock);
}

static void __wake_up_locked(wait_queue_head_t *q)
{
	wait_queue_t *w;

	list_for_each_entry(w, &q->task_list, entry)
		try_to_wake_up(w->task, TASK_NORMAL);
}

/* Wake every task waiting on q; they test their conditions again. */
void wake_up(wait_queue_head_t *q)
{
	acquire(&q->lock);
	__wake_up_locked(q);
	release(&q->lock);
}

void init_completion(struct completion *x, const char *name)
{
	x->done = 0;
	init_waitqueue_head(&x->wait, name);
}

/*
 * One waiter may go.  The wake-up happens under the lock: x often lives
 * on the waiter's stack (vfork), which is gone once the waiter can take
 * the lock and return.
 */
void complete(struct completion *x)
{
	acquire(&x->wait.lock);
	x->done++;
	__wake_up_locked(&x->wait);
	release(&x->wait.lock);
}

/* Sleep until complete(x) has been called once more than this has returned. */
void wait_for_completion(struct completion *x)
{
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait(&x->wait, &wait, TASK_UNINTERRUPTIBLE);
		acquire(&x->wait.lock);
		if (x->done > 0) {
			x->done--;
			release(&x->wait.lock);
			break;
		}
		release(&x->wait.lock);
		schedule();
	}
	finish_wait(&x->wait, &wait);
}
