/*
 * repro.c - the command line that runs a failed run again; see repro.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/repro.h"
#include "util/util.h"

/* s as a POSIX shell reads it back: as it is, or in single quotes. */
static void put_arg(FILE *f, const char *s)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./=:,+-@%";

	if (*s && strspn(s, plain) == strlen(s)) {
		fprintf(f, " %s", s);
		return;
	}
	fputs(" '", f);
	for (; *s; s++)
		fputs(*s == '\'' ? "'\\''" : (char[]) { *s, 0 }, f);
	fputc('\'', f);
}

void cmd_repro_print(int argc, char **argv)
{
	char *line = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&line, &len);
	int i;

	if (!f)
		return;
	fputs(argv[0], f);
	for (i = 1; i < argc; i++)
		put_arg(f, argv[i]);
	fclose(f);
	util_err("to reproduce: %s", line);
	free(line);
}
