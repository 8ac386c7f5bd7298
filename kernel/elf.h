/*
 * elf.h - the parts of the 32-bit ELF format exec reads (System V ABI).
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include "types.h"

#define ELF_MAGIC	0x464C457FU	/* "\x7FELF" in little endian */

struct elfhdr {
	uint magic;
	uchar elf[12];
	ushort type;
	ushort machine;
	uint version;
	uint entry;		/* first instruction */
	uint phoff;		/* program headers: file offset */
	uint shoff;
	uint flags;
	ushort ehsize;
	ushort phentsize;	/* bytes per program header */
	ushort phnum;		/* how many */
	ushort shentsize;
	ushort shnum;
	ushort shstrndx;
};

struct proghdr {
	uint type;		/* ELF_PROG_* */
	uint off;		/* file offset of the segment */
	uint vaddr;		/* where it goes */
	uint paddr;
	uint filesz;		/* bytes in the file */
	uint memsz;		/* bytes in memory: the rest is zero (bss) */
	uint flags;		/* ELF_PROG_FLAG_* */
	uint align;
};

#define ELF_PROG_LOAD		1
#define ELF_PROG_FLAG_EXEC	1
#define ELF_PROG_FLAG_WRITE	2

#endif /* KERNEL_ELF_H */
