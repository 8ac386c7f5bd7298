/*
 * symbols.c - kernel ELF symbols and lines through libbfd, see symbols.h.
 *
 * Function symbols of the code sections are kept sorted by address; an
 * address belongs to the nearest symbol at or below it in the same
 * section.  Source lines come from the DWARF line table through
 * bfd_find_nearest_line.  Formatted answers are cached in an open
 * addressing hash table keyed by (address, is_return).  A symtab made
 * from a trace's sections (symsec.c) has no ELF: its answers come from
 * the table the trace keeps, the rest of this file works the same.
 */
#include <bfd.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "trace/names.h"
#include "trace/symbols.h"
#include "trace/symbols_int.h"
#include "util/array.h"
#include "util/util.h"


static int sym_cmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->rank - y->rank;
}

/* Is s a symbol an address can be "in": a function or text label? */
static int code_symbol(asymbol *s, int *rank)
{
	asection *sec = bfd_asymbol_section(s);
	const char *n = bfd_asymbol_name(s);

	if (!sec || !(bfd_section_flags(sec) & SEC_CODE))
		return 0;
	if (s->flags & (BSF_SECTION_SYM | BSF_FILE | BSF_DEBUGGING))
		return 0;
	if (!n[0] || (n[0] == '.' && n[1] == 'L') || n[0] == '$')
		return 0;
	*rank = (s->flags & BSF_FUNCTION ? 0 : 2) +
		(s->flags & BSF_GLOBAL ? 0 : 1);
	return 1;
}

static int load_symbols(struct symtab *st)
{
	long upper = bfd_get_symtab_upper_bound(st->abfd), i;
	int rank;

	if (upper <= 0)
		return 0;
	st->syms = malloc(upper);
	st->funcs = st->syms ? calloc(upper / sizeof(asymbol *) + 1,
				      sizeof *st->funcs) : NULL;
	if (!st->funcs)
		return -1;
	st->nsyms = bfd_canonicalize_symtab(st->abfd, st->syms);
	for (i = 0; i < st->nsyms; i++) {
		asymbol *s = st->syms[i];

		if (!code_symbol(s, &rank))
			continue;
		st->funcs[st->nfuncs++] = (struct sym) {
			bfd_asymbol_value(s), bfd_asymbol_name(s),
			bfd_asymbol_section(s), rank };
	}
	qsort(st->funcs, st->nfuncs, sizeof *st->funcs, sym_cmp);
	return 0;
}

struct symtab *sym_open(const char *path, char *err, size_t errlen)
{
	static int inited;
	struct symtab *st;
	bfd *abfd;
	int fd;

	if (!inited++)
		bfd_init();
	fd = util_open_read(path, "a kernel ELF", 0, err, errlen);
	if (fd < 0)
		return NULL;
	abfd = bfd_fdopenr(path, NULL, fd);	/* it owns fd from here */
	if (!abfd) {
		snprintf(err, errlen, "%s: %s", path,
			 bfd_get_error() == bfd_error_system_call ?
			 strerror(errno) : bfd_errmsg(bfd_get_error()));
		return NULL;
	}
	if (!bfd_check_format(abfd, bfd_object)) {
		snprintf(err, errlen, "%s: not a kernel ELF (%s)", path,
			 bfd_errmsg(bfd_get_error()));
		bfd_close(abfd);
		return NULL;
	}
	st = calloc(1, sizeof *st);
	if (!st) {
		bfd_close(abfd);
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	st->abfd = abfd;
	st->path = strdup(path);
	if (!st->path || load_symbols(st) < 0) {
		snprintf(err, errlen, "%s: out of memory", path);
		sym_close(st);
		return NULL;
	}
	return st;
}

void sym_close(struct symtab *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->cache_cap; i++)
		free(st->cache[i].str);
	free(st->cache);
	free(st->funcs);
	free(st->syms);
	sym_src_free(st);
	free(st->kept);
	free(st->path);
	if (st->abfd)
		bfd_close(st->abfd);
	free(st);
}

void *sym_section(struct symtab *st, const char *name, size_t *size)
{
	asection *sec = st->abfd ? bfd_get_section_by_name(st->abfd, name)
				 : NULL;
	void *buf;

	if (!sec || !(bfd_section_flags(sec) & SEC_HAS_CONTENTS))
		return NULL;
	*size = bfd_section_size(sec);
	buf = malloc(*size ? *size : 1);
	if (buf && !bfd_get_section_contents(st->abfd, sec, buf, 0, *size)) {
		free(buf);
		return NULL;
	}
	return buf;
}

/*
 * An ELF note: namesz, descsz, type (4 bytes each), the name padded to 4,
 * the descriptor.  The build id is type 3 (NT_GNU_BUILD_ID), name "GNU".
 */
int sym_build_id(struct symtab *st, uint8_t id[MMT_BUILD_ID_SIZE])
{
	size_t size, off = 0;
	uint8_t *n;
	uint32_t namesz, descsz, type;
	int found = 0;

	if (!st->abfd) {		/* a trace's: the ELF it came from */
		memcpy(id, st->kept_id, MMT_BUILD_ID_SIZE);
		return 1;
	}
	n = sym_section(st, ".note.gnu.build-id", &size);
	while (n && !found && off + 12 <= size) {
		memcpy(&namesz, n + off, 4);
		memcpy(&descsz, n + off + 4, 4);
		memcpy(&type, n + off + 8, 4);
		off += 12 + ((namesz + 3) & ~3u);
		if (type == 3 && namesz == 4 && descsz == MMT_BUILD_ID_SIZE &&
		    off + descsz <= size && memcmp(n + off - 4, "GNU", 4) == 0) {
			memcpy(id, n + off, MMT_BUILD_ID_SIZE);
			found = 1;
		}
		off += (descsz + 3) & ~3u;
	}
	free(n);
	return found;
}

int sym_addr(struct symtab *st, const char *name, uint32_t *addr)
{
	long i;

	for (i = 0; st->abfd && i < st->nsyms; i++)
		if (strcmp(bfd_asymbol_name(st->syms[i]), name) == 0) {
			*addr = bfd_asymbol_value(st->syms[i]);
			return 0;
		}
	return -1;
}

/* The symbol addr is in, or NULL. */
static const struct sym *sym_find(struct symtab *st, bfd_vma addr)
{
	const struct sym *s;
	asection *sec;
	size_t lo;

	_Static_assert(sizeof(bfd_vma) == sizeof(uint64_t), "bfd_vma");
	/* the first symbol above addr (addresses are 32-bit: no overflow) */
	lo = util_lower_bound(st->funcs, st->nfuncs, sizeof *st->funcs,
			      offsetof(struct sym, addr), (uint64_t)addr + 1);
	if (lo == 0)
		return NULL;
	s = &st->funcs[lo - 1];
	while (s > st->funcs && s[-1].addr == s->addr)
		s--;			/* the preferred name at that address */
	sec = s->sec;
	if (addr >= bfd_section_vma(sec) + bfd_section_size(sec))
		return NULL;
	return s;
}

/*
 * Where addr is in the ELF.  A return address is looked up at addr - 1,
 * the call instruction: after a call to a noreturn function such as
 * panic() it is already the next function.
 */
static int elf_where(struct symtab *st, uint32_t addr, int is_return,
		     struct sym_where *w)
{
	bfd_vma at = is_return && addr ? addr - 1 : addr;
	const struct sym *s = sym_find(st, at);
	const char *func = NULL;

	if (!s)
		return -1;
	w->func = s->name;
	w->func_addr = s->addr;
	w->file = NULL;
	w->line = 0;
	bfd_find_nearest_line(st->abfd, s->sec, st->syms,
			      at - bfd_section_vma(s->sec), &w->file, &func,
			      &w->line);
	w->inlined = func ? func : w->func;
	if (!w->line)
		w->file = NULL;
	return 0;
}

int sym_where(struct symtab *st, uint32_t addr, int is_return,
	      struct sym_where *w)
{
	return st->abfd ? elf_where(st, addr, is_return, w) :
	       sym_kept_where(st, addr, is_return, w);
}

/* Format the answer for addr; malloc'ed, NULL if there is none. */
static char *sym_format(struct symtab *st, uint32_t addr, int is_return)
{
	struct sym_where w;
	const char *base;
	char *out;

	if (sym_where(st, addr, is_return, &w) < 0)
		return NULL;
	base = w.file ? strrchr(w.file, '/') : NULL;
	base = base ? base + 1 : w.file;
	if (base && w.line) {
		if (asprintf(&out, "%s+0x%lx (%s:%u)", w.func,
			     (unsigned long)(addr - w.func_addr), base,
			     w.line) < 0)
			return NULL;
	} else if (asprintf(&out, "%s+0x%lx", w.func,
			    (unsigned long)(addr - w.func_addr)) < 0) {
		return NULL;
	}
	return out;
}

const char *sym_path(const struct symtab *st)
{
	return st->path;
}

static uint64_t hash64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	return k;
}

/* The cache slot for key: its entry, or the empty slot it would take. */
static struct cache_ent *cache_slot(struct symtab *st, uint64_t key)
{
	size_t mask = st->cache_cap - 1, i = hash64(key) & mask;

	while (st->cache[i].key && st->cache[i].key != key)
		i = (i + 1) & mask;
	return &st->cache[i];
}

/* Double the cache (or make the first one); -1 when out of memory. */
static int cache_grow(struct symtab *st)
{
	struct cache_ent *old = st->cache;
	size_t i, oldcap = st->cache_cap;

	st->cache_cap = oldcap ? oldcap * 2 : 1024;
	st->cache = calloc(st->cache_cap, sizeof *st->cache);
	if (!st->cache) {
		st->cache = old;
		st->cache_cap = oldcap;
		return -1;
	}
	for (i = 0; i < oldcap; i++)
		if (old[i].key)
			*cache_slot(st, old[i].key) = old[i];
	free(old);
	return 0;
}

const char *sym_lookup(struct symtab *st, uint32_t addr, int is_return)
{
	uint64_t key = ((uint64_t)addr << 1 | !!is_return) + 1;
	struct cache_ent *e;

	if (2 * (st->cache_used + 1) > st->cache_cap && cache_grow(st) < 0)
		return NULL;
	e = cache_slot(st, key);
	if (!e->key) {
		e->key = key;
		e->str = sym_format(st, addr, is_return);
		st->cache_used++;
	}
	return e->str;
}

struct mmt_scen_desc *sym_scenarios(struct symtab *st, size_t *n,
				    char *err, size_t errlen)
{
	size_t size;
	struct mmt_scen_desc *s = sym_section(st, MMT_SCEN_SECTION, &size);

	if (!s) {
		snprintf(err, errlen, "the kernel has no %s section",
			 MMT_SCEN_SECTION);
		return NULL;
	}
	if (size % sizeof *s) {
		snprintf(err, errlen, "the kernel's %s section is %zu bytes, "
			 "not a multiple of %zu", MMT_SCEN_SECTION, size,
			 sizeof *s);
		free(s);
		return NULL;
	}
	*n = size / sizeof *s;
	return s;
}

const struct mmt_scen_desc *sym_scenario_find(const struct mmt_scen_desc *s,
					      size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strncmp(s[i].name, name, MMT_SCEN_NAME) == 0 &&
		    strlen(name) < MMT_SCEN_NAME + 1)
			return &s[i];
	return NULL;
}

void sym_scenario_print(FILE *f, const struct mmt_scen_desc *s, size_t n)
{
	char eras[64];
	const char *bug;
	size_t i;

	fprintf(f, "%-16s %4s  %-15s %-13s %s\n", "SCENARIO", "CPUS",
		"ERAS", "BUG", "SUMMARY");
	for (i = 0; i < n; i++) {
		bug = s[i].bug ? names_of(&names_bug, s[i].bug) : "-";
		names_flags(eras, sizeof eras, s[i].eras, names_flags_scen_era);
		fprintf(f, "%-16.*s %4u  %-15s %-13s %.*s\n", MMT_SCEN_NAME,
			s[i].name, s[i].min_cpus, s[i].eras ? eras : "any",
			bug ? bug : "?", MMT_SCEN_SUMMARY, s[i].summary);
	}
}
