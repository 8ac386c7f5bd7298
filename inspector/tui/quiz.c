/*
 * quiz.c - the quiz, see quiz.h.
 *
 * What needs no question is everything up to qz.upto: the events the
 * cursor has been on or jumped past since the quiz began.  A forward
 * move stops at the first counter change after that (quiz_stop) and
 * opens its question; moving away without answering closes it, and the
 * next step forward asks again.  The truth is the MM_REF itself: both
 * counters after the operation, as the kernel reported them.
 */
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/timeline.h"
#include "trace/names.h"
#include "trace/symbols.h"
#include "tui/chapter.h"
#include "tui/quiz.h"
#include "tui/tui.h"
#include "tui/ui.h"
#include "util/array.h"

/* An answered (or shown) question, for the tallies. */
struct answer {
	uint64_t n;			/* its event */
	int scored;			/* two numbers were typed */
	int right;			/* and both were right */
};

static struct {
	int on;
	uint64_t upto;			/* events up to here ask nothing */
	int open;			/* a question is open at event q */
	uint64_t q;
	struct mmt_mm_ref r;		/* its record: the truth */
	char typed[24];			/* the answer so far */
	int verdict;			/* the last answer, about event q, is
					   to be shown */
	int tallied;			/* the tally was shown at END */
	struct answer *a;
	size_t na, cap;
} qz;

int quiz_on(void)
{
	return qz.on;
}

void quiz_set(int on)
{
	qz.on = on;
	qz.open = qz.verdict = qz.tallied = 0;
	qz.upto = tui.cursor >= 0 ? (uint64_t)tui.cursor : 0;
	if (on)
		tui_say("quiz: moving on stops before each counter change; "
			"type mm_users and mm_count, then Enter (Q: off)");
	else
		tui_say("quiz off");
}

/* A counter change to ask about: of the followed mm, if one is. */
static int is_ref(const struct mmt_event *ev)
{
	uint16_t mm;

	memcpy(&mm, ev->rec + offsetof(struct mmt_mm_ref, mm), 2);
	return ev->type == MMT_MM_REF && (!tui.follow_mm ||
					  mm == tui.follow_mm);
}

uint64_t quiz_stop(uint64_t from, uint64_t to)
{
	struct evlog_iter it;
	struct mmt_event ev;

	if (!qz.on || to <= from)
		return to;
	if (from < qz.upto)
		from = qz.upto;
	evlog_iter_init(&it, tui.tl->log, from + 1);
	while (it.n <= to && evlog_next(&it, &ev)) {
		if (!is_ref(&ev))
			continue;
		qz.open = 1;
		qz.q = ev.n;
		decode_copy(&ev, &qz.r, sizeof qz.r);
		qz.typed[0] = '\0';
		return ev.n;
	}
	return to;
}

/* At the END record, once: the tally, chapter by chapter. */
static void at_end(uint64_t n)
{
	struct mmt_event ev;

	if (qz.tallied || !qz.na || evlog_get(tui.tl->log, n, &ev) < 0 ||
	    ev.type != MMT_END)
		return;
	qz.tallied = 1;
	tui_screen(SCREEN_CHAPTERS);
}

void quiz_moved(uint64_t n)
{
	if (!qz.on)
		return;
	if (qz.open && n != qz.q)
		qz.open = 0;		/* left unanswered: asked again */
	if (qz.verdict && n != qz.q)
		qz.verdict = 0;
	if (!qz.open && n > qz.upto)
		qz.upto = n;		/* stepped or jumped past */
	at_end(n);
}

int quiz_open(void)
{
	return qz.on && qz.open;
}

unsigned quiz_mm(void)
{
	return quiz_open() ? qz.r.mm : 0;
}

uint64_t quiz_from(void)
{
	return qz.on ? qz.upto + 1 : UINT64_MAX;
}

int quiz_verdict(void)
{
	return qz.on && qz.verdict;
}

/* The two numbers of s ("1 2", "1/2", "1,2"); how many there were. */
static int numbers(const char *s, long v[2])
{
	int k = 0;
	char *end;

	while (*s && k < 3) {
		while (*s && !isdigit((unsigned char)*s))
			s++;
		if (!*s)
			break;
		if (k < 2)
			v[k] = strtol(s, &end, 10);
		else
			end = (char *)s + 1;
		k++;
		s = end;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return k;
}

/* Enter: score what was typed (two numbers), or just show the truth. */
static void answer(void)
{
	struct answer *x;
	long v[2];
	int k = numbers(qz.typed, v);

	if (k != 0 && k != 2) {
		tui_say("two numbers, please: mm_users and mm_count (or Enter "
			"alone to see them)");
		return;
	}
	qz.a = util_array_grow(qz.a, &qz.cap, qz.na + 1, sizeof *qz.a);
	x = &qz.a[qz.na++];
	x->n = qz.q;
	x->scored = k == 2;
	x->right = k == 2 && v[0] == qz.r.users && v[1] == qz.r.count;
	qz.open = 0;
	qz.verdict = 1;
	qz.upto = qz.q;
}

int quiz_key(int ch)
{
	size_t n = strlen(qz.typed);

	if (!quiz_open())
		return 0;
	if (ch == '\r' || ch == '\n' || ch == KEY_ENTER || ch == KEY_RIGHT ||
	    ch == 'j') {
		answer();		/* -> and j too: the class wants to see */
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (n)
			qz.typed[n - 1] = '\0';
	} else if (ch < 256 && (isdigit(ch) || ch == ' ' || ch == '/' ||
				ch == ',')) {
		if (n + 1 < sizeof qz.typed) {
			qz.typed[n] = ch;
			qz.typed[n + 1] = '\0';
		}
	} else {
		return 0;
	}
	tui.dirty = 1;
	return 1;
}

/* Who changed the counter: the caller's function, or the reason. */
static const char *who(struct symtab *syms, char *buf, size_t len)
{
	const char *s = syms ? sym_lookup(syms, qz.r.caller, 1) : NULL;
	const char *why = names_of(&names_reason, qz.r.reason);

	if (!s)
		return why ? why : "the kernel";
	snprintf(buf, len, "%.*s", (int)strcspn(s, "+ "), s);
	return buf;
}

const char *quiz_text(struct symtab *syms, char *buf, size_t len)
{
	const struct nametab *ops = tui.tl->tail->era == MMT_ERA_2632 ?
				    &names_op_2632 : &names_op;
	const char *op = names_of(ops, qz.r.op), *why;
	const struct answer *x = qz.na ? &qz.a[qz.na - 1] : NULL;
	const struct life *l = life_at(&tui.tl->lives, qz.r.mm, qz.q);
	char fn[64], mm[LIFE_NAME_MAX];

	life_name(qz.r.mm, l ? l->gen : 0, ui_utf8, mm, sizeof mm);
	if (quiz_open()) {
		why = names_of(&names_reason, qz.r.reason);
		snprintf(buf, len, "Quiz: %s does %s on mm %s (%s). What are "
			 "mm %s's mm_users and mm_count now? Type them and "
			 "Enter (Enter alone: show them): %s_",
			 who(syms, fn, sizeof fn), op ? op : "?", mm,
			 why ? why : "?", mm, qz.typed);
	} else if (quiz_verdict() && x) {
		snprintf(buf, len, "%s mm %s: mm_users %d, mm_count %d.",
			 !x->scored ? "Shown:" : x->right ? "Right!" :
			 "Not quite:", mm, qz.r.users, qz.r.count);
	} else {
		buf[0] = '\0';
	}
	return buf;
}

struct quiz_tally quiz_tally(int chapter)
{
	struct quiz_tally t = { 0, 0, 0 };
	size_t i;

	for (i = 0; i < qz.na; i++) {
		if (chapter >= 0 && chap_at(qz.a[i].n) != chapter)
			continue;
		t.asked += qz.a[i].scored;
		t.right += qz.a[i].right;
		t.shown += !qz.a[i].scored;
	}
	return t;
}
