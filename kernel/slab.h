/*
 * slab.h - object caches in the manner of Linux's slab allocator:
 * mm_cachep, task_struct_cachep and vm_area_cachep hand out their
 * objects from one-page slabs.
 *
 * Debugging is always on, as with Linux's SLAB_POISON: a freed object is
 * filled with POISON_FREE (0x6b) and waits in its cache's quarantine for
 * SLAB_QUARANTINE more frees before it can be reused; its poison is
 * checked when it leaves the quarantine and again when it is allocated,
 * so a write through a stale pointer panics naming the cache instead of
 * corrupting the next owner.
 */
#ifndef KERNEL_SLAB_H
#define KERNEL_SLAB_H

#include "types.h"
#include "param.h"
#include "list.h"
#include "spinlock.h"

#define POISON_FREE	0x6b	/* Linux's byte for freed objects */

struct kmem_cache {
	const char *name;		/* Linux's cache name: "mm_struct", ... */
	uint size;			/* bytes per object, a multiple of 8 */
	uint per_slab;			/* objects in one slab page */
	uint offset;			/* first object's offset in its page */
	struct spinlock lock;

	/* lock must be held when using these: */
	struct list_head slabs;		/* every slab page of the cache */
	uint active;			/* objects allocated and not freed */
	void *quarantine[SLAB_QUARANTINE];	/* freed objects, oldest at qhead */
	uint qhead;
	uint qlen;
};

struct kmem_cache *kmem_cache_create(const char *name, uint size);
void *kmem_cache_alloc(struct kmem_cache *c);
void *kmem_cache_zalloc(struct kmem_cache *c);
void kmem_cache_free(struct kmem_cache *c, void *obj);
void kmem_cache_drain(void);
int check_poison(const void *p, uint n);

#endif /* KERNEL_SLAB_H */
