/*
 * printcmp.c - dump's two printers on a recorded trace:
 *
 *	printcmp TRACE [--kernel ELF]
 *
 * Reads TRACE through a timeline, as `mmscope dump` does, and prints
 * every event with print_event() (print.c, the reference) and with
 * fastprint_event() (dump's printf-free path), in text and in JSON with
 * --raw, each JSON MM_REF with the model's counters as dump adds them.
 * Exit 0 and one line of counts if every byte is the same; else the
 * first line that differs from each, and exit 1.  Symbols come from
 * --kernel ELF, or none.  tests/dump/fastprint.sh runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/fastprint.h"
#include "model/timeline.h"

static const char usage[] =
"usage: printcmp TRACE [--kernel ELF]\n"
"\n"
"Print every event of TRACE with print.c's printer and with dump's\n"
"printf-free one, as text and as JSON with --raw; exit 0 if the bytes\n"
"are the same, else show the first difference and exit 1.\n";

struct side {
	struct printer pr;
	struct fastprint fp;
	char *buf;
	size_t len;
};

static struct side ref[2], fast[2];	/* [0] text, [1] JSON --raw */
static const struct model *tail;	/* the model after the event */

static void extra_printf(void *arg, const struct mmt_event *ev)
{
	FILE *f = arg;
	const struct model_ref *r = &tail->ref;

	if (ev->type == MMT_MM_REF && r->alive)
		fprintf(f, ",\"model\":{\"users_before\":%d,"
			"\"users_after\":%d,\"count_before\":%d,"
			"\"count_after\":%d,\"known\":%s}", r->users0,
			r->users1, r->count0, r->count1,
			r->known ? "true" : "false");
	else if (ev->type == MMT_MM_REF)
		fputs(",\"model\":null", f);
}

static void extra_fast(void *arg, struct fmtbuf *b, const struct mmt_event *ev)
{
	const struct model_ref *r = &tail->ref;

	(void)arg;
	if (ev->type == MMT_MM_REF)
		fastprint_model_ref(b, r->alive, r->known, r->users0,
				    r->users1, r->count0, r->count1);
}

static void observe(void *arg, const struct mmt_event *ev,
		    const struct model *m)
{
	int i;

	(void)arg;
	tail = m;
	for (i = 0; i < 2; i++) {
		print_event(&ref[i].pr, ev);
		fastprint_event(&fast[i].fp, ev);
	}
}

static void side_open(struct side *s, int json, struct symtab *syms)
{
	s->pr = (struct printer) { .out = open_memstream(&s->buf, &s->len),
				   .json = json, .raw = json, .syms = syms };
	s->fp = (struct fastprint) { &s->pr, extra_fast, NULL };
	if (json) {
		s->pr.extra = extra_printf;
		s->pr.extra_arg = s->pr.out;
	}
}

/* 0 if a and b hold the same bytes; else say where they part. */
static int compare(struct side *a, struct side *b, const char *what)
{
	size_t at = 0, n;

	fclose(a->pr.out);
	fclose(b->pr.out);
	if (a->len == b->len && !memcmp(a->buf, b->buf, a->len))
		return 0;
	while (at < a->len && at < b->len && a->buf[at] == b->buf[at])
		at++;
	while (at && a->buf[at - 1] != '\n')
		at--;
	fprintf(stderr, "printcmp: %s differs at byte %zu\n", what, at);
	n = strcspn(a->buf + at, "\n");
	fprintf(stderr, "  print.c:     %.*s\n", (int)n, a->buf + at);
	n = strcspn(b->buf + at, "\n");
	fprintf(stderr, "  fastprint.c: %.*s\n", (int)n, b->buf + at);
	return 1;
}

int main(int argc, char **argv)
{
	struct symtab *syms = NULL;
	struct timeline *tl;
	char err[1024];
	int i, bad;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!(argc == 2 || (argc == 4 && !strcmp(argv[2], "--kernel"))) ||
	    argv[1][0] == '-') {
		fputs(usage, stderr);
		return 2;
	}
	if (argc == 4 && !(syms = sym_open(argv[3], err, sizeof err))) {
		fprintf(stderr, "printcmp: %s\n", err);
		return 2;
	}
	for (i = 0; i < 2; i++) {
		side_open(&ref[i], i, syms);
		side_open(&fast[i], i, syms);
	}
	tl = tl_new(0);
	tl->observe = observe;
	if (tl_load(tl, argv[1], err, sizeof err) < 0) {
		fprintf(stderr, "printcmp: %s\n", err);
		for (i = 0; i < 2; i++) {	/* nothing to compare */
			fclose(ref[i].pr.out);
			fclose(fast[i].pr.out);
		}
		bad = 2;
	} else {
		bad = compare(&ref[0], &fast[0], "text");
		bad |= compare(&ref[1], &fast[1], "JSON --raw");
	}
	if (!bad)
		printf("printcmp: %s: %llu events, %zu bytes of text and %zu "
		       "of JSON, the same from both printers\n", argv[1],
		       (unsigned long long)evlog_count(tl->log), ref[0].len,
		       ref[1].len);
	tl_free(tl);
	sym_close(syms);
	for (i = 0; i < 2; i++) {
		free(ref[i].buf);
		free(fast[i].buf);
	}
	return bad;
}
