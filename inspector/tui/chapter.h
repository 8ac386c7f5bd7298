/*
 * chapter.h - the scenario's chapters (chapter.c): the MARK records that
 * start one (PROTOCOL.md 3.1: chapter n of chapters, the mark's text the
 * title), found in the trace as it grows.  The chapter bar, [ and ],
 * the chapter list, the quiz's tallies and paced runs read them.
 */
#ifndef MMSCOPE_TUI_CHAPTER_H
#define MMSCOPE_TUI_CHAPTER_H

#include <stddef.h>
#include <stdint.h>
#include "mmtrace.h"

struct chapter {
	uint64_t n;			/* the event of its MARK */
	unsigned no, of;		/* chapter no of `of`, as the mark says */
	char title[MMT_TEXT_MAX + 1];	/* the mark's text */
};

/* The chapters in the trace so far, in order; NULL for i out of range. */
size_t chap_count(void);
const struct chapter *chap_get(size_t i);

/* The chapter event n is in (the last one starting at or before it):
 * its index, or -1 before the first. */
int chap_at(uint64_t n);

/* Does ev start a chapter (a MARK with a chapter number)? */
struct mmt_event;
int chap_starts(const struct mmt_event *ev);

#endif /* MMSCOPE_TUI_CHAPTER_H */
