/*
 * multiboot.h - what a multiboot v1 loader (QEMU -kernel, GRUB) hands the
 * kernel: %eax = MULTIBOOT_BOOTLOADER_MAGIC, %ebx = physical address of
 * struct multiboot_info.  Only the fields the kernel reads are named.
 */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC		0x1BADB002	/* in the kernel image */
#define MULTIBOOT_HEADER_FLAGS		0x00000003	/* page-align modules, want memory info */
#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002	/* in %eax at entry */

#ifndef __ASSEMBLER__
#include "types.h"

/* multiboot_info.flags */
#define MB_INFO_MEMORY		0x001	/* mem_lower, mem_upper valid */
#define MB_INFO_CMDLINE		0x004	/* cmdline valid */
#define MB_INFO_MMAP		0x040	/* mmap_length, mmap_addr valid */

struct multiboot_info {
	uint32 flags;		/* MB_INFO_*: which fields are valid */
	uint32 mem_lower;	/* KiB below 1 MiB */
	uint32 mem_upper;	/* KiB above 1 MiB, up to the first hole */
	uint32 boot_device;
	uint32 cmdline;		/* physical address of a NUL-terminated string */
	uint32 mods_count;
	uint32 mods_addr;
	uint32 syms[4];
	uint32 mmap_length;	/* bytes of memory map */
	uint32 mmap_addr;	/* physical address of the first entry */
};

/* Memory map entry; `size` does not count itself. */
struct multiboot_mmap {
	uint32 size;		/* bytes that follow this field */
	uint64 addr;		/* physical start */
	uint64 len;		/* bytes */
	uint32 type;		/* MB_MEM_* */
} __attribute__((packed));

#define MB_MEM_AVAILABLE	1	/* usable RAM */
#endif /* !__ASSEMBLER__ */

#endif /* KERNEL_MULTIBOOT_H */
