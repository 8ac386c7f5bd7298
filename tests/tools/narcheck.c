/*
 * narcheck.c - does the narration say what the panels show?  For every
 * event of each trace given, the sentence the TUI's narration line says
 * (narrate.h, read from the model before the event) is read back, and
 * every count and holder it states is compared with the model right
 * after the event, the state the panels draw:
 *
 *	"mm_users 1→2", "mm_count 2→1"	an MM_REF: the mm's counter, and
 *					its value before the event
 *	"mm_users 1, mm_count 1"	an MM_ALLOC's new mm, or an mm a
 *					MARK's text talks about ("users 3,
 *					count 1": the marking task's mm)
 *	"leaves mm X in ... rq->prev_mm" the CPU's rq->prev_mm is X (and
 *					counted among X's holders)
 *	"takes mm X from rq->prev_mm"	the CPU's rq->prev_mm is none
 *	"borrows mm X"			the kernel thread runs on X, lazily
 *	"handed over"			next runs on X, prev holds nothing
 *	"sets its mm to NULL ... on mm X" exit_mm: mm NULL, active_mm X
 *	"loads mm X into CR3", "loads the page directory of mm X",
 *	"leave_mm loads swapper_pg_dir"	the CPU's cr3
 *	"__mmdrop frees it"		the mm is gone
 *	"mm 3·2"			every mm named is that mm_struct:
 *					the life its id has at the event
 *
 * Usage: narcheck TRACE...  One TAP line per trace: how many events and
 * claims, and each claim the model contradicts (event, sentence, the
 * model's value).  Exit 0 when every claim holds.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/lives.h"
#include "model/narrate.h"
#include "model/timeline.h"
#include "trace/names.h"

#define ARROW	"\xe2\x86\x92"		/* → */
#define DOT	"\xc2\xb7"		/* · */
#define SHOWN	5			/* disagreements printed per trace */

struct check {
	const struct timeline *tl;
	const struct model *before, *after;
	const struct mmt_event *ev;
	const char *s;			/* the sentence */
	unsigned claims, bad;
};

static void bad(struct check *k, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void bad(struct check *k, const char *fmt, ...)
{
	va_list ap;

	if (k->bad++ >= SHOWN)
		return;
	printf("# event %llu: \"%s\"\n#   ", (unsigned long long)k->ev->n,
	       k->s);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* An mm named at p ("mm 3", "mm 3·2", "init_mm"): its id, and its life
 * (0: not given); the text after it in *end.  -1 if p names none. */
static int mm_at(const char *p, unsigned *id, unsigned *life,
		 const char **end)
{
	int n = 0;

	*life = 0;
	if (!strncmp(p, "init_mm", 7)) {
		*id = MMT_MM_INIT;
		*end = p + 7;
		return 0;
	}
	if (sscanf(p, "mm %u%n", id, &n) != 1 || !n)
		return -1;
	p += n;
	if (!strncmp(p, DOT, 2) && sscanf(p + 2, "%u%n", life, &n) == 1)
		p += 2 + n;
	*end = p;
	return 0;
}

/* The mm named right after the words w in the sentence, or 0. */
static unsigned mm_after(const struct check *k, const char *w)
{
	const char *p = strstr(k->s, w), *end;
	unsigned id, life;

	if (!p || mm_at(p + strlen(w), &id, &life, &end) < 0)
		return 0;
	return id;
}

/* Every mm named is the mm_struct its id is at this event. */
static void names(struct check *k)
{
	const char *p = k->s, *end;
	const struct life *l;
	unsigned id, life;

	if (k->ev->type == MMT_MARK)
		return;			/* the kernel's words: ids only */
	for (; (p = strstr(p, "mm ")); p++) {
		if (p > k->s && p[-1] != ' ' && p[-1] != '(')
			continue;		/* "init_mm ", "prev_mm " */
		if (mm_at(p, &id, &life, &end) < 0)
			continue;
		k->claims++;
		l = life_at(&k->tl->lives, id, k->ev->n);
		if ((l ? l->gen : 0) > 1 ? life != l->gen : life != 0)
			bad(k, "names mm %u life %u, the event's is life %u",
			    id, life, l ? l->gen : 0);
	}
}

static const struct mm *mm_of(const struct check *k, unsigned id)
{
	return model_mm(k->after, id);
}

/* "mm_users A→B" / "mm_count A→B": an MM_REF's counter after (and
 * before) the event. */
static void counter(struct check *k, const char *ctr, int is_users)
{
	const char *p = strstr(k->s, ctr);
	const struct mm *x, *y;
	struct mmt_mm_ref r;
	int a, b;

	if (!p || sscanf(p + strlen(ctr), " %d" ARROW "%d", &a, &b) != 2)
		return;
	decode_copy(k->ev, &r, sizeof r);
	k->claims++;
	x = mm_of(k, r.mm);
	y = model_mm(k->before, r.mm);
	if (!x && b != 0)
		bad(k, "mm %u is gone after the event", r.mm);
	else if (x && (is_users ? x->users : x->count) != b)
		bad(k, "%s is %d after the event", ctr,
		    is_users ? x->users : x->count);
	else if (y && !(y->flags & M_NOCOUNT) &&
		 (is_users ? y->users : y->count) != a && !k->tl->found.nv)
		bad(k, "%s was %d before the event", ctr,
		    is_users ? y->users : y->count);
}

/* "mm_users U, mm_count C" (or "users U, count C" in a MARK): the mm
 * of the record, or the marking task's. */
static void pair(struct check *k)
{
	const char *p = strstr(k->s, "users ");
	const struct task *t;
	const struct mm *x;
	unsigned id = 0;
	int u, c;

	if (!p || (sscanf(p, "users %d, mm_count %d", &u, &c) != 2 &&
		   sscanf(p, "users %d, count %d", &u, &c) != 2 &&
		   sscanf(p, "users %d count %d", &u, &c) != 2))
		return;
	if (k->ev->type == MMT_MARK && (id = mm_after(k, "runs on "))) {
		;			/* the mark names the mm */
	} else if (k->ev->type == MMT_MM_ALLOC) {
		id = k->ev->rec[offsetof(struct mmt_mm_alloc, mm)] |
		     k->ev->rec[offsetof(struct mmt_mm_alloc, mm) + 1] << 8;
	} else if (k->ev->type == MMT_MARK) {
		t = model_task(k->after, k->ev->rec[offsetof(struct mmt_mark,
			       pid)] | k->ev->rec[offsetof(struct mmt_mark,
			       pid) + 1] << 8, k->ev->cpu);
		id = t ? (t->mm ? t->mm : t->active_mm) : 0;
	} else {
		return;
	}
	k->claims++;
	if (!(x = mm_of(k, id)))
		bad(k, "says users %d, count %d: no mm %u after it", u, c, id);
	else if (x->users != u || x->count != c)
		bad(k, "says users %d, count %d: mm %u is %d/%d after it", u,
		    c, id, x->users, x->count);
}

/* The claims about who holds what, by the words that make them. */
static void holders(struct check *k)
{
	const struct cpu *cp = &k->after->cpu[k->ev->cpu];
	const struct task *t = model_task(k->after, cp->current, k->ev->cpu);
	const struct mm *x;
	unsigned id;

	if ((id = mm_after(k, "leaves ")) && strstr(k->s, "rq->prev_mm")) {
		k->claims++;
		x = mm_of(k, id);
		if (cp->prev_mm != id || cp->prev_stale || !x || !x->h_prev)
			bad(k, "cpu %u's rq->prev_mm is %u%s", k->ev->cpu,
			    cp->prev_mm, x && x->h_prev ? "" :
			    " (not among the mm's holders)");
	}
	if (mm_after(k, "takes ") && strstr(k->s, "from rq->prev_mm")) {
		k->claims++;
		if (cp->prev_mm)
			bad(k, "cpu %u's rq->prev_mm is still %u", k->ev->cpu,
			    cp->prev_mm);
	}
	if ((id = mm_after(k, "which borrows ")) || (id = mm_after(k,
	     "the borrow of ")) || (id = mm_after(k, "lazily, on "))) {
		k->claims++;
		if (!t || t->mm || t->active_mm != id)
			bad(k, "cpu %u's current task runs on mm %u, active_mm "
			    "%u", k->ev->cpu, t ? t->mm : 0,
			    t ? t->active_mm : 0);
	}
	if ((id = mm_after(k, "switch_mm loads ")) ||
	    (id = mm_after(k, "the page directory of "))) {
		k->claims++;
		if (cp->cr3 != id)
			bad(k, "cpu %u's cr3 is mm %u", k->ev->cpu, cp->cr3);
	}
	if (strstr(k->s, "leave_mm loads swapper_pg_dir")) {
		k->claims++;
		if (cp->cr3 != MMT_MM_INIT)
			bad(k, "cpu %u's cr3 is mm %u", k->ev->cpu, cp->cr3);
	}
	if (strstr(k->s, "__mmdrop frees it") && (id = mm_after(k,
	    "mm_count of "))) {
		k->claims++;
		if (mm_of(k, id))
			bad(k, "mm %u is still there", id);
	}
}

static void one(struct check *k)
{
	names(k);
	if (k->ev->type == MMT_MM_REF) {
		counter(k, "mm_users", 1);
		counter(k, "mm_count", 0);
	}
	pair(k);
	holders(k);
}

static int trace(const char *path, int num)
{
	struct timeline *tl = tl_new(0);
	struct model *before = model_new(), *after = model_new();
	struct check k = { .tl = tl, .before = before, .after = after };
	struct narrator nr = { before, NULL, "\xe2\x86\x92" };
	struct mmt_event ev;
	char err[512], s[NARRATE_MAX];
	uint64_t n, count;

	if (!tl || !before || !after || tl_load(tl, path, err, sizeof err)) {
		printf("not ok %d - %s: %s\n", num, path, tl ? err :
		       "out of memory");
		return 1;
	}
	nr.log = tl->log;
	count = evlog_count(tl->log);
	for (n = 0; n < count; n++) {
		evlog_get(tl->log, n, &ev);
		tl_seek(tl, before, n);
		tl_seek(tl, after, n + 1);
		k.ev = &ev;
		k.s = narrate_event(&nr, &ev, s, sizeof s);
		one(&k);
	}
	printf("%sok %d - %s: %llu events narrated, %u claims, %u the model "
	       "contradicts\n", k.bad ? "not " : "", num, path,
	       (unsigned long long)count, k.claims, k.bad);
	model_free(before);
	model_free(after);
	tl_free(tl);
	return k.bad != 0;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2 || !strcmp(argv[1], "--help")) {
		fprintf(argc < 2 ? stderr : stdout, "usage: narcheck "
			"TRACE...\n\nEach event's narration, its counts and "
			"holders, against the model after it (TAP).\n");
		return argc < 2 ? 2 : 0;
	}
	printf("1..%d\n", argc - 1);
	for (i = 1; i < argc; i++)
		rc |= trace(argv[i], i);
	return rc;
}
