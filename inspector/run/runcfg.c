/*
 * runcfg.c - the options of a run, checked, and the kernel command line
 * made from them; see runcfg.h.
 */
#include <stdlib.h>
#include <string.h>
#include "trace/names.h"
#include "run/runcfg.h"
#include "util/util.h"

static int bad_value(const struct run_cfg *c, const char *opt,
		     const char *val, const char *want)
{
	util_err("%s: bad %s '%s': %s", c->verb, opt, val, want);
	return EXIT_USAGE;
}

/* The transport asked for: --transport, else $MMSCOPE_TRANSPORT, or NULL. */
static const char *transport(const struct run_cfg *c)
{
	const char *env = getenv("MMSCOPE_TRANSPORT");

	return c->transport ? c->transport : env && *env ? env : NULL;
}

/* Is it com2 or virtio?  -1, or EXIT_USAGE after naming where it came from. */
static int check_transport(const struct run_cfg *c)
{
	const char *t = transport(c);

	if (!t || !strcmp(t, "com2") || !strcmp(t, "virtio"))
		return -1;
	if (c->transport)
		return bad_value(c, "--transport", t, "com2 or virtio");
	util_err("%s: bad $MMSCOPE_TRANSPORT '%s': com2 or virtio (or unset "
	       "it)", c->verb, t);
	return EXIT_USAGE;
}

int runcfg_names(const struct run_cfg *c)
{
	char list[128];

	if (names_parse(&names_era, c->era) < 0)
		return bad_value(c, "--era", c->era,
			names_list(list, sizeof list, &names_era, " or ", 0));
	if (c->bug && names_parse(&names_bug, c->bug) < 0)
		return bad_value(c, "--bug", c->bug,
			names_list(list, sizeof list, &names_bug, ", ", 1));
	if (c->mode && strcmp(c->mode, "lossless") &&
	    strcmp(c->mode, "overflow"))
		return bad_value(c, "--trace-mode", c->mode,
				 "lossless or overflow");
	return check_transport(c);
}

int runcfg_number(const struct run_cfg *c, const char *opt, const char *s,
		  unsigned long min, unsigned long max, unsigned long *v)
{
	char want[64];

	if (util_parse_ulong(s, min, max, v) == 0)
		return -1;
	snprintf(want, sizeof want, "a number from %lu to %lu", min, max);
	return bad_value(c, opt, s, want);
}

/* The one table of the run options, in the order of enum runcfg_opt. */
static const struct option run_options[RUNCFG_NOPTS] = {
	{ "smp", required_argument, NULL, RUNCFG_SMP },
	{ "era", required_argument, NULL, RUNCFG_ERA },
	{ "bug", required_argument, NULL, RUNCFG_BUG },
	{ "trace-mode", required_argument, NULL, RUNCFG_MODE },
	{ "transport", required_argument, NULL, RUNCFG_TRANSPORT },
	{ "count", required_argument, NULL, RUNCFG_COUNT },
	{ "seed", required_argument, NULL, RUNCFG_SEED },
	{ "timeout", required_argument, NULL, RUNCFG_TIMEOUT },
	{ "kernel", required_argument, NULL, RUNCFG_KERNEL },
};

void runcfg_longopts(struct option *out, unsigned which,
		     const struct option *own)
{
	int i;

	for (i = 0; i < RUNCFG_NOPTS; i++)
		if (which & (1u << i))
			*out++ = run_options[i];
	do
		*out++ = *own;
	while ((own++)->name);
}

int runcfg_set(struct run_cfg *c, enum runcfg_opt opt, const char *s)
{
	c->given |= RUNCFG_BIT(opt);
	switch (opt) {
	case RUNCFG_SMP:
		return runcfg_number(c, "--smp", s, 1, 8, &c->smp);
	case RUNCFG_ERA: c->era = s; break;
	case RUNCFG_BUG: c->bug = strcmp(s, "none") ? s : NULL; break;
	case RUNCFG_MODE: c->mode = s; break;
	case RUNCFG_TRANSPORT: c->transport = s; break;
	case RUNCFG_COUNT:
		return runcfg_number(c, "--count", s, 1, 100000000, &c->count);
	case RUNCFG_SEED:
		return runcfg_number(c, "--seed", s, 0, 4294967295ul, &c->seed);
	case RUNCFG_TIMEOUT:
		return runcfg_number(c, "--timeout", s, 1, 86400, &c->timeout);
	case RUNCFG_KERNEL: c->kernel = s; break;
	case RUNCFG_END: break;
	}
	return -1;
}

void runcfg_merge(struct run_cfg *c, const struct run_cfg *from)
{
	unsigned g = from->given;

#define TAKE(opt, field) do { if (g & RUNCFG_BIT(opt)) \
				      c->field = from->field; } while (0)
	TAKE(RUNCFG_SMP, smp);
	TAKE(RUNCFG_ERA, era);
	TAKE(RUNCFG_BUG, bug);
	TAKE(RUNCFG_MODE, mode);
	TAKE(RUNCFG_TRANSPORT, transport);
	TAKE(RUNCFG_COUNT, count);
	TAKE(RUNCFG_SEED, seed);
	TAKE(RUNCFG_TIMEOUT, timeout);
	TAKE(RUNCFG_KERNEL, kernel);
#undef TAKE
	c->given |= g;
}

int runcfg_scenario(const struct run_cfg *c, struct symtab **syms)
{
	const struct mmt_scen_desc *sc;
	struct mmt_scen_desc *all;
	char err[512];
	size_t n;

	*syms = sym_open(c->kernel, err, sizeof err);
	if (!*syms) {
		util_err("kernel ELF %s (build it with 'scons' or name one "
			 "with --kernel)", err);
		return EXIT_USAGE;
	}
	all = sym_scenarios(*syms, &n, err, sizeof err);
	if (!all) {
		util_err("%s: %s: is it an mmscope kernel?", c->kernel, err);
		return EXIT_USAGE;
	}
	sc = sym_scenario_find(all, n, c->scenario);
	if (!sc) {
		util_err("unknown scenario '%s'; the kernel %s knows:",
			 c->scenario, c->kernel);
		sym_scenario_print(stderr, all, n);
		free(all);
		return EXIT_USAGE;
	}
	if (c->smp < sc->min_cpus)
		util_warn("scenario %s is meant for %u CPUs or more (--smp %u)",
			  c->scenario, sc->min_cpus, sc->min_cpus);
	if (sc->eras && !(sc->eras & (1u << names_parse(&names_era, c->era))))
		util_warn("scenario %s is not meant for era %s", c->scenario,
			  c->era);
	free(all);
	return -1;
}

void runcfg_cmdline(const struct run_cfg *c, char *buf, size_t len)
{
	int at;

	at = snprintf(buf, len, "scenario=%s smp=%lu era=%s", c->scenario,
		      c->smp, c->era);
	if (c->bug)
		at += snprintf(buf + at, len - at, " bug=%s", c->bug);
	if (c->mode)
		at += snprintf(buf + at, len - at, " trace=%s", c->mode);
	if (runcfg_virtio(c))
		at += snprintf(buf + at, len - at, " transport=virtio");
	if (c->count)
		at += snprintf(buf + at, len - at, " count=%lu", c->count);
	if (runcfg_given(c, RUNCFG_SEED))
		snprintf(buf + at, len - at, " seed=%lu", c->seed);
}

int runcfg_virtio(const struct run_cfg *c)
{
	const char *t = transport(c);

	return t && !strcmp(t, "virtio");
}
