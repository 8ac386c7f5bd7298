/*
 * model.h - the kernel's state as the trace tells it: tasks, mm_structs
 * and CPUs, derived only from events, one event at a time (MODEL.md says
 * what every record does to it).
 *
 *	struct model *m = model_new();
 *	while (evlog_next(&it, &ev))
 *		model_step(m, log, &ev);  // the checker runs inside: checker.h
 *	model_finish(m, log);		  // the input has ended
 *
 * model.c (the transitions) and store.c (its tables: slots, indexes,
 * holder counts, copies) are the only writers of this state, and the
 * checker (checker.c, kpath.c) of its parts of it (the ck fields).  Nothing here points into the event log
 * and nothing draws: the TUI reads a model, the expect matcher reads a
 * model, snapshot.c copies one.
 *
 * Tasks live in task[]: slot c (c < MODEL_MAXCPU) is the idle task of
 * CPU c (pid 0, Linux's swapper/c), the others are allocated as tasks
 * appear and freed by TASK_FREE.  mm_structs live in mm[] while they
 * are allocated; a freed id is only a bit in freed[] until MM_ALLOC
 * gives the id out again.  Walk either array with the *_USED flag test.
 */
#ifndef MMSCOPE_MODEL_MODEL_H
#define MMSCOPE_MODEL_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "trace/decode.h"
#include "trace/evlog.h"
#include "mmtrace.h"

#define MODEL_MAXCPU	64	/* CPUs tracked; later ones are ignored */
#define MODEL_IDS	65536	/* pids and mm ids are u16 */

/* The checker's state, kept inside the model so a snapshot has it too. */
#define CHECK_OPS_MAX		16	/* operations owed or done, per CPU */

/*
 * Why a rule broke, when the checker can name it: an operation a kernel
 * path owed and never did, or one it did that nothing asked for.
 */
enum cause_kind {
	CAUSE_NONE = 0,			/* not known */
	CAUSE_NO_LAZY_GRAB = 1,
	CAUSE_NO_PREV_DROP = 2,
	CAUSE_PREV_OVERWRITE = 3,
	CAUSE_NO_EXIT_GRAB = 4,
	CAUSE_NO_CLONE_GET = 5,
	CAUSE_NO_EXEC_PUT = 6,
	CAUSE_NO_EXEC_DROP = 7,
	CAUSE_NO_USE_GRAB = 8,
	CAUSE_NO_USE_DROP = 9,
	CAUSE_NO_MMPUT_LAST = 10,
	CAUSE_NO_FREE = 11,
	CAUSE_LOST_HOLDER = 12,
	CAUSE_LAST_REF = 13,		/* no cause known: the last MM_REF */
	CAUSE_NO_EXIT_PUT = 14,
	CAUSE_EXTRA_OP = 15,		/* an MM_REF nothing asked for */
	CAUSE_NO_HOLDER = 16,		/* a new mm no task took */
	CAUSE_NO_IDLE_GRAB = 17,
};

/*
 * A cause: one operation of a kernel path, on which mm, on which CPU,
 * for which task, at which event, and the kind of cause it is when it
 * never comes (an operation owed) or when it was not asked for (one
 * done).  16 bytes without padding: snapshots compare models bytewise.
 */
struct cause {
	uint16_t mm;
	uint8_t kind;			/* enum cause_kind */
	uint8_t cpu;			/* the CPU whose kernel path it was */
	uint8_t op;			/* MMT_OP_*, or CK_FREE, CK_HOLDER */
	uint8_t reason;			/* MMT_WHY_* */
	uint16_t pid;			/* the task it was for */
	uint64_t n;			/* the event that owed it, or did it */
};

struct mm_check {			/* written by checker.c only */
	int16_t flux;			/* operations on it under way: owed
					   or done-but-unclaimed, all CPUs */
	uint8_t said;		/* CK_SAID_*: reported once, not again */
	int32_t users_off, count_off;	/* imbalance already reported */
	struct cause cause;		/* what went wrong, if known */
};

struct cpu_check {			/* written by checker.c only */
	uint8_t nowed, ndone;
	struct cause owed[CHECK_OPS_MAX];	/* operations still to come */
	struct cause done[CHECK_OPS_MAX];	/* MM_REFs waiting for the
						   record they go with */
};

/* task.flags */
#define T_USED		0x01	/* the slot holds a task */
#define T_KTHREAD	0x02	/* PF_KTHREAD: no mm of its own */
#define T_IDLE		0x04	/* PF_IDLE: a CPU's idle task */
#define T_USE_MM	0x08 /* a kernel thread between USE_MM and UNUSE_MM */
#define T_ON_CPU	0x10	/* some CPU's current task */
#define T_STALE		0x20	/* alive at a gap, not seen in full since */
#define T_UNKNOWN	0x40	/* first seen without TASK_NEW */

struct task {
	uint16_t pid;
	uint16_t tgid;
	uint16_t ppid;			/* parent */
	uint16_t mm;			/* mm id, 0 = NULL */
	uint16_t active_mm;		/* mm id, 0 = NULL */
	uint8_t cpu;		/* CPU it last ran on (or was queued on) */
	uint8_t state;		/* MMT_TASK_*: running, sleeping, zombie */
	uint8_t flags;			/* T_* */
	char comm[MMT_COMM_LEN];	/* NUL-padded */
	uint32_t link;			/* free slot: the next free slot + 1 */
	uint64_t born;			/* event number of its TASK_NEW */
};

/* mm.flags */
#define M_USED		0x01	/* the slot holds an mm */
#define M_STATIC	0x02 /* init_mm: users 2 held statically, never freed */
#define M_NOCOUNT	0x04	/* counters not known since a gap, until an MM_REF */
#define M_NOHOLD	0x08	/* holders not known since a gap, until freed */

struct mm {
	uint16_t id;
	uint16_t owner;			/* pid it was made for */
	uint32_t pgd;		/* physical address of its page directory */
	int32_t users;		/* mm_users: previous value + operation */
	int32_t count;			/* mm_count, the same */
	uint8_t flags;			/* M_* */
	/* who holds each count (MODEL.md "Who holds a count") */
	uint16_t h_users;		/* tasks with mm == id, not in use_mm */
	uint16_t h_lazy;		/* tasks with active_mm == id and no mm
					   of their own (borrowers, exiting
					   tasks) or in use_mm */
	uint16_t h_grabs;		/* of h_lazy: use_mm threads */
	uint16_t h_prev;	/* CPUs with rq->prev_mm == id, pending */
	uint16_t h_cr3;			/* CPUs with its pgd in CR3 */
	uint16_t pins;			/* get_task_mm references */
	uint16_t gen;		/* its life: the how-many-th mm_struct to
				   hold this id it is, 1 for the first
				   (lives.h) */
	uint64_t cpumask;		/* MM_CPUMASK: CPUs in mm_cpumask */
	uint32_t link;			/* free slot: the next free slot + 1 */
	uint32_t caller;		/* caller of its last MM_REF */
	uint64_t alloc_n;	/* event of its MM_ALLOC (or first sight) */
	uint64_t ref_n;			/* event of its last MM_REF */
	struct mm_check ck;
};

struct cpu {
	uint8_t online;			/* CPU_ONLINE seen, or any record */
	uint8_t lazy;			/* current runs on a borrowed active_mm
					   (also after LEAVE_MM) */
	uint8_t prev_stale;		/* prev_mm outlived its switch: the
					   reference is no longer pending */
	uint8_t in_gap;			/* it lost events and has sent
					   nothing since */
	uint8_t prev_switch;		/* prev_mm set by its SWITCH (flag
					   PREV_MM); the PREV_MM set record
					   that says it again is to come */
	uint16_t current;		/* pid of its current task (0: idle) */
	uint16_t cr3;			/* mm whose pgd is loaded; 1 =
					   swapper_pg_dir, 0 = not known yet */
	uint16_t prev_mm;		/* rq->prev_mm, 0 = none */
	uint64_t switch_n;	/* its last SWITCH's event + 1; 0: none */
	struct cpu_check ck;
};

/* What the last MM_REF applied did, for dump --json and the checker. */
struct model_ref {
	uint16_t mm;
	uint8_t alive;			/* the mm was allocated */
	uint8_t known;			/* its counters were known before */
	int32_t users0, count0;		/* before the operation */
	int32_t users1, count1;		/* derived: before + operation */
};

struct check_sink;
struct lives;

/*
 * Everything up to and including cpu[] is one plain block that a
 * snapshot copies (cpu[] last, so only ncpu of them); the arrays after it
 * are copied slot by slot; the indexes are rebuilt.
 */
struct model {
	uint64_t n;		/* events applied: the state before event n */
	/* the run, from STREAM, BOOT, CPU_ONLINE */
	uint8_t era;			/* MMT_ERA_*, 0 before BOOT */
	uint8_t bug;			/* MMT_BUG_* */
	uint8_t smp;
	uint8_t stream_ncpu;		/* STREAM.ncpu */
	uint32_t tsc_khz;
	char scenario[MMT_SCEN_NAME + 1];
	/* how it ended */
	uint64_t end_n;			/* END's event + 1, 0: no END yet */
	struct mmt_end end;
	uint64_t panic_n;		/* PANIC's event + 1, 0: none */
	/* losses */
	uint64_t lost;			/* events lost in gaps and LOST */
	uint32_t gaps;			/* gaps and LOST records */
	uint64_t gap_n;			/* the last gap's event + 1, 0: none */
	uint32_t gaps_open;		/* CPUs in_gap: what they lost may be
					   interleaved with what comes now */
	/* totals */
	uint32_t ntasks;		/* tasks alive, idle tasks excluded */
	uint32_t nmms;			/* mms alive, init_mm excluded */
	uint32_t dangling;	/* mms freed while something held them */
	uint32_t ignored_cpu;		/* records of CPUs >= MODEL_MAXCPU */
	struct model_ref ref;		/* the last MM_REF */
	uint16_t touched[8];	/* checker.c: mms of the event in hand */
	uint8_t ntouched;
	/* the checker's global state, checker.c only */
	uint32_t violations;		/* reported so far */
	uint8_t uaf_said[MODEL_IDS / 8]; /* use_after_free said, per id */
	uint8_t freed[MODEL_IDS / 8];	/* mm ids freed, not allocated again */
	uint32_t ntask;			/* slots of task[] in use or free */
	uint32_t nmm;			/* slots of mm[] in use or free */
	uint32_t nlife;			/* ids in mm_life[]: the highest
					   allocated + 1 */
	uint32_t task_free, mm_free; /* free-slot lists: slot + 1, 0 = none */
	uint32_t ncpu;			/* cpu[0..ncpu) mean something */
	struct cpu cpu[MODEL_MAXCPU];	/* last in the snapshot block */

	struct task *task;		/* task[0..ntask) */
	size_t task_cap;		/* room in task[] */
	struct mm *mm;			/* mm[0..nmm) */
	size_t mm_cap;			/* room in mm[] */
	uint32_t *pid_slot;	/* pid -> slot + 1, 0 = none (not pid 0) */
	uint32_t *mm_slot;	/* mm id -> slot + 1, 0 = not allocated */
	uint16_t *mm_life;	/* mm id -> mm_structs that have held it
				   (mm_life[0..nlife)); copied by snapshots */
	size_t mm_life_cap;		/* room in mm_life[] */
	const struct check_sink *sink;	/* where findings go; NULL: nowhere */
	struct lives *lives;	/* the tail's record of every life
				   (lives.h); NULL: not kept */
};

/* A new model in the state before any event, or NULL (out of memory). */
struct model *model_new(void);
void model_free(struct model *m);

/* Back to the state before any event (the sink stays). */
void model_reset(struct model *m);

/*
 * Apply event ev of log, which must be event number m->n: first the
 * log's notes placed before it that say events were lost (a gap or a
 * LOST record: model_note), then the event (model_apply).
 */
void model_step(struct model *m, const struct evlog *log,
		const struct mmt_event *ev);
void model_apply(struct model *m, const struct mmt_event *ev);
void model_note(struct model *m, const struct mmt_diag *g);

/* The input has ended after m->n events: the notes placed at the end,
 * and the checks that need the end. */
void model_finish(struct model *m, const struct evlog *log);

/* dst becomes a copy of src's state (its own sink stays). */
void model_copy(struct model *dst, const struct model *src);

/* Task pid (pid 0: the idle task of cpu), or NULL if it does not exist. */
struct task *model_task(const struct model *m, unsigned pid, unsigned cpu);

/* The allocated mm with this id, or NULL. */
struct mm *model_mm(const struct model *m, unsigned id);

/*
 * How many mm_structs have held id so far: the life of the one that
 * holds it now, or held it last (0: none has).
 */
static inline unsigned model_mm_life(const struct model *m, unsigned id)
{
	return id < m->nlife ? m->mm_life[id] : 0;
}

/*
 * The name of mm id as the model knows it now (lives.h): "3" for the
 * first mm_struct to hold the id, "3·2" for the second.  Returns buf.
 */
char *model_mm_name(const struct model *m, unsigned id, int utf8, char *buf,
		    size_t len);

/* Was mm id freed (and not allocated again)? */
static inline int model_mm_freed(const struct model *m, unsigned id)
{
	return (m->freed[id >> 3] >> (id & 7)) & 1;
}

/*
 * What mm_users and mm_count of x should be, from who holds them:
 *	users = tasks using it + get_task_mm pins (+ 2 for init_mm)
 *	count = (users > 0) + lazy borrowers and use_mm grabs + pending
 *		rq->prev_mm
 */
int model_users_held(const struct model *m, const struct mm *x);
int model_count_held(const struct model *m, const struct mm *x);

/*
 * The offsets of the fields of a record type that name an mm (mm,
 * active_mm, prev_active, ...): *n of them.  Ready once a model exists.
 */
extern uint8_t model_mm_off[256][4];
extern uint8_t model_mm_nfields[256];

static inline const uint8_t *model_mm_fields(unsigned type, unsigned *n)
{
	*n = model_mm_nfields[type];
	return model_mm_off[type];
}

/*
 * Snapshots (snapshot.c): model_save writes m's state into buf, which
 * must have model_snap_size(m) bytes; model_load_saved makes m that
 * state again (its sink stays).
 */
size_t model_snap_size(const struct model *m);
void model_save(const struct model *m, void *buf);
void model_load_saved(struct model *m, const void *buf);

#endif /* MMSCOPE_MODEL_MODEL_H */
