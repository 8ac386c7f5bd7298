/*
 * types.h - the kernel's basic types.
 *
 * Fixed-width types come from the compiler's freestanding <stdint.h>, the
 * same ones protocol/mmtrace.h uses; the short names are xv6's.
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>

typedef unsigned int	uint;
typedef unsigned short	ushort;
typedef unsigned char	uchar;
typedef uint32_t	uint32;
typedef uint64_t	uint64;

typedef uint32		pde_t;		/* page directory entry */
typedef uint32		pte_t;		/* page table entry */

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

/* Keep a function out of its callers: the trace names it as a caller. */
#define noinline	__attribute__((noinline))
/* ...or always in them, even where gcc would not inline it. */
#define __always_inline	inline __attribute__((always_inline))

#define popcount(x)	__builtin_popcount(x)

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#endif /* KERNEL_TYPES_H */
