/*
 * gdbstub_int.h - what gdbstub.c, gdbreq.c and gdbstart.c share: the request
 * queue.  Not for other files (they use gdbstub.h).
 */
#ifndef MMSCOPE_TARGET_GDBSTUB_INT_H
#define MMSCOPE_TARGET_GDBSTUB_INT_H

#include "target/gdbstub.h"

struct gdb_req {
	struct gdb_req *next;
	int resume;			/* c, s, vCont: a stop reply answers */
	int stop_ok;			/* '?': its reply is a stop reply too */
	gdb_reply_fn fn;		/* plain: the reply */
	gdb_stop_fn stop_fn;		/* resume: the stop */
	void *arg;
	uint32_t a, b;			/* the request's own (an offset, a length) */
	size_t len;
	char pkt[];			/* the framed packet */
};

/* Queue body for sending; NULL (and the connection failed) if no memory. */
struct gdb_req *gdb_enqueue(struct gdb *g, const char *body, size_t n,
			    gdb_reply_fn fn, void *arg);

/* Queue a resume (c, s, vCont...): fn gets the stop reply. */
void gdb_enqueue_resume(struct gdb *g, const char *body, gdb_stop_fn fn,
			void *arg);

/* Parse a stop reply; 0, or -1 if body is not one. */
int gdb_parse_stop(const char *body, struct gdb_stop *s);

/* The err a reply means: E.. GDB_EFAULT, "" GDB_EUNSUPP, else GDB_OK. */
int gdb_reply_err(const char *body, size_t len);

#endif /* MMSCOPE_TARGET_GDBSTUB_INT_H */
