/*
 * machine.c - read the halted machine through the gdbstub, see
 * machine.h.
 *
 * A read is a few rounds.  Every request of a round is sent at once
 * (the client pipelines them); when the last one has answered, the
 * round's results are parsed and the next round is sent.  Nothing
 * blocks: the TUI's poll loop drives the same code as the headless verb.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "target/machine.h"
#include "util/util.h"

#define PDE_PS		0x80u	/* a 4 MiB page */
#define PTE_P		0x01u

struct mach_read {
	struct mach *m;
	struct gdb *g;
	const struct kimage *k;
	uint32_t from[MACH_MAXCPU];
	void (*done)(void *arg, int err);
	void *arg;
	int left;			/* requests of the round in flight */
	int err;			/* the round's first error */
	void (*next)(struct mach_read *rd);	/* when the round is over */
	uint8_t *regs;			/* nthreads * g_size */
	uint8_t *cpus;			/* ncpu_max * cpu_size */
	uint32_t *table;		/* mm_id_max pointers */
	uint8_t tlock[16];		/* mm_table_lock */
	uint8_t *tasks;			/* per thread: its current task */
	uint8_t *mms;			/* per mm: the struct */
	uint8_t *slots[MACH_MAXCPU];	/* per thread: its unsent records */
	uint32_t nslot[MACH_MAXCPU];
	uint64_t edge[MACH_MAXCPU][2];	/* per thread: the TSCs of the
					   slots at head - 1 and head */
	uint32_t *pde, *pte;		/* per mm, and one for swapper */
	uint64_t t0, pk0;
};

/* --- rounds ---------------------------------------------------------- */

static void finish(struct mach_read *rd, int err);

/* One request of the round answered. */
static void on_piece(void *arg, int err)
{
	struct mach_read *rd = arg;

	if (err && (!rd->err || err == GDB_EDEAD))
		rd->err = err;
	if (--rd->left)
		return;
	if (rd->err) {
		finish(rd, rd->err);
		return;
	}
	rd->next(rd);
}

/* Start a round: issue() queues requests, each counted in rd->left. */
static void round_begin(struct mach_read *rd, void (*next)(struct mach_read *))
{
	rd->left = 1;			/* the round itself, until issued */
	rd->err = 0;
	rd->next = next;
}

static void round_end(struct mach_read *rd)
{
	on_piece(rd, GDB_OK);
}

static void mem(struct mach_read *rd, uint32_t addr, void *buf, size_t n)
{
	rd->left++;
	gdb_read_mem(rd->g, addr, buf, n, on_piece, rd);
}

static void phys(struct mach_read *rd, int on)
{
	rd->left++;
	gdb_phys(rd->g, on, on_piece, rd);
}

static void *zalloc(struct mach_read *rd, size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p)
		snprintf(rd->m->err, sizeof rd->m->err, "out of memory");
	return p;
}

/* --- round 1: registers, cpus[], mm_table[] ------------------------- */

static void round2(struct mach_read *rd);

/* Bytes of a struct spinlock that hold what the layout names. */
static size_t lock_size(const struct mmt_layout *l)
{
	unsigned n = l->lock_locked > l->lock_cpu ? l->lock_locked :
		     l->lock_cpu;

	return n + 4 <= 16 ? n + 4 : 0;
}

static void round1(struct mach_read *rd)
{
	const struct mmt_layout *l = &rd->k->lay;
	struct gdb *g = rd->g;
	int i;

	rd->regs = zalloc(rd, (size_t)g->nthreads * g->td.g_size);
	rd->cpus = zalloc(rd, (size_t)l->ncpu_max * l->cpu_size);
	rd->table = zalloc(rd, (size_t)l->mm_id_max * 4);
	if (!rd->regs || !rd->cpus || !rd->table) {
		finish(rd, GDB_EDEAD);
		return;
	}
	round_begin(rd, round2);
	/* the last Hg leaves thread 1 selected for m: the boot CPU, the
	   one sure to have paging on once there is a trace */
	for (i = (g->nthreads < MACH_MAXCPU ? g->nthreads : MACH_MAXCPU) - 1;
	     i >= 0; i--) {
		rd->left++;
		gdb_read_regs(g, g->tid[i], rd->regs + i * g->td.g_size,
			      on_piece, rd);
	}
	mem(rd, rd->k->cpus, rd->cpus, (size_t)l->ncpu_max * l->cpu_size);
	mem(rd, rd->k->mm_table, rd->table, (size_t)l->mm_id_max * 4);
	if (rd->k->mm_table_lock && lock_size(l))
		mem(rd, rd->k->mm_table_lock, rd->tlock, lock_size(l));
	round_end(rd);
}

/* A register by name; -1 (and m->err) if the stub has no such one. */
static int64_t reg(struct mach_read *rd, const uint8_t *buf, const char *name)
{
	int64_t v = gdb_reg32(rd->g, buf, name);

	if (v < 0)
		snprintf(rd->m->err, sizeof rd->m->err, "the gdbstub sends no "
			 "register %s (its target.xml lacks it)", name);
	return v;
}

/*
 * The CPU of thread tid when its %gs is not the kernel's (user mode, or
 * a trap's first instructions): QEMU numbers threads cpu_index + 1 and
 * the kernel numbers CPUs in the order of the MADT, which QEMU writes by
 * cpu_index.  Only a CPU that has traced (its ring has records) and
 * says that number itself is taken; else -1.
 */
static int by_index(const struct mach_read *rd, int tid)
{
	const struct mmt_layout *l = &rd->k->lay;
	const uint8_t *p = rd->cpus + (tid - 1) * l->cpu_size;

	if (tid < 1 || tid > l->ncpu_max || kget32(p, l->cpu_id) !=
	    (uint32_t)(tid - 1) || !kget32(p + l->cpu_ring, l->ring_head))
		return -1;
	return tid - 1;
}

/* Thread i's registers into c; its CPU from %gs.  -1 if one is missing. */
static int parse_regs(struct mach_read *rd, int i, struct mach_cpu *c)
{
	const uint8_t *b = rd->regs + i * rd->g->td.g_size;
	const struct mmt_layout *l = &rd->k->lay;
	int64_t gs = reg(rd, b, "gs_base"), cr3 = reg(rd, b, "cr3");
	uint32_t off;

	if (gs < 0 || cr3 < 0)
		return -1;
	c->tid = rd->g->tid[i];
	c->eip = reg(rd, b, "eip");
	c->eflags = reg(rd, b, "eflags");
	c->cs = reg(rd, b, "cs");
	c->eax = reg(rd, b, "eax");
	c->ecx = reg(rd, b, "ecx");
	c->edx = reg(rd, b, "edx");
	c->cr3 = cr3;
	c->quiet = (c->cs & 3) == 3 || (c->eflags & 0x200);
	off = (uint32_t)gs - rd->k->cpus;
	c->id = (uint32_t)gs >= rd->k->cpus && off % l->cpu_size == 0 &&
		off / l->cpu_size < l->ncpu_max ? (int)(off / l->cpu_size) : -1;
	if (c->id < 0)
		c->id = by_index(rd, c->tid);
	return 0;
}

/* The per-CPU data of c (its struct cpu) and where its ring stands. */
static void parse_cpu(struct mach_read *rd, struct mach_cpu *c)
{
	const struct mmt_layout *l = &rd->k->lay;
	const uint8_t *p = rd->cpus + c->id * l->cpu_size;
	const uint8_t *ring = p + l->cpu_ring;

	c->current = kget32(p, l->cpu_current);
	c->loaded_mm = kget32(p, l->cpu_loaded_mm);
	c->prev_mm = kget32(p, l->cpu_prev_mm);
	c->head = kget32(ring, l->ring_head);
	c->tail = kget32(ring, l->ring_tail);
	if (c->eip == rd->k->stop_fn) {
		rd->m->stop_cpu = c->id;
		rd->m->stop_type = c->eax & 0xff;
		rd->m->stop_seq = c->edx;
	}
}

/* --- round 2: tasks, rings, mm_structs ------------------------------ */

static void round3(struct mach_read *rd);

/* Ask for the records of CPU slot i from rd->from[id] to its head. */
static int read_ring(struct mach_read *rd, int i)
{
	const struct mmt_layout *l = &rd->k->lay;
	struct mach_cpu *c = &rd->m->cpu[i];
	uint32_t from = rd->from[c->id], n = c->head - from, first, k;
	uint32_t slots = kget32(rd->cpus + c->id * l->cpu_size + l->cpu_ring,
				l->ring_slots);

	if (!slots) {	/* halted before this CPU's ring was set up */
		rd->nslot[i] = 0;
		return 0;
	}
	mem(rd, slots + ((c->head - 1) & (l->ring_nslots - 1)) * l->slot_size +
	    l->slot_tsc, &rd->edge[i][0], 8);
	mem(rd, slots + (c->head & (l->ring_nslots - 1)) * l->slot_size +
	    l->slot_tsc, &rd->edge[i][1], 8);
	if (c->head - from > c->head) {	/* from beyond head: nothing new */
		rd->nslot[i] = 0;
		return 0;
	}
	if (n > l->ring_nslots) {
		snprintf(rd->m->err, sizeof rd->m->err, "the trace ring of CPU "
			 "%d has overwritten records the host has not "
			 "received (%u since seq %u)", c->id, n, from);
		return -1;
	}
	rd->nslot[i] = n;
	if (!n || !(rd->slots[i] = zalloc(rd, (size_t)n * l->slot_size)))
		return n ? -1 : 0;
	first = from & (l->ring_nslots - 1);
	k = n < l->ring_nslots - first ? n : l->ring_nslots - first;
	mem(rd, slots + first * l->slot_size, rd->slots[i], k * l->slot_size);
	if (k < n)
		mem(rd, slots, rd->slots[i] + k * l->slot_size,
		    (n - k) * l->slot_size);
	return 0;
}

static int cpu_at(const struct mach_read *rd, uint32_t addr);

/* The CPU that holds the spinlock copied at p; -1 free, -2 not known. */
static int lock_holder(const struct mach_read *rd, const uint8_t *p)
{
	const struct mmt_layout *l = &rd->k->lay;
	int cpu;

	if (!kget32(p, l->lock_locked))
		return -1;
	cpu = cpu_at(rd, kget32(p, l->lock_cpu));
	return cpu >= 0 ? cpu : -2;
}

static int parse_round1(struct mach_read *rd)
{
	struct mach *m = rd->m;
	int i;

	m->ncpu = rd->g->nthreads < MACH_MAXCPU ? rd->g->nthreads :
		  MACH_MAXCPU;
	for (i = 0; i < m->ncpu; i++) {
		if (parse_regs(rd, i, &m->cpu[i]) < 0)
			return -1;
		if (m->cpu[i].id >= 0)
			parse_cpu(rd, &m->cpu[i]);
	}
	for (i = 1; i < rd->k->lay.mm_id_max; i++)
		if (rd->table[i])
			m->nmm++;
	m->table_lock_cpu = !rd->k->mm_table_lock ||
		!lock_size(&rd->k->lay) ? -2 : lock_holder(rd, rd->tlock);
	return 0;
}

static void round2(struct mach_read *rd)
{
	const struct mmt_layout *l = &rd->k->lay;
	struct mach *m = rd->m;
	size_t j = 0;
	int i;

	if (parse_round1(rd) < 0 ||
	    !(rd->tasks = zalloc(rd, (size_t)m->ncpu * l->task_size)) ||
	    !(rd->mms = zalloc(rd, (m->nmm + 1) * l->mm_size)) ||
	    !(m->mm = zalloc(rd, (m->nmm + 1) * sizeof *m->mm))) {
		finish(rd, GDB_EPROTO);
		return;
	}
	round_begin(rd, round3);
	for (i = 0; i < m->ncpu; i++) {
		if (m->cpu[i].id < 0)
			continue;
		if (m->cpu[i].current)
			mem(rd, m->cpu[i].current, rd->tasks + i * l->task_size,
			    l->task_size);
		if (read_ring(rd, i) < 0)
			rd->err = GDB_EPROTO;
	}
	for (i = 1; i < l->mm_id_max; i++) {
		if (!rd->table[i])
			continue;
		m->mm[j].addr = rd->table[i];
		mem(rd, rd->table[i], rd->mms + j++ * l->mm_size, l->mm_size);
	}
	round_end(rd);
}

/* --- round 3: what the structs say; the pgds' PDEs ------------------ */

static void round4(struct mach_read *rd);

static void parse_task(struct mach_read *rd, int i)
{
	const struct mmt_layout *l = &rd->k->lay;
	const uint8_t *t = rd->tasks + i * l->task_size;
	struct mach_cpu *c = &rd->m->cpu[i];

	if (c->id < 0 || !c->current)
		return;
	c->cur_pid = (int)kget32(t, l->task_pid);
	c->cur_mm = kget32(t, l->task_mm);
	c->cur_active = kget32(t, l->task_active_mm);
}

/* The CPU (kernel number) whose struct cpu is at addr, or -1. */
static int cpu_at(const struct mach_read *rd, uint32_t addr)
{
	const struct mmt_layout *l = &rd->k->lay;
	uint32_t off = addr - rd->k->cpus;

	if (!addr || addr < rd->k->cpus || off % l->cpu_size ||
	    off / l->cpu_size >= l->ncpu_max)
		return -1;
	return off / l->cpu_size;
}

static void parse_mm(struct mach_read *rd, size_t j)
{
	const struct mmt_layout *l = &rd->k->lay;
	const uint8_t *p = rd->mms + j * l->mm_size;
	struct mach_mm *x = &rd->m->mm[j];

	x->id = kget16(p, l->mm_id);
	x->users = (int32_t)kget32(p, l->mm_users);
	x->count = (int32_t)kget32(p, l->mm_count);
	x->pgd = kget32(p, l->mm_pgd);
	x->lock_cpu = lock_holder(rd, p + l->mm_ref_lock);
}

/* The records of CPU slot i, copied out of its slots. */
static int parse_ring(struct mach_read *rd, int i)
{
	const struct mmt_layout *l = &rd->k->lay;
	struct mach *m = rd->m;
	struct mach_rec *r;
	uint32_t n;

	for (n = 0; n < rd->nslot[i]; n++) {
		const uint8_t *s = rd->slots[i] + n * l->slot_size;

		r = &m->rec[m->nrec++];
		memcpy(&r->tsc, s + l->slot_tsc, 8);
		memcpy(r->rec, s + l->slot_rec, MMT_REC_MAX);
		r->seq = rd->from[m->cpu[i].id] + n;
		r->cpu = m->cpu[i].id;
		if (r->rec[1] < sizeof(struct mmt_rec) ||
		    r->rec[1] > MMT_REC_MAX) {
			snprintf(m->err, sizeof m->err, "CPU %d's trace ring "
				 "holds a record of size %u at seq %u",
				 r->cpu, r->rec[1], r->seq);
			return -1;
		}
	}
	return 0;
}

/* The first CPU in the kernel: its CR3 translates kernel addresses. */
static const struct mach_cpu *walker(const struct mach *m)
{
	int i;

	for (i = 0; i < m->ncpu; i++)
		if (m->cpu[i].id >= 0)
			return &m->cpu[i];
	return NULL;
}

static int parse_round2(struct mach_read *rd)
{
	struct mach *m = rd->m;
	size_t j, total = 0;
	int i;

	for (i = 0; i < m->ncpu; i++) {
		parse_task(rd, i);
		total += rd->nslot[i];
		/* the slot at head stamped after the last record: open */
		m->cpu[i].open_tsc = m->cpu[i].id >= 0 && !m->cpu[i].quiet &&
			rd->edge[i][1] > rd->edge[i][0] ? rd->edge[i][1] : 0;
	}
	for (j = 0; j < m->nmm; j++)
		parse_mm(rd, j);
	if (!(m->rec = zalloc(rd, (total + 1) * sizeof *m->rec)))
		return -1;
	for (i = 0; i < m->ncpu; i++)
		if (parse_ring(rd, i) < 0)
			return -1;
	if (!walker(m)) {
		snprintf(m->err, sizeof m->err, "no CPU has entered the "
			 "kernel yet");
		return -1;
	}
	return 0;
}

/* Physical address of the PDE that maps va. */
static uint32_t pde_at(const struct mach *m, uint32_t va)
{
	return (walker(m)->cr3 & ~0xfffu) + (va >> 22) * 4;
}

static void round3(struct mach_read *rd)
{
	struct mach *m = rd->m;
	size_t j;

	if (parse_round2(rd) < 0 ||
	    !(rd->pde = zalloc(rd, (m->nmm + 1) * 4)) ||
	    !(rd->pte = zalloc(rd, (m->nmm + 1) * 4))) {
		finish(rd, GDB_EPROTO);
		return;
	}
	round_begin(rd, round4);
	phys(rd, 1);
	for (j = 0; j < m->nmm; j++)
		mem(rd, pde_at(m, m->mm[j].pgd), &rd->pde[j], 4);
	mem(rd, pde_at(m, rd->k->swapper_pg_dir), &rd->pde[m->nmm], 4);
	round_end(rd);
}

/* --- round 4: PTEs where a PDE points at a page table --------------- */

static uint32_t va_of(const struct mach_read *rd, size_t j)
{
	return j < rd->m->nmm ? rd->m->mm[j].pgd : rd->k->swapper_pg_dir;
}

static void translated(struct mach_read *rd);

static void round4(struct mach_read *rd)
{
	size_t j;

	round_begin(rd, translated);
	for (j = 0; j <= rd->m->nmm; j++) {
		if ((rd->pde[j] & PTE_P) && !(rd->pde[j] & PDE_PS))
			mem(rd, (rd->pde[j] & ~0xfffu) +
			    ((va_of(rd, j) >> 12) & 0x3ff) * 4,
			    &rd->pte[j], 4);
	}
	phys(rd, 0);
	round_end(rd);
}

/* Physical address of va from its PDE (and PTE); 0 if not mapped. */
static uint32_t to_phys(uint32_t va, uint32_t pde, uint32_t pte)
{
	if (!(pde & PTE_P))
		return 0;
	if (pde & PDE_PS)
		return (pde & 0xffc00000u) | (va & 0x3fffffu);
	return pte & PTE_P ? (pte & ~0xfffu) | (va & 0xfffu) : 0;
}

static void translated(struct mach_read *rd)
{
	struct mach *m = rd->m;
	size_t j;

	for (j = 0; j < m->nmm; j++)
		m->mm[j].pgd_pa = to_phys(m->mm[j].pgd, rd->pde[j], rd->pte[j]);
	m->swapper_pa = to_phys(rd->k->swapper_pg_dir, rd->pde[m->nmm],
				rd->pte[m->nmm]);
	finish(rd, GDB_OK);
}

/* --- the read ------------------------------------------------------- */

static void read_free(struct mach_read *rd)
{
	int i;

	free(rd->regs);
	free(rd->cpus);
	free(rd->table);
	free(rd->tasks);
	free(rd->mms);
	free(rd->pde);
	free(rd->pte);
	for (i = 0; i < MACH_MAXCPU; i++)
		free(rd->slots[i]);
	free(rd);
}

static void finish(struct mach_read *rd, int err)
{
	struct mach *m = rd->m;
	void (*done)(void *, int) = rd->done;
	void *arg = rd->arg;

	if (err && !m->err[0])
		snprintf(m->err, sizeof m->err, "the gdbstub %s",
			 err == GDB_EDEAD ? "is gone" : err == GDB_EFAULT ?
			 "could not read kernel memory" : "answered nonsense");
	m->packets = rd->g->packets_out - rd->pk0;
	m->ns = util_now_ns() - rd->t0;
	m->rd = NULL;
	read_free(rd);
	done(arg, err);
}

void mach_free(struct mach *m)
{
	free(m->mm);
	free(m->rec);
	m->mm = NULL;
	m->rec = NULL;
	m->nmm = m->nrec = 0;
	m->ncpu = 0;
}

void mach_read(struct mach *m, struct gdb *g, const struct kimage *k,
	       const uint32_t from[MACH_MAXCPU],
	       void (*done)(void *arg, int err), void *arg)
{
	struct mach_read *rd = calloc(1, sizeof *rd);

	mach_free(m);
	memset(m, 0, sizeof *m);
	m->stop_cpu = -1;
	m->init_mm = k->init_mm;
	if (!rd) {
		snprintf(m->err, sizeof m->err, "out of memory");
		done(arg, GDB_EDEAD);
		return;
	}
	*rd = (struct mach_read) { .m = m, .g = g, .k = k, .done = done,
				   .arg = arg, .t0 = util_now_ns(),
				   .pk0 = g->packets_out };
	memcpy(rd->from, from, sizeof rd->from);
	m->rd = rd;
	round1(rd);
}

uint64_t mach_complete(const struct mach *m, uint64_t latest, unsigned shift)
{
	uint64_t t = latest, open;
	size_t i;
	int c;

	for (i = 0; i < m->nrec; i++)
		if (m->rec[i].tsc > t)
			t = m->rec[i].tsc;
	for (c = 0; c < m->ncpu; c++) {
		open = m->cpu[c].open_tsc >> shift << shift;
		if (m->cpu[c].open_tsc && open - 1 < t)
			t = open - 1;
	}
	return t;
}

const struct mach_cpu *mach_cpu(const struct mach *m, int id)
{
	int i;

	for (i = 0; i < m->ncpu; i++)
		if (m->cpu[i].id == id)
			return &m->cpu[i];
	return NULL;
}

const struct mach_mm *mach_mm_at(const struct mach *m, uint32_t addr)
{
	size_t j;

	for (j = 0; j < m->nmm; j++)
		if (m->mm[j].addr == addr)
			return &m->mm[j];
	return NULL;
}

const struct mach_mm *mach_mm_id(const struct mach *m, unsigned id)
{
	size_t j;

	for (j = 0; j < m->nmm; j++)
		if (m->mm[j].id == id)
			return &m->mm[j];
	return NULL;
}
