/*
 * mmu.h - x86 memory management unit: paging, segments, gates, TSS.
 * Shared by C and assembly.
 */
#ifndef KERNEL_MMU_H
#define KERNEL_MMU_H

/* EFLAGS */
#define FL_IF		0x00000200	/* interrupt enable */

/* control registers */
#define CR0_PE		0x00000001	/* protection enable */
#define CR0_WP		0x00010000	/* write protect, also for the kernel */
#define CR0_NW		0x20000000	/* not write-through: set on an AP after INIT */
#define CR0_CD		0x40000000	/* cache disable: set on an AP after INIT */
#define CR0_PG		0x80000000	/* paging */
#define CR4_PSE		0x00000010	/* 4 MiB pages (boot page directory only) */

/* segment selectors: index into each CPU's GDT */
#define SEG_KCODE	1	/* kernel code */
#define SEG_KDATA	2	/* kernel data and stack */
#define SEG_UCODE	3	/* user code */
#define SEG_UDATA	4	/* user data and stack */
#define SEG_TSS		5	/* this CPU's task state: esp0 for traps from ring 3 */
#define SEG_KCPU	6	/* %gs: this CPU's struct cpu */
#define NSEGS		7

#define DPL_USER	0x3	/* user privilege level */

/* page directory and page table layout */
#define NPDENTRIES	1024	/* entries per page directory */
#define NPTENTRIES	1024	/* entries per page table */
#define PGSIZE		4096	/* bytes per page */
#define PTXSHIFT	12	/* offset of the table index in a linear address */
#define PDXSHIFT	22	/* offset of the directory index */
#define KERN_PDE_FIRST	768	/* first PDE of the kernel half (KERNBASE >> PDXSHIFT) */

/* page table and directory entry flags */
#define PTE_P		0x001	/* present */
#define PTE_W		0x002	/* writeable */
#define PTE_U		0x004	/* user */
#define PTE_PWT		0x008	/* write-through */
#define PTE_PCD		0x010	/* cache disable */
#define PTE_PS		0x080	/* 4 MiB page (PDE) */

#ifndef __ASSEMBLER__
#define PDX(va)		(((uint) (va) >> PDXSHIFT) & 0x3FF)
#define PTX(va)		(((uint) (va) >> PTXSHIFT) & 0x3FF)
#define PGROUNDUP(a)	(((a) + PGSIZE - 1) & ~(PGSIZE - 1))
#define PGROUNDDOWN(a)	(((a)) & ~(PGSIZE - 1))
#define PTE_ADDR(pte)	((uint) (pte) & ~0xFFF)

/* segment descriptor type bits (STA_ application, STS_ system) */
#define STA_X		0x8	/* executable */
#define STA_W		0x2	/* writeable (data) */
#define STA_R		0x2	/* readable (code) */
#define STS_T32A	0x9	/* available 32-bit TSS */
#define STS_IG32	0xE	/* 32-bit interrupt gate */
#define STS_TG32	0xF	/* 32-bit trap gate */

/* A segment descriptor, as the CPU reads it from the GDT (8 bytes). */
typedef uint64_t segdesc_t;

/*
 * Task state segment: the CPU reads ss0:esp0 from it on a trap from ring 3.
 * Only those and iomb are used; the layout is the hardware's (104 bytes).
 */
struct taskstate {
	uint32_t link;		/* old task state selector */
	uint32_t esp0;		/* stack pointer after a trap from ring 3 */
	uint16_t ss0;		/* its segment */
	uint16_t pad1;
	uint32_t esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t t;		/* trap on task switch */
	uint16_t iomb;		/* I/O map base: past the limit = no port access from ring 3 */
};
_Static_assert(sizeof(struct taskstate) == 104, "taskstate");

/* An interrupt or trap gate in the IDT (8 bytes). */
struct gatedesc {
	uint16_t off_15_0;	/* handler offset, low half */
	uint16_t cs;		/* code segment selector */
	uint8_t  zero;
	uint8_t  type_attr;	/* present, DPL, gate type */
	uint16_t off_31_16;	/* handler offset, high half */
};
_Static_assert(sizeof(struct gatedesc) == 8, "gatedesc");
#endif /* !__ASSEMBLER__ */

#endif /* KERNEL_MMU_H */
