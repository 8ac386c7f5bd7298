/*
 * fuzz_mmtfile.c - fuzz target: a .mmt trace file read the way dump and
 * check read one (tl_load: the header, the stream, the event log, the
 * model and the checker; the symbols and sources its sections keep),
 * then every event and note printed as text or JSON through those
 * symbols, every finding printed, and the model sought back to the
 * middle (from a snapshot).
 *
 * The input is the whole file.  Seeds: tests/fuzz/mmtfile/ (small real
 * traces).  Crashes found: tests/fuzz/mmtfile/regress/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "model/timeline.h"
#include "trace/print.h"
#include "trace/symbols.h"

static FILE *devnull;

/* The input as a file of its own: an anonymous one, named by /proc. */
static int as_file(const uint8_t *data, size_t size, char *path, size_t len)
{
	int fd = memfd_create("fuzz.mmt", MFD_CLOEXEC);

	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		abort();
	snprintf(path, len, "/proc/self/fd/%d", fd);
	return fd;
}

static void print_all(struct timeline *tl, struct symtab *syms, int json)
{
	struct printer pr = { .out = devnull, .json = json, .raw = json,
			      .syms = syms };
	const struct evlog_note *notes;
	struct evlog_iter it;
	struct mmt_event ev;
	size_t nn, i = 0;

	notes = evlog_notes(tl->log, &nn);
	print_header(&pr);
	evlog_iter_init(&it, tl->log, 0);
	while (evlog_next(&it, &ev)) {
		for (; i < nn && notes[i].n <= ev.n; i++)
			print_diag(&pr, &notes[i].dg);
		print_event(&pr, &ev);
	}
	for (; i < nn; i++)
		print_diag(&pr, &notes[i].dg);
	for (i = 0; i < tl->found.nv; i++) {
		violation_print(devnull, &tl->found.v[i], syms, "");
		violation_json(devnull, &tl->found.v[i], syms);
	}
	for (i = 0; i < tl->found.ns; i++)
		suspension_print(devnull, &tl->found.s[i], "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timeline *tl = tl_new(64);
	struct symtab *syms;
	char path[64], err[512];
	int fd = as_file(data, size, path, sizeof path);

	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	if (!tl)
		abort();
	if (tl_load(tl, path, err, sizeof err) == 0) {
		syms = sym_open_trace(path, &tl->header, err, sizeof err);
		print_all(tl, syms, size & 1);
		sym_close(syms);
		tl_seek(tl, tl->tail, evlog_count(tl->log) / 2);
	}
	close(fd);
	tl_free(tl);
	return 0;
}
