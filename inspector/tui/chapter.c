/*
 * chapter.c - the chapters of the trace, see chapter.h.
 *
 * The list grows with the trace: each question first reads the events
 * committed since the last one (a live run appends), so nobody has to
 * tell this file that events arrived.  A replay reads the whole trace
 * once, the first time it is asked.
 */
#include <stddef.h>
#include <string.h>
#include "model/timeline.h"
#include "tui/chapter.h"
#include "tui/tui.h"
#include "util/array.h"

static struct {
	struct chapter *v;
	size_t n, cap;
	uint64_t read;			/* events looked at so far */
	const struct timeline *tl;	/* whose events they were */
} ch;

int chap_starts(const struct mmt_event *ev)
{
	return ev->type == MMT_MARK && ev->size >= sizeof(struct mmt_mark) &&
	       ev->rec[offsetof(struct mmt_mark, chapter)];
}

static void add(const struct mmt_event *ev)
{
	struct mmt_mark k;
	struct chapter *c;
	const char *text;
	size_t len = decode_text(ev, sizeof k, &text);

	decode_copy(ev, &k, sizeof k);
	ch.v = util_array_grow(ch.v, &ch.cap, ch.n + 1, sizeof *ch.v);
	c = &ch.v[ch.n++];
	c->n = ev->n;
	c->no = k.chapter;
	c->of = k.chapters;
	if (len > MMT_TEXT_MAX)
		len = MMT_TEXT_MAX;
	memcpy(c->title, text, len);
	c->title[len] = '\0';
}

/* Read the events committed since the last look. */
static void scan(void)
{
	struct evlog_iter it;
	struct mmt_event ev;

	if (ch.tl != tui.tl) {		/* another trace (the unit tests) */
		ch.n = 0;
		ch.read = 0;
		ch.tl = tui.tl;
	}
	if (!tui.tl || ch.read == evlog_count(tui.tl->log))
		return;
	evlog_iter_init(&it, tui.tl->log, ch.read);
	while (evlog_next(&it, &ev))
		if (chap_starts(&ev))
			add(&ev);
	ch.read = it.n;
}

size_t chap_count(void)
{
	scan();
	return ch.n;
}

const struct chapter *chap_get(size_t i)
{
	scan();
	return i < ch.n ? &ch.v[i] : NULL;
}

int chap_at(uint64_t n)
{
	size_t i;

	scan();
	i = util_lower_bound(ch.v, ch.n, sizeof *ch.v,
			     offsetof(struct chapter, n), n + 1);
	return (int)i - 1;
}
