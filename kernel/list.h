/*
 * list.h - doubly linked circular lists, Linux's <linux/list.h> in
 * miniature: a struct list_head is embedded in each element, and
 * list_entry() finds the element from it.
 *
 * No locking here: each list is protected by the lock its owner names.
 */
#ifndef KERNEL_LIST_H
#define KERNEL_LIST_H

#include "types.h"

struct list_head {
	struct list_head *next;		/* first element, or the head itself */
	struct list_head *prev;		/* last element, or the head itself */
};

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }

#define container_of(ptr, type, member) \
	((type *) ((char *) (ptr) - offsetof(type, member)))
#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)

#define list_for_each_entry(pos, head, member)				\
	for (pos = list_entry((head)->next, typeof(*pos), member);	\
	     &pos->member != (head);					\
	     pos = list_entry(pos->member.next, typeof(*pos), member))

/* Safe against removal of pos: n holds the next element. */
#define list_for_each_entry_safe(pos, n, head, member)			\
	for (pos = list_entry((head)->next, typeof(*pos), member),	\
	     n = list_entry(pos->member.next, typeof(*pos), member);	\
	     &pos->member != (head);					\
	     pos = n, n = list_entry(n->member.next, typeof(*n), member))

static inline void INIT_LIST_HEAD(struct list_head *h)
{
	h->next = h;
	h->prev = h;
}

static inline void __list_add(struct list_head *n, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

/* Insert n at the front of the list h. */
static inline void list_add(struct list_head *n, struct list_head *h)
{
	__list_add(n, h, h->next);
}

/* Insert n at the back of the list h. */
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	__list_add(n, h->prev, h);
}

/* Unlink e; it points to itself afterwards, so list_empty(e) is true. */
static inline void list_del_init(struct list_head *e)
{
	e->next->prev = e->prev;
	e->prev->next = e->next;
	INIT_LIST_HEAD(e);
}

static inline int list_empty(const struct list_head *h)
{
	return h->next == h;
}

#endif /* KERNEL_LIST_H */
