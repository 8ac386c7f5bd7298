/*
 * search.c - / as in less: the next event whose text contains the query
 * (what the Events panel and dump show of it: its name and fields, the
 * names of its mm_structs, its caller's symbol), or that names a task
 * whose comm contains it (a number: the task with that pid); n and N
 * repeat it forward and back, round the trace.  Lower-case queries
 * ignore case, as less -i does; one with a capital letter does not.
 *
 * A task is matched by its name at that event: a scan starts from the
 * tasks of a model at its first event and follows TASK_NEW and EXEC as
 * it goes.  A backward search scans the log's chunks from the cursor
 * back, each forward from a model seeked to its start.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/lives.h"
#include "model/timeline.h"
#include "trace/fields.h"
#include "trace/names.h"
#include "trace/print.h"
#include "tui/cursor.h"
#include "tui/tui.h"
#include "tui/ui.h"
#include "util/util.h"

#define TEXT_MAX	512		/* an event's text */

struct search {
	const char *q;
	long pid;			/* q as a number, -1: text */
	int fold;			/* ignore case: q has no capital */
	uint8_t *hit;			/* per pid: its comm matches */
	uint8_t idle_hit[MODEL_MAXCPU];	/* pid 0, per CPU */
	FILE *out;			/* an event's text is printed here */
	char text[TEXT_MAX];
	struct printer p;
	char name[LIFE_NAME_MAX];	/* an mm's name, for the printer */
};

/* Does s (n bytes) contain the query? */
static int has(const struct search *s, const char *t, size_t n)
{
	size_t k = strlen(s->q), i, j;

	for (i = 0; i + k <= n; i++) {
		for (j = 0; j < k; j++)
			if (s->fold ? tolower((unsigned char)t[i + j]) !=
				      (unsigned char)s->q[j] :
				      t[i + j] != s->q[j])
				break;
		if (j == k)
			return 1;
	}
	return 0;
}

static int comm_hit(const struct search *s, unsigned pid, const char *comm)
{
	if (s->pid >= 0)
		return pid == s->pid;
	return has(s, comm, strnlen(comm, MMT_COMM_LEN));
}

/* The tasks of model m (the state the scan starts from). */
static void tasks_from(struct search *s, const struct model *m)
{
	const struct task *t;
	uint32_t i;

	memset(s->hit, 0, MODEL_IDS);
	memset(s->idle_hit, 0, sizeof s->idle_hit);
	for (i = 0; m && i < m->ntask; i++) {
		t = &m->task[i];
		if (!(t->flags & T_USED))
			continue;
		if (t->pid)
			s->hit[t->pid] = comm_hit(s, t->pid, t->comm);
		else if (t->cpu < MODEL_MAXCPU)
			s->idle_hit[t->cpu] = comm_hit(s, 0, t->comm);
	}
}

/* Does ev name a matching task?  Tasks appearing update the set. */
static int task_event(struct search *s, const struct mmt_event *ev)
{
	const struct layout *l = &field_layouts[ev->type];
	struct mmt_task_new r;
	unsigned i, pid;

	if (ev->type == MMT_TASK_NEW || ev->type == MMT_EXEC) {
		decode_copy(ev, &r, sizeof r);
		if (ev->type == MMT_TASK_NEW && r.pid)
			s->hit[r.pid] = comm_hit(s, r.pid, r.comm);
		else if (ev->type == MMT_EXEC)
			s->hit[r.pid] = comm_hit(s, r.pid,
				(const char *)ev->rec + offsetof(struct mmt_exec,
								 comm));
	}
	for (i = 0; i < l->nfields; i++) {
		if (strcmp(l->fields[i].name, "pid") &&
		    strcmp(l->fields[i].name, "prev") &&
		    strcmp(l->fields[i].name, "next"))
			continue;
		pid = field_uint(&l->fields[i], ev->rec);
		if (pid ? s->hit[pid] : ev->cpu < MODEL_MAXCPU &&
		    s->idle_hit[ev->cpu])
			return 1;
	}
	return 0;
}

/* The name of mm id in event ev, as the panels write it. */
static const char *mm_name(void *arg, const struct mmt_event *ev, unsigned id)
{
	struct search *s = arg;
	const struct life *l = life_at(&tui.tl->lives, id, ev->n);

	return life_name(id, l ? l->gen : 0, ui_utf8, s->name, sizeof s->name);
}

/* Does ev's text contain the query? */
static int text_event(struct search *s, const struct mmt_event *ev)
{
	const char *name = mmt_type_name(ev->type), *op, *op_2632;
	size_t n;

	if (s->pid >= 0 || !s->out)
		return 0;
	rewind(s->out);
	if (ev->type == MMT_MM_REF) {	/* both spellings of the op */
		op = names_of(&names_op, ev->rec[offsetof(struct mmt_mm_ref,
							  op)]);
		op_2632 = names_of(&names_op_2632,
				   ev->rec[offsetof(struct mmt_mm_ref, op)]);
		fprintf(s->out, "%s %s ", op ? op : "",
			op_2632 ? op_2632 : "");
	}
	fputs(name ? name : "", s->out);
	print_fields(&s->p, ev);
	fflush(s->out);
	n = ftell(s->out);
	return has(s, s->text, n < TEXT_MAX ? n : TEXT_MAX - 1);
}

/* The first (dir > 0) or last (dir < 0) match in [from, to), or -1;
 * the tasks are those of m, the state before event from. */
static int64_t scan(struct search *s, const struct model *m, uint64_t from,
		    uint64_t to, int dir)
{
	struct evlog_iter it;
	struct mmt_event ev;
	int64_t found = -1;

	tasks_from(s, m);
	evlog_iter_init(&it, tui.tl->log, from);
	while (it.n < to && evlog_next(&it, &ev)) {
		if (task_event(s, &ev) | text_event(s, &ev)) {
			found = ev.n;
			if (dir > 0)
				break;
		}
	}
	return found;
}

/* Backward from `to`: a chunk at a time, each from a model seeked to
 * its start. */
static int64_t scan_back(struct search *s, uint64_t to, uint64_t stop)
{
	struct model *m = model_new();
	uint64_t start;
	int64_t n = -1;

	while (m && n < 0 && to > stop) {
		start = (to - 1) & ~(uint64_t)(EVLOG_CHUNK - 1);
		start = start < stop ? stop : start;
		tl_seek(tui.tl, m, start);
		n = scan(s, m, start, to, -1);
		to = start;
	}
	model_free(m);
	return n;
}

static int64_t find(struct search *s, int dir)
{
	uint64_t count = tui_count(), at = tui.cursor;
	int64_t n;

	if (dir > 0) {
		n = scan(s, tui.after, at + 1, count, 1);
		if (n < 0 && (n = scan(s, NULL, 0, at + 1, 1)) >= 0)
			tui_say("search hit the end, went on from the start");
		return n;
	}
	n = scan_back(s, at, 0);
	if (n < 0 && (n = scan_back(s, count, at + 1)) >= 0)
		tui_say("search hit the start, went on from the end");
	return n;
}

int cur_search(const char *q, int dir)
{
	struct search s = { .q = q, .pid = -1 };
	unsigned long pid;
	int64_t n = -1;
	const char *c;

	if (tui.cursor < 0 || !*q)
		return -1;
	if (q != tui.search)
		snprintf(tui.search, sizeof tui.search, "%s", q);
	tui.last_search = SEARCH_TEXT;
	if (util_parse_ulong(q, 0, MODEL_IDS - 1, &pid) == 0)
		s.pid = pid;
	for (s.fold = 1, c = q; *c; c++)
		s.fold &= !isupper((unsigned char)*c);
	s.hit = calloc(1, MODEL_IDS);
	s.out = fmemopen(s.text, sizeof s.text, "w");
	s.p = (struct printer) { .out = s.out, .syms = tui.syms,
				 .mm_name = mm_name, .mm_arg = &s,
				 .mm_names = PRINT_NAMES_REPLACE };
	if (s.hit)
		n = find(&s, dir);
	if (s.out)
		fclose(s.out);
	free(s.hit);
	if (n < 0) {
		tui_say(s.pid >= 0 ? "no event of pid %s" :
			"no event or task matches '%s'", q);
		return -1;
	}
	cur_goto(n);
	return 0;
}

void cur_again(int dir, unsigned times)
{
	if (!times)
		times = 1;
	while (times--) {
		if (tui.last_search == SEARCH_TEXT) {
			if (cur_search(tui.search, dir) < 0)
				return;
		} else {
			cur_kind(dir);
		}
	}
}
