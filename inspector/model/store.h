/*
 * store.h - the model's tables, shared by model.c (the transitions) and
 * store.c (slots, indexes, holders, copies).  Everyone else uses
 * model.h.
 */
#ifndef MMSCOPE_MODEL_STORE_H
#define MMSCOPE_MODEL_STORE_H

#include <stdint.h>
#include "model/model.h"

#define IDLE_SLOTS	MODEL_MAXCPU	/* task[c] is the idle task of CPU c */

/* Slots: pointers into task[] and mm[] move when a slot is made. */
uint32_t store_task_alloc(struct model *m, unsigned pid);
void store_task_release(struct model *m, struct task *t);
uint32_t store_task_slot(struct model *m, unsigned pid, unsigned cpu);
struct mm *store_mm_alloc(struct model *m, unsigned id);
void store_mm_born(struct model *m, const struct mm *x, int announced);
void store_mm_release(struct model *m, struct mm *x);

/* Holders: every change of a task's mm, active_mm or use_mm, of a CPU's
 * prev_mm or cr3 goes through these, so the holder counts stay right. */
void store_hold(struct model *m, const struct task *t, int d);
void store_task_set(struct model *m, struct task *t, unsigned mm,
		    unsigned active, int use_mm);
void store_cpu_set_prev(struct model *m, unsigned c, unsigned id);
void store_cpu_set_cr3(struct model *m, unsigned c, unsigned id);
void store_recount(struct model *m, struct mm *x);

void store_mm_fields_init(void);

#endif /* MMSCOPE_MODEL_STORE_H */
