/*
 * uart.c - the two 16550 serial ports, polled, no interrupts.
 *
 * COM1 carries the human-readable console (console.c).  COM2 carries the
 * binary trace (trace.c): QEMU drops bytes a guest writes while the
 * transmitter is busy, so every write waits for THRE; with the FIFO on,
 * THRE means the 16-byte FIFO is empty, so up to 16 bytes go per wait.
 * Before QEMU exits, uart_flush() waits for TEMT: everything sent.
 */
#include "types.h"
#include "defs.h"
#include "x86.h"

#define UART_FIFO	16	/* bytes the transmit FIFO holds */

/* register offsets from the port base */
#define RBR_THR		0	/* data (DLAB=0); divisor low (DLAB=1) */
#define IER		1	/* interrupt enable (DLAB=0); divisor high (DLAB=1) */
#define FCR		2	/* FIFO control (write) */
#define LCR		3	/* line control */
#define MCR		4	/* modem control */
#define LSR		5	/* line status */

#define LCR_DLAB	0x80	/* divisor latch access */
#define LCR_8N1		0x03	/* 8 data bits, no parity, 1 stop bit */
#define FCR_ENABLE	0x07	/* FIFOs on, both cleared */
#define MCR_DTR_RTS	0x03
#define LSR_THRE	0x20	/* transmit holding register (FIFO) empty */
#define LSR_TEMT	0x40	/* transmitter empty: the last bit is out */

static void uart_setup(ushort port)
{
	outb(port + IER, 0);		/* no interrupts: we poll */
	outb(port + LCR, LCR_DLAB);
	outb(port + RBR_THR, 1);	/* divisor 1: 115200 baud */
	outb(port + IER, 0);
	outb(port + LCR, LCR_8N1);
	outb(port + FCR, FCR_ENABLE);
	outb(port + MCR, MCR_DTR_RTS);
}

void uartinit(void)
{
	uart_setup(COM1);
	uart_setup(COM2);
}

static void wait_thre(ushort port)
{
	while (!(inb(port + LSR) & LSR_THRE))
		pause();
}

void uart_putc(ushort port, int c)
{
	wait_thre(port);
	outb(port + RBR_THR, c);
}

/* Write n bytes, at most a FIFO's worth per THRE. */
void uart_write(ushort port, const uchar *buf, uint n)
{
	uint i, chunk;

	while (n > 0) {
		chunk = MIN(n, UART_FIFO);
		wait_thre(port);
		for (i = 0; i < chunk; i++)
			outb(port + RBR_THR, buf[i]);
		buf += chunk;
		n -= chunk;
	}
}

/* Wait until the transmitter has sent every byte written so far. */
void uart_flush(ushort port)
{
	while (!(inb(port + LSR) & LSR_TEMT))
		pause();
}
