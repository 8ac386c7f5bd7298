/*
 * align.c - two traces side by side, step by step; see align.h.
 *
 * The steps are read with a model of their own (for the names of tasks
 * at each event) and the timeline's lives (for the names of mm_structs).
 * The shortest edit script is Myers' O(ND) greedy algorithm ("An O(ND)
 * Difference Algorithm and Its Variations", 1986), keeping each round's
 * furthest reaching paths to walk the script back; a stretch whose
 * script would be longer than MAXD is shown as a block of differences.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/align.h"
#include "model/lives.h"
#include "trace/names.h"
#include "util/array.h"
#include "util/util.h"

#define COMM_TEXT	(4 * MMT_COMM_LEN + 1)	/* a comm, escaped */

#define MAXD	1500		/* edits matched step by step, per stretch */

/* --- steps ---------------------------------------------------------- */

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static void add(struct align_trace *t, uint64_t n, int mark, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));

static void add(struct align_trace *t, uint64_t n, int mark, const char *fmt,
		...)
{
	struct align_step *s;
	va_list ap;

	t->v = util_array_grow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	s = &t->v[t->n++];
	s->n = n;
	s->mark = mark;
	va_start(ap, fmt);
	vsnprintf(s->text, sizeof s->text, fmt, ap);
	va_end(ap);
	s->hash = fnv1a(s->text);
}

/* A comm from the trace, its control bytes escaped (diff prints the
 * steps to a terminal): buf has COMM_TEXT bytes. */
static const char *comm_text(const char *comm, char *buf)
{
	return util_printable(buf, COMM_TEXT, comm, MMT_COMM_LEN);
}

/* A task as the steps name it: its comm (swapper for an idle task). */
static const char *who(const struct model *m, unsigned pid, unsigned cpu,
		       char *buf)
{
	const struct task *t = model_task(m, pid, cpu);

	if (!pid)
		return "swapper";
	return comm_text(t && t->comm[0] ? t->comm : "?", buf);
}

/* An mm as the steps name it: "-", "init_mm", "mm 3·2". */
static const char *mmname(const struct timeline *tl, unsigned id, uint64_t n,
			  char *buf, size_t len)
{
	const struct life *l = life_at(&tl->lives, id, n);
	char name[LIFE_NAME_MAX];

	if (!id)
		return "-";
	if (id == MMT_MM_INIT)
		return "init_mm";
	snprintf(buf, len, "mm %s", life_name(id, l ? l->gen : 0, 1, name,
					      sizeof name));
	return buf;
}

static void task_steps(const struct timeline *tl, const struct model *m,
		       const struct mmt_event *ev, struct align_trace *t)
{
	union {
		struct mmt_task_new n;
		struct mmt_task_exit x;
		struct mmt_task_free f;
		struct mmt_exec e;
	} r;
	char a[24], b[24], c[COMM_TEXT], d[COMM_TEXT];
	const char *kind;

	decode_copy(ev, &r, sizeof r);
	switch (ev->type) {
	case MMT_TASK_NEW:
		if (!r.n.pid || (r.n.flags & MMT_PF_IDLE))
			return;
		kind = r.n.flags & MMT_PF_KTHREAD ? "kthread" :
		       (r.n.clone_flags & MMT_CLONE_VFORK) ? "vfork" :
		       (r.n.clone_flags & MMT_CLONE_VM) ? "thread" : "fork";
		add(t, ev->n, 0, "%s %s %s", kind, comm_text(r.n.comm, d),
		    mmname(tl, r.n.mm, ev->n, a, sizeof a));
		break;
	case MMT_EXEC:
		add(t, ev->n, 0, "exec %s %s: %s -> %s", who(m, r.e.pid,
		    ev->cpu, c), comm_text(r.e.comm, d), mmname(tl,
		    r.e.old_mm, ev->n, a, sizeof a), mmname(tl, r.e.new_mm,
		    ev->n, b, sizeof b));
		break;
	case MMT_TASK_EXIT:
		add(t, ev->n, 0, "exit %s%s", who(m, r.x.pid, ev->cpu, c),
		    r.x.signal ? " (signal)" : "");
		break;
	case MMT_TASK_FREE:
		add(t, ev->n, 0, "reap %s%s", who(m, r.f.pid, ev->cpu, c),
		    r.f.reaper ? "" : " (by the kernel)");
		break;
	}
}

static void mm_steps(const struct timeline *tl, const struct model *m,
		     const struct mmt_event *ev, struct align_trace *t)
{
	union {
		struct mmt_mm_alloc a;
		struct mmt_mm_ref r;
		struct mmt_mm_free f;
		struct mmt_use_mm u;
		struct mmt_leave_mm l;
	} r;
	const char *op, *why;
	char a[24], c[COMM_TEXT];

	decode_copy(ev, &r, sizeof r);
	switch (ev->type) {
	case MMT_MM_ALLOC:
		why = names_of(&names_alloc, r.a.reason);
		add(t, ev->n, 0, "alloc %s %s %d/%d", mmname(tl, r.a.mm, ev->n,
		    a, sizeof a), why ? why : "?", r.a.users, r.a.count);
		break;
	case MMT_MM_REF:
		op = names_of(&names_op, r.r.op);
		why = names_of(&names_reason, r.r.reason);
		add(t, ev->n, 0, "%s %s %s %d/%d", op ? op : "?", mmname(tl,
		    r.r.mm, ev->n, a, sizeof a), why ? why : "?", r.r.users,
		    r.r.count);
		break;
	case MMT_MM_FREE:
		add(t, ev->n, 0, "free %s", mmname(tl, r.f.mm, ev->n, a,
						   sizeof a));
		break;
	case MMT_USE_MM:
	case MMT_UNUSE_MM:
		add(t, ev->n, 0, "%s %s %s", ev->type == MMT_USE_MM ? "use_mm" :
		    "unuse_mm", who(m, r.u.pid, ev->cpu, c), mmname(tl,
		    r.u.mm, ev->n, a, sizeof a));
		break;
	case MMT_LEAVE_MM:
		add(t, ev->n, 0, "leave_mm %s", mmname(tl, r.l.mm, ev->n, a,
						       sizeof a));
		break;
	}
}

static void other_steps(const struct model *m, const struct mmt_event *ev,
			struct align_trace *t)
{
	struct mmt_switch s;
	struct mmt_end e;
	const char *text, *st;
	char f[80], p[COMM_TEXT], q[COMM_TEXT], mk[ALIGN_TEXT];
	size_t n;

	switch (ev->type) {
	case MMT_MARK:
		n = decode_text(ev, sizeof(struct mmt_mark), &text);
		add(t, ev->n, 1, "mark \"%s\"",
		    util_printable(mk, sizeof mk, text, n));
		break;
	case MMT_SWITCH:
		decode_copy(ev, &s, sizeof s);
		add(t, ev->n, 0, "switch %s -> %s %s", who(m, s.prev, ev->cpu,
		    p), who(m, s.next, ev->cpu, q), names_flags(f, sizeof f,
		    s.flags, names_flags_switch));
		break;
	case MMT_END:
		decode_copy(ev, &e, sizeof e);
		st = names_of(&names_end, e.status);
		add(t, ev->n, 0, "end %s", st ? st : "?");
		break;
	case MMT_PANIC:
		n = decode_text(ev, sizeof(struct mmt_panic), &text);
		add(t, ev->n, 0, "panic \"%s\"",
		    util_printable(mk, sizeof mk, text, n));
		break;
	}
}

int align_steps(const struct timeline *tl, struct align_trace *t)
{
	struct model *m = model_new();
	struct evlog_iter it;
	struct mmt_event ev;

	memset(t, 0, sizeof *t);
	if (!m)
		return -1;
	evlog_iter_init(&it, tl->log, 0);
	while (evlog_next(&it, &ev)) {
		task_steps(tl, m, &ev, t);
		mm_steps(tl, m, &ev, t);
		other_steps(m, &ev, t);
		model_step(m, tl->log, &ev);
	}
	model_free(m);
	return 0;
}

void align_trace_free(struct align_trace *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* --- the shortest edit script ----------------------------------------- */

static int eq(const struct align_step *x, const struct align_step *y)
{
	return x->hash == y->hash && !strcmp(x->text, y->text);
}

static void row(struct align *al, int64_t a, int64_t b, int same)
{
	al->row = util_array_grow(al->row, &al->cap, al->n + 1,
				  sizeof *al->row);
	al->row[al->n++] = (struct align_row) { a, b, same };
	al->only_a += b < 0;
	al->only_b += a < 0;
}

/*
 * The furthest reaching paths of Myers' rounds: trace[d][k + d] is how
 * far along x the path on diagonal k got in round d.
 */
static long prev_k(long **trace, long d, long k)
{
	return k == -d || (k != d && trace[d - 1][k - 1 + d - 1] <
			   trace[d - 1][k + 1 + d - 1]) ? k + 1 : k - 1;
}

/* Walk the script of D rounds back from (nx, ny): the pairs it
 * matches, in order, into pairs; returns how many. */
static long walk_back(long **trace, long D, long nx, long ny,
		      long (*pairs)[2])
{
	long x = nx, y = ny, d, k, px, py, n = 0, i, t;

	for (d = D; d >= 0; d--) {
		k = x - y;
		px = py = 0;
		if (d > 0) {
			k = prev_k(trace, d, k);
			px = trace[d - 1][k + d - 1];
			py = px - k;
		}
		while (x > px && y > py) {	/* the snake into (x, y) */
			x--, y--;
			pairs[n][0] = x;
			pairs[n][1] = y;
			n++;
		}
		x = px;
		y = py;
	}
	for (i = 0; i < n / 2; i++) {		/* found backwards */
		t = pairs[i][0];
		pairs[i][0] = pairs[n - 1 - i][0];
		pairs[n - 1 - i][0] = t;
		t = pairs[i][1];
		pairs[i][1] = pairs[n - 1 - i][1];
		pairs[n - 1 - i][1] = t;
	}
	return n;
}

/*
 * Match x[0..nx) with y[0..ny): the pairs of indexes (into x, into y)
 * of the steps a shortest edit script keeps, in order, into pairs.
 * Returns their number, or -1 if the script is longer than MAXD.
 */
static long myers(const struct align_step *x, long nx,
		  const struct align_step *y, long ny, long (*pairs)[2])
{
	long max = nx + ny, d, k, xx, yy, rounds, n = -1;
	long *v = calloc(2 * max + 3, sizeof *v), **trace;

	trace = calloc(MAXD + 1, sizeof *trace);
	if (!v || !trace)
		abort();
	v += max + 1;			/* v[k], k in -max-1 .. max+1 */
	for (d = 0; d <= max && d <= MAXD && n < 0; d++) {
		trace[d] = malloc((2 * d + 1) * sizeof **trace);
		if (!trace[d])
			abort();
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[k - 1] < v[k + 1]))
				xx = v[k + 1];		/* down: a step of y */
			else
				xx = v[k - 1] + 1;	/* right: one of x */
			yy = xx - k;
			while (xx < nx && yy < ny && eq(&x[xx], &y[yy]))
				xx++, yy++;
			v[k] = trace[d][k + d] = xx;
			if (xx >= nx && yy >= ny) {
				n = walk_back(trace, d, nx, ny, pairs);
				break;
			}
		}
	}
	rounds = d;
	for (d = 0; d < rounds; d++)
		free(trace[d]);
	free(trace);
	free(v - max - 1);
	return n;
}

/* Rows for a[a0..a1) against b[b0..b1). */
static void stretch(const struct align_trace *a, long a0, long a1,
		    const struct align_trace *b, long b0, long b1,
		    struct align *al)
{
	long (*pairs)[2], n, i, pa = a0, pb = b0;

	while (a0 < a1 && b0 < b1 && eq(&a->v[a0], &b->v[b0])) {
		row(al, a0++, b0++, 1);		/* what they begin with */
		pa = a0, pb = b0;
	}
	pairs = malloc(((a1 - a0 < b1 - b0 ? a1 - a0 : b1 - b0) + 1) *
		       sizeof *pairs);
	if (!pairs)
		abort();
	n = myers(a->v + a0, a1 - a0, b->v + b0, b1 - b0, pairs);
	if (n < 0) {				/* too different: a block */
		n = 0;
		al->cut = 1;
	}
	for (i = 0; i < n; i++) {
		for (; pa < a0 + pairs[i][0]; pa++)
			row(al, pa, -1, 0);
		for (; pb < b0 + pairs[i][1]; pb++)
			row(al, -1, pb, 0);
		row(al, pa++, pb++, 1);
	}
	for (; pa < a1; pa++)
		row(al, pa, -1, 0);
	for (; pb < b1; pb++)
		row(al, -1, pb, 0);
	free(pairs);
}

/* The marks of t, as steps of their own, and where each is in t. */
static struct align_step *marks_of(const struct align_trace *t, long **at,
				   long *n)
{
	struct align_step *m = malloc((t->n + 1) * sizeof *m);
	size_t i;

	*at = malloc((t->n + 1) * sizeof **at);
	if (!m || !*at)
		abort();
	for (*n = 0, i = 0; i < t->n; i++)
		if (t->v[i].mark) {
			m[*n] = t->v[i];
			(*at)[(*n)++] = i;
		}
	return m;
}

void align_diff(const struct align_trace *a, const struct align_trace *b,
		struct align *al)
{
	struct align_step *ma, *mb;
	long *ia, *ib, na, nb, n, i, pa = 0, pb = 0;
	long (*pairs)[2];

	memset(al, 0, sizeof *al);
	ma = marks_of(a, &ia, &na);
	mb = marks_of(b, &ib, &nb);
	pairs = malloc(((na < nb ? na : nb) + 1) * sizeof *pairs);
	if (!pairs)
		abort();
	n = myers(ma, na, mb, nb, pairs);	/* the anchors */
	for (i = 0; i < (n > 0 ? n : 0); i++) {
		stretch(a, pa, ia[pairs[i][0]], b, pb, ib[pairs[i][1]], al);
		row(al, ia[pairs[i][0]], ib[pairs[i][1]], 1);
		pa = ia[pairs[i][0]] + 1;
		pb = ib[pairs[i][1]] + 1;
		al->marks++;
	}
	stretch(a, pa, a->n, b, pb, b->n, al);
	free(pairs);
	free(ma);
	free(mb);
	free(ia);
	free(ib);
}

void align_free(struct align *al)
{
	free(al->row);
	memset(al, 0, sizeof *al);
}

size_t align_row_of(const struct align *al, int side, int64_t i)
{
	size_t r, best = 0;

	for (r = 0; r < al->n; r++) {
		int64_t s = side ? al->row[r].b : al->row[r].a;

		if (s >= 0 && s <= i)
			best = r;
		if (s > i)
			break;
	}
	return best;
}
