/*
 * virtio.c - the legacy virtio-pci interface (registers in the I/O
 * range of BAR0) and split virtqueues, polled; see virtio.h.
 *
 * Set-up follows the specification's order: reset, ACKNOWLEDGE, DRIVER,
 * read the device's features and write the ones taken, give each queue
 * its memory (a physical page number: legacy queues are laid out at a
 * 4096-byte alignment), DRIVER_OK.
 */
#include "types.h"
#include "defs.h"
#include "memlayout.h"
#include "mmu.h"
#include "x86.h"
#include "virtio.h"

/* legacy registers, offsets from BAR0 */
#define VIRTIO_PCI_HOST_FEATURES	0	/* 32, read-only: what the device offers */
#define VIRTIO_PCI_GUEST_FEATURES	4	/* 32: what the driver takes */
#define VIRTIO_PCI_QUEUE_PFN		8	/* 32: the selected queue's first page */
#define VIRTIO_PCI_QUEUE_NUM		12	/* 16, read-only: its size, 0 = none */
#define VIRTIO_PCI_QUEUE_SEL		14	/* 16: select a queue */
#define VIRTIO_PCI_QUEUE_NOTIFY		16	/* 16: a queue number: it has buffers */
#define VIRTIO_PCI_STATUS		18	/* 8: VIRTIO_STATUS_* */

#define VRING_ALIGN			4096	/* the used ring starts on a page */

/* Where the used ring of a num-entry queue starts in its memory. */
#define VRING_USED_OFF(num)	PGROUNDUP((num) * sizeof(struct vring_desc) + 6 + 2 * (num))
_Static_assert(VRING_USED_OFF(VIRTQ_NUM_MAX) + 6 + 8 * VIRTQ_NUM_MAX <= VIRTQ_PAGES * PGSIZE,
	       "VIRTQ_PAGES hold a queue of VIRTQ_NUM_MAX entries");
_Static_assert(VRING_ALIGN == PGSIZE, "legacy queues are page-aligned");

/* Keep the compiler from moving memory accesses across this point. */
#define compiler_barrier()	asm volatile("" ::: "memory")

/*
 * Find the virtio PCI function with this device id and turn on its I/O
 * ports.  Returns 0, -1 if there is none, -2 if its BAR0 is not an I/O
 * range (the legacy interface is off).
 */
int virtio_pci_find(struct virtio_dev *d, uint device_id)
{
	int bdf = pci_find(VIRTIO_PCI_VENDOR, device_id);

	if (bdf < 0)
		return -1;
	d->bdf = bdf;
	d->iobase = pci_enable_io(bdf, 0);
	return d->iobase ? 0 : -2;
}

/* Reset the device: it forgets its features, queues and status. */
void virtio_reset(struct virtio_dev *d)
{
	outb(d->iobase + VIRTIO_PCI_STATUS, 0);
}

void virtio_add_status(struct virtio_dev *d, uint bits)
{
	outb(d->iobase + VIRTIO_PCI_STATUS, inb(d->iobase + VIRTIO_PCI_STATUS) | bits);
}

uint virtio_host_features(struct virtio_dev *d)
{
	return inl(d->iobase + VIRTIO_PCI_HOST_FEATURES);
}

void virtio_guest_features(struct virtio_dev *d, uint features)
{
	outl(d->iobase + VIRTIO_PCI_GUEST_FEATURES, features);
}

/*
 * Give queue index the VIRTQ_PAGES page-aligned pages at mem (kernel
 * memory, so V2P is its physical address).  Returns 0, or -1 if the
 * device has no such queue or one larger than VIRTQ_NUM_MAX.
 */
int virtqueue_setup(struct virtio_dev *d, struct virtqueue *vq, uint index, void *mem)
{
	uint num;

	outw(d->iobase + VIRTIO_PCI_QUEUE_SEL, index);
	num = inw(d->iobase + VIRTIO_PCI_QUEUE_NUM);
	if (num == 0 || num > VIRTQ_NUM_MAX || ((uint) mem & (PGSIZE - 1)))
		return -1;
	memset(mem, 0, VIRTQ_PAGES * PGSIZE);
	vq->dev = d;
	vq->index = index;
	vq->num = num;
	vq->desc = mem;
	vq->avail = (struct vring_avail *) ((char *) mem + num * sizeof(struct vring_desc));
	vq->used = (struct vring_used *) ((char *) mem + VRING_USED_OFF(num));
	vq->avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
	vq->last_used = 0;
	outl(d->iobase + VIRTIO_PCI_QUEUE_PFN, V2P(mem) / VRING_ALIGN);
	return 0;
}

/*
 * Offer len bytes at buf (kernel memory) in descriptor id, which the
 * device must be done with.  flags: 0, the device reads it, or
 * VRING_DESC_F_WRITE.  Returns its position in the avail ring, for
 * virtqueue_done.  The device sees it at the next virtqueue_kick.
 */
ushort virtqueue_add(struct virtqueue *vq, uint id, const void *buf, uint len, uint flags)
{
	struct vring_desc *d = &vq->desc[id];
	ushort pos = vq->avail->idx;

	d->addr = V2P(buf);
	d->len = len;
	d->flags = flags;
	d->next = 0;
	vq->avail->ring[pos % vq->num] = id;
	compiler_barrier();	/* the entry before the index (x86 keeps stores in order) */
	vq->avail->idx = pos + 1;
	return pos;
}

/* Tell the device the queue has new buffers. */
void virtqueue_kick(struct virtqueue *vq)
{
	__sync_synchronize();
	outw(vq->dev->iobase + VIRTIO_PCI_QUEUE_NOTIFY, vq->index);
}

/* Is the buffer offered at avail position pos used? */
int virtqueue_done(struct virtqueue *vq, ushort pos)
{
	return (short) (vq->used->idx - (ushort) (pos + 1)) >= 0;
}

/*
 * Take the next used entry: its descriptor id and the bytes the device
 * wrote.  Returns 0 if there is none yet.
 */
int virtqueue_get(struct virtqueue *vq, uint *id, uint *len)
{
	volatile struct vring_used_elem *e;

	if (vq->used->idx == vq->last_used)
		return 0;
	compiler_barrier();	/* the entry after the index */
	e = &vq->used->ring[vq->last_used % vq->num];
	*id = e->id;
	*len = e->len;
	vq->last_used++;
	return 1;
}
