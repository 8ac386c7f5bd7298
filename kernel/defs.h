/*
 * defs.h - the kernel's functions, by file.
 */
#ifndef KERNEL_DEFS_H
#define KERNEL_DEFS_H

#include "types.h"
#include "mmu.h"

struct cpu;
struct multiboot_info;
struct spinlock;
struct trapframe;

/* acpi.c */
extern uint lapic_pa;
extern uint ioapic_pa;
extern uint ioapicid;
void acpiinit(void);

/* cmdline.c */
void cmdline_init(struct multiboot_info *mbi);

/* console.c */
void consoleinit(void);
void cprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vcprintf(const char *fmt, va_list ap);
void vprintfmt(void (*put)(int, void *), void *arg, const char *fmt, va_list ap);
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
void backtrace(uint ebp);
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void console_unlock_for_panic(void);

/* cpu.c */
void seginit(struct cpu *c, int id);
int cpus_to_start(void);

/* frame.c */
void crc32c_init(void);
uint32 crc32c(const void *buf, uint n);
uint cobs_encode(const uchar *src, uint n, uchar *dst);

/* kalloc.c */
extern uint totalram_pages;
void kinit(struct multiboot_info *mbi);
void *kalloc(void);
void kfree(void *v);
uint nr_free_pages(void);

/* lapic.c */
void lapic_init(void);
void lapic_eoi(void);

/* scenario.c */
extern int nr_tasks;
extern int nr_mms;
void scenario_run(void) __attribute__((noreturn));

/* shutdown.c */
void shutdown(uint code) __attribute__((noreturn));
void die(uint eip, uint trapno, const char *msg) __attribute__((noreturn));

/* spinlock.c */
void initlock(struct spinlock *lk, const char *name);
void acquire(struct spinlock *lk);
void release(struct spinlock *lk);
int holding(struct spinlock *lk);
void pushcli(void);
void popcli(void);

/* string.c */
void *memset(void *dst, int c, size_t n);
int memcmp(const void *v1, const void *v2, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *p, const char *q);
int strncmp(const char *p, const char *q, size_t n);
char *strchr(const char *s, int c);
void safestrcpy(char *dst, const char *src, size_t n);
size_t strlcat(char *dst, const char *src, size_t n);

/* trap.c */
void tvinit(void);
void idtinit(void);
void trap(struct trapframe *tf);

/* tsc.c */
extern uint tsc_khz;
void pit_oneshot_start(uint ms);
int pit_oneshot_wait(void);
uint tsc_calibrate(void);

/* uart.c */
#define COM1	0x3F8		/* console */
#define COM2	0x2F8		/* trace stream */
void uartinit(void);
void uart_putc(ushort port, int c);
void uart_write(ushort port, const uchar *buf, uint n);
void uart_flush(ushort port);

/* vm.c */
extern pde_t swapper_pg_dir[];
void kvminit(void);
void switchkvm(void);

#endif /* KERNEL_DEFS_H */
