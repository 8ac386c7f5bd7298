/*
 * lives.h - the identity of every mm_struct of a trace.
 *
 * The kernel's mm id is reused: once an mm is freed (MM_FREE) its id
 * goes to the next MM_ALLOC, so "mm 3" may be five mm_structs in one
 * lecture.  Each mm_struct gets a name that is never reused within a
 * trace: its id and its life, the how-many-th mm_struct to hold that
 * id it is.  The first is named by its id alone ("3"), the second "3·2"
 * (written "3.2" where only ASCII will do), and so on.
 *
 * The model keeps, per id, how many mm_structs have held it (model.h:
 * model_mm_life); a timeline also keeps the list of every life, with
 * the events of its MM_ALLOC and MM_FREE (struct lives), so that the
 * life an event names, and where a life begins and ends, cost a look
 * up and no seek.
 *
 *	const struct life *l = life_at(&tl->lives, id, n);  // event n's
 *	life_name(l->id, l->gen, 1, buf, sizeof buf);        // "3·2"
 */
#ifndef MMSCOPE_MODEL_LIVES_H
#define MMSCOPE_MODEL_LIVES_H

#include <stddef.h>
#include <stdint.h>
#include "mmtrace.h"

#define LIFE_NAME_MAX	16		/* "65535·65535" and its NUL */
#define LIFE_ALIVE	UINT64_MAX	/* free_n of an mm not freed (yet) */

struct life {
	uint16_t id;			/* the kernel's mm id */
	uint16_t gen;			/* 1: the first mm_struct with it */
	uint16_t owner;			/* pid it was made for (MM_ALLOC) */
	uint8_t announced;		/* by an MM_ALLOC; 0: first named
					   without one (after a gap) */
	uint8_t pad;
	uint32_t prev;			/* index + 1 of the id's life before
					   this one, 0: none */
	uint64_t alloc_n;		/* its MM_ALLOC (or first sight) */
	uint64_t free_n;		/* its MM_FREE, or LIFE_ALIVE */
};

struct lives {
	struct life *v;			/* in the order they began */
	size_t n, cap;
	uint32_t *last;			/* per id: index + 1 of its latest
					   life, 0: none yet (MODEL_IDS) */
};

void life_init(struct lives *l);
void life_free(struct lives *l);

/* An mm_struct with this id and life began at event n. */
void life_begin(struct lives *l, unsigned id, unsigned gen, unsigned owner,
		int announced, uint64_t n);

/* The latest life of id ended (MM_FREE) at event n. */
void life_end(struct lives *l, unsigned id, uint64_t n);

/*
 * The life of mm id that event n names: the latest to begin at or
 * before n (an MM_ALLOC names the life it begins, an MM_FREE the one
 * it ends).  NULL if no life of id began by then.
 */
const struct life *life_at(const struct lives *l, unsigned id, uint64_t n);

/* Life gen of id, or NULL. */
const struct life *life_find(const struct lives *l, unsigned id,
			     unsigned gen);

/*
 * The name of life gen of id: "3" for the first (gen 0 or 1: an id
 * never allocated has no later lives), "3·2" for the second ("3.2"
 * without utf8).  Returns buf.
 */
char *life_name(unsigned id, unsigned gen, int utf8, char *buf, size_t len);

/*
 * Parse a name: "3", "3.2" or "3·2".  0 with *id and *gen (0 when the
 * name gives no life: "3"), or -1 if s is not a name.
 */
int life_parse(const char *s, unsigned *id, unsigned *gen);

#endif /* MMSCOPE_MODEL_LIVES_H */
