/*
 * tdesc.h - the target description a gdbstub sends (target.xml and the
 * documents it includes): the registers, their numbers for `p`, and
 * where each one is in the reply to `g`.
 *
 * Registers are numbered in document order, includes expanded where
 * they stand, from 0 or from a reg's own regnum attribute.  The `g`
 * packet holds registers in number order, each bitsize / 8 bytes, as far
 * as the stub sends (QEMU: the core registers).
 */
#ifndef MMSCOPE_TARGET_TDESC_H
#define MMSCOPE_TARGET_TDESC_H

#include <stddef.h>
#include <stdint.h>

#define TDESC_MAXREGS	160
#define TDESC_MAXDOCS	8
#define TDESC_NAME	32

struct tdesc_reg {
	char name[TDESC_NAME];
	unsigned num;			/* for p and P */
	unsigned bits;
	unsigned off;			/* bytes before it in the g packet */
};

struct tdesc_doc {
	char name[64];			/* "target.xml", "i386-32bit.xml", ... */
	char *text;			/* malloc'ed, NUL-terminated */
	size_t len;			/* bytes read so far */
	int done;			/* read to its end */
};

struct tdesc {
	struct tdesc_reg reg[TDESC_MAXREGS];
	unsigned nreg;
	unsigned g_size;		/* bytes of all registers, in order */
	char arch[32];			/* <architecture>, "" if none */
	struct tdesc_doc doc[TDESC_MAXDOCS];
	unsigned ndoc;
};

/*
 * Documents: add one by name (returns its index, an existing one if
 * already there, or -1 when full); the names of the documents a text
 * includes are added too (tdesc_add_includes).  tdesc_missing gives
 * the first document not yet read, or -1.
 */
int tdesc_add(struct tdesc *t, const char *name);
void tdesc_add_includes(struct tdesc *t, const char *text);
int tdesc_missing(const struct tdesc *t);

/*
 * Every document is read: find the registers, from target.xml down.
 * Returns 0, or -1 with the reason in err (no registers, a loop of
 * includes, an include never read).
 */
int tdesc_parse(struct tdesc *t, char *err, size_t errlen);

/* The register called name, or NULL. */
const struct tdesc_reg *tdesc_find(const struct tdesc *t, const char *name);

void tdesc_free(struct tdesc *t);

#endif /* MMSCOPE_TARGET_TDESC_H */
