/*
 * fastprint.c - events as text or JSON lines into a fmtbuf; see
 * fastprint.h.  Each function mirrors the one of print.c named in its
 * comment, conversion for conversion.
 */
#include <string.h>
#include "fields.h"
#include "names.h"
#include "fastprint.h"

/* print_quoted(): s[0..n) in double quotes, escaped for text or JSON */
static void quoted(struct fmtbuf *b, const char *s, size_t n, int json)
{
	unsigned char c;
	size_t i;

	fb_room(b, 1);
	b->buf[b->len++] = '"';
	for (i = 0; i < n; i++) {
		c = s[i];
		fb_room(b, 6);
		if (c == '"' || c == '\\') {
			b->buf[b->len++] = '\\';
			b->buf[b->len++] = c;
		} else if (c >= 0x20 && c < 0x7f) {
			b->buf[b->len++] = c;
		} else {
			fb_str(b, json ? "\\u00" : "\\x");
			fb_hex(b, c, 2);
		}
	}
	fb_putc(b, '"');
}

/* flags_str(): the names of v's bits joined by '|', the rest in hex */
static void flags(struct fmtbuf *b, uint32_t v, const struct flagname *f)
{
	int any = 0;

	if (v == 0) {
		fb_putc(b, '0');
		return;
	}
	for (; f->name; f++) {
		if (!(v & f->bit))
			continue;
		if (any++)
			fb_putc(b, '|');
		fb_str(b, f->name);
		v &= ~f->bit;
	}
	if (v) {
		fb_str(b, any ? "|0x" : "0x");
		fb_hex(b, v, 0);
	}
}

/* event_time(): microseconds (or cycles) from the first event printed */
static double event_time(struct printer *p, uint64_t ts)
{
	if (!p->have_t0) {
		p->t0 = ts;
		p->have_t0 = 1;
	}
	if (ts < p->t0)
		return -(double)(p->t0 - ts) * (p->tsc_khz ? 1000.0 / p->tsc_khz : 1);
	return (double)(ts - p->t0) * (p->tsc_khz ? 1000.0 / p->tsc_khz : 1);
}

/* addr_sym() */
static const char *addr_sym(struct printer *p, const struct field *f,
			    const uint8_t *rec)
{
	if (!p->syms)
		return NULL;
	return sym_lookup(p->syms, field_uint(f, rec), field_is_return(f, rec));
}

/* field_text(): " name=value" */
static void field_text(struct fmtbuf *b, struct printer *p,
		       const struct field *f, const uint8_t *rec)
{
	uint64_t v = field_uint(f, rec);
	const char *s;

	fb_putc(b, ' ');
	fb_str(b, f->name);
	fb_putc(b, '=');
	switch (f->kind) {
	case FK_INT:
		fb_i64(b, field_int(f, rec));
		break;
	case FK_HEX:
		fb_str(b, "0x");
		fb_hex(b, v, 0);
		break;
	case FK_ENUM:
		s = name_of(f->tab, v);
		s ? fb_str(b, s) : fb_u64(b, v, 0, ' ');
		break;
	case FK_FLAGS:
		flags(b, v, f->tab);
		break;
	case FK_RET:
	case FK_EIP:
		s = addr_sym(p, f, rec);
		if (s) {
			fb_str(b, s);
		} else {
			fb_str(b, "0x");
			fb_hex(b, v, 8);
		}
		break;
	case FK_STR:
		quoted(b, (const char *)rec + f->off,
		       strnlen((const char *)rec + f->off, f->width), 0);
		break;
	case FK_BYTES:
		fb_hexbytes(b, rec + f->off, f->width);
		break;
	default:
		fb_u64(b, v, 0, ' ');
	}
}

/* mm_ref_text(): " mm=M users U0->U1 count C0->C1 reason=R caller" */
static void mm_ref_text(struct fmtbuf *b, struct printer *p,
			const struct mmt_mm_ref *r)
{
	const char *why = name_of(&names_reason, r->reason);
	const char *sym = p->syms ? sym_lookup(p->syms, r->caller, 1) : NULL;
	int du = r->op == MMT_OP_MMGET ? 1 : r->op == MMT_OP_MMPUT ? -1 : 0;
	int dc = r->op == MMT_OP_MMGRAB ? 1 : r->op == MMT_OP_MMDROP ? -1 : 0;

	fb_str(b, " mm=");
	fb_u64(b, r->mm, 0, ' ');
	fb_str(b, " users ");
	if (du) {
		fb_i64(b, r->users - du);
		fb_str(b, "->");
	}
	fb_i64(b, r->users);
	fb_str(b, " count ");
	if (dc) {
		fb_i64(b, r->count - dc);
		fb_str(b, "->");
	}
	fb_i64(b, r->count);
	fb_str(b, " reason=");
	why ? fb_str(b, why) : fb_u64(b, r->reason, 0, ' ');
	fb_putc(b, ' ');
	if (sym) {
		fb_str(b, sym);
	} else {
		fb_str(b, "0x");
		fb_hex(b, r->caller, 8);
	}
}

/* raw_bytes() */
static void raw_bytes(struct fmtbuf *b, struct printer *p,
		      const struct mmt_event *ev)
{
	fb_str(b, p->json ? ",\"raw\":\"" : " raw=");
	fb_hexbytes(b, ev->rec, ev->size);
	if (p->json)
		fb_putc(b, '"');
}

/* The text tail, if the type has one: " name=" or ",\"name\":" quoted */
static void text_tail(struct fmtbuf *b, struct printer *p,
		      const struct mmt_event *ev, const struct layout *l)
{
	const char *text;
	size_t n;

	if (!l->text)
		return;
	n = decode_text(ev, mmt_types[ev->type].size, &text);
	fb_str(b, p->json ? ",\"" : " ");
	fb_str(b, l->text);
	fb_str(b, p->json ? "\":" : "=");
	quoted(b, text, n, p->json);
}

/* event_text() and fields_text() */
static void event_text(struct fmtbuf *b, struct printer *p,
		       const struct mmt_event *ev, const uint8_t *rec)
{
	const struct layout *l = &layouts[ev->type];
	const char *name = mmt_type_name(ev->type);
	struct mmt_mm_ref r;
	unsigned i;
	int ref;

	memcpy(&r, rec, sizeof r);
	ref = ev->type == MMT_MM_REF && name_of(&names_op, r.op);
	if (ref)
		name = name_of(&names_op, r.op);
	fb_u64(b, p->n, 7, ' ');
	fb_str(b, " [");
	fb_u64(b, ev->cpu, 3, '0');
	fb_str(b, "] ");
	fb_fixed3(b, event_time(p, ev->ts), 13);
	fb_putc(b, ' ');
	fb_u64(b, ev->seq, 8, ' ');
	fb_str(b, "  ");
	fb_left(b, name ? name : "(null)", 12);
	if (ref)
		mm_ref_text(b, p, &r);
	else
		for (i = 0; i < l->nfields; i++)
			field_text(b, p, &l->fields[i], rec);
	text_tail(b, p, ev, l);
	if (p->raw)
		raw_bytes(b, p, ev);
	fb_putc(b, '\n');
}

/* field_json(): ,"name":value (and "name_sym" for addresses) */
static void field_json(struct fmtbuf *b, struct printer *p,
		       const struct field *f, const uint8_t *rec)
{
	uint64_t v = field_uint(f, rec);
	const char *s;

	fb_str(b, ",\"");
	fb_str(b, f->name);
	fb_str(b, "\":");
	switch (f->kind) {
	case FK_INT:
		fb_i64(b, field_int(f, rec));
		break;
	case FK_ENUM:
		fb_putc(b, '"');
		s = name_of(f->tab, v);
		s ? fb_str(b, s) : fb_u64(b, v, 0, ' ');
		fb_putc(b, '"');
		break;
	case FK_FLAGS:
		fb_putc(b, '"');
		flags(b, v, f->tab);
		fb_putc(b, '"');
		break;
	case FK_RET:
	case FK_EIP:
		fb_u64(b, v, 0, ' ');
		s = addr_sym(p, f, rec);
		fb_str(b, ",\"");
		fb_str(b, f->name);
		fb_str(b, "_sym\":");
		s ? quoted(b, s, strlen(s), 1) : fb_str(b, "null");
		break;
	case FK_STR:
		quoted(b, (const char *)rec + f->off,
		       strnlen((const char *)rec + f->off, f->width), 1);
		break;
	case FK_BYTES:
		fb_putc(b, '"');
		fb_hexbytes(b, rec + f->off, f->width);
		fb_putc(b, '"');
		break;
	default:
		fb_u64(b, v, 0, ' ');
	}
}

/* event_json() */
static void event_json(const struct fastprint *fp, struct fmtbuf *b,
		       const struct mmt_event *ev, const uint8_t *rec)
{
	struct printer *p = fp->pr;
	const struct layout *l = &layouts[ev->type];
	const char *type = mmt_type_name(ev->type);
	unsigned i;

	fb_str(b, "{\"n\":");
	fb_u64(b, p->n, 0, ' ');
	fb_str(b, ",\"cpu\":");
	fb_u64(b, ev->cpu, 0, ' ');
	fb_str(b, ",\"seq\":");
	fb_u64(b, ev->seq, 0, ' ');
	fb_str(b, ",\"ts\":");
	fb_u64(b, ev->ts, 0, ' ');
	fb_str(b, p->tsc_khz ? ",\"time_us\":" : ",\"cycles\":");
	fb_fixed3(b, event_time(p, ev->ts), 0);
	fb_str(b, ",\"type\":\"");
	fb_str(b, type ? type : "(null)");
	fb_putc(b, '"');
	for (i = 0; i < l->nfields; i++)
		field_json(b, p, &l->fields[i], rec);
	text_tail(b, p, ev, l);
	if (p->raw)
		raw_bytes(b, p, ev);
	if (fp->extra)
		fp->extra(fp->extra_arg, b, ev);
	fb_str(b, "}\n");
}

/* print_event() */
void fastprint_event(const struct fastprint *fp, const struct mmt_event *ev)
{
	struct printer *p = fp->pr;
	struct fmtbuf b;
	uint8_t rec[256];

	decode_copy(ev, rec, sizeof rec);	/* short records read as 0 */
	if (ev->type == MMT_STREAM && !p->tsc_khz) {
		struct mmt_stream s;

		memcpy(&s, rec, sizeof s);
		if (s.magic == MMT_STREAM_MAGIC)
			p->tsc_khz = s.tsc_khz;
	}
	fb_init(&b, p->out);
	if (p->json)
		event_json(fp, &b, ev, rec);
	else
		event_text(&b, p, ev, rec);
	fb_flush(&b);
	p->n++;
}

void fastprint_model_ref(struct fmtbuf *b, const struct model_ref *r)
{
	if (!r) {
		fb_str(b, ",\"model\":null");
		return;
	}
	fb_str(b, ",\"model\":{\"users_before\":");
	fb_i64(b, r->users0);
	fb_str(b, ",\"users_after\":");
	fb_i64(b, r->users1);
	fb_str(b, ",\"count_before\":");
	fb_i64(b, r->count0);
	fb_str(b, ",\"count_after\":");
	fb_i64(b, r->count1);
	fb_str(b, r->known ? ",\"known\":true}" : ",\"known\":false}");
}
