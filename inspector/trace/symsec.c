/*
 * symsec.c - the symbols and source lines a trace file keeps in its
 * sections (PROTOCOL.md 4.1), so that it reads on a machine without the
 * kernel ELF, as perf's build-id cache keeps the binaries a perf.data
 * names; see symbols.h.
 *
 * record collects the addresses the stream holds (sym_collect), looks
 * each up in the ELF and keeps the answers and the source lines around
 * them (sym_sections); a reader makes a symtab of them (sym_open_kept)
 * that answers sym_lookup, sym_where and sym_source as the ELF would,
 * for those addresses.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "trace/decode.h"
#include "trace/fields.h"
#include "trace/mmtfile.h"
#include "trace/symbols_int.h"
#include "util/array.h"
#include "util/util.h"

#define SRC_BEFORE	12	/* lines kept before a symbol's line */
#define SRC_AFTER	8	/* and after it */
#define SRC_FILE_MAX	(1 << 20)	/* a source file larger is not read */
#define PAD4(n)		(((n) + 3) & ~(size_t)3)

/* --- addresses a trace holds --------------------------------------- */

struct collect {
	uint64_t *set;			/* key + 1, open addressing; 0 empty */
	size_t cap, used;
};

static uint64_t key_of(uint32_t addr, int is_return)
{
	return ((uint64_t)addr << 1 | !!is_return) + 1;
}

static void set_add(struct collect *c, uint64_t key)
{
	uint64_t *old = c->set;
	size_t i, oldcap = c->cap;

	if (2 * (c->used + 1) > c->cap) {	/* grow: rehash */
		c->cap = c->cap ? c->cap * 2 : 256;
		c->set = calloc(c->cap, sizeof *c->set);
		if (!c->set)
			abort();
		c->used = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i])
				set_add(c, old[i]);
		free(old);
	}
	for (i = (key * 0x9e3779b97f4a7c15ull) & (c->cap - 1);
	     c->set[i] && c->set[i] != key; i = (i + 1) & (c->cap - 1))
		;
	if (!c->set[i]) {
		c->set[i] = key;
		c->used++;
	}
}

/* Every address field of every record (callers, PANIC's eip). */
static void collect_event(void *arg, const struct mmt_event *ev)
{
	const struct layout *l = &field_layouts[ev->type];
	uint8_t rec[256];
	unsigned i;

	decode_copy(ev, rec, sizeof rec);
	for (i = 0; i < l->nfields; i++)
		if (l->fields[i].kind == FK_RET || l->fields[i].kind == FK_EIP)
			set_add(arg, key_of(field_uint(&l->fields[i], rec),
				field_is_return(&l->fields[i], rec)));
}

static int by_key(const void *a, const void *b)
{
	const struct sym_want *x = a, *y = b;
	uint64_t p = key_of(x->addr, x->is_return);
	uint64_t q = key_of(y->addr, y->is_return);

	return (p > q) - (p < q);
}

int sym_collect(const char *path, struct sym_want **want, size_t *n,
		char *err, size_t errlen)
{
	static const struct decode_ops ops = { collect_event, NULL };
	struct mmt_file_header h;
	struct collect c = { 0 };
	struct decoder d;
	uint8_t buf[1 << 16];
	ssize_t k;
	size_t i;
	int fd = mmtfile_open(path, &h, err, errlen);

	if (fd < 0)
		return -1;
	decode_init(&d, &ops, &c);
	while ((k = read(fd, buf, sizeof buf)) > 0 ||
	       (k < 0 && errno == EINTR))
		if (k > 0)
			decode_feed(&d, buf, k);
	if (k < 0)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	close(fd);
	decode_finish(&d);
	*n = 0;
	*want = calloc(c.used + 1, sizeof **want);
	if (!*want)
		abort();
	for (i = 0; i < c.cap; i++)
		if (c.set[i])
			(*want)[(*n)++] = (struct sym_want) {
				(c.set[i] - 1) >> 1, (c.set[i] - 1) & 1 };
	free(c.set);
	qsort(*want, *n, sizeof **want, by_key);
	return k < 0 ? -1 : 0;
}

/* --- source lines ----------------------------------------------------- */

void sym_src_free(struct symtab *st)
{
	struct src_file *f, *next;

	for (f = st->src; f; f = next) {
		next = f->next;
		if (st->abfd && f->nlines)
			free(f->line[0]);	/* the file's text */
		free(f->line);
		free(f->path);
		free(f);
	}
	st->src = NULL;
}

static struct src_file *src_add(struct symtab *st, const char *path,
				unsigned first, unsigned nlines)
{
	struct src_file *f = calloc(1, sizeof *f);

	if (!f || !(f->path = strdup(path)) ||
	    !(f->line = calloc(nlines + 1, sizeof *f->line)))
		abort();
	f->first = first;
	f->nlines = nlines;
	f->next = st->src;
	st->src = f;
	return f;
}

/* Split text (NUL-terminated, writable) into f's lines. */
static void src_lines(struct src_file *f, char *text)
{
	unsigned i;
	char *nl;

	for (i = 0; i < f->nlines && text; i++) {
		f->line[i] = text;
		if ((nl = strchr(text, '\n')))
			*nl = '\0';
		text = nl ? nl + 1 : NULL;
	}
	f->nlines = i;
}

/* The whole of a source file the ELF names, read once (nlines 0: it
 * could not be read). */
static struct src_file *src_read(struct symtab *st, const char *path)
{
	struct src_file *f;
	struct stat sb;
	unsigned nlines = 0;
	char *text = NULL;
	ssize_t k = -1;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &sb) == 0 && sb.st_size < SRC_FILE_MAX &&
	    (text = malloc(sb.st_size + 1)))
		k = read(fd, text, sb.st_size);
	if (fd >= 0)
		close(fd);
	if (k >= 0) {
		text[k] = '\0';
		nlines = k && text[k - 1] != '\n';	/* a last line unended */
		for (; k > 0; k--)
			nlines += text[k - 1] == '\n';
	}
	f = src_add(st, path, 1, text ? nlines : 0);
	if (text && nlines)
		src_lines(f, text);
	else
		free(text);
	return f;
}

/* Line `line` of file among the lines known; *seen: the file is known. */
static const char *src_find(struct symtab *st, const char *file,
			    unsigned line, size_t *n, int *seen)
{
	struct src_file *f;

	for (f = st->src; f; f = f->next) {
		if (strcmp(f->path, file))
			continue;
		*seen = 1;
		if (line >= f->first && line < f->first + f->nlines) {
			*n = strlen(f->line[line - f->first]);
			return f->line[line - f->first];
		}
	}
	return NULL;
}

const char *sym_source(struct symtab *st, const char *file, unsigned line,
		       size_t *n)
{
	const char *s;
	int seen = 0;

	if ((s = src_find(st, file, line, n, &seen)) || seen || !st->abfd)
		return s;
	src_read(st, file);		/* the ELF's: read it, once */
	return src_find(st, file, line, n, &seen);
}

/* --- making the sections ------------------------------------------- */

struct buf {
	char *p;
	size_t len, cap;
};

static void put(struct buf *b, const void *data, size_t n)
{
	b->p = util_array_grow(b->p, &b->cap, b->len + n, 1);
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void pad4(struct buf *b)
{
	static const char zero[4];

	put(b, zero, PAD4(b->len) - b->len);
}

/* The offset of s in the strings, adding it if it is new. */
static uint32_t string(struct buf *strs, const char *s)
{
	size_t at = 0, n = strlen(s) + 1;

	for (at = 0; at < strs->len; at += strlen(strs->p + at) + 1)
		if (!strcmp(strs->p + at, s))
			return at;
	put(strs, s, n);
	return at;
}

/* The SYMS section of the addresses found, into out; 0 or -1. */
static int syms_section(struct symtab *st, const struct sym_want *want,
			size_t n, struct buf *out, struct mmt_sym **ents,
			size_t *nent)
{
	struct mmt_sec_syms h = { { MMT_SEC_SYMS, 0 }, { 0 }, 0, 0 };
	struct buf strs = { 0 };
	struct sym_where w;
	size_t i;

	*ents = calloc(n + 1, sizeof **ents);
	if (!*ents)
		abort();
	for (*nent = i = 0; i < n; i++) {
		if (sym_where(st, want[i].addr, want[i].is_return, &w) < 0)
			continue;		/* in no function: a number */
		(*ents)[(*nent)++] = (struct mmt_sym) {
			want[i].addr, w.func_addr, string(&strs, w.func),
			w.file ? string(&strs, w.file) : MMT_SYM_NONE,
			w.line < 0xffff ? w.line : 0,
			want[i].is_return ? MMT_SYM_RETURN : 0 };
	}
	sym_build_id(st, h.build_id);
	h.nsyms = *nent;
	h.strings = PAD4(strs.len);
	h.h.size = sizeof h + *nent * sizeof **ents + h.strings;
	put(out, &h, sizeof h);
	put(out, *ents, *nent * sizeof **ents);
	put(out, strs.p, strs.len);
	pad4(out);
	free(strs.p);
	return 0;
}

/* One SRC section: lines first..last of file, if all can be read. */
static int src_section(struct symtab *st, const char *file, unsigned first,
		       unsigned last, struct buf *out, unsigned *nlines)
{
	struct mmt_sec_src h = { { MMT_SEC_SRC, 0 }, first, 0, 0, 0 };
	struct buf text = { 0 };
	const char *s;
	size_t n;
	unsigned l;

	for (l = first; l <= last && (s = sym_source(st, file, l, &n)); l++) {
		put(&text, s, n);
		put(&text, "\n", 1);
	}
	h.nlines = l - first;
	if (!h.nlines) {
		free(text.p);
		return -1;
	}
	h.path_len = PAD4(strlen(file) + 1);
	h.h.size = sizeof h + h.path_len + PAD4(text.len);
	put(out, &h, sizeof h);
	put(out, file, strlen(file));
	put(out, "\0\0\0\0", h.path_len - strlen(file));
	put(out, text.p, text.len);
	pad4(out);
	free(text.p);
	*nlines += h.nlines;
	return 0;
}

/*
 * The lines kept around the entries' lines (e: sorted by file, then
 * line), windows merged per file, as SRC sections while they fit in max
 * bytes in all.
 */
static void src_sections(struct symtab *st, const struct mmt_sym *e,
			 size_t n, const char *strs, struct buf *out,
			 size_t max, unsigned *nsrc, unsigned *nlines)
{
	unsigned first = 0, last = 0, lo, hi;
	struct buf one;
	size_t i;

	for (i = 0; i <= n; i++) {
		if (i < n && (e[i].file == MMT_SYM_NONE || !e[i].line))
			continue;
		lo = i < n ? (e[i].line > SRC_BEFORE ?
			      e[i].line - SRC_BEFORE : 1) : 0;
		hi = i < n ? e[i].line + SRC_AFTER : 0;
		if (i < n && first && e[i].file == e[i - 1].file &&
		    lo <= last + 1) {
			last = hi > last ? hi : last;	/* the same window */
			continue;
		}
		one = (struct buf) { 0 };
		if (first && !src_section(st, strs + e[i - 1].file, first,
					  last, &one, nlines) &&
		    out->len + one.len <= max) {
			put(out, one.p, one.len);
			(*nsrc)++;
		}
		free(one.p);
		first = lo;
		last = hi;
	}
}

/* Order entries by line within each file, for src_sections. */
static int by_file_line(const void *a, const void *b)
{
	const struct mmt_sym *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

void *sym_sections(struct symtab *st, const struct sym_want *want, size_t n,
		   size_t max, size_t *len, unsigned *nsrc, unsigned *nlines)
{
	struct buf out = { 0 };
	struct mmt_sym *ents;
	size_t nent, at;
	char *strs;

	*nsrc = *nlines = 0;
	syms_section(st, want, n, &out, &ents, &nent);
	if (out.len > max) {
		free(ents);
		free(out.p);
		return NULL;
	}
	at = sizeof(struct mmt_sec_syms) + nent * sizeof *ents;
	strs = malloc(out.len - at + 1);	/* out moves as it grows */
	if (!strs)
		abort();
	memcpy(strs, out.p + at, out.len - at);
	qsort(ents, nent, sizeof *ents, by_file_line);
	src_sections(st, ents, nent, strs, &out, max, nsrc, nlines);
	free(strs);
	free(ents);
	*len = out.len;
	return out.p;
}

/* --- reading them ----------------------------------------------------- */

/* A string of the table at off, or NULL if off is not one. */
static const char *kept_string(const struct symtab *st, uint32_t off)
{
	if (off >= st->nstrs || !memchr(st->strs + off, '\0', st->nstrs - off))
		return NULL;
	return st->strs + off;
}

/* The SYMS section at p, size bytes: checked, then used in place. */
static const char *kept_syms(struct symtab *st, char *p, size_t size)
{
	struct mmt_sec_syms h;
	size_t i;

	if (size < sizeof h)
		return "a SYMS section shorter than its header";
	memcpy(&h, p, sizeof h);
	if (h.nsyms > (size - sizeof h) / sizeof(struct mmt_sym) ||
	    sizeof h + h.nsyms * sizeof(struct mmt_sym) + h.strings > size)
		return "a SYMS section whose entries and strings overrun it";
	memcpy(st->kept_id, h.build_id, sizeof st->kept_id);
	st->tab = (const struct mmt_sym *)(p + sizeof h);	/* aligned: 4 */
	st->ntab = h.nsyms;
	st->strs = p + sizeof h + h.nsyms * sizeof(struct mmt_sym);
	st->nstrs = h.strings;
	for (i = 0; i < st->ntab; i++) {
		if (!kept_string(st, st->tab[i].name) ||
		    (st->tab[i].file != MMT_SYM_NONE &&
		     !kept_string(st, st->tab[i].file)))
			return "a symbol whose name or file is not a string "
			       "of its section";
		if (i && key_of(st->tab[i].addr, st->tab[i].flags &
				MMT_SYM_RETURN) <= key_of(st->tab[i - 1].addr,
				st->tab[i - 1].flags & MMT_SYM_RETURN))
			return "symbols out of order";
	}
	return NULL;
}

/* An SRC section at p, size bytes: its lines, split in place. */
static const char *kept_src(struct symtab *st, char *p, size_t size)
{
	struct mmt_sec_src h;
	struct src_file *f;
	unsigned nlines;
	char *text, *end;

	if (size < sizeof h)
		return "an SRC section shorter than its header";
	memcpy(&h, p, sizeof h);
	if (h.path_len > size - sizeof h || !h.path_len ||
	    !memchr(p + sizeof h, '\0', h.path_len))
		return "an SRC section without a path";
	text = p + sizeof h + h.path_len;
	end = p + size;
	for (nlines = 0; nlines < h.nlines; nlines++) {
		char *nl = memchr(text, '\n', end - text);

		if (!nl)
			return "an SRC section with fewer lines than it says";
		*nl = '\0';
		text = nl + 1;
	}
	f = src_add(st, p + sizeof h, h.first, h.nlines);
	for (text = p + sizeof h + h.path_len, nlines = 0; nlines < h.nlines;
	     nlines++, text += strlen(text) + 1)
		f->line[nlines] = text;
	return NULL;
}

struct symtab *sym_open_kept(const void *sec, size_t len, char *err,
			     size_t errlen)
{
	struct symtab *st = calloc(1, sizeof *st);
	struct mmt_section h;
	const char *bad = NULL;
	size_t at;
	char *p;

	if (!st || !(st->kept = malloc(len + 1)))
		abort();
	memcpy(st->kept, sec, len);
	p = st->kept;
	for (at = 0; !bad && at + sizeof h <= len; at += h.size) {
		memcpy(&h, p + at, sizeof h);
		if (h.size < sizeof h || h.size % 4 || h.size > len - at)
			bad = "a section whose size overruns the sections";
		else if (h.type == MMT_SEC_SYMS && st->tab)
			bad = "two SYMS sections";
		else if (h.type == MMT_SEC_SYMS)
			bad = kept_syms(st, p + at, h.size);
		else if (h.type == MMT_SEC_SRC)
			bad = kept_src(st, p + at, h.size);
	}
	if (!bad && !st->tab)
		err[0] = '\0';
	else if (bad)
		snprintf(err, errlen, "damaged symbols in the trace: %s", bad);
	if (bad || !st->tab) {
		sym_close(st);
		return NULL;
	}
	return st;
}

int sym_kept_where(struct symtab *st, uint32_t addr, int is_return,
		   struct sym_where *w)
{
	uint64_t key = key_of(addr, is_return), k;
	size_t lo = 0, hi = st->ntab, mid;
	const struct mmt_sym *e;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		e = &st->tab[mid];
		k = key_of(e->addr, e->flags & MMT_SYM_RETURN);
		if (k == key) {
			w->func = st->strs + e->name;
			w->func_addr = e->func;
			w->inlined = w->func;	/* not kept */
			w->file = e->file == MMT_SYM_NONE || !e->line ? NULL :
				  st->strs + e->file;
			w->line = w->file ? e->line : 0;
			return 0;
		}
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

struct symtab *sym_open_trace(const char *path,
			      const struct mmt_file_header *h, char *err,
			      size_t errlen)
{
	struct symtab *st;
	char why[256];
	size_t len;
	void *sec = mmtfile_sections(path, h, &len, err, errlen);

	if (!sec)
		return NULL;
	st = sym_open_kept(sec, len, why, sizeof why);
	free(sec);
	if (!st && why[0])
		snprintf(err, errlen, "%s: %s", path, why);
	return st;
}

struct symtab *sym_open_for_trace(const char *path,
				  const struct mmt_file_header *h,
				  const char *kernel, struct sym_choice *c)
{
	char named[MMT_PATH_MAX + 1];
	struct symtab *st;

	c->elf[0] = c->kept_err[0] = c->err[0] = '\0';
	if (!kernel && (st = sym_open_trace(path, h, c->kept_err,
					    sizeof c->kept_err)))
		return st;		/* the trace keeps its own */
	if (kernel)
		snprintf(c->elf, sizeof c->elf, "%s", kernel);
	else if (*mmtfile_str(h->kernel_path, sizeof h->kernel_path, named))
		snprintf(c->elf, sizeof c->elf, "%s", named);
	else
		util_kernel_default(c->elf, sizeof c->elf);
	return sym_open(c->elf, c->err, sizeof c->err);
}
