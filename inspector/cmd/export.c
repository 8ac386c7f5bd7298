/*
 * export.c - `mmscope export FILE --format ctf|perfetto -o OUT`: a
 * trace for other tools (export.h): a CTF 1.8 directory for babeltrace2
 * and Trace Compass, or Trace Event Format JSON for ui.perfetto.dev and
 * chrome://tracing.
 *
 * Callers are symbolised with the kernel ELF the trace names (or
 * --kernel), as dump does; without it they stay numbers.  One line on
 * stderr says what was written.  Exit status 0 written, 1 the output
 * could not be written, 2 bad options or an unusable trace.
 */
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "export/export.h"
#include "trace/mmtfile.h"
#include "util/util.h"
#include "cmd/verbs.h"

const char cmd_export_usage[] =
"usage: mmscope export FILE --format ctf|perfetto -o OUT [--kernel ELF]\n"
"\n"
"Write the trace FILE for other tools:\n"
"\n"
"  --format ctf       a CTF 1.8 trace in the directory OUT (made; if it\n"
"                     exists it must be empty): `babeltrace2 OUT` prints\n"
"                     it, Trace Compass opens it as a generic CTF trace\n"
"  --format perfetto  Trace Event Format JSON in the file OUT ('-':\n"
"                     stdout) for ui.perfetto.dev and chrome://tracing:\n"
"                     the task on each CPU, mm_users and mm_count of each\n"
"                     mm, mm_alloc, mm_free, exec, leave_mm and the\n"
"                     checker's violations\n"
"  -o, --output OUT   where to write\n"
"  --kernel ELF       symbolise callers with ELF instead of the kernel\n"
"                     named in FILE\n"
"\n"
"Exit status: 0 written, 1 OUT could not be written, 2 bad options or\n"
"FILE is not a usable trace.\n";

#define FMT_CTF		1
#define FMT_PERFETTO	2

struct export_opts {
	const char *path;		/* the trace */
	const char *out;		/* -o */
	const char *kernel;		/* --kernel, or NULL */
	int format;			/* FMT_* */
};

static int export_args(int argc, char **argv, struct export_opts *o)
{
	static const struct option lo[] = {
		{ "format", 1, 0, 'f' }, { "output", 1, 0, 'o' },
		{ "kernel", 1, 0, 'k' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 }
	};
	int c;

	optind = 0;		/* a verb may run more than once (tests) */
	while ((c = getopt_long(argc, argv, "f:o:h", lo, NULL)) != -1) {
		switch (c) {
		case 'f':
			o->format = !strcmp(optarg, "ctf")	  ? FMT_CTF
				    : !strcmp(optarg, "perfetto") ? FMT_PERFETTO
								  : -1;
			if (o->format < 0) {
				util_err("export: unknown format '%s' (ctf or "
				       "perfetto)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'o': o->out = optarg; break;
		case 'k': o->kernel = optarg; break;
		case 'h': fputs(cmd_export_usage, stdout); return EXIT_OK;
		default: util_usage_hint(cmd_export_usage); return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !o->format || !o->out) {
		util_err("export: %s",
			 optind < argc - 1 ? "one trace file, please"
			 : optind == argc ? "which trace? (mmscope export FILE "
					    "--format ctf|perfetto -o OUT)"
			 : !o->format	  ? "which format? (--format ctf or "
					    "--format perfetto)"
				      : "where to? (-o DIR for ctf, -o FILE "
					"for perfetto)");
		return EXIT_USAGE;
	}
	if (o->format == FMT_CTF && !strcmp(o->out, "-")) {
		util_err(
			"export: a CTF trace is a directory; name one with -o");
		return EXIT_USAGE;
	}
	o->path = argv[optind];
	return -1;
}

/*
 * Symbols: --kernel ELF, those the trace keeps, the ELF it names, or the
 * default.  What is wrong with the ELF goes to warn, said once something
 * is written.
 */
static struct symtab *export_symbols(const struct export_opts *o,
				     const struct mmt_file_header *h,
				     char *warn, size_t len)
{
	uint8_t id[MMT_BUILD_ID_SIZE];
	struct sym_choice c;
	struct symtab *st = sym_open_for_trace(o->path, h, o->kernel, &c);

	if (c.kept_err[0])
		util_warn("%s; using the kernel ELF instead", c.kept_err);
	if (!st) {
		snprintf(warn, len, "%s; exported addresses without symbols "
			 "(--kernel ELF names another)", c.err);
		return NULL;
	}
	if (c.elf[0] && sym_build_id(st, id) &&
	    memcmp(id, h->build_id, sizeof id) &&
	    memcmp(h->build_id, (uint8_t[MMT_BUILD_ID_SIZE]){ 0 }, sizeof id))
		snprintf(warn, len, "%s: the trace was recorded with another "
			 "build of %s: symbols may be wrong", o->path, c.elf);
	return st;
}

/* One line on stderr: what was written (bytes: unless to a pipe). */
static void summary(const struct export_opts *o,
		    const struct export_result *res)
{
	fprintf(stderr, "mmscope: exported %" PRIu64 " events of %s to %s: %"
		PRIu64 " %s, %u file%s", res->events, o->path,
		strcmp(o->out, "-") ? o->out : "stdout", res->written,
		o->format == FMT_CTF ? "CTF events" : "JSON trace events",
		res->files, res->files == 1 ? "" : "s");
	if (res->bytes)
		fprintf(stderr, ", %" PRIu64 " bytes", res->bytes);
	fputc('\n', stderr);
}

int cmd_export(int argc, char **argv)
{
	struct export_opts o = { 0 };
	struct export_src src = { 0 };
	struct export_result res = { 0 };
	char msg[PATH_MAX + 256], warn[PATH_MAX + 256] = "";
	int rc;

	if ((rc = export_args(argc, argv, &o)) >= 0)
		return rc;
	src.path = o.path;
	if ((src.fd = mmtfile_open(o.path, &src.header, msg, sizeof msg)) < 0) {
		util_err("%s", msg);
		return EXIT_USAGE;
	}
	src.syms = export_symbols(&o, &src.header, warn, sizeof warn);
	rc = o.format == FMT_CTF ? ctf_export(&src, o.out, &res) :
				   perfetto_export(&src, o.out, &res);
	if (rc == EXIT_OK && *warn)
		util_warn("%s", warn);
	if (rc == EXIT_OK)
		summary(&o, &res);
	if (rc == EXIT_OK && res.lost)
		fprintf(stderr, "mmscope: %s lost %" PRIu64 " events; %s\n",
			o.path, res.lost, o.format == FMT_CTF ? "babeltrace2 "
			"reports them as discarded events" : "the export has "
			"what is left");
	sym_close(src.syms);
	close(src.fd);
	return rc;
}
