/*
 * acpi.c - find the CPUs and interrupt controllers in the ACPI MADT.
 *
 * QEMU's MP table lists one CPU whatever -smp says; its ACPI MADT lists
 * them all.  The path: RSDP (in the EBDA's first KiB or the BIOS area
 * 0xE0000-0xFFFFF, on a 16-byte boundary) -> RSDT -> the table signed
 * "APIC" (MADT) -> local APIC entries (one per CPU) and IOAPIC entries.
 * Runs on entrypgdir, which maps all of [0, PHYSTOP_MAX) at KERNBASE;
 * what the kernel needs later is copied into cpus[] and the globals below.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "memlayout.h"
#include "x86.h"
#include "cpu.h"

struct acpi_rsdp {			/* root system description pointer */
	char sig[8];			/* "RSD PTR " */
	uchar checksum;			/* of the first 20 bytes */
	char oem[6];
	uchar revision;			/* 0: ACPI 1.0, 2: has an XSDT too */
	uint32 rsdt;			/* physical address of the RSDT */
} __attribute__((packed));

struct acpi_sdt {			/* header of every system description table */
	char sig[4];
	uint32 length;			/* whole table, header included */
	uchar revision;
	uchar checksum;			/* all bytes of the table sum to 0 */
	char oem[6];
	char oem_table[8];
	uint32 oem_revision;
	uint32 creator;
	uint32 creator_revision;
} __attribute__((packed));

struct acpi_madt {
	struct acpi_sdt h;		/* sig "APIC" */
	uint32 lapic;			/* local APIC physical address */
	uint32 flags;
	uchar entries[];		/* {type, length, ...} each */
} __attribute__((packed));

#define MADT_LAPIC		0	/* processor local APIC */
#define MADT_IOAPIC		1
#define MADT_LAPIC_ENABLED	0x1	/* flags of a MADT_LAPIC entry */

uint lapic_pa = LAPIC_DEFAULT;		/* local APIC registers */
uint ioapic_pa = IOAPIC_DEFAULT;	/* the first IOAPIC's registers */
uint ioapicid;				/* its APIC id */

/* [pa, pa+len) is reachable through entrypgdir's map. */
static int mapped(uint pa, uint len)
{
	return pa < PHYSTOP_MAX && len <= PHYSTOP_MAX - pa;
}

static int checksum_ok(const void *p, uint len)
{
	const uchar *b = p;
	uchar sum = 0;

	while (len-- > 0)
		sum += *b++;
	return sum == 0;
}

static struct acpi_rsdp *rsdp_search(uint pa, uint len)
{
	struct acpi_rsdp *r;
	uint a;

	for (a = pa; a + sizeof(*r) <= pa + len; a += 16) {
		r = P2V(a);
		if (memcmp(r->sig, "RSD PTR ", 8) == 0 && checksum_ok(r, 20))
			return r;
	}
	return 0;
}

static struct acpi_rsdp *rsdp_find(void)
{
	uint ebda = *(ushort *) P2V(0x40E) << 4;	/* BIOS data area: EBDA segment */
	struct acpi_rsdp *r = 0;

	if (ebda)
		r = rsdp_search(ebda, 1024);
	return r ? r : rsdp_search(0xE0000, 0x20000);
}

/* The RSDT's table with signature sig, or 0. */
static struct acpi_sdt *sdt_find(uint rsdt_pa, const char *sig)
{
	struct acpi_sdt *rsdt, *t;
	uint32 *entry;
	uint i, n;

	if (!mapped(rsdt_pa, sizeof(*rsdt))) {
		cprintf("acpi: RSDT at 0x%x is above the first %u MiB, not read\n",
			rsdt_pa, PHYSTOP_MAX >> 20);
		return 0;
	}
	rsdt = P2V(rsdt_pa);
	if (memcmp(rsdt->sig, "RSDT", 4) != 0 || !mapped(rsdt_pa, rsdt->length) ||
	    !checksum_ok(rsdt, rsdt->length))
		return 0;
	entry = (uint32 *) (rsdt + 1);
	n = (rsdt->length - sizeof(*rsdt)) / 4;
	for (i = 0; i < n; i++) {
		if (!mapped(entry[i], sizeof(*t)))
			continue;
		t = P2V(entry[i]);
		if (memcmp(t->sig, sig, 4) == 0 && mapped(entry[i], t->length) &&
		    checksum_ok(t, t->length))
			return t;
	}
	return 0;
}

/* Record one enabled CPU; the boot CPU always becomes cpus[0]. */
static void add_cpu(uint apicid, uint bsp)
{
	if (apicid == bsp) {
		cpus[0].apicid = apicid;
		return;
	}
	if (ncpu >= NCPU) {
		cprintf("acpi: cpu with apic id %u ignored: NCPU is %d\n", apicid, NCPU);
		return;
	}
	cpus[ncpu++].apicid = apicid;
}

static void madt_parse(struct acpi_madt *madt, uint bsp)
{
	uchar *p = madt->entries, *e = (uchar *) madt + madt->h.length;
	int ioapics = 0;

	lapic_pa = madt->lapic;
	for (; p + 2 <= e && p[1] >= 2 && p + p[1] <= e; p += p[1]) {
		if (p[0] == MADT_LAPIC && p[1] >= 8 && (p[4] & MADT_LAPIC_ENABLED))
			add_cpu(p[3], bsp);
		if (p[0] == MADT_IOAPIC && p[1] >= 12 && ioapics++ == 0) {
			ioapicid = p[2];
			memmove(&ioapic_pa, p + 4, 4);
		}
	}
}

/* The boot CPU's initial APIC id, from cpuid leaf 1 (no MMIO needed). */
static uint boot_apicid(void)
{
	uint a, b, c, d;

	x86_cpuid(1, &a, &b, &c, &d);
	return b >> 24;
}

/*
 * Fill cpus[0..ncpu) with the enabled CPUs' APIC ids (the boot CPU first)
 * and find the local APIC and IOAPIC.  Without a MADT: one CPU, default
 * addresses.
 */
void acpiinit(void)
{
	struct acpi_rsdp *rsdp = rsdp_find();
	struct acpi_madt *madt = 0;
	uint bsp = boot_apicid();
	int i;

	ncpu = 1;
	cpus[0].apicid = bsp;
	if (rsdp)
		madt = (struct acpi_madt *) sdt_find(rsdp->rsdt, "APIC");
	if (!madt) {
		cprintf("acpi: no %s; assuming one cpu, apic id %u\n", rsdp ? "MADT" : "RSDP", bsp);
		return;
	}
	madt_parse(madt, bsp);
	cprintf("acpi: RSDP 0x%x rev %u, MADT 0x%x: %d cpus, apic ids", V2P(rsdp),
		rsdp->revision, V2P(madt), ncpu);
	for (i = 0; i < ncpu; i++)
		cprintf(" %u%s", cpus[i].apicid, i == 0 ? " (boot)" : "");
	cprintf("\nacpi: local APIC at 0x%x, IOAPIC %u at 0x%x\n", lapic_pa, ioapicid, ioapic_pa);
}
