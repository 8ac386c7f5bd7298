/*
 * array.h - the two things every growing array and sorted table here
 * needs: room for one more element, and the first element at or after
 * a key.
 */
#ifndef MMSCOPE_UTIL_ARRAY_H
#define MMSCOPE_UTIL_ARRAY_H

#include <stddef.h>
#include <stdint.h>

/*
 * Room for `need` elements of `size` bytes in the array v, which has
 * room for *cap: *cap doubles (from 16) until it is enough, and the new
 * elements are zeroed.  Returns the array, which may have moved.  Out of
 * memory aborts: mmscope keeps its traces in memory and has nothing
 * sane to do without it.
 */
void *util_array_grow(void *v, size_t *cap, size_t need, size_t size);

/*
 * In the n elements of `size` bytes at base, sorted by the uint64_t key
 * at byte offset `off` of each, the index of the first whose key is
 * >= key (n if none).
 */
size_t util_lower_bound(const void *base, size_t n, size_t size, size_t off,
			uint64_t key);

#endif /* MMSCOPE_UTIL_ARRAY_H */
