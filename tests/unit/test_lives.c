/*
 * test_lives.c - the identity of mm_structs (model/lives.h): mm 3 is
 * given out three times in a hand-built trace, once after a gap whose
 * lost MM_ALLOC the model cannot see; each mm_struct gets its own life,
 * its name is never reused, the life an event names is the one alive at
 * that event (an MM_ALLOC names the one it begins, an MM_FREE the one it
 * ends), a view that seeks anywhere (through snapshots taken every few
 * events) knows the same names as the tail, and names parse back.
 */
#include <stdio.h>
#include <string.h>
#include "model/lives.h"
#include "tbuild.h"
#include "tap.h"

struct marks {
	uint64_t alloc[3], free[3], ref[3];	/* mm 3's, in each life */
	uint64_t after[3];		/* an event after each MM_FREE */
	uint64_t borrow;		/* mm 5's first event */
};

/* A fork's mm 3 is made and dropped to nothing, three times over. */
static void life_of_3(struct tb *t, struct marks *k, int i)
{
	k->alloc[i] = tb_alloc(t, 0, 3, 10 + i, MMT_ALLOC_FORK);
	k->ref[i] = tb_ref(t, 0, 3, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 1, 0);
	k->free[i] = tb_free(t, 0, 3);
	k->after[i] = tb_cr3(t, 0, 2, MMT_CR3_SWITCH);
}

static struct timeline *build(struct tb *t, struct marks *k)
{
	tb_init(t, 1, MMT_ERA_2632);
	tb_alloc(t, 0, 2, 1, MMT_ALLOC_EXEC);
	life_of_3(t, k, 0);
	life_of_3(t, k, 1);
	encode_skip(&t->e, 0, 1);	/* an MM_ALLOC of mm 5, lost */
	k->borrow = tb_ref(t, 0, 5, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 1, 2);
	life_of_3(t, k, 2);
	return tb_timeline(t, 4);
}

static void names(void)
{
	char buf[LIFE_NAME_MAX];
	unsigned id, gen;

	tap_ok(!strcmp(life_name(3, 1, 1, buf, sizeof buf), "3"),
	       "the first mm_struct with id 3 is named 3");
	tap_ok(!strcmp(life_name(3, 2, 1, buf, sizeof buf), "3\u00b72"),
	       "the second is 3\u00b72");
	tap_ok(!strcmp(life_name(3, 2, 0, buf, sizeof buf), "3.2"),
	       "and 3.2 where only ASCII will do");
	tap_ok(life_parse("3.2", &id, &gen) == 0 && id == 3 && gen == 2 &&
	       life_parse("12\u00b77", &id, &gen) == 0 && id == 12 &&
	       gen == 7 && life_parse("4", &id, &gen) == 0 && id == 4 &&
	       gen == 0, "3.2, 12\u00b77 and 4 parse");
	tap_ok(life_parse("3.", &id, &gen) < 0 && life_parse("x", &id, &gen) < 0 &&
	       life_parse("3.0", &id, &gen) < 0 &&
	       life_parse("70000", &id, &gen) < 0 &&
	       life_parse("3.2.1", &id, &gen) < 0,
	       "3., x, 3.0, 70000 and 3.2.1 are not names");
}

static void lives_of(const struct timeline *tl, const struct marks *k)
{
	const struct lives *l = &tl->lives;
	const struct life *a, *b;
	int i, ok = 1;

	for (i = 0; i < 3; i++) {
		a = life_at(l, 3, k->alloc[i]);
		b = life_at(l, 3, k->free[i]);
		ok &= a && a == b && a->gen == i + 1 &&
		      a->alloc_n == k->alloc[i] && a->free_n == k->free[i] &&
		      a->owner == 10 + i && a->announced;
		ok &= life_find(l, 3, i + 1) == a;
	}
	tap_ok(ok, "mm 3 has three lives, 1 to 3, each from its MM_ALLOC to "
	       "its MM_FREE, with its owner");
	tap_ok(life_at(l, 3, k->alloc[0] - 1) == NULL,
	       "before its first MM_ALLOC, no life of mm 3");
	a = life_at(l, 3, k->after[0]);
	tap_ok(a && a->gen == 1, "between two lives, the one that ended "
	       "(what a late event of the freed id names)");
	a = life_at(l, 5, k->borrow);
	tap_ok(a && a->gen == 1 && !a->announced && a->free_n == LIFE_ALIVE,
	       "mm 5, first named after a gap: a life not announced, alive "
	       "at the end");
	a = life_at(l, 2, k->free[2]);
	tap_ok(a && a->gen == 1 && a->free_n == LIFE_ALIVE,
	       "mm 2: one life, alive at the end");
}

/* A view seeking anywhere names mms as the tail did. */
static void views(struct timeline *tl, const struct marks *k)
{
	struct model *v = model_new();
	char buf[LIFE_NAME_MAX];
	const struct mm *x;
	int i, ok = 1;

	for (i = 2; i >= 0; i--) {	/* backwards: seeks through snaps */
		tl_seek(tl, v, k->ref[i] + 1);
		x = model_mm(v, 3);
		ok &= x && x->gen == (unsigned)i + 1;
	}
	tap_ok(ok, "a view at each life's MM_REF has that life in mm->gen");
	tl_seek(tl, v, k->free[1] + 1);
	tap_ok(!model_mm(v, 3) && model_mm_life(v, 3) == 2 &&
	       !strcmp(model_mm_name(v, 3, 0, buf, sizeof buf), "3.2"),
	       "after the second MM_FREE: mm 3 freed, its last life 3.2");
	tl_seek(tl, v, 0);
	tap_ok(model_mm_life(v, 3) == 0 && !strcmp(model_mm_name(v, 3, 0, buf,
	       sizeof buf), "3"), "back at event 0: no life of mm 3 yet");
	tl_seek(tl, v, evlog_count(tl->log));
	tap_ok(model_mm_life(v, 3) == 3 && model_mm_life(tl->tail, 3) == 3,
	       "at the end, view and tail agree: mm 3's third life");
	model_free(v);
}

int main(void)
{
	struct timeline *tl;
	struct marks k;
	struct tb t;

	tap_plan(14);
	names();
	tl = build(&t, &k);
	lives_of(tl, &k);
	views(tl, &k);
	tl_free(tl);
	tb_free_all(&t);
	return tap_done();
}
