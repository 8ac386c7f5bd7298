/*
 * cursor.h - moving the cursor over the timeline (cursor.c): steps,
 * pages, go to, the next event of a kind or of one mm, bookmarks,
 * search, playback and following the tail.  Every move keeps tui.after
 * and tui.before the states after and before the cursor's event.
 */
#ifndef MMSCOPE_TUI_CURSOR_H
#define MMSCOPE_TUI_CURSOR_H

#include <stdint.h>

struct life;

void cur_init(int live);		/* live: follow the tail; else paused */
void cur_goto(int64_t n);		/* clamp, pause-free, models follow */
void cur_forward(int64_t n);		/* the same, but stop at a quiz
					   question on the way (quiz.h) */
void cur_step(int dir);			/* one event (of the followed mm) */
void cur_page(int dir, unsigned rows);	/* a page of rows events, less one */
void cur_kind(int dir);			/* next/previous of the kind */
void cur_follow(unsigned mm);		/* the mm_struct mm names at the
					   cursor; 0: every event again */
void cur_life(unsigned mm, int end);	/* to the MM_ALLOC (end 0) or
					   MM_FREE (1) of that mm_struct */
const struct life *cur_followed(void);	/* the followed one, or NULL */
void cur_mark(void);			/* b: set or clear a bookmark */
void cur_next_mark(void);		/* ': the next one, round */
void cur_chapter(int dir);		/* ] [: the next, previous chapter's
					   start */

/* search.c: / as in less.  The next (dir > 0) or previous event whose
 * text or task matches q, round the trace; it becomes the last search.
 * 0 found, -1 not (and a note says so). */
int cur_search(const char *q, int dir);
/* n, N: the last search (/, or the kind K chose) again, times times;
 * before any, the next event of the cursor's event's kind. */
void cur_again(int dir, unsigned times);
void cur_pause(int on);
void cur_speed(int d);			/* +1 faster, -1 slower */
const char *cur_speed_name(void);

/* Playback and following the tail: move the cursor if it is time.
 * Returns the nanoseconds until it is time again (UINT64_MAX: never). */
uint64_t cur_tick(uint64_t now);

#endif /* MMSCOPE_TUI_CURSOR_H */
