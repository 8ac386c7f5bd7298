/*
 * print.h - one event or diagnostic as a line of text or of JSON, the
 * output of `mmscope dump` (and the PANIC and END reports of `record`).
 *
 * Text, in the manner of perf script:
 *	      n [cpu]      time_us      seq  event        fields
 *	     12 [000]       45.120       12  mmget        mm=3 users 1->2 count 1 reason=clone_vm copy_mm+0x4a (fork.c:212)
 * Diagnostics are comment lines starting with '#'.
 *
 * JSON Lines: one object per event with n, cpu, seq, ts, time_us, type
 * and every field of the record by name (enumerations as names, flags as
 * "a|b", addresses as numbers with a "<field>_sym" string beside them);
 * one object per diagnostic with a "diag" key.
 */
#ifndef MMSCOPE_TRACE_PRINT_H
#define MMSCOPE_TRACE_PRINT_H

#include <stdint.h>
#include <stdio.h>
#include "trace/decode.h"
#include "trace/symbols.h"

struct field;			/* trace/fields.h */

struct printer {
	FILE *out;
	int json;			/* JSON Lines instead of text */
	int raw;			/* also each record's bytes in hex */
	struct symtab *syms;		/* NULL: addresses stay numbers */
	uint32_t tsc_khz;		/* 0: times are shown in TSC cycles */
	uint64_t base_off;		/* file offset of stream offset 0 */
	int have_t0;
	uint64_t t0;			/* ts of the first event printed */
	uint64_t n;			/* number of the next event printed */
	/* JSON: writes more ",\"key\":value" pairs into an event's object */
	void (*extra)(void *arg, const struct mmt_event *ev);
	void *extra_arg;
	/*
	 * The name of mm id in event ev ("3", "3.2": model/lives.h), or
	 * NULL when it has none; with mm_names, how it is shown.
	 */
	const char *(*mm_name)(void *arg, const struct mmt_event *ev,
			       unsigned id);
	void *mm_arg;
	int mm_names;			/* PRINT_NAMES_* */
};

/* printer.mm_names: what an mm field shows besides its id */
#define PRINT_NAMES_ADD		1	/* a field "X_name" beside each mm
					   field X: in JSON always, in text
					   where the name is not the id */
#define PRINT_NAMES_REPLACE	2	/* text: the name instead of the id */

/* The column header of the text format (nothing for JSON). */
void print_header(struct printer *p);

void print_event(struct printer *p, const struct mmt_event *ev);

/*
 * Only the fields of the text form, as they follow the event's name
 * (" mm=3 users 1->2 count 1 reason=clone_vm copy_mm+0x4a (fork.c:212)"),
 * without a newline: the TUI's event rows.
 */
void print_fields(struct printer *p, const struct mmt_event *ev);
void print_diag(struct printer *p, const struct mmt_diag *dg);

/* The text of a diagnostic without the leading "# " (file offsets are
 * p->base_off + the stream offset). */
void print_diag_text(struct printer *p, const struct mmt_diag *g, char *buf,
		     size_t len);

/* Any other remark: "# text" or {"diag": kind, "message": text}. */
void print_note(struct printer *p, const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The conversions print.c and fastprint.c share.  print_event_time: the
 * time of ts from the first event printed (which sets it), in
 * microseconds, or cycles without a TSC rate.  print_addr_sym: the
 * symbol of the address field f of rec, or NULL (no symbols, or none
 * there).  print_mm_name: the name of the mm id in field f of ev, or NULL
 * (no names asked for, or f is not an mm).
 */
double print_event_time(struct printer *p, uint64_t ts);
const char *print_addr_sym(struct printer *p, const struct field *f,
			   const uint8_t *rec);
const char *print_mm_name(struct printer *p, const struct mmt_event *ev,
			  const struct field *f, unsigned id);

/* s[0..n) quoted for text ("...", \xNN escapes) or for JSON. */
void print_quoted(FILE *f, const char *s, size_t n, int json);

#endif /* MMSCOPE_TRACE_PRINT_H */
