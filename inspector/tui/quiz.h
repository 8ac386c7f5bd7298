/*
 * quiz.h - the quiz (quiz.c, Q or --quiz): moving forward, the view
 * stops at each counter change (MM_REF) not answered yet, with that
 * mm's new mm_users and mm_count hidden, and asks for them.  Typing the
 * two numbers and Enter scores the answer; Enter alone just shows them.
 * A tally is kept per chapter and in total.
 *
 * The cursor asks quiz_stop() where a forward move must stop, and tells
 * quiz_moved() where it went (a jump past questions skips them); the
 * panels ask what to hide; the main screen hands it the keys while a
 * question is open.
 */
#ifndef MMSCOPE_TUI_QUIZ_H
#define MMSCOPE_TUI_QUIZ_H

#include <stddef.h>
#include <stdint.h>

struct symtab;

void quiz_set(int on);			/* on or off; says so */
int quiz_on(void);

/*
 * A forward move from event `from` to `to`: the first counter change in
 * (from, to] not answered yet, where the move must stop (its question
 * is then open), or to.
 */
uint64_t quiz_stop(uint64_t from, uint64_t to);

/* The cursor is on event n now (every move ends here). */
void quiz_moved(uint64_t n);

/* Is a question open (the cursor on its event), and about which mm? */
int quiz_open(void);
unsigned quiz_mm(void);

/* The first event whose counters are still to be asked about or not
 * reached (a replay's later events would give the answers away);
 * UINT64_MAX with the quiz off. */
uint64_t quiz_from(void);

/* A key while a question is open: 1 if the quiz took it (digits and
 * separators, Backspace; Enter or -> answers, or just shows). */
int quiz_key(int ch);

/* The question, what is typed so far, or the last verdict, in words;
 * syms (or NULL) names the function that changed the counter. */
const char *quiz_text(struct symtab *syms, char *buf, size_t len);

/* A verdict about the cursor's event is to be shown (after an answer). */
int quiz_verdict(void);

struct quiz_tally {
	unsigned asked;			/* answered with two numbers */
	unsigned right;			/* of them, right */
	unsigned shown;			/* Enter alone: shown, not scored */
};

/* The answers in chapter i (chapter.h's index; -1: all of them; a
 * question before the first chapter counts only in the total). */
struct quiz_tally quiz_tally(int chapter);

#endif /* MMSCOPE_TUI_QUIZ_H */
