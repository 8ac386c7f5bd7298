/*
 * writer.c - a trace file and its console log written during a run; see
 * writer.h.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "trace/mmtfile.h"
#include "util/util.h"
#include "run/writer.h"

int writer_open(struct writer *w, const char *path, const char *console,
		char *err, size_t len)
{
	char log[PATH_MAX];

	w->path = path;
	w->console = NULL;
	w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (w->fd < 0) {
		snprintf(err, len, "%s: %m", path);
		return -1;
	}
	if (console && strcmp(console, "-") == 0) {
		w->console = stderr;
		return 0;
	}
	if (console)
		snprintf(log, sizeof log, "%s", console);
	else
		snprintf(log, sizeof log, "%s.log", path);
	w->console = fopen(log, "we");
	if (!w->console) {
		snprintf(err, len, "%s: %m", log);
		writer_close(w);
		return -1;
	}
	return 0;
}

int writer_header(struct writer *w, const char *kernel, struct symtab *syms,
		  const char *cmdline, const struct qemu *q)
{
	struct mmt_file_header h;
	uint8_t id[MMT_BUILD_ID_SIZE] = { 0 };
	char path[PATH_MAX], args[sizeof h.qemu_args];

	if (!realpath(kernel, path))
		snprintf(path, sizeof path, "%s", kernel);
	if (syms)
		sym_build_id(syms, id);
	qemu_args(q, args, sizeof args);
	mmtfile_header_init(&h, path, id, cmdline, args);
	if (q->virtio)
		h.flags |= MMT_FILE_VIRTIO;
	if (mmtfile_write_header(w->fd, &h) < 0 ||
	    lseek(w->fd, h.header_size, SEEK_SET) < 0)
		return -1;
	return 0;
}

int writer_stream(struct writer *w, const void *buf, size_t n)
{
	return util_write_full(w->fd, buf, n);
}

void writer_console(struct writer *w, const void *buf, size_t n)
{
	if (!w->console)
		return;
	fwrite(buf, 1, n, w->console);
	fflush(w->console);
}

void writer_close(struct writer *w)
{
	if (w->fd >= 0)
		close(w->fd);
	if (w->console && w->console != stderr)
		fclose(w->console);
	w->fd = -1;
	w->console = NULL;
}

int writer_keep_symbols(const char *path, struct symtab *syms,
			struct writer_kept *k, char *err, size_t len)
{
	struct sym_want *want;
	void *sec = NULL;
	int rc = -1;

	memset(k, 0, sizeof *k);
	if (sym_collect(path, &want, &k->addrs, err, len) < 0)
		return -1;
	sec = sym_sections(syms, want, k->addrs, MMT_SEC_MAX, &k->bytes,
			   &k->files, &k->lines);
	if (!sec)
		snprintf(err, len, "%s: the symbols of its %zu kernel addresses "
			 "do not fit in a trace's sections (%d bytes)", path,
			 k->addrs, MMT_SEC_MAX);
	else
		rc = mmtfile_put_sections(path, sec, k->bytes, err, len);
	free(sec);
	free(want);
	return rc;
}
