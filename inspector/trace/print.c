/*
 * print.c - events and diagnostics as text or JSON lines, see print.h.
 *
 * Fields come from the tables in fields.c, so every record type prints
 * with every field by name.  MM_REF alone has its own text form, the one
 * a reader of Linux code expects: the operation as the event name and
 * both counters, before and after, derived from the operation.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include "trace/fields.h"
#include "trace/evlog.h"
#include "trace/names.h"
#include "util/util.h"
#include "trace/print.h"

void print_quoted(FILE *f, const char *s, size_t n, int json)
{
	size_t i;
	unsigned char c;

	putc('"', f);
	for (i = 0; i < n; i++) {
		c = s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			putc(c, f);
		else if (json)
			fprintf(f, "\\u%04x", c);
		else
			fprintf(f, "\\x%02x", c);
	}
	putc('"', f);
}

double print_event_time(struct printer *p, uint64_t ts)
{
	if (!p->have_t0) {
		p->t0 = ts;
		p->have_t0 = 1;
	}
	if (ts < p->t0)
		return -(double)(p->t0 - ts) * (p->tsc_khz ? 1000.0 / p->tsc_khz : 1);
	return (double)(ts - p->t0) * (p->tsc_khz ? 1000.0 / p->tsc_khz : 1);
}

void print_header(struct printer *p)
{
	if (p->json)
		return;
	fprintf(p->out, "#%6s %5s %13s %8s  %-12s %s\n", "n", "cpu",
		p->tsc_khz ? "time_us" : "cycles", "seq", "event", "fields");
}

const char *print_addr_sym(struct printer *p, const struct field *f,
			   const uint8_t *rec)
{
	if (!p->syms)
		return NULL;
	return sym_lookup(p->syms, field_uint(f, rec), field_is_return(f, rec));
}

const char *print_mm_name(struct printer *p, const struct mmt_event *ev,
			  const struct field *f, unsigned id)
{
	if (!p->mm_names || !p->mm_name || !id || !field_is_mm(f))
		return NULL;
	return p->mm_name(p->mm_arg, ev, id);
}

/* Text: an mm field's name where it is not the id itself. */
static void name_text(struct printer *p, const struct mmt_event *ev,
		      const struct field *f, unsigned id)
{
	const char *s = print_mm_name(p, ev, f, id);
	char num[16];

	snprintf(num, sizeof num, "%u", id);
	if (s && strcmp(s, num))
		fprintf(p->out, " %s_name=%s", f->name, s);
}

/* One field as text: name=value. */
static void field_text(struct printer *p, const struct mmt_event *ev,
		       const struct field *f, const uint8_t *rec)
{
	FILE *o = p->out;
	uint64_t v = field_uint(f, rec);
	const char *s;
	char buf[160];

	fprintf(o, " %s=", f->name);
	if (p->mm_names == PRINT_NAMES_REPLACE &&
	    (s = print_mm_name(p, ev, f, v))) {
		fputs(s, o);
		return;
	}
	switch (f->kind) {
	case FK_INT:
		fprintf(o, "%" PRId64, field_int(f, rec));
		break;
	case FK_HEX:
		fprintf(o, "0x%" PRIx64, v);
		break;
	case FK_ENUM:
		s = names_of(f->tab, v);
		s ? fputs(s, o) : fprintf(o, "%" PRIu64, v);
		break;
	case FK_FLAGS:
		fputs(names_flags(buf, sizeof buf, v, f->tab), o);
		break;
	case FK_RET:
	case FK_EIP:
		s = print_addr_sym(p, f, rec);
		s ? fputs(s, o) : fprintf(o, "0x%08" PRIx64, v);
		break;
	case FK_STR:
		print_quoted(o, (const char *)rec + f->off,
			     strnlen((const char *)rec + f->off, f->width), 0);
		break;
	case FK_BYTES:
		fputs(util_hexstr(rec + f->off, f->width, buf), o);
		break;
	default:
		fprintf(o, "%" PRIu64, v);
	}
	if (p->mm_names == PRINT_NAMES_ADD)
		name_text(p, ev, f, v);
}

/* The counters of an MM_REF before and after, from its operation. */
static void mm_ref_text(struct printer *p, const struct mmt_event *ev,
			const struct mmt_mm_ref *r)
{
	const char *why = names_of(&names_reason, r->reason);
	const char *sym = p->syms ? sym_lookup(p->syms, r->caller, 1) : NULL;
	int du = r->op == MMT_OP_MMGET ? 1 : r->op == MMT_OP_MMPUT ? -1 : 0;
	int dc = r->op == MMT_OP_MMGRAB ? 1 : r->op == MMT_OP_MMDROP ? -1 : 0;

	const struct field *f = &field_layouts[MMT_MM_REF].fields[0];
	const char *s = p->mm_names == PRINT_NAMES_REPLACE ?
			print_mm_name(p, ev, f, r->mm) : NULL;

	if (s)
		fprintf(p->out, " mm=%s", s);
	else
		fprintf(p->out, " mm=%u", r->mm);
	if (p->mm_names == PRINT_NAMES_ADD)
		name_text(p, ev, f, r->mm);
	fputs(" users ", p->out);
	if (du)
		fprintf(p->out, "%d->", r->users - du);
	fprintf(p->out, "%d count ", r->users);
	if (dc)
		fprintf(p->out, "%d->", r->count - dc);
	fprintf(p->out, "%d reason=", r->count);
	why ? fputs(why, p->out) : fprintf(p->out, "%u", r->reason);
	sym ? fprintf(p->out, " %s", sym) : fprintf(p->out, " 0x%08x", r->caller);
}

static void raw_bytes(struct printer *p, const struct mmt_event *ev)
{
	char hex[2 * 256 + 1];

	util_hexstr(ev->rec, ev->size, hex);
	if (p->json)
		fprintf(p->out, ",\"raw\":\"%s\"", hex);
	else
		fprintf(p->out, " raw=%s", hex);
}

/* The fields of the text form, after the event's name.  A plain MARK
 * (chapter 0) leaves out its chapter fields: most marks are plain. */
static void fields_text(struct printer *p, const struct mmt_event *ev,
			const uint8_t *rec)
{
	const struct layout *l = &field_layouts[ev->type];
	const char *text;
	struct mmt_mm_ref r;
	unsigned i, nf = l->nfields;
	size_t n;

	memcpy(&r, rec, sizeof r);
	if (ev->type == MMT_MARK && !rec[offsetof(struct mmt_mark, chapter)])
		nf = 1;			/* pid only */
	if (ev->type == MMT_MM_REF && names_of(&names_op, r.op)) {
		mm_ref_text(p, ev, &r);
	} else {
		for (i = 0; i < nf; i++)
			field_text(p, ev, &l->fields[i], rec);
	}
	if (l->text) {
		n = decode_text(ev, mmt_types[ev->type].size, &text);
		fprintf(p->out, " %s=", l->text);
		print_quoted(p->out, text, n, 0);
	}
}

void print_fields(struct printer *p, const struct mmt_event *ev)
{
	uint8_t rec[256];

	decode_copy(ev, rec, sizeof rec);
	fields_text(p, ev, rec);
}

static void event_text(struct printer *p, const struct mmt_event *ev,
		       const uint8_t *rec)
{
	const char *name = mmt_type_name(ev->type);
	struct mmt_mm_ref r;

	memcpy(&r, rec, sizeof r);
	if (ev->type == MMT_MM_REF && names_of(&names_op, r.op))
		name = names_of(&names_op, r.op);
	fprintf(p->out, "%7" PRIu64 " [%03u] %13.3f %8u  %-12s", p->n,
		ev->cpu, print_event_time(p, ev->ts), ev->seq, name);
	fields_text(p, ev, rec);
	if (p->raw)
		raw_bytes(p, ev);
	putc('\n', p->out);
}

/* One field as JSON: ,"name":value (and "name_sym" for addresses,
 * "name_name" for mms when the printer names them). */
static void field_json(struct printer *p, const struct mmt_event *ev,
		       const struct field *f, const uint8_t *rec)
{
	FILE *o = p->out;
	uint64_t v = field_uint(f, rec);
	const char *s;
	char buf[160];

	fprintf(o, ",\"%s\":", f->name);
	switch (f->kind) {
	case FK_INT:
		fprintf(o, "%" PRId64, field_int(f, rec));
		break;
	case FK_ENUM:
		s = names_of(f->tab, v);
		s ? fprintf(o, "\"%s\"", s) : fprintf(o, "\"%" PRIu64 "\"", v);
		break;
	case FK_FLAGS:
		fprintf(o, "\"%s\"", names_flags(buf, sizeof buf, v, f->tab));
		break;
	case FK_RET:
	case FK_EIP:
		fprintf(o, "%" PRIu64, v);
		s = print_addr_sym(p, f, rec);
		fprintf(o, ",\"%s_sym\":", f->name);
		s ? print_quoted(o, s, strlen(s), 1) : (void)fputs("null", o);
		break;
	case FK_STR:
		print_quoted(o, (const char *)rec + f->off,
			     strnlen((const char *)rec + f->off, f->width), 1);
		break;
	case FK_BYTES:
		fprintf(o, "\"%s\"", util_hexstr(rec + f->off, f->width, buf));
		break;
	default:
		fprintf(o, "%" PRIu64, v);
	}
	if (p->mm_names == PRINT_NAMES_ADD && p->mm_name && field_is_mm(f)) {
		s = print_mm_name(p, ev, f, v);
		fprintf(o, ",\"%s_name\":", f->name);
		s ? print_quoted(o, s, strlen(s), 1) : (void)fputs("null", o);
	}
}

static void event_json(struct printer *p, const struct mmt_event *ev,
		       const uint8_t *rec)
{
	const struct layout *l = &field_layouts[ev->type];
	const char *text;
	unsigned i;
	size_t n;

	fprintf(p->out, "{\"n\":%" PRIu64 ",\"cpu\":%u,\"seq\":%u,"
		"\"ts\":%" PRIu64 ",\"%s\":%.3f,\"type\":\"%s\"", p->n,
		ev->cpu, ev->seq, ev->ts, p->tsc_khz ? "time_us" : "cycles",
		print_event_time(p, ev->ts), mmt_type_name(ev->type));
	for (i = 0; i < l->nfields; i++)
		field_json(p, ev, &l->fields[i], rec);
	if (l->text) {
		n = decode_text(ev, mmt_types[ev->type].size, &text);
		fprintf(p->out, ",\"%s\":", l->text);
		print_quoted(p->out, text, n, 1);
	}
	if (p->raw)
		raw_bytes(p, ev);
	if (p->extra)
		p->extra(p->extra_arg, ev);
	fputs("}\n", p->out);
}

void print_event(struct printer *p, const struct mmt_event *ev)
{
	uint8_t rec[256];

	decode_copy(ev, rec, sizeof rec);	/* short records read as 0 */
	if (ev->type == MMT_STREAM && !p->tsc_khz) {
		struct mmt_stream s;

		memcpy(&s, rec, sizeof s);
		if (s.magic == MMT_STREAM_MAGIC)
			p->tsc_khz = s.tsc_khz;
	}
	if (p->json)
		event_json(p, ev, rec);
	else
		event_text(p, ev, rec);
	p->n++;
}

void print_diag_text(struct printer *p, const struct mmt_diag *g, char *buf,
		     size_t len)
{
	uint64_t off = p->base_off + g->off;

	switch (g->kind) {
	case DIAG_GARBAGE:
		snprintf(buf, len, "garbage: %" PRIu64 " bytes at file offset "
			 "%" PRIu64 " skipped (%s)", g->bytes, off, g->why);
		break;
	case DIAG_BAD_CRC:
		snprintf(buf, len, "bad CRC: frame of %" PRIu64 " bytes at "
			 "file offset %" PRIu64 " dropped", g->bytes, off);
		break;
	case DIAG_GAP:
		if ((int32_t)(g->got - g->expected) < 0)
			snprintf(buf, len, "gap on cpu %u: expected seq %u, got "
				 "%u (the sequence went back)", g->cpu,
				 g->expected, g->got);
		else
			snprintf(buf, len, "gap on cpu %u: expected seq %u, got "
				 "%u (%u events lost)", g->cpu, g->expected,
				 g->got, g->got - g->expected);
		break;
	case DIAG_TRUNCATED:
		snprintf(buf, len, "truncated: the trace ends inside a frame "
			 "(%" PRIu64 " bytes at file offset %" PRIu64 ")",
			 g->bytes, off);
		break;
	case DIAG_UNKNOWN:
		snprintf(buf, len, "unknown record type %u (%" PRIu64 " bytes) "
			 "on cpu %u seq %u skipped", g->type, g->bytes, g->cpu,
			 g->got);
		break;
	case DIAG_BAD_STREAM:
		snprintf(buf, len, "%s (version %u)", g->why, g->got);
		break;
	case DIAG_ORDER:
		snprintf(buf, len, "%s", g->why);
		break;
	case DIAG_LOST:
		snprintf(buf, len, "lost: cpu %u dropped %u events here (its "
			 "LOST record follows)", g->cpu, g->got);
		break;
	case DIAG_CUT:
		snprintf(buf, len, "cut: the trace ends before END; cpu %u's "
			 "events after its seq %u may be missing", g->cpu,
			 g->got - 1);
		break;
	default:
		snprintf(buf, len, "heartbeat on cpu %u", g->cpu);
	}
}

static const char *const diag_names[] = {
	[DIAG_GARBAGE] = "garbage", [DIAG_BAD_CRC] = "bad_crc",
	[DIAG_GAP] = "gap", [DIAG_HEARTBEAT] = "heartbeat",
	[DIAG_TRUNCATED] = "truncated", [DIAG_UNKNOWN] = "unknown_type",
	[DIAG_BAD_STREAM] = "bad_stream", [DIAG_ORDER] = "order",
	[DIAG_LOST] = "lost", [DIAG_CUT] = "cut",
};

static void diag_json(struct printer *p, const struct mmt_diag *g,
		      const char *msg)
{
	FILE *o = p->out;

	fprintf(o, "{\"diag\":\"%s\"", diag_names[g->kind]);
	if (g->kind == DIAG_GAP)
		fprintf(o, ",\"cpu\":%u,\"expected\":%u,\"got\":%u,"
			"\"lost\":%u", g->cpu, g->expected, g->got,
			(int32_t)(g->got - g->expected) < 0 ? 0 :
			g->got - g->expected);
	else if (g->kind == DIAG_UNKNOWN)
		fprintf(o, ",\"cpu\":%u,\"seq\":%u,\"type\":%u,"
			"\"size\":%" PRIu64, g->cpu, g->got, g->type, g->bytes);
	else if (g->kind == DIAG_LOST)
		fprintf(o, ",\"cpu\":%u,\"lost\":%u", g->cpu, g->got);
	else if (g->kind == DIAG_CUT)
		fprintf(o, ",\"cpu\":%u,\"seq\":%u", g->cpu, g->got - 1);
	else if (g->kind != DIAG_BAD_STREAM && g->kind != DIAG_ORDER)
		fprintf(o, ",\"bytes\":%" PRIu64 ",\"offset\":%" PRIu64,
			g->bytes, p->base_off + g->off);
	fputs(",\"message\":", o);
	print_quoted(o, msg, strlen(msg), 1);
	fputs("}\n", o);
}

void print_diag(struct printer *p, const struct mmt_diag *g)
{
	char msg[256];

	print_diag_text(p, g, msg, sizeof msg);
	if (p->json)
		diag_json(p, g, msg);
	else
		fprintf(p->out, "# %s\n", msg);
}

void print_note(struct printer *p, const char *kind, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!p->json) {
		fprintf(p->out, "# %s\n", msg);
		return;
	}
	fprintf(p->out, "{\"diag\":\"%s\",\"message\":", kind);
	print_quoted(p->out, msg, strlen(msg), 1);
	fputs("}\n", p->out);
}
