/*
 * slab.c - object caches (slab.h): one-page slabs, poisoned frees and a
 * quarantine before reuse.
 *
 * A slab page starts with struct slab, then one state byte and one free
 * index per object, then the objects.  An object is FREE (on free[],
 * poisoned), LIVE (handed out) or QUARANTINED (freed, poisoned, waiting
 * in the cache's quarantine).  A slab whose objects are all FREE goes back
 * to kalloc at once, so a run that frees everything ends with the free
 * page count it started with once kmem_cache_drain() has emptied the
 * quarantines.  Each cache has its own lock; slab pages come from kalloc
 * with that lock held (kmem.lock nests inside it).
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "mmu.h"
#include "slab.h"

#define NCACHES		8	/* caches the kernel creates */

enum { OBJ_FREE, OBJ_LIVE, OBJ_QUARANTINED };

struct slab {			/* at the start of every slab page */
	struct list_head list;	/* on cache->slabs */
	struct kmem_cache *cache;
	ushort inuse;		/* objects LIVE or QUARANTINED */
	ushort nfree;		/* entries on the free stack */
	uchar state[];		/* per_slab states, then per_slab ushort free indices */
};

static struct kmem_cache caches[NCACHES];
static uint ncaches;

static uint slab_header(uint n)
{
	return (sizeof(struct slab) + n * (1 + sizeof(ushort)) + 7) & ~7;
}

static ushort *free_stack(struct kmem_cache *c, struct slab *s)
{
	return (ushort *) (s->state + c->per_slab);
}

static void *slab_obj(struct kmem_cache *c, struct slab *s, uint i)
{
	return (char *) s + c->offset + i * c->size;
}

/* Index of the byte that is not POISON_FREE in p[0..n), or -1. */
int check_poison(const void *p, uint n)
{
	const uchar *b = p;
	uint i;

	for (i = 0; i < n; i++)
		if (b[i] != POISON_FREE)
			return i;
	return -1;
}

/* A cache of size-byte objects named name; boot time only, never freed. */
struct kmem_cache *kmem_cache_create(const char *name, uint size)
{
	struct kmem_cache *c;
	uint n;

	if (ncaches == NCACHES)
		panic("kmem_cache_create %s: more than %d caches", name, NCACHES);
	c = &caches[ncaches++];
	c->name = name;
	c->size = (size + 7) & ~7;
	for (n = 1; slab_header(n + 1) + (n + 1) * c->size <= PGSIZE; n++)
		;
	if (slab_header(n) + n * c->size > PGSIZE)
		panic("kmem_cache_create %s: %u-byte objects do not fit a page", name, size);
	c->per_slab = n;
	c->offset = slab_header(n);
	initlock(&c->lock, name);
	INIT_LIST_HEAD(&c->slabs);
	return c;
}

/* A new slab page, every object FREE and poisoned; c->lock held. */
static struct slab *slab_new(struct kmem_cache *c)
{
	struct slab *s = kalloc();
	uint i;

	if (!s)
		return 0;
	s->cache = c;
	s->inuse = 0;
	s->nfree = c->per_slab;
	for (i = 0; i < c->per_slab; i++) {
		s->state[i] = OBJ_FREE;
		free_stack(c, s)[i] = c->per_slab - 1 - i;	/* object 0 on top */
	}
	memset(slab_obj(c, s, 0), POISON_FREE, c->per_slab * c->size);
	list_add_tail(&s->list, &c->slabs);
	return s;
}

/* Panic if the freed object obj was written since it was poisoned. */
static void verify_poison(struct kmem_cache *c, void *obj)
{
	int off = check_poison(obj, c->size);

	if (off >= 0)
		panic("slab %s: 0x%x written after free (+%d: 0x%x)", c->name,
		      (uint) obj, off, ((uchar *) obj)[off]);
}

/* An object of cache c, its contents undefined (poison), or 0 if out of memory. */
void *kmem_cache_alloc(struct kmem_cache *c)
{
	struct slab *s;
	void *obj = 0;
	uint i;

	acquire(&c->lock);
	list_for_each_entry(s, &c->slabs, list)
		if (s->nfree > 0)
			goto found;
	if ((s = slab_new(c)) == 0)
		goto out;
found:
	i = free_stack(c, s)[--s->nfree];
	obj = slab_obj(c, s, i);
	verify_poison(c, obj);
	s->state[i] = OBJ_LIVE;
	s->inuse++;
	c->active++;
out:
	release(&c->lock);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *c)
{
	void *obj = kmem_cache_alloc(c);

	if (obj)
		memset(obj, 0, c->size);
	return obj;
}

/* Move the oldest quarantined object to its slab's free stack; c->lock held. */
static void quarantine_evict(struct kmem_cache *c)
{
	void *obj = c->quarantine[c->qhead];
	struct slab *s = (struct slab *) PGROUNDDOWN((uint) obj);
	uint i = ((char *) obj - (char *) slab_obj(c, s, 0)) / c->size;

	c->qhead = (c->qhead + 1) % SLAB_QUARANTINE;
	c->qlen--;
	verify_poison(c, obj);
	s->state[i] = OBJ_FREE;
	free_stack(c, s)[s->nfree++] = i;
	if (--s->inuse == 0) {
		list_del_init(&s->list);
		kfree(s);
	}
}

/* Free obj, which kmem_cache_alloc(c) returned: poison it, quarantine it. */
void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct slab *s = (struct slab *) PGROUNDDOWN((uint) obj);
	uint i, off;

	acquire(&c->lock);
	off = (char *) obj - (char *) s - c->offset;
	i = off / c->size;
	if (s->cache != c || off % c->size != 0 || i >= c->per_slab)
		panic("kmem_cache_free %s: 0x%x is not one of its objects", c->name, (uint) obj);
	if (s->state[i] != OBJ_LIVE)
		panic("kmem_cache_free %s: 0x%x freed twice", c->name, (uint) obj);
	memset(obj, POISON_FREE, c->size);
	s->state[i] = OBJ_QUARANTINED;
	c->active--;
	if (c->qlen == SLAB_QUARANTINE)
		quarantine_evict(c);
	c->quarantine[(c->qhead + c->qlen++) % SLAB_QUARANTINE] = obj;
	release(&c->lock);
}

/*
 * End of a run: check and release every quarantined object, which frees
 * every slab page that has no live object left.
 */
void kmem_cache_drain(void)
{
	struct kmem_cache *c;

	for (c = caches; c < caches + ncaches; c++) {
		acquire(&c->lock);
		while (c->qlen > 0)
			quarantine_evict(c);
		release(&c->lock);
	}
}
