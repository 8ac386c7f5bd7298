/* tap.c - see tap.h. */
#include <stdarg.h>
#include <stdio.h>
#include "tap.h"

static int planned, ran, failed;

void tap_plan(int n)
{
	planned = n;
	printf("1..%d\n", n);
}

int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	ran++;
	if (!cond)
		failed++;
	printf("%sok %d - ", cond ? "" : "not ", ran);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

int tap_done(void)
{
	if (ran != planned)
		tap_diag("planned %d checks, ran %d", planned, ran);
	return failed || ran != planned;
}
