/*
 * sysproc.c - the system calls about tasks, time and output.  User
 * pointers arrive as uint and are only touched through uaccess.c.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "errno.h"
#include "x86.h"
#include "cmdline.h"
#include "mm.h"
#include "sched.h"
#include "syscall.h"
#include "trace.h"

/* park/unpark: park_wq.lock protects every task's park_tokens */
static wait_queue_head_t park_wq = {
	.lock = { .name = "park_wq" }, .task_list = LIST_HEAD_INIT(park_wq.task_list)
};

long sys_fork(void)
{
	struct thread_start ts = { 0 };

	return do_fork(0, &ts);
}

long sys_vfork(void)
{
	struct thread_start ts = { 0 };

	return do_fork(CLONE_VM | CLONE_VFORK, &ts);
}

/* clone(flags, stack, fn, arg): the child runs fn(arg) on stack (if fn) */
long sys_clone(uint flags, uint stack, uint fn, uint arg)
{
	struct thread_start ts = { .usp = stack, .entry = fn, .uarg = arg };

	if (flags & ~(CLONE_VM | CLONE_VFORK))
		return -EINVAL;
	return do_fork(flags, &ts);
}

long sys_execve(uint uname)
{
	char name[ARG_MAX_NAME];
	long n = strncpy_from_user(name, uname, sizeof(name));

	return n < 0 ? n : do_execve(name);
}

long sys_exit(uint code)
{
	do_exit((code & 0xFF) << 8);
}

long sys_wait(uint pid, uint ustatus)
{
	return do_wait((int) pid, ustatus);
}

long sys_getpid(void)
{
	return current->tgid;
}

long sys_getppid(void)
{
	struct task_struct *parent;
	long ppid;

	acquire(&tasklist_lock);
	parent = current->parent;
	ppid = parent ? parent->tgid : 0;
	release(&tasklist_lock);
	return ppid;
}

long sys_yield(void)
{
	yield();
	return 0;
}

/* sleep(ms), at most a minute */
long sys_sleep(uint ms)
{
	msleep(MIN(ms, 60000));
	return 0;
}

/* write(fd, buf, n): fd 1 or 2, to the COM1 console */
long sys_write(uint fd, uint ubuf, uint n)
{
	char buf[WRITE_CHUNK];
	uint done, chunk;

	if (fd != 1 && fd != 2)
		return -EINVAL;
	for (done = 0; done < n; done += chunk) {
		chunk = MIN(n - done, sizeof(buf));
		if (copy_from_user(buf, ubuf + done, chunk) < 0)
			return done ? (long) done : -EFAULT;
		console_write(buf, chunk);
	}
	return n;
}

/* mark(text): narration, a MARK record (and a COM1 line) */
long sys_mark(uint utext)
{
	char text[MMT_TEXT_MAX + 1];
	long n = strncpy_from_user(text, utext, sizeof(text));

	if (n == -EFAULT)
		return n;
	trace_mark(current->pid, 0, 0, text);
	cprintf("mark %d: %s\n", current->pid, text);
	return 0;
}

/*
 * chapter(n, total, text): a MARK that starts chapter n of total, for
 * the inspector's chapter bar and its jumps (PROTOCOL.md 3.1).
 */
long sys_chapter(uint n, uint total, uint utext)
{
	char text[MMT_TEXT_MAX + 1];
	long len;

	if (n < 1 || n > total || total > 255)
		return -EINVAL;
	len = strncpy_from_user(text, utext, sizeof(text));
	if (len == -EFAULT)
		return len;
	trace_mark(current->pid, n, total, text);
	cprintf("chapter %u/%u %d: %s\n", n, total, current->pid, text);
	return 0;
}

/* park(): sleep until someone unparks us (or return at once if they did) */
long sys_park(void)
{
	struct task_struct *me = current;
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait(&park_wq, &wait, TASK_INTERRUPTIBLE);
		acquire(&park_wq.lock);
		if (me->park_tokens > 0) {
			me->park_tokens--;
			release(&park_wq.lock);
			break;
		}
		release(&park_wq.lock);
		schedule();
	}
	finish_wait(&park_wq, &wait);
	return 0;
}

long sys_unpark(uint pid)
{
	struct task_struct *p = find_get_task(pid);

	if (!p)
		return -ESRCH;
	acquire(&park_wq.lock);
	p->park_tokens++;
	release(&park_wq.lock);
	wake_up(&park_wq);
	put_task_struct(p);
	return 0;
}

long sys_param(uint what)
{
	switch (what) {
	case PARAM_COUNT:
		return cmdline.count;
	case PARAM_TSC_KHZ:
		return tsc_khz;
	case PARAM_ERA:
		return cmdline.era;
	case PARAM_NCPU:
		return popcount(cpu_online_mask);
	case PARAM_SEED:
		return cmdline.seed;
	}
	return -EINVAL;
}

/*
 * stat(name, value): a figure the scenario measured, as a STAT record.
 * The ring is flushed first, so that even in overflow mode the figure
 * the run was for is not dropped.
 */
long sys_stat(uint uname, uint value)
{
	char name[MMT_REC_MAX];
	long n = strncpy_from_user(name, uname, sizeof(name));

	if (n == -EFAULT)
		return n;
	trace_flush();
	trace_stat(name, value);
	cprintf("stat %s: %u\n", name, value);
	return 0;
}

/*
 * sched_setaffinity(pid, mask): pid (0: the caller) may run only on the
 * CPUs in mask; it moves now if it must (migrate.c), and the call
 * returns once it has left its CPU.  Children inherit the mask.
 */
long sys_sched_setaffinity(uint pid, uint mask)
{
	struct task_struct *p = pid ? find_get_task(pid) : current;
	long err;

	if (!p)
		return -ESRCH;
	err = set_cpus_allowed(p, mask);
	if (pid)
		put_task_struct(p);
	return err;
}

long sys_sched_getcpu(void)
{
	return current->cpu;
}

long sys_brk(uint addr)
{
	return do_brk(current->mm, addr);
}

long sys_mmap(uint len)
{
	return do_mmap(current->mm, len);
}

long sys_munmap(uint addr, uint len)
{
	return do_munmap(current->mm, addr, len);
}
