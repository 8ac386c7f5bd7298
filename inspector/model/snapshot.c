/*
 * snapshot.c - periodic copies of the model and seeking, see snapshot.h.
 */
#include <stdlib.h>
#include "model/snapshot.h"
#include "util/array.h"

void snap_init(struct snapshots *s, uint64_t every)
{
	*s = (struct snapshots) { .every = every ? every : SNAP_EVERY };
}

void snap_free(struct snapshots *s)
{
	size_t i;

	for (i = 0; i < s->nv; i++)
		free(s->v[i].data);
	free(s->v);
	s->v = NULL;
	s->nv = s->cap = s->bytes = 0;
}

void snap_take(struct snapshots *s, const struct model *m)
{
	size_t size;

	s->v = util_array_grow(s->v, &s->cap, s->nv + 1, sizeof *s->v);
	size = model_snap_size(m);
	s->v[s->nv].n = m->n;
	s->v[s->nv].data = malloc(size);
	if (!s->v[s->nv].data)
		abort();
	model_save(m, s->v[s->nv].data);
	s->bytes += size;
	s->nv++;
}

int model_seek(struct model *m, const struct snapshots *s,
	       const struct evlog *log, uint64_t n)
{
	struct evlog_iter it;
	struct mmt_event ev;
	size_t i = s->nv ? n / s->every : 0;

	if (i >= s->nv)
		i = s->nv ? s->nv - 1 : 0;
	if (s->nv && (m->n > n || s->v[i].n > m->n))
		model_load_saved(m, s->v[i].data);
	else if (!s->nv && m->n > n)
		model_reset(m);
	evlog_iter_init(&it, log, m->n);
	while (m->n < n && evlog_next(&it, &ev))
		model_step(m, log, &ev);
	return m->n == n ? 0 : -1;
}
