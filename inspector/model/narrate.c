/*
 * narrate.c - the narration catalogue; see narrate.h.
 *
 * Every sentence is a template in the table below, with {name} where a
 * value goes.  Narrating an event picks its template (the record type
 * and a variant), fills the values the template names from the record
 * and the model before it, and expands it.  Reading the catalogue is
 * reading everything the narration line can say.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "trace/names.h"
#include "model/lives.h"
#include "model/narrate.h"

struct sentence {
	uint8_t type;			/* MMT_* */
	uint8_t variant;		/* NV_*, or MM_REF's reason */
	const char *text;
};

#define S(t, v, s)	{ t, v, s }

static const struct sentence catalogue[] = {
	/* stream and boot */
	S(MMT_STREAM, 0, "The trace begins: protocol version {version}, "
	  "{ncpu} CPU(s) announced."),
	S(MMT_BOOT, 0, "The kernel boots as Linux {era} would, to run "
	  "scenario {scenario} ({smp} CPU(s) asked for, fault injected: "
	  "{bug})."),
	S(MMT_CPU_ONLINE, 0, "CPU {cpu} is online (APIC id {apic})."),
	S(MMT_MARK, 0, "{who} marks: \"{text}\"."),
	S(MMT_LOST, 0, "CPU {cpu} lost {count} events here: its trace ring "
	  "was full (overflow mode)."),
	S(MMT_PANIC, 0, "Kernel panic on CPU {cpu} in {who}: {text}."),
	S(MMT_END, 0, "The scenario ends with status {status}: {text}."),
	S(MMT_END, NV_OK, "The scenario ends: ok, with {tasks} task(s) and "
	  "{mms} mm(s) still allocated and {pages} page(s) not given back."),
	S(MMT_MSG, 0, "The kernel says ({level}): {text}."),
	/* tasks */
	S(MMT_TASK_NEW, NV_FORK, "{parent} forks {child}: dup_mm gives it "
	  "{mm}, its own copy of the address space."),
	S(MMT_TASK_NEW, NV_THREAD, "{parent} creates the thread {child}, "
	  "which shares {mm} (CLONE_VM)."),
	S(MMT_TASK_NEW, NV_VFORK, "{parent} vforks {child}: the child uses "
	  "{mm} until it execs or exits, and the parent sleeps until then."),
	S(MMT_TASK_NEW, NV_KTHREAD, "{parent} creates the kernel thread "
	  "{child}: it has no mm of its own and will borrow one."),
	S(MMT_TASK_NEW, NV_IDLE, "{child} is CPU {cpu}'s idle task: a kernel "
	  "thread without mm, on {active} as its active_mm."),
	S(MMT_TASK_EXIT, 0, "{who} exits with status {code}: a zombie now, "
	  "until its parent reaps it."),
	S(MMT_TASK_EXIT, NV_SIGNAL, "{who} is killed by signal {signal}: a "
	  "zombie now, until its parent reaps it."),
	S(MMT_TASK_EXIT, NV_AUTOREAP, "{who} exits with status {code}: nobody "
	  "will wait for it, so the kernel reaps it at once (autoreap)."),
	S(MMT_TASK_EXIT, NV_KTHREAD_EXIT, "The kernel thread {who} exits (its "
	  "function returned {code}): nobody waits for a kernel thread, so "
	  "the kernel reaps it at once."),
	S(MMT_TASK_FREE, 0, "The kernel frees the task_struct of {who}."),
	S(MMT_TASK_FREE, NV_REAPED, "{reaper} reaps {who}: its task_struct "
	  "is freed."),
	S(MMT_TASK_STATE, MMT_TASK_RUNNING, "{who} wakes up."),
	S(MMT_TASK_STATE, MMT_TASK_SLEEPING, "{who} goes to sleep."),
	S(MMT_TASK_STATE, MMT_TASK_ZOMBIE, "{who} is a zombie."),
	S(MMT_TASK_STATE, MMT_TASK_DEAD, "{who} is dead."),
	S(MMT_EXEC, 0, "{who} execs {comm}: exec_mmap replaces {old} with "
	  "the new {new}."),
	S(MMT_EXEC, NV_FIRST_MM, "{who}, a kernel thread, execs {comm}: it "
	  "gets {new}, its first mm, and is a kernel thread no more."),
	S(MMT_MIGRATE, 0, "{who} moves from CPU {from} to CPU {to}."),
	/* mm_struct */
	S(MMT_MM_ALLOC, 0, "{mm} is allocated for pid {pid}: mm_users "
	  "{users}, mm_count {count}."),
	S(MMT_MM_ALLOC, MMT_ALLOC_FORK, "dup_mm allocates {mm} for the "
	  "child pid {pid}: mm_users {users}, mm_count {count}."),
	S(MMT_MM_ALLOC, MMT_ALLOC_EXEC, "mm_alloc makes {mm} for the exec "
	  "of {who}: mm_users {users}, mm_count {count}."),
	S(MMT_MM_ALLOC, MMT_ALLOC_INIT, "init_mm, the kernel's own mm "
	  "(swapper_pg_dir at {pgd}), starts with mm_users {users}, "
	  "mm_count {count}."),
	S(MMT_MM_FREE, 0, "mm_count of {mm} is 0: __mmdrop frees it and its "
	  "page directory {pgd}."),
	S(MMT_EXIT_MMAP, 0, "exit_mmap tears down the user mappings of {mm} "
	  "({vmas} regions, {pages} pages); the mm_struct stays while "
	  "mm_count > 0."),
	S(MMT_USE_MM, 0, "The kernel thread {who} adopts {mm} with use_mm "
	  "(its active_mm was {old})."),
	S(MMT_UNUSE_MM, 0, "{who} lets go of {mm} with unuse_mm and keeps it "
	  "only as a lazy active_mm."),
	S(MMT_MM_MAP, 0, "{who} maps {len} bytes at {start} into {mm} "
	  "(mmap)."),
	S(MMT_MM_MAP, NV_MUNMAP, "{who} unmaps {len} bytes at {start} from "
	  "{mm} (munmap)."),
	S(MMT_MM_MAP, NV_BRK, "{who} moves the heap of {mm}: {len} bytes "
	  "from {start} (brk)."),
	/* the reference operations, by reason */
	S(MMT_MM_REF, NV_OTHER_REASON, "{op} on {mm} (reason {reason}): "
	  "{ctr}."),
	S(MMT_MM_REF, MMT_WHY_CLONE_VM, "copy_mm: the task {who} creates "
	  "with CLONE_VM will share {mm}: {ctr}."),
	S(MMT_MM_REF, NV_REF_THREAD, "copy_mm: {child}, the thread {who} "
	  "creates, will share {mm} (CLONE_VM): {ctr}."),
	S(MMT_MM_REF, NV_REF_VFORK, "copy_mm: {child}, the child {who} "
	  "vforks, will use {mm} until it execs or exits (CLONE_VM): {ctr}."),
	S(MMT_MM_REF, MMT_WHY_EXIT_GRAB, "exit_mm: {who} grabs {mm} to keep "
	  "running on it as active_mm once its mm is NULL: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_EXIT_MM, "exit_mm: {who} gives up its use of "
	  "{mm}: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_MMPUT_LAST, "mmput: no user of {mm} is left, "
	  "so the reference the users held together goes: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_LAZY_BORROW, "{who} borrows {mm} from {prev} "
	  "(lazy TLB): {ctr}."),
	S(MMT_MM_REF, MMT_WHY_PREV_MM, "finish_task_switch drops {mm}, the "
	  "active_mm {prev} left in rq->prev_mm: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_EXEC, "exec_mmap: {who} puts its old {mm}: "
	  "{ctr}."),
	S(MMT_MM_REF, MMT_WHY_EXEC_LAZY, "exec_mmap: {who} had no mm and "
	  "drops the active_mm it borrowed, {mm}: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_USE_MM, "use_mm: the kernel thread {who} "
	  "grabs {mm} to adopt it: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_USE_MM_DROP, "use_mm: {who} drops its old "
	  "active_mm, {mm}: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_IDLE_INIT, "{who}, CPU {cpu}'s idle task, "
	  "takes {mm} as its active_mm: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_GET_TASK_MM, "get_task_mm: {who} pins {mm} "
	  "of another task: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_PUT_TASK_MM, "{who} ends its get_task_mm pin "
	  "on {mm} with mmput: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_FORK_FAIL, "copy_process failed: the "
	  "reference the new child took on {mm} is put back: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_IDLE_EXIT, "idle_task_exit: CPU {cpu} goes "
	  "down and drops {mm}, which its idle task borrowed: {ctr}."),
	S(MMT_MM_REF, MMT_WHY_EXEC_FAIL, "exec failed after mm_alloc: {who} "
	  "puts the new {mm}: {ctr}."),
	/* scheduler */
	S(MMT_SWITCH, NV_SW_LOAD, "CPU {cpu} switches from {prev} ({why}) "
	  "to {next}: switch_mm loads {mm} into CR3{pm}."),
	S(MMT_SWITCH, NV_SW_SAME, "CPU {cpu} switches from {prev} ({why}) "
	  "to {next}: both run on {mm}, so CR3 stays{pm}."),
	S(MMT_SWITCH, NV_SW_LAZY, "CPU {cpu} switches from {prev} ({why}) "
	  "to the kernel thread {next}, which borrows {active} (lazy TLB): "
	  "context_switch's mmgrab follows{pm}."),
	S(MMT_SWITCH, NV_SW_HANDOFF, "CPU {cpu} switches from {prev} ({why}) "
	  "to the kernel thread {next}: the borrow of {active} is handed "
	  "over, no count changes{pm}."),
	S(MMT_SWITCH, NV_SW_OTHER, "CPU {cpu} switches from {prev} ({why}) "
	  "to {next}{pm}."),
	S(MMT_SWITCH, NV_SW_PREV, "; {prev} has no mm, so context_switch "
	  "leaves {old} in rq->prev_mm for finish_task_switch to drop"),
	S(MMT_ENTER_LAZY, 0, "{who} enters lazy TLB mode: it has no mm of "
	  "its own and runs on {mm}."),
	S(MMT_ENTER_LAZY, NV_EXITING, "exit_mm: {who} sets its mm to NULL "
	  "and runs on, lazily, on {mm}; its mmput follows."),
	S(MMT_PREV_MM, 0, "context_switch leaves {mm} in CPU {cpu}'s "
	  "rq->prev_mm, to be dropped once the switch is done."),
	S(MMT_PREV_MM, NV_DROP, "finish_task_switch takes {mm} from "
	  "rq->prev_mm to drop it: the mmdrop follows."),
	/* SMP and TLB */
	S(MMT_CR3_LOAD, 0, "CPU {cpu} loads the page directory of {mm} "
	  "({pgd}) into CR3 ({reason})."),
	S(MMT_LEAVE_MM, 0, "CPU {cpu} was lazy on {mm} and got a TLB "
	  "shootdown: leave_mm loads swapper_pg_dir, but {mm} stays its "
	  "active_mm, reference and all."),
	S(MMT_IPI_SEND, 0, "CPU {cpu} sends an IPI of an unknown kind ({ipi}) "
	  "to CPU(s) {mask}."),
	S(MMT_IPI_SEND, NV_IPI(MMT_IPI_TLB), "CPU {cpu} sends a TLB "
	  "shootdown IPI to CPU(s) {mask}: they flush what their TLBs hold "
	  "of {mm}."),
	S(MMT_IPI_SEND, NV_IPI(MMT_IPI_RESCHED), "CPU {cpu} sends a "
	  "reschedule IPI to CPU(s) {mask}: a task was woken for it to run."),
	S(MMT_IPI_SEND, NV_IPI(MMT_IPI_STOP), "CPU {cpu} sends a stop IPI to "
	  "CPU(s) {mask}: the run is ending, the CPU goes down."),
	S(MMT_IPI_RECV, 0, "CPU {cpu} receives an IPI of an unknown kind "
	  "({ipi}) from CPU {from}."),
	S(MMT_IPI_RECV, NV_IPI(MMT_IPI_TLB), "CPU {cpu} receives a TLB "
	  "shootdown IPI from CPU {from} for {mm}."),
	S(MMT_IPI_RECV, NV_IPI(MMT_IPI_RESCHED), "CPU {cpu} receives a "
	  "reschedule IPI from CPU {from}: it has a task to run."),
	S(MMT_IPI_RECV, NV_IPI(MMT_IPI_STOP), "CPU {cpu} receives a stop IPI "
	  "from CPU {from}: it goes down."),
	S(MMT_MM_CPUMASK, 0, "CPU {cpu} enters the mm_cpumask of {mm}."),
	S(MMT_MM_CPUMASK, NV_LEFT, "CPU {cpu} leaves the mm_cpumask of "
	  "{mm}."),
	/* measurement */
	S(MMT_STAT, 0, "The kernel measured {name} = {value}."),
};

#define NSENTENCES	(sizeof catalogue / sizeof catalogue[0])

const char *narrate_template(unsigned type, unsigned variant)
{
	size_t i;

	for (i = 0; i < NSENTENCES; i++)
		if (catalogue[i].type == type && catalogue[i].variant == variant)
			return catalogue[i].text;
	return NULL;
}

/* --- values and expansion ------------------------------------------ */

#define NVARS	12

struct vars {
	const struct narrator *nr;
	const struct mmt_event *ev;
	unsigned n;
	const char *key[NVARS];
	char val[NVARS][160];	/* a clause ({pm}) is one value */
};

static void set(struct vars *v, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set(struct vars *v, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (v->n == NVARS)
		return;
	v->key[v->n] = key;
	va_start(ap, fmt);
	vsnprintf(v->val[v->n], sizeof v->val[0], fmt, ap);
	va_end(ap);
	v->n++;
}

static const char *get(const struct vars *v, const char *key, size_t klen)
{
	unsigned i;

	for (i = 0; i < v->n; i++)
		if (strlen(v->key[i]) == klen && !memcmp(v->key[i], key, klen))
			return v->val[i];
	return NULL;
}

/* Expand tmpl into buf; a {name} without a value stays as it is. */
static char *expand(const char *tmpl, const struct vars *v, char *buf,
		    size_t len)
{
	const char *p, *end, *val;
	size_t at = 0;

	for (p = tmpl; *p && at + 1 < len; p++) {
		end = *p == '{' ? strchr(p, '}') : NULL;
		val = end ? get(v, p + 1, end - p - 1) : NULL;
		if (!val) {
			buf[at++] = *p;
			continue;
		}
		at += snprintf(buf + at, len - at, "%s", val);
		if (at >= len)
			at = len - 1;
		p = end;
	}
	buf[at] = '\0';
	return buf;
}

static char *say(const struct vars *v, unsigned type, unsigned variant,
		 char *buf, size_t len)
{
	const char *t = narrate_template(type, variant);

	if (!t) {
		snprintf(buf, len, "A %s record.", mmt_type_name(type) ?
			 mmt_type_name(type) : "record of an unknown type");
		return buf;
	}
	return expand(t, v, buf, len);
}

/* A task as comm[pid]; pid 0 is the idle task of cpu. */
static void set_task(struct vars *v, const char *key, unsigned pid,
		     unsigned cpu)
{
	const struct task *t = v->nr->m ? model_task(v->nr->m, pid, cpu) : NULL;

	if (pid == 0)
		set(v, key, "swapper/%u", cpu);
	else if (t && t->comm[0])
		set(v, key, "%.*s[%u]", MMT_COMM_LEN, t->comm, pid);
	else
		set(v, key, "pid %u", pid);
}

/*
 * An mm by its name (lives.h): "mm 3", "mm 3·2".  The model before the
 * event knows the life of the mm_struct the id names, but for an
 * MM_ALLOC, which begins the next one.
 */
static void set_mm(struct vars *v, const char *key, unsigned id)
{
	const struct model *m = v->nr->m;
	const char *arrow = v->nr->arrow;
	unsigned life = m ? model_mm_life(m, id) : 0;
	char name[LIFE_NAME_MAX];
	uint16_t born;

	if (v->ev->type == MMT_MM_ALLOC) {
		memcpy(&born, v->ev->rec + offsetof(struct mmt_mm_alloc, mm),
		       2);
		life += born == id && m;
	}
	if (id == MMT_MM_INIT)
		set(v, key, "init_mm");
	else if (id == MMT_MM_NULL)
		set(v, key, "no mm");
	else
		set(v, key, "mm %s", life_name(id, life, arrow &&
		    strcmp(arrow, "->"), name, sizeof name));
}

/* The CPU's current task, before the event. */
static unsigned current_pid(const struct vars *v)
{
	const struct model *m = v->nr->m;

	return m && v->ev->cpu < m->ncpu ? m->cpu[v->ev->cpu].current : 0;
}

static void set_text(struct vars *v, const char *key, size_t fixed)
{
	const char *text;
	size_t n = decode_text(v->ev, fixed, &text);

	while (n && (text[n - 1] == '.' || text[n - 1] == ' ' ||
		     text[n - 1] == '\n'))
		n--;			/* the template ends the sentence */
	set(v, key, "%.*s", (int)n, text);
}

/* --- records ----------------------------------------------------------- */

/* The prev of the last SWITCH on ev's CPU before ev (the task a borrow
 * came from, the one that left rq->prev_mm); 0 if not found nearby. */
static int switch_before(const struct vars *v, unsigned *prev)
{
	const struct mmt_event *ev = v->ev;
	struct evlog_iter it;
	struct mmt_event e;
	struct mmt_switch s;
	int found = 0;

	if (!v->nr->log)
		return 0;
	evlog_iter_init(&it, v->nr->log, ev->n > 64 ? ev->n - 64 : 0);
	while (it.n < ev->n && evlog_next(&it, &e)) {
		if (e.type != MMT_SWITCH || e.cpu != ev->cpu)
			continue;
		decode_copy(&e, &s, sizeof s);
		*prev = s.prev;
		found = 1;
	}
	return found;
}

/*
 * The first record of type (TASK_NEW, TASK_FREE: of that pid, unless
 * pid < 0) on ev's CPU after ev, before that CPU's next SWITCH and within
 * a few events (the rest of the kernel path ev is part of): 0 and *out,
 * or -1 (not there, or not in the log yet).
 */
static int path_after(const struct vars *v, unsigned type, int pid,
		      struct mmt_event *out)
{
	uint16_t p;

	const struct mmt_event *ev = v->ev;
	struct evlog_iter it;
	struct mmt_event e;

	if (!v->nr->log)
		return -1;
	evlog_iter_init(&it, v->nr->log, ev->n + 1);
	while (it.n < ev->n + 64 && evlog_next(&it, &e)) {
		if (e.cpu != ev->cpu)
			continue;
		memcpy(&p, e.rec + sizeof(struct mmt_rec), 2);
		if (e.type == type && (pid < 0 || p == pid)) {
			*out = e;	/* pid: the first field of both */
			return 0;
		}
		if (e.type == MMT_SWITCH)
			break;
	}
	return -1;
}

/* copy_mm's mmget for CLONE_VM: which child, a thread or a vfork's. */
static unsigned clone_vm_child(struct vars *v)
{
	struct mmt_task_new r;
	struct mmt_event e;

	if (path_after(v, MMT_TASK_NEW, -1, &e) < 0)
		return MMT_WHY_CLONE_VM;
	decode_copy(&e, &r, sizeof r);
	set(v, "child", "%.*s[%u]", MMT_COMM_LEN, r.comm, r.pid);
	return r.clone_flags & MMT_CLONE_VFORK ? NV_REF_VFORK : NV_REF_THREAD;
}

static char *mm_ref(struct vars *v, char *buf, size_t len)
{
	struct mmt_mm_ref r;
	const char *op, *ctr;
	unsigned prev;
	int d;

	decode_copy(v->ev, &r, sizeof r);
	op = names_of(v->nr->m && v->nr->m->era == MMT_ERA_2632 ?
		      &names_op_2632 : &names_op, r.op);
	d = r.op == MMT_OP_MMGET || r.op == MMT_OP_MMGRAB ? 1 : -1;
	ctr = r.op <= MMT_OP_MMPUT ? "mm_users" : "mm_count";
	set(v, "ctr", "%s %d%s%d", ctr, (r.op <= MMT_OP_MMPUT ? r.users :
	    r.count) - d, v->nr->arrow, r.op <= MMT_OP_MMPUT ? r.users :
	    r.count);
	set_mm(v, "mm", r.mm);
	set_task(v, "who", current_pid(v), v->ev->cpu);
	set(v, "op", "%s", op ? op : "an operation");
	set(v, "reason", "%u", r.reason);
	set(v, "cpu", "%u", v->ev->cpu);
	if (switch_before(v, &prev))
		set_task(v, "prev", prev, v->ev->cpu);
	else
		set(v, "prev", "the task before it");
	if (r.reason == MMT_WHY_CLONE_VM)
		return say(v, MMT_MM_REF, clone_vm_child(v), buf, len);
	return say(v, MMT_MM_REF, names_of(&names_reason, r.reason) ?
		   r.reason : NV_OTHER_REASON, buf, len);
}

static char *task_new(struct vars *v, char *buf, size_t len)
{
	struct mmt_task_new r;
	unsigned variant = NV_FORK;

	decode_copy(v->ev, &r, sizeof r);
	set_task(v, "parent", r.ppid, v->ev->cpu);
	if (r.pid)
		set(v, "child", "%.*s[%u]", MMT_COMM_LEN, r.comm, r.pid);
	else
		set(v, "child", "swapper/%u", v->ev->cpu);
	set_mm(v, "mm", r.mm);
	set_mm(v, "active", r.active_mm);
	set(v, "cpu", "%u", v->ev->cpu);
	if (r.pid == 0 || (r.flags & MMT_PF_IDLE))
		variant = NV_IDLE;
	else if (r.flags & MMT_PF_KTHREAD)
		variant = NV_KTHREAD;
	else if ((r.clone_flags & MMT_CLONE_VFORK) && r.mm)
		variant = NV_VFORK;
	else if (r.clone_flags & MMT_CLONE_VM)
		variant = NV_THREAD;
	return say(v, MMT_TASK_NEW, variant, buf, len);
}

/*
 * Who reaps a task that exits: a kernel thread, or a task nobody will
 * wait for, is freed at once (TASK_FREE by the kernel, reaper 0, in the
 * same kernel path); else its parent, later.
 */
static unsigned exit_variant(const struct vars *v, const struct mmt_task_exit *x)
{
	const struct task *t = v->nr->m ? model_task(v->nr->m, x->pid,
						     v->ev->cpu) : NULL;
	struct mmt_task_free f;
	struct mmt_event e;

	if (t && (t->flags & T_KTHREAD))
		return NV_KTHREAD_EXIT;
	if (path_after(v, MMT_TASK_FREE, x->pid, &e) == 0) {
		decode_copy(&e, &f, sizeof f);
		if (f.reaper == 0)
			return NV_AUTOREAP;
	}
	return x->signal ? NV_SIGNAL : 0;
}

/* TASK_EXIT, TASK_FREE, TASK_STATE, MIGRATE: records about one task. */
static char *task_misc(struct vars *v, char *buf, size_t len)
{
	union {
		struct mmt_task_exit x;
		struct mmt_task_free f;
		struct mmt_task_state s;
		struct mmt_migrate g;
	} r;
	unsigned c = v->ev->cpu, t = v->ev->type;

	decode_copy(v->ev, &r, sizeof r);
	set_task(v, "who", r.x.pid, c);		/* pid is first in each */
	if (t == MMT_TASK_EXIT) {
		set(v, "code", "%d", r.x.code);
		set(v, "signal", "%u", r.x.signal);
		return say(v, t, exit_variant(v, &r.x), buf, len);
	}
	if (t == MMT_TASK_FREE) {
		set_task(v, "reaper", r.f.reaper, c);
		return say(v, t, r.f.reaper ? NV_REAPED : 0, buf, len);
	}
	if (t == MMT_TASK_STATE)
		return say(v, t, NV_STATE(r.s.state), buf, len);
	set(v, "from", "%u", r.g.from_cpu);
	set(v, "to", "%u", r.g.to_cpu);
	return say(v, t, 0, buf, len);
}

static char *exec(struct vars *v, char *buf, size_t len)
{
	struct mmt_exec r;

	decode_copy(v->ev, &r, sizeof r);
	set_task(v, "who", r.pid, v->ev->cpu);
	set(v, "comm", "%.*s", MMT_COMM_LEN, r.comm);
	set_mm(v, "old", r.old_mm);
	set_mm(v, "new", r.new_mm);
	return say(v, MMT_EXEC, r.old_mm ? 0 : NV_FIRST_MM, buf, len);
}

static char *mm_alloc(struct vars *v, char *buf, size_t len)
{
	struct mmt_mm_alloc r;

	decode_copy(v->ev, &r, sizeof r);
	set_mm(v, "mm", r.mm);
	set(v, "pid", "%u", r.pid);
	set_task(v, "who", r.pid, v->ev->cpu);
	set(v, "pgd", "0x%x", r.pgd);
	set(v, "users", "%d", r.users);
	set(v, "count", "%d", r.count);
	return say(v, MMT_MM_ALLOC, r.reason <= MMT_ALLOC_INIT ?
		   NV_ALLOC(r.reason) : 0, buf, len);
}

/* MM_FREE, EXIT_MMAP, USE_MM, UNUSE_MM, MM_MAP: records about one mm. */
static char *mm_misc(struct vars *v, char *buf, size_t len)
{
	union {
		struct mmt_mm_free f;
		struct mmt_exit_mmap x;
		struct mmt_use_mm u;
		struct mmt_mm_map p;
	} r;
	unsigned t = v->ev->type;

	decode_copy(v->ev, &r, sizeof r);
	if (t == MMT_USE_MM || t == MMT_UNUSE_MM) {
		set_task(v, "who", r.u.pid, v->ev->cpu);
		set_mm(v, "mm", r.u.mm);
		set_mm(v, "old", r.u.old_active);
		return say(v, t, 0, buf, len);
	}
	set_task(v, "who", current_pid(v), v->ev->cpu);
	set_mm(v, "mm", r.f.mm);	/* mm is first in each */
	set(v, "pgd", "0x%x", r.f.pgd);
	set(v, "vmas", "%u", r.x.vmas);
	set(v, "pages", "%u", r.x.pages);
	if (t != MMT_MM_MAP)
		return say(v, t, 0, buf, len);
	set(v, "start", "0x%x", r.p.start);
	set(v, "len", "%u", r.p.len);
	return say(v, t, r.p.op == MMT_MAP_MUNMAP ? NV_MUNMAP :
		   r.p.op == MMT_MAP_BRK ? NV_BRK : 0, buf, len);
}

/* Why prev stops running: its state, in words (the idle task: idle). */
static const char *prev_state_words(unsigned pid, unsigned s)
{
	if (pid == 0 && s == MMT_TASK_RUNNING)
		return "idle";
	switch (s) {
	case MMT_TASK_RUNNING:	return "still runnable";
	case MMT_TASK_SLEEPING:	return "sleeping";
	case MMT_TASK_ZOMBIE:	return "exiting";
	case MMT_TASK_DEAD:	return "dead";
	}
	return "state unknown";
}

static char *context_switch(struct vars *v, char *buf, size_t len)
{
	struct mmt_switch s;
	char pm[NARRATE_MAX] = "";
	unsigned variant = NV_SW_OTHER;

	decode_copy(v->ev, &s, sizeof s);
	set(v, "cpu", "%u", v->ev->cpu);
	set_task(v, "prev", s.prev, v->ev->cpu);
	set_task(v, "next", s.next, v->ev->cpu);
	set(v, "why", "%s", prev_state_words(s.prev, s.prev_state));
	set_mm(v, "mm", s.next_mm);
	set_mm(v, "active", s.next_active);
	set_mm(v, "old", s.prev_active);
	if (s.flags & MMT_SW_PREV_MM)
		say(v, MMT_SWITCH, NV_SW_PREV, pm, sizeof pm);
	set(v, "pm", "%s", pm);
	if (s.flags & MMT_SW_HANDOFF)
		variant = NV_SW_HANDOFF;
	else if (s.flags & MMT_SW_LAZY)
		variant = NV_SW_LAZY;
	else if (s.flags & MMT_SW_LOAD)
		variant = NV_SW_LOAD;
	else if (s.flags & MMT_SW_SAME)
		variant = NV_SW_SAME;
	return say(v, MMT_SWITCH, variant, buf, len);
}

/* ENTER_LAZY, PREV_MM, LEAVE_MM, MM_CPUMASK: a CPU and an mm. */
static char *cpu_mm(struct vars *v, char *buf, size_t len)
{
	union {
		struct mmt_enter_lazy e;
		struct mmt_prev_mm p;
		struct mmt_leave_mm l;
		struct mmt_mm_cpumask k;
	} r;
	const struct task *t;
	unsigned type = v->ev->type, c = v->ev->cpu;

	decode_copy(v->ev, &r, sizeof r);
	set(v, "cpu", "%u", c);
	if (type != MMT_ENTER_LAZY) {
		set_mm(v, "mm", r.p.mm);	/* mm is first in each */
		if (type == MMT_PREV_MM)
			return say(v, type, r.p.action == MMT_PREV_DROP ?
				   NV_DROP : 0, buf, len);
		if (type == MMT_MM_CPUMASK)
			return say(v, type, r.k.set ? 0 : NV_LEFT, buf, len);
		return say(v, type, 0, buf, len);
	}
	set_task(v, "who", r.e.pid, c);
	set_mm(v, "mm", r.e.mm);
	t = v->nr->m ? model_task(v->nr->m, r.e.pid, c) : NULL;
	return say(v, type, t && t->mm && !(t->flags & T_USE_MM) ?
		   NV_EXITING : 0, buf, len);
}

/* The IPIs the catalogue has a sentence for; NULL: another kind. */
static const char *ipi_words(unsigned ipi)
{
	switch (ipi) {
	case MMT_IPI_TLB:	return "TLB shootdown";
	case MMT_IPI_RESCHED:	return "reschedule";
	case MMT_IPI_STOP:	return "stop";
	}
	return NULL;
}

/* CR3_LOAD, IPI_SEND, IPI_RECV. */
static char *cpu_hw(struct vars *v, char *buf, size_t len)
{
	union {
		struct mmt_cr3_load l;
		struct mmt_ipi_send s;
		struct mmt_ipi_recv r;
	} r;
	const char *why;
	unsigned type = v->ev->type, i, at = 0;
	char mask[80] = "";

	decode_copy(v->ev, &r, sizeof r);
	set(v, "cpu", "%u", v->ev->cpu);
	if (type == MMT_CR3_LOAD) {
		why = names_of(&names_cr3, r.l.reason);
		set_mm(v, "mm", r.l.mm);
		set(v, "pgd", "0x%x", r.l.pgd);
		set(v, "reason", "%s", why ? why : "reason unknown");
		return say(v, type, 0, buf, len);
	}
	if (type == MMT_IPI_RECV) {
		set_mm(v, "mm", r.r.mm);
		set(v, "ipi", "%u", r.r.ipi);
		set(v, "from", "%u", r.r.from_cpu);
		return say(v, type, ipi_words(r.r.ipi) ? NV_IPI(r.r.ipi) : 0,
			   buf, len);
	}
	for (i = 0; i < 32 && at < sizeof mask; i++)
		if (r.s.cpumask >> i & 1)
			at += snprintf(mask + at, sizeof mask - at, "%s%u",
				       at ? "," : "", i);
	set(v, "mask", "%s", at ? mask : "none");
	set_mm(v, "mm", r.s.mm);
	set(v, "ipi", "%u", r.s.ipi);
	return say(v, type, ipi_words(r.s.ipi) ? NV_IPI(r.s.ipi) : 0, buf,
		   len);
}

/* STREAM, BOOT, CPU_ONLINE: the run. */
static char *run(struct vars *v, char *buf, size_t len)
{
	union {
		struct mmt_stream s;
		struct mmt_boot b;
		struct mmt_cpu_online c;
	} r;
	const char *era, *bug;

	decode_copy(v->ev, &r, sizeof r);
	set(v, "cpu", "%u", v->ev->cpu);
	if (v->ev->type == MMT_STREAM) {
		set(v, "version", "%u", r.s.version);
		set(v, "ncpu", "%u", r.s.ncpu);
	} else if (v->ev->type == MMT_BOOT) {
		era = names_of(&names_era, r.b.era);
		bug = names_of(&names_bug, r.b.bug);
		set(v, "era", "%s", era ? era : "of an unknown era");
		set(v, "bug", "%s", bug ? bug : "unknown");
		set(v, "smp", "%u", r.b.smp);
		set(v, "scenario", "%.*s", MMT_SCEN_NAME, r.b.scenario);
	} else {
		set(v, "apic", "%u", r.c.apic_id);
	}
	return say(v, v->ev->type, 0, buf, len);
}

/* MARK, LOST, PANIC, END, MSG, STAT: records with a text or a figure. */
static char *texts(struct vars *v, char *buf, size_t len)
{
	union {
		struct mmt_mark k;
		struct mmt_lost l;
		struct mmt_panic p;
		struct mmt_end e;
		struct mmt_msg m;
		struct mmt_stat s;
	} r;
	unsigned type = v->ev->type;
	const char *s;

	decode_copy(v->ev, &r, sizeof r);
	set(v, "cpu", "%u", v->ev->cpu);
	set_text(v, type == MMT_STAT ? "name" : "text", mmt_types[type].size);
	set_task(v, "who", type == MMT_MARK ? r.k.pid : type == MMT_PANIC ?
		 r.p.pid : current_pid(v), v->ev->cpu);
	set(v, "count", "%u", r.l.count);
	set(v, "value", "%llu", (unsigned long long)r.s.value);
	s = names_of(type == MMT_MSG ? &names_msg_level : &names_end,
		     type == MMT_MSG ? r.m.level : r.e.status);
	set(v, type == MMT_MSG ? "level" : "status", "%s", s ? s : "unknown");
	set(v, "tasks", "%u", r.e.tasks);
	set(v, "mms", "%u", r.e.mms);
	set(v, "pages", "%d", r.e.free_end < r.e.free_start ?
	    (int)(r.e.free_start - r.e.free_end) : 0);
	return say(v, type, type == MMT_END && r.e.status == MMT_END_OK ?
		   NV_OK : 0, buf, len);
}

char *narrate_event(const struct narrator *nr, const struct mmt_event *ev,
		    char *buf, size_t len)
{
	struct vars v = { .nr = nr, .ev = ev };

	switch (ev->type) {
	case MMT_MM_REF:	return mm_ref(&v, buf, len);
	case MMT_TASK_NEW:	return task_new(&v, buf, len);
	case MMT_EXEC:		return exec(&v, buf, len);
	case MMT_MM_ALLOC:	return mm_alloc(&v, buf, len);
	case MMT_SWITCH:	return context_switch(&v, buf, len);
	case MMT_TASK_EXIT:
	case MMT_TASK_FREE:
	case MMT_TASK_STATE:
	case MMT_MIGRATE:	return task_misc(&v, buf, len);
	case MMT_MM_FREE:
	case MMT_EXIT_MMAP:
	case MMT_USE_MM:
	case MMT_UNUSE_MM:
	case MMT_MM_MAP:	return mm_misc(&v, buf, len);
	case MMT_ENTER_LAZY:
	case MMT_PREV_MM:
	case MMT_LEAVE_MM:
	case MMT_MM_CPUMASK:	return cpu_mm(&v, buf, len);
	case MMT_CR3_LOAD:
	case MMT_IPI_SEND:
	case MMT_IPI_RECV:	return cpu_hw(&v, buf, len);
	case MMT_STREAM:
	case MMT_BOOT:
	case MMT_CPU_ONLINE:	return run(&v, buf, len);
	}
	return texts(&v, buf, len);
}

/* --- rules ------------------------------------------------------------ */

char *narrate_rule(int r, char *buf, size_t len)
{
	if (r < 1 || r > RULE_MAX || !check_rules[r].what)
		snprintf(buf, len, "The checker finds a fault it has no "
			 "words for (rule %d).", r);
	else
		snprintf(buf, len, "The checker finds that %s.",
			 check_rules[r].what);
	return buf;
}

char *narrate_violation(const struct violation *v, char *buf, size_t len)
{
	char cause[256] = "";
	const char *name = v->rule >= 1 && v->rule <= RULE_MAX ?
			   check_rules[v->rule].name : "?";
	int at;

	if (v->cause.kind)
		violation_cause(cause, sizeof cause, v);
	at = snprintf(buf, len, "%s: %s", name,
		      v->detail[0] ? v->detail
		      : v->rule >= 1 && v->rule <= RULE_MAX
			      ? check_rules[v->rule].what
			      : "");
	if (cause[0] && at >= 0 && (size_t)at < len)
		snprintf(buf + at, len - at, "; cause, event %llu: %s",
			 (unsigned long long)v->cause.n, cause);
	return buf;
}
