/*
 * fastprint.c - events as text or JSON lines into a fmtbuf; see
 * fastprint.h.  Each function mirrors the one of print.c named in its
 * comment, conversion for conversion; the lookups (time, symbol, mm
 * name) are print.c's own.
 */
#include <string.h>
#include "trace/fields.h"
#include "trace/names.h"
#include "trace/fastprint.h"

/*
 * What goes before a field's value, " name=" in text and ,"name": in
 * JSON, made once per field at its first use: one copy per field, not
 * three appends and a strlen.
 */
#define KEY_FIELDS	8		/* fields a layout has, at most */
#define KEY_MAX		24		/* longest key made */

struct key {
	uint8_t tlen, jlen;		/* 0: not made (too long) */
	char text[KEY_MAX];
	char json[KEY_MAX];
};

static struct key keys[256][KEY_FIELDS];
static uint8_t keys_made[256];

static const struct key *keys_of(unsigned type)
{
	const struct layout *l = &field_layouts[type];
	struct key *k = keys[type];
	size_t n;
	unsigned i;

	if (keys_made[type])
		return k;
	keys_made[type] = 1;
	for (i = 0; i < l->nfields && i < KEY_FIELDS; i++) {
		n = strlen(l->fields[i].name);
		if (n + 4 > KEY_MAX)
			continue;
		k[i].tlen = n + 2;
		k[i].text[0] = ' ';
		memcpy(k[i].text + 1, l->fields[i].name, n);
		k[i].text[n + 1] = '=';
		k[i].jlen = n + 4;
		memcpy(k[i].json, ",\"", 2);
		memcpy(k[i].json + 2, l->fields[i].name, n);
		memcpy(k[i].json + n + 2, "\":", 2);
	}
	return k;
}

/* The key of field i of a layout: text or JSON */
static void key(struct fmtbuf *b, const struct key *k, unsigned i,
		const struct field *f, int json)
{
	if (i < KEY_FIELDS && k[i].tlen) {	/* copy all KEY_MAX: no loop */
		fmtbuf_room(b, KEY_MAX);
		memcpy(b->buf + b->len, json ? k[i].json : k[i].text, KEY_MAX);
		b->len += json ? k[i].jlen : k[i].tlen;
		return;
	}
	fmtbuf_str(b, json ? ",\"" : " ");
	fmtbuf_str(b, f->name);
	fmtbuf_str(b, json ? "\":" : "=");
}

/* field_uint(), inlined: the widths a record has are 1, 2, 4 and 8 */
static inline uint64_t value(const struct field *f, const uint8_t *rec)
{
	uint64_t v = 0;

	switch (f->width) {
	case 1: return rec[f->off];
	case 2: memcpy(&v, rec + f->off, 2); return v;
	case 4: memcpy(&v, rec + f->off, 4); return v;
	default: return field_uint(f, rec);
	}
}

/* print_quoted(): s[0..n) in double quotes, escaped for text or JSON */
static void quoted(struct fmtbuf *b, const char *s, size_t n, int json)
{
	unsigned char c;
	size_t i, run;

	fmtbuf_putc(b, '"');
	for (i = 0; i < n; i += run) {
		for (run = 0; i + run < n; run++) {	/* what goes as it is */
			c = s[i + run];
			if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
				break;
		}
		fmtbuf_mem(b, s + i, run);
		if (i + run == n)
			break;
		c = s[i + run++];
		if (c == '"' || c == '\\') {
			fmtbuf_putc(b, '\\');
			fmtbuf_putc(b, c);
		} else {
			fmtbuf_str(b, json ? "\\u00" : "\\x");
			fmtbuf_hex(b, c, 2);
		}
	}
	fmtbuf_putc(b, '"');
}

/* names_flags(): the names of v's bits joined by '|', the rest in hex */
static void flags(struct fmtbuf *b, uint32_t v, const struct flagname *f)
{
	int any = 0;

	if (v == 0) {
		fmtbuf_putc(b, '0');
		return;
	}
	for (; f->name; f++) {
		if (!(v & f->bit))
			continue;
		if (any++)
			fmtbuf_putc(b, '|');
		fmtbuf_str(b, f->name);
		v &= ~f->bit;
	}
	if (v) {
		fmtbuf_str(b, any ? "|0x" : "0x");
		fmtbuf_hex(b, v, 0);
	}
}

/* name_text(): " X_name=N" where the name is not the id itself */
static void name_text(struct fmtbuf *b, struct printer *p,
		      const struct mmt_event *ev, const struct field *f,
		      unsigned id)
{
	const char *s = print_mm_name(p, ev, f, id);
	char num[16];

	snprintf(num, sizeof num, "%u", id);	/* rare: mm fields only */
	if (!s || !strcmp(s, num))
		return;
	fmtbuf_putc(b, ' ');
	fmtbuf_str(b, f->name);
	fmtbuf_str(b, "_name=");
	fmtbuf_str(b, s);
}

/* field_text(): " name=value" (the key is written) */
static void field_text(struct fmtbuf *b, struct printer *p,
		       const struct mmt_event *ev, const struct field *f,
		       const uint8_t *rec)
{
	uint64_t v = value(f, rec);
	const char *s;

	if (p->mm_names == PRINT_NAMES_REPLACE &&
	    (s = print_mm_name(p, ev, f, v))) {
		fmtbuf_str(b, s);
		return;
	}
	switch (f->kind) {
	case FK_INT:
		fmtbuf_i64(b, field_int(f, rec));
		break;
	case FK_HEX:
		fmtbuf_str(b, "0x");
		fmtbuf_hex(b, v, 0);
		break;
	case FK_ENUM:
		s = names_of(f->tab, v);
		s ? fmtbuf_str(b, s) : fmtbuf_dec(b, v);
		break;
	case FK_FLAGS:
		flags(b, v, f->tab);
		break;
	case FK_RET:
	case FK_EIP:
		s = print_addr_sym(p, f, rec);
		if (s) {
			fmtbuf_str(b, s);
		} else {
			fmtbuf_str(b, "0x");
			fmtbuf_hex(b, v, 8);
		}
		break;
	case FK_STR:
		quoted(b, (const char *)rec + f->off,
		       strnlen((const char *)rec + f->off, f->width), 0);
		break;
	case FK_BYTES:
		fmtbuf_hexbytes(b, rec + f->off, f->width);
		break;
	default:
		fmtbuf_dec(b, v);
	}
	if (p->mm_names == PRINT_NAMES_ADD)
		name_text(b, p, ev, f, v);
}

/* mm_ref_text(): " mm=M users U0->U1 count C0->C1 reason=R caller" */
static void mm_ref_text(struct fmtbuf *b, struct printer *p,
			const struct mmt_event *ev, const struct mmt_mm_ref *r)
{
	const char *why = names_of(&names_reason, r->reason);
	const char *sym = p->syms ? sym_lookup(p->syms, r->caller, 1) : NULL;
	int du = r->op == MMT_OP_MMGET ? 1 : r->op == MMT_OP_MMPUT ? -1 : 0;
	int dc = r->op == MMT_OP_MMGRAB ? 1 : r->op == MMT_OP_MMDROP ? -1 : 0;
	const struct field *f = &field_layouts[MMT_MM_REF].fields[0];
	const char *s = p->mm_names == PRINT_NAMES_REPLACE ?
			print_mm_name(p, ev, f, r->mm) : NULL;

	fmtbuf_str(b, " mm=");
	s ? fmtbuf_str(b, s) : fmtbuf_dec(b, r->mm);
	if (p->mm_names == PRINT_NAMES_ADD)
		name_text(b, p, ev, f, r->mm);
	fmtbuf_str(b, " users ");
	if (du) {
		fmtbuf_i64(b, r->users - du);
		fmtbuf_str(b, "->");
	}
	fmtbuf_i64(b, r->users);
	fmtbuf_str(b, " count ");
	if (dc) {
		fmtbuf_i64(b, r->count - dc);
		fmtbuf_str(b, "->");
	}
	fmtbuf_i64(b, r->count);
	fmtbuf_str(b, " reason=");
	why ? fmtbuf_str(b, why) : fmtbuf_dec(b, r->reason);
	fmtbuf_putc(b, ' ');
	if (sym) {
		fmtbuf_str(b, sym);
	} else {
		fmtbuf_str(b, "0x");
		fmtbuf_hex(b, r->caller, 8);
	}
}

/* raw_bytes() */
static void raw_bytes(struct fmtbuf *b, struct printer *p,
		      const struct mmt_event *ev)
{
	fmtbuf_str(b, p->json ? ",\"raw\":\"" : " raw=");
	fmtbuf_hexbytes(b, ev->rec, ev->size);
	if (p->json)
		fmtbuf_putc(b, '"');
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
	fmtbuf_str(b, p->json ? ",\"" : " ");
	fmtbuf_str(b, l->text);
	fmtbuf_str(b, p->json ? "\":" : "=");
	quoted(b, text, n, p->json);
}

/* event_text() and fields_text() */
static void event_text(struct fmtbuf *b, struct printer *p,
		       const struct mmt_event *ev, const uint8_t *rec)
{
	const struct layout *l = &field_layouts[ev->type];
	const char *name = mmt_type_name(ev->type);
	const struct key *k = keys_of(ev->type);
	struct mmt_mm_ref r;
	unsigned i, nf = l->nfields;
	int ref;

	memcpy(&r, rec, sizeof r);
	if (ev->type == MMT_MARK && !rec[offsetof(struct mmt_mark, chapter)])
		nf = 1;			/* a plain MARK: pid only */
	ref = ev->type == MMT_MM_REF && names_of(&names_op, r.op);
	if (ref)
		name = names_of(&names_op, r.op);
	fmtbuf_u64(b, p->n, 7, ' ');
	fmtbuf_str(b, " [");
	fmtbuf_u64(b, ev->cpu, 3, '0');
	fmtbuf_str(b, "] ");
	fmtbuf_fixed3(b, print_event_time(p, ev->ts), 13);
	fmtbuf_putc(b, ' ');
	fmtbuf_u64(b, ev->seq, 8, ' ');
	fmtbuf_str(b, "  ");
	fmtbuf_left(b, name ? name : "(null)", 12);
	if (ref)
		mm_ref_text(b, p, ev, &r);
	else
		for (i = 0; i < nf; i++) {
			key(b, k, i, &l->fields[i], 0);
			field_text(b, p, ev, &l->fields[i], rec);
		}
	text_tail(b, p, ev, l);
	if (p->raw)
		raw_bytes(b, p, ev);
	fmtbuf_putc(b, '\n');
}

/* field_json(): ,"name":value, "name_sym" for addresses and "name_name"
 * for mms when the printer names them (the key is written) */
static void field_json(struct fmtbuf *b, struct printer *p,
		       const struct mmt_event *ev, const struct field *f,
		       const uint8_t *rec)
{
	uint64_t v = value(f, rec);
	const char *s;

	switch (f->kind) {
	case FK_INT:
		fmtbuf_i64(b, field_int(f, rec));
		break;
	case FK_ENUM:
		fmtbuf_putc(b, '"');
		s = names_of(f->tab, v);
		s ? fmtbuf_str(b, s) : fmtbuf_dec(b, v);
		fmtbuf_putc(b, '"');
		break;
	case FK_FLAGS:
		fmtbuf_putc(b, '"');
		flags(b, v, f->tab);
		fmtbuf_putc(b, '"');
		break;
	case FK_RET:
	case FK_EIP:
		fmtbuf_dec(b, v);
		s = print_addr_sym(p, f, rec);
		fmtbuf_str(b, ",\"");
		fmtbuf_str(b, f->name);
		fmtbuf_str(b, "_sym\":");
		s ? quoted(b, s, strlen(s), 1) : fmtbuf_str(b, "null");
		break;
	case FK_STR:
		quoted(b, (const char *)rec + f->off,
		       strnlen((const char *)rec + f->off, f->width), 1);
		break;
	case FK_BYTES:
		fmtbuf_putc(b, '"');
		fmtbuf_hexbytes(b, rec + f->off, f->width);
		fmtbuf_putc(b, '"');
		break;
	default:
		fmtbuf_dec(b, v);
	}
	if (p->mm_names == PRINT_NAMES_ADD && p->mm_name && field_is_mm(f)) {
		s = print_mm_name(p, ev, f, v);
		fmtbuf_str(b, ",\"");
		fmtbuf_str(b, f->name);
		fmtbuf_str(b, "_name\":");
		s ? quoted(b, s, strlen(s), 1) : fmtbuf_str(b, "null");
	}
}

/* event_json() */
static void event_json(const struct fastprint *fp, struct fmtbuf *b,
		       const struct mmt_event *ev, const uint8_t *rec)
{
	struct printer *p = fp->pr;
	const struct layout *l = &field_layouts[ev->type];
	const char *type = mmt_type_name(ev->type);
	const struct key *k = keys_of(ev->type);
	unsigned i;

	fmtbuf_str(b, "{\"n\":");
	fmtbuf_dec(b, p->n);
	fmtbuf_str(b, ",\"cpu\":");
	fmtbuf_dec(b, ev->cpu);
	fmtbuf_str(b, ",\"seq\":");
	fmtbuf_dec(b, ev->seq);
	fmtbuf_str(b, ",\"ts\":");
	fmtbuf_dec(b, ev->ts);
	fmtbuf_str(b, p->tsc_khz ? ",\"time_us\":" : ",\"cycles\":");
	fmtbuf_fixed3(b, print_event_time(p, ev->ts), 0);
	fmtbuf_str(b, ",\"type\":\"");
	fmtbuf_str(b, type ? type : "(null)");
	fmtbuf_putc(b, '"');
	for (i = 0; i < l->nfields; i++) {
		key(b, k, i, &l->fields[i], 1);
		field_json(b, p, ev, &l->fields[i], rec);
	}
	text_tail(b, p, ev, l);
	if (p->raw)
		raw_bytes(b, p, ev);
	if (fp->extra)
		fp->extra(fp->extra_arg, b, ev);
	fmtbuf_str(b, "}\n");
}

/* print_event() */
void fastprint_event(const struct fastprint *fp, const struct mmt_event *ev)
{
	struct printer *p = fp->pr;
	struct fmtbuf b;
	uint8_t rec[MMT_REC_MAX + 8];

	decode_copy(ev, rec, sizeof rec);	/* short records read as 0 */
	if (ev->type == MMT_STREAM && !p->tsc_khz) {
		struct mmt_stream s;

		memcpy(&s, rec, sizeof s);
		if (s.magic == MMT_STREAM_MAGIC)
			p->tsc_khz = s.tsc_khz;
	}
	fmtbuf_init(&b, p->out);
	if (p->json)
		event_json(fp, &b, ev, rec);
	else
		event_text(&b, p, ev, rec);
	fmtbuf_flush(&b);
	p->n++;
}

void fastprint_model_ref(struct fmtbuf *b, int alive, int known,
			 int32_t users0, int32_t users1, int32_t count0,
			 int32_t count1)
{
	if (!alive) {
		fmtbuf_str(b, ",\"model\":null");
		return;
	}
	fmtbuf_str(b, ",\"model\":{\"users_before\":");
	fmtbuf_i64(b, users0);
	fmtbuf_str(b, ",\"users_after\":");
	fmtbuf_i64(b, users1);
	fmtbuf_str(b, ",\"count_before\":");
	fmtbuf_i64(b, count0);
	fmtbuf_str(b, ",\"count_after\":");
	fmtbuf_i64(b, count1);
	fmtbuf_str(b, known ? ",\"known\":true}" : ",\"known\":false}");
}
