/*
 * test_printable.c - text that comes from a trace never reaches the
 * terminal raw (issue 18.8): a task's name in the checker's leak
 * message, a STAT record's name in the --stats figures, the steps
 * mmscope diff prints (names, marks), and util_printable itself, which
 * every message line goes through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/align.h"
#include "trace/tally.h"
#include "tbuild.h"
#include "util/util.h"
#include "tap.h"

/* No byte below 0x20 but the newlines, none 0x7f. */
static int clean(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\n') || *s == 0x7f)
			return 0;
	return 1;
}

static void test_util(void)
{
	char out[64];

	util_printable(out, sizeof out, "ab\x1b[2Jc\x7f\n", 64);
	tap_ok(!strcmp(out, "ab\\x1b[2Jc\\x7f\\x0a"),
	       "control bytes as \\xNN: %s", out);
	util_printable(out, 8, "\x01\x02\x03", 3);
	tap_ok(!strcmp(out, "\\x01"), "cut to fit, never in an escape: %s",
	       out);
}

/* A task named with an escape sequence leaks at END. */
static void test_leak(void)
{
	struct timeline *tl;
	struct tb t;
	char text[512] = "";
	FILE *f;

	tb_init(&t, 1, MMT_ERA_2632);
	tb_task(&t, 0, 5, 0, 1, MMT_CLONE_VM, 0, "\x1b[2Jevil\x07");
	tb_end(&t, 0, 1, 0, 900);
	tl = tb_timeline(&t, 16);
	f = fmemopen(text, sizeof text - 1, "w");
	if (tl->found.nv)
		violation_print(f, &tl->found.v[0], NULL, "");
	fclose(f);
	tap_ok(tl->found.nv && strstr(text, "pid 5 (\\x1b[2Jevil\\x07)") &&
	       clean(text), "the leak message escapes the task's name");
	if (!clean(text))
		tap_diag("%s", text);
	tl_free(tl);
	tb_free_all(&t);
}

/* A STAT whose name has control bytes, through tally_print. */
static void test_stat(void)
{
	struct decode_stats ds = { 0 };
	struct tally *ty = calloc(1, sizeof *ty);
	uint8_t rec[64] = { 0 };
	struct mmt_stat s = { { MMT_STAT, sizeof s + 6, 0 }, 0, 42 };
	struct mmt_event ev = { .type = MMT_STAT, .size = sizeof s + 6,
				.rec = rec };
	char text[4096] = "";
	FILE *f;

	memcpy(rec, &s, sizeof s);
	memcpy(rec + sizeof s, "x\r\x1b]0", 6);
	tally_event(ty, &ev, 0);
	f = fmemopen(text, sizeof text - 1, "w");
	tally_print(f, ty, &ds, 0);
	fclose(f);
	tap_ok(strstr(text, "stat x\\x0d\\x1b]0: 42") && clean(text),
	       "a STAT's name is escaped in the figures");
	free(ty);
}

/* The steps of mmscope diff: a task, an exec and a mark named with
 * escape sequences. */
static void test_steps(void)
{
	struct {
		struct mmt_mark m;
		char text[8];
	} mark = { { TB_H(MMT_MARK, mmt_mark), 1, 0, 0 }, "\x1b[Hmk\r" };
	struct align_trace at = { 0 };
	struct timeline *tl;
	struct tb t;
	size_t i, clean_steps = 0, escaped = 0;

	mark.m.h.size = sizeof mark;
	tb_init(&t, 1, MMT_ERA_2632);
	tb_task(&t, 0, 5, 0, 1, MMT_CLONE_VM, 0, "\x1b[2Jevil\x07");
	tb_rec(&t, 0, &mark);
	tb_exec(&t, 0, 5, 0, 0, "\x1b]0;x\x07");
	tb_end(&t, 0, 1, 0, 900);
	tl = tb_timeline(&t, 16);
	align_steps(tl, &at);
	for (i = 0; i < at.n; i++) {
		clean_steps += clean(at.v[i].text);
		escaped += strstr(at.v[i].text, "\\x1b") != NULL;
	}
	tap_ok(at.n && clean_steps == at.n && escaped == 3,
	       "diff's steps escape names and marks (%zu of %zu clean, %zu "
	       "escaped)", clean_steps, at.n, escaped);
	align_trace_free(&at);
	tl_free(tl);
	tb_free_all(&t);
}

int main(void)
{
	tap_plan(5);
	test_util();
	test_leak();
	test_stat();
	test_steps();
	return tap_done();
}
