/*
 * debugger.h - QEMU's gdbstub in the live TUI (debugger.c): attached
 * once at start-up, driven by h, c and l, and at each verified halt
 * the machine as the panels show it.
 */
#ifndef MMSCOPE_TUI_DEBUGGER_H
#define MMSCOPE_TUI_DEBUGGER_H

#include <stddef.h>
#include <stdint.h>

struct dbg;
struct dbg_ats;
struct dbg_filter;
struct model;
struct source;
struct symtab;
struct vfy;
struct vfy_ev;

/*
 * Attach the gdbstub of src's QEMU (started with one), blocking up to a
 * few seconds; halt_at (or NULL): run to the first event it selects.
 * Attached, its socket is a poll source of the loop until tdbg_close().
 * 0, or -1: the TUI runs without it and tdbg_why() says why.
 */
int tdbg_start(struct source *src, struct symtab *syms, const char *kernel,
	       const struct dbg_ats *halt_at);
void tdbg_close(void);
void tdbg_key(int ch);			/* h, c, l */

/* Paced runs (pace.c): is the gdbstub there (attached, not gone, QEMU
 * running)?  Is the machine at a verified halt, and how many has it
 * had?  Run it to the next record f selects: 0, or -1 if it cannot take
 * the order now (no gdbstub, or a halt under way). */
int tdbg_alive(void);
int tdbg_halted(void);
uint64_t tdbg_halts(void);
int tdbg_next(const struct dbg_filter *f);
const struct dbg *tdbg(void);		/* NULL: no attach was tried */
const char *tdbg_why(void);		/* why it is not attached */
int tdbg_columns(void);			/* real cr3, memory columns */

/* At a verified halt: the model at the halt while the cursor is on the
 * last event and the log lacks some of the halt's events (else NULL),
 * and the halt's verification (else NULL). */
struct model *tdbg_view(void);
const struct vfy *tdbg_halt(void);

/* The halt's events the log has not committed yet (a record another CPU
 * had under way holds them back), *n of them; NULL if none. */
const struct vfy_ev *tdbg_unlogged(size_t *n);

#endif /* MMSCOPE_TUI_DEBUGGER_H */
