/*
 * names.c - names of the numbers in mmtrace.h, see names.h.
 *
 * Operation names follow Linux: mmget, mmput, mmgrab, mmdrop since 4.11;
 * 2.6.32 wrote the two increments out as atomic_inc on the counters.
 * Reason names are MMT_WHY_* in lower case without the prefix.
 */
#include <stdio.h>
#include <string.h>
#include "mmtrace.h"
#include "trace/names.h"

#define TYPE(t, n, s, x)	[t] = { n, s, x }

const struct mmt_type_info mmt_types[256] = {
	TYPE(MMT_STREAM,	"stream",	sizeof(struct mmt_stream), 0),
	TYPE(MMT_BOOT,		"boot",		sizeof(struct mmt_boot), 0),
	TYPE(MMT_CPU_ONLINE,	"cpu_online",	sizeof(struct mmt_cpu_online), 0),
	TYPE(MMT_MARK,		"mark",		sizeof(struct mmt_mark), 1),
	TYPE(MMT_LOST,		"lost",		sizeof(struct mmt_lost), 0),
	TYPE(MMT_PANIC,		"panic",	sizeof(struct mmt_panic), 1),
	TYPE(MMT_END,		"end",		sizeof(struct mmt_end), 1),
	TYPE(MMT_MSG,		"msg",		sizeof(struct mmt_msg), 1),
	TYPE(MMT_TASK_NEW,	"task_new",	sizeof(struct mmt_task_new), 0),
	TYPE(MMT_TASK_EXIT,	"task_exit",	sizeof(struct mmt_task_exit), 0),
	TYPE(MMT_TASK_FREE,	"task_free",	sizeof(struct mmt_task_free), 0),
	TYPE(MMT_TASK_STATE,	"task_state",	sizeof(struct mmt_task_state), 0),
	TYPE(MMT_EXEC,		"exec",		sizeof(struct mmt_exec), 0),
	TYPE(MMT_MIGRATE,	"migrate",	sizeof(struct mmt_migrate), 0),
	TYPE(MMT_MM_ALLOC,	"mm_alloc",	sizeof(struct mmt_mm_alloc), 0),
	TYPE(MMT_MM_FREE,	"mm_free",	sizeof(struct mmt_mm_free), 0),
	TYPE(MMT_MM_REF,	"mm_ref",	sizeof(struct mmt_mm_ref), 0),
	TYPE(MMT_EXIT_MMAP,	"exit_mmap",	sizeof(struct mmt_exit_mmap), 0),
	TYPE(MMT_USE_MM,	"use_mm",	sizeof(struct mmt_use_mm), 0),
	TYPE(MMT_UNUSE_MM,	"unuse_mm",	sizeof(struct mmt_use_mm), 0),
	TYPE(MMT_MM_MAP,	"mm_map",	sizeof(struct mmt_mm_map), 0),
	TYPE(MMT_SWITCH,	"switch",	sizeof(struct mmt_switch), 0),
	TYPE(MMT_ENTER_LAZY,	"enter_lazy",	sizeof(struct mmt_enter_lazy), 0),
	TYPE(MMT_PREV_MM,	"prev_mm",	sizeof(struct mmt_prev_mm), 0),
	TYPE(MMT_CR3_LOAD,	"cr3_load",	sizeof(struct mmt_cr3_load), 0),
	TYPE(MMT_LEAVE_MM,	"leave_mm",	sizeof(struct mmt_leave_mm), 0),
	TYPE(MMT_IPI_SEND,	"ipi_send",	sizeof(struct mmt_ipi_send), 0),
	TYPE(MMT_IPI_RECV,	"ipi_recv",	sizeof(struct mmt_ipi_recv), 0),
	TYPE(MMT_MM_CPUMASK,	"mm_cpumask",	sizeof(struct mmt_mm_cpumask), 0),
	TYPE(MMT_TLB_SKIP,	"tlb_skip",	sizeof(struct mmt_tlb_skip), 0),
	TYPE(MMT_TLB_CATCHUP,	"tlb_catchup",	sizeof(struct mmt_tlb_catchup), 0),
	TYPE(MMT_STAT,		"stat",		sizeof(struct mmt_stat), 1),
};

#define NAMETAB(var, ...)						\
	static const char *const var##_v[] = { __VA_ARGS__ };		\
	const struct nametab var = { var##_v, sizeof(var##_v) / sizeof(char *) }

NAMETAB(names_op,
	[MMT_OP_MMGET] = "mmget", [MMT_OP_MMPUT] = "mmput",
	[MMT_OP_MMGRAB] = "mmgrab", [MMT_OP_MMDROP] = "mmdrop");
NAMETAB(names_op_2632,
	[MMT_OP_MMGET] = "atomic_inc(&mm->mm_users)", [MMT_OP_MMPUT] = "mmput",
	[MMT_OP_MMGRAB] = "atomic_inc(&mm->mm_count)", [MMT_OP_MMDROP] = "mmdrop");
NAMETAB(names_reason,
	[MMT_WHY_CLONE_VM] = "clone_vm", [MMT_WHY_EXIT_GRAB] = "exit_grab",
	[MMT_WHY_EXIT_MM] = "exit_mm", [MMT_WHY_MMPUT_LAST] = "mmput_last",
	[MMT_WHY_LAZY_BORROW] = "lazy_borrow", [MMT_WHY_PREV_MM] = "prev_mm",
	[MMT_WHY_EXEC] = "exec", [MMT_WHY_EXEC_LAZY] = "exec_lazy",
	[MMT_WHY_USE_MM] = "use_mm", [MMT_WHY_USE_MM_DROP] = "use_mm_drop",
	[MMT_WHY_IDLE_INIT] = "idle_init",
	[MMT_WHY_GET_TASK_MM] = "get_task_mm",
	[MMT_WHY_PUT_TASK_MM] = "put_task_mm",
	[MMT_WHY_FORK_FAIL] = "fork_fail", [MMT_WHY_IDLE_EXIT] = "idle_exit",
	[MMT_WHY_EXEC_FAIL] = "exec_fail");
NAMETAB(names_state,
	[MMT_TASK_RUNNING] = "running", [MMT_TASK_SLEEPING] = "sleeping",
	[MMT_TASK_ZOMBIE] = "zombie", [MMT_TASK_DEAD] = "dead");
NAMETAB(names_era, [MMT_ERA_2632] = "2.6.32", [MMT_ERA_MODERN] = "modern");
NAMETAB(names_bug,
	[MMT_BUG_NONE] = "none", [MMT_BUG_EXIT_NO_GRAB] = "exit_no_grab",
	[MMT_BUG_LAZY_NO_GRAB] = "lazy_no_grab",
	[MMT_BUG_NO_PREV_DROP] = "no_prev_drop",
	[MMT_BUG_MMPUT_FREES] = "mmput_frees",
	[MMT_BUG_TRACE_LIE] = "trace_lie",
	[MMT_BUG_AP_HANG] = "ap_hang");
NAMETAB(names_end,
	[MMT_END_OK] = "ok", [MMT_END_FAIL] = "fail",
	[MMT_END_BADARG] = "badarg", [MMT_END_NOSCEN] = "noscen");
NAMETAB(names_msg_level,
	[MMT_MSG_INFO] = "info", [MMT_MSG_WARN] = "warn", [MMT_MSG_ERR] = "error");
NAMETAB(names_alloc,
	[MMT_ALLOC_FORK] = "fork", [MMT_ALLOC_EXEC] = "exec",
	[MMT_ALLOC_INIT] = "init");
NAMETAB(names_map_op,
	[MMT_MAP_MMAP] = "mmap", [MMT_MAP_MUNMAP] = "munmap",
	[MMT_MAP_BRK] = "brk");
NAMETAB(names_prev, [MMT_PREV_SET] = "set", [MMT_PREV_DROP] = "drop");
NAMETAB(names_cr3,
	[MMT_CR3_SWITCH] = "switch_mm", [MMT_CR3_LEAVE] = "leave_mm",
	[MMT_CR3_EXEC] = "exec", [MMT_CR3_USE_MM] = "use_mm",
	[MMT_CR3_BOOT] = "boot");
NAMETAB(names_ipi,
	[MMT_IPI_TLB] = "tlb", [MMT_IPI_RESCHED] = "resched",
	[MMT_IPI_STOP] = "stop");

const struct flagname names_flags_task[] = {
	{ MMT_PF_KTHREAD, "kthread" }, { MMT_PF_IDLE, "idle" }, { 0, NULL }
};
const struct flagname names_flags_clone[] = {
	{ MMT_CLONE_VM, "CLONE_VM" }, { MMT_CLONE_VFORK, "CLONE_VFORK" },
	{ 0, NULL }
};
const struct flagname names_flags_switch[] = {
	{ MMT_SW_LOAD, "load" }, { MMT_SW_SAME, "same" },
	{ MMT_SW_LAZY, "lazy" }, { MMT_SW_HANDOFF, "handoff" },
	{ MMT_SW_PREV_MM, "prev_mm" }, { 0, NULL }
};
const struct flagname names_flags_boot[] = {
	{ MMT_BOOT_OVERFLOW, "overflow" }, { 0, NULL }
};
const struct flagname names_flags_scen_era[] = {
	{ MMT_SCEN_ERA_2632, "2.6.32" }, { MMT_SCEN_ERA_MODERN, "modern" },
	{ 0, NULL }
};

const char *mmt_type_name(unsigned type)
{
	return type < 256 ? mmt_types[type].name : NULL;
}

const char *names_of(const struct nametab *t, unsigned v)
{
	return v < t->n ? t->names[v] : NULL;
}

int names_parse(const struct nametab *t, const char *s)
{
	unsigned v;

	for (v = 0; v < t->n; v++)
		if (t->names[v] && strcmp(t->names[v], s) == 0)
			return v;
	return -1;
}

char *names_flags(char *buf, size_t len, uint32_t v, const struct flagname *f)
{
	size_t at = 0;

	buf[0] = '\0';
	if (v == 0) {
		snprintf(buf, len, "0");
		return buf;
	}
	for (; f->name; f++) {
		if (!(v & f->bit))
			continue;
		at += snprintf(buf + at, at < len ? len - at : 0, "%s%s",
			       at ? "|" : "", f->name);
		v &= ~f->bit;
	}
	if (v)
		snprintf(buf + at, at < len ? len - at : 0, "%s0x%x",
			 at ? "|" : "", v);
	return buf;
}

char *names_list(char *buf, size_t len, const struct nametab *t,
		 const char *sep, unsigned first)
{
	size_t at = 0;
	unsigned v;

	buf[0] = '\0';
	for (v = first; v < t->n; v++) {
		if (!t->names[v])
			continue;
		at += snprintf(buf + at, at < len ? len - at : 0, "%s%s",
			       at ? sep : "", t->names[v]);
	}
	return buf;
}
