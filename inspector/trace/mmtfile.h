/*
 * mmtfile.h - the .mmt trace file header (PROTOCOL.md 4).
 *
 * A trace file is struct mmt_file_header followed by the COM2 byte stream
 * exactly as it arrived.  mmtfile_open() checks the header and leaves the
 * file positioned at the stream; every problem becomes one message that
 * names the file and says what is wrong and what to do.
 */
#ifndef MMSCOPE_TRACE_MMTFILE_H
#define MMSCOPE_TRACE_MMTFILE_H

#include <stddef.h>
#include <stdint.h>
#include "mmtrace.h"

/* mmtfile_check() results */
#define MMTF_OK		0
#define MMTF_SHORT	1	/* fewer bytes than a header */
#define MMTF_MAGIC	2	/* not a trace at all */
#define MMTF_SWAPPED	3	/* a trace in the other byte order */
#define MMTF_VERSION	4	/* written by a newer mmscope */
#define MMTF_BADSIZE	5	/* header_size smaller than a header */

/*
 * Check the first got bytes of a file (got may be less than a header).
 * Returns MMTF_* and, unless OK, writes "path: problem" into msg.
 */
int mmtfile_check(const struct mmt_file_header *h, size_t got,
		  const char *path, char *msg, size_t msglen);

/*
 * Open path (a regular file, or a pipe: never a hang on a FIFO nobody
 * writes), read and check its header into *h, and skip to the stream.
 * Returns the file descriptor, or -1 with "path: problem" in msg.
 */
int mmtfile_open(const char *path, struct mmt_file_header *h,
		 char *msg, size_t msglen);

/* Fill a header for a new trace; strings are cut to fit. */
void mmtfile_header_init(struct mmt_file_header *h, const char *kernel_path,
			 const uint8_t build_id[MMT_BUILD_ID_SIZE],
			 const char *cmdline, const char *qemu_args);

/* Write h at the start of fd.  Returns 0, or -1 with errno set. */
int mmtfile_write_header(int fd, const struct mmt_file_header *h);

/*
 * The sections of trace path (PROTOCOL.md 4.1: between its header h and
 * its stream), malloc'ed, their length in *len.  NULL when it has none
 * (err ""), or when they cannot be read ("path: problem" in err).
 */
void *mmtfile_sections(const char *path, const struct mmt_file_header *h,
		       size_t *len, char *err, size_t errlen);

/*
 * Give trace path these sections (len bytes, at most MMT_SEC_MAX, a
 * multiple of 4), in place of any it has: the file is written anew
 * beside it and renamed over it, so a failure leaves it as it was.
 * Returns 0, or -1 with "path: problem" in err.
 */
int mmtfile_put_sections(const char *path, const void *sec, size_t len,
			 char *err, size_t errlen);

/* A header string field as a C string (it may lack its NUL). */
const char *mmtfile_str(const char *field, size_t size, char *buf);

#endif /* MMSCOPE_TRACE_MMTFILE_H */
