/*
 * mmtfile.c - .mmt header write, read and validation, see mmtfile.h.
 *
 * The header is read with one read() of its size; a file shorter than
 * that is a trace cut before its stream began (or not a trace at all,
 * which the magic decides when enough of it is there).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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

/* Skip n bytes of the header of a newer writer: seek, or read a pipe. */
static int skip(int fd, uint64_t n)
{
	char buf[4096];
	ssize_t k;

	if (!n || lseek(fd, n, SEEK_CUR) >= 0)
		return 0;
	if (errno != ESPIPE)
		return -1;
	for (; n; n -= k) {
		k = read_full(fd, buf, n < sizeof buf ? n : sizeof buf);
		if (k <= 0)
			return k;	/* the end: an empty stream */
	}
	return 0;
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
	if (skip(fd, h->header_size - sizeof *h) < 0) {
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
