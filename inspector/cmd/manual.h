/*
 * manual.h - mmscope's manual pages, inspector/cmd/man/: mmscope(1), a
 * page per verb (mmscope-record(1), ...) and mmscope-expect(5).
 *
 * The build puts the pages in build/man/manN/ (and `scons install` in
 * PREFIX/share/man/manN/), and their text, rendered by mandoc, here in
 * the program (manpages.c, made by inspector/SConscript), so that
 * `mmscope help VERB` can print a page where man(1) is missing.
 */
#ifndef MMSCOPE_CMD_MANUAL_H
#define MMSCOPE_CMD_MANUAL_H

#include <stddef.h>

struct cmd_manpage {
	const char *name;		/* "mmscope-record" */
	int section;			/* 1, or 5 for mmscope-expect */
	const char *text;		/* the page as plain text */
};

extern const struct cmd_manpage cmd_manpages[];
extern const size_t cmd_nmanpages;

/*
 * Show the page `name` (section 1 or 5): on a terminal through man(1)
 * from the page file beside the binary (build/man/, or
 * PREFIX/share/man/ installed), else its text on stdout.  Returns 0,
 * or -1 when there is no such page.
 */
int cmd_man(const char *name);

#endif /* MMSCOPE_CMD_MANUAL_H */
