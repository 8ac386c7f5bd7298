/*
 * kimage.c - the kernel's symbols and struct layout for the gdbstub
 * client, see kimage.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "target/kimage.h"
#include "util/util.h"

/* The symbols a debugger needs; 1 = the kernel must have it. */
static const struct {
	const char *name;
	size_t off;			/* in struct kimage */
	int required;
} wanted[] = {
	{ "cpus", offsetof(struct kimage, cpus), 1 },
	{ "task_list", offsetof(struct kimage, task_list), 1 },
	{ "mm_table", offsetof(struct kimage, mm_table), 1 },
	{ "mm_table_lock", offsetof(struct kimage, mm_table_lock), 0 },
	{ "init_mm", offsetof(struct kimage, init_mm), 1 },
	{ "swapper_pg_dir", offsetof(struct kimage, swapper_pg_dir), 1 },
	{ MMT_STOP_SYMBOL, offsetof(struct kimage, stop_fn), 1 },
	{ MMT_STOP_CTL_SYMBOL, offsetof(struct kimage, stop_ctl), 1 },
	{ MMT_STOP_ARM_SYMBOL, offsetof(struct kimage, stop_arm), 1 },
};

static int load_symbols(struct kimage *k, struct symtab *st,
			const char *path, char *err, size_t len)
{
	uint32_t *at;
	size_t i;

	for (i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
		at = (uint32_t *)((char *)k + wanted[i].off);
		if (sym_addr(st, wanted[i].name, at) == 0 || !wanted[i].required)
			continue;
		snprintf(err, len, "%s has no symbol %s: it is not a kernel "
			 "the debugger can read (rebuild it with 'scons')",
			 path, wanted[i].name);
		return -1;
	}
	return 0;
}

/* Is the layout one this host can use? */
static int check_layout(const struct mmt_layout *l, const char *path,
			char *err, size_t len)
{
	const char *why = NULL;

	if (l->magic != MMT_LAYOUT_MAGIC)
		why = "its magic is wrong";
	else if (l->version < 1 || l->size < sizeof *l)
		why = "it is shorter than version 1";
	else if (!l->mm_size || !l->task_size || !l->cpu_size ||
		 l->slot_size < l->slot_rec + MMT_REC_MAX)
		why = "a struct size is 0 or too small";
	else if (!l->ring_nslots || (l->ring_nslots & (l->ring_nslots - 1)))
		why = "the ring size is not a power of 2";
	else if (!l->ncpu_max || l->ncpu_max > 64 || !l->mm_id_max)
		why = "the CPU or mm id limits are out of range";
	if (!why)
		return 0;
	snprintf(err, len, "%s: section %s: %s", path, MMT_LAYOUT_SECTION,
		 why);
	return -1;
}

int kimage_load(struct kimage *k, struct symtab *st, const char *path,
		char *err, size_t len)
{
	size_t size;
	uint8_t *sec;

	memset(k, 0, sizeof *k);
	sec = sym_section(st, MMT_LAYOUT_SECTION, &size);
	if (!sec) {
		snprintf(err, len, "%s has no %s section: it is not a kernel "
			 "the debugger can read (rebuild it with 'scons')",
			 path, MMT_LAYOUT_SECTION);
		return -1;
	}
	memcpy(&k->lay, sec, size < sizeof k->lay ? size : sizeof k->lay);
	free(sec);
	if (check_layout(&k->lay, path, err, len) < 0 ||
	    load_symbols(k, st, path, err, len) < 0)
		return -1;
	k->has_build_id = sym_build_id(st, k->build_id);
	return 0;
}

int kimage_same_build(const struct kimage *k,
		      const uint8_t id[MMT_BUILD_ID_SIZE], char *err,
		      size_t len)
{
	char a[2 * MMT_BUILD_ID_SIZE + 1], b[2 * MMT_BUILD_ID_SIZE + 1];

	if (k->has_build_id && !memcmp(k->build_id, id, MMT_BUILD_ID_SIZE))
		return 0;
	snprintf(err, len,
		 "the running kernel (build id %s) is not the ELF whose layout "
		 "mmscope read (build id %s): its structs cannot be trusted",
		 util_hexstr(id, MMT_BUILD_ID_SIZE, a),
		 k->has_build_id
			 ? util_hexstr(k->build_id, MMT_BUILD_ID_SIZE, b)
			 : "none");
	return -1;
}
