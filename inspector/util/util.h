/*
 * util.h - small helpers every verb uses: messages in one format, number
 * parsing, clocks, and where the kernel ELF is by default.
 *
 * Messages go to stderr as "mmscope: ..." (errors) or
 * "mmscope: warning: ...", one line each.
 */
#ifndef MMSCOPE_UTIL_UTIL_H
#define MMSCOPE_UTIL_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* The version (SConstruct says it) and `git describe` of the build. */
extern const char util_version[];
extern const char util_describe[];

/* exit statuses shared by every verb */
#define EXIT_OK			0
#define EXIT_FAIL		1	/* the run or the check failed */
#define EXIT_USAGE		2	/* bad command line or unusable input */

/* The number of elements of an array (not a pointer). */
#define NELEM(a)		(sizeof(a) / sizeof((a)[0]))

void util_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void util_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parse a decimal number in [min, max]; 0 on success, -1 if it is not. */
int util_parse_ulong(const char *s, unsigned long min, unsigned long max,
		     unsigned long *out);

/* Monotonic time in nanoseconds. */
uint64_t util_now_ns(void);

/* bytes as lower-case hex into out (room for 2n + 1); returns out. */
char *util_hexstr(const uint8_t *b, size_t n, char *out);

/*
 * The kernel ELF to use when the user names none: $MMSCOPE_KERNEL, else
 * kernel/kernel.elf in the directory of the mmscope binary (the build
 * tree puts them at build/mmscope and build/kernel/kernel.elf), else
 * PREFIX/lib/mmscope/kernel.elf for a binary installed as
 * PREFIX/bin/mmscope (`scons install`).  When neither file exists, the
 * build tree's path, for the error message.
 */
const char *util_kernel_default(char *buf, size_t len);

/*
 * The directory of the running mmscope binary (symbolic links resolved),
 * or "." when the system does not say.  The build tree and an installed
 * tree are found relative to it, so an installed tree can be moved, or
 * staged under a DESTDIR, and still find its kernel and man pages.
 */
const char *util_exe_dir(char *buf, size_t len);

/* After a bad option: the first line of a verb's usage and a hint. */
void util_usage_hint(const char *usage);

/*
 * Allocation that cannot fail: out of memory aborts (mmscope keeps its
 * traces in memory and has nothing sane to do without it).  util_calloc
 * of 0 elements still returns a unique pointer.
 */
void *util_calloc(size_t n, size_t size);
char *util_strdup(const char *s);

/*
 * Open path to read it as what ("a trace file", "an expect file", ...),
 * without ever blocking in open(): a FIFO nobody writes to reads as
 * empty instead of hanging.  Regular files are accepted, and FIFOs and
 * pipes if pipes_ok (their reads end when the writer closes them);
 * directories, devices and sockets are refused.  Returns the descriptor
 * (O_CLOEXEC, blocking), or -1 with "path: problem" in err.
 */
int util_open_read(const char *path, const char *what, int pipes_ok,
		   char *err, size_t len);

/*
 * src (n bytes at most, or up to its NUL) into dst (len bytes) for a
 * terminal: control bytes as \xNN, so that text from a trace (a task's
 * name, a STAT's name, a path in a header) cannot move the cursor or
 * break a line.  Cut to fit; returns dst.
 */
char *util_printable(char *dst, size_t len, const char *src, size_t n);

/* Write all n bytes to fd; 0, or -1 with errno set. */
int util_write_full(int fd, const void *buf, size_t n);

#endif /* MMSCOPE_UTIL_UTIL_H */
