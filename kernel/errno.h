/*
 * errno.h - error numbers (Linux's values).  System calls return them
 * negated.  Shared by the kernel and the user runtime.
 */
#ifndef KERNEL_ERRNO_H
#define KERNEL_ERRNO_H

#define ESRCH		3	/* no such task */
#define EINTR		4	/* interrupted (a kthread stopped before it ran) */
#define ENOEXEC		8	/* not an executable */
#define ECHILD		10	/* no child to wait for */
#define EAGAIN		11	/* out of pids */
#define ENOMEM		12	/* out of memory */
#define EFAULT		14	/* bad user address */
#define EINVAL		22	/* bad argument */
#define ENOENT		2	/* no such program */
#define ENAMETOOLONG	36	/* name too long */
#define ENOSYS		38	/* no such system call */
#define ETIMEDOUT	110	/* waited too long */

#endif /* KERNEL_ERRNO_H */
