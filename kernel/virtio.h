/*
 * virtio.h - a virtio device behind the legacy PCI interface, and its
 * split virtqueues, as the virtio 1.x specification's "legacy
 * interface" sections and Linux's include/uapi/linux/virtio_ring.h and
 * virtio_pci.h lay them out.
 *
 * This kernel only sends: a driver puts a buffer in a queue, notifies
 * the device with one port write and polls the used ring.  It takes no
 * interrupts (VRING_AVAIL_F_NO_INTERRUPT).  With ioeventfd=off, QEMU
 * runs the device in the notifying CPU's own exit, so a buffer is
 * normally used when the notify returns; by default (ioeventfd=on, TCG
 * included) the notify wakes QEMU's main loop through an eventfd, and
 * the buffer is used microseconds later on an idle host, much later on
 * a busy one.  A device that must wait (its backend is full) leaves the
 * buffer in the ring until it can.
 */
#ifndef KERNEL_VIRTIO_H
#define KERNEL_VIRTIO_H

#include "types.h"

#define VIRTIO_PCI_VENDOR	0x1AF4	/* Red Hat / Qumranet */

/* device status bits */
#define VIRTIO_STATUS_ACKNOWLEDGE	0x01	/* the driver has seen the device */
#define VIRTIO_STATUS_DRIVER		0x02	/* ...and knows how to drive it */
#define VIRTIO_STATUS_DRIVER_OK		0x04	/* ...and has set it up */
#define VIRTIO_STATUS_FAILED		0x80	/* the driver gave up */

/* vring_desc.flags */
#define VRING_DESC_F_WRITE	2	/* the device writes the buffer (else reads it) */
/* vring_avail.flags */
#define VRING_AVAIL_F_NO_INTERRUPT	1	/* the driver polls: no interrupt */

#define VIRTQ_PAGES		2	/* memory of one queue: 2 pages hold 128 entries */
#define VIRTQ_NUM_MAX		128	/* the largest queue that fits in them */

struct vring_desc {			/* 16 bytes */
	uint64 addr;			/* physical address of the buffer */
	uint32 len;			/* its length */
	ushort flags;			/* VRING_DESC_F_* */
	ushort next;			/* unused: no chains */
};
_Static_assert(sizeof(struct vring_desc) == 16, "vring_desc");

struct vring_avail {			/* the driver's ring: buffers offered */
	ushort flags;			/* VRING_AVAIL_F_* */
	ushort idx;			/* where the driver puts the next entry (free-running) */
	ushort ring[];			/* descriptor ids */
};

struct vring_used_elem {		/* 8 bytes */
	uint32 id;			/* the descriptor the device is done with */
	uint32 len;			/* bytes it wrote into the buffer */
};

struct vring_used {			/* the device's ring: buffers it is done with */
	ushort flags;
	ushort idx;			/* where the device puts the next entry (free-running) */
	struct vring_used_elem ring[];
};

struct virtio_dev {
	uint bdf;			/* PCI bus 0 device << 3 | function */
	ushort iobase;			/* BAR0: the legacy registers */
};

/*
 * One split virtqueue.  Its owner serialises every call on it; used
 * entries come back in the order the buffers were offered (true of
 * QEMU's virtio-serial, and all this kernel relies on is that a buffer
 * is done once the used index has passed it).
 */
struct virtqueue {
	struct virtio_dev *dev;
	uint index;			/* the device's queue number */
	uint num;			/* entries: the device's queue size */
	struct vring_desc *desc;	/* num descriptors */
	struct vring_avail *avail;
	volatile struct vring_used *used;	/* written by the device */
	ushort last_used;		/* used entries taken by virtqueue_get */
};

/* virtio.c */
int virtio_pci_find(struct virtio_dev *d, uint device_id);
void virtio_reset(struct virtio_dev *d);
void virtio_add_status(struct virtio_dev *d, uint bits);
uint virtio_host_features(struct virtio_dev *d);
void virtio_guest_features(struct virtio_dev *d, uint features);
int virtqueue_setup(struct virtio_dev *d, struct virtqueue *vq, uint index, void *mem);
ushort virtqueue_add(struct virtqueue *vq, uint id, const void *buf, uint len, uint flags);
void virtqueue_kick(struct virtqueue *vq);
int virtqueue_done(struct virtqueue *vq, ushort pos);
int virtqueue_get(struct virtqueue *vq, uint *id, uint *len);

#endif /* KERNEL_VIRTIO_H */
