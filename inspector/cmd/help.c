/*
 * help.c - `mmscope help VERB`: the verb's manual page (manual.h).
 *
 * On a terminal, man(1) shows the page file, so the user gets a pager,
 * search and the terminal's width.  Piped, or where man or the page
 * file is missing, the page's text, rendered when mmscope was built, is
 * printed: the same words, with nothing to install.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cmd/manual.h"
#include "util/util.h"

static const struct cmd_manpage *find(const char *name)
{
	size_t i;

	for (i = 0; i < cmd_nmanpages; i++)
		if (!strcmp(cmd_manpages[i].name, name))
			return &cmd_manpages[i];
	return NULL;
}

/*
 * The page file into path: build/man/manN/ beside a binary in the build
 * tree, else PREFIX/share/man/manN/ for PREFIX/bin/mmscope.  Returns 0,
 * or -1 when neither exists.
 */
static int page_file(const struct cmd_manpage *p, char *path, size_t len)
{
	char dir[PATH_MAX], *slash;
	int n;

	util_exe_dir(dir, sizeof dir);
	n = snprintf(path, len, "%s/man/man%d/%s.%d", dir, p->section,
		     p->name, p->section);
	if (n > 0 && (size_t)n < len && access(path, R_OK) == 0)
		return 0;
	if ((slash = strrchr(dir, '/')))
		*slash = '\0';
	n = snprintf(path, len, "%s/share/man/man%d/%s.%d", dir, p->section,
		     p->name, p->section);
	return n > 0 && (size_t)n < len ? access(path, R_OK) : -1;
}

int cmd_man(const char *name)
{
	const struct cmd_manpage *p = find(name);
	char path[PATH_MAX];

	if (!p)
		return -1;
	if (isatty(STDOUT_FILENO) && page_file(p, path, sizeof path) == 0) {
		fflush(stdout);
		execlp("man", "man", "-l", path, (char *)NULL);
		/* no man(1): the text below */
	}
	fputs(p->text, stdout);
	return 0;
}
