/*
 * names.h - the names of everything mmtrace.h numbers: record types, mm
 * reference operations (with their 2.6.32 spellings), reasons, task
 * states, flags, fault injections and eras.
 *
 * Names are lower case and match the kernel command line where one exists
 * (era=2.6.32, bug=exit_no_grab).  A value with no name gets NULL from the
 * lookup functions, so callers can print the number instead.
 */
#ifndef MMSCOPE_TRACE_NAMES_H
#define MMSCOPE_TRACE_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* A table of names indexed by value; a NULL entry has no name. */
struct nametab {
	const char *const *names;
	unsigned n;			/* entries in names[] */
};

/* One bit of a flags word and its name; arrays end with name NULL. */
struct flagname {
	uint32_t bit;
	const char *name;
};

/* What a reader knows about one record type (PROTOCOL.md 3). */
struct mmt_type_info {
	const char *name;	/* e.g. "mm_ref"; NULL: not a known type */
	uint8_t size;		/* fixed part in bytes, header included */
	uint8_t text;		/* 1: size - fixed bytes of text follow */
};

extern const struct mmt_type_info mmt_types[256];

extern const struct nametab names_op;		/* MMT_OP_*: mmget ... */
extern const struct nametab names_op_2632;	/* the same in 2.6.32 code */
extern const struct nametab names_reason;	/* MMT_WHY_* */
extern const struct nametab names_state;	/* MMT_TASK_* */
extern const struct nametab names_era;		/* MMT_ERA_* */
extern const struct nametab names_bug;		/* MMT_BUG_* */
extern const struct nametab names_end;		/* MMT_END_* */
extern const struct nametab names_msg_level;	/* MMT_MSG_* */
extern const struct nametab names_alloc;	/* MMT_ALLOC_* */
extern const struct nametab names_map_op;	/* MMT_MAP_* */
extern const struct nametab names_prev;		/* MMT_PREV_* */
extern const struct nametab names_cr3;		/* MMT_CR3_* */
extern const struct nametab names_ipi;		/* MMT_IPI_* */

extern const struct flagname names_flags_task[];	/* MMT_PF_* */
extern const struct flagname names_flags_clone[];	/* MMT_CLONE_* */
extern const struct flagname names_flags_switch[];	/* MMT_SW_* */
extern const struct flagname names_flags_boot[];	/* MMT_BOOT_* */
extern const struct flagname names_flags_scen_era[];	/* MMT_SCEN_ERA_* */

/* The name of a record type, or NULL if this reader does not know it. */
const char *mmt_type_name(unsigned type);

/* names->names[v], or NULL when v is out of range or has no name. */
const char *names_of(const struct nametab *t, unsigned v);

/* The value whose name is s, or -1. */
int names_parse(const struct nametab *t, const char *s);

/*
 * Write the names of the bits set in v, joined by '|', into buf; bits
 * without a name appear as one hex number; 0 is "0".  Returns buf.
 */
char *names_flags(char *buf, size_t len, uint32_t v, const struct flagname *f);

/* Every name of t on one line, separated by sep ("2.6.32, modern"). */
char *names_list(char *buf, size_t len, const struct nametab *t,
		 const char *sep, unsigned first);

#endif /* MMSCOPE_TRACE_NAMES_H */
