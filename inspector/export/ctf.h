/*
 * ctf.h - what the two halves of the CTF writer share: ctf.c writes the
 * streams (one file per CPU, in packets), ctfmeta.c the TSDL metadata
 * that describes them, once the streams are written.
 *
 * The layout, in CTF 1.8 terms (the metadata says the same in TSDL):
 *
 *	packet header	u32 magic, u8 uuid[16], u32 stream_id (0),
 *			u64 stream_instance_id (the CPU)		32 bytes
 *	packet context	u64 timestamp_begin, timestamp_end, content_size,
 *			packet_size (bits), packet_seq_num,
 *			events_discarded, u32 cpu_id			52 bytes
 *	event header	u8 id (the record type), u64 timestamp (TSC)	 9 bytes
 *	event payload	the record's fields in wire order, padding left
 *			out; strings NUL-terminated
 *
 * Everything is little-endian and byte-aligned, so a payload is the
 * record's own bytes, field by field.  events_discarded counts, per CPU,
 * the events lost in sequence gaps and LOST records so far: babeltrace2
 * reports the difference between two packets as discarded events.
 */
#ifndef MMSCOPE_CTF_H
#define MMSCOPE_CTF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "export/export.h"
#include "mmtrace.h"

#define CTF_MAGIC		0xc1fc1fc1u
#define CTF_PACKET_MAX		(64 * 1024)	/* event bytes per packet */
#define CTF_HEADER_SIZE		32		/* packet header */
#define CTF_CONTEXT_SIZE	52		/* packet context */
#define CTF_EVENT_HEADER	9		/* id and timestamp */
#define CTF_EVENT_MAX		(CTF_EVENT_HEADER + 2 * 256)	/* payload of
					   a record of 255 bytes at most, with
					   the NULs its strings gain */

/*
 * The addresses the events carry (MM_REF and MM_FREE callers, PANIC's
 * eip), each with how it is looked up (a return address or not): the
 * metadata names each one in an enumeration, so a reader sees
 * "finish_task_switch+0x7c (sched.c:319)" without the kernel ELF.
 */
struct ctf_addrs {
	uint64_t *key;			/* addr | is_return << 32, plus 1;
					   0: an empty slot */
	size_t n, cap;			/* keys in use, slots */
};

/* Add addr to the set; 0, or -1 when out of memory. */
int ctf_addrs_add(struct ctf_addrs *a, uint32_t addr, int is_return);
void ctf_addrs_free(struct ctf_addrs *a);

/* What the metadata says beyond the record layouts. */
struct ctf_meta {
	uint8_t uuid[16];		/* of the trace, in every packet */
	int have_stream, have_boot;
	struct mmt_stream stream;	/* STREAM: tsc_khz, ncpu, build id */
	struct mmt_boot boot;		/* BOOT: era, bug, scenario */
	struct ctf_addrs callers;	/* values of FK_RET fields */
	struct ctf_addrs eips;		/* values of FK_EIP fields */
};

/* The TSDL metadata of a trace written by ctf.c.  0, or -1 (errno). */
int ctf_write_metadata(FILE *f, const struct ctf_meta *m,
		       const struct export_src *src);

#endif /* MMSCOPE_CTF_H */
