/*
 * test_symsec.c - the symbols and source lines a trace keeps in its
 * sections (trace/symsec.c, PROTOCOL.md 4.1), against a small i386 ELF
 * compiled here: the sections answer every address they were made for
 * as the ELF does, and have its source lines; what does not fit is left
 * out (sources first); damaged sections are refused with the reason; a
 * trace file given sections keeps its stream byte for byte, where a
 * reader that knows no sections finds it (header_size), and a failure
 * leaves the file as it was.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "trace/mmtfile.h"
#include "trace/symbols.h"
#include "tap.h"

static const char fixture[] =
"int helper(int x)\n"				/* line 1 */
"{\n"
"	return x * 3 + 1;\n"			/* line 3 */
"}\n"
"void start(void)\n"
"{\n"
"	helper(1);\n"				/* line 7 */
"	for (;;)\n"
"		;\n"
"}\n";

static char dir[512], elf[600], src[600];

static int build_fixture(void)
{
	char cmd[2048];
	FILE *f;

	snprintf(src, sizeof src, "%s/symsec.c", dir);
	snprintf(elf, sizeof elf, "%s/symsec.elf", dir);
	f = fopen(src, "w");
	if (!f)
		return -1;
	fputs(fixture, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "gcc -m32 -g -O0 -fno-pic -fno-pie "
		 "-ffreestanding -nostdlib -static -Wl,--build-id=sha1 "
		 "-Wl,-e,start -o %s %s", elf, src);
	return system(cmd);
}

/* The ELF's answers for want[], and the kept symtab's, the same? */
static int same(struct symtab *e, struct symtab *k, const struct sym_want *w,
		size_t n)
{
	const char *a, *b;
	size_t i;

	for (i = 0; i < n; i++) {
		a = sym_lookup(e, w[i].addr, w[i].is_return);
		b = sym_lookup(k, w[i].addr, w[i].is_return);
		if ((a || b) && (!a || !b || strcmp(a, b))) {
			tap_diag("%#x: ELF %s, kept %s", w[i].addr, a, b);
			return 0;
		}
	}
	return 1;
}

static void kept(struct symtab *e, uint32_t helper, uint32_t start)
{
	struct sym_want w[] = { { helper + 3, 0 }, { start + 12, 1 },
				{ 0x10, 0 } };
	uint8_t a[MMT_BUILD_ID_SIZE], b[MMT_BUILD_ID_SIZE];
	struct symtab *k;
	struct sym_where where;
	struct mmt_section syms;
	unsigned nsrc, nlines;
	char err[256];
	const char *line;
	size_t len, n;
	void *sec;

	sec = sym_sections(e, w, 3, MMT_SEC_MAX, &len, &nsrc, &nlines);
	tap_ok(sec && len % 4 == 0 && nsrc == 1 && nlines == 10,
	       "sections: %zu bytes, %u source pieces, %u lines", len, nsrc,
	       nlines);
	k = sec ? sym_open_kept(sec, len, err, sizeof err) : NULL;
	if (!tap_ok(k != NULL, "read back: %s", k ? "ok" : err))
		return;
	tap_ok(same(e, k, w, 3) && !sym_lookup(k, helper + 4, 0),
	       "each address as the ELF says it (%s), and no other",
	       sym_lookup(k, start + 12, 1));
	sym_build_id(e, a);
	sym_build_id(k, b);
	tap_ok(!memcmp(a, b, sizeof a), "their build id is the ELF's");
	line = sym_where(k, helper + 3, 0, &where) == 0 && where.file ?
	       sym_source(k, where.file, 3, &n) : NULL;
	tap_ok(line && n == 18 && !strncmp(line, "\treturn x * 3 + 1;", n) &&
	       !sym_source(k, where.file, 11, &n),
	       "the source line of a symbol, kept (not the ELF's file)");
	sym_close(k);
	free(sec);
	sec = sym_sections(e, w, 3, MMT_SEC_MAX, &len, &nsrc, &nlines);
	memcpy(&syms, sec, sizeof syms);	/* SYMS comes first */
	free(sec);
	sec = sym_sections(e, w, 3, syms.size + 8, &len, &nsrc, &nlines);
	tap_ok(sec && len == syms.size && nsrc == 0,
	       "room for the symbols only: no sources (%zu bytes)", len);
	free(sec);
	tap_ok(!sym_sections(e, w, 3, syms.size - 4, &len, &nsrc, &nlines),
	       "room for less: not even the symbols");
}

/* Damage one thing of good sections; the reason it is refused. */
static const char *damaged(struct symtab *e, uint32_t at, uint32_t value,
			   char *err, size_t errlen)
{
	struct sym_want w[] = { { 0x8049000, 0 } };
	unsigned nsrc, nl;
	struct symtab *k;
	size_t len;
	char *sec = sym_sections(e, w, 1, MMT_SEC_MAX, &len, &nsrc, &nl);

	memcpy(sec + at, &value, 4);
	k = sym_open_kept(sec, len, err, errlen);
	sym_close(k);
	free(sec);
	return k ? "accepted" : err;
}

static void refused(struct symtab *e)
{
	struct mmt_section other = { 0x4b4e5546, 8 };	/* a type unknown */
	char err[256];

	tap_ok(!!strstr(damaged(e, 4, 1000000, err, sizeof err), "overruns"),
	       "a section larger than the sections: %s", err);
	tap_ok(!!strstr(damaged(e, 36 + 8, 999, err, sizeof err),
		      "not a string"), "a name past the strings: %s", err);
	tap_ok(!!strstr(damaged(e, 28, 500, err, sizeof err), "overrun"),
	       "more entries than there is room for: %s", err);
	tap_ok(!sym_open_kept(&other, sizeof other, err, sizeof err) &&
	       !err[0], "no SYMS section (one of a type unknown, skipped): no "
	       "symtab, and nothing wrong");
}

/* A trace file of 1024 header bytes and `stream`, given sections. */
static void file_sections(void)
{
	static const char stream[] = "\0these bytes stand for the stream";
	struct mmt_file_header h;
	char path[600], err[600] = "", buf[64], sec[12] = "SECTIONS!!!";
	size_t len;
	void *got;
	int fd;

	snprintf(path, sizeof path, "%s/symsec.mmt", dir);
	mmtfile_header_init(&h, "/k.elf", NULL, "scenario=x", "");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	mmtfile_write_header(fd, &h);
	pwrite(fd, stream, sizeof stream, sizeof h);
	close(fd);
	tap_ok(mmtfile_put_sections(path, sec, sizeof sec, err,
				    sizeof err) == 0, "sections put%s%s",
	       err[0] ? ": " : "", err);
	fd = mmtfile_open(path, &h, err, sizeof err);
	memset(buf, 0, sizeof buf);
	tap_ok(fd >= 0 && h.header_size == 1024 + sizeof sec &&
	       read(fd, buf, sizeof buf) == sizeof stream &&
	       !memcmp(buf, stream, sizeof stream),
	       "the stream starts at header_size (%u), as it was",
	       h.header_size);
	close(fd);
	got = mmtfile_sections(path, &h, &len, err, sizeof err);
	tap_ok(got && len == sizeof sec && !memcmp(got, sec, len),
	       "the sections read back");
	free(got);
	tap_ok(mmtfile_put_sections(path, sec, 10, err, sizeof err) < 0 &&
	       strstr(err, "not a multiple of 4") &&
	       mmtfile_put_sections(path, "", 0, err, sizeof err) == 0 &&
	       (fd = mmtfile_open(path, &h, err, sizeof err)) >= 0 &&
	       h.header_size == 1024 && read(fd, buf, sizeof buf) ==
	       sizeof stream, "bad sections refused; none: the old layout");
	close(fd);
	tap_ok(mmtfile_put_sections("/nonexistent/t.mmt", sec, 12, err,
				    sizeof err) < 0 &&
	       strstr(err, "/nonexistent/t.mmt"), "a missing file: %s", err);
}

int main(void)
{
	const char *tmp = getenv("TEST_TMPDIR");
	struct symtab *e;
	uint32_t helper, start;
	char err[1024];

	tap_plan(17);
	snprintf(dir, sizeof dir, "%s", tmp && *tmp ? tmp : "/tmp");
	if (!tap_ok(build_fixture() == 0, "gcc -m32 builds the fixture ELF"))
		return tap_done();
	e = sym_open(elf, err, sizeof err);
	if (!e || sym_addr(e, "helper", &helper) || sym_addr(e, "start",
							     &start)) {
		tap_diag("%s", e ? "no helper, start" : err);
		return tap_done();
	}
	kept(e, helper, start);
	refused(e);
	file_sections();
	sym_close(e);
	return tap_done();
}
