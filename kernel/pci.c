/*
 * pci.c - PCI configuration space through ports 0xCF8/0xCFC
 * (configuration mechanism #1): enough to find one device and let it
 * decode its I/O ports and master the bus.
 *
 * QEMU's i440FX machine puts every device on bus 0, and the firmware
 * (SeaBIOS) has assigned the BARs before the kernel runs, so there is
 * no bridge to walk and no address to allocate.  Used at boot, on the
 * boot CPU only, so the two ports need no lock.
 */
#include "types.h"
#include "defs.h"
#include "x86.h"

#define PCI_CONFIG_ADDRESS	0xCF8
#define PCI_CONFIG_DATA		0xCFC
#define PCI_CONFIG_ENABLE	0x80000000	/* address bit 31: a config cycle */

/* configuration space offsets (dword aligned) */
#define PCI_ID			0x00	/* device id << 16 | vendor id */
#define PCI_COMMAND		0x04	/* command (low half), status */
#define PCI_HEADER		0x0C	/* header type in bits 16..23 */
#define PCI_BAR0		0x10

#define PCI_COMMAND_IO		0x0001	/* decode the I/O BARs */
#define PCI_COMMAND_MASTER	0x0004	/* may read and write memory (DMA) */
#define PCI_HEADER_MULTI	0x00800000	/* function 0 has siblings */
#define PCI_BAR_IO		0x1	/* bit 0 of a BAR: an I/O port range */

/* The 32-bit register at offset off of bus/device/function bdf. */
uint pci_conf_read(uint bdf, uint off)
{
	outl(PCI_CONFIG_ADDRESS, PCI_CONFIG_ENABLE | bdf << 8 | (off & 0xFC));
	return inl(PCI_CONFIG_DATA);
}

void pci_conf_write(uint bdf, uint off, uint val)
{
	outl(PCI_CONFIG_ADDRESS, PCI_CONFIG_ENABLE | bdf << 8 | (off & 0xFC));
	outl(PCI_CONFIG_DATA, val);
}

/*
 * The first function on bus 0 with this vendor and device id: its
 * bdf (device << 3 | function), or -1 if there is none.
 */
int pci_find(uint vendor, uint device)
{
	uint dev, fn, bdf, id;

	for (dev = 0; dev < 32; dev++) {
		for (fn = 0; fn < 8; fn++) {
			bdf = dev << 3 | fn;
			id = pci_conf_read(bdf, PCI_ID);
			if ((id & 0xFFFF) == 0xFFFF) {
				if (fn == 0)
					break;		/* no device here */
				continue;
			}
			if (id == (device << 16 | vendor))
				return bdf;
			if (fn == 0 && !(pci_conf_read(bdf, PCI_HEADER) & PCI_HEADER_MULTI))
				break;
		}
	}
	return -1;
}

/*
 * Turn on the device's I/O decoding and bus mastering, and return the
 * port base of its BAR n, or 0 if that BAR is not an I/O range.
 */
uint pci_enable_io(uint bdf, uint n)
{
	uint bar = pci_conf_read(bdf, PCI_BAR0 + 4 * n);

	pci_conf_write(bdf, PCI_COMMAND, (pci_conf_read(bdf, PCI_COMMAND) & 0xFFFF) |
		       PCI_COMMAND_IO | PCI_COMMAND_MASTER);
	if (!(bar & PCI_BAR_IO))
		return 0;
	return bar & 0xFFFC;
}
