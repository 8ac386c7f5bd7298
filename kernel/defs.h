/*
 * defs.h - the kernel's functions, by file.
 */
#ifndef KERNEL_DEFS_H
#define KERNEL_DEFS_H

#include "types.h"
#include "mmu.h"
#include "atomic.h"

struct cpu;
struct mm_struct;
struct multiboot_info;
struct spinlock;
struct task_struct;
struct trapframe;
struct vm_area_struct;

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
void console_write(const char *buf, uint n);
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

/* exec.c */
long do_execve(const char *name);
long kernel_execve(const char *name);

/* init.c */
void rest_init(void) __attribute__((noreturn));
void init_exited(long code, int kthread);
void idle_check_end(void);

/* lapic.c */
void lapic_init(void);
void lapic_eoi(void);
void lapic_send_ipi(uint apicid, uint vector);
void lapic_startap(uint apicid, uint addr);

/* mm.c */
extern atomic_t nr_mms;
void mm_cache_init(void);
void init_mm_announce(void);
struct mm_struct *mm_alloc(struct task_struct *p, uint reason);
void mmget(struct mm_struct *mm, uint why);
void mmput(struct mm_struct *mm, uint why);
void mmgrab(struct mm_struct *mm, uint why);
void mmdrop(struct mm_struct *mm, uint why);
void __mmdrop(struct mm_struct *mm, void *caller);
struct mm_struct *get_task_mm(struct task_struct *task);
void mm_leak_check(void);

/* mmap.c */
struct vm_area_struct *find_vma(struct mm_struct *mm, uint addr);
int mm_add_region(struct mm_struct *mm, uint start, uint end, uint flags);
long do_mmap(struct mm_struct *mm, uint len);
long do_munmap(struct mm_struct *mm, uint addr, uint len);
long do_brk(struct mm_struct *mm, uint addr);
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);
void exit_mmap(struct mm_struct *mm);

/* mmu_context.c */
int switch_mm_loads(struct mm_struct *prev, struct mm_struct *next);
void switch_mm(struct mm_struct *prev, struct mm_struct *next, uint reason);
void enter_lazy_tlb(struct mm_struct *mm, struct task_struct *tsk);
void activate_mm(struct mm_struct *prev, struct mm_struct *next);
void mm_cpu_boot(void);
void leave_mm(void);
int active_mm_left(void);
void use_mm(struct mm_struct *mm);
void unuse_mm(struct mm_struct *mm);

/* pci.c */
uint pci_conf_read(uint bdf, uint off);
void pci_conf_write(uint bdf, uint off, uint val);
int pci_find(uint vendor, uint device);
uint pci_enable_io(uint bdf, uint n);

/* pgtable.c */
pde_t *pgd_alloc(void);
void pgd_free(pde_t *pgd);
void pgd_quarantine_drain(void);

/* shutdown.c */
extern volatile int panicking;
void shutdown(uint code) __attribute__((noreturn));
void die_first(void);
void die(uint eip, uint trapno, const char *msg) __attribute__((noreturn));

/* smp.c */
#define STOP_HALT		1	/* smp_stop_others: send the trace, halt */
#define STOP_IDLE_EXIT		2	/* ...after idle_task_exit: the end of a run */
void smp_boot(void);
void send_ipi_mask(uint mask, uint vector, uint ipi, uint mm);
void smp_send_resched(int cpu);
uint smp_stop_others(int mode, uint wait_ms);
void smp_poll(void);
void smp_interrupt(uint vector);
uint64 watchdog_deadline(void);
void watchdog_bark(uint64 t0, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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

/* syscall.c, sysproc.c, kdemo.c */
void syscall(struct trapframe *tf);
long sys_fork(void);
long sys_vfork(void);
long sys_clone(uint flags, uint stack, uint fn, uint arg);
long sys_execve(uint uname);
long sys_exit(uint code) __attribute__((noreturn));
long sys_wait(uint pid, uint ustatus);
long sys_getpid(void);
long sys_getppid(void);
long sys_yield(void);
long sys_sleep(uint ms);
long sys_write(uint fd, uint ubuf, uint n);
long sys_mark(uint utext);
long sys_chapter(uint n, uint total, uint utext);
long sys_brk(uint addr);
long sys_mmap(uint len);
long sys_munmap(uint addr, uint len);
long sys_kthread(uint kind, uint arg, uint arg2);
long sys_kthread_create(uint kind, uint arg, uint arg2);
long sys_kthread_start(uint pid);
long sys_kthread_poke(uint pid);
long sys_kthread_stop(uint pid);
long sys_kthread_join(uint pid);
long sys_park(void);
long sys_unpark(uint pid);
long sys_param(uint what);
long sys_stat(uint uname, uint value);
long sys_sched_setaffinity(uint pid, uint mask);
long sys_sched_getcpu(void);
long sys_kthread_bind(uint pid, uint cpu);

/* tlb.c */
void tlb_poll(void);
void flush_tlb_mm_range(struct mm_struct *mm, int freed_tables);
void flush_tlb_mm(struct mm_struct *mm);

/* trap.c */
void tvinit(void);
void idtinit(void);
void trap(struct trapframe *tf);

/* trapasm.S, swtch.S */
void trapret(void);
void ret_from_fork(void);
void kernel_thread_helper(void);
void ret_to_user(struct trapframe *tf) __attribute__((noreturn));

/* tsc.c */
extern uint tsc_khz;
void pit_oneshot_start(uint ms);
int pit_oneshot_wait(void);
uint tsc_calibrate(void);
void udelay(uint us);
uint64 tsc_deadline(uint ms);
uint tsc_ms_since(uint64 t0);

/* uaccess.c */
int copy_to_mm(struct mm_struct *mm, uint dst, const void *src, uint n);
int load_to_mm(struct mm_struct *mm, uint dst, const void *src, uint n);
int copy_to_user(uint dst, const void *src, uint n);
int copy_from_user(void *dst, uint src, uint n);
long strncpy_from_user(char *dst, uint src, uint max);

/* uart.c */
#define COM1	0x3F8		/* console */
#define COM2	0x2F8		/* trace stream */
void uartinit(void);
void uart_putc(ushort port, int c);
void uart_write(ushort port, const uchar *buf, uint n);
void uart_flush(ushort port);

/* virtio_console.c */
int virtio_console_init(char *why, uint len);
void virtio_console_write(const void *buf, uint n);

/* vm.c */
extern pde_t swapper_pg_dir[];
void kvminit(void);
void switchkvm(void);
pte_t *walkpgdir(pde_t *pgdir, uint va, int alloc);
int mappages(pde_t *pgdir, uint va, uint size, uint pa, uint perm);

#endif /* KERNEL_DEFS_H */
