/*
 * kimage.h - what the host must know about a running kernel to read it
 * through the gdbstub, all from its ELF through libbfd: the addresses of
 * the symbols a debugger uses and the layout of the structs
 * (.mmscope.layout), both in PROTOCOL.md section 5.  Nothing here is
 * written into the host: a kernel with other structs brings its own.
 */
#ifndef MMSCOPE_TARGET_KIMAGE_H
#define MMSCOPE_TARGET_KIMAGE_H

#include <stddef.h>
#include <stdint.h>
#include "mmtrace.h"
#include "trace/symbols.h"

struct kimage {
	struct mmt_layout lay;		/* offsets and sizes */
	uint32_t cpus;			/* &cpus[0] */
	uint32_t task_list;		/* &task_list, a list_head */
	uint32_t mm_table;		/* &mm_table[0]: every live mm by id */
	uint32_t mm_table_lock;		/* its spinlock; 0: not published */
	uint32_t init_mm;
	uint32_t swapper_pg_dir;	/* kernel virtual */
	uint32_t stop_fn;		/* MMT_STOP_SYMBOL: the breakpoint */
	uint32_t stop_ctl;		/* MMT_STOP_CTL_SYMBOL */
	uint32_t stop_arm;		/* MMT_STOP_ARM_SYMBOL */
	uint8_t build_id[MMT_BUILD_ID_SIZE];
	int has_build_id;
};

/*
 * Read it from the ELF st (opened from path, for messages).  0, or -1
 * with the reason in err: a symbol or the layout missing (a kernel too
 * old for the debugger), a layout this host cannot read.
 */
int kimage_load(struct kimage *k, struct symtab *st, const char *path,
		char *err, size_t len);

/*
 * Is the running kernel (the build id in its STREAM record) this ELF?
 * 0, or -1 with both ids in err: the layout cannot be trusted.
 */
int kimage_same_build(const struct kimage *k,
		      const uint8_t id[MMT_BUILD_ID_SIZE], char *err,
		      size_t len);

/* A 32-bit field at off of a struct copied from guest memory. */
static inline uint32_t kget32(const uint8_t *base, unsigned off)
{
	uint32_t v;

	__builtin_memcpy(&v, base + off, 4);
	return v;
}

static inline uint16_t kget16(const uint8_t *base, unsigned off)
{
	uint16_t v;

	__builtin_memcpy(&v, base + off, 2);
	return v;
}

#endif /* MMSCOPE_TARGET_KIMAGE_H */
