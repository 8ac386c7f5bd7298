/*
 * findings.c - what the checker found, kept in order and put in words
 * (text and JSON); see checker.h.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "model/checker_int.h"
#include "trace/names.h"
#include "trace/print.h"
#include "util/array.h"

/* --- findings ------------------------------------------------------- */

static void keep_violation(void *arg, const struct violation *v)
{
	struct findings *f = arg;

	f->v = util_array_grow(f->v, &f->vcap, f->nv + 1, sizeof *f->v);
	f->v[f->nv++] = *v;
}

static void keep_suspension(void *arg, const struct suspension *s)
{
	struct findings *f = arg;

	f->s = util_array_grow(f->s, &f->scap, f->ns + 1, sizeof *f->s);
	f->s[f->ns++] = *s;
}

void findings_init(struct findings *f)
{
	memset(f, 0, sizeof *f);
	f->sink = (struct check_sink) { keep_violation, keep_suspension, f };
}

void findings_free(struct findings *f)
{
	free(f->v);
	free(f->s);
	memset(f, 0, sizeof *f);
}

size_t findings_at(const struct findings *f, uint64_t n)
{
	return util_lower_bound(f->v, f->nv, sizeof *f->v,
				offsetof(struct violation, n), n);
}

/* --- in words --------------------------------------------------------- */

void violation_cause(char *buf, size_t len, const struct violation *v)
{
	static const char *const fmt[] = {	/* pid, then mm */
		[CAUSE_NO_LAZY_GRAB] = "context_switch to kernel thread %u "
			"borrowed mm %u without mmgrab (lazy_borrow)",
		[CAUSE_NO_PREV_DROP] = "finish_task_switch after pid %u did "
			"not mmdrop rq->prev_mm (mm %u)",
		[CAUSE_NO_EXIT_GRAB] = "exit_mm of pid %u set mm = NULL "
			"without its mmgrab of mm %u (exit_grab)",
		[CAUSE_NO_EXIT_PUT] = "exit_mm of pid %u did not mmput mm %u "
			"(exit_mm)",
		[CAUSE_NO_CLONE_GET] = "copy_mm with CLONE_VM gave pid %u mm "
			"%u without mmget (clone_vm)",
		[CAUSE_NO_EXEC_PUT] = "exec_mmap of pid %u did not mmput its "
			"old mm %u (exec)",
		[CAUSE_NO_EXEC_DROP] = "exec_mmap of pid %u did not mmdrop its "
			"borrowed active_mm %u (exec_lazy)",
		[CAUSE_NO_USE_GRAB] = "use_mm by pid %u did not mmgrab mm %u "
			"(use_mm)",
		[CAUSE_NO_USE_DROP] = "use_mm by pid %u did not mmdrop its old "
			"active_mm %u (use_mm_drop)",
		[CAUSE_NO_MMPUT_LAST] = "mmput (pid %u) at mm_users 0 did not "
			"drop the users' mm_count of mm %u (mmput_last)",
		[CAUSE_NO_FREE] = "mmdrop (pid %u) at mm_count 0 did not free "
			"mm %u",
		[CAUSE_LOST_HOLDER] = "pid %u was freed while it still held "
			"mm %u",
		[CAUSE_NO_HOLDER] = "the mm allocated for pid %u (mm %u) was "
			"never taken by a task",
		[CAUSE_NO_IDLE_GRAB] = "idle task %u took mm %u as its "
			"active_mm without mmgrab (idle_init)",
	};
	const char *op = names_of(&names_op, v->cause.op);
	const char *why = names_of(&names_reason, v->cause.reason);

	if (v->cause.kind == CAUSE_PREV_OVERWRITE)
		snprintf(buf, len, "rq->prev_mm (mm %u) was overwritten before "
			 "finish_task_switch dropped it", v->mm);
	else if (v->cause.kind == CAUSE_LAST_REF)
		snprintf(buf, len, "the last reference operation on mm %u",
			 v->mm);
	else if (v->cause.kind == CAUSE_EXTRA_OP)
		snprintf(buf, len, "%s of mm %u (%s, pid %u) that no kernel "
			 "path asked for", op ? op : "an operation", v->mm,
			 why ? why : "?", v->pid);
	else if (v->cause.kind < sizeof fmt / sizeof fmt[0] &&
		 fmt[v->cause.kind])
		snprintf(buf, len, fmt[v->cause.kind], v->pid, v->mm);
	else
		snprintf(buf, len, "not known (pid %u, mm %u)", v->pid, v->mm);
}

/* The mm's counters against its holders, for the balance rules. */
static void state_text(char *buf, size_t len, const struct violation *v)
{
	if (v->rule == RULE_USERS_BALANCE)
		snprintf(buf, len, "mm %u: mm_users %d, but its holders add up "
			 "to %d = tasks using it %u + get_task_mm pins %u%s",
			 v->mm, v->users, v->users_held, v->h_users, v->pins,
			 v->users_held - v->h_users - v->pins == 2 ?
			 " + 2 static (init_mm)" : "");
	else if (v->rule == RULE_COUNT_BALANCE)
		snprintf(buf, len, "mm %u: mm_count %d, but its holders add up "
			 "to %d = (mm_users > 0) %d + lazy borrowers %u "
			 "(use_mm grabs %u of them) + pending rq->prev_mm %u",
			 v->mm, v->count, v->count_held, v->users > 0,
			 v->h_lazy - v->h_grabs, v->h_grabs, v->h_prev);
	else
		snprintf(buf, len, "mm %u: mm_users %d, mm_count %d", v->mm,
			 v->users, v->count);
}

/* The source line of a caller, if the ELF or the trace has it:
 * "    sched.c:319    mmdrop(mm);". */
static void caller_line(FILE *out, uint32_t caller, struct symtab *syms,
			const char *indent)
{
	struct sym_where w;
	const char *text, *base;
	size_t n;

	if (sym_where(syms, caller, 1, &w) < 0 || !w.file ||
	    !(text = sym_source(syms, w.file, w.line, &n)))
		return;
	while (n && (*text == ' ' || *text == '\t'))
		text++, n--;
	base = strrchr(w.file, '/');
	fprintf(out, "%s    %s:%u    %.*s\n", indent, base ? base + 1 : w.file,
		w.line, (int)n, text);
}

void violation_print(FILE *out, const struct violation *v,
		     struct symtab *syms, const char *indent)
{
	const char *sym = v->caller && syms ? sym_lookup(syms, v->caller, 1)
					     : NULL;
	char buf[320];

	fprintf(out, "%sviolation %s at event %" PRIu64 " (cpu %u): %s\n",
		indent, check_rules[v->rule].name, v->n, v->cpu,
		check_rules[v->rule].what);
	if (v->detail[0])
		fprintf(out, "%s  %s\n", indent, v->detail);
	if (v->mm && (v->rule == RULE_USERS_BALANCE ||
		      v->rule == RULE_COUNT_BALANCE || !v->detail[0])) {
		state_text(buf, sizeof buf, v);
		fprintf(out, "%s  %s\n", indent, buf);
	}
	if (v->cause.kind) {
		violation_cause(buf, sizeof buf, v);
		fprintf(out, "%s  cause: event %" PRIu64 " (cpu %u): %s\n",
			indent, v->cause.n, v->cause.cpu, buf);
	}
	if (v->caller)
		fprintf(out, "%s  nearest mm_ref of mm %u: event %" PRIu64
			", caller %s\n", indent, v->mm, v->caller_n,
			sym ? sym : (snprintf(buf, sizeof buf, "0x%08x",
					      v->caller), buf));
	if (v->caller && syms)
		caller_line(out, v->caller, syms, indent);
}

void violation_json(FILE *out, const struct violation *v,
		    struct symtab *syms)
{
	const char *sym = v->caller && syms ? sym_lookup(syms, v->caller, 1)
					     : NULL;
	char buf[320];

	fprintf(out,
		"{\"rule\":\"%s\",\"n\":%" PRIu64 ",\"cause\":%" PRIu64
		",\"cpu\":%u,\"mm\":%u,\"pid\":%u,\"users\":%d,\"count\":%d,"
		"\"users_held\":%d,\"count_held\":%d,\"holders\":{\"users\":%u,"
		"\"pins\":%u,\"lazy\":%u,\"grabs\":%u,\"prev_mm\":%u,\"cr3\":%"
		"u},\"caller\":%u,\"caller_sym\":",
		check_rules[v->rule].name, v->n, v->cause.n, v->cpu, v->mm,
		v->pid, v->users, v->count, v->users_held, v->count_held,
		v->h_users, v->pins, v->h_lazy - v->h_grabs, v->h_grabs,
		v->h_prev, v->h_cr3, v->caller);
	sym ? print_quoted(out, sym, strlen(sym), 1) : (void)fputs("null", out);
	fputs(",\"what\":", out);
	print_quoted(out, check_rules[v->rule].what,
		     strlen(check_rules[v->rule].what), 1);
	fputs(",\"detail\":", out);
	print_quoted(out, v->detail, strlen(v->detail), 1);
	if (v->cause.kind) {
		violation_cause(buf, sizeof buf, v);
		fputs(",\"why\":", out);
		print_quoted(out, buf, strlen(buf), 1);
	}
	fputc('}', out);
}

void suspension_print(FILE *out, const struct suspension *s,
		      const char *indent)
{
	if (s->kind == SUSPEND_GAP && s->mm)
		fprintf(out, "%srules suspended for mm %u after the gap of %u "
			"events on cpu %u at event %" PRIu64 ": %s\n", indent,
			s->mm, s->lost, s->cpu, s->n, s->rules);
	else if (s->kind == SUSPEND_GAP)
		fprintf(out, "%s%u events lost on cpu %u before event %" PRIu64
			": not checked: %s, %s\n", indent, s->lost, s->cpu,
			s->n, s->rules, s->until);
	else if (s->kind == SUSPEND_CUT && s->mm)
		fprintf(out, "%srules suspended for mm %u where cpu %u's trace "
			"ends early, at event %" PRIu64 ": %s\n", indent, s->mm,
			s->cpu, s->n, s->rules);
	else if (s->kind == SUSPEND_CUT)
		fprintf(out, "%sthe trace of cpu %u ends early, before event "
			"%" PRIu64 " (no END: its last events may be missing): "
			"not checked: %s, %s\n", indent, s->cpu, s->n, s->rules,
			s->until);
	else if (s->kind == SUSPEND_UNKNOWN)
		fprintf(out, "%smm %u appears at event %" PRIu64 " without "
			"MM_ALLOC: %s\n", indent, s->mm, s->n, s->rules);
	else if (s->kind == SUSPEND_DURING)
		fprintf(out, "%smm %u is allocated at event %" PRIu64 " while "
			"lost events may have used it: %s\n", indent, s->mm,
			s->n, s->rules);
	else if (s->mm)
		fprintf(out, "%sthe trace ends with cpu %u's kernel path on mm "
			"%u unfinished: %s\n", indent, s->cpu, s->mm,
			s->detail);
	else
		fprintf(out, "%sthe trace ends after event %" PRIu64 " without "
			"END: not checked: %s\n", indent,
			s->n ? s->n - 1 : 0, s->rules);
}
