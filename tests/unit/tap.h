/*
 * tap.h - a minimal TAP producer for the C unit tests.
 *
 * Each test program calls plan(n) once, then ok(cond, fmt, ...) per check,
 * and returns done() from main.  tests/runtests.py counts the results.
 */
#ifndef MMSCOPE_TAP_H
#define MMSCOPE_TAP_H

void plan(int n);
/* Report one check; returns cond so callers can stop early. */
int ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print a diagnostic line ("# ...") that the runner shows on failure. */
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Exit status for main: 0 when every check passed and the plan was met. */
int done(void);

#endif
