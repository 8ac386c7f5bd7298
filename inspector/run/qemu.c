/*
 * qemu.c - spawn, watch and stop qemu-system-i386, see qemu.h.
 *
 * The command line is the one the kernel is written for:
 *	qemu-system-i386 -display none -monitor none -no-reboot -m 128
 *	  -smp N -device isa-debug-exit,iobase=0xf4,iosize=4
 *	  -kernel ELF -append CMDLINE
 *	  -serial file:/dev/fd/C1 -serial file:/dev/fd/C2
 * where C1 and C2 are the write ends of the two pipes.  With o->virtio,
 * also (and transport=virtio in CMDLINE)
 *	  -chardev file,id=mmtrace,path=/dev/fd/C2
 *	  -device virtio-serial-pci,ioeventfd=off
 *	  -device virtserialport,chardev=mmtrace,nr=1,name=org.mmscope.trace
 * a serial port, not a virtconsole: QEMU drops what a console port's
 * chardev cannot take at once, and holds back a serial port's data
 * until it can, which is the backpressure a lossless trace needs.
 * ioeventfd=off: QEMU runs the device in the notifying vCPU's thread,
 * at once, instead of waking its main loop through an eventfd while the
 * vCPU waits; on a busy host that hand-over cost 25 times more than the
 * copy itself.
 * With o->gdb, also
 *	  -gdb unix:DIR/gdb.sock,server,nowait
 * in a fresh directory only this user can enter: the gdbstub answers
 * whoever connects, so it must not be on a port others can reach.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "mmtrace.h"
#include "util/util.h"
#include "run/qemu.h"

static volatile sig_atomic_t interrupted;
static pid_t live_pid;			/* the QEMU atexit must stop */

static void on_signal(int sig)
{
	interrupted = sig;
}

int qemu_interrupted(void)
{
	return interrupted;
}

static void stop_at_exit(void)
{
	if (live_pid > 0) {
		kill(live_pid, SIGKILL);
		waitpid(live_pid, NULL, 0);
	}
}

/* Once: the signal flag and the atexit safety net. */
static void qemu_guard(void)
{
	static int done;
	struct sigaction sa = { .sa_handler = on_signal };

	if (done++)
		return;
	sigemptyset(&sa.sa_mask);	/* no SA_RESTART: poll() returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	atexit(stop_at_exit);
}

/* Append one argument, copied into q->store. */
static int arg(struct qemu *q, int *argc, size_t *used, const char *s)
{
	size_t n = strlen(s) + 1;

	if (*argc + 1 >= QEMU_MAX_ARGS || *used + n > sizeof q->store)
		return -1;
	memcpy(q->store + *used, s, n);
	q->argv[(*argc)++] = q->store + *used;
	q->argv[*argc] = NULL;
	*used += n;
	return 0;
}

/* -gdb on a unix socket in a private temporary directory. */
static int gdb_args(struct qemu *q, int *argc, size_t *used)
{
	const char *tmp = getenv("TMPDIR");
	char dir[80], opt[160];

	snprintf(dir, sizeof dir, "%s/mmscope-gdb.XXXXXX",
		 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(q->gdb_sock, sizeof q->gdb_sock, "%s/gdb.sock", dir);
	snprintf(opt, sizeof opt, "unix:%s,server,nowait", q->gdb_sock);
	if (arg(q, argc, used, "-gdb") < 0 || arg(q, argc, used, opt) < 0)
		return -1;
	return 0;
}

/* The stream's virtio-serial port, writing into the pipe at fd. */
static int virtio_args(struct qemu *q, int *argc, size_t *used, int fd)
{
	char chardev[64], port[128];
	const char *v[] = { "-chardev", chardev,
			    "-device", "virtio-serial-pci,ioeventfd=off",
			    "-device", port, NULL };
	int i;

	snprintf(chardev, sizeof chardev, "file,id=mmtrace,path=/dev/fd/%d", fd);
	snprintf(port, sizeof port, "virtserialport,chardev=mmtrace,nr=%d,"
		 "name=%s", MMT_VIRTIO_PORT, MMT_VIRTIO_PORT_NAME);
	for (i = 0; v[i]; i++)
		if (arg(q, argc, used, v[i]) < 0)
			return -1;
	q->virtio = 1;
	return 0;
}

static int build_argv(struct qemu *q, const struct qemu_opts *o,
		      int com1, int com2)
{
	const char *bin = getenv("MMSCOPE_QEMU");
	char smp[16], mem[16], s1[32], s2[32];
	const char *fixed[] = {
		bin && *bin ? bin : QEMU_BINARY,
		"-display", "none", "-monitor", "none", "-no-reboot",
		"-m", mem, "-smp", smp,
		"-device", "isa-debug-exit,iobase=0xf4,iosize=4",
		"-kernel", o->kernel, "-append", o->cmdline,
		"-serial", s1, "-serial", s2, NULL
	};
	int argc = 0, i;
	size_t used = 0;

	snprintf(smp, sizeof smp, "%u", o->smp ? o->smp : 1);
	snprintf(mem, sizeof mem, "%u", QEMU_MEM_MB);
	snprintf(s1, sizeof s1, "file:/dev/fd/%d", com1);
	snprintf(s2, sizeof s2, "file:/dev/fd/%d", com2);
	for (i = 0; fixed[i]; i++)
		if (arg(q, &argc, &used, fixed[i]) < 0)
			return -1;
	for (i = 0; o->extra && o->extra[i]; i++)
		if (arg(q, &argc, &used, o->extra[i]) < 0)
			return -1;
	if (o->virtio && virtio_args(q, &argc, &used, com2) < 0)
		return -1;
	return o->gdb ? gdb_args(q, &argc, &used) : 0;
}

void qemu_args(const struct qemu *q, char *buf, size_t len)
{
	size_t at = 0;
	int i;

	buf[0] = '\0';
	for (i = 1; q->argv[i]; i++)
		at += snprintf(buf + at, at < len ? len - at : 0, "%s%s",
			       i > 1 ? " " : "", q->argv[i]);
}

/* In the child: become QEMU.  Never returns. */
static void child(struct qemu *q, const int *fd, pid_t parent)
{
	int w1 = fd[1], w2 = fd[3], errfd = fd[5];
	int e, null;

	sigset_t none;

	sigemptyset(&none);		/* the TUI blocks SIGWINCH */
	sigprocmask(SIG_SETMASK, &none, NULL);
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);		/* mmscope died before we got here */
	signal(SIGPIPE, SIG_DFL);
	null = open("/dev/null", O_RDONLY);
	if (null >= 0)
		dup2(null, 0);
	dup2(fd[7], 2);			/* QEMU's messages */
	fcntl(w1, F_SETFD, 0);		/* inherited by QEMU, as /dev/fd/N */
	fcntl(w2, F_SETFD, 0);
	execvp(q->argv[0], q->argv);
	e = errno;
	if (write(errfd, &e, sizeof e) < 0)
		_exit(126);
	_exit(127);
}

/* After fork: did exec work?  The error pipe closes empty if it did. */
static int exec_status(struct qemu *q, int errfd, char *err, size_t errlen)
{
	ssize_t n;
	int e;

	do
		n = read(errfd, &e, sizeof e);
	while (n < 0 && errno == EINTR);
	close(errfd);
	if (n != sizeof e)
		return 0;
	waitpid(q->pid, NULL, 0);
	q->pid = 0;
	snprintf(err, errlen, "cannot run %s: %s%s", q->argv[0], strerror(e),
		 e == ENOENT ? " (install qemu-system-x86: ./setup.sh)" : "");
	return -1;
}

static void close_fds(int *fds, int n)
{
	while (n--)
		if (fds[n] >= 0)
			close(fds[n]);
}

int qemu_start(struct qemu *q, const struct qemu_opts *o,
	       char *err, size_t errlen)
{
	int fd[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };	/* com1, com2, exec error, stderr */
	pid_t parent = getpid();
	int e;

	qemu_guard();
	memset(q, 0, sizeof *q);
	q->com1 = q->com2 = -1;
	q->err = -1;
	if (pipe2(fd, O_CLOEXEC) < 0 || pipe2(fd + 2, O_CLOEXEC) < 0 ||
	    pipe2(fd + 4, O_CLOEXEC) < 0 || pipe2(fd + 6, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "cannot make pipes for QEMU: %m");
		close_fds(fd, 8);
		return -1;
	}
	if (build_argv(q, o, fd[1], fd[3]) < 0) {
		snprintf(err, errlen, o->gdb && !q->gdb_sock[0] ? "cannot make "
			 "a directory for the gdbstub's socket: %m" :
			 "QEMU command line too long");
		qemu_close(q);
		close_fds(fd, 8);
		return -1;
	}
	fcntl(fd[2], F_SETPIPE_SZ, 1 << 20);	/* slack for a busy reader */
	q->start_ns = util_now_ns();
	q->pid = fork();
	if (q->pid == 0)
		child(q, fd, parent);
	e = errno;
	close_fds((int []){ fd[1], fd[3], fd[5], fd[7] }, 4);
	if (q->pid < 0) {
		snprintf(err, errlen, "cannot start QEMU: %s", strerror(e));
		close_fds((int []){ fd[0], fd[2], fd[4], fd[6] }, 4);
		q->pid = 0;
		qemu_close(q);
		return -1;
	}
	live_pid = q->pid;
	if (exec_status(q, fd[4], err, errlen) < 0) {
		live_pid = 0;
		close_fds((int []){ fd[0], fd[2], fd[6] }, 3);
		qemu_close(q);
		return -1;
	}
	q->com1 = fd[0];
	q->com2 = fd[2];
	q->err = fd[6];
	return 0;
}

int qemu_reap(struct qemu *q, int *status, int block)
{
	pid_t r;

	if (q->pid <= 0)
		return 0;
	do
		r = waitpid(q->pid, status, block ? 0 : WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return 0;
	q->pid = 0;
	live_pid = 0;
	return 1;
}

int qemu_exited(const struct qemu *q)
{
	siginfo_t si = { 0 };

	if (q->pid <= 0)
		return 1;
	if (waitid(P_PID, q->pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
		return errno != EINTR;
	return si.si_pid == q->pid;
}

void qemu_stop(struct qemu *q)
{
	int i, status;

	if (q->pid <= 0)
		return;
	kill(q->pid, SIGTERM);
	for (i = 0; i < 100; i++) {
		if (qemu_reap(q, &status, 0))
			return;
		usleep(10000);
	}
	kill(q->pid, SIGKILL);
	qemu_reap(q, &status, 1);
}

void qemu_close(struct qemu *q)
{
	if (q->com1 >= 0)
		close(q->com1);
	if (q->com2 >= 0)
		close(q->com2);
	if (q->err >= 0)
		close(q->err);
	q->com1 = q->com2 = q->err = -1;
	if (q->gdb_sock[0]) {
		unlink(q->gdb_sock);
		*strrchr(q->gdb_sock, '/') = '\0';
		rmdir(q->gdb_sock);
		q->gdb_sock[0] = '\0';
	}
}

ssize_t qemu_pipe_read(int *fd, void *buf, size_t len)
{
	ssize_t n = read(*fd, buf, len);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0) {
		close(*fd);
		*fd = -1;
		return -1;
	}
	return n;
}
