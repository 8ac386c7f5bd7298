/*
 * mmtrace.h - the mmscope wire format, version 1.2.
 *
 * Shared by the kernel (freestanding, gcc -m32) and the host (mmscope).
 * PROTOCOL.md beside this file is the prose specification; this header is
 * its executable half.  Rules, in the manner of perf_event.h:
 *
 *   - every field is fixed-width and little-endian; padding is named;
 *   - no enums and no bitfields on the wire: constants are #defines;
 *   - every record starts with struct mmt_rec {type, size, dt}, so a reader
 *     skips types it does not know;
 *   - every record's size is pinned by a _Static_assert and stated in a
 *     comment; records with a text tail give the size of the fixed part;
 *   - evolution is append-only: new record types, new fields at the end of
 *     a record (readers use min(size, what they know)), never a change of
 *     meaning.  MMT_VERSION changes only if a reader of the old version
 *     would misread the new stream.
 *
 * Decode with memcpy into these structs, never by casting a byte pointer.
 */
#ifndef MMSCOPE_MMTRACE_H
#define MMSCOPE_MMTRACE_H

#include <stdint.h>

#define MMT_VERSION		1
#define MMT_VERSION_MINOR	2	/* additions an old reader skips: 1 = TLB_SKIP, TLB_CATCHUP; 2 = MARK's chapters */

/*
 * Byte stream on COM2.  A sequence of frames, each COBS-encoded and
 * followed by one 0x00 delimiter.  Decoded, a frame is
 *
 *	struct mmt_frame | record | record | ... | crc32c (4 bytes, LE)
 *
 * The CRC-32C (Castagnoli, reflected, init and xorout 0xffffffff) covers
 * the frame header and the records.  A reader that sees garbage drops bytes
 * up to the next 0x00 and resynchronises there; a frame whose CRC, length
 * or record walk does not add up is dropped whole.
 */
#define MMT_FRAME_DELIM		0x00
#define MMT_FRAME_MAX		1024	/* decoded bytes, header and CRC included */
#define MMT_CRC_SIZE		4
#define MMT_CRC32C_POLY		0x82f63b78u	/* reflected Castagnoli */
/* worst-case COBS size of a frame: one code byte per 254 data bytes */
#define MMT_COBS_MAX(n)		((n) + (n) / 254 + 1)

/*
 * Frame header, 16 bytes.  All records of a frame come from one CPU and
 * carry consecutive per-CPU sequence numbers seq, seq+1, ...  A jump in seq
 * between two frames of one CPU is a transport gap (bytes lost or
 * corrupted on the line).  Events the kernel itself could not store are
 * not numbered; they are counted by a MMT_LOST record instead.
 *
 * Timestamps: tsc is a TSC value; each record's dt is the difference, in
 * units of 2^tsc_shift cycles (MMT_STREAM.tsc_shift), from the previous
 * record of the frame, or from tsc for the first one:
 *	ts(0) = ((tsc >> shift) + dt(0)) << shift
 *	ts(i) = ts(i-1) + (dt(i) << shift)
 * The TSC is shared by all CPUs, so timestamps order events across CPUs.
 *
 * A frame with nrec == 0 is a heartbeat: the CPU had nothing left to send
 * at tsc, so every record it emits later has a timestamp after tsc.
 */
struct mmt_frame {		/* 16 bytes */
	uint8_t  cpu;		/* logical CPU number, 0 = boot CPU */
	uint8_t  flags;		/* none defined yet: 0 */
	uint16_t nrec;		/* records in this frame */
	uint32_t seq;		/* per-CPU sequence number of the first record */
	uint64_t tsc;		/* time base of the first record's dt */
};
_Static_assert(sizeof(struct mmt_frame) == 16, "mmt_frame");

/* Record header, 4 bytes: the start of every record. */
struct mmt_rec {		/* 4 bytes */
	uint8_t  type;		/* MMT_* below */
	uint8_t  size;		/* the whole record in bytes, header included */
	uint16_t dt;		/* timestamp delta, see struct mmt_frame */
};
_Static_assert(sizeof(struct mmt_rec) == 4, "mmt_rec");

#define MMT_REC_MAX		56	/* no record is longer */
#define MMT_TEXT_MAX		48	/* longest text tail (MARK) */

/*
 * Identifiers used by many records.
 *
 *   pid	u16; 0 is the idle task of the record's CPU (Linux's swapper/N).
 *		Pids are reused after the task is freed, as in Linux.
 *   mm		u16 "mm id", a small number the kernel gives each mm_struct
 *		when it is allocated: 0 = no mm (NULL), 1 = init_mm.  An id is
 *		reused only after MMT_MM_FREE of its previous holder.
 *   caller	u32 kernel text address (return address of the call that did
 *		the operation), for symbolisation with the kernel ELF.
 */
#define MMT_MM_NULL		0
#define MMT_MM_INIT		1

/*
 * Record types.  Numbers are never reused.  Ranges:
 *	  1..15	stream and boot		 16..31	tasks
 *	 32..47	mm_struct		 48..63	scheduler
 *	 64..79	SMP and TLB		 80..95	measurement
 *	 96..255 unassigned
 */
#define MMT_STREAM		1	/* stream header: first record of CPU 0 */
#define MMT_BOOT		2	/* kernel configuration at boot */
#define MMT_CPU_ONLINE		3	/* a CPU is up (its first record) */
#define MMT_MARK		4	/* narration text from a scenario */
#define MMT_LOST		5	/* events this CPU could not store */
#define MMT_PANIC		6	/* kernel panic or unhandled trap */
#define MMT_END			7	/* scenario finished: last record */
#define MMT_MSG			8	/* kernel console message worth keeping */

#define MMT_TASK_NEW		16	/* copy_process / kthread_create done */
#define MMT_TASK_EXIT		17	/* do_exit: the task is a zombie now */
#define MMT_TASK_FREE		18	/* put_task_struct freed the task */
#define MMT_TASK_STATE		19	/* sleep or wake-up */
#define MMT_EXEC		20	/* exec_mmap installed a new mm */
#define MMT_MIGRATE		21	/* task moved between runqueues */

#define MMT_MM_ALLOC		32	/* mm_init: a new mm_struct, 1/1 */
#define MMT_MM_FREE		33	/* __mmdrop freed the mm and its pgd */
#define MMT_MM_REF		34	/* mm_users or mm_count changed */
#define MMT_EXIT_MMAP		35	/* user mappings torn down */
#define MMT_USE_MM		36	/* use_mm / kthread_use_mm */
#define MMT_UNUSE_MM		37	/* unuse_mm / kthread_unuse_mm */
#define MMT_MM_MAP		38	/* a user region mapped or unmapped */

#define MMT_SWITCH		48	/* context_switch(prev, next) */
#define MMT_ENTER_LAZY		49	/* enter_lazy_tlb */
#define MMT_PREV_MM		50	/* rq->prev_mm set or dropped */

#define MMT_CR3_LOAD		64	/* a page directory loaded into CR3 */
#define MMT_LEAVE_MM		65	/* lazy CPU dropped a user pgd */
#define MMT_IPI_SEND		66	/* IPI sent */
#define MMT_IPI_RECV		67	/* IPI received */
#define MMT_MM_CPUMASK		68	/* CPU entered or left mm_cpumask */
#define MMT_TLB_SKIP		69	/* a flush left lazy CPUs out (modern) */
#define MMT_TLB_CATCHUP		70	/* a skipped CPU flushed at switch_mm */

#define MMT_STAT		80	/* a named figure the kernel measured */

/* --- 1..15: stream and boot ------------------------------------------- */

/* "MMSC" on the wire.  Read with the wrong byte order it is "CSMM". */
#define MMT_STREAM_MAGIC	0x43534d4du
#define MMT_BUILD_ID_SIZE	20	/* GNU build id, sha1 */

struct mmt_stream {		/* 40 bytes (36 in 1.0) */
	struct mmt_rec h;
	uint32_t magic;		/* MMT_STREAM_MAGIC */
	uint16_t version;	/* MMT_VERSION */
	uint8_t  ncpu;		/* CPUs that will come online */
	uint8_t  tsc_shift;	/* dt unit is 2^tsc_shift TSC cycles */
	uint32_t tsc_khz;	/* TSC frequency, 0 if unknown */
	uint8_t  build_id[MMT_BUILD_ID_SIZE];	/* of the running kernel */
	uint16_t minor;		/* MMT_VERSION_MINOR (0 in streams without it) */
	uint16_t pad;
};
_Static_assert(sizeof(struct mmt_stream) == 40, "mmt_stream");

/* era: which Linux the kernel imitates (command line era=) */
#define MMT_ERA_2632		1	/* 2.6.32: kernel->kernel does +1 then -1 */
#define MMT_ERA_MODERN		2	/* >= 5.4: kernel->kernel hands over */

/* boot flags */
#define MMT_BOOT_OVERFLOW	0x01	/* trace=overflow: drop and count */
#define MMT_SCEN_NAME		16

struct mmt_boot {		/* 36 bytes */
	struct mmt_rec h;
	uint8_t  era;		/* MMT_ERA_* */
	uint8_t  bug;		/* MMT_BUG_* (0 = none) */
	uint8_t  smp;		/* CPUs asked for (smp=), 0 = all found */
	uint8_t  flags;		/* MMT_BOOT_* */
	uint32_t mem_pages;	/* physical pages managed */
	uint32_t free_pages;	/* free pages when the scenario starts */
	uint32_t hz;		/* scheduler tick rate */
	char     scenario[MMT_SCEN_NAME];	/* NUL-padded */
};
_Static_assert(sizeof(struct mmt_boot) == 36, "mmt_boot");

struct mmt_cpu_online {		/* 8 bytes */
	struct mmt_rec h;
	uint8_t  apic_id;
	uint8_t  pad0;
	uint16_t pad1;
};
_Static_assert(sizeof(struct mmt_cpu_online) == 8, "mmt_cpu_online");

struct mmt_mark {		/* 8 bytes + text */
	struct mmt_rec h;
	uint16_t pid;		/* task that wrote the mark */
	uint8_t  chapter;	/* it starts chapter 1..chapters; 0: a plain mark */
	uint8_t  chapters;	/* how many the scenario has (since 1.2; 0 before) */
	/* char text[size - 8], not NUL-terminated, at most MMT_TEXT_MAX */
};
_Static_assert(sizeof(struct mmt_mark) == 8, "mmt_mark");

struct mmt_lost {		/* 8 bytes */
	struct mmt_rec h;
	uint32_t count;		/* events dropped since the previous LOST */
};
_Static_assert(sizeof(struct mmt_lost) == 8, "mmt_lost");

struct mmt_panic {		/* 12 bytes + text */
	struct mmt_rec h;
	uint32_t eip;		/* faulting or calling address */
	uint8_t  trapno;	/* exception vector, 0xff for panic() */
	uint8_t  pad;
	uint16_t pid;		/* current task */
	/* char msg[size - 12] */
};
_Static_assert(sizeof(struct mmt_panic) == 12, "mmt_panic");

/* END status */
#define MMT_END_OK		0	/* scenario ran to completion */
#define MMT_END_FAIL		1	/* scenario's own check failed */
#define MMT_END_BADARG		2	/* bad kernel command line */
#define MMT_END_NOSCEN		3	/* unknown scenario */

struct mmt_end {		/* 20 bytes + text */
	struct mmt_rec h;
	uint8_t  status;	/* MMT_END_* */
	uint8_t  pad0;
	uint16_t tasks;		/* tasks still allocated (idle excluded) */
	uint32_t free_start;	/* free pages when the scenario started */
	uint32_t free_end;	/* free pages now */
	uint16_t mms;		/* mm_structs still allocated (init_mm excluded) */
	uint16_t pad1;
	/* char text[size - 20]: why, for a status other than OK */
};
_Static_assert(sizeof(struct mmt_end) == 20, "mmt_end");

/* MSG level */
#define MMT_MSG_INFO		0
#define MMT_MSG_WARN		1
#define MMT_MSG_ERR		2

struct mmt_msg {		/* 8 bytes + text */
	struct mmt_rec h;
	uint8_t  level;		/* MMT_MSG_* */
	uint8_t  pad0;
	uint16_t pad1;
	/* char text[size - 8] */
};
_Static_assert(sizeof(struct mmt_msg) == 8, "mmt_msg");

/* --- 16..31: tasks ------------------------------------------------------ */

/* task flags (Linux's PF_ values where Linux has one) */
#define MMT_PF_KTHREAD		0x0001	/* PF_KTHREAD: no mm of its own */
#define MMT_PF_IDLE		0x0002	/* PF_IDLE: a CPU's idle task */

/* clone flags, Linux's values */
#define MMT_CLONE_VM		0x00000100
#define MMT_CLONE_VFORK		0x00004000

#define MMT_COMM_LEN		16	/* TASK_COMM_LEN */

struct mmt_task_new {		/* 36 bytes */
	struct mmt_rec h;
	uint16_t pid;
	uint16_t tgid;
	uint16_t ppid;		/* parent */
	uint16_t flags;		/* MMT_PF_* */
	uint32_t clone_flags;	/* as passed to copy_process */
	uint16_t mm;		/* the child's mm after copy_mm */
	uint16_t active_mm;	/* the child's active_mm */
	char     comm[MMT_COMM_LEN];	/* NUL-padded */
};
_Static_assert(sizeof(struct mmt_task_new) == 36, "mmt_task_new");

struct mmt_task_exit {		/* 12 bytes */
	struct mmt_rec h;
	uint16_t pid;
	uint8_t  signal;	/* killing signal, 0 for exit() */
	uint8_t  pad;
	int32_t  code;		/* exit status */
};
_Static_assert(sizeof(struct mmt_task_exit) == 12, "mmt_task_exit");

struct mmt_task_free {		/* 8 bytes */
	struct mmt_rec h;
	uint16_t pid;
	uint16_t reaper;	/* pid whose wait() reaped it, 0 = kernel */
};
_Static_assert(sizeof(struct mmt_task_free) == 8, "mmt_task_free");

/* task states (TASK_STATE, SWITCH.prev_state) */
#define MMT_TASK_RUNNING	0	/* runnable or running */
#define MMT_TASK_SLEEPING	1	/* waiting */
#define MMT_TASK_ZOMBIE		2	/* exited, not yet reaped */
#define MMT_TASK_DEAD		3	/* reaped; its last switch away */

struct mmt_task_state {		/* 8 bytes */
	struct mmt_rec h;
	uint16_t pid;
	uint8_t  state;		/* MMT_TASK_* */
	uint8_t  pad;
};
_Static_assert(sizeof(struct mmt_task_state) == 8, "mmt_task_state");

struct mmt_exec {		/* 28 bytes */
	struct mmt_rec h;
	uint16_t pid;
	uint16_t old_mm;	/* mm before exec (0 for a kernel thread) */
	uint16_t new_mm;
	uint16_t pad;
	char     comm[MMT_COMM_LEN];	/* new comm */
};
_Static_assert(sizeof(struct mmt_exec) == 28, "mmt_exec");

struct mmt_migrate {		/* 8 bytes */
	struct mmt_rec h;
	uint16_t pid;
	uint8_t  from_cpu;
	uint8_t  to_cpu;
};
_Static_assert(sizeof(struct mmt_migrate) == 8, "mmt_migrate");

/* --- 32..47: mm_struct -------------------------------------------------- */

/* why an mm was allocated (MM_ALLOC.reason) */
#define MMT_ALLOC_FORK		1	/* dup_mm in copy_mm */
#define MMT_ALLOC_EXEC		2	/* mm_alloc in exec */
#define MMT_ALLOC_INIT		3	/* init_mm, static (INIT_MM): users 2, count 1 */

struct mmt_mm_alloc {		/* 20 bytes */
	struct mmt_rec h;
	uint16_t mm;
	uint16_t pid;		/* task it is made for */
	uint32_t pgd;		/* physical address of its page directory */
	int16_t  users;		/* mm_users after mm_init (1; init_mm 2) */
	int16_t  count;		/* mm_count after mm_init (1) */
	uint8_t  reason;	/* MMT_ALLOC_* */
	uint8_t  pad0;
	uint16_t pad1;
};
_Static_assert(sizeof(struct mmt_mm_alloc) == 20, "mmt_mm_alloc");

struct mmt_mm_free {		/* 16 bytes */
	struct mmt_rec h;
	uint16_t mm;
	uint16_t pad;
	uint32_t pgd;		/* physical address of the freed pgd */
	uint32_t caller;	/* who called __mmdrop's caller (mmdrop) */
};
_Static_assert(sizeof(struct mmt_mm_free) == 16, "mmt_mm_free");

/*
 * MM_REF.op: the operation, named after Linux's API.  In era 2.6.32 the
 * grab and get are spelled atomic_inc(&mm->mm_count) and
 * atomic_inc(&mm->mm_users); the effect is the same.
 */
#define MMT_OP_MMGET		1	/* mm_users++ */
#define MMT_OP_MMPUT		2	/* mm_users-- */
#define MMT_OP_MMGRAB		3	/* mm_count++ */
#define MMT_OP_MMDROP		4	/* mm_count-- */

/*
 * MM_REF.reason: why.  The task the reference is taken for is the
 * CPU's current task, except where noted.
 */
#define MMT_WHY_CLONE_VM	1	/* copy_mm, CLONE_VM: for the child */
#define MMT_WHY_EXIT_GRAB	2	/* exit_mm's self-grab before mm=NULL */
#define MMT_WHY_EXIT_MM		3	/* exit_mm's mmput */
#define MMT_WHY_MMPUT_LAST	4	/* mmput at mm_users 0 drops the users' count */
#define MMT_WHY_LAZY_BORROW	5	/* context_switch: next (kthread) borrows */
#define MMT_WHY_PREV_MM		6	/* finish_task_switch drops rq->prev_mm */
#define MMT_WHY_EXEC		7	/* exec_mmap: mmput of the old mm */
#define MMT_WHY_EXEC_LAZY	8	/* exec_mmap: mmdrop of a borrowed active_mm */
#define MMT_WHY_USE_MM		9	/* use_mm grabs the adopted mm */
#define MMT_WHY_USE_MM_DROP	10	/* use_mm drops the old active_mm */
#define MMT_WHY_IDLE_INIT	11	/* an idle task takes init_mm */
#define MMT_WHY_GET_TASK_MM	12	/* get_task_mm: pin another task's mm */
#define MMT_WHY_PUT_TASK_MM	13	/* mmput after get_task_mm */
#define MMT_WHY_FORK_FAIL	14	/* copy_process failed: undo */
#define MMT_WHY_IDLE_EXIT	15	/* idle_task_exit: a CPU going down drops its active_mm */
#define MMT_WHY_EXEC_FAIL	16	/* exec failed after mm_alloc: the new mm is put */

struct mmt_mm_ref {		/* 16 bytes */
	struct mmt_rec h;
	uint16_t mm;
	uint8_t  op;		/* MMT_OP_* */
	uint8_t  reason;	/* MMT_WHY_* */
	int16_t  users;		/* mm_users after the operation */
	int16_t  count;		/* mm_count after the operation */
	uint32_t caller;	/* return address into the caller */
};
_Static_assert(sizeof(struct mmt_mm_ref) == 16, "mmt_mm_ref");

struct mmt_exit_mmap {		/* 12 bytes */
	struct mmt_rec h;
	uint16_t mm;
	uint16_t vmas;		/* user regions removed */
	uint32_t pages;		/* user pages and page tables freed */
};
_Static_assert(sizeof(struct mmt_exit_mmap) == 12, "mmt_exit_mmap");

struct mmt_use_mm {		/* 12 bytes: USE_MM and UNUSE_MM */
	struct mmt_rec h;
	uint16_t pid;		/* the kernel thread */
	uint16_t mm;		/* adopted (USE_MM) or given up (UNUSE_MM) */
	uint16_t old_active;	/* active_mm before the call */
	uint16_t pad;
};
_Static_assert(sizeof(struct mmt_use_mm) == 12, "mmt_use_mm");

/* MM_MAP.op */
#define MMT_MAP_MMAP		1
#define MMT_MAP_MUNMAP		2
#define MMT_MAP_BRK		3

struct mmt_mm_map {		/* 16 bytes */
	struct mmt_rec h;
	uint16_t mm;
	uint8_t  op;		/* MMT_MAP_* */
	uint8_t  pad;
	uint32_t start;		/* user virtual address */
	uint32_t len;		/* bytes */
};
_Static_assert(sizeof(struct mmt_mm_map) == 16, "mmt_mm_map");

/* --- 48..63: scheduler -------------------------------------------------- */

/* SWITCH.flags */
#define MMT_SW_LOAD		0x01	/* switch_mm loaded next->mm into CR3 */
#define MMT_SW_SAME		0x02	/* switch_mm, next->mm already loaded */
#define MMT_SW_LAZY		0x04	/* next is a kernel thread: lazy TLB */
#define MMT_SW_HANDOFF		0x08	/* modern kernel->kernel: borrow handed on */
#define MMT_SW_PREV_MM		0x10	/* prev had no mm: rq->prev_mm set */

struct mmt_switch {		/* 20 bytes */
	struct mmt_rec h;
	uint16_t prev;		/* pid */
	uint16_t next;		/* pid */
	uint16_t prev_mm;	/* prev->mm */
	uint16_t prev_active;	/* prev->active_mm before the switch */
	uint16_t next_mm;	/* next->mm */
	uint16_t next_active;	/* next->active_mm after the switch */
	uint8_t  prev_state;	/* MMT_TASK_* */
	uint8_t  flags;		/* MMT_SW_* */
	uint16_t pad;
};
_Static_assert(sizeof(struct mmt_switch) == 20, "mmt_switch");

struct mmt_enter_lazy {		/* 8 bytes */
	struct mmt_rec h;
	uint16_t pid;		/* task entering lazy mode */
	uint16_t mm;		/* the active_mm it keeps */
};
_Static_assert(sizeof(struct mmt_enter_lazy) == 8, "mmt_enter_lazy");

/* PREV_MM.action */
#define MMT_PREV_SET		1	/* context_switch: rq->prev_mm = oldmm */
#define MMT_PREV_DROP		2	/* finish_task_switch takes it for mmdrop */

struct mmt_prev_mm {		/* 8 bytes */
	struct mmt_rec h;
	uint16_t mm;
	uint8_t  action;	/* MMT_PREV_* */
	uint8_t  pad;
};
_Static_assert(sizeof(struct mmt_prev_mm) == 8, "mmt_prev_mm");

/* --- 64..79: SMP and TLB ------------------------------------------------ */

/* CR3_LOAD.reason */
#define MMT_CR3_SWITCH		1	/* switch_mm */
#define MMT_CR3_LEAVE		2	/* leave_mm: swapper_pg_dir */
#define MMT_CR3_EXEC		3	/* exec_mmap activating the new mm */
#define MMT_CR3_USE_MM		4	/* use_mm */
#define MMT_CR3_BOOT		5	/* a CPU's first load */

struct mmt_cr3_load {		/* 12 bytes */
	struct mmt_rec h;
	uint16_t mm;		/* mm whose pgd it is (1 = swapper_pg_dir) */
	uint8_t  reason;	/* MMT_CR3_* */
	uint8_t  pad;
	uint32_t pgd;		/* physical address loaded */
};
_Static_assert(sizeof(struct mmt_cr3_load) == 12, "mmt_cr3_load");

struct mmt_leave_mm {		/* 8 bytes */
	struct mmt_rec h;
	uint16_t mm;		/* active_mm, kept with its reference */
	uint16_t pad;
};
_Static_assert(sizeof(struct mmt_leave_mm) == 8, "mmt_leave_mm");

/* IPI vectors as reported */
#define MMT_IPI_TLB		1	/* TLB shootdown */
#define MMT_IPI_RESCHED		2	/* reschedule */
#define MMT_IPI_STOP		3	/* halt (panic, end) */

struct mmt_ipi_send {		/* 12 bytes */
	struct mmt_rec h;
	uint32_t cpumask;	/* target CPUs, bit n = CPU n */
	uint16_t mm;		/* mm being flushed, 0 if none */
	uint8_t  ipi;		/* MMT_IPI_* */
	uint8_t  pad;
};
_Static_assert(sizeof(struct mmt_ipi_send) == 12, "mmt_ipi_send");

struct mmt_ipi_recv {		/* 8 bytes */
	struct mmt_rec h;
	uint16_t mm;		/* mm named by the sender, 0 if none */
	uint8_t  ipi;		/* MMT_IPI_* */
	uint8_t  from_cpu;
};
_Static_assert(sizeof(struct mmt_ipi_recv) == 8, "mmt_ipi_recv");

struct mmt_mm_cpumask {		/* 8 bytes */
	struct mmt_rec h;
	uint16_t mm;
	uint8_t  set;		/* 1 = CPU entered the mask, 0 = left */
	uint8_t  pad;
};
_Static_assert(sizeof(struct mmt_mm_cpumask) == 8, "mmt_mm_cpumask");

struct mmt_tlb_skip {		/* 16 bytes */
	struct mmt_rec h;
	uint32_t cpumask;	/* lazy CPUs of mm_cpumask sent no IPI */
	uint16_t mm;		/* mm being flushed */
	uint16_t pad;
	uint32_t tlb_gen;	/* the mm's tlb_gen after this flush */
};
_Static_assert(sizeof(struct mmt_tlb_skip) == 16, "mmt_tlb_skip");

struct mmt_tlb_catchup {	/* 16 bytes */
	struct mmt_rec h;
	uint16_t mm;		/* switched to, loaded all along */
	uint16_t pad;
	uint32_t local_gen;	/* the tlb_gen this CPU's TLB was flushed to */
	uint32_t tlb_gen;	/* the mm's, which it is flushed to now */
};
_Static_assert(sizeof(struct mmt_tlb_catchup) == 16, "mmt_tlb_catchup");

/* --- 80..95: measurement ------------------------------------------------ */

struct mmt_stat {		/* 16 bytes + name */
	struct mmt_rec h;
	uint32_t pad;
	uint64_t value;
	/* char name[size - 16]: e.g. "emit_cycles_x100" */
};
_Static_assert(sizeof(struct mmt_stat) == 16, "mmt_stat");

/* --- kernel fault injection (command line bug=, BOOT.bug) -------------- */

#define MMT_BUG_NONE		0
#define MMT_BUG_EXIT_NO_GRAB	1	/* exit_mm skips its self mmgrab */
#define MMT_BUG_LAZY_NO_GRAB	2	/* kthread borrows active_mm without mmgrab */
#define MMT_BUG_NO_PREV_DROP	3	/* finish_task_switch forgets rq->prev_mm */
#define MMT_BUG_MMPUT_FREES	4	/* mmput frees the pgd at mm_users 0 */
#define MMT_BUG_TRACE_LIE	5	/* a lazy borrow's MM_REF reports mm_count
					   one below the real one (memory is right) */
#define MMT_BUG_AP_HANG		6	/* the last AP hangs before it is online */

/* --- kernel ELF contracts ---------------------------------------------- */

/*
 * isa-debug-exit (iobase 0xf4, iosize 4): the kernel writes one of these;
 * QEMU exits with status (v << 1) | 1.  Every status is odd, so QEMU's own
 * exit status 0 (killed, or powered off some other way) is never a pass.
 */
#define MMT_DEBUG_EXIT_PORT	0xf4
#define MMT_EXIT_OK		0x10	/* QEMU status 33: scenario passed */
#define MMT_EXIT_FAIL		0x11	/* 35: scenario's own check failed */
#define MMT_EXIT_PANIC		0x12	/* 37: kernel panic */
#define MMT_EXIT_BADARG		0x13	/* 39: bad command line */
#define MMT_QEMU_STATUS(v)	(((v) << 1) | 1)

/*
 * Transports (kernel command line transport=): the framed stream goes
 * out on COM2 (the default) or, with transport=virtio, on port
 * MMT_VIRTIO_PORT of a virtio-serial PCI device (legacy interface), a
 * virtserialport whose QEMU chardev the host reads.  The bytes are the
 * same on both.
 */
#define MMT_VIRTIO_PORT		1	/* virtserialport nr= */
#define MMT_VIRTIO_PORT_NAME	"org.mmscope.trace"	/* its name= */

/*
 * The scenario table, read by `mmscope scenarios` from the kernel ELF
 * without booting it: section MMT_SCEN_SECTION is an array of these.
 */
#define MMT_SCEN_SECTION	".mmscope.scenarios"
#define MMT_SCEN_SUMMARY	104

/* mmt_scen_desc.eras: which eras the scenario is meant for */
#define MMT_SCEN_ERA_2632	(1u << MMT_ERA_2632)
#define MMT_SCEN_ERA_MODERN	(1u << MMT_ERA_MODERN)

struct mmt_scen_desc {		/* 128 bytes */
	char     name[MMT_SCEN_NAME];	/* NUL-padded, the scenario= value */
	char     summary[MMT_SCEN_SUMMARY];	/* one line, NUL-terminated */
	uint8_t  min_cpus;	/* fewest CPUs it makes sense on */
	uint8_t  eras;		/* MMT_SCEN_ERA_* */
	uint8_t  bug;		/* MMT_BUG_* it demonstrates, 0 = none */
	uint8_t  flags;		/* none defined yet: 0 */
	uint32_t pad;
};
_Static_assert(sizeof(struct mmt_scen_desc) == 128, "mmt_scen_desc");

/*
 * The layout of the kernel's structures, for a debugger that reads them
 * from guest memory (mmscope's gdbstub client): section
 * MMT_LAYOUT_SECTION holds one struct mmt_layout, filled with offsetof()
 * and sizeof() when the kernel is built, so nothing about the kernel's
 * structs is written into the host.  Offsets are bytes from the start of
 * the struct; pointers and ints are 4 bytes, little-endian (i386).
 * Append-only: a new field goes at the end and a reader knows it only
 * if `size` covers it; `version` counts the additions.
 */
#define MMT_LAYOUT_SECTION	".mmscope.layout"
#define MMT_LAYOUT_MAGIC	0x54594c4du	/* "MLYT" */
#define MMT_LAYOUT_VERSION	1

struct mmt_layout {		/* 72 bytes */
	uint32_t magic;		/* MMT_LAYOUT_MAGIC */
	uint16_t version;	/* MMT_LAYOUT_VERSION */
	uint16_t size;		/* sizeof(struct mmt_layout) in the kernel */
	/* struct mm_struct */
	uint16_t mm_size;
	uint16_t mm_id;		/* u16: the trace's mm id */
	uint16_t mm_users;	/* atomic_t (int): mm_users */
	uint16_t mm_count;	/* atomic_t (int): mm_count */
	uint16_t mm_pgd;	/* pointer: the page directory (kernel virtual) */
	uint16_t mm_ref_lock;	/* struct spinlock held around each MM_REF */
	/* struct task_struct */
	uint16_t task_size;
	uint16_t task_pid;	/* int */
	uint16_t task_mm;	/* pointer to struct mm_struct, 0 = NULL */
	uint16_t task_active_mm;	/* pointer */
	uint16_t task_tasks;	/* struct list_head on the list task_list */
	uint16_t task_flags;	/* uint: PF_* (Linux's values) */
	/* struct cpu, an element of the array cpus[] */
	uint16_t cpu_size;
	uint16_t cpu_id;	/* int: logical CPU number */
	uint16_t cpu_current;	/* pointer to the running task (rq.curr) */
	uint16_t cpu_prev_mm;	/* pointer: rq->prev_mm */
	uint16_t cpu_loaded_mm;	/* pointer: the mm whose pgd is in CR3 */
	uint16_t cpu_ring;	/* struct trace_ring */
	/* struct trace_ring (tracering.h); record n of a CPU is in slot
	   n % ring_nslots while it is in the ring */
	uint16_t ring_slots;	/* pointer to the slot array */
	uint16_t ring_head;	/* uint: records committed so far */
	uint16_t ring_tail;	/* uint: records moved to the line so far */
	uint16_t ring_seq;	/* uint: sequence number of the record at tail */
	uint16_t slot_size;	/* bytes per slot */
	uint16_t slot_tsc;	/* u64: TSC when the record was begun */
	uint16_t slot_rec;	/* the record itself (struct mmt_rec first) */
	uint16_t pad0;
	uint32_t ring_nslots;	/* slots per ring, a power of 2 */
	/* struct spinlock */
	uint16_t lock_locked;	/* uint: nonzero while held */
	uint16_t lock_cpu;	/* pointer to the holder's struct cpu */
	/* arrays */
	uint16_t ncpu_max;	/* elements of cpus[] */
	uint16_t mm_id_max;	/* mm ids are below this */
};
_Static_assert(sizeof(struct mmt_layout) == 72, "mmt_layout");

/*
 * Stopping at events, for a debugger: the kernel symbols
 * MMT_STOP_CTL_SYMBOL (a struct mmt_stop_ctl, zero at boot) and
 * MMT_STOP_SYMBOL (a function that does nothing).  After each record is
 * committed to its CPU's ring, if ctl.on is nonzero and the record's
 * type and CPU are selected, the kernel calls the function with
 * (regparm 3) EAX = type | cpu << 8, EDX = the record's sequence
 * number, ECX = the address of its ring slot.  A debugger breaks there.
 * The ctl may be written once paging is on: from the entry of
 * MMT_STOP_ARM_SYMBOL, which runs before the first record.
 */
#define MMT_STOP_SYMBOL		"mmscope_stop"
#define MMT_STOP_CTL_SYMBOL	"mmscope_stop_ctl"
#define MMT_STOP_ARM_SYMBOL	"trace_init"

struct mmt_stop_ctl {		/* 40 bytes */
	uint32_t on;		/* 0: never call the stop function */
	uint32_t cpus;		/* bit n: records of CPU n may stop */
	uint32_t types[8];	/* bit t % 32 of types[t / 32]: type t stops */
};
_Static_assert(sizeof(struct mmt_stop_ctl) == 40, "mmt_stop_ctl");

/* --- trace files (.mmt) ------------------------------------------------- */

/*
 * A trace file is this header followed by the COM2 byte stream exactly as
 * it arrived (garbage included: readers resynchronise on it the same way).
 * Strings are NUL-terminated; a reader also stops at the array's end.
 */
#define MMT_FILE_MAGIC		0x46544d4du	/* "MMTF" on disk */
#define MMT_FILE_HEADER_SIZE	1024
#define MMT_PATH_MAX		256

/* mmt_file_header.flags */
#define MMT_FILE_VIRTIO		0x1	/* the stream came over virtio-serial, not COM2 */

struct mmt_file_header {	/* 1024 bytes */
	uint32_t magic;		/* MMT_FILE_MAGIC */
	uint16_t version;	/* MMT_VERSION */
	uint16_t header_size;	/* bytes before the stream: 1024 and
				   the sections, if any (below) */
	uint64_t created;	/* seconds since 1970 */
	uint8_t  build_id[MMT_BUILD_ID_SIZE];	/* of kernel_path's ELF */
	uint32_t flags;		/* MMT_FILE_* */
	char     kernel_path[MMT_PATH_MAX];	/* ELF the run booted */
	char     cmdline[MMT_PATH_MAX];		/* kernel command line */
	char     qemu_args[472];		/* QEMU options, space-separated */
};
_Static_assert(sizeof(struct mmt_file_header) == MMT_FILE_HEADER_SIZE,
	       "mmt_file_header");

/*
 * Sections: what a trace file keeps beside its stream, so that it reads
 * on a machine without the kernel ELF, as perf's build-id cache keeps the
 * binaries of a perf.data.  They lie between the header and the stream
 * (header_size = MMT_FILE_HEADER_SIZE + their bytes): a reader that knows
 * no sections starts the stream at header_size and never sees them.
 * Each starts with struct mmt_section and is a multiple of 4 bytes; a
 * reader skips the types it does not know by their size.
 */
#define MMT_SEC_SYMS		0x534d5953u	/* "SYMS" on disk */
#define MMT_SEC_SRC		0x20435253u	/* "SRC " on disk */
#define MMT_SEC_MAX	(0xffff - MMT_FILE_HEADER_SIZE)	/* all of them */

struct mmt_section {		/* 8 bytes */
	uint32_t type;		/* MMT_SEC_* */
	uint32_t size;		/* bytes, this header included */
};
_Static_assert(sizeof(struct mmt_section) == 8, "mmt_section");

/*
 * SYMS: the symbol and line of every kernel address the stream holds
 * (MM_REF and MM_FREE callers, PANIC's eip), looked up in the kernel ELF
 * when the trace was recorded: nsyms struct mmt_sym sorted by (addr,
 * flags), then NUL-terminated strings (names and source paths), which
 * the entries point into by offset from the first string.
 */
#define MMT_SYM_RETURN		0x0001	/* addr is a return address: line
					   and function are those of the
					   call before it (addr - 1) */
#define MMT_SYM_NONE		0xffffffffu	/* no file */

struct mmt_sec_syms {		/* 36 bytes, then the entries, strings */
	struct mmt_section h;	/* MMT_SEC_SYMS */
	uint8_t  build_id[MMT_BUILD_ID_SIZE];	/* of the ELF looked in */
	uint32_t nsyms;		/* struct mmt_sym that follow */
	uint32_t strings;	/* bytes of strings after them */
};
_Static_assert(sizeof(struct mmt_sec_syms) == 36, "mmt_sec_syms");

struct mmt_sym {		/* 20 bytes */
	uint32_t addr;		/* as the stream has it */
	uint32_t func;		/* where its function starts */
	uint32_t name;		/* string: the function's name */
	uint32_t file;		/* string: the source file as DWARF names
				   it, or MMT_SYM_NONE */
	uint16_t line;		/* its line in file, 0: none known */
	uint16_t flags;		/* MMT_SYM_* */
};
_Static_assert(sizeof(struct mmt_sym) == 20, "mmt_sym");

/*
 * SRC: lines first..first+nlines-1 of a source file the symbols name
 * (those around each symbol's line), each ending in a newline; a file may
 * have several.  The path (as mmt_sym.file has it) follows the header,
 * NUL-padded to path_len, then the text, NUL-padded to a multiple of 4.
 */
struct mmt_sec_src {		/* 20 bytes, then the path and the text */
	struct mmt_section h;	/* MMT_SEC_SRC */
	uint32_t first;		/* the number of the first line */
	uint32_t nlines;
	uint16_t path_len;	/* bytes of the path, a multiple of 4 */
	uint16_t pad;
};
_Static_assert(sizeof(struct mmt_sec_src) == 20, "mmt_sec_src");

#endif /* MMSCOPE_MMTRACE_H */
