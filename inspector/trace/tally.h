/*
 * tally.h - what a trace or a run contained, for the --stats option of
 * record and dump: events by type, time span, throughput, losses, and
 * the figures the kernel reported in STAT records.
 *
 * The output is one "key: value" line per figure, stable for scripts
 * (tests/bench/stream.sh reads it).
 */
#ifndef MMSCOPE_TRACE_TALLY_H
#define MMSCOPE_TRACE_TALLY_H

#include <stdint.h>
#include <stdio.h>
#include "trace/decode.h"

#define TALLY_STATS		16	/* STAT records kept */

struct tally_stat {
	char name[MMT_REC_MAX];
	uint64_t value;
};

struct tally {
	uint64_t events;
	uint64_t per_type[256];
	uint64_t lost_records;		/* sum of LOST.count */
	uint64_t first_ts, last_ts;	/* TSC of the first and last event */
	uint64_t first_wall,
		last_wall;	/* util_now_ns() at arrival; 0: not live */
	uint64_t start_wall;	/* util_now_ns() when QEMU started; 0: none */
	struct tally_stat stat[TALLY_STATS];
	unsigned nstat;
};

/* Count ev; wall is util_now_ns() when it arrived, or 0 for a file. */
void tally_event(struct tally *t, const struct mmt_event *ev, uint64_t wall);

/* Print the figures; tsc_khz 0 leaves out what needs it. */
void tally_print(FILE *f, const struct tally *t,
		 const struct decode_stats *ds, uint32_t tsc_khz);

#endif /* MMSCOPE_TRACE_TALLY_H */
