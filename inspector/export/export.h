/*
 * export.h - a trace written for other tools (`mmscope export`, in
 * export.c): CTF 1.8 for babeltrace2 and Trace Compass (ctf.c writes
 * the streams, ctfmeta.c the TSDL metadata), and Trace Event Format JSON
 * for ui.perfetto.dev and chrome://tracing (perfetto.c).
 *
 * Each exporter reads the trace itself, from the stream start on, and
 * returns an exit status (util.h EXIT_*) after saying what went wrong;
 * what it wrote is summed up in struct export_result.
 */
#ifndef MMSCOPE_EXPORT_H
#define MMSCOPE_EXPORT_H

#include <stdint.h>
#include "mmtrace.h"
#include "trace/symbols.h"

/* The trace being exported. */
struct export_src {
	const char *path;		/* the .mmt file, for messages */
	int fd;				/* open, positioned at its stream */
	struct mmt_file_header header;	/* its header */
	struct symtab *syms;		/* NULL: addresses stay numbers */
};

/* What an exporter wrote. */
struct export_result {
	uint64_t events;		/* trace events read */
	uint64_t written;	/* events (CTF) or JSON objects written */
	uint64_t bytes;			/* output bytes */
	uint64_t lost;			/* events the trace says were lost */
	unsigned files;			/* output files */
};

/* A CTF 1.8 trace in the directory dir (made here; it must not exist or
 * be empty): a metadata file and one stream file per CPU. */
int ctf_export(struct export_src *src, const char *dir,
	       struct export_result *res);

/* Trace Event Format JSON in the file out ("-": stdout). */
int perfetto_export(struct export_src *src, const char *out,
		    struct export_result *res);

#endif /* MMSCOPE_EXPORT_H */
