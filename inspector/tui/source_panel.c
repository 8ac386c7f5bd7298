/*
 * source_panel.c - the kernel's code beside the state: for the event
 * under the cursor, the source around the line that made it, that line
 * highlighted, its function, and the Linux function it stands for where
 * this kernel's is named otherwise.
 *
 * Which line: a reference operation (MM_REF) and MM_FREE name their
 * caller, a PANIC its eip: the line of that call, from the DWARF line
 * table through libbfd (symbols.h), as dump's caller+off (file:line).
 * The other records carry no address; origins[] says which function
 * writes each, and the panel shows the line of that function that calls
 * the record's trace_* function.
 *
 * Where the file is: the path in the DWARF line table (a full path,
 * where the kernel was built), else the same path's tail, from its
 * first directory on, under the kernel ELF's directory or one above it
 * (build/kernel/kernel.elf in a checkout finds kernel/exit.c).  A file
 * found nowhere is said so ("source not found: PATH"), never an error.
 * One file is kept in memory at a time: the cursor stays in one
 * function for many events.  Symbols a trace keeps (no ELF: replay of
 * a recorded trace) come with the lines around its callers, and the
 * panel shows those (sym_source); the records that name no caller need
 * the ELF, and the panel says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "model/timeline.h"
#include "trace/names.h"
#include "trace/symbols.h"
#include "tui/source_panel.h"
#include "util/array.h"

#define CONTEXT_ABOVE	3	/* the line a third of the way down, at
				   least this many lines above it */
#define NEEDLE_LINES	160	/* a function's trace_* call within this */

/* --- which function writes a record that names no caller ------------ */

static int u8_at(const uint8_t *rec, size_t off) { return rec[off]; }

static int idle_new(const uint8_t *rec)
{
	return !u8_at(rec, offsetof(struct mmt_task_new, pid)) &&
	       !u8_at(rec, offsetof(struct mmt_task_new, pid) + 1);
}

static int wakes(const uint8_t *rec)
{
	return u8_at(rec, offsetof(struct mmt_task_state, state)) ==
	       MMT_TASK_RUNNING;
}

static int init_alloc(const uint8_t *rec)
{
	return u8_at(rec, offsetof(struct mmt_mm_alloc, reason)) ==
	       MMT_ALLOC_INIT;
}

static int is_mmap(const uint8_t *rec)
{
	return u8_at(rec, offsetof(struct mmt_mm_map, op)) == MMT_MAP_MMAP;
}

static int is_munmap(const uint8_t *rec)
{
	return u8_at(rec, offsetof(struct mmt_mm_map, op)) == MMT_MAP_MUNMAP;
}

static int prev_set(const uint8_t *rec)
{
	return u8_at(rec, offsetof(struct mmt_prev_mm, action)) ==
	       MMT_PREV_SET;
}

static int boot_load(const uint8_t *rec)
{
	return u8_at(rec, offsetof(struct mmt_cr3_load, reason)) ==
	       MMT_CR3_BOOT;
}

static int tlb_ipi(const uint8_t *rec)
{
	return u8_at(rec, offsetof(struct mmt_ipi_recv, ipi)) == MMT_IPI_TLB;
}

static int mask_set(const uint8_t *rec)
{
	return u8_at(rec, offsetof(struct mmt_mm_cpumask, set));
}

static int chapter(const uint8_t *rec)
{
	return u8_at(rec, offsetof(struct mmt_mark, chapter));
}

/* Where a record is written: the first entry of its type whose test
 * (if any) the record passes. */
static const struct origin {
	uint8_t type;
	int (*is)(const uint8_t *rec);
	const char *func;		/* the kernel function */
	const char *needle;		/* its line that writes the record */
} origins[] = {
	{ MMT_SWITCH, NULL, "context_switch", "trace_switch(" },
	{ MMT_TASK_NEW, idle_new, "idle_init", "trace_task_new(" },
	{ MMT_TASK_NEW, NULL, "link_task", "trace_task_new(" },
	{ MMT_TASK_EXIT, NULL, "trace_exit_of", "trace_task_exit(" },
	{ MMT_TASK_FREE, NULL, "__put_task_struct", "trace_task_free(" },
	{ MMT_TASK_STATE, wakes, "try_to_wake_up", "trace_task_state(" },
	{ MMT_TASK_STATE, NULL, "deactivate_task", "trace_task_state(" },
	{ MMT_EXEC, NULL, "exec_mmap", "trace_exec(" },
	{ MMT_MIGRATE, NULL, "set_task_cpu", "trace_migrate(" },
	{ MMT_MM_ALLOC, init_alloc, "init_mm_announce", "trace_mm_alloc(" },
	{ MMT_MM_ALLOC, NULL, "mm_id_alloc", "trace_mm_alloc(" },
	{ MMT_EXIT_MMAP, NULL, "exit_mmap", "trace_exit_mmap(" },
	{ MMT_USE_MM, NULL, "use_mm", "trace_use_mm(" },
	{ MMT_UNUSE_MM, NULL, "unuse_mm", "trace_use_mm(" },
	{ MMT_MM_MAP, is_mmap, "do_mmap", "trace_mm_map(" },
	{ MMT_MM_MAP, is_munmap, "do_munmap", "trace_mm_map(" },
	{ MMT_MM_MAP, NULL, "do_brk", "trace_mm_map(" },
	{ MMT_ENTER_LAZY, NULL, "enter_lazy_tlb", "trace_enter_lazy(" },
	{ MMT_PREV_MM, prev_set, "set_prev_mm", "trace_prev_mm(" },
	{ MMT_PREV_MM, NULL, "finish_task_switch", "trace_prev_mm(" },
	{ MMT_CR3_LOAD, boot_load, "mm_cpu_boot", "trace_cr3_load(" },
	{ MMT_CR3_LOAD, NULL, "load_mm", "trace_cr3_load(" },
	{ MMT_LEAVE_MM, NULL, "leave_mm", "trace_leave_mm(" },
	{ MMT_IPI_SEND, NULL, "send_ipi_mask", "trace_ipi_send(" },
	{ MMT_IPI_RECV, tlb_ipi, "flush_tlb_func", "trace_ipi_recv(" },
	{ MMT_IPI_RECV, NULL, "smp_interrupt", "trace_ipi_recv(" },
	{ MMT_MM_CPUMASK, mask_set, "cpumask_enter", "trace_mm_cpumask(" },
	{ MMT_MM_CPUMASK, NULL, "cpumask_leave", "trace_mm_cpumask(" },
	{ MMT_MARK, chapter, "sys_chapter", "trace_mark(" },
	{ MMT_MARK, NULL, "sys_mark", "trace_mark(" },
	{ MMT_END, NULL, "end_run", "trace_run_end(" },
};
#define NORIGINS	(sizeof origins / sizeof origins[0])

/*
 * This kernel's functions that Linux names otherwise (in 2.6.32, and in
 * 5.10 if that differs), or that Linux has no counterpart of.
 */
static const struct linux_name {
	const char *func;
	const char *v2632, *modern;
} linux_names[] = {
	{ "idle_init", "init_idle", NULL },
	{ "use_mm", NULL, "kthread_use_mm" },
	{ "unuse_mm", NULL, "kthread_unuse_mm" },
	{ "mm_switch_2632", "context_switch", NULL },
	{ "mm_switch_modern", NULL, "context_switch" },
	{ "set_prev_mm", "context_switch", NULL },
	{ "load_mm", "switch_mm", "switch_mm_irqs_off" },
	{ "cpumask_enter", "switch_mm", "switch_mm_irqs_off" },
	{ "cpumask_leave", "switch_mm", "switch_mm_irqs_off" },
	{ "link_task", "copy_process", NULL },
	{ "trace_exit_of", "do_exit", NULL },
	{ "mm_id_alloc", "mm_init", NULL },
	{ "init_mm_announce", "init_mm (static)", NULL },
	{ "mm_cpu_boot", "start_secondary", NULL },
	{ "flush_tlb_func", "smp_invalidate_interrupt",
	  "flush_tlb_func_remote" },
	{ "smp_interrupt", "smp_reschedule_interrupt", NULL },
	{ "send_ipi_mask", "native_flush_tlb_others", NULL },
	{ "mmgrab", "atomic_inc(&mm->mm_count)", NULL },
	{ "mmget", "atomic_inc(&mm->mm_users)", NULL },
	{ "sys_mark", "(none: mmscope's own system call)", NULL },
	{ "sys_chapter", "(none: mmscope's own system call)", NULL },
	{ "end_run", "(none: how a run of this kernel ends)", NULL },
	{ "use_mm_worker", "(none: a demo kernel thread of the scenarios)",
	  NULL },
};
#define NLINUX		(sizeof linux_names / sizeof linux_names[0])

/* The Linux name of func in era, or NULL where it is the same. */
static const char *linux_name(const char *func, int era)
{
	const struct linux_name *l;
	size_t i;

	for (i = 0; i < NLINUX; i++) {
		l = &linux_names[i];
		if (strcmp(l->func, func))
			continue;
		if (era == MMT_ERA_MODERN && l->modern)
			return l->modern;
		return l->v2632 ? l->v2632 : NULL;
	}
	return NULL;
}

/* --- the source files ------------------------------------------------- */

static struct {
	char dwarf[512];		/* the DWARF path asked for */
	char path[768];			/* where it was found, "" nowhere */
	char *text;			/* its contents, lines NUL-ended */
	char **line;			/* line[i]: line i + 1 */
	unsigned nlines;
	int kept;			/* no ELF: the lines a trace keeps */
} f;

/* dir/tail into buf if it is a readable file. */
static int try_at(const char *dir, const char *tail, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", dir, tail);
	return access(buf, R_OK) == 0;
}

/* Where the file DWARF names p is: p itself, or p's tail (from each of
 * its directories on) under the ELF's directory or one above it. */
static int find(const char *p, const char *elf, char *buf, size_t len)
{
	char dir[512];
	const char *tail;
	char *slash;
	int up;

	if (access(p, R_OK) == 0) {
		snprintf(buf, len, "%s", p);
		return 1;
	}
	for (tail = strchr(p + 1, '/'); tail; tail = strchr(tail + 1, '/')) {
		snprintf(dir, sizeof dir, "%s", elf);
		for (up = 0; up < 4 && (slash = strrchr(dir, '/')); up++) {
			*slash = '\0';
			if (try_at(dir[0] ? dir : "/", tail + 1, buf, len))
				return 1;
		}
		if (!strchr(elf, '/') && try_at(".", tail + 1, buf, len))
			return 1;
	}
	return 0;
}

/* Read the file found into lines. */
static void load(void)
{
	FILE *fp = fopen(f.path, "r");
	size_t size = 0, cap = 0, i;
	char *p;

	if (!fp) {
		f.path[0] = '\0';
		return;
	}
	for (;;) {
		f.text = util_array_grow(f.text, &cap, size + 4096 + 1, 1);
		i = fread(f.text + size, 1, cap - size - 1, fp);
		if (!i)
			break;
		size += i;
	}
	fclose(fp);
	f.text[size] = '\0';
	for (i = 0, f.nlines = 0; i < size; i++)
		f.nlines += f.text[i] == '\n';
	f.line = calloc(f.nlines + 2, sizeof *f.line);
	if (!f.line)
		return;
	f.nlines = 0;
	for (p = f.text; *p; ) {
		f.line[f.nlines++] = p;
		p = strchr(p, '\n');
		if (!p)
			break;
		*p++ = '\0';
	}
}

/*
 * Line no of the file open_file opened, or NULL: from the file read,
 * else (symbols a trace keeps) the lines the trace keeps of it.
 */
static const char *src_line(struct symtab *syms, unsigned no)
{
	size_t n;

	if (f.line)
		return no >= 1 && no <= f.nlines ? f.line[no - 1] : NULL;
	return f.kept ? sym_source(syms, f.dwarf, no, &n) : NULL;
}

/* The file DWARF calls p, for line `line`: 0, or -1 if it is nowhere. */
static int open_file(const char *p, struct symtab *syms, unsigned line)
{
	const char *elf = sym_path(syms);

	if (strcmp(p, f.dwarf)) {
		free(f.text);
		free(f.line);
		f.text = NULL;
		f.line = NULL;
		f.nlines = 0;
		f.path[0] = '\0';
		snprintf(f.dwarf, sizeof f.dwarf, "%s", p);
		f.kept = !elf;
		if (elf && find(p, elf, f.path, sizeof f.path))
			load();
	}
	return src_line(syms, line) ? 0 : -1;
}

/* --- where the cursor's event comes from ------------------------------ */

struct where {
	struct sym_where w;
	const char *what;		/* why this line: "the call", "..." */
	const char *needle;		/* a line to look for, or NULL */
	char note[160];			/* why there is no line */
};

static const struct origin *origin_of(const struct mmt_event *ev)
{
	size_t i;

	for (i = 0; i < NORIGINS; i++)
		if (origins[i].type == ev->type &&
		    (!origins[i].is || origins[i].is(ev->rec)))
			return &origins[i];
	return NULL;
}

/* The caller a record names: 0 for none. */
static uint32_t caller_of(const struct mmt_event *ev, int *is_return)
{
	struct mmt_mm_ref r;
	struct mmt_mm_free fr;
	struct mmt_panic pa;

	*is_return = 1;
	switch (ev->type) {
	case MMT_MM_REF:
		decode_copy(ev, &r, sizeof r);
		return r.caller;
	case MMT_MM_FREE:
		decode_copy(ev, &fr, sizeof fr);
		return fr.caller;
	case MMT_PANIC:
		decode_copy(ev, &pa, sizeof pa);
		*is_return = pa.trapno == 0xff;
		return pa.eip;
	}
	return 0;
}

static int where(struct symtab *syms, const struct mmt_event *ev,
		 struct where *at)
{
	const struct origin *o;
	uint32_t addr;
	int ret;

	memset(at, 0, sizeof *at);
	if ((addr = caller_of(ev, &ret))) {
		at->what = ev->type == MMT_PANIC ? "where it failed" :
			   ev->type == MMT_MM_FREE ? "the mmdrop that freed it" :
			   "the call that changed the counter";
		if (sym_where(syms, addr, ret, &at->w) == 0 && at->w.file)
			return 0;
		snprintf(at->note, sizeof at->note, "%#x: no line of the "
			 "kernel's source (%s)", addr, at->w.func ?
			 at->w.func : "in no function");
		return -1;
	}
	if (!(o = origin_of(ev))) {
		snprintf(at->note, sizeof at->note, "a %s record comes from "
			 "no one place of the kernel's code",
			 mmt_type_name(ev->type));
		return -1;
	}
	at->what = "the line that writes the record";
	at->needle = o->needle;
	if (!sym_path(syms)) {
		snprintf(at->note, sizeof at->note, "a %s record names no "
			 "caller, and the trace keeps the lines of its callers "
			 "only: --kernel ELF shows the line in %s that writes "
			 "it", mmt_type_name(ev->type), o->func);
		return -1;
	}
	if (sym_addr(syms, o->func, &addr) < 0 ||
	    sym_where(syms, addr, 0, &at->w) < 0 || !at->w.file) {
		snprintf(at->note, sizeof at->note, "%s: not in the kernel "
			 "ELF's symbols and lines", o->func);
		return -1;
	}
	return 0;
}

/* The line of the function from `from` on that has the needle. */
static unsigned needle_line(struct symtab *syms, unsigned from,
			    const char *needle)
{
	const char *s;
	unsigned i;

	for (i = from; i < from + NEEDLE_LINES && (s = src_line(syms, i));
	     i++)
		if (strstr(s, needle))
			return i;
	return from;
}

/* --- drawing ------------------------------------------------------------ */

/* A line of source with its tabs expanded, cut to w columns. */
static void source_line(int y, int x, int w, enum ui_role r, unsigned no,
			const char *s, int here)
{
	char buf[512];
	size_t j = 0;
	int col = 0;

	j = snprintf(buf, sizeof buf, "%c%5u  ", here ? '>' : ' ', no);
	for (; *s && j + 9 < sizeof buf; s++, col++) {
		if (*s == '\t') {
			do
				buf[j++] = ' ';
			while (++col % 8);
			col--;
		} else {
			buf[j++] = *s;
		}
	}
	buf[j] = '\0';
	if (here)
		ui_fill(y, x, w, r);
	ui_put(y, x, w, r, buf);
}

/*
 * The title row: the function, file:line; under it, the function the
 * line is in when the compiler inlined it there, the Linux function it
 * stands for where this kernel's is named otherwise, and what the line
 * does for the event.
 */
static void title(const struct view *v, const struct box *b,
		  const struct where *at, unsigned line)
{
	const char *lx = linux_name(at->w.inlined, v->tl->tail->era);
	const char *base = strrchr(at->w.file, '/');
	int inl = strcmp(at->w.inlined, at->w.func) != 0;
	char sub[256];

	if (!lx && inl)
		lx = linux_name(at->w.func, v->tl->tail->era);
	ui_fill(b->y, b->x, b->w, ROLE_HEADER);
	ui_printf(b->y, b->x + 1, b->w - 2, ROLE_HEADER, "source  %s  %s:%u",
		  at->w.func, base ? base + 1 : at->w.file, line);
	snprintf(sub, sizeof sub, "%s%s%s%s%s%s", inl ? "in " : "",
		 inl ? at->w.inlined : "", inl ? ", inlined; " : "",
		 lx ? "Linux: " : "", lx ? lx : "", lx ? "; " : "");
	snprintf(sub + strlen(sub), sizeof sub - strlen(sub), "%s", at->what);
	ui_put(b->y + 1, b->x + 1, b->w - 2, ROLE_DIM, sub);
}

/* A line that says why there is no source to show. */
static void say(const struct box *b, const char *head, const char *text)
{
	ui_fill(b->y, b->x, b->w, ROLE_HEADER);
	ui_put(b->y, b->x + 1, b->w - 2, ROLE_HEADER, head);
	if (b->h > 1)
		ui_put(b->y + 1, b->x + 1, b->w - 2, ROLE_DIM, text);
}

void source_panel_draw(const struct view *v, const struct box *b)
{
	struct mmt_event ev;
	struct where at;
	char buf[800];
	unsigned line, first, i;
	const char *s;
	int rows;

	if (v->cursor < 0 || evlog_get(v->tl->log, v->cursor, &ev) < 0) {
		say(b, "source", "no event under the cursor");
		return;
	}
	if (!v->syms) {
		say(b, "source", "no kernel symbols: replay --kernel ELF "
		    "names the kernel the trace was recorded with");
		return;
	}
	if (where(v->syms, &ev, &at) < 0) {
		say(b, "source", at.note);
		return;
	}
	if (open_file(at.w.file, v->syms, at.w.line) < 0) {
		snprintf(buf, sizeof buf, "source not found: %s%s", at.w.file,
			 f.kept ? " (the trace keeps no lines of it)" : "");
		say(b, "source", buf);
		return;
	}
	line = at.needle ? needle_line(v->syms, at.w.line, at.needle) :
			   at.w.line;
	title(v, b, &at, line);
	rows = b->h - 2;
	first = line > (unsigned)rows / 3 ? line - rows / 3 : 1;
	if (line - first < CONTEXT_ABOVE && line > CONTEXT_ABOVE)
		first = line - CONTEXT_ABOVE;
	while (first < line && !src_line(v->syms, first))
		first++;		/* a trace keeps a few lines only */
	for (i = 0; (int)i < rows && (s = src_line(v->syms, first + i));
	     i++)
		source_line(b->y + 2 + i, b->x, b->w, first + i == line ?
			    ROLE_CURSOR : ROLE_NORMAL, first + i, s,
			    first + i == line);
}
