/*
 * array.c - growing arrays and the lower-bound search; see array.h.
 */
#include <stdlib.h>
#include <string.h>
#include "util/array.h"

void *util_array_grow(void *v, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 16;

	if (need <= *cap)
		return v;
	while (c < need)
		c *= 2;
	v = realloc(v, c * size);
	if (!v)
		abort();
	memset((char *)v + *cap * size, 0, (c - *cap) * size);
	*cap = c;
	return v;
}

size_t util_lower_bound(const void *base, size_t n, size_t size, size_t off,
			uint64_t key)
{
	size_t lo = 0, hi = n, mid;
	uint64_t k;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		memcpy(&k, (const char *)base + mid * size + off, sizeof k);
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
