/*
 * symbols_int.h - the symtab itself, shared by symbols.c (an ELF through
 * libbfd) and symsec.c (the table a trace file keeps in its sections,
 * and source lines).  Everyone else uses symbols.h.
 */
#ifndef MMSCOPE_TRACE_SYMBOLS_INT_H
#define MMSCOPE_TRACE_SYMBOLS_INT_H

#include <bfd.h>
#include "trace/symbols.h"

struct sym {
	bfd_vma addr;
	const char *name;
	asection *sec;
	int rank;			/* lower is preferred at one address */
};

struct cache_ent {
	uint64_t key;		/* addr << 1 | is_return, +1; 0 = empty */
	char *str;			/* NULL: no symbol for it */
};

/* Lines of one source file: from a trace's SRC sections, or read from
 * the file the ELF names (the whole file). */
struct src_file {
	char *path;			/* as DWARF names it */
	unsigned first;			/* line number of line[0] */
	unsigned nlines;
	char **line;			/* without their newline */
	struct src_file *next;
};

struct symtab {
	bfd *abfd;			/* the ELF; NULL: a trace's table */
	char *path;			/* the ELF's, as opened */
	asymbol **syms;			/* libbfd's canonical symbol table */
	long nsyms;
	struct sym *funcs;		/* code symbols, sorted by addr */
	size_t nfuncs;
	struct cache_ent *cache;	/* lookups already formatted */
	size_t cache_cap;		/* a power of two */
	size_t cache_used;
	/* a trace's table (symsec.c): abfd is NULL */
	void *kept;			/* a copy of its sections */
	const struct mmt_sym *tab;	/* the entries, sorted */
	size_t ntab;
	const char *strs;		/* their strings */
	size_t nstrs;
	uint8_t kept_id[MMT_BUILD_ID_SIZE];	/* the ELF they came from */
	struct src_file *src;		/* source lines known */
};

/* symsec.c */
int sym_kept_where(struct symtab *st, uint32_t addr, int is_return,
		   struct sym_where *w);
void sym_src_free(struct symtab *st);

#endif /* MMSCOPE_TRACE_SYMBOLS_INT_H */
