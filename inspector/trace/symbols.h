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

/* The address of symbol name; 0 if found, -1 if not. */
int sym_addr(struct symtab *st, const char *name, uint32_t *addr);

/* Where an address is in the kernel's source (sym_where). */
struct sym_where {
	const char *func;		/* the symbol it is in */
	const char *inlined;		/* the function the line is in, by
					   DWARF: differs when inlined */
	const char *file;		/* as the DWARF line table names it
					   (a full path where the compiler
					   gave its directory) */
	unsigned line;
};

/*
 * The function, source file and line of addr (is_return: a return
 * address, looked up at the call before it).  0, or -1 if addr is in no
 * function or has no line information (w->func may still be set).  The
 * strings live as long as st.
 */
int sym_where(struct symtab *st, uint32_t addr, int is_return,
	      struct sym_where *w);

/* The path the ELF was opened with. */
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
