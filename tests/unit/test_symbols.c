/*
 * test_symbols.c - symbols.c against a small i386 ELF compiled here with
 * gcc -m32 (as the kernel is): build id, function+offset with file:line,
 * return addresses, the scenario section, and bad files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/symbols.h"
#include "tap.h"

static const char fixture[] =
"struct scen { char name[16]; char summary[104];\n"
"	unsigned char min_cpus, eras, bug, flags; unsigned pad; };\n"
"__attribute__((section(\".mmscope.scenarios\"), used))\n"
"static const struct scen table[2] = {\n"
"	{ \"alpha\", \"the first\", 1, 6, 0, 0, 0 },\n"
"	{ \"beta\", \"the second\", 2, 2, 1, 0, 0 },\n"
"};\n"
"int helper(int x)\n"			/* line 8 */
"{\n"
"	return x * 3 + 1;\n"		/* line 10 */
"}\n"
"void start(void)\n"
"{\n"
"	helper(1);\n"
"	for (;;)\n"
"		;\n"
"}\n";

static char dir[512], elf[600];

static int build_fixture(void)
{
	char src[600], cmd[2048];
	FILE *f;

	snprintf(src, sizeof src, "%s/fixture.c", dir);
	snprintf(elf, sizeof elf, "%s/fixture.elf", dir);
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

/* The build id as readelf prints it, for comparison. */
static int readelf_id(char *hex, size_t len)
{
	char cmd[700], line[256], *p;
	FILE *f;
	int found = 0;

	snprintf(cmd, sizeof cmd, "readelf -n %s", elf);
	f = popen(cmd, "r");
	while (f && fgets(line, sizeof line, f))
		if ((p = strstr(line, "Build ID: ")) && !found++)
			snprintf(hex, len, "%.40s", p + 10);
	if (f)
		pclose(f);
	return found;
}

int main(void)
{
	const char *tmp = getenv("TEST_TMPDIR"), *s;
	uint8_t id[MMT_BUILD_ID_SIZE];
	char hex[600], want[64], err[1024];
	struct mmt_scen_desc *sc;
	struct symtab *st;
	uint32_t helper, start;
	size_t n, i;

	tap_plan(10);
	snprintf(dir, sizeof dir, "%s", tmp && *tmp ? tmp : "/tmp");
	if (!tap_ok(build_fixture() == 0, "gcc -m32 builds the fixture ELF"))
		return tap_done();
	st = sym_open(elf, err, sizeof err);
	if (!tap_ok(st != NULL, "libbfd opens it (%s)", st ? "ok" : err))
		return tap_done();
	for (i = 0; i < sizeof id; i++)
		sprintf(hex + 2 * i, "%02x", 0);
	if (sym_build_id(st, id))
		for (i = 0; i < sizeof id; i++)
			sprintf(hex + 2 * i, "%02x", id[i]);
	tap_ok(readelf_id(want, sizeof want) && !strcmp(hex, want),
	       "build id %s is readelf's", hex);
	tap_ok(!sym_addr(st, "helper", &helper) &&
		       !sym_addr(st, "start", &start),
	       "symbol addresses by name");
	s = sym_lookup(st, helper + 3, 0);
	snprintf(want, sizeof want, "helper+0x3 (fixture.c:");
	tap_ok(s && !strncmp(s, want, strlen(want)), "helper+3: %s",
	       s ? s : "NULL");
	s = sym_lookup(st, start, 1);
	snprintf(want, sizeof want, "helper+0x%x", start - helper);
	tap_ok(s && !strncmp(s, want, strlen(want)),
	       "a return address is looked up at the call before it: %s",
	       s ? s : "NULL");
	tap_ok(sym_lookup(st, 0x10, 0) == NULL, "no symbol below the text");
	sc = sym_scenarios(st, &n, err, sizeof err);
	tap_ok(sc && n == 2 && sym_scenario_find(sc, n, "beta") == &sc[1] &&
		       sc[1].min_cpus == 2 &&
		       !sym_scenario_find(sc, n, "gamma") &&
		       !sym_scenario_find(sc, n, "alph"),
	       "the scenario table: %zu entries", n);
	free(sc);
	sym_close(st);
	tap_ok(!sym_open("/nonexistent.elf", err, sizeof err) &&
	       strstr(err, "/nonexistent.elf") && strstr(err, "No such file"),
	       "a missing ELF: %s", err);
	snprintf(hex, sizeof hex, "%s/fixture.c", dir);
	tap_ok(!sym_open(hex, err, sizeof err) &&
		       strstr(err, "not a kernel ELF"),
	       "a C file: %s", err);
	return tap_done();
}
