/*
 * replay.c - a fuzz target without libFuzzer: feed files to its
 * LLVMFuzzerTestOneInput, as `scons test` does under gcc's sanitizers.
 *
 *	replay_NAME              every file under tests/fuzz/NAME/ (the seeds
 *	                         and regress/, the inputs that once crashed)
 *	replay_NAME FILE|DIR...  those
 *
 * One TAP line per file: a file that makes the target crash, leak or
 * misbehave stops the program with the sanitizer's report (the test
 * runner sees it); a file that returns is ok.  FUZZ_NAME and FUZZ_CORPUS
 * come from tests/SConscript.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct files {
	char **path;
	size_t n, cap;
};

static void add(struct files *f, const char *path)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->path = realloc(f->path, f->cap * sizeof *f->path);
		if (!f->path)
			abort();
	}
	f->path[f->n++] = strdup(path);
}

/* Every regular file at or under path, in any order (sorted later). */
static int collect(struct files *f, const char *path)
{
	char sub[4096];
	struct dirent *e;
	struct stat st;
	DIR *d;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		add(f, path);
		return 0;
	}
	if (!(d = opendir(path)))
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (collect(f, sub) < 0) {
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The whole file into a buffer of its own size (so that ASan sees a read
 * past its end); NULL with errno on failure. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) < 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) < 0) {
		fclose(fp);
		return NULL;
	}
	buf = malloc(n ? n : 1);
	if (!buf || fread(buf, 1, n, fp) != (size_t)n) {
		free(buf);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	*size = n;
	return buf;
}

int main(int argc, char **argv)
{
	struct files f = { 0 };
	const char *root = FUZZ_CORPUS;
	size_t i, size;
	uint8_t *data;
	int a, bad = 0;

	for (a = 1; a < argc; a++)
		if (collect(&f, argv[a]) < 0)
			return 2;
	if (argc == 1 && collect(&f, root) < 0)
		return 2;
	if (!f.n) {
		fprintf(stderr, "replay: no inputs for %s\n", FUZZ_NAME);
		return 2;
	}
	qsort(f.path, f.n, sizeof *f.path, by_name);
	printf("1..%zu\n", f.n);
	for (i = 0; i < f.n; i++) {
		const char *name = f.path[i];

		if (argc == 1 && !strncmp(name, root, strlen(root)))
			name += strlen(root) + 1;
		if (!(data = slurp(f.path[i], &size))) {
			printf("not ok %zu - %s: %s\n", i + 1, name,
			       strerror(errno));
			bad = 1;
		} else {
			fflush(stdout);	/* a crash shows those before */
			LLVMFuzzerTestOneInput(data, size);
			printf("ok %zu - %s %s (%zu bytes)\n", i + 1,
			       FUZZ_NAME, name, size);
		}
		free(data);
		free(f.path[i]);
	}
	free(f.path);
	return bad;
}
