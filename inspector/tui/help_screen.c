/*
 * help_screen.c - the help screen: every key, and what the colours and
 * marks mean.  Up, down and the page keys scroll it; any other key
 * closes it.
 */
#include <curses.h>
#include "tui/screens.h"
#include "tui/tui.h"
#include "tui/ui.h"

static const char *const help[] = {
	"#Moving",
	"Right Left  j k   step one event forward, back (of the followed mm)",
	"Down Up           Events panel: the same; mm_structs, Tasks: select",
	"PgDn PgUp         a page of events forward, back",
	"Home End  gg G    the first, the last event",
	"g  F2             go to event N (g again: the first)",
	"3j  120G  5n      a count before a key: that many times; NG, Ng:",
	"                  event N (Esc drops the count)",
	"/  F3             search as in less: event text (mmgrab, exit_grab,",
	"                  mm 3·2, a caller) or a task's name; a number is a",
	"                  pid; lower case ignores case; round the trace",
	"n  N              the last / again, forward, back; or the kind K",
	"                  chose; before either: the cursor's event's kind",
	"K                 choose the kind n and N look for: a record type",
	"                  (switch, mm_free, ...) or mmget, mmput, mmgrab, mmdrop",
	"m  F4             follow one mm_struct: only its events (the selected",
	"                  row of mm_structs, else the cursor's event's mm);",
	"                  m or Esc again: every event",
	"{  }              the MM_ALLOC, the MM_FREE of that mm_struct",
	"Enter             mm_structs: follow the selected mm;",
	"                  Tasks: the selected task's next event",
	"b  F5             set or clear a bookmark on the cursor's event",
	"'                 the next bookmark, round",
	"]  [              the next chapter's start, this (or the previous)",
	"                  chapter's start, when the scenario has chapters",
	"C                 the chapters: Enter goes to one (with the quiz:",
	"                  its answers, right of those given)",
	"#Playing",
	"space  F9         pause, play (live: the cursor follows the tail;",
	"                  reading the trace never pauses)",
	"+  F8             faster, up to max (every event at once)",
	"-  F7             slower, down to 1 event a second",
	"#The machine (live: mmscope run, through QEMU's gdbstub)",
	"h                 halt the whole machine; the panels show it as it",
	"                  is: real cr3 (each CPU's CR3 read from QEMU) and",
	"                  memory (each mm's counters in guest memory: ok, or",
	"                  in red what memory holds, mem users/count)",
	"c                 let the machine continue",
	"l                 run to the next traced event (following an mm:",
	"                  the next event of that mm), and halt there",
	"                  (space only pauses the view; h, c, l the machine)",
	"#A lecture (mmscope run --pace S, or --step)",
	"space  F9         pause the pace, go on (the machine waits halted)",
	"Right             one step on: through the trace if the cursor is",
	"                  in the past, else the machine to its next step",
	"Left              one step back in the trace (the pace pauses)",
	"+ -  F8 F7        a faster, slower pace (0.25 s to 10 s a step)",
	"                  A step is a teaching event (--steps): the machine",
	"                  halts there, verified; a chapter's start is shown",
	"                  longer",
	"#Teaching",
	"s                 the kernel's source of the cursor's event: the",
	"                  line that made it, its function, Linux's name for",
	"                  it (beside the events if wide, else alone)",
	"f                 the projector view: the mm in large digits, who",
	"                  holds its references, the CPUs (m picks the mm)",
	"Q                 the quiz: moving on stops before each counter",
	"                  change, mm_users and mm_count hidden (?); type",
	"                  both (1 2) and Enter, or Enter alone to see them",
	"#Panels and screens",
	"Tab  Shift-Tab    the next, previous panel",
	"mouse             click an event: go to it; an mm: select it, again:",
	"                  follow it; a function key: that key; the wheel",
	"                  scrolls the panel under it (Events: 3 events)",
	"v  F6             the checker's violations (Enter: go to one)",
	"d                 replay A --compare B: the two traces side by side,",
	"                  aligned step by step (n N: the next, previous",
	"                  difference; Enter: A here; d: back)",
	"?  F1             this help",
	"Ctrl-L            draw the terminal anew",
	"q  F10            quit (live: QEMU is stopped; --record keeps the",
	"                  trace)",
	"#What you see",
	"loaded            the CPU runs on its task's own mm, in CR3",
	"lazy              a kernel thread (or an exiting task) runs on a",
	"                  borrowed active_mm: mm_count holds it",
	"lazy,left         lazy, and leave_mm has put swapper_pg_dir in CR3",
	"HALTED #n         the machine's nth halt: the CPU at the event it",
	"                  stopped at (the cursor's), the events up to it",
	"                  (all in the trace: those still in the kernel's",
	"                  rings are read from memory), how long halting and",
	"                  verifying took",
	"prev_mm           what finish_task_switch will mmdrop on that CPU",
	"3·2               an mm_struct's name: mm id 3, the second mm_struct",
	"                  to hold it (the kernel reuses ids once freed);",
	"                  the first is named 3",
	"holders           users: tasks whose mm it is; lazy cpuN/pid:",
	"                  borrowers; prev_mm cpuN; use_mm; pins: get_task_mm",
	"highlight         what the cursor's event changed; it fades",
	"*  !              a bookmark; an event where the checker found a",
	"                  violation (the narration says which)",
};
#define NHELP	(int)(sizeof help / sizeof help[0])

static int top;

static void help_init(void)
{
	top = 0;
}

static void help_draw(void)
{
	int lines, cols, i, y;

	ui_size(&lines, &cols);
	ui_fill(0, 0, cols, ROLE_HEADER);
	ui_put(0, 1, cols - 2, ROLE_HEADER, "mmscope: keys "
	       "(q, Esc or ? closes; Up, Down, PgUp, PgDn scroll)");
	if (top > NHELP - (lines - 2))
		top = NHELP - (lines - 2);
	if (top < 0)
		top = 0;
	for (i = top, y = 1; i < NHELP && y < lines - 1; i++, y++)
		if (help[i][0] == '#')
			ui_put(y, 1, cols - 2, ROLE_FOCUS, help[i] + 1);
		else
			ui_put(y, 3, cols - 4, ROLE_NORMAL, help[i]);
	if (i < NHELP)
		ui_put(lines - 1, 1, cols - 2, ROLE_DIM, "(more below: Down)");
}

static void help_key(int ch)
{
	switch (ch) {
	case KEY_DOWN: case 'j': case TUI_KEY_WHEEL_DOWN:	top++; break;
	case KEY_UP: case 'k': case TUI_KEY_WHEEL_UP:		top--; break;
	case KEY_NPAGE:	top += 10; break;
	case KEY_PPAGE:	top -= 10; break;
	case KEY_MOUSE:	break;
	default:	tui_screen(SCREEN_MAIN);
	}
}

const struct screen scr_help = { help_init, help_draw, help_key };
