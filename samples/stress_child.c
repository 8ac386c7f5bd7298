/*
 * stress_child - what smp_stress's children exec: map a page, write it,
 * unmap it, exit 0.
 */
#include "user.h"

#define PAGE	4096

int main(void)
{
	char *p = mmap(PAGE);

	if ((int) p < 0)
		return 1;
	p[0] = 1;
	return munmap(p, PAGE) == 0 ? 0 : 2;
}
