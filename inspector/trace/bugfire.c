/*
 * bugfire.c - whether the injected fault fired, from BOOT, STREAM and
 * STAT bug_fired; see bugfire.h.
 */
#include <inttypes.h>
#include <string.h>
#include "trace/names.h"
#include "util/util.h"
#include "trace/bugfire.h"

#define STAT_BUG_FIRED	"bug_fired"	/* the kernel's name for the count */

void bug_watch_event(struct bug_watch *w, const struct mmt_event *ev)
{
	struct mmt_stream s;
	struct mmt_boot b;
	struct mmt_stat st;
	const char *name;
	size_t n;

	switch (ev->type) {
	case MMT_STREAM:
		decode_copy(ev, &s, sizeof s);
		w->ncpu = s.ncpu;
		break;
	case MMT_BOOT:
		decode_copy(ev, &b, sizeof b);
		w->bug = b.bug;
		w->era = b.era;
		memcpy(w->scenario, b.scenario, MMT_SCEN_NAME);
		w->scenario[MMT_SCEN_NAME] = '\0';
		break;
	case MMT_STAT:
		decode_copy(ev, &st, sizeof st);
		n = decode_text(ev, sizeof st, &name);
		if (n == strlen(STAT_BUG_FIRED) &&
		    !memcmp(name, STAT_BUG_FIRED, n)) {
			w->counted = 1;
			w->fired = st.value;
		}
		break;
	}
}

void bug_watch_log(struct bug_watch *w, const struct evlog *log)
{
	struct evlog_iter it;
	struct mmt_event ev;

	evlog_iter_init(&it, log, 0);
	while (evlog_next(&it, &ev))
		bug_watch_event(w, &ev);
}

int bug_watch_warn(const struct bug_watch *w, const char *path)
{
	const char *bug = names_of(&names_bug, w->bug);
	const char *era = names_of(&names_era, w->era);

	if (!w->bug || !w->counted || w->fired)
		return 0;
	util_warn("%s: bug=%s never fired (scenario %s, era %s, %u CPU%s): the "
		"kernel never took the path it breaks, so this is a correct "
		"kernel's trace; another scenario, era or CPU count may "
		"exercise it", path, bug ? bug : "?", w->scenario,
		era ? era : "?", w->ncpu, w->ncpu == 1 ? "" : "s");
	return 1;
}
