/*
 * loop.h - the TUI's one poll loop (loop.c): the keyboard, signals, the
 * input and the poll sources, playback, and a frame when one is due.
 */
#ifndef MMSCOPE_TUI_LOOP_H
#define MMSCOPE_TUI_LOOP_H

/*
 * Run the TUI over tui.tl and tui.src until q, a signal or an error
 * (curses must be up: ui_init).  Returns the signal that ended it, or 0.
 */
int tui_loop(void);

#endif /* MMSCOPE_TUI_LOOP_H */
