/*
 * writer.h - a trace file written while its run goes on: the file
 * header first, then every COM2 byte appended the moment it arrives, so
 * a run that dies leaves a trace valid up to its last complete frame;
 * the console (COM1) goes beside it, to FILE.log.
 *
 * `record` writes one; so does `run --record FILE` while the TUI shows
 * the same bytes.
 *
 *	writer_open(&w, path, NULL, err, len);	// FILE and FILE.log
 *	writer_header(&w, kernel, syms, cmdline, &q);	// after qemu_start
 *	writer_stream(&w, buf, n);		// as COM2 bytes arrive
 *	writer_console(&w, buf, n);		// as COM1 bytes arrive
 *	writer_close(&w);
 *	writer_keep_symbols(path, syms, &kept, err, len);	// the run is over
 */
#ifndef MMSCOPE_RUN_WRITER_H
#define MMSCOPE_RUN_WRITER_H

#include <stddef.h>
#include <stdio.h>
#include "run/qemu.h"
#include "trace/symbols.h"

struct writer {
	const char *path;		/* the trace */
	int fd;				/* the trace, -1: not open */
	FILE *console;			/* COM1: FILE.log, stderr, or NULL */
};

/*
 * Create the trace path and its console log: console NULL is
 * path.log, "-" is stderr.  An older trace at path is kept as path.old
 * (perf's habit), with a word on stderr; a console that is the trace
 * itself is refused.  Returns 0, or -1 with "file: problem" in err.
 */
int writer_open(struct writer *w, const char *path, const char *console,
		char *err, size_t len);

/*
 * Write the file header: the kernel (its real path and build id), the
 * kernel command line, QEMU's options and the transport (flag
 * MMT_FILE_VIRTIO).  0, or -1 with errno set.
 */
int writer_header(struct writer *w, const char *kernel, struct symtab *syms,
		  const char *cmdline, const struct qemu *q);

/* Append stream bytes.  0, or -1 with errno set (disk full, ...). */
int writer_stream(struct writer *w, const void *buf, size_t n);

/* Append console bytes (flushed at once: a crash loses nothing). */
void writer_console(struct writer *w, const void *buf, size_t n);

void writer_close(struct writer *w);

/* What writer_keep_symbols kept in a trace. */
struct writer_kept {
	size_t addrs;			/* kernel addresses of the stream */
	unsigned files, lines;		/* SRC sections, and their lines */
	size_t bytes;			/* of sections in all */
};

/*
 * Once a run is over: keep in the trace path what reading it needs of
 * the kernel ELF syms, the symbol and line of every address its stream
 * holds and the source lines around them (PROTOCOL.md 4.1), so that
 * dump, check and replay need no ELF.  0, or -1 with "path: problem" in
 * err (the trace is then as it was).
 */
int writer_keep_symbols(const char *path, struct symtab *syms,
			struct writer_kept *k, char *err, size_t len);

#endif /* MMSCOPE_RUN_WRITER_H */
