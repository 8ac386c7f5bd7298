/*
 * test_mmtfile.c - the .mmt header: written and read back; and every bad
 * file gives one message that names the file and the problem.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "trace/mmtfile.h"
#include "tap.h"

static char dir[512];

/* Write n bytes of h (possibly altered) to a file; return its path. */
static const char *put(const char *name, const void *data, size_t n)
{
	static char path[1024];
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, n) != (ssize_t)n) {
		perror(path);
		exit(1);
	}
	close(fd);
	return path;
}

/* Open path; 1 if it fails with a message naming it and saying what. */
static int fails_with(const char *path, const char *what)
{
	struct mmt_file_header h;
	char msg[512];
	int fd = mmtfile_open(path, &h, msg, sizeof msg);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (strncmp(msg, path, strlen(path)) || !strstr(msg, what) ||
	    strchr(msg, '\n')) {
		tap_diag("message: %s", msg);
		return 0;
	}
	return 1;
}

int main(void)
{
	static const uint8_t id[MMT_BUILD_ID_SIZE] = { 1, 2, 3, 4, 5 };
	struct mmt_file_header h, back;
	char msg[512], buf[MMT_PATH_MAX + 1];
	const char *path, *tmp = getenv("TEST_TMPDIR");
	uint8_t stream[1024 + 3];
	int fd;

	tap_plan(10);
	snprintf(dir, sizeof dir, "%s", tmp && *tmp ? tmp : "/tmp");
	mmtfile_header_init(&h, "/k/kernel.elf", id, "scenario=boot smp=1",
			    "-smp 1 -m 128");
	memcpy(stream, &h, sizeof h);
	memcpy(stream + sizeof h, "\0\1\2", 3);
	path = put("good.mmt", stream, sizeof stream);
	fd = mmtfile_open(path, &back, msg, sizeof msg);
	tap_ok(fd >= 0 && !memcmp(&h, &back, sizeof h) &&
	       lseek(fd, 0, SEEK_CUR) == MMT_FILE_HEADER_SIZE,
	       "a header written is read back; the file is at the stream");
	tap_ok(!strcmp(mmtfile_str(back.cmdline, sizeof back.cmdline, buf),
		       "scenario=boot smp=1") && back.version == MMT_VERSION,
	   "command line and version survive");
	if (fd >= 0)
		close(fd);

	tap_ok(fails_with("/nonexistent/x.mmt", "No such file"),
	       "missing file");
	tap_ok(fails_with(put("text.mmt", "hello, world, this is text\n", 27),
			  "not an mmscope trace"),
	       "a text file is not a trace");
	back = h;
	back.magic = __builtin_bswap32(MMT_FILE_MAGIC);
	tap_ok(fails_with(put("swapped.mmt", &back, sizeof back), "byte order"),
	       "byte-swapped magic: wrong byte order");
	back = h;
	back.version = MMT_VERSION + 1;
	tap_ok(fails_with(put("newer.mmt", &back, sizeof back), "newer"),
	       "a newer version is refused");
	tap_ok(fails_with(put("short.mmt", &h, 500), "truncated"),
	       "a header cut at 500 bytes");
	tap_ok(fails_with(put("empty.mmt", "", 0), "empty"), "an empty file");
	back = h;
	back.header_size = 100;
	tap_ok(mmtfile_check(&back, sizeof back, "x", msg, sizeof msg) ==
	       MMTF_BADSIZE, "header_size below the header's size is damage");
	back = h;
	back.header_size = 2048;
	tap_ok(mmtfile_check(&back, sizeof back, "x", msg, sizeof msg) ==
		       MMTF_OK,
	       "a larger header_size (a future, longer header) is accepted");
	return tap_done();
}
