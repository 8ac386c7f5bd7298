/*
 * asciicast.h - a terminal recording in asciicast v2, the format of
 * asciinema (`asciinema play FILE`, `asciinema cat FILE`) and of its web
 * player: a JSON header on the first line, then one JSON array per
 * output event, [time, "o", data], time in seconds from the start.
 *
 *	struct asciicast c;
 *	asciicast_begin(&c, f, &hdr);
 *	asciicast_output(&c, 0.5, bytes, n);	// as often as there is output
 *	asciicast_end(&c);
 *
 * Data goes into JSON strings, which must be UTF-8: a character split
 * between two calls is held back and joined to the next call's bytes,
 * and a byte that is not UTF-8 becomes U+FFFD.  `mmscope cast` (cmd/
 * cast.c) records the TUI's frames with it.
 */
#ifndef MMSCOPE_EXPORT_ASCIICAST_H
#define MMSCOPE_EXPORT_ASCIICAST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct asciicast_header {
	unsigned width, height;		/* the terminal, in cells */
	int64_t timestamp;		/* when it was recorded (Unix time),
					   0: left out */
	const char *title;		/* NULL: none */
	const char *term;		/* env.TERM, NULL: none */
};

struct asciicast {
	FILE *f;
	uint8_t carry[4];		/* a character's first bytes, held
					   for the next output */
	unsigned ncarry;
	double last;			/* the last event's time */
	uint64_t events;		/* output events written */
	uint64_t bytes;			/* terminal bytes in them */
};

/* Write the header line to f.  Returns 0, or -1 (errno) on a write error. */
int asciicast_begin(struct asciicast *c, FILE *f,
		    const struct asciicast_header *h);

/*
 * One output event at time t (seconds; never before the last event's,
 * which it becomes if given earlier): the n bytes the program wrote.
 * Nothing is written for bytes that only begin a character.  Returns 0,
 * or -1 on a write error.
 */
int asciicast_output(struct asciicast *c, double t, const void *data,
		     size_t n);

/* Flush f (a character left unfinished becomes U+FFFD at the last
 * time).  Returns 0, or -1 if anything could not be written. */
int asciicast_end(struct asciicast *c);

#endif /* MMSCOPE_EXPORT_ASCIICAST_H */
