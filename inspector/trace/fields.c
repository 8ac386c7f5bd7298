/*
 * fields.c - the field tables of every record type, see fields.h.
 *
 * Padding fields are left out; everything else is listed in wire order.
 */
#include <stddef.h>
#include <string.h>
#include "mmtrace.h"
#include "trace/fields.h"

#define F(st, fld, kind, tab)						\
	{ #fld, offsetof(struct st, fld),				\
	  sizeof(((struct st *)0)->fld), kind, tab }
#define LAYOUT(type, arr, text)						\
	[type] = { arr, sizeof(arr) / sizeof(arr[0]), text }

static const struct field f_stream[] = {
	F(mmt_stream, magic, FK_HEX, NULL),
	F(mmt_stream, version, FK_UINT, NULL),
	F(mmt_stream, ncpu, FK_UINT, NULL),
	F(mmt_stream, tsc_shift, FK_UINT, NULL),
	F(mmt_stream, tsc_khz, FK_UINT, NULL),
	F(mmt_stream, build_id, FK_BYTES, NULL),
	F(mmt_stream, minor, FK_UINT, NULL),
};
static const struct field f_boot[] = {
	F(mmt_boot, era, FK_ENUM, &names_era),
	F(mmt_boot, bug, FK_ENUM, &names_bug),
	F(mmt_boot, smp, FK_UINT, NULL),
	F(mmt_boot, flags, FK_FLAGS, names_flags_boot),
	F(mmt_boot, mem_pages, FK_UINT, NULL),
	F(mmt_boot, free_pages, FK_UINT, NULL),
	F(mmt_boot, hz, FK_UINT, NULL),
	F(mmt_boot, scenario, FK_STR, NULL),
};
static const struct field f_cpu_online[] = {
	F(mmt_cpu_online, apic_id, FK_UINT, NULL),
};
static const struct field f_mark[] = {
	F(mmt_mark, pid, FK_UINT, NULL),
	F(mmt_mark, chapter, FK_UINT, NULL),
	F(mmt_mark, chapters, FK_UINT, NULL),
};
static const struct field f_lost[] = {
	F(mmt_lost, count, FK_UINT, NULL),
};
static const struct field f_panic[] = {
	F(mmt_panic, eip, FK_EIP, NULL),
	F(mmt_panic, trapno, FK_UINT, NULL),
	F(mmt_panic, pid, FK_UINT, NULL),
};
static const struct field f_end[] = {
	F(mmt_end, status, FK_ENUM, &names_end),
	F(mmt_end, tasks, FK_UINT, NULL),
	F(mmt_end, free_start, FK_UINT, NULL),
	F(mmt_end, free_end, FK_UINT, NULL),
	F(mmt_end, mms, FK_UINT, NULL),
};
static const struct field f_msg[] = {
	F(mmt_msg, level, FK_ENUM, &names_msg_level),
};
static const struct field f_task_new[] = {
	F(mmt_task_new, pid, FK_UINT, NULL),
	F(mmt_task_new, tgid, FK_UINT, NULL),
	F(mmt_task_new, ppid, FK_UINT, NULL),
	F(mmt_task_new, flags, FK_FLAGS, names_flags_task),
	F(mmt_task_new, clone_flags, FK_FLAGS, names_flags_clone),
	F(mmt_task_new, mm, FK_UINT, NULL),
	F(mmt_task_new, active_mm, FK_UINT, NULL),
	F(mmt_task_new, comm, FK_STR, NULL),
};
static const struct field f_task_exit[] = {
	F(mmt_task_exit, pid, FK_UINT, NULL),
	F(mmt_task_exit, signal, FK_UINT, NULL),
	F(mmt_task_exit, code, FK_INT, NULL),
};
static const struct field f_task_free[] = {
	F(mmt_task_free, pid, FK_UINT, NULL),
	F(mmt_task_free, reaper, FK_UINT, NULL),
};
static const struct field f_task_state[] = {
	F(mmt_task_state, pid, FK_UINT, NULL),
	F(mmt_task_state, state, FK_ENUM, &names_state),
};
static const struct field f_exec[] = {
	F(mmt_exec, pid, FK_UINT, NULL),
	F(mmt_exec, old_mm, FK_UINT, NULL),
	F(mmt_exec, new_mm, FK_UINT, NULL),
	F(mmt_exec, comm, FK_STR, NULL),
};
static const struct field f_migrate[] = {
	F(mmt_migrate, pid, FK_UINT, NULL),
	F(mmt_migrate, from_cpu, FK_UINT, NULL),
	F(mmt_migrate, to_cpu, FK_UINT, NULL),
};
static const struct field f_mm_alloc[] = {
	F(mmt_mm_alloc, mm, FK_UINT, NULL),
	F(mmt_mm_alloc, pid, FK_UINT, NULL),
	F(mmt_mm_alloc, pgd, FK_HEX, NULL),
	F(mmt_mm_alloc, users, FK_INT, NULL),
	F(mmt_mm_alloc, count, FK_INT, NULL),
	F(mmt_mm_alloc, reason, FK_ENUM, &names_alloc),
};
static const struct field f_mm_free[] = {
	F(mmt_mm_free, mm, FK_UINT, NULL),
	F(mmt_mm_free, pgd, FK_HEX, NULL),
	F(mmt_mm_free, caller, FK_RET, NULL),
};
static const struct field f_mm_ref[] = {
	F(mmt_mm_ref, mm, FK_UINT, NULL),
	F(mmt_mm_ref, op, FK_ENUM, &names_op),
	F(mmt_mm_ref, reason, FK_ENUM, &names_reason),
	F(mmt_mm_ref, users, FK_INT, NULL),
	F(mmt_mm_ref, count, FK_INT, NULL),
	F(mmt_mm_ref, caller, FK_RET, NULL),
};
static const struct field f_exit_mmap[] = {
	F(mmt_exit_mmap, mm, FK_UINT, NULL),
	F(mmt_exit_mmap, vmas, FK_UINT, NULL),
	F(mmt_exit_mmap, pages, FK_UINT, NULL),
};
static const struct field f_use_mm[] = {
	F(mmt_use_mm, pid, FK_UINT, NULL),
	F(mmt_use_mm, mm, FK_UINT, NULL),
	F(mmt_use_mm, old_active, FK_UINT, NULL),
};
static const struct field f_mm_map[] = {
	F(mmt_mm_map, mm, FK_UINT, NULL),
	F(mmt_mm_map, op, FK_ENUM, &names_map_op),
	F(mmt_mm_map, start, FK_HEX, NULL),
	F(mmt_mm_map, len, FK_UINT, NULL),
};
static const struct field f_switch[] = {
	F(mmt_switch, prev, FK_UINT, NULL),
	F(mmt_switch, next, FK_UINT, NULL),
	F(mmt_switch, prev_mm, FK_UINT, NULL),
	F(mmt_switch, prev_active, FK_UINT, NULL),
	F(mmt_switch, next_mm, FK_UINT, NULL),
	F(mmt_switch, next_active, FK_UINT, NULL),
	F(mmt_switch, prev_state, FK_ENUM, &names_state),
	F(mmt_switch, flags, FK_FLAGS, names_flags_switch),
};
static const struct field f_enter_lazy[] = {
	F(mmt_enter_lazy, pid, FK_UINT, NULL),
	F(mmt_enter_lazy, mm, FK_UINT, NULL),
};
static const struct field f_prev_mm[] = {
	F(mmt_prev_mm, mm, FK_UINT, NULL),
	F(mmt_prev_mm, action, FK_ENUM, &names_prev),
};
static const struct field f_cr3_load[] = {
	F(mmt_cr3_load, mm, FK_UINT, NULL),
	F(mmt_cr3_load, reason, FK_ENUM, &names_cr3),
	F(mmt_cr3_load, pgd, FK_HEX, NULL),
};
static const struct field f_leave_mm[] = {
	F(mmt_leave_mm, mm, FK_UINT, NULL),
};
static const struct field f_ipi_send[] = {
	F(mmt_ipi_send, cpumask, FK_HEX, NULL),
	F(mmt_ipi_send, mm, FK_UINT, NULL),
	F(mmt_ipi_send, ipi, FK_ENUM, &names_ipi),
};
static const struct field f_ipi_recv[] = {
	F(mmt_ipi_recv, mm, FK_UINT, NULL),
	F(mmt_ipi_recv, ipi, FK_ENUM, &names_ipi),
	F(mmt_ipi_recv, from_cpu, FK_UINT, NULL),
};
static const struct field f_mm_cpumask[] = {
	F(mmt_mm_cpumask, mm, FK_UINT, NULL),
	F(mmt_mm_cpumask, set, FK_UINT, NULL),
};
static const struct field f_tlb_skip[] = {
	F(mmt_tlb_skip, cpumask, FK_HEX, NULL),
	F(mmt_tlb_skip, mm, FK_UINT, NULL),
	F(mmt_tlb_skip, tlb_gen, FK_UINT, NULL),
};
static const struct field f_tlb_catchup[] = {
	F(mmt_tlb_catchup, mm, FK_UINT, NULL),
	F(mmt_tlb_catchup, local_gen, FK_UINT, NULL),
	F(mmt_tlb_catchup, tlb_gen, FK_UINT, NULL),
};
static const struct field f_stat[] = {
	F(mmt_stat, value, FK_UINT, NULL),
};

const struct layout field_layouts[256] = {
	LAYOUT(MMT_STREAM, f_stream, NULL),
	LAYOUT(MMT_BOOT, f_boot, NULL),
	LAYOUT(MMT_CPU_ONLINE, f_cpu_online, NULL),
	LAYOUT(MMT_MARK, f_mark, "text"),
	LAYOUT(MMT_LOST, f_lost, NULL),
	LAYOUT(MMT_PANIC, f_panic, "msg"),
	LAYOUT(MMT_END, f_end, "text"),
	LAYOUT(MMT_MSG, f_msg, "text"),
	LAYOUT(MMT_TASK_NEW, f_task_new, NULL),
	LAYOUT(MMT_TASK_EXIT, f_task_exit, NULL),
	LAYOUT(MMT_TASK_FREE, f_task_free, NULL),
	LAYOUT(MMT_TASK_STATE, f_task_state, NULL),
	LAYOUT(MMT_EXEC, f_exec, NULL),
	LAYOUT(MMT_MIGRATE, f_migrate, NULL),
	LAYOUT(MMT_MM_ALLOC, f_mm_alloc, NULL),
	LAYOUT(MMT_MM_FREE, f_mm_free, NULL),
	LAYOUT(MMT_MM_REF, f_mm_ref, NULL),
	LAYOUT(MMT_EXIT_MMAP, f_exit_mmap, NULL),
	LAYOUT(MMT_USE_MM, f_use_mm, NULL),
	LAYOUT(MMT_UNUSE_MM, f_use_mm, NULL),
	LAYOUT(MMT_MM_MAP, f_mm_map, NULL),
	LAYOUT(MMT_SWITCH, f_switch, NULL),
	LAYOUT(MMT_ENTER_LAZY, f_enter_lazy, NULL),
	LAYOUT(MMT_PREV_MM, f_prev_mm, NULL),
	LAYOUT(MMT_CR3_LOAD, f_cr3_load, NULL),
	LAYOUT(MMT_LEAVE_MM, f_leave_mm, NULL),
	LAYOUT(MMT_IPI_SEND, f_ipi_send, NULL),
	LAYOUT(MMT_IPI_RECV, f_ipi_recv, NULL),
	LAYOUT(MMT_MM_CPUMASK, f_mm_cpumask, NULL),
	LAYOUT(MMT_TLB_SKIP, f_tlb_skip, NULL),
	LAYOUT(MMT_TLB_CATCHUP, f_tlb_catchup, NULL),
	LAYOUT(MMT_STAT, f_stat, "name"),
};

uint64_t field_uint(const struct field *f, const uint8_t *rec)
{
	uint64_t v = 0;

	memcpy(&v, rec + f->off, f->width <= 8 ? f->width : 8);
	return v;
}

int64_t field_int(const struct field *f, const uint8_t *rec)
{
	uint64_t v = field_uint(f, rec);
	unsigned bits = 8 * f->width;

	if (bits < 64 && (v >> (bits - 1)) & 1)
		v |= ~0ull << bits;	/* sign-extend */
	return (int64_t)v;
}

int field_is_return(const struct field *f, const uint8_t *rec)
{
	if (f->kind == FK_RET)
		return 1;
	return f->kind == FK_EIP &&
	       rec[offsetof(struct mmt_panic, trapno)] == 0xff;
}

int field_is_mm(const struct field *f)
{
	size_t len = strlen(f->name);

	return f->width == 2 && f->kind == FK_UINT &&
	       (!strcmp(f->name, "mm") ||
		(len > 3 && !strcmp(f->name + len - 3, "_mm")) ||
		(len > 7 && !strcmp(f->name + len - 7, "_active")));
}
