/*
 * test_lecture.c - the lecture's parts of the TUI without a terminal:
 * the chapters found in a trace (chapter.c) and the jumps between them
 * (] and [).
 */
#include <curses.h>
#include <stdio.h>
#include "tbuild.h"
#include "tui/chapter.h"
#include "tui/cursor.h"
#include "tui/input.h"
#include "tui/tui.h"
#include "tap.h"

struct chapter_mark {
	struct mmt_mark m;
	char text[8];
};

static uint64_t chapter_at(struct tb *t, unsigned no, unsigned of,
			   const char *text)
{
	struct chapter_mark k = { { { MMT_MARK, sizeof k.m + 6, 0 }, 1, no, of },
				  "" };

	memcpy(k.text, text, 6);
	return tb_rec(t, 0, &k);
}

static const struct screen nothing = { NULL, NULL, NULL };
static const struct screen *const screens[SCREEN_N] = {
	[SCREEN_MAIN] = &nothing, [SCREEN_CHAPTERS] = &nothing,
};

int main(void)
{
	struct source src = { .ended = 1 };
	struct tb t;
	uint64_t c1, c2, r2, r4, end;
	int ok;

	tap_plan(3);
	tb_init(&t, 1, MMT_ERA_2632);
	tb_alloc(&t, 0, 2, 1, MMT_ALLOC_EXEC);
	c1 = chapter_at(&t, 1, 2, "first.");
	tb_ref(&t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB, 1, 2);
	r2 = tb_ref(&t, 0, 2, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 1, 1);
	c2 = chapter_at(&t, 2, 2, "second");
	tb_ref(&t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 2, 1);
	r4 = tb_ref(&t, 0, 2, MMT_OP_MMPUT, MMT_WHY_EXIT_MM, 1, 1);
	end = tb_end(&t, 0, 0, 1, 900);
	tui.tl = tb_timeline(&t, 0);
	tui.after = model_new();
	tui.before = model_new();
	tui.src = &src;
	tui.screens = screens;
	tui.cursor = -1;

	tap_ok(chap_count() == 2 && chap_get(0)->n == c1 &&
	       chap_get(0)->no == 1 && chap_get(0)->of == 2 &&
	       !strcmp(chap_get(1)->title, "second") && chap_get(1)->n == c2,
	       "two chapters found: their marks, numbers and titles");
	tap_ok(chap_at(c1 - 1) == -1 && chap_at(c1) == 0 && chap_at(r2) == 0 &&
	       chap_at(c2) == 1 && chap_at(end) == 1,
	       "each event's chapter: none before the first");

	cur_goto(0);
	cur_chapter(1);
	ok = tui.cursor == (int64_t)c1;
	cur_chapter(1);
	ok &= tui.cursor == (int64_t)c2;
	cur_chapter(1);			/* none later: stays */
	ok &= tui.cursor == (int64_t)c2;
	cur_goto(r4);
	cur_chapter(-1);		/* this chapter's start */
	ok &= tui.cursor == (int64_t)c2;
	cur_chapter(-1);		/* at a start: the one before */
	ok &= tui.cursor == (int64_t)c1;
	tap_ok(ok, "] goes to the next chapter's start, [ to this one's, or "
	       "from a start to the previous one");

	model_free(tui.after);
	model_free(tui.before);
	tl_free(tui.tl);
	tb_free_all(&t);
	return tap_done();
}
