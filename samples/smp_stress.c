/*
 * smp_stress - count= (default 5000) mm lifetimes made on every CPU at
 * once, with everything the kernel does to mms.  NWORKERS worker
 * processes, worker w pinned to CPU w % ncpus, each make their share in
 * rounds of
 *
 *   fork, the child exits                          1 mm
 *   fork, the child execs stress_child             2 mms: the copy, freed
 *                                                  by exec, and its own
 *   vfork, the child execs stress_child            1 mm
 *   CLONE_VM threads, made while the worker may run anywhere, so that
 *   they are placed on other CPUs; joining them unmaps their stacks (TLB
 *   shootdowns to the CPUs in mm_cpumask)
 *   every USE_MM_EVERY rounds, a kernel thread that use_mm()s the
 *   worker's mm to write into it
 *
 * Every status is checked; STAT mm_lifetimes says how many mms were
 * made.  Not deterministic: the CPUs race.
 */
#include "user.h"

#define NWORKERS	4
#define DEFAULT_COUNT	5000
#define MMS_PER_ROUND	4
#define NTHR		2	/* threads per round */
#define USE_MM_EVERY	4

static volatile uint value;	/* the use_mm thread writes USE_MM_VALUE here */

static int thread_fn(void *arg)
{
	return (int) arg;
}

/* Reap child pid (made by what); 0 if it exited with 0. */
static int reap(int pid, const char *what)
{
	int status = -1, r = pid < 0 ? pid : wait(pid, &status);

	if (r == pid && status == 0)
		return 0;
	printf("smp_stress: %s: pid %d, wait %d, status 0x%x\n", what, pid, r, status);
	return 1;
}

/* fork; the child exits, or execs stress_child.  0 if all went well. */
static int fork_round(int exec_it)
{
	int pid = fork();

	if (pid == 0) {
		if (exec_it)
			execve("stress_child");
		exit(exec_it ? 127 : 0);
	}
	return reap(pid, exec_it ? "fork+exec" : "fork");
}

/* vfork; the child execs stress_child, which lets us go on. */
static int vfork_round(void)
{
	int pid = vfork();

	if (pid == 0) {
		execve("stress_child");
		exit(127);
	}
	return reap(pid, "vfork+exec");
}

/* NTHR threads, placed while we may run on any CPU; joined back on ours. */
static int threads_round(int cpu)
{
	int t[NTHR], i, status, bad = 0;

	if (sched_setaffinity(0, ALL_CPUS) < 0)
		return 1;
	for (i = 0; i < NTHR; i++)
		t[i] = thread_create(thread_fn, (void *) i);
	if (pin(cpu) < 0)
		return 1;
	for (i = 0; i < NTHR; i++) {
		status = -1;
		if (t[i] < 0 || thread_join(t[i], &status) != t[i] || status != i << 8) {
			printf("smp_stress: thread %d: pid %d, status 0x%x\n", i, t[i], status);
			bad = 1;
		}
	}
	return bad;
}

/* A kernel thread use_mm()s our mm and writes into it. */
static int use_mm_round(void)
{
	int k;

	value = 0;
	if ((k = kthread(KT_USE_MM, getpid(), (uint) &value)) < 0 || kthread_join(k) != 0 ||
	    value != USE_MM_VALUE) {
		printf("smp_stress: use_mm thread %d: value 0x%x\n", k, value);
		return 1;
	}
	return 0;
}

static int worker(int w, int rounds)
{
	int cpu = w % ncpus(), r;

	if (pin(cpu) < 0)
		return 1;
	for (r = 0; r < rounds; r++) {
		if (fork_round(0) || fork_round(1) || vfork_round() ||
		    threads_round(cpu) || (r % USE_MM_EVERY == 0 && use_mm_round())) {
			printf("smp_stress: worker %d failed in round %d\n", w, r);
			return 1;
		}
	}
	return 0;
}

int main(void)
{
	int count = param(PARAM_COUNT), pid[NWORKERS], w, status, bad = 0, rounds;
	uint khz = param(PARAM_TSC_KHZ);
	uint64 t0 = rdtsc(), ms;

	if (count <= 0)
		count = DEFAULT_COUNT;
	rounds = (count + NWORKERS * MMS_PER_ROUND - 1) / (NWORKERS * MMS_PER_ROUND);
	for (w = 0; w < NWORKERS; w++)
		if ((pid[w] = fork()) == 0)
			exit(worker(w, rounds));
	for (w = 0; w < NWORKERS; w++)
		bad |= pid[w] < 0 || wait(pid[w], &status) != pid[w] || status != 0;
	ms = (rdtsc() - t0) / (khz ? khz : 1);
	stat("mm_lifetimes", NWORKERS * rounds * MMS_PER_ROUND);
	printf("smp_stress: %d mm lifetimes by %d workers on %d cpus in %u ms%s\n",
	       NWORKERS * rounds * MMS_PER_ROUND, NWORKERS, ncpus(), (uint) ms,
	       bad ? ": a worker failed" : "");
	return bad;
}
