/*
 * hello - the program vfork and exec run: one line, exit 0.
 */
#include "user.h"

int main(void)
{
	printf("hello from pid %d\n", getpid());
	return 0;
}
