/*
 * bars.c - the three lines at the bottom of the main screen: the
 * narration (what the event under the cursor did, in words, and the
 * violation the checker found there), the status bar, and an htop-style
 * function-key bar that a click also works on (live with the gdbstub,
 * also h, c and l when the width allows).
 */
#include <curses.h>
#include <inttypes.h>
#include <stdarg.h>
#include "model/narrate.h"
#include "model/timeline.h"
#include "target/dbg.h"
#include "trace/names.h"
#include "trace/print.h"
#include "tui/bars.h"
#include "tui/chapter.h"
#include "tui/input.h"

/* --- narration ------------------------------------------------------ */

/* Bytes of s that fill at most w columns, cut after a space if it can. */
static size_t line_end(const char *s, int w)
{
	size_t i = 0, cut = 0;
	int n = 0;

	while (s[i] && n < w) {
		if (s[i] == ' ')
			cut = i;
		i++;
		while (ui_utf8 && (s[i] & 0xc0) == 0x80)
			i++;
		n++;
	}
	return s[i] && cut ? cut : i;
}

/* s word-wrapped over at most rows lines; returns the lines used. */
static int wrap(int y, const struct box *b, int rows, enum ui_role r,
		const char *s)
{
	char line[1024];
	size_t n;
	int i;

	for (i = 0; i < rows && *s; i++) {
		n = line_end(s, b->w - 2);
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, s, n);
		line[n] = '\0';
		ui_put(y + i, b->x + 1, b->w - 2, r, line);
		s += n;
		while (*s == ' ')
			s++;
	}
	return i;
}

/* A note of the log placed at the cursor (events lost, garbage). */
static const struct evlog_note *note_here(const struct view *v)
{
	const struct evlog_note *g;
	size_t k, i;

	g = evlog_notes(v->tl->log, &k);
	i = evlog_note_at(v->tl->log, v->cursor);
	for (; i < k && g[i].n == (uint64_t)v->cursor; i++)
		if (g[i].dg.kind != DIAG_HEARTBEAT)
			return &g[i];
	return NULL;
}

/* The violation the checker found at the cursor's event, or NULL. */
static const struct violation *violation_here(const struct view *v)
{
	const struct findings *f = &v->tl->found;
	size_t i;

	if (v->cursor < 0)
		return NULL;
	i = findings_at(f, v->cursor);
	return i < f->nv && f->v[i].n == (uint64_t)v->cursor ? &f->v[i] : NULL;
}

/* How many lines of w columns s takes, word-wrapped (at most max). */
static int wrap_rows(const char *s, int w, int max)
{
	int n = 0;

	while (*s && n < max) {
		s += line_end(s, w);
		while (*s == ' ')
			s++;
		n++;
	}
	return n;
}

/* The sentence for the cursor's event, into s; NULL if there is none. */
static const char *sentence(const struct view *v, char *s, size_t len)
{
	struct narrator nr = { v->before, v->tl->log, ui_arrow() };
	struct mmt_event ev;

	if (v->cursor < 0 || evlog_get(v->tl->log, v->cursor, &ev) < 0)
		return NULL;
	return narrate_event(&nr, &ev, s, len);
}

/*
 * What the narration's own lines say: the sentence for the cursor's
 * event, or in its place the quiz's open question (the sentence would
 * give the answer away).  NULL if there is no event.
 */
static const char *said(const struct view *v, char *s, size_t len,
			enum ui_role *r)
{
	*r = ROLE_NARRATION;
	if (v->quiz_text && v->quiz_mm) {
		*r = ROLE_QUIZ;
		return v->quiz_text;
	}
	return sentence(v, s, len);
}

/* The quiz's verdict (or what is typed) on a line above the sentence. */
static int verdict_here(const struct view *v)
{
	return v->quiz_text && !v->quiz_mm;
}

int bar_narration_rows(const struct view *v, int lines, int cols)
{
	int extra = !!violation_here(v) + (v->cursor >= 0 && note_here(v)) +
		    verdict_here(v);
	int rows = NARRATION_ROWS, n;
	char s[NARRATE_MAX];
	const char *text;
	enum ui_role r;

	if ((text = said(v, s, sizeof s, &r)) &&
	    (n = wrap_rows(text, cols - 2, NARRATION_MAX)) > rows)
		rows = n;
	if (lines < 24)
		return rows + (extra ? 1 : 0);
	return rows + (extra > 1 || (extra && lines >= 30) ? 2 : !extra &&
		       rows > NARRATION_ROWS ? 0 : 1);
}

/*
 * The sentence has the lines it needs (at least NARRATION_ROWS, at most
 * NARRATION_MAX), at the bottom of b; above it, what the checker found
 * at the event and a note of the log (lost events, garbage) share the
 * rest.
 */
void bar_narration(const struct view *v, const struct box *b)
{
	const struct violation *w = violation_here(v);
	const struct evlog_note *g;
	struct printer p = { .base_off = MMT_FILE_HEADER_SIZE };
	char s[NARRATE_MAX * 2], say[NARRATE_MAX];
	int y = b->y, rows, left, verdict = verdict_here(v);
	const char *text;
	enum ui_role role;

	if (!(text = said(v, say, sizeof say, &role))) {
		wrap(y, b, b->h, ROLE_DIM, v->src->ended ? "The trace has "
		     "no events." : "Waiting for the first event...");
		return;
	}
	rows = wrap_rows(text, b->w - 2, NARRATION_MAX);
	rows = rows < NARRATION_ROWS ? NARRATION_ROWS : rows;
	rows = rows > b->h ? b->h : rows;
	left = b->h - rows;
	g = note_here(v);
	if (left > 0 && w) {
		narrate_violation(w, s, sizeof s);
		y += wrap(y, b, left - ((g || verdict) && left > 1), ROLE_BAD,
			  s);
	}
	if (b->y + b->h - rows - y > 0 && g) {
		print_diag_text(&p, &g->dg, s, sizeof s);
		y += wrap(y, b, 1, ROLE_WARN, s);
	}
	if (b->y + b->h - rows - y > 0 && verdict)
		y += wrap(y, b, 1, ROLE_QUIZ, v->quiz_text);
	wrap(b->y + b->h - rows, b, rows, role, text);
}

/* --- chapter -------------------------------------------------------- */

/*
 * The chapter of the cursor's event: "3/8 vfork: the child uses our mm
 * until it execs", and at the right end how to move between chapters.
 */
void bar_chapter(const struct view *v, int y, int w)
{
	const struct chapter *c = v->chapter;
	const char *keys = "[ ] chapters  C: list";
	const char *title = c ? c->title : "before the first chapter";
	int x, kw = (int)strlen(keys), room;

	ui_fill(y, 0, w, ROLE_CHAPTER);
	x = 1 + ui_printf(y, 1, w - 1, ROLE_CHAPTER, "%u/%u ", c ? c->no : 0,
			  c ? c->of : v->chapters);
	room = w - x - 1;
	if (room > (int)strlen(title) + kw + 2) {
		ui_put(y, w - kw - 1, kw, ROLE_CHAPTER, keys);
		room -= kw + 2;
	}
	ui_put(y, x, room, ROLE_CHAPTER, title);
}

/* --- status --------------------------------------------------------- */

/*
 * The status bar is made of segments, each with a rank: 1 what the
 * screen means (LIVE, the event, a fault), 2 how it goes (paused, the
 * machine), 3 more (the era, no violations), 4 and 5 the rest.  When
 * the width does not hold them all, the higher ranked are kept first;
 * a segment is shown whole or not at all, in its place.
 */
#define NSEGS		24

struct segs {
	int n;
	struct {
		enum ui_role r;
		int rank;
		char s[160];
	} v[NSEGS];
};

static void seg(struct segs *ss, int rank, enum ui_role r, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));

static void seg(struct segs *ss, int rank, enum ui_role r, const char *fmt,
		...)
{
	va_list ap;

	if (ss->n == NSEGS)
		return;
	va_start(ap, fmt);
	vsnprintf(ss->v[ss->n].s, sizeof ss->v[0].s, fmt, ap);
	va_end(ap);
	ss->v[ss->n].r = r;
	ss->v[ss->n].rank = rank;
	ss->n++;
}

/* Columns of s (UTF-8: a character is one). */
static int cols(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += (*s & 0xc0) != 0x80;
	return n;
}

/* Draw the segments that fit in w: rank by rank, each in its place
 * if the ones kept so far leave room for it. */
static void segs_draw(struct segs *ss, int y, int w)
{
	int keep[NSEGS] = { 0 }, used = 0, rank, i, x = 0;

	for (rank = 1; rank <= 5; rank++)
		for (i = 0; i < ss->n; i++)
			if (ss->v[i].rank == rank &&
			    used + cols(ss->v[i].s) <= w) {
				keep[i] = 1;
				used += cols(ss->v[i].s) + 1;
			}
	for (i = 0; i < ss->n && x < w; i++)
		if (keep[i])
			x += ui_put(y, x, w - x, ss->v[i].r, ss->v[i].s) + 1;
}

/* How the input is doing: loading, running, how it ended. */
static void input_state(const struct view *v, struct segs *ss)
{
	const struct source *s = v->src;
	const struct decode_stats *st = &evlog_decoder(v->tl->log)->st;
	const struct model *t = v->tl->tail;

	if (t->panic_n)
		seg(ss, 1, ROLE_BAD, " PANIC at %" PRIu64 " ", t->panic_n - 1);
	if (s->ended && !t->end_n && v->count)
		seg(ss, 2, ROLE_WARN, "ends early (no END)");
	if (st->garbage_bytes)
		seg(ss, 3, ROLE_WARN, "garbage %" PRIu64 " B",
		    st->garbage_bytes);
	if (s->ended && st->truncated)
		seg(ss, 3, ROLE_WARN, "cut inside a frame");
	if (!s->ended && s->kind == SOURCE_FILE)
		seg(ss, 2, ROLE_NORMAL, "loading %d%%", s->size ?
		    (int)(s->bytes * 100 / s->size) : 0);
	else if (s->status[0])
		seg(ss, s->bad || s->ended ? 2 : 3, s->bad ? ROLE_WARN :
		    ROLE_NORMAL, "%s", s->status);
}

/* The first thing a halt found wrong, in a few words. */
static void first_mismatch(const struct vfy *v, char *buf, size_t len)
{
	const struct vfy_mm *r;
	size_t i;
	int c;

	for (c = 0; c < v->ncpu; c++)
		if (v->cpu[c].state == VFY_BAD) {
			snprintf(buf, len, "cpu %d: %s", v->cpu[c].id,
				 v->cpu[c].why);
			return;
		}
	for (i = 0; i < v->nmm; i++) {
		r = &v->mm[i];
		if (r->state != VFY_BAD)
			continue;
		if (!r->in_mem || !r->in_model)
			snprintf(buf, len, "mm %u lives in the %s only", r->id,
				 r->in_mem ? "kernel" : "trace");
		else if (r->users != r->m_users || r->count != r->m_count)
			snprintf(buf, len, "mm %u users/count: mem %d/%d, "
				 "trace %d/%d", r->id, r->users, r->count,
				 r->m_users, r->m_count);
		else
			snprintf(buf, len, "mm %u: pgd %#x in memory, %#x in "
				 "the trace", r->id, r->pa, r->m_pa);
		return;
	}
	buf[0] = '\0';
}

/* The last halt: where, how many events, how long, and the verdict. */
static void halt_state(struct segs *ss, const struct dbg *d)
{
	const struct mach *m = &d->m;
	const char *kind = mmt_types[m->stop_type].name;
	char why[200];

	seg(ss, 1, ROLE_PAUSED, " HALTED ");
	if (m->stop_cpu >= 0 && kind)	/* where: a lecture's step says it */
		seg(ss, 2, ROLE_NORMAL, "#%" PRIu64 " cpu %d at %s,", d->halts,
		    m->stop_cpu, kind);
	else
		seg(ss, 2, ROLE_NORMAL, "#%" PRIu64 ",", d->halts);
	seg(ss, 3, ROLE_NORMAL, "%" PRIu64 " events, %.1f ms", d->v.events,
	    d->halt_ns / 1e6);
	if (!d->verified) {
		seg(ss, 2, ROLE_WARN, "%s", d->err);
		return;
	}
	first_mismatch(&d->v, why, sizeof why);
	if (d->v.bad)
		seg(ss, 1, ROLE_BAD, " %u mismatch%s: %s ", d->v.bad,
		    d->v.bad == 1 ? "" : "es", why);
	else
		seg(ss, 2, ROLE_NORMAL, "verified%s", d->v.busy ?
		    ", some in flux" : "");
}

/* Live with the gdbstub: is the machine running or halted? */
static void machine_state(const struct view *v, struct segs *ss)
{
	const struct dbg *d = v->dbg;

	if (!d || d->state == DBG_OFF || d->state == DBG_DEAD)
		return;
	if (d->state == DBG_HALTED)
		halt_state(ss, d);
	else
		seg(ss, 2, ROLE_NORMAL, "machine %s", dbg_state_name(d));
}

/* The gdbstub's troubles; none once QEMU has ended (it goes with it). */
static void gdb_state(const struct view *v, struct segs *ss)
{
	const struct dbg *d = v->dbg;

	if (!d || v->src->ended)
		return;
	if (v->pace && (d->state == DBG_OFF || d->state == DBG_DEAD))
		return;			/* the pace's segment says why */
	if (d->state == DBG_OFF)
		seg(ss, 3, ROLE_WARN, "no gdbstub: %s", v->dbg_why);
	else if (d->state == DBG_DEAD)
		seg(ss, 3, ROLE_WARN, "%s", d->err);
	else if (d->g.note[0])
		seg(ss, 3, ROLE_WARN, "gdbstub: %s", d->g.note);
}

/*
 * Mode, playback, where the cursor is, the machine under the gdbstub,
 * what went wrong (violations, losses, the input, the gdbstub), then
 * the rest; what the width cannot hold goes by rank (segs_draw).
 */
void bar_status(const struct view *v, int y, int w)
{
	const struct model *t = v->tl->tail;
	const char *era = names_of(&names_era, t->era);
	size_t nv = v->tl->found.nv;
	struct segs ss = { 0 };

	seg(&ss, 1, v->live ? ROLE_LIVE : ROLE_REPLAY, v->live ? " LIVE " :
	    " REPLAY ");
	if (v->pace)
		seg(&ss, 1, v->pace_held ? ROLE_PAUSED : ROLE_PACE, " %s ",
		    v->pace);
	else if (v->paused)
		seg(&ss, 2, ROLE_PAUSED, " PAUSED ");
	else
		seg(&ss, 2, ROLE_NORMAL, "%s %s", ui_utf8 ? "\u25b6" : ">",
		    v->speed);
	if (v->quiz)
		seg(&ss, 2, ROLE_QUIZ, "QUIZ %u/%u", v->quiz_right,
		    v->quiz_asked);
	if (v->cursor < 0)
		seg(&ss, 1, ROLE_NORMAL, "no events yet");
	else
		seg(&ss, 1, ROLE_NORMAL, "event %lld of %" PRIu64,
		    (long long)v->cursor, v->count);
	machine_state(v, &ss);
	if (nv)
		seg(&ss, 1, ROLE_BAD, " %zu violation%s ", nv, nv == 1 ? "" :
		    "s");
	else
		seg(&ss, 3, ROLE_NORMAL, "no violations");
	if (t->lost)
		seg(&ss, 2, ROLE_WARN, "lost %" PRIu64, t->lost);
	input_state(v, &ss);
	gdb_state(v, &ss);
	if (v->nmarks)
		seg(&ss, 4, ROLE_BOOKMARK, "%u mark%s", v->nmarks,
		    v->nmarks == 1 ? "" : "s");
	seg(&ss, 3, ROLE_NORMAL, "era %s", era ? era : "?");
	if (!t->lost)
		seg(&ss, 5, ROLE_NORMAL, "lost 0");
	segs_draw(&ss, y, w);
}

/* --- function keys ------------------------------------------------- */

static const struct fkey {
	int key;
	const char *label;
	const char *word;
} fkeys[] = {
	{ KEY_F(1), "F1", "Help" },	{ KEY_F(2), "F2", "Goto" },
	{ KEY_F(3), "F3", "Search" },	{ KEY_F(4), "F4", "Follow" },
	{ KEY_F(5), "F5", "Mark" },	{ KEY_F(6), "F6", "Viols" },
	{ KEY_F(7), "F7", "Slow" },	{ KEY_F(8), "F8", "Fast" },
	{ KEY_F(9), "F9", "Pause" },	{ KEY_F(10), "F10", "Quit" },
};
#define NFKEYS	(sizeof fkeys / sizeof fkeys[0])

/* The gdbstub's keys, after the function keys when the width allows. */
static const struct fkey dkeys[] = {
	{ 'h', "h", "Halt" }, { 'c', "c", "Cont" }, { 'l', "l", "Next" },
};
#define NDKEYS	(sizeof dkeys / sizeof dkeys[0])

static const struct fkey *bar_key(unsigned i)
{
	return i < NFKEYS ? &fkeys[i] : &dkeys[i - NFKEYS];
}

static int key_width(const struct fkey *k)
{
	return (int)(strlen(k->label) + strlen(k->word)) + 1;
}

/* What the bar says for key k: a word that flips with the view. */
static const char *key_word(const struct view *v, const struct fkey *k)
{
	if (k->key == KEY_F(9) && v->paused)
		return "Play";
	if (k->key == KEY_F(4) && v->follow_mm)
		return "All";
	return k->word;
}

/* Where each key of a bar w wide starts (x[n]: where the last ends);
 * returns n, the keys that fit. */
static unsigned keys_at(const struct view *v, int w, int *x)
{
	unsigned i, n = NFKEYS + (v->dbg_columns ? NDKEYS : 0);
	const struct fkey *k;

	x[0] = 0;
	for (i = 0; i < n; i++) {
		k = bar_key(i);
		if (i >= NFKEYS && x[i] + key_width(k) > w)
			break;
		x[i + 1] = x[i] + (int)strlen(k->label) +
			   (int)strlen(key_word(v, k)) + 1;
	}
	return i;
}

void bar_keys(const struct view *v, int y, int w)
{
	int x[NFKEYS + NDKEYS + 1], at = 0;
	unsigned i, n = keys_at(v, w, x);
	const struct fkey *k;

	if (v->msg) {			/* a note takes the keys' place */
		ui_fill(y, 0, w, ROLE_NORMAL);
		ui_put(y, 1, w - 2, ROLE_WARN, v->msg);
		return;
	}
	for (i = 0; i < n; i++) {
		k = bar_key(i);
		at = x[i] + ui_put(y, x[i], w - x[i], ROLE_NORMAL, k->label);
		at += ui_printf(y, at, w - at, ROLE_KEY, "%s ", key_word(v, k));
	}
	ui_fill(y, at, w - at, ROLE_KEY);
}

int bar_keys_click(const struct view *v, int x, int w)
{
	int at[NFKEYS + NDKEYS + 1];
	unsigned i, n = keys_at(v, w, at);

	if (v->msg)
		return -1;		/* the note is there, not the keys */
	for (i = 0; i < n; i++)
		if (x >= at[i] && x < at[i + 1])
			return bar_key(i)->key;
	return -1;
}
