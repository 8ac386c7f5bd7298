/*
 * gentrace.h - what the parts of gentrace share: gentrace.c (options, the
 * output, the run), genkernel.c (the simulated kernel: mms, tasks,
 * context switches) and genwork.c (what tasks do, step by step).
 */
#ifndef MMSCOPE_GENTRACE_H
#define MMSCOPE_GENTRACE_H

#include <stdint.h>
#include "mmtrace.h"

#define MAXCPU		64
#define MAXPID		32768
#define MAXMM		32768
#define FLUSH_EVERY	97	/* records between flushes of every CPU */
#define PGD_BASE	0x00400000u
#define SWAPPER_PGD	0x0020f000u
#define FREE_PAGES	30000u

#define REC(type, st)	{ type, sizeof(struct st), 0 }

#define S_RUNNABLE	MMT_TASK_RUNNING
#define S_SLEEPING	MMT_TASK_SLEEPING
#define S_ZOMBIE	MMT_TASK_ZOMBIE


struct gen_opts {
	const char *out;
	unsigned long events, cpus, tasks, mms, kthreads, seed, after;
	int era;
	const char *inject;
	unsigned long inject_at;
	unsigned long gap_at, gap_len, lost_at, lost_len;
};

struct gtask {
	uint16_t pid, ppid, tgid;
	uint16_t mm, active_mm;
	uint8_t used, kthread, state, cpu, on_cpu, use_mm;
	uint16_t pin;			/* mm pinned by get_task_mm */
	uint8_t exiting;		/* exit_mm done: will die at its switch */
};

struct gmm {
	int users, count;
	uint8_t used;
	uint8_t freed;			/* freed, id not to be given out */
};

struct gcpu {
	struct gtask *curr;
	struct gtask idle;
	uint16_t cr3;
};

extern struct gen_opts opt;
extern struct gtask tasks[MAXPID];
extern struct gmm mms[MAXMM];
extern struct gcpu cpus[MAXCPU];
extern unsigned ntasks, nmms, nkthreads;	/* alive; idle tasks not counted */
extern unsigned pid_hw, mm_hw;		/* above every pid, mm id in use */
extern int winding;			/* no new work: wind down */
extern int injected;			/* the fault happened */
extern uint64_t panic_at;		/* record count to stop at, 0: none */
extern uint64_t nrec;			/* records emitted (event numbers) */
extern uint64_t clock_ts;		/* TSC of the next record */

/* gentrace.c */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
unsigned rnd(unsigned n);
void emit(int c, const void *rec);	/* record rec happens on CPU c now */

/* genkernel.c */
int want(const char *rule);		/* inject rule now? (once) */
void say_injected(uint64_t n);
void mm_ref(int c, unsigned mm, int op, int why);
void mmdrop(int c, unsigned mm, int why);
void mmput(int c, unsigned mm, int why);
unsigned mm_new(int c, unsigned pid, int reason);
unsigned free_pid(void);
struct gtask *task_new(int c, struct gtask *parent, int kthread,
		       unsigned mm, uint32_t clone, const char *comm);
void cr3_load(int c, unsigned mm, int reason);
void enter_lazy(int c, const struct gtask *t);
void task_free_rec(int c, struct gtask *t, unsigned reaper);
struct gtask *find(int (*ok)(const struct gtask *));
int sleeping(const struct gtask *t);
int reapable(const struct gtask *t);
int user_task(const struct gtask *t);
struct gtask *pick(void);
void schedule(int c, int prev_state);

/* genwork.c */
void task_state(int c, struct gtask *t, int state);
void step(int c);

#endif /* MMSCOPE_GENTRACE_H */
