/*
 * symbols.h - the kernel ELF through libbfd: build id, symbols, source
 * lines, and the sections the kernel publishes for the host.
 *
 * sym_lookup() turns a kernel text address into
 * "function+0xoff (file.c:line)"; results are cached, so symbolising a
 * trace costs one libbfd lookup per distinct address.
 */
#ifndef MMSCOPE_TRACE_SYMBOLS_H
#define MMSCOPE_TRACE_SYMBOLS_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "mmtrace.h"

struct symtab;

/* Open an ELF.  NULL on failure, with "path: problem" in err. */
struct symtab *sym_open(const char *path, char *err, size_t errlen);
void sym_close(struct symtab *st);

/* The ELF's GNU build id (.note.gnu.build-id); 0 if it has none. */
int sym_build_id(struct symtab *st, uint8_t id[MMT_BUILD_ID_SIZE]);

/*
 * "function+0xoff (file.c:line)" for addr, or "function+0xoff" without
 * line information; NULL if addr is in no function.  is_return: addr is a
 * return address, so the line is that of the call before it (addr - 1).
 * The string lives as long as st.
 */
const char *sym_lookup(struct symtab *st, uint32_t addr, int is_return);

/* Where an address is: its function, and its source file and line. */
struct sym_where {
	const char *func;		/* the function's name */
	uint32_t func_addr;		/* where the function starts */
	const char *inlined;		/* the function the line is in, by
					   DWARF: differs from func where
					   the compiler inlined it there */
	const char *file;		/* the source as DWARF names it, or
					   NULL (then line is 0) */
	unsigned line;
};

/* Where addr is (is_return: the call before it); 0, or -1 if in no
 * function.  The strings live as long as st. */
int sym_where(struct symtab *st, uint32_t addr, int is_return,
	      struct sym_where *w);

/*
 * Line `line` of the source file `file` (as sym_where names it), without
 * its newline, its length in *n: from the trace's sections for a symtab
 * made from them, else read from the file itself.  NULL if not known.
 */
const char *sym_source(struct symtab *st, const char *file, unsigned line,
		       size_t *n);

/* An address a trace holds, and how it is looked up. */
struct sym_want {
	uint32_t addr;
	int is_return;			/* a return address (callers) */
};

/*
 * Sections for a trace file (PROTOCOL.md 4.1) that keep what reading it
 * needs from st: a SYMS section with where each of the n addresses is,
 * and SRC sections with the source lines around them, as many as fit in
 * max bytes with the symbols.  Returns the bytes (malloc'ed) and their
 * length in *len; *nsrc and *nlines say how many SRC sections and lines
 * went in.  NULL if even the symbols do not fit (or out of memory).
 */
void *sym_sections(struct symtab *st, const struct sym_want *want, size_t n,
		   size_t max, size_t *len, unsigned *nsrc, unsigned *nlines);

/*
 * A symtab from a trace file's sections (what sym_sections made): the
 * symbols and sources the trace keeps, its build id that of the ELF
 * they came from.  NULL if they hold no SYMS section (err: ""), or a
 * damaged one (err says what is wrong).
 */
struct symtab *sym_open_kept(const void *sec, size_t len, char *err,
			     size_t errlen);

/*
 * The symtab trace file path keeps (h: its header), or NULL: err is ""
 * when it keeps none (an older trace: use the ELF), else what is wrong.
 */
struct symtab *sym_open_trace(const char *path,
			      const struct mmt_file_header *h, char *err,
			      size_t errlen);

/* Which symbols sym_open_for_trace took, and why not the others. */
struct sym_choice {
	char elf[PATH_MAX];	/* the ELF opened or tried; "" when the
				   trace's own symbols were taken */
	char kept_err[512];	/* why the symbols the trace keeps were
				   passed over (damaged), or "" */
	char err[512];		/* why the ELF could not be read */
};

/*
 * The symbols to read trace file path (h: its header) with, the one
 * order every verb uses: the ELF kernel when not NULL (--kernel); else
 * the symbols the trace keeps; else the ELF the header names; else the
 * kernel beside mmscope (util_kernel_default).  NULL when the ELF
 * cannot be read; c says which was taken and what was wrong, for the
 * caller to say in its own way.
 */
struct symtab *sym_open_for_trace(const char *path,
				  const struct mmt_file_header *h,
				  const char *kernel, struct sym_choice *c);

/*
 * The kernel addresses a trace file's stream holds (every caller and
 * eip), each once, in *want (malloc'ed), *n of them.  0, or -1 with
 * "path: problem" in err.
 */
int sym_collect(const char *path, struct sym_want **want, size_t *n,
		char *err, size_t errlen);

/* The address of symbol name; 0 if found, -1 if not. */
int sym_addr(struct symtab *st, const char *name, uint32_t *addr);

/* The path the ELF was opened with; NULL for the table a trace keeps. */
const char *sym_path(const struct symtab *st);

/*
 * The contents of section name, malloc'ed, its size in *size; NULL if the
 * ELF has no such section (or it has no contents).
 */
void *sym_section(struct symtab *st, const char *name, size_t *size);

/*
 * The scenario table (section MMT_SCEN_SECTION), malloc'ed, entries in *n.
 * NULL if the ELF has none, with the reason in err.
 */
struct mmt_scen_desc *sym_scenarios(struct symtab *st, size_t *n,
				    char *err, size_t errlen);

/* Print a scenario table as `mmscope scenarios` shows it. */
void sym_scenario_print(FILE *f, const struct mmt_scen_desc *s, size_t n);

/* The entry named name, or NULL. */
const struct mmt_scen_desc *sym_scenario_find(const struct mmt_scen_desc *s,
					      size_t n, const char *name);

#endif /* MMSCOPE_TRACE_SYMBOLS_H */
