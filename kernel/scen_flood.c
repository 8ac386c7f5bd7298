/*
 * scen_flood.c - the trace line's throughput benchmark (COM2 or virtio).
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "cmdline.h"
#include "sched.h"
#include "trace.h"
#include "scenario.h"

/* Eight hex digits of n: a MARK of 8 bytes is a 16-byte record, an MM_REF's size. */
static void hex8(char *s, uint n)
{
	int i;

	for (i = 7; i >= 0; i--, n >>= 4)
		s[i] = "0123456789abcdef"[n & 0xF];
	s[8] = 0;
}

static void print_x100(const char *what, uint64 x100)
{
	cprintf("flood: %s %u.%02u cycles\n", what, (uint) (x100 / 100), (uint) (x100 % 100));
}

/*
 * flood: first measure what tracing costs when the ring has room: one
 * MARK emit against the same loop without it (STAT emit_cycles_x100,
 * loop_cycles_x100), and an mmgrab/mmdrop with tracing on against the
 * same with tracing off (ref_on_cycles_x100, ref_off_cycles_x100: per
 * operation).  Then emit count= MARK records numbered 0, 1, ... as fast
 * as the lossless ring lets them through the trace line, and say where
 * the drains spent their time: packing frames (pack_cycles), handing
 * batches to the line (line_cycles), for drain_records records.
 */
static int flood(void)
{
	uint i, n = cmdline.count ? cmdline.count : FLOOD_COUNT;
	uint64 emit_x100, loop_x100, on_x100, off_x100, pack, line, records;
	char text[9];

	trace_emit_cost(EMIT_COST_LOOPS, &emit_x100, &loop_x100);
	trace_ref_cost(EMIT_COST_LOOPS, &on_x100, &off_x100);
	trace_stat("emit_cycles_x100", emit_x100);
	trace_stat("loop_cycles_x100", loop_x100);
	trace_stat("ref_on_cycles_x100", on_x100);
	trace_stat("ref_off_cycles_x100", off_x100);
	print_x100("MARK emit", emit_x100);
	print_x100("empty loop", loop_x100);
	print_x100("mmgrab/mmdrop traced", on_x100);
	print_x100("mmgrab/mmdrop untraced", off_x100);
	cprintf("flood: %u marks\n", n);
	for (i = 0; i < n; i++) {
		hex8(text, i);
		trace_mark(current->pid, 0, 0, text);
	}
	trace_drain_cost(&pack, &line, &records);
	trace_stat("drain_records", records);
	trace_stat("pack_cycles", pack);
	trace_stat("line_cycles", line);
	cprintf("flood: %u records sent; drains: %u cycles/record packing, %u on the line\n",
		(uint) records, (uint) (pack / MAX(records, 1)), (uint) (line / MAX(records, 1)));
	return MMT_END_OK;
}
SCENARIO("flood", flood, 1, ALL_ERAS, 0,
	 "trace line benchmark: emit cost (STAT), then count= (100000) 16-byte MARK records");
