/*
 * uaccess.c - copying between the kernel and a user address space:
 * copy_to_user, copy_from_user, strncpy_from_user (of current's mm) and
 * copy_to_mm (of any mm: clone writes its child's stack).
 *
 * An address is good if a user page is mapped there (writable, for a
 * write), found by walking the mm's page tables under its mmap_lock;
 * the copy goes through the kernel's direct map of that page, so a bad
 * user pointer is -EFAULT, never a kernel fault.
 */
#include "types.h"
#include "defs.h"
#include "errno.h"
#include "memlayout.h"
#include "mmu.h"
#include "mm.h"
#include "sched.h"

/* The kernel address of user address va in mm, or 0 if not accessible. */
static char *user_page(struct mm_struct *mm, uint va, int write)
{
	pte_t *pte;

	if (va >= KERNBASE || (pte = walkpgdir(mm->pgd, va, 0)) == 0)
		return 0;
	if (!(*pte & PTE_P) || !(*pte & PTE_U) || (write && !(*pte & PTE_W)))
		return 0;
	return (char *) P2V(PTE_ADDR(*pte)) + (va % PGSIZE);
}

/*
 * Copy n bytes between buf and va in mm: into mm if write.  force writes
 * read-only pages too (exec loading program text).  0 or -EFAULT.
 */
static int mm_access(struct mm_struct *mm, uint va, void *buf, uint n, int write, int force)
{
	char *k, *b = buf;
	uint chunk;
	int err = 0;

	if (!mm)
		return -EFAULT;
	acquire(&mm->mmap_lock);
	for (; n > 0; n -= chunk, va += chunk, b += chunk) {
		chunk = MIN(n, PGSIZE - va % PGSIZE);
		if ((k = user_page(mm, va, write && !force)) == 0) {
			err = -EFAULT;
			break;
		}
		if (write)
			memmove(k, b, chunk);
		else
			memmove(b, k, chunk);
	}
	release(&mm->mmap_lock);
	return err;
}

int copy_to_mm(struct mm_struct *mm, uint dst, const void *src, uint n)
{
	return mm_access(mm, dst, (void *) src, n, 1, 0);
}

/* exec: program bytes into mm, read-only pages included. */
int load_to_mm(struct mm_struct *mm, uint dst, const void *src, uint n)
{
	return mm_access(mm, dst, (void *) src, n, 1, 1);
}

int copy_to_user(uint dst, const void *src, uint n)
{
	return copy_to_mm(current->mm, dst, src, n);
}

int copy_from_user(void *dst, uint src, uint n)
{
	return mm_access(current->mm, src, dst, n, 0, 0);
}

/*
 * Copy the NUL-terminated user string at src into dst (max bytes, NUL
 * included); its length, -EFAULT, or -ENAMETOOLONG if it does not fit.
 */
long strncpy_from_user(char *dst, uint src, uint max)
{
	uint i;

	for (i = 0; i < max; i++) {
		if (copy_from_user(&dst[i], src + i, 1) < 0)
			return -EFAULT;
		if (dst[i] == 0)
			return i;
	}
	dst[max - 1] = 0;
	return -ENAMETOOLONG;
}
