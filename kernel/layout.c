/*
 * layout.c - the layout of the kernel's structures, published for the
 * host: one struct mmt_layout in section .mmscope.layout
 * (protocol/mmtrace.h, PROTOCOL.md section 5).
 *
 * mmscope's gdbstub client reads mm_structs, tasks, the per-CPU data and
 * the trace rings from guest memory.  It learns where each field is from
 * here, computed by the compiler, so a change of any struct below needs
 * no change on the host.  The kernel never reads this table itself.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "cpu.h"
#include "mm.h"
#include "sched.h"
#include "spinlock.h"
#include "tracering.h"

#define OFF(type, field)	((uint16_t) offsetof(type, field))

__attribute__((section(MMT_LAYOUT_SECTION), used, aligned(4)))
static const struct mmt_layout layout = {
	.magic = MMT_LAYOUT_MAGIC,
	.version = MMT_LAYOUT_VERSION,
	.size = sizeof(struct mmt_layout),

	.mm_size = sizeof(struct mm_struct),
	.mm_id = OFF(struct mm_struct, id),
	.mm_users = OFF(struct mm_struct, mm_users),
	.mm_count = OFF(struct mm_struct, mm_count),
	.mm_pgd = OFF(struct mm_struct, pgd),
	.mm_ref_lock = OFF(struct mm_struct, ref_trace_lock),

	.task_size = sizeof(struct task_struct),
	.task_pid = OFF(struct task_struct, pid),
	.task_mm = OFF(struct task_struct, mm),
	.task_active_mm = OFF(struct task_struct, active_mm),
	.task_tasks = OFF(struct task_struct, tasks),
	.task_flags = OFF(struct task_struct, flags),

	.cpu_size = sizeof(struct cpu),
	.cpu_id = OFF(struct cpu, id),
	.cpu_current = OFF(struct cpu, rq.curr),
	.cpu_prev_mm = OFF(struct cpu, rq.prev_mm),
	.cpu_loaded_mm = OFF(struct cpu, loaded_mm),
	.cpu_ring = OFF(struct cpu, trace),

	.ring_slots = OFF(struct trace_ring, slots),
	.ring_head = OFF(struct trace_ring, head),
	.ring_tail = OFF(struct trace_ring, tail),
	.ring_seq = OFF(struct trace_ring, seq),
	.slot_size = sizeof(struct trace_slot),
	.slot_tsc = OFF(struct trace_slot, tsc),
	.slot_rec = OFF(struct trace_slot, h),
	.ring_nslots = TRACE_RING_SLOTS,

	.lock_locked = OFF(struct spinlock, locked),
	.lock_cpu = OFF(struct spinlock, cpu),

	.ncpu_max = NCPU,
	.mm_id_max = MM_ID_MAX,
};

/* What the host assumes of these types, checked where they are known. */
_Static_assert(sizeof(atomic_t) == 4, "mm_users is a 4-byte int");
_Static_assert(sizeof(((struct mm_struct *) 0)->id) == 2, "mm id is a u16");
_Static_assert(offsetof(struct list_head, next) == 0, "list_head.next first");
