/*
 * perfetto.c - `mmscope export --format perfetto`: the trace as Trace
 * Event Format JSON, the format of chrome://tracing, which
 * ui.perfetto.dev opens too.
 *
 * The trace is read through a timeline (timeline.h), so the model says
 * which task each CPU runs and the checker says what it found:
 *
 *	process 1 "CPUs"	a thread per CPU ("cpu N", tid N + 1): the
 *				task it runs as complete events ("X") named
 *				comm/pid, with pid, comm, mm and active_mm
 *				as args; a slice ends at each switch and
 *				when any of them changes (an exec,
 *				exit_mm's mm = NULL, use_mm), so its args
 *				hold for all of it; exec and leave_mm as
 *				instants
 *	process 1000 + N "mm N"	counter samples ("C") of mm_users and
 *				mm_count as the kernel reported them, at
 *				each MM_ALLOC and MM_REF (Perfetto's tracks
 *				"mm N mm_users", "mm N mm_count"); its
 *				mm_alloc and mm_free as instants
 *	global instants		each violation the checker found
 *
 * Track names come from metadata events ("M").  "ts" is in microseconds
 * from the first event, to the nanosecond: (tsc - tsc0) * 10^6 / tsc_khz
 * in whole nanoseconds, so that slices never overlap by rounding;
 * otherData gives tsc0 and tsc_khz.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "export/export.h"
#include "trace/fields.h"
#include "trace/names.h"
#include "trace/print.h"
#include "model/timeline.h"
#include "util/util.h"

#define PF_CPUS		1	/* the process of the CPU tracks */
#define PF_MM		1000	/* mm N's process and thread: PF_MM + N */

struct pf_slice {		/* what a CPU runs, since start */
	int open;
	uint64_t start;			/* ns */
	uint16_t pid, mm, active_mm;
	char comm[MMT_COMM_LEN + 1];
};

struct perfetto {
	FILE *out;
	struct timeline *tl;
	struct export_src *src;
	struct export_result *res;
	int have_t0;
	uint64_t t0;			/* TSC of the first event */
	uint32_t khz;			/* 0: times are cycles, as ns */
	uint64_t now;			/* ns of the last event */
	uint64_t last[MODEL_MAXCPU];	/* ns of each CPU's last event */
	uint8_t cpu_named[MODEL_MAXCPU];
	struct pf_slice run[MODEL_MAXCPU];
	uint8_t mm_named[MODEL_IDS / 8];
	size_t viol_done;		/* violations written */
};

/* --- objects -------------------------------------------------------- */

static uint64_t ns_of(const struct perfetto *p, uint64_t ts)
{
	uint64_t d = ts > p->t0 ? ts - p->t0 : 0;

	return p->khz ? (uint64_t)((unsigned __int128)d * 1000000 / p->khz) : d;
}

/* Start an object: {"ph":ph,"name":name,"pid":pid[,"tid":tid],"ts":ns */
static void obj(struct perfetto *p, char ph, const char *name, unsigned pid,
		int tid, uint64_t ns)
{
	fputs(p->res->written++ ? ",\n{\"ph\":\"" : "{\"ph\":\"", p->out);
	fprintf(p->out, "%c\",\"name\":", ph);
	print_quoted(p->out, name, strlen(name), 1);
	fprintf(p->out, ",\"pid\":%u", pid);
	if (tid >= 0)
		fprintf(p->out, ",\"tid\":%d", tid);
	fprintf(p->out, ",\"ts\":%" PRIu64 ".%03u", ns / 1000,
		(unsigned)(ns % 1000));
}

/* Metadata: a process's or a thread's name and sort index. */
static void names(struct perfetto *p, unsigned pid, int tid, const char *name,
		  unsigned sort)
{
	const char *what = tid < 0 ? "process" : "thread";
	char key[32];

	snprintf(key, sizeof key, "%s_name", what);
	obj(p, 'M', key, pid, tid, 0);
	fputs(",\"args\":{\"name\":", p->out);
	print_quoted(p->out, name, strlen(name), 1);
	snprintf(key, sizeof key, "%s_sort_index", what);
	fputs("}}", p->out);
	obj(p, 'M', key, pid, tid, 0);
	fprintf(p->out, ",\"args\":{\"sort_index\":%u}}", sort);
}

static void cpu_track(struct perfetto *p, unsigned cpu)
{
	char name[32];

	if (p->cpu_named[cpu]++)
		return;
	snprintf(name, sizeof name, "cpu %u", cpu);
	names(p, PF_CPUS, cpu + 1, name, cpu);
}

static void mm_track(struct perfetto *p, unsigned mm)
{
	char name[32];

	if (p->mm_named[mm / 8] & 1 << mm % 8)
		return;
	p->mm_named[mm / 8] |= 1 << mm % 8;
	snprintf(name, sizeof name, "mm %u", mm);
	names(p, PF_MM + mm, -1, name, 1 + mm);
	names(p, PF_MM + mm, PF_MM + mm, name, 0);
}

/* --- the task each CPU runs ----------------------------------------- */

static void slice_close(struct perfetto *p, unsigned cpu, uint64_t end)
{
	struct pf_slice *s = &p->run[cpu];
	char name[MMT_COMM_LEN + 16];

	s->open = 0;
	if (end <= s->start)
		return;		/* nothing ran: no slice */
	snprintf(name, sizeof name, "%s/%u", s->comm, s->pid);
	obj(p, 'X', name, PF_CPUS, cpu + 1, s->start);
	fprintf(p->out, ",\"dur\":%" PRIu64 ".%03u,\"args\":{\"pid\":%u,"
		"\"comm\":", (end - s->start) / 1000,
		(unsigned)((end - s->start) % 1000), s->pid);
	print_quoted(p->out, s->comm, strlen(s->comm), 1);
	fprintf(p->out, ",\"mm\":%u,\"active_mm\":%u}}", s->mm, s->active_mm);
}

/*
 * After an event of cpu: a new slice if its task or what it runs on
 * changed, and at every switch (after lost events the model may already
 * have its next task on the CPU: the switch says when it came).
 */
static void run_update(struct perfetto *p, const struct model *m,
		       unsigned cpu, uint64_t ns, int is_switch)
{
	const struct task *t = model_task(m, m->cpu[cpu].current, cpu);
	struct pf_slice now = { .open = 1, .start = ns,
				.pid = m->cpu[cpu].current };
	struct pf_slice *s = &p->run[cpu];

	if (t) {
		now.mm = t->mm;
		now.active_mm = t->active_mm;
		memcpy(now.comm, t->comm, MMT_COMM_LEN);
	}
	if (!now.comm[0])
		snprintf(now.comm, sizeof now.comm, now.pid ? "pid" :
			 "swapper/%u", cpu);
	if (s->open && !is_switch && s->pid == now.pid && s->mm == now.mm &&
	    s->active_mm == now.active_mm && !strcmp(s->comm, now.comm))
		return;
	if (s->open)
		slice_close(p, cpu, ns);
	*s = now;
}

/* --- events --------------------------------------------------------- */

static void counters(struct perfetto *p, unsigned mm, int users, int count,
		     uint64_t ns)
{
	char name[32];

	mm_track(p, mm);
	snprintf(name, sizeof name, "mm %u", mm);
	obj(p, 'C', name, PF_MM + mm, -1, ns);	/* a process counter */
	fprintf(p->out, ",\"args\":{\"mm_users\":%d,\"mm_count\":%d}}", users,
		count);
}

/* One field of rec as a JSON value, as dump --json would say it, but
 * addresses by their symbol (or in hex) and hex fields in hex. */
static void arg_value(struct perfetto *p, const struct field *f,
		      const uint8_t *rec)
{
	uint64_t v = field_uint(f, rec);
	const char *s = NULL;
	char buf[160];

	switch (f->kind) {
	case FK_INT:
		fprintf(p->out, "%" PRId64, field_int(f, rec));
		return;
	case FK_ENUM:
		s = names_of(f->tab, v);
		break;
	case FK_FLAGS:
		s = names_flags(buf, sizeof buf, v, f->tab);
		break;
	case FK_STR:
		print_quoted(p->out, (const char *)rec + f->off,
			     strnlen((const char *)rec + f->off, f->width), 1);
		return;
	case FK_RET:
	case FK_EIP:
		if (p->src->syms)
			s = sym_lookup(p->src->syms, v,
				       field_is_return(f, rec));
		break;
	}
	if (!s && (f->kind == FK_HEX || f->kind == FK_RET ||
		   f->kind == FK_EIP)) {
		snprintf(buf, sizeof buf, "0x%" PRIx64, v);
		s = buf;
	}
	if (s)
		print_quoted(p->out, s, strlen(s), 1);
	else
		fprintf(p->out, "%" PRIu64, v);
}

/* An instant event with the record's fields as args, on a thread. */
static void instant(struct perfetto *p, const struct mmt_event *ev,
		    unsigned pid, int tid, uint64_t ns)
{
	const struct layout *l = &field_layouts[ev->type];
	uint8_t rec[256];
	unsigned i;

	decode_copy(ev, rec, sizeof rec);
	obj(p, 'i', mmt_type_name(ev->type), pid, tid, ns);
	fprintf(p->out, ",\"s\":\"t\",\"args\":{\"cpu\":%u", ev->cpu);
	for (i = 0; i < l->nfields; i++) {
		fprintf(p->out, ",\"%s\":", l->fields[i].name);
		arg_value(p, &l->fields[i], rec);
	}
	fputs("}}", p->out);
}

static void record(struct perfetto *p, const struct mmt_event *ev,
		   uint64_t ns)
{
	struct mmt_mm_alloc a;
	struct mmt_mm_ref r;
	struct mmt_mm_free f;

	switch (ev->type) {
	case MMT_MM_ALLOC:
		decode_copy(ev, &a, sizeof a);
		counters(p, a.mm, a.users, a.count, ns);
		instant(p, ev, PF_MM + a.mm, PF_MM + a.mm, ns);
		break;
	case MMT_MM_REF:
		decode_copy(ev, &r, sizeof r);
		counters(p, r.mm, r.users, r.count, ns);
		break;
	case MMT_MM_FREE:
		decode_copy(ev, &f, sizeof f);
		mm_track(p, f.mm);
		instant(p, ev, PF_MM + f.mm, PF_MM + f.mm, ns);
		break;
	case MMT_EXEC:
	case MMT_LEAVE_MM:
		if (ev->cpu < MODEL_MAXCPU)
			instant(p, ev, PF_CPUS, ev->cpu + 1, ns);
		break;
	}
}

/* The violations found so far, as global instants at their events. */
static void violations(struct perfetto *p)
{
	const struct findings *f = &p->tl->found;
	const struct violation *v;
	struct mmt_event ev;
	char name[64];

	for (; p->viol_done < f->nv; p->viol_done++) {
		v = &f->v[p->viol_done];
		snprintf(name, sizeof name, "violation %s",
			 check_rules[v->rule].name);
		obj(p, 'i', name, PF_CPUS, -1,
		    evlog_get(p->tl->log, v->n, &ev) ? p->now
						     : ns_of(p, ev.ts));
		fputs(",\"s\":\"g\",\"args\":", p->out);
		violation_json(p->out, v, p->src->syms);
		fputc('}', p->out);
	}
}

static void observe(void *arg, const struct mmt_event *ev,
		    const struct model *tail)
{
	struct perfetto *p = arg;
	uint64_t ns;

	if (!p->have_t0++) {
		p->t0 = ev->ts;
		names(p, PF_CPUS, -1, "CPUs", 0);
	}
	if (!p->khz)
		p->khz = tail->tsc_khz;
	ns = p->now = ns_of(p, ev->ts);
	if (ev->cpu < MODEL_MAXCPU) {
		cpu_track(p, ev->cpu);
		p->last[ev->cpu] = ns;
		run_update(p, tail, ev->cpu, ns, ev->type == MMT_SWITCH);
	}
	record(p, ev, ns);
	violations(p);
}

/* --- the file ------------------------------------------------------- */

/* The end: every slice closed at its CPU's last event, otherData. */
static void finish(struct perfetto *p)
{
	const struct model *m = p->tl->tail;
	const char *era = names_of(&names_era, m->era);
	unsigned cpu;

	for (cpu = 0; cpu < MODEL_MAXCPU; cpu++)
		if (p->run[cpu].open)
			slice_close(p, cpu, p->last[cpu]);
	violations(p);			/* those found at the end */
	fputs("\n],\n\"otherData\":{\"source\":", p->out);
	print_quoted(p->out, p->src->path, strlen(p->src->path), 1);
	fputs(",\"scenario\":", p->out);
	print_quoted(p->out, m->scenario, strlen(m->scenario), 1);
	fprintf(p->out,
		",\"era\":\"%s\",\"tsc_khz\":%u,\"tsc0\":%" PRIu64
		",\"events\":%" PRIu64 ",\"lost\":%" PRIu64
		",\"violations\":%zu,\"exported_by\":\"mmscope %s\"}}\n",
		era ? era : "", p->khz, p->t0, evlog_count(p->tl->log), m->lost,
		p->tl->found.nv, util_version);
	p->res->events = evlog_count(p->tl->log);
	p->res->lost = m->lost;
}

static FILE *open_out(const char *out)
{
	FILE *f;

	if (!strcmp(out, "-"))
		return stdout;
	if (!(f = fopen(out, "w")))
		util_err("%s: cannot write the JSON trace: %m (-o names "
			 "another file)",
			 out);
	return f;
}

int perfetto_export(struct export_src *src, const char *out,
		    struct export_result *res)
{
	struct perfetto *p = calloc(1, sizeof *p);
	char err[4096 + 256];
	int rc = EXIT_OK;
	off_t size;

	if (!p || !(p->tl = tl_new(UINT64_MAX / 2))) {
		util_err("out of memory");
		free(p);
		return EXIT_FAIL;
	}
	p->src = src;
	p->res = res;
	p->tl->observe = observe;
	p->tl->arg = p;
	if (!(p->out = open_out(out))) {
		rc = EXIT_USAGE;
	} else {
		fputs("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n",
		      p->out);
		p->tl->header = src->header;	/* src->fd is at the stream */
		if (tl_read(p->tl, src->fd, src->path, err, sizeof err) < 0) {
			util_err("%s", err);
			rc = EXIT_USAGE;
		}
		finish(p);
		size = ftello(p->out);
		res->bytes = size > 0 ? (uint64_t)size : 0;
		res->files = 1;
		if (ferror(p->out) |
		    (p->out == stdout ? fflush(p->out) : fclose(p->out))) {
			util_err("%s: %m", out);
			rc = EXIT_FAIL;
		}
	}
	tl_free(p->tl);
	free(p);
	return rc;
}
