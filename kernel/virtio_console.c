/*
 * virtio_console.c - the trace's fast line: port MMT_VIRTIO_PORT of a
 * virtio-serial device (virtio-console with VIRTIO_CONSOLE_F_MULTIPORT),
 * transmit only.
 *
 * Why a virtserialport and not port 0 (QEMU's virtconsole): QEMU drops
 * what a console port cannot write at once to its chardev, while it
 * holds back a serial port's buffers until the chardev takes them, so
 * only a serial port gives lossless backpressure, as the UART's THRE
 * does for COM2.  A serial port other than 0 needs MULTIPORT, and with
 * it the control queues, over which the driver learns that the port
 * exists, is named MMT_VIRTIO_PORT_NAME and has its host side open.
 *
 * Queues (MULTIPORT numbering): 2 control receive, 3 control transmit,
 * 2 * p + 3 port p's transmit.  Port p's receive queue is never set
 * up, so the device sends nothing to the guest.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "mmu.h"
#include "x86.h"
#include "mmtrace.h"
#include "cmdline.h"
#include "virtio.h"

#define VIRTIO_ID_CONSOLE		0x1003	/* PCI device id, legacy (transitional) */
#define VIRTIO_ID_CONSOLE_MODERN	0x1043	/* PCI device id without the legacy interface */
#define VIRTIO_CONSOLE_F_MULTIPORT	(1u << 1)	/* ports beyond 0, control queues */

/* control message events (Linux's include/uapi/linux/virtio_console.h) */
#define VIRTIO_CONSOLE_DEVICE_READY	0	/* driver: it is ready for PORT_ADDs */
#define VIRTIO_CONSOLE_PORT_ADD		1	/* device: this port exists */
#define VIRTIO_CONSOLE_PORT_READY	3	/* driver: it has set this port up */
#define VIRTIO_CONSOLE_PORT_OPEN	6	/* either side: opened (value 1) or closed */
#define VIRTIO_CONSOLE_PORT_NAME	7	/* device: the port's name follows */

#define CTRL_RXQ		2
#define CTRL_TXQ		3
#define PORT_TXQ(p)		(2 * (p) + 3)

#define CTRL_BUFS		32	/* receive buffers offered for control messages */
#define CTRL_BUF_SIZE		64	/* each: a message and a name */

struct virtio_console_control {		/* 8 bytes, then a name for PORT_NAME */
	uint32 id;			/* port number */
	ushort event;			/* VIRTIO_CONSOLE_* */
	ushort value;
};

static struct virtio_dev dev;
static struct virtqueue ctrl_rxq, ctrl_txq, port_txq;
static uchar vq_mem[3][VIRTQ_PAGES * PGSIZE] __attribute__((aligned(PGSIZE)));
static uchar ctrl_rx[CTRL_BUFS][CTRL_BUF_SIZE];
static struct virtio_console_control ctrl_msg;

/* What the device has said about the trace port. */
static struct {
	int added;			/* PORT_ADD */
	int named;			/* PORT_NAME, MMT_VIRTIO_PORT_NAME */
	int opened;			/* PORT_OPEN 1: its chardev is connected */
} port;

/*
 * Wait until the buffer at pos is used, at most watchdog= (WATCHDOG_MS)
 * long: unless ioeventfd=off, QEMU's main loop handles a queue once the
 * notify's eventfd wakes it, which on a loaded host can take a good
 * part of a second.
 */
static int wait_used(struct virtqueue *vq, ushort pos)
{
	uint64 t0 = rdtsc(), deadline = tsc_deadline(cmdline.watchdog_ms);

	while (!virtqueue_done(vq, pos)) {
		if (rdtsc() > deadline) {
			cprintf("virtio-serial: queue %u: buffer %u not used after %u ms "
				"(used index %u)\n", vq->index, pos, tsc_ms_since(t0),
				vq->used->idx);
			return -1;
		}
		pause();
	}
	return 0;
}

/* One control message from the device, len bytes at buf. */
static void ctrl_event(const uchar *buf, uint len)
{
	struct virtio_console_control m;
	uint n;

	if (len < sizeof(m))
		return;
	memmove(&m, buf, sizeof(m));
	if (m.id != MMT_VIRTIO_PORT)
		return;
	if (m.event == VIRTIO_CONSOLE_PORT_ADD)
		port.added = 1;
	if (m.event == VIRTIO_CONSOLE_PORT_OPEN)
		port.opened = m.value;
	if (m.event == VIRTIO_CONSOLE_PORT_NAME) {
		n = strnlen((const char *) buf + sizeof(m), len - sizeof(m));
		port.named = n == sizeof(MMT_VIRTIO_PORT_NAME) - 1 &&
			memcmp(buf + sizeof(m), MMT_VIRTIO_PORT_NAME, n) == 0;
	}
}

/* Take the control messages the device has sent, offer their buffers again. */
static void ctrl_receive(void)
{
	uint id, len, n = 0;

	while (virtqueue_get(&ctrl_rxq, &id, &len)) {
		if (id < CTRL_BUFS) {
			ctrl_event(ctrl_rx[id], MIN(len, CTRL_BUF_SIZE));
			virtqueue_add(&ctrl_rxq, id, ctrl_rx[id], CTRL_BUF_SIZE, VRING_DESC_F_WRITE);
			n++;
		}
	}
	if (n)
		virtqueue_kick(&ctrl_rxq);
}

/*
 * Send a control message about port id and take the answers, which the
 * device gives while it handles the message.
 */
static int ctrl_send(uint id, uint event, uint value)
{
	ushort pos;

	ctrl_msg = (struct virtio_console_control) { id, event, value };
	pos = virtqueue_add(&ctrl_txq, 0, &ctrl_msg, sizeof(ctrl_msg), 0);
	virtqueue_kick(&ctrl_txq);
	if (wait_used(&ctrl_txq, pos) < 0)
		return -1;
	ctrl_receive();
	return 0;
}

/* Features, then the three queues, then DRIVER_OK.  0, or -1 with why. */
static int setup(char *why, uint len)
{
	uint i;

	virtio_reset(&dev);
	virtio_add_status(&dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	if (!(virtio_host_features(&dev) & VIRTIO_CONSOLE_F_MULTIPORT)) {
		snprintf(why, len, "virtio-serial: no MULTIPORT");
		return -1;
	}
	virtio_guest_features(&dev, VIRTIO_CONSOLE_F_MULTIPORT);
	if (virtqueue_setup(&dev, &ctrl_rxq, CTRL_RXQ, vq_mem[0]) < 0 ||
	    virtqueue_setup(&dev, &ctrl_txq, CTRL_TXQ, vq_mem[1]) < 0 ||
	    virtqueue_setup(&dev, &port_txq, PORT_TXQ(MMT_VIRTIO_PORT), vq_mem[2]) < 0) {
		snprintf(why, len, "virtio-serial: bad queues");
		return -1;
	}
	for (i = 0; i < MIN(CTRL_BUFS, ctrl_rxq.num); i++)
		virtqueue_add(&ctrl_rxq, i, ctrl_rx[i], CTRL_BUF_SIZE, VRING_DESC_F_WRITE);
	virtio_add_status(&dev, VIRTIO_STATUS_DRIVER_OK);
	virtqueue_kick(&ctrl_rxq);
	return 0;
}

/*
 * The handshake: DEVICE_READY brings a PORT_ADD per port; PORT_READY of
 * ours its name and, if the host side is connected, PORT_OPEN; then
 * the driver opens it too.
 */
static int handshake(char *why, uint len)
{
	if (ctrl_send(0, VIRTIO_CONSOLE_DEVICE_READY, 1) < 0)
		goto silent;
	if (!port.added) {
		snprintf(why, len, "virtio-serial: no port %d", MMT_VIRTIO_PORT);
		return -1;
	}
	if (ctrl_send(MMT_VIRTIO_PORT, VIRTIO_CONSOLE_PORT_READY, 1) < 0)
		goto silent;
	if (!port.named) {
		snprintf(why, len, "virtio-serial port %d: wrong name", MMT_VIRTIO_PORT);
		return -1;
	}
	if (!port.opened) {
		snprintf(why, len, "virtio-serial port %d: no chardev", MMT_VIRTIO_PORT);
		return -1;
	}
	if (ctrl_send(MMT_VIRTIO_PORT, VIRTIO_CONSOLE_PORT_OPEN, 1) < 0)
		goto silent;
	return 0;
silent:
	snprintf(why, len, "virtio-serial does not answer");
	return -1;
}

/*
 * Find the device and open the trace port.  Returns 0, or -1 with the
 * reason in why, short enough for an END record's text (36 bytes).
 */
int virtio_console_init(char *why, uint len)
{
	int err = virtio_pci_find(&dev, VIRTIO_ID_CONSOLE);

	if (err == -1 && pci_find(VIRTIO_PCI_VENDOR, VIRTIO_ID_CONSOLE_MODERN) >= 0) {
		snprintf(why, len, "virtio-serial is modern-only");
		return -1;
	}
	if (err < 0) {
		snprintf(why, len, err == -1 ? "no virtio-serial-pci device" :
			 "virtio-serial: BAR0 not I/O");
		return -1;
	}
	if (setup(why, len) < 0 || handshake(why, len) < 0) {
		virtio_add_status(&dev, VIRTIO_STATUS_FAILED);
		return -1;
	}
	cprintf("virtio-serial: pci 00:%02x.%x, io 0x%x, port %d \"%s\" open, %d-entry queue\n",
		dev.bdf >> 3, dev.bdf & 7, dev.iobase, MMT_VIRTIO_PORT, MMT_VIRTIO_PORT_NAME,
		port_txq.num);
	return 0;
}

/*
 * Send n bytes at buf (kernel memory) on the trace port, and wait until
 * the device has taken them all: QEMU hands them to the chardev in the
 * notify (ioeventfd=off, as mmscope runs it) or once the notify has
 * woken its main loop, and if the chardev is full, as soon as it has
 * room.
 * The caller serialises writes (the trace line's lock); only a panic
 * that takes the line from a CPU stuck here puts a second write in
 * flight, so the descriptor at a write's avail position is always free.
 */
void virtio_console_write(const void *buf, uint n)
{
	struct virtqueue *vq = &port_txq;
	ushort pos;

	pos = virtqueue_add(vq, vq->avail->idx % vq->num, buf, n, 0);
	virtqueue_kick(vq);
	while (!virtqueue_done(vq, pos))
		pause();
}
