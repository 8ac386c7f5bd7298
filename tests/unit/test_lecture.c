/*
 * test_lecture.c - the lecture's parts of the TUI without a terminal:
 * the chapters found in a trace (chapter.c) and the jumps between them
 * (] and [), and the quiz (quiz.c): a step forward stops before each
 * counter change with its mm hidden, a right and a wrong answer are
 * scored so, Enter alone (or ->) only shows, moving back and on asks
 * again, a jump skips, and the tallies add up per chapter and in total.
 */
#include <curses.h>
#include <stdio.h>
#include "tbuild.h"
#include "tui/chapter.h"
#include "tui/cursor.h"
#include "tui/input.h"
#include "tui/quiz.h"
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

/* Type s, then Enter, as answers are typed. */
static void type(const char *s)
{
	for (; *s; s++)
		quiz_key(*s);
	quiz_key('\n');
}

static const struct screen nothing = { NULL, NULL, NULL };
static const struct screen *const screens[SCREEN_N] = {
	[SCREEN_MAIN] = &nothing, [SCREEN_CHAPTERS] = &nothing,
};

int main(void)
{
	struct source src = { .ended = 1 };
	struct tb t;
	uint64_t c1, c2, r1, r2, r3, r4, end;
	struct quiz_tally a, k1, k2;
	int ok;

	tap_plan(10);
	tb_init(&t, 1, MMT_ERA_2632);
	tb_alloc(&t, 0, 2, 1, MMT_ALLOC_EXEC);
	c1 = chapter_at(&t, 1, 2, "first.");
	r1 = tb_ref(&t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB, 1, 2);
	r2 = tb_ref(&t, 0, 2, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 1, 1);
	c2 = chapter_at(&t, 2, 2, "second");
	r3 = tb_ref(&t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 2, 1);
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

	cur_goto(c1);
	quiz_set(1);
	cur_step(1);
	tap_ok(tui.cursor == (int64_t)r1 && quiz_open() && quiz_mm() == 2 &&
	       quiz_from() <= r1,
	       "quiz: a step stops at the counter change, mm 2 hidden");
	quiz_key('7');
	cur_step(-1);
	tap_ok(tui.cursor == (int64_t)c1 && !quiz_open(),
	       "moving back leaves the question unanswered");
	cur_step(1);
	tap_ok(tui.cursor == (int64_t)r1 && quiz_open() &&
	       quiz_tally(-1).asked == 0, "forward again: asked again");
	type("1 2");
	tap_ok(!quiz_open() && quiz_verdict() && quiz_tally(-1).right == 1 &&
	       quiz_tally(-1).asked == 1, "1 2 and Enter: right (users 1, "
	       "count 2)");
	cur_step(1);
	type("1/2");			/* the truth is 1/1 */
	a = quiz_tally(-1);
	tap_ok(tui.cursor == (int64_t)r2 && a.asked == 2 && a.right == 1,
	       "1/2 at the mmdrop to 1/1: wrong");
	cur_step(1);
	cur_step(1);
	ok = tui.cursor == (int64_t)r3 && quiz_open();
	quiz_key(KEY_RIGHT);
	a = quiz_tally(-1);
	tap_ok(ok && a.asked == 2 && a.shown == 1 && !quiz_open(),
	       "-> (as Enter alone) shows the numbers, unscored");
	cur_goto(end);			/* a jump: r4 is not asked */
	k1 = quiz_tally(0);
	k2 = quiz_tally(1);
	tap_ok(!quiz_open() && k1.asked == 2 && k1.right == 1 &&
	       k2.asked == 0 && k2.shown == 1 && tui.screen == SCREEN_CHAPTERS,
	       "a jump asks nothing; at END the tallies per chapter (1 of 2, "
	       "0 and 1 shown) go on screen");
	quiz_set(0);
	model_free(tui.after);
	model_free(tui.before);
	tl_free(tui.tl);
	tb_free_all(&t);
	return tap_done();
}
