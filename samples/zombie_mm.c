/*
 * zombie_mm - a dying task's last switch hands its mm to a kernel
 * thread: K is created (not started); our child C starts it and exits,
 * so C's last switch goes to K, which borrows C's dead mm (mm_users 0);
 * K's switch back to us drops it for good.  Then we stop K.  We pin
 * ourselves (and so C, which inherits it) to CPU 0, where K runs too:
 * on several CPUs C would otherwise run elsewhere, its last switch
 * would go to that CPU's idle task, and we might stop K before it ran.
 */
#include "scenes.h"

int scene_zombie_mm(void)
{
	int k, c, status;

	CHECK(pin(0) == 0, "pin to cpu 0");
	k = kthread_create(KT_MARKER, 0, 0);
	CHECK(k > 0, "kthread_create returned %d", k);
	c = fork();
	if (c == 0) {
		kthread_start(k);
		exit(0);
	}
	CHECK(c > 0, "fork returned %d", c);
	CHECK(wait(c, &status) == c, "wait for %d", c);
	CHECK(status == 0, "status 0x%x", status);
	CHECK(kthread_stop(k) == 0, "kthread_stop %d", k);
	return 0;
}
