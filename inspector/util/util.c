/*
 * util.c - messages, parsing, clocks, default paths; see util.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "util/util.h"

char *util_printable(char *dst, size_t len, const char *src, size_t n)
{
	const unsigned char *p = (const unsigned char *)src;
	size_t at = 0, i;

	for (i = 0; i < n && p[i] && at + 5 <= len; i++)
		if (p[i] < 0x20 || p[i] == 0x7f)
			at += snprintf(dst + at, len - at, "\\x%02x", p[i]);
		else
			dst[at++] = p[i];
	if (len)
		dst[at < len ? at : len - 1] = '\0';
	return dst;
}

/*
 * One message line.  Its parts may come from a trace (a task's name, a
 * kernel path from a header): control bytes are written as \xNN, so
 * that none reaches the terminal and a message stays one line.
 */
static void vmsg(const char *kind, const char *fmt, va_list ap)
{
	char line[2048], safe[4 * sizeof line];

	vsnprintf(line, sizeof line, fmt, ap);
	fflush(stdout);
	fprintf(stderr, "mmscope: %s%s\n", kind,
		util_printable(safe, sizeof safe, line, sizeof line));
}

void util_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void util_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

int util_parse_ulong(const char *s, unsigned long min, unsigned long max,
		     unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

uint64_t util_now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + t.tv_nsec;
}

char *util_hexstr(const uint8_t *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
	return out;
}

const char *util_exe_dir(char *buf, size_t len)
{
	char exe[PATH_MAX], *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n < 0)
		n = 0;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	snprintf(buf, len, "%s", slash ? (*exe ? exe : "/") : ".");
	return buf;
}

/* What a file of mode m is, for a message; NULL for a regular file. */
static const char *file_kind(mode_t m)
{
	return S_ISREG(m) ? NULL : S_ISDIR(m) ? "a directory" :
	       S_ISFIFO(m) ? "a FIFO (named pipe)" :
	       S_ISCHR(m) ? "a character device" :
	       S_ISBLK(m) ? "a block device" :
	       S_ISSOCK(m) ? "a socket" : "not a regular file";
}

int util_open_read(const char *path, const char *what, int pipes_ok,
		   char *err, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	const char *kind;
	struct stat st;

	if (fd < 0) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	kind = file_kind(st.st_mode);
	if (kind && !(pipes_ok && S_ISFIFO(st.st_mode))) {
		snprintf(err, len, "%s: %s, not %s; name a regular file", path,
			 kind, what);
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

const char *util_kernel_default(char *buf, size_t len)
{
	const char *env = getenv("MMSCOPE_KERNEL");
	char dir[PATH_MAX], *slash;

	if (env && *env) {
		snprintf(buf, len, "%s", env);
		return buf;
	}
	util_exe_dir(dir, sizeof dir);
	snprintf(buf, len, "%s/kernel/kernel.elf", dir);
	if (access(buf, F_OK) == 0)
		return buf;		/* the build tree */
	if ((slash = strrchr(dir, '/')))	/* PREFIX/bin: PREFIX */
		*slash = '\0';
	snprintf(buf, len, "%s/lib/mmscope/kernel.elf", dir);
	if (access(buf, F_OK) == 0)
		return buf;		/* installed: PREFIX/bin/mmscope */
	util_exe_dir(dir, sizeof dir);
	snprintf(buf, len, "%s/kernel/kernel.elf", dir);
	return buf;			/* neither: the build tree's */
}

int util_write_full(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	ssize_t k;

	while (n) {
		k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		p += k;
		n -= k;
	}
	return 0;
}

void util_usage_hint(const char *usage)
{
	const char *nl = strchr(usage, '\n');
	const char *verb = usage + strlen("usage: mmscope ");
	int n = nl ? nl - usage : (int)strlen(usage);

	fprintf(stderr, "%.*s\n(mmscope %.*s --help tells more)\n", n, usage,
		(int)strcspn(verb, " \n"), verb);
}

void *util_calloc(size_t n, size_t size)
{
	void *v = calloc(n ? n : 1, size);

	if (!v)
		abort();
	return v;
}

char *util_strdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		abort();
	return d;
}
