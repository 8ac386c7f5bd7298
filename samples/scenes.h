/*
 * scenes.h - the scenario programs' parts.  Each scene_NAME() is one
 * choreography (samples/README.md says what to watch); samples/NAME is
 * the program that runs it alone (main.c), lecture runs them in order.
 * A scene returns 0 when its own checks pass.
 */
#ifndef SAMPLES_SCENES_H
#define SAMPLES_SCENES_H

#include "user.h"

int scene_fork_exit(void);
int scene_threads(void);
int scene_vfork(void);
int scene_exec(void);
int scene_kthread_borrow(void);
int scene_use_mm(void);
int scene_zombie_mm(void);
int scene_fault(void);
int scene_memory(void);
int scene_traps(void);
int scene_preempt(void);
int scene_cross_cpu_exit(void);
int scene_tlb_shootdown(void);
int scene_mm_crowd(void);

/* A check of the scene's own: on failure say which on the console, return 1. */
#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			printf("%s: check failed: %s: ", __func__, #cond); \
			printf(__VA_ARGS__);				\
			printf("\n");					\
			return 1;					\
		}							\
	} while (0)

#endif /* SAMPLES_SCENES_H */
