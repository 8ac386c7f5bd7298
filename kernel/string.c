/*
 * string.c - the few libc string functions the kernel needs.  gcc may call
 * memcpy, memmove and memset itself (struct copies), so they must exist.
 */
#include "types.h"
#include "defs.h"

void *memset(void *dst, int c, size_t n)
{
	uchar *d = dst;

	while (n-- > 0)
		*d++ = c;
	return dst;
}

int memcmp(const void *v1, const void *v2, size_t n)
{
	const uchar *s1 = v1, *s2 = v2;

	for (; n > 0; n--, s1++, s2++)
		if (*s1 != *s2)
			return *s1 - *s2;
	return 0;
}

void *memmove(void *dst, const void *src, size_t n)
{
	const uchar *s = src;
	uchar *d = dst;

	if (s < d && s + n > d) {
		s += n;
		d += n;
		while (n-- > 0)
			*--d = *--s;
	} else {
		while (n-- > 0)
			*d++ = *s++;
	}
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	return memmove(dst, src, n);
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *p, const char *q)
{
	while (*p && *p == *q)
		p++, q++;
	return (uchar) *p - (uchar) *q;
}

int strncmp(const char *p, const char *q, size_t n)
{
	while (n > 0 && *p && *p == *q)
		n--, p++, q++;
	if (n == 0)
		return 0;
	return (uchar) *p - (uchar) *q;
}

/* Copy at most n-1 bytes and always NUL-terminate (n > 0). */
void safestrcpy(char *dst, const char *src, size_t n)
{
	if (n == 0)
		return;
	while (--n > 0 && (*dst = *src) != 0)
		dst++, src++;
	*dst = 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char) c)
			return (char *) s;
	return 0;
}

/* Append src to the NUL-terminated dst of size n, truncating; return dst's length. */
size_t strlcat(char *dst, const char *src, size_t n)
{
	size_t len = strnlen(dst, n);

	if (len < n)
		safestrcpy(dst + len, src, n - len);
	return strnlen(dst, n);
}
