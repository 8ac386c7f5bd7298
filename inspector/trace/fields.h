/*
 * fields.h - every record type's fields by name, offset and kind, so that
 * dump, the expect language and the TUI's events can name any field
 * without one function per type.  The tables are written from mmtrace.h with offsetof
 * and checked against its struct sizes by tests/unit/test_names.c.
 */
#ifndef MMSCOPE_TRACE_FIELDS_H
#define MMSCOPE_TRACE_FIELDS_H

#include <stdint.h>
#include "trace/names.h"

/* field kinds */
enum field_kind {
	FK_UINT = 1,			/* unsigned decimal */
	FK_INT = 2,			/* signed decimal */
	FK_HEX = 3,			/* unsigned, shown in hex */
	FK_ENUM = 4,			/* a name from tab (struct nametab) */
	FK_FLAGS = 5,		/* bit names from tab (struct flagname[]) */
	FK_RET = 6,			/* kernel return address: symbolised */
	FK_EIP = 7,	/* PANIC.eip: a return address iff trapno 0xff */
	FK_STR = 8,		/* NUL-padded char array of width bytes */
	FK_BYTES = 9,		/* bytes shown as one hex string (build id) */
};

struct field {
	const char *name;
	uint8_t off;			/* byte offset in the record */
	uint8_t width;			/* 1, 2, 4, 8; or array length */
	uint8_t kind;			/* FK_* */
	const void *tab;		/* FK_ENUM, FK_FLAGS: the names */
};

struct layout {
	const struct field *fields;	/* after the record header */
	unsigned nfields;
	const char *text;		/* name of the text tail, or NULL */
};

/* Indexed by record type; nfields == 0 and text NULL: unknown type. */
extern const struct layout field_layouts[256];

/* The value of an integer field of rec (a zero-filled record copy). */
uint64_t field_uint(const struct field *f, const uint8_t *rec);
int64_t field_int(const struct field *f, const uint8_t *rec);

/* Does this field name an mm ("mm", "*_mm", "*_active": an mm id)? */
int field_is_mm(const struct field *f);

/* Is this address field a return address in rec? */
int field_is_return(const struct field *f, const uint8_t *rec);

#endif /* MMSCOPE_TRACE_FIELDS_H */
