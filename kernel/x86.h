/*
 * x86.h - inline wrappers for the x86 instructions C cannot express.
 */
#ifndef KERNEL_X86_H
#define KERNEL_X86_H

#include "types.h"

static inline uchar inb(ushort port)
{
	uchar data;

	asm volatile("inb %1, %0" : "=a" (data) : "d" (port));
	return data;
}

static inline void outb(ushort port, uchar data)
{
	asm volatile("outb %0, %1" : : "a" (data), "d" (port));
}

static inline ushort inw(ushort port)
{
	ushort data;

	asm volatile("inw %1, %0" : "=a" (data) : "d" (port));
	return data;
}

static inline void outw(ushort port, ushort data)
{
	asm volatile("outw %0, %1" : : "a" (data), "d" (port));
}

static inline uint inl(ushort port)
{
	uint data;

	asm volatile("inl %1, %0" : "=a" (data) : "d" (port));
	return data;
}

static inline void outl(ushort port, uint data)
{
	asm volatile("outl %0, %1" : : "a" (data), "d" (port));
}

static inline void lgdt(void *p, int size)
{
	volatile ushort pd[3];

	pd[0] = size - 1;
	pd[1] = (uint) p;
	pd[2] = (uint) p >> 16;
	asm volatile("lgdt (%0)" : : "r" (pd));
}

static inline void lidt(void *p, int size)
{
	volatile ushort pd[3];

	pd[0] = size - 1;
	pd[1] = (uint) p;
	pd[2] = (uint) p >> 16;
	asm volatile("lidt (%0)" : : "r" (pd));
}

static inline void ltr(ushort sel)
{
	asm volatile("ltr %0" : : "r" (sel));
}

static inline uint readeflags(void)
{
	uint eflags;

	asm volatile("pushfl; popl %0" : "=r" (eflags));
	return eflags;
}

static inline void cli(void)
{
	asm volatile("cli" ::: "memory");
}

static inline void sti(void)
{
	asm volatile("sti" ::: "memory");
}

static inline void hlt(void)
{
	asm volatile("hlt");
}

/* Spin-wait hint: tells the CPU (and QEMU) we are polling. */
static inline void pause(void)
{
	asm volatile("pause" ::: "memory");
}

static inline uint xchg(volatile uint *addr, uint newval)
{
	uint result;

	/* The + in "+m" denotes a read-modify-write operand. */
	asm volatile("lock; xchgl %0, %1" :
		     "+m" (*addr), "=a" (result) :
		     "1" (newval) :
		     "cc");
	return result;
}

static inline uint64 rdtsc(void)
{
	uint lo, hi;

	asm volatile("rdtsc" : "=a" (lo), "=d" (hi));
	return ((uint64) hi << 32) | lo;
}

static inline uint rcr2(void)
{
	uint val;

	asm volatile("movl %%cr2, %0" : "=r" (val));
	return val;
}

static inline uint rcr3(void)
{
	uint val;

	asm volatile("movl %%cr3, %0" : "=r" (val));
	return val;
}

static inline void lcr3(uint val)
{
	asm volatile("movl %0, %%cr3" : : "r" (val) : "memory");
}

/* Forget the TLB entry of one page. */
static inline void invlpg(uint va)
{
	asm volatile("invlpg (%0)" : : "r" (va) : "memory");
}

/*
 * Flush this CPU's TLB: reload CR3 with the page directory already in
 * it.  Not a CR3_LOAD in the trace: which pgd is loaded does not change.
 */
static inline void local_flush_tlb(void)
{
	lcr3(rcr3());
}

/* The cpuid instruction (named so it is not mistaken for cpuid(), the CPU number). */
static inline void x86_cpuid(uint leaf, uint *a, uint *b, uint *c, uint *d)
{
	asm volatile("cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d) : "a" (leaf), "c" (0));
}

/*
 * Layout of the trap frame built on the stack by the hardware and by
 * alltraps in trapasm.S, and passed to trap().  This struct mirrors that
 * stack layout exactly: change one, change the other.
 */
struct trapframe {
	/* pushed by pushal in alltraps */
	uint edi;
	uint esi;
	uint ebp;
	uint oesp;		/* useless and ignored */
	uint ebx;
	uint edx;
	uint ecx;
	uint eax;

	/* segment registers, pushed by alltraps */
	ushort gs;
	ushort pad1;
	ushort fs;
	ushort pad2;
	ushort es;
	ushort pad3;
	ushort ds;
	ushort pad4;
	uint trapno;		/* pushed by the vector stub */

	/* pushed by the hardware (err by the stub when the CPU pushes none) */
	uint err;
	uint eip;
	ushort cs;
	ushort pad5;
	uint eflags;

	/* pushed by the hardware only when crossing from ring 3 */
	uint esp;
	ushort ss;
	ushort pad6;
};

#endif /* KERNEL_X86_H */
