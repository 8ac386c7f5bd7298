/*
 * exec.c - execve of the programs built into the kernel image (Linux's
 * fs/exec.c and binfmt_elf, small), and kernel_execve for init.
 *
 * The programs are ELF files that kernel/SConscript links into the image
 * with a table (programs.S) of {name, ELF, size}.  execve(name) builds
 * the new address space first: a new mm (MM_ALLOC, reason exec), a
 * region per loadable segment, an empty heap after them, a stack below
 * KERNBASE; only then exec_mmap swaps it in, so a failure leaves the
 * caller as it was.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "errno.h"
#include "memlayout.h"
#include "mmu.h"
#include "x86.h"
#include "elf.h"
#include "mm.h"
#include "sched.h"
#include "trace.h"

struct program {
	const char *name;		/* what execve() asks for */
	const uchar *elf;		/* the ELF file, in the kernel image */
	uint size;			/* its bytes */
};

extern const struct program programs[];	/* programs.S, generated */
extern const uint nprograms;

static const struct program *find_program(const char *name)
{
	uint i;

	for (i = 0; i < nprograms; i++)
		if (strcmp(programs[i].name, name) == 0)
			return &programs[i];
	return 0;
}

/* Is segment ph of prog inside the file and inside the program area? */
static int segment_ok(const struct program *prog, const struct proghdr *ph)
{
	return ph->filesz <= ph->memsz && ph->off <= prog->size &&
	       ph->filesz <= prog->size - ph->off && ph->vaddr >= PGSIZE &&
	       ph->vaddr < MMAP_BASE && ph->memsz <= MMAP_BASE - ph->vaddr;
}

static int load_segment(struct mm_struct *mm, const struct program *prog,
			const struct proghdr *ph)
{
	uint start = PGROUNDDOWN(ph->vaddr), end = PGROUNDUP(ph->vaddr + ph->memsz);
	uint flags = VM_READ | (ph->flags & ELF_PROG_FLAG_WRITE ? VM_WRITE : 0) |
		     (ph->flags & ELF_PROG_FLAG_EXEC ? VM_EXEC : 0);
	int err;

	if (!segment_ok(prog, ph))
		return -ENOEXEC;
	if ((err = mm_add_region(mm, start, end, flags)) < 0)
		return err;
	return load_to_mm(mm, ph->vaddr, prog->elf + ph->off, ph->filesz);
}

/* prog's loadable segments into mm; the heap starts after the last. */
static int load_elf(struct mm_struct *mm, const struct program *prog, uint *entry)
{
	const struct elfhdr *eh = (const void *) prog->elf;
	const struct proghdr *ph;
	uint i, end = 0;
	int err;

	if (prog->size < sizeof(*eh) || eh->magic != ELF_MAGIC ||
	    eh->phentsize != sizeof(*ph) || eh->phoff > prog->size ||
	    eh->phnum > (prog->size - eh->phoff) / sizeof(*ph))
		return -ENOEXEC;
	for (i = 0; i < eh->phnum; i++) {
		ph = (const void *) (prog->elf + eh->phoff + i * sizeof(*ph));
		if (ph->type != ELF_PROG_LOAD)
			continue;
		if ((err = load_segment(mm, prog, ph)) < 0)
			return err;
		end = MAX(end, PGROUNDUP(ph->vaddr + ph->memsz));
	}
	mm->start_brk = mm->brk = end;
	*entry = eh->entry;
	return end ? 0 : -ENOEXEC;
}

/*
 * Linux's exec_mmap: current lets go of its old mm (mm_release wakes a
 * vfork parent), takes mm as mm and active_mm and loads it
 * (activate_mm), then puts the old mm, or drops the active_mm it
 * borrowed if it was a kernel thread (init's first exec).
 */
static noinline void exec_mmap(struct mm_struct *mm, const char *comm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old_mm = tsk->mm, *active_mm;

	mm_release(tsk, old_mm);
	task_lock(tsk);
	active_mm = tsk->active_mm;
	tsk->mm = mm;
	tsk->active_mm = mm;
	trace_exec(tsk->pid, old_mm ? old_mm->id : 0, mm->id, comm);
	activate_mm(active_mm, mm);
	task_unlock(tsk);
	if (old_mm) {
		mmput(old_mm, MMT_WHY_EXEC);
		return;
	}
	mmdrop(active_mm, MMT_WHY_EXEC_LAZY);
}

/* User mode at eip with stack esp, interrupts on: the registers exec leaves. */
static void start_thread(struct trapframe *tf, uint eip, uint esp)
{
	memset(tf, 0, sizeof(*tf));
	tf->cs = (SEG_UCODE << 3) | DPL_USER;
	tf->ds = tf->es = tf->fs = tf->gs = tf->ss = (SEG_UDATA << 3) | DPL_USER;
	tf->eflags = FL_IF;
	tf->eip = eip;
	tf->esp = esp;
}

/*
 * Replace current's program by the one named name.  On success the
 * trap frame returns into the new program; 0 or -errno.
 */
long do_execve(const char *name)
{
	const struct program *prog = find_program(name);
	struct mm_struct *mm;
	uint entry;
	long err;

	if (!prog)
		return -ENOENT;
	if ((mm = mm_alloc(current, MMT_ALLOC_EXEC)) == 0)
		return -ENOMEM;
	if ((err = load_elf(mm, prog, &entry)) < 0 ||
	    (err = mm_add_region(mm, KERNBASE - USTACK_PAGES * PGSIZE, KERNBASE,
				 VM_READ | VM_WRITE | VM_GROWSDOWN)) < 0) {
		mmput(mm, MMT_WHY_EXEC_FAIL);
		return err;
	}
	exec_mmap(mm, prog->name);
	current->flags &= ~PF_KTHREAD;
	set_task_comm(current, prog->name);
	start_thread(current->tf, entry, KERNBASE - 16);
	return 0;
}

/* init's exec: from a kernel thread into user mode; returns only on failure. */
long kernel_execve(const char *name)
{
	long err = do_execve(name);

	if (err < 0)
		return err;
	ret_to_user(current->tf);
}
