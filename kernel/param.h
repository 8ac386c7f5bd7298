/*
 * param.h - tunables, one per line.  Shared by C and assembly.
 */
#ifndef KERNEL_PARAM_H
#define KERNEL_PARAM_H

#define NCPU			8	/* most CPUs the kernel can run (smp=1..NCPU) */
#define KSTACKSIZE		4096	/* each task's kernel stack: one page (the boot stack too) */
#define HZ			100	/* LAPIC timer ticks per second (BOOT.hz) */
#define TIMESLICE_TICKS		5	/* ticks a task runs before preemption (50 ms) */
#define LAPIC_CALIBRATE_MS	10	/* PIT interval the LAPIC timer is measured against */
#define AP_START_MS		2000	/* an AP not running by then stops the run (PANIC) */
#define WATCHDOG_MS		5000	/* a busy wait this long (a lock, a CPU's answer) panics; watchdog= */
#define WATCHDOG_MIN_MS		100	/* watchdog= accepts WATCHDOG_MIN_MS.. */
#define WATCHDOG_MAX_MS		600000	/* ..WATCHDOG_MAX_MS */
#define STUCK_MS		100	/* every task asleep this long, no timer: the run is stuck */
#define STOP_WAIT_MS		500	/* a panic waits this long for each other CPU to stop */

#define PID_MAX			32768	/* pids are 1..PID_MAX-1, given out cyclically */
#define MM_ID_MAX		4096	/* trace ids of mm_structs alive at once, 1 = init_mm */
#define SLAB_QUARANTINE		8	/* freed objects per cache waiting before reuse */
#define PGD_QUARANTINE		4	/* freed page directories waiting before reuse */

#define USTACK_PAGES		4	/* user stack below KERNBASE, mapped at exec */
#define ARG_MAX_NAME		32	/* longest program name execve() accepts */
#define WRITE_CHUNK		128	/* write() copies this much user data at a time */

#define TRACE_RING_SLOTS	2048	/* 64-byte slots per CPU ring, a power of 2 */
#define TRACE_FRAME_RECS	32	/* most records per frame: bounds time with interrupts off */
#define TRACE_HEARTBEAT_MS	10	/* an idle CPU sends a heartbeat frame this often */
#define TRACE_TICK_BATCHES	2	/* batches a timer tick drains, at most */
#define TRACE_FULL_BATCHES	8	/* batches a producer with a full ring sends (COM2: ~11 ms) */
#define TRACE_BATCH_BYTES	32768	/* a batch on virtio: whole frames, one write (COM2: one frame) */
#define TRACE_TSC_KHZ_GUESS	1000000	/* TSC rate assumed when calibration fails (1 GHz) */
#define TSC_CALIBRATE_MS	10	/* PIT interval the TSC is measured against */

#define CMDLINE_MAX		256	/* longest kernel command line kept */
#define CMDLINE_ERRLEN		96	/* longest bad-option message */

#define BOOT_IDLE_MS		25	/* scenario boot sleeps this long (idle heartbeats) */
#define FLOOD_COUNT		100000	/* scenario flood: MARK records without count= */
#define COUNT_MAX		100000000	/* largest count= accepted */
#define EMIT_COST_LOOPS		1000	/* emits per round of the emit-cost measurement */
#define EMIT_COST_ROUNDS	5	/* rounds; the fastest one counts */

#endif /* KERNEL_PARAM_H */
