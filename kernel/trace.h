/*
 * trace.h - emitting trace records (protocol/mmtrace.h) into this CPU's
 * ring; trace.c drains the ring as frames to the trace line (traceline.c:
 * COM2, or virtio-serial with transport=virtio).
 *
 * A record is written in place, in the ring:
 *
 *	struct mmt_mm_ref *r = trace_begin(MMT_MM_REF, sizeof(*r));
 *	r->mm = ...; r->op = ...; ...every field, padding included...
 *	trace_end();
 *
 * trace_begin stamps the TSC and the header {type, size}; the drain fills
 * in dt; trace_cancel instead of trace_end drops the record.  Interrupts are off from trace_begin to trace_end (an interrupt
 * handler may emit too), so keep the fill short and emit nothing inside:
 * one record is open per CPU at a time.
 * When the ring is full, trace_begin drains it itself, waiting on the
 * line (lossless, the default), or with trace=overflow gives a scratch
 * slot whose record is dropped and counted for a later LOST record.
 * Nothing may be emitted before trace_init().
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include "types.h"
#include "param.h"
#include "defs.h"
#include "x86.h"
#include "cpu.h"
#include "mmtrace.h"

#define TRACE_SHIFT	4		/* STREAM.tsc_shift: dt counts 16 TSC cycles */
#define PANIC_TRAPNO	0xFF		/* PANIC.trapno of panic() */

struct trace_slot *trace_full(struct trace_ring *r);

/* tracestop.c: stop at this record if a debugger asked to (PROTOCOL.md 5) */
extern volatile struct mmt_stop_ctl mmscope_stop_ctl;
void trace_stop_check(struct trace_ring *r);

/*
 * Interrupts go off here and back to what they were in trace_end: a
 * local_irq_save/restore kept in the ring rather than pushcli/popcli,
 * because this is the hot path (two pushf and two calls fewer).  It
 * composes with pushcli: inside, pushcli finds interrupts off.
 */
static inline void *trace_begin(uint type, uint size)
{
	uint eflags = readeflags();
	struct trace_ring *r;
	struct trace_slot *s;

	cli();
	r = &mycpu()->trace;
	if (likely(r->head - r->tail < TRACE_RING_SLOTS))
		s = &r->slots[r->head & (TRACE_RING_SLOTS - 1)];
	else
		s = trace_full(r);
	r->eflags = eflags;
	s->tsc = rdtsc();
	s->h.type = type;
	s->h.size = size;
	return &s->h;
}

static inline void trace_end(void)
{
	struct trace_ring *r = &mycpu()->trace;

	if (likely(!r->dropping)) {
		r->head++;
		if (unlikely(mmscope_stop_ctl.on))
			trace_stop_check(r);
	} else {
		r->dropping = 0;
		r->lost++;
	}
	if (r->eflags & FL_IF)
		sti();
}

/* Drop the record trace_begin opened instead of committing it. */
static inline void trace_cancel(void)
{
	struct trace_ring *r = &mycpu()->trace;

	r->dropping = 0;
	if (r->eflags & FL_IF)
		sti();
}

/* traceline.c: the line, COM2 or virtio */
void trace_line_init(void);
const char *trace_line_error(void);
const char *trace_line_name(void);
uint trace_line_batch(void);
void trace_line_write(const uchar *buf, uint n);
void trace_line_flush(void);

/* trace.c: set-up and drain points */
void trace_init(void);
void trace_cpu_start(struct cpu *c);
int trace_started(void);
void trace_flush_cpu(struct cpu *c);
void trace_idle(void);
void trace_flush(void);
void trace_tick(void);
int trace_pending(void);
int trace_busy(void);
void trace_emit_cost(uint n, uint64 *emit_x100, uint64 *loop_x100);
void trace_ref_cost(uint n, uint64 *on_x100, uint64 *off_x100);
void trace_drain_cost(uint64 *pack, uint64 *line, uint64 *records);
extern int tracing_on;

/* tracerec.c: typed records */
void trace_stream(uint ncpu, uint shift, uint khz);
extern uint boot_free_pages;
void trace_boot(void);
void trace_cpu_online(uint apicid);
void trace_mark(uint pid, uint chapter, uint chapters, const char *text);
void trace_msg(uint level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void trace_stat(const char *name, uint64 value);
void trace_panic(uint eip, uint trapno, uint pid, const char *msg);
void trace_run_end(uint status, uint tasks, uint mms, uint free_start, uint free_end,
		   const char *text);
void trace_cr3_load(uint mm, uint reason, uint pgd);
void trace_leave_mm(uint mm);
void trace_ipi_send(uint cpumask, uint mm, uint ipi);
void trace_ipi_recv(uint mm, uint ipi, uint from_cpu);
uint trace_tlb_skip(uint mm, uint (*flush)(void *arg, uint *tlb_gen), void *arg);
void trace_tlb_catchup(uint mm, uint local_gen, uint tlb_gen);

/* tracetask.c: tasks, mm_structs, the scheduler */
struct task_struct;
struct mm_struct;
void trace_task_new(struct task_struct *p, uint clone_flags);
void trace_task_exit(uint pid, uint signal, int code);
void trace_task_free(uint pid, uint reaper);
void trace_task_state(uint pid, uint state);
void trace_exec(uint pid, uint old_mm, uint new_mm, const char *comm);
void trace_migrate(uint pid, uint from_cpu, uint to_cpu);
void trace_mm_alloc(struct mm_struct *mm, uint pid, uint reason);
void trace_mm_free(uint mm, uint pgd, uint caller);
void trace_mm_ref(uint mm, uint op, uint why, int users, int count, uint caller);
void trace_exit_mmap(uint mm, uint vmas, uint pages);
void trace_use_mm(uint type, uint pid, uint mm, uint old_active);
void trace_mm_map(uint mm, uint op, uint start, uint len);
void trace_switch(struct task_struct *prev, struct task_struct *next,
		  struct mm_struct *next_active, uint flags);
void trace_enter_lazy(uint pid, uint mm);
void trace_prev_mm(uint mm, uint action);
void trace_mm_cpumask(uint mm, uint set);

#endif /* KERNEL_TRACE_H */
