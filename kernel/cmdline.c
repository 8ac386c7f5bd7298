/*
 * cmdline.c - parse the kernel command line.
 *
 *	scenario=NAME  smp=1..8  era=2.6.32|modern  trace=lossless|overflow
 *	transport=com2|virtio
 *	bug=exit_no_grab|lazy_no_grab|no_prev_drop|mmput_frees|trace_lie|ap_hang
 *	count=N
 *	watchdog=MS
 *
 * The first bad option is kept in cmdline.error (naming it) and
 * cmdline.usage (what it accepts); scenario_run() reports it once the
 * trace runs, so the host sees it in the END record too.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "memlayout.h"
#include "multiboot.h"
#include "cmdline.h"

struct cmdline cmdline = {
	.scenario = "boot",
	.era = MMT_ERA_2632,
	.watchdog_ms = WATCHDOG_MS,
};
int bugs_armed;				/* bug= is in effect (cmdline.h) */
atomic_t bug_fired;			/* times bug= acted (cmdline.h) */

/* bug= names, indexed by MMT_BUG_* */
static const char *const bug_names[] = {
	[MMT_BUG_EXIT_NO_GRAB] = "exit_no_grab",
	[MMT_BUG_LAZY_NO_GRAB] = "lazy_no_grab",
	[MMT_BUG_NO_PREV_DROP] = "no_prev_drop",
	[MMT_BUG_MMPUT_FREES] = "mmput_frees",
	[MMT_BUG_TRACE_LIE] = "trace_lie",
	[MMT_BUG_AP_HANG] = "ap_hang",
};

const char *bug_name(uint bug)
{
	if (bug == MMT_BUG_NONE || bug >= NELEM(bug_names))
		return "none";
	return bug_names[bug];
}

/* Parse a decimal in lo..hi; -1 if val is not one. */
static long parse_uint(const char *val, long lo, long hi)
{
	long n = 0;

	if (*val == 0)
		return -1;
	for (; *val; val++) {
		if (*val < '0' || *val > '9' || n > hi)
			return -1;
		n = n * 10 + (*val - '0');
	}
	return n >= lo && n <= hi ? n : -1;
}

static int set_scenario(const char *val)
{
	if (*val == 0 || strlen(val) > MMT_SCEN_NAME)
		return -1;
	safestrcpy(cmdline.scenario, val, sizeof(cmdline.scenario));
	return 0;
}

static int set_smp(const char *val)
{
	long n = parse_uint(val, 1, NCPU);

	if (n < 0)
		return -1;
	cmdline.smp = n;
	return 0;
}

static int set_era(const char *val)
{
	if (strcmp(val, "2.6.32") == 0)
		cmdline.era = MMT_ERA_2632;
	else if (strcmp(val, "modern") == 0)
		cmdline.era = MMT_ERA_MODERN;
	else
		return -1;
	return 0;
}

static int set_bug(const char *val)
{
	uint i;

	for (i = 1; i < NELEM(bug_names); i++) {
		if (strcmp(val, bug_names[i]) == 0) {
			cmdline.bug = i;
			return 0;
		}
	}
	return -1;
}

static int set_trace(const char *val)
{
	if (strcmp(val, "lossless") == 0)
		cmdline.overflow = 0;
	else if (strcmp(val, "overflow") == 0)
		cmdline.overflow = 1;
	else
		return -1;
	return 0;
}

static int set_transport(const char *val)
{
	if (strcmp(val, "com2") == 0)
		cmdline.virtio = 0;
	else if (strcmp(val, "virtio") == 0)
		cmdline.virtio = 1;
	else
		return -1;
	return 0;
}

static int set_watchdog(const char *val)
{
	long n = parse_uint(val, WATCHDOG_MIN_MS, WATCHDOG_MAX_MS);

	if (n < 0)
		return -1;
	cmdline.watchdog_ms = n;
	return 0;
}

static int set_count(const char *val)
{
	long n = parse_uint(val, 1, COUNT_MAX);

	if (n < 0)
		return -1;
	cmdline.count = n;
	return 0;
}

#define STR(x)	#x
#define XSTR(x)	STR(x)

static const struct option {
	const char *name;
	const char *accepts;			/* for the error message */
	int (*set)(const char *val);		/* 0, or -1 for a bad value */
} options[] = {
	{ "scenario", "scenario=NAME (see mmscope scenarios)", set_scenario },
	{ "smp", "smp=1.." XSTR(NCPU), set_smp },
	{ "era", "era=2.6.32|modern", set_era },
	{ "bug", "bug=exit_no_grab|lazy_no_grab|no_prev_drop|mmput_frees|trace_lie|ap_hang", set_bug },
	{ "trace", "trace=lossless|overflow", set_trace },
	{ "transport", "transport=com2|virtio", set_transport },
	{ "count", "count=1.." XSTR(COUNT_MAX), set_count },
	{ "watchdog", "watchdog=" XSTR(WATCHDOG_MIN_MS) ".." XSTR(WATCHDOG_MAX_MS) " (ms)", set_watchdog },
};

static void bad_option(const char *word, const char *what, const char *accepts)
{
	if (cmdline.error[0])
		return;			/* report the first one */
	snprintf(cmdline.error, sizeof(cmdline.error), "%s '%s'", what, word);
	snprintf(cmdline.usage, sizeof(cmdline.usage), "accepted: %s", accepts);
}

/* Apply one name=value word. */
static void parse_option(char *word)
{
	char *eq = word;
	uint i;

	while (*eq && *eq != '=')
		eq++;
	for (i = 0; i < NELEM(options); i++) {
		if (*eq == '=' && strncmp(word, options[i].name, eq - word) == 0 &&
		    options[i].name[eq - word] == 0) {
			if (options[i].set(eq + 1) < 0)
				bad_option(word, "bad value", options[i].accepts);
			return;
		}
	}
	bad_option(word, "unknown option",
		   "scenario= smp= era= bug= trace= transport= count= watchdog=");
}

/*
 * Copy the multiboot command line and parse it.  Loaders put the kernel
 * image's name first (QEMU: "build/kernel/kernel.elf scenario=..."): a
 * first word without '=' is that name and is skipped.  Called before
 * kinit(), which may reuse the memory the loader kept the line in.
 */
void cmdline_init(struct multiboot_info *mbi)
{
	char buf[CMDLINE_MAX], *p = buf, *word;
	const char *src = "";

	if (mbi->flags & MB_INFO_CMDLINE)
		src = P2V(mbi->cmdline);
	if (strlen(src) >= sizeof(buf))
		bad_option(src + sizeof(buf) - 8, "command line too long at",
			   "at most " XSTR(CMDLINE_MAX) " bytes");
	safestrcpy(buf, src, sizeof(buf));
	for (int first = 1; *p; first = 0) {
		while (*p == ' ')
			p++;
		for (word = p; *p && *p != ' '; p++)
			;
		if (*p)
			*p++ = 0;
		if (*word == 0 || (first && !strchr(word, '=')))
			continue;
		if (cmdline.text[0])
			strlcat(cmdline.text, " ", sizeof(cmdline.text));
		strlcat(cmdline.text, word, sizeof(cmdline.text));
		parse_option(word);
	}
	cprintf("cmdline: %s\n", cmdline.text);
}
