/*
 * ctf.c - `mmscope export --format ctf`: a trace as CTF 1.8, one stream
 * file per CPU (cpu0, cpu1, ...) and the TSDL metadata (ctfmeta.c).
 *
 * The trace is decoded straight from the file: each CPU's records come
 * in its sequence order, which is all a CTF stream needs, and babeltrace2
 * merges the streams by timestamp as dump orders the events.  Each CPU's
 * events collect in a packet buffer of CTF_PACKET_MAX bytes, written with
 * its header and context when full, when events were lost before the
 * next one (a new packet carries the new events_discarded count), and at
 * the end.  Memory is one packet per CPU, whatever the trace's size.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "export/ctf.h"
#include "trace/decode.h"
#include "trace/fields.h"
#include "trace/names.h"
#include "util/util.h"

struct ctf_stream {			/* one CPU's stream file */
	FILE *f;
	uint8_t *buf;			/* the packet's events */
	size_t len;			/* bytes in buf */
	uint64_t nev;			/* events in buf */
	uint64_t ts_begin, ts_end; /* of the packet's first and last event */
	uint64_t last_ts;		/* the stream's last timestamp */
	uint64_t seq;			/* packets written */
	uint64_t discarded;		/* events lost so far, packet context */
	uint64_t pending;		/* lost since, for the next packet */
};

struct ctf {
	const char *dir;
	struct export_src *src;
	struct export_result *res;
	struct ctf_meta meta;
	struct ctf_stream *s[DECODE_MAXCPU];
	struct decoder dec;
	uint64_t backwards;		/* events whose time went back */
	int err;		/* errno of the first failure, 0: none */
	char failed[4200];		/* what failed */
};

/* --- the address set ------------------------------------------------ */

static size_t addr_slot(const struct ctf_addrs *a, uint64_t key)
{
	size_t i = (key * 0x9e3779b97f4a7c15ull) >> 20;

	for (i &= a->cap - 1; a->key[i] && a->key[i] != key;
	     i = (i + 1) & (a->cap - 1))
		;
	return i;
}

int ctf_addrs_add(struct ctf_addrs *a, uint32_t addr, int is_return)
{
	uint64_t key = ((uint64_t)!!is_return << 32 | addr) + 1, *old;
	size_t i, cap = a->cap;

	if (a->cap && a->key[addr_slot(a, key)] == key)
		return 0;
	if (2 * (a->n + 1) > a->cap) {	/* at most half full */
		old = a->key;
		a->cap = cap ? 2 * cap : 64;
		if (!(a->key = calloc(a->cap, sizeof *a->key))) {
			a->key = old;
			a->cap = cap;
			return -1;
		}
		for (i = 0; i < cap; i++)
			if (old[i])
				a->key[addr_slot(a, old[i])] = old[i];
		free(old);
	}
	a->key[addr_slot(a, key)] = key;
	a->n++;
	return 0;
}

void ctf_addrs_free(struct ctf_addrs *a)
{
	free(a->key);
	memset(a, 0, sizeof *a);
}

/* --- packets -------------------------------------------------------- */

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static void fail(struct ctf *c, const char *what)
{
	if (!c->err) {
		c->err = errno ? errno : EIO;
		snprintf(c->failed, sizeof c->failed, "%s", what);
	}
}

/* Write cpu's packet: header, context, its events; start an empty one. */
static void packet_flush(struct ctf *c, unsigned cpu)
{
	struct ctf_stream *s = c->s[cpu];
	uint8_t h[CTF_HEADER_SIZE + CTF_CONTEXT_SIZE];
	uint64_t bits = (sizeof h + s->len) * 8;

	put32(h, CTF_MAGIC);
	memcpy(h + 4, c->meta.uuid, 16);
	put32(h + 20, 0);			/* the one stream class */
	put64(h + 24, cpu);			/* stream_instance_id */
	put64(h + 32, s->ts_begin);
	put64(h + 40, s->ts_end);
	put64(h + 48, bits);			/* content_size */
	put64(h + 56, bits);			/* packet_size: no padding */
	put64(h + 64, s->seq++);
	put64(h + 72, s->discarded);
	put32(h + 80, cpu);
	if (fwrite(h, sizeof h, 1, s->f) != 1 ||
	    (s->len && fwrite(s->buf, s->len, 1, s->f) != 1))
		fail(c, "write");
	c->res->bytes += sizeof h + s->len;
	s->len = 0;
	s->nev = 0;
}

/* The stream of cpu, its file made at its first event. */
static struct ctf_stream *stream_get(struct ctf *c, unsigned cpu)
{
	char path[4096];
	struct ctf_stream *s = c->s[cpu];

	if (s)
		return s;
	snprintf(path, sizeof path, "%s/cpu%u", c->dir, cpu);
	s = calloc(1, sizeof *s);
	if (!s || !(s->buf = malloc(CTF_PACKET_MAX + CTF_EVENT_MAX)) ||
	    !(s->f = fopen(path, "wb"))) {
		fail(c, path);
		if (s)
			free(s->buf);
		free(s);
		return NULL;
	}
	c->res->files++;
	return c->s[cpu] = s;
}

static void stream_close(struct ctf *c, unsigned cpu)
{
	struct ctf_stream *s = c->s[cpu];

	if (s->nev || s->pending || !s->seq) {
		s->discarded += s->pending;	/* lost at the very end */
		s->pending = 0;
		if (!s->nev)
			s->ts_begin = s->ts_end = s->last_ts;
		packet_flush(c, cpu);
	}
	if (fclose(s->f))
		fail(c, "write");
	free(s->buf);
	free(s);
	c->s[cpu] = NULL;
}

/* --- events --------------------------------------------------------- */

/* ev's payload at out: its fields in wire order, strings with a NUL. */
static size_t payload(struct ctf *c, const struct mmt_event *ev, uint8_t *out)
{
	const struct layout *l = &field_layouts[ev->type];
	const struct field *f;
	uint8_t rec[256];
	const char *text;
	size_t at = 0, n;
	unsigned i;

	decode_copy(ev, rec, sizeof rec);	/* short records read as 0 */
	for (i = 0; i < l->nfields; i++) {
		f = &l->fields[i];
		n = f->kind == FK_STR ? strnlen((char *)rec + f->off, f->width)
				      : f->width;
		memcpy(out + at, rec + f->off, n);
		at += n;
		if (f->kind == FK_STR)
			out[at++] = '\0';
		if ((f->kind == FK_RET || f->kind == FK_EIP) && c->src->syms &&
		    ctf_addrs_add(f->kind == FK_RET ? &c->meta.callers :
				  &c->meta.eips, field_uint(f, rec),
				  field_is_return(f, rec)))
			fail(c, "memory");
	}
	if (l->text) {
		n = decode_text(ev, mmt_types[ev->type].size, &text);
		n = strnlen(text, n);		/* a CTF string ends at a NUL */
		memcpy(out + at, text, n);
		at += n;
		out[at++] = '\0';
	}
	return at;
}

/* Events were lost on cpu before its next event. */
static void lost(struct ctf *c, unsigned cpu, uint64_t count)
{
	struct ctf_stream *s = stream_get(c, cpu);

	if (s)
		s->pending += count;
	c->res->lost += count;
}

static void remember(struct ctf *c, const struct mmt_event *ev)
{
	if (ev->type == MMT_STREAM && !c->meta.have_stream) {
		decode_copy(ev, &c->meta.stream, sizeof c->meta.stream);
		c->meta.have_stream = c->meta.stream.magic == MMT_STREAM_MAGIC;
	} else if (ev->type == MMT_BOOT && !c->meta.have_boot) {
		decode_copy(ev, &c->meta.boot, sizeof c->meta.boot);
		c->meta.have_boot = 1;
	}
}

static void on_event(void *arg, const struct mmt_event *ev)
{
	struct ctf *c = arg;
	struct ctf_stream *s;
	struct mmt_lost l;
	uint64_t ts = ev->ts;

	c->res->events++;
	remember(c, ev);
	if (ev->type == MMT_LOST) {	/* the loss comes before its record */
		decode_copy(ev, &l, sizeof l);
		lost(c, ev->cpu, l.count);
	}
	if (!(s = stream_get(c, ev->cpu)))
		return;
	if (s->nev && (s->pending || s->len >= CTF_PACKET_MAX))
		packet_flush(c, ev->cpu);
	s->discarded += s->pending;
	s->pending = 0;
	if (ts < s->last_ts) {	/* a CTF stream's time never goes back */
		c->backwards++;
		ts = s->last_ts;
	}
	if (!s->nev++)
		s->ts_begin = ts;
	s->ts_end = s->last_ts = ts;
	s->buf[s->len] = ev->type;
	put64(s->buf + s->len + 1, ts);
	s->len += CTF_EVENT_HEADER;
	s->len += payload(c, ev, s->buf + s->len);
	c->res->written++;
}

static void on_diag(void *arg, const struct mmt_diag *g)
{
	struct ctf *c = arg;
	uint32_t n = g->got - g->expected;

	if (g->kind == DIAG_GAP && n < 0x80000000u)
		lost(c, g->cpu, n);
	else if (g->kind == DIAG_BAD_STREAM && g->type == STREAM_NEWER) {
		util_err("%s: %s (%u, this mmscope reads %u); use a newer "
		       "mmscope", c->src->path, g->why, g->got, MMT_VERSION);
		c->err = -1;
		decode_stop(&c->dec);
	}
}

static const struct decode_ops ctf_ops = { on_event, on_diag };

/* --- the trace ------------------------------------------------------ */

/* A UUID of the trace, the same at every export: from its header. */
static void trace_uuid(const struct mmt_file_header *h, uint8_t uuid[16])
{
	const uint8_t *p = (const uint8_t *)h;
	uint64_t a = 0xcbf29ce484222325ull, b = 0x84222325cbf29ce4ull;
	size_t i;

	for (i = 0; i < sizeof *h; i++) {	/* FNV-1a, twice */
		a = (a ^ p[i]) * 0x100000001b3ull;
		b = (b ^ p[i] ^ 0x5a) * 0x100000001b3ull;
	}
	memcpy(uuid, &a, 8);
	memcpy(uuid + 8, &b, 8);
	uuid[6] = (uuid[6] & 0x0f) | 0x40;	/* version 4 */
	uuid[8] = (uuid[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
}

/* Make dir, or accept it empty.  0, or -1 after saying why not. */
static int make_dir(const char *dir)
{
	struct dirent *e;
	DIR *d;

	if (!mkdir(dir, 0777))
		return 0;
	if (errno != EEXIST || !(d = opendir(dir))) {
		util_err("%s: cannot make the CTF directory: %m", dir);
		return -1;
	}
	while ((e = readdir(d)) && (!strcmp(e->d_name, ".") ||
				    !strcmp(e->d_name, "..")))
		;
	closedir(d);
	if (e) {
		util_err("%s: exists and is not empty; remove it or name a new "
		       "directory with -o", dir);
		return -1;
	}
	return 0;
}

static int write_metadata(struct ctf *c)
{
	char path[4096];
	FILE *f;
	long size;

	snprintf(path, sizeof path, "%s/metadata", c->dir);
	if (!(f = fopen(path, "w"))) {
		fail(c, path);
		return -1;
	}
	if (ctf_write_metadata(f, &c->meta, c->src) < 0)
		fail(c, path);
	size = ftell(f);
	if (fclose(f))
		fail(c, path);
	c->res->bytes += size > 0 ? size : 0;
	c->res->files++;
	return c->err ? -1 : 0;
}

/* Decode the stream to its end into the streams. */
static void read_trace(struct ctf *c)
{
	static uint8_t buf[1 << 20];
	ssize_t n;

	decode_init(&c->dec, &ctf_ops, c);
	while (!c->err && (n = read(c->src->fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			util_err("%s: %m", c->src->path);
			c->err = -1;
			return;
		}
		decode_feed(&c->dec, buf, n);
	}
	if (!c->err)
		decode_finish(&c->dec);
}

int ctf_export(struct export_src *src, const char *dir,
	       struct export_result *res)
{
	struct ctf *c = calloc(1, sizeof *c);
	unsigned cpu;
	int rc = EXIT_OK;

	if (!c) {
		util_err("out of memory");
		return EXIT_FAIL;
	}
	*c = (struct ctf) { .dir = dir, .src = src, .res = res };
	trace_uuid(&src->header, c->meta.uuid);
	if (make_dir(dir) < 0) {
		free(c);
		return EXIT_USAGE;
	}
	read_trace(c);
	for (cpu = 0; cpu < DECODE_MAXCPU; cpu++)
		if (c->s[cpu])
			stream_close(c, cpu);
	if (c->err == -1)
		rc = EXIT_USAGE;		/* said already */
	else if (c->err || write_metadata(c) < 0) {
		util_err("%s: %s: %s", dir, c->failed, strerror(c->err));
		rc = EXIT_FAIL;
	}
	if (c->backwards)
		util_warn("%s: %" PRIu64
			  " events had a time before their CPU's event before "
			  "them; written at that time",
			  src->path, c->backwards);
	ctf_addrs_free(&c->meta.callers);
	ctf_addrs_free(&c->meta.eips);
	free(c);
	return rc;
}
