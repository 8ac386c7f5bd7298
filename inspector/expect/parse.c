/*
 * parse.c - the parser of expect files, see expect.h and samples/EXPECT.md:
 * reading a file, cutting it into logical lines (comments removed, a line
 * ending in '\' joined with the next) and each line into tokens (blanks
 * separate them, except inside double quotes).  parse_stmt.c parses each
 * statement, parse_cond.c its conditions.  Every statement is checked as far
 * as it can be without a trace; the first problem stops the parse with
 * "FILE:LINE:COL: expected WHAT, not 'TOKEN'" (COL: where TOKEN is).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mmtrace.h"
#include "expect/parse.h"
#include "util/array.h"

const char *const parse_attrs_mm[] = { "users", "count", "freed", "borrowers",
	"grabs", "owner", "pins", "prev", "pgd", "life", NULL };
const char *const parse_attrs_cpu[] = { "current", "active_mm", "cr3", "lazy",
	"prev_mm", "online", NULL };
const char *const parse_attrs_task[] = { "state", "mm", "active_mm", "cpu",
	"kthread", "comm", "on_cpu", "use_mm", "tgid", "ppid", NULL };

/* The column (from 1) of the last 'TOKEN' of msg in the line, or 0. */
static int column(const struct parser *p, const char *msg)
{
	const char *end = strrchr(msg, '\''), *start, *at;
	char *tok;
	int col = 0;

	if (!p->text || !end || end == msg)
		return 0;
	for (start = end - 1; start > msg && *start != '\''; start--)
		;
	if (*start != '\'' || end - start < 2)
		return 0;
	tok = util_strdup(start + 1);
	tok[end - start - 1] = '\0';
	if ((at = strstr(p->text, tok)))
		col = at - p->text + 1;
	free(tok);
	return col;
}

int parse_fail(struct parser *p, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if ((col = column(p, msg)))
		snprintf(p->err, p->errlen, "%s:%d:%d: %s", p->x->path,
			 p->line, col, msg);
	else
		snprintf(p->err, p->errlen, "%s:%d: %s", p->x->path, p->line,
			 msg);
	return -1;
}

/* --- lexing --------------------------------------------------------- */

/*
 * Cut the logical line s (comment and continuations already gone) into
 * tokens, in place.  Quoted parts stay in their token, quotes included.
 */
static int tokenize(struct parser *p, char *s)
{
	int quoted;

	p->ntok = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			*s++ = '\0';
		if (!*s)
			return 0;
		if (p->ntok == MAXTOK)
			return parse_fail(p,
					  "expected at most %d words on a line",
					  MAXTOK);
		p->tok[p->ntok++] = s;
		for (quoted = 0; *s && (quoted || (*s != ' ' && *s != '\t'));
		     s++) {
			if (*s == '\\' && quoted && s[1])
				s++;
			else if (*s == '"')
				quoted = !quoted;
		}
		if (quoted)
			return parse_fail(
				p, "expected a closing '\"' at the end of %s",
				p->tok[p->ntok - 1]);
	}
}

/* Cut a comment: '#' outside quotes. */
static void uncomment(char *s)
{
	int quoted = 0;

	for (; *s; s++) {
		if (*s == '\\' && quoted && s[1])
			s++;
		else if (*s == '"')
			quoted = !quoted;
		else if (*s == '#' && !quoted) {
			*s = '\0';
			return;
		}
	}
}

/* --- files ---------------------------------------------------------- */

static int parse_text(struct parser *p, char *text)
{
	char *line = text, *nl, *s;
	int next_line = 1;
	size_t len;

	while (*line) {
		p->line = next_line;
		s = line;
		for (;;) {		/* join continuation lines */
			nl = strchr(line, '\n');
			next_line++;
			len = nl ? (size_t)(nl - s) : strlen(s);
			while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
				       s[len - 1] == '\r'))
				len--;
			if (!len || s[len - 1] != '\\' || !nl)
				break;
			s[len - 1] = ' ';
			memmove(s + len, nl + 1, strlen(nl + 1) + 1);
			line = s + len;
		}
		if (len && s[len - 1] == '\\')
			return parse_fail(p, "expected a line after the '\\' "
					     "that ends the file");
		nl = s[len] ? strchr(s + len, '\n') : NULL;
		s[len] = '\0';
		line = nl ? nl + 1 : s + len;
		uncomment(s);
		free(p->text);
		p->text = util_strdup(s);	/* tokenize cuts s */
		if (tokenize(p, s) < 0)
			return -1;
		if (p->ntok && parse_statement(p) < 0)
			return -1;
	}
	free(p->text);
	p->text = NULL;
	if (p->refs) {
		p->line = p->refs->line;
		return parse_fail(p, "expected 'end' to close this refs block "
				     "before the end of the file");
	}
	return 0;
}

struct expect_file *expect_parse(const char *path, const char *text,
				 char *err, size_t len)
{
	struct parser p = { .err = err, .errlen = len };
	char *copy = util_strdup(text);

	p.x = util_calloc(1, sizeof *p.x);
	p.x->path = util_strdup(path);
	if (parse_text(&p, copy) < 0) {
		expect_free(p.x);
		p.x = NULL;
	}
	free(copy);
	free(p.bound);
	free(p.text);
	return p.x;
}

/* The whole of fd as a NUL-terminated string; NULL on a read error. */
static char *read_all(int fd, size_t *n)
{
	size_t cap = 4096;
	char *text = util_calloc(cap, 1);
	ssize_t k;

	*n = 0;
	for (;;) {
		if (*n + 1 == cap)
			text = util_array_grow(text, &cap, cap + 1, 1);
		k = read(fd, text + *n, cap - 1 - *n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			free(text);
			return NULL;
		}
		if (k == 0)
			break;
		*n += k;
	}
	text[*n] = '\0';
	return text;
}

struct expect_file *expect_load(const char *path, char *err, size_t len)
{
	struct expect_file *x;
	struct stat st;
	char *text;
	size_t n;
	int fd = util_open_read(path, "an expect file", 1, err, len);

	if (fd < 0)
		return NULL;
	text = read_all(fd, &n);
	if (!text) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (!n && !fstat(fd, &st) && S_ISFIFO(st.st_mode)) {
		snprintf(err, len, "%s: a pipe nobody wrote to, not an expect "
			 "file; name a regular file", path);
		free(text);
		close(fd);
		return NULL;
	}
	close(fd);
	if (memchr(text, 0, n)) {
		snprintf(err, len, "%s: a NUL byte at offset %zu: not an "
			 "expect file (they are text)", path,
			 (size_t)((char *)memchr(text, 0, n) - text));
		free(text);
		return NULL;
	}
	x = expect_parse(path, text, err, len);
	free(text);
	return x;
}

static void free_conds(struct x_cond *c, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(c[i].name);
		free(c[i].val.str);
	}
	free(c);
}

void expect_free(struct expect_file *x)
{
	size_t i;

	if (!x)
		return;
	for (i = 0; i < x->nst; i++) {
		free(x->st[i].src);
		free_conds(x->st[i].p.c, x->st[i].p.nc);
		free_conds(x->st[i].before.c, x->st[i].before.nc);
		free_conds(x->st[i].c, x->st[i].nc);
		free(x->st[i].id.str);
		free(x->st[i].refs);
	}
	for (i = 0; i < x->noptions; i++)
		free(x->options[i]);
	for (i = 0; i < x->nvars; i++)
		free(x->vars[i]);
	free(x->st);
	free(x->options);
	free(x->vars);
	free(x->scenario);
	free(x->bug);
	free(x->path);
	free(x);
}

int expect_applies(const struct expect_file *x, const char *era,
		   unsigned long smp, char *err, size_t len)
{
	int e = era ? names_parse(&names_era, era) : -1;
	unsigned cpus = x->cpus ? x->cpus : 1u << 1;
	char list[64] = "";
	unsigned n;

	if (e > 0 && x->eras && !(x->eras & (1u << e))) {
		snprintf(err, len, "%s holds for era%s %s%s%s, not %s", x->path,
			 x->eras & (x->eras - 1) ? "s" : "",
			 x->eras & (1u << MMT_ERA_2632) ? "2.6.32" : "",
			 (x->eras & 6) == 6 ? " and " : "",
			 x->eras & (1u << MMT_ERA_MODERN) ? "modern" : "", era);
		return -1;
	}
	if (smp && !(cpus & (1u << smp))) {
		for (n = 1; n <= 8; n++)
			if (cpus & (1u << n))
				snprintf(list + strlen(list),
					 sizeof list - strlen(list), "%s%u",
					 list[0] ? " " : "", n);
		snprintf(err, len, "%s holds for CPU counts %s, not %lu",
			 x->path, list, smp);
		return -1;
	}
	return 0;
}
