/*
 * mmtfile.c - .mmt header write, read and validation, see mmtfile.h.
 *
 * The header is read with one read() of its size; a file shorter than
 * that is a trace cut before its stream began (or not a trace at all,
 * which the magic decides when enough of it is there).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "trace/mmtfile.h"
#include "util/util.h"

int mmtfile_check(const struct mmt_file_header *h, size_t got,
		  const char *path, char *msg, size_t msglen)
{
	if (got >= sizeof h->magic && h->magic != MMT_FILE_MAGIC) {
		if (h->magic == __builtin_bswap32(MMT_FILE_MAGIC)) {
			snprintf(msg, msglen, "%s: trace written in the other "
				 "byte order (big-endian); mmscope reads "
				 "little-endian traces only", path);
			return MMTF_SWAPPED;
		}
		snprintf(msg, msglen, "%s: not an mmscope trace (no MMTF "
			 "magic); record one with 'mmscope record'", path);
		return MMTF_MAGIC;
	}
	if (got == 0) {
		snprintf(msg, msglen, "%s: empty file, not an mmscope trace",
			 path);
		return MMTF_SHORT;
	}
	if (got < sizeof *h) {
		snprintf(msg, msglen, "%s: truncated trace: header cut at "
			 "%zu of %zu bytes", path, got, sizeof *h);
		return MMTF_SHORT;
	}
	if (h->version > MMT_VERSION) {
		snprintf(msg, msglen, "%s: trace format version %u is newer "
			 "than this mmscope's (%u); use a newer mmscope",
			 path, h->version, MMT_VERSION);
		return MMTF_VERSION;
	}
	if (h->header_size < sizeof *h || h->version == 0) {
		snprintf(msg, msglen, "%s: damaged trace header (version %u, "
			 "header size %u)", path, h->version, h->header_size);
		return MMTF_BADSIZE;
	}
	return MMTF_OK;
}

/* read() until n bytes or end of file. */
static ssize_t read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;
	ssize_t k;

	while (got < n) {
		k = read(fd, (char *)buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		got += k;
	}
	return got;
}

/*
 * The sections of the last trace read from a pipe.  mmtfile_open reads
 * through them to reach the stream, and a pipe cannot be read again (nor
 * pread: "Illegal seek"), so mmtfile_sections gives these for that path.
 */
static struct {
	char path[PATH_MAX];		/* as mmtfile_open was given it */
	void *sec;			/* malloc'ed; NULL: none */
	size_t len;			/* bytes in sec */
} piped;

/* Read the n bytes of sections of the pipe fd (path) into piped. */
static int read_piped(int fd, const char *path, uint64_t n)
{
	ssize_t got;

	free(piped.sec);
	piped.sec = malloc(n);
	piped.len = 0;
	snprintf(piped.path, sizeof piped.path, "%s", path);
	if (!piped.sec)
		return -1;
	got = read_full(fd, piped.sec, n);
	if (got < 0)
		return -1;
	piped.len = got;	/* short: the end, an empty stream */
	return 0;
}

/* Skip the n bytes of sections after the header: seek, or read a pipe. */
static int skip(int fd, const char *path, uint64_t n)
{
	if (!n || lseek(fd, n, SEEK_CUR) >= 0)
		return 0;
	if (errno != ESPIPE)
		return -1;
	return read_piped(fd, path, n);
}

int mmtfile_open(const char *path, struct mmt_file_header *h,
		 char *msg, size_t msglen)
{
	struct stat st;
	ssize_t got;
	int fd;

	memset(h, 0, sizeof *h);
	fd = util_open_read(path, "a trace file", 1, msg, msglen);
	if (fd < 0)
		return -1;
	got = read_full(fd, h, sizeof *h);
	if (got < 0) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		goto bad;
	}
	if (!got && !fstat(fd, &st) && S_ISFIFO(st.st_mode)) {
		snprintf(msg, msglen, "%s: a pipe nobody wrote to, not a "
			 "trace; name a trace file", path);
		goto bad;
	}
	if (mmtfile_check(h, got, path, msg, msglen) != MMTF_OK)
		goto bad;
	if (skip(fd, path, h->header_size - sizeof *h) < 0) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		goto bad;
	}
	return fd;
bad:
	close(fd);
	return -1;
}

static void strfield(char *dst, size_t size, const char *src)
{
	memset(dst, 0, size);
	if (src)
		strncpy(dst, src, size - 1);
}

void mmtfile_header_init(struct mmt_file_header *h, const char *kernel_path,
			 const uint8_t build_id[MMT_BUILD_ID_SIZE],
			 const char *cmdline, const char *qemu_args)
{
	memset(h, 0, sizeof *h);
	h->magic = MMT_FILE_MAGIC;
	h->version = MMT_VERSION;
	h->header_size = sizeof *h;
	h->created = time(NULL);
	if (build_id)
		memcpy(h->build_id, build_id, MMT_BUILD_ID_SIZE);
	strfield(h->kernel_path, sizeof h->kernel_path, kernel_path);
	strfield(h->cmdline, sizeof h->cmdline, cmdline);
	strfield(h->qemu_args, sizeof h->qemu_args, qemu_args);
}

int mmtfile_write_header(int fd, const struct mmt_file_header *h)
{
	const char *p = (const char *)h;
	size_t left = sizeof *h;
	ssize_t k;

	while (left) {
		k = pwrite(fd, p, left, sizeof *h - left);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		p += k;
		left -= k;
	}
	return 0;
}

const char *mmtfile_str(const char *field, size_t size, char *buf)
{
	size_t n = strnlen(field, size);

	memcpy(buf, field, n);
	buf[n] = '\0';
	return buf;
}

/* The n bytes of sections mmtfile_open read from a pipe, malloc'ed;
 * *got as pread would say it. */
static void *from_pipe(size_t n, ssize_t *got)
{
	void *buf;

	*got = piped.len;
	if (piped.len != n)		/* the pipe ended inside them */
		return NULL;
	if (!(buf = malloc(n))) {
		*got = -1;
		errno = ENOMEM;
		return NULL;
	}
	return memcpy(buf, piped.sec, n);
}

void *mmtfile_sections(const char *path, const struct mmt_file_header *h,
		       size_t *len, char *err, size_t errlen)
{
	size_t n = h->header_size > sizeof *h ? h->header_size - sizeof *h : 0;
	void *buf = NULL;
	ssize_t got = -1;
	int fd;

	*len = 0;
	err[0] = '\0';
	if (!n)
		return NULL;
	if (piped.sec && !strcmp(path, piped.path)) {
		buf = from_pipe(n, &got);
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		if ((buf = malloc(n)))
			got = pread(fd, buf, n, sizeof *h);
		close(fd);
	}
	if (got != (ssize_t)n) {
		snprintf(err, errlen, "%s: %s", path, got < 0 ?
			 strerror(errno) : "the file ends inside its sections");
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* Copy from fd at offset off to its end into out. */
static int copy_rest(int fd, off_t off, int out)
{
	char buf[1 << 16];
	ssize_t k;
	size_t done;

	while ((k = pread(fd, buf, sizeof buf, off)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		for (done = 0; done < (size_t)k;) {
			ssize_t w = write(out, buf + done, k - done);

			if (w < 0 && errno != EINTR)
				return -1;
			done += w > 0 ? w : 0;
		}
		off += k;
	}
	return 0;
}

int mmtfile_put_sections(const char *path, const void *sec, size_t len,
			 char *err, size_t errlen)
{
	struct mmt_file_header h;
	char tmp[PATH_MAX];
	struct stat sb;
	int fd, out = -1, made = 0, rc = -1, closed;

	if (len > MMT_SEC_MAX || len % 4) {
		snprintf(err, errlen, "%s: %zu bytes of sections, not a "
			 "multiple of 4 up to %d", path, len, MMT_SEC_MAX);
		return -1;
	}
	if ((fd = mmtfile_open(path, &h, err, errlen)) < 0)
		return -1;
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	if (fstat(fd, &sb) < 0 || (out = mkstemp(tmp)) < 0)
		goto done;
	made = 1;
	h.header_size = sizeof h + len;
	if (fchmod(out, sb.st_mode & 07777) < 0 ||
	    mmtfile_write_header(out, &h) < 0 ||
	    pwrite(out, sec, len, sizeof h) != (ssize_t)len ||
	    lseek(out, h.header_size, SEEK_SET) < 0 ||
	    copy_rest(fd, lseek(fd, 0, SEEK_CUR), out) < 0)
		goto done;
	closed = close(out);
	out = -1;
	if (closed < 0 || rename(tmp, path) < 0)
		goto done;
	rc = 0;
done:
	if (rc < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (out >= 0)
			close(out);
		if (made)
			unlink(tmp);
	}
	close(fd);
	return rc;
}
