/*
 * bench_fork - count= (default 2000) fork + exit + wait round trips,
 * timed with the TSC: STAT fork_exit_wait_per_sec.
 */
#include "user.h"

#define DEFAULT_COUNT	2000

int main(void)
{
	int n = param(PARAM_COUNT), i, pid, status;
	uint64 t0, cycles, rate;
	uint khz = param(PARAM_TSC_KHZ);

	if (n <= 0)
		n = DEFAULT_COUNT;
	t0 = rdtsc();
	for (i = 0; i < n; i++) {
		if ((pid = fork()) == 0)
			exit(0);
		if (pid < 0 || wait(pid, &status) != pid || status != 0) {
			printf("bench_fork: round %d failed: pid %d status 0x%x\n", i, pid, status);
			return 1;
		}
	}
	cycles = rdtsc() - t0;
	rate = cycles ? (uint64) n * khz * 1000 / cycles : 0;
	stat("fork_exit_wait_per_sec", (uint) rate);
	printf("bench_fork: %d round trips in %u ms, %u per second\n", n,
	       (uint) (cycles / (khz ? khz : 1)), (uint) rate);
	return 0;
}
