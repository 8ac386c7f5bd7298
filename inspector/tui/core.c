/*
 * core.c - what every part of the TUI shares: its state (struct tui),
 * the screen switch, notes for the user, and the kinds n and N look
 * for, and the poll sources the loop drives besides the keyboard and
 * the input; see tui.h.
 *
 * This file calls no other file of the TUI: the screens are reached
 * through the table loop.c hands over (tui.screens), so that a screen
 * can switch to another without knowing the loop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include "trace/evlog.h"
#include "trace/names.h"
#include "model/timeline.h"
#include "tui/tui.h"
#include "util/util.h"

#define SAY_NS		4000000000ull	/* how long a note stays */

struct tui tui;

uint64_t tui_count(void)
{
	return evlog_count(tui.tl->log);
}

void tui_screen(enum tui_screen_id s)
{
	tui.screen = s;
	if (tui.screens[s]->init)
		tui.screens[s]->init();
	tui.dirty = 1;
}

void tui_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tui.msg, sizeof tui.msg, fmt, ap);
	va_end(ap);
	tui.msg_until = util_now_ns() + SAY_NS;
	tui.dirty = 1;
}

void tui_poll_add(const struct poll_source *s)
{
	if (tui.npoll == TUI_MAXPOLL) {	/* a fixed few: a bug if more */
		util_err("tui_poll_add: more than %d poll sources",
			 TUI_MAXPOLL);
		abort();
	}
	tui.poll[tui.npoll++] = s;
}

void tui_poll_del(const struct poll_source *s)
{
	int i;

	for (i = 0; i < tui.npoll; i++)
		if (tui.poll[i] == s) {
			tui.poll[i] = tui.poll[--tui.npoll];
			return;
		}
}

/* --- kinds --------------------------------------------------------- */

int tui_kind_match(const struct kind *k, const struct mmt_event *ev)
{
	if (ev->type != k->type)
		return 0;
	return !k->op || ev->rec[offsetof(struct mmt_mm_ref, op)] == k->op;
}

const char *tui_kind_name(const struct kind *k, char *buf, size_t len)
{
	const char *s = k->op ? names_of(&names_op, k->op) :
			mmt_type_name(k->type);

	snprintf(buf, len, "%s", s ? s : "?");
	return buf;
}
