/*
 * test_names.c - the name and field tables agree with mmtrace.h: every
 * record type has a name and a layout inside its size, every reason and
 * state has a name, command-line names parse, flags print.
 */
#include <stdio.h>
#include <string.h>
#include "mmtrace.h"
#include "trace/fields.h"
#include "trace/names.h"
#include "tap.h"

/* Fields in order, not overlapping, inside the fixed size. */
static int layout_ok(unsigned t)
{
	const struct layout *l = &field_layouts[t];
	unsigned i, end = sizeof(struct mmt_rec);

	if (!l->nfields && !l->text)
		return 0;
	for (i = 0; i < l->nfields; i++) {
		if (l->fields[i].off < end)
			return 0;
		end = l->fields[i].off + l->fields[i].width;
	}
	return end <= mmt_types[t].size && (!!l->text == mmt_types[t].text);
}

int main(void)
{
	unsigned t, ntypes = 0, bad = 0, v, missing = 0;
	char buf[128];

	tap_plan(9);
	for (t = 0; t < 256; t++) {
		if (!mmt_types[t].name) {
			bad += field_layouts[t].nfields != 0;
			continue;
		}
		ntypes++;
		if (!layout_ok(t)) {
			tap_diag("type %u (%s): bad layout", t,
				 mmt_types[t].name);
			bad++;
		}
	}
	tap_ok(ntypes == 32 && !bad,
	       "32 record types, each with a layout inside its size (%u bad)",
	       bad);
	tap_ok(mmt_types[MMT_MM_REF].size == sizeof(struct mmt_mm_ref) &&
	       mmt_types[MMT_UNUSE_MM].size == 12 &&
	       !strcmp(mmt_type_name(MMT_CPU_ONLINE), "cpu_online") &&
	       mmt_type_name(99) == NULL, "type names and sizes");
	for (v = MMT_WHY_CLONE_VM; v <= MMT_WHY_IDLE_EXIT; v++)
		missing += names_of(&names_reason, v) == NULL;
	for (v = MMT_ALLOC_FORK; v <= MMT_ALLOC_INIT; v++)
		missing += names_of(&names_alloc, v) == NULL;
	for (v = MMT_TASK_RUNNING; v <= MMT_TASK_DEAD; v++)
		missing += names_of(&names_state, v) == NULL;
	for (v = MMT_OP_MMGET; v <= MMT_OP_MMDROP; v++)
		missing +=
			!names_of(&names_op, v) || !names_of(&names_op_2632, v);
	tap_ok(!missing, "every reason, alloc reason, state and op has a name "
	       "(%u missing)", missing);
	tap_ok(!strcmp(names_of(&names_op, MMT_OP_MMGRAB), "mmgrab") &&
	       !strcmp(names_of(&names_op_2632, MMT_OP_MMGET),
		   "atomic_inc(&mm->mm_users)"), "op names, modern and 2.6.32");
	tap_ok(names_parse(&names_era, "2.6.32") == MMT_ERA_2632 &&
	       names_parse(&names_era, "modern") == MMT_ERA_MODERN &&
	       names_parse(&names_era, "3.0") < 0, "era names parse");
	tap_ok(names_parse(&names_bug, "exit_no_grab") ==
			       MMT_BUG_EXIT_NO_GRAB &&
		       names_parse(&names_bug, "mmput_frees") ==
			       MMT_BUG_MMPUT_FREES &&
		       names_parse(&names_bug, "nosuch") < 0,
	       "bug names parse");
	tap_ok(!strcmp(names_flags(buf, sizeof buf,
				   MMT_SW_LOAD | MMT_SW_LAZY | 0x40,
				   names_flags_switch),
		       "load|lazy|0x40"),
	       "flags with an unnamed bit: %s", buf);
	tap_ok(!strcmp(names_flags(buf, sizeof buf, 0, names_flags_task), "0"),
	       "no flags: 0");
	tap_ok(!strcmp(names_list(buf, sizeof buf, &names_bug, ", ", 1),
		       "exit_no_grab, lazy_no_grab, no_prev_drop, mmput_frees, "
		       "trace_lie, ap_hang"),
	   "bug list: %s", buf);
	return tap_done();
}
