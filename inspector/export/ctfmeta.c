/*
 * ctfmeta.c - the TSDL metadata of an exported CTF trace (ctf.h says the
 * layout it describes): the trace with its packet header, the run's
 * environment, a clock class at the trace's TSC rate, the stream with
 * its packet context and event header, and one event class per record
 * type, every field named and typed from the tables of fields.c.
 *
 * Enumerations carry the names dump prints: operations, reasons, states
 * and the other MMT_* values; flags words as an enumeration of every
 * combination of their named bits ("load|lazy"); and callers as an
 * enumeration of the addresses the trace holds, labelled with their
 * symbols, so a reader needs no kernel ELF.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "export/ctf.h"
#include "trace/fields.h"
#include "trace/mmtfile.h"
#include "trace/names.h"
#include "util/util.h"

#define FLAG_BITS_MAX	8	/* more named bits: a hex number instead */

/* s as a TSDL string literal. */
static void tsdl_str(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fprintf(f, "\\x%02x", (unsigned char)*s);
		else
			putc(*s, f);
	}
	putc('"', f);
}

static void uuid_str(FILE *f, const uint8_t u[16])
{
	int i;

	for (i = 0; i < 16; i++)
		fprintf(f, "%s%02x", i == 4 || i == 6 || i == 8 || i == 10 ?
			"-" : "", u[i]);
}

static void typealiases(FILE *f)
{
	int bits;

	for (bits = 8; bits <= 64; bits *= 2)
		fprintf(f, "typealias integer { size = %d; align = 8; "
			"signed = false; } := uint%d_t;\n"
			"typealias integer { size = %d; align = 8; "
			"signed = true; } := int%d_t;\n"
			"typealias integer { size = %d; align = 8; "
			"signed = false; base = 16; } := xint%d_t;\n",
			bits, bits, bits, bits, bits, bits);
	fprintf(f, "typealias integer { size = 64; align = 8; signed = false; "
		"map = clock.tsc.value; } := tsc_t;\n\n");
}

static void trace_block(FILE *f, const struct ctf_meta *m)
{
	fprintf(f, "trace {\n\tmajor = 1;\n\tminor = 8;\n\tuuid = \"");
	uuid_str(f, m->uuid);
	fprintf(f, "\";\n\tbyte_order = le;\n"
		"\tpacket.header := struct {\n"
		"\t\tuint32_t magic;\n"
		"\t\tuint8_t  uuid[16];\n"
		"\t\tuint32_t stream_id;\n"
		"\t\tuint64_t stream_instance_id;\t/* the CPU */\n"
		"\t};\n};\n\n");
}

/* env: what run the trace is of, for a reader's eyes. */
static void env_block(FILE *f, const struct ctf_meta *m,
		      const struct export_src *src)
{
	const struct mmt_file_header *h = &src->header;
	char buf[512], id[2 * MMT_BUILD_ID_SIZE + 1];
	const char *era = names_of(&names_era, m->boot.era);
	const char *bug = names_of(&names_bug, m->boot.bug);

	fprintf(f, "env {\n\tdomain = \"mmscope\";\n\ttracer_name = "
		"\"mmscope\";\n\ttracer_version = \"%s\";\n\ttrace_format = "
		"%d;\n\tsource = ", util_version, MMT_VERSION);
	tsdl_str(f, src->path);
	fprintf(f, ";\n\tcreated = %" PRIu64 ";\n\tkernel = ", h->created);
	tsdl_str(f, mmtfile_str(h->kernel_path, sizeof h->kernel_path, buf));
	fprintf(f, ";\n\tkernel_build_id = \"%s\";\n\tcmdline = ",
		util_hexstr(h->build_id, MMT_BUILD_ID_SIZE, id));
	tsdl_str(f, mmtfile_str(h->cmdline, sizeof h->cmdline, buf));
	fprintf(f, ";\n");
	if (m->have_boot) {
		snprintf(buf, sizeof buf, "%.*s", MMT_SCEN_NAME,
			 m->boot.scenario);
		fprintf(f, "\ttrace_name = ");
		tsdl_str(f, buf);
		fprintf(f, ";\n\tscenario = ");
		tsdl_str(f, buf);
		fprintf(f, ";\n\tera = \"%s\";\n\tbug = \"%s\";\n\tsmp = %u;\n",
			era ? era : "unknown", bug ? bug : "unknown",
			m->boot.smp);
	}
	if (m->have_stream)
		fprintf(f, "\tncpu = %u;\n\ttsc_khz = %u;\n", m->stream.ncpu,
			m->stream.tsc_khz);
	fprintf(f, "};\n\n");
}

/* The TSC, shared by all CPUs: cycles since the machine started, which
 * was about when the trace file was created. */
static void clock_block(FILE *f, const struct ctf_meta *m,
		       const struct export_src *src)
{
	uint32_t khz = m->have_stream ? m->stream.tsc_khz : 0;

	fprintf(f, "clock {\n\tname = \"tsc\";\n\tuuid = \"");
	uuid_str(f, m->uuid);
	fprintf(f, "\";\n\tdescription = \"%s\";\n\tfreq = %" PRIu64 ";\n"
		"\tprecision = %u;\n\toffset_s = %" PRIu64 ";\n\toffset = 0;\n"
		"\tabsolute = FALSE;\n};\n\n", khz ? "TSC of the traced "
		"machine, shared by its CPUs; 0 at its reset" : "TSC of the "
		"traced machine; its rate is not known: 1 GHz is assumed",
		khz ? (uint64_t)khz * 1000 : (uint64_t)1000000000,
		1u << (m->have_stream ? m->stream.tsc_shift : 4),
		src->header.created);
}

static int cmp_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* name: an enumeration of the addresses in a, labelled with their
 * symbols; a hex number when no address has one. */
static void addr_type(FILE *f, const struct ctf_addrs *a,
		      struct symtab *syms, const char *name)
{
	uint64_t *k = malloc((a->n + 1) * sizeof *k);
	const char *sym;
	size_t i, n = 0, named = 0;

	for (i = 0; k && i < a->cap; i++)
		if (a->key[i])
			k[n++] = a->key[i] - 1;
	qsort(k, n, sizeof *k, cmp_key);
	for (i = 0; i < n; i++) {
		sym = sym_lookup(syms, (uint32_t)k[i], (int)(k[i] >> 32));
		if (!sym)
			continue;
		fprintf(f, "%s", named++ ? ",\n\t" :
			"typealias enum : xint32_t {\n\t");
		tsdl_str(f, sym);
		fprintf(f, " = 0x%08" PRIx32, (uint32_t)k[i]);
	}
	if (named)
		fprintf(f, "\n} := %s;\n\n", name);
	else
		fprintf(f, "typealias xint32_t := %s;\n\n", name);
	free(k);
}

static void stream_block(FILE *f)
{
	fprintf(f, "stream {\n\tid = 0;\n\tpacket.context := struct "
		   "{\n\t\ttsc_t    timestamp_begin;\n\t\ttsc_t    "
		   "timestamp_end;\n\t\tuint64_t content_size;\n\t\tuint64_t "
		   "packet_size;\n\t\tuint64_t packet_seq_num;\n\t\tuint64_t "
		   "events_discarded;\t/* lost so far on this CPU "
		   "*/\n\t\tuint32_t cpu_id;\n\t};\n\tevent.header := struct "
		   "{\n\t\tuint8_t  id;\t\t/* the record type */\n\t\ttsc_t    "
		   "timestamp;\n\t};\n};\n\n");
}

/* An enumeration of t's names on an integer of width bytes. */
static void enum_type(FILE *f, const struct nametab *t, unsigned width)
{
	unsigned v, k = 0;

	fprintf(f, "enum : uint%u_t { ", 8 * width);
	for (v = 0; v < t->n; v++)
		if (t->names[v])
			fprintf(f, "%s\"%s\" = %u", k++ ? ", " : "",
				t->names[v], v);
	fprintf(f, " }");
}

/* Every combination of the named bits, each as names_flags names it. */
static void flags_type(FILE *f, const struct flagname *fl, unsigned width)
{
	unsigned nbits = 0, combo, i;
	uint32_t v;
	char buf[256];

	while (fl[nbits].name)
		nbits++;
	if (nbits > FLAG_BITS_MAX) {
		fprintf(f, "xint%u_t", 8 * width);
		return;
	}
	fprintf(f, "enum : xint%u_t { ", 8 * width);
	for (combo = 0; combo < 1u << nbits; combo++) {
		for (v = 0, i = 0; i < nbits; i++)
			if (combo >> i & 1)
				v |= fl[i].bit;
		fprintf(f, "%s\"%s\" = 0x%" PRIx32, combo ? ", " : "",
			names_flags(buf, sizeof buf, v, fl), v);
	}
	fprintf(f, " }");
}

static void field_decl(FILE *f, const struct field *fd)
{
	unsigned bits = 8 * fd->width;

	fprintf(f, "\t\t");
	switch (fd->kind) {
	case FK_INT:	fprintf(f, "int%u_t %s;\n", bits, fd->name); return;
	case FK_HEX:	fprintf(f, "xint%u_t %s;\n", bits, fd->name); return;
	case FK_RET:	fprintf(f, "caller_t %s;\n", fd->name); return;
	case FK_EIP:	fprintf(f, "eip_t %s;\n", fd->name); return;
	case FK_STR:	fprintf(f, "string %s;\n", fd->name); return;
	case FK_BYTES:
		fprintf(f, "xint8_t %s[%u];\n", fd->name, fd->width);
		return;
	case FK_ENUM:	enum_type(f, fd->tab, fd->width); break;
	case FK_FLAGS:	flags_type(f, fd->tab, fd->width); break;
	default:	fprintf(f, "uint%u_t", bits);
	}
	fprintf(f, " %s;\n", fd->name);
}

static void event_class(FILE *f, unsigned type)
{
	const struct layout *l = &field_layouts[type];
	unsigned i;

	fprintf(f, "event {\n\tname = \"%s\";\n\tid = %u;\n\tstream_id = 0;\n"
		"\tfields := struct {\n", mmt_type_name(type), type);
	for (i = 0; i < l->nfields; i++)
		field_decl(f, &l->fields[i]);
	if (l->text)
		fprintf(f, "\t\tstring %s;\n", l->text);
	fprintf(f, "\t};\n};\n\n");
}

int ctf_write_metadata(FILE *f, const struct ctf_meta *m,
		       const struct export_src *src)
{
	unsigned type;

	fprintf(f, "/* CTF 1.8 */\n\n/*\n * An mmscope trace (env.source), "
		"exported by mmscope %s: one stream\n * per CPU; each event is "
		"one record of the mmscope trace format %d\n * "
		"(protocol/PROTOCOL.md), its fields named as `mmscope dump "
		"--json`\n * names them.\n */\n\n", util_version,
		MMT_VERSION);
	typealiases(f);
	trace_block(f, m);
	env_block(f, m, src);
	clock_block(f, m, src);
	addr_type(f, &m->callers, src->syms, "caller_t");
	addr_type(f, &m->eips, src->syms, "eip_t");
	stream_block(f);
	for (type = 0; type < 256; type++)
		if (mmt_type_name(type) && (field_layouts[type].nfields ||
					    field_layouts[type].text))
			event_class(f, type);
	return ferror(f) ? -1 : 0;
}
