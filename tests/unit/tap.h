/*
 * tap.h - a minimal TAP producer for the C unit tests.
 *
 * Each test program calls tap_plan(n) once, then tap_ok(cond, fmt, ...)
 * per check, and returns tap_done() from main.  tests/runtests.py counts the results.
 */
#ifndef MMSCOPE_TAP_H
#define MMSCOPE_TAP_H

void tap_plan(int n);
/* Report one check; returns cond so callers can stop early. */
int tap_ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print a diagnostic line ("# ...") that the runner shows on failure. */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Exit status for main: 0 when every check passed and the plan was met. */
int tap_done(void);

#endif
