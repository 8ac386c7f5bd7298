/*
 * termcheck.h - can the TUI draw on this terminal?  It draws by moving
 * the cursor; a terminal that cannot (TERM=dumb, an emacs shell buffer,
 * a TERM unknown to terminfo) would get a single garbled line and no
 * word of why.  replay and run ask before curses starts.
 */
#ifndef MMSCOPE_TERMCHECK_H
#define MMSCOPE_TERMCHECK_H

/*
 * -1 if $TERM's terminfo entry has cursor addressing (cup); else say on
 * stderr why verb cannot draw and what to use instead (instead: e.g.
 * "mmscope dump FILE"), and return EXIT_USAGE.
 */
int term_check(const char *verb, const char *instead);

#endif /* MMSCOPE_TERMCHECK_H */
