/*
 * crt0.S - where a user program starts (the ELF entry point): call
 * main(), then exit with what it returned.  exec leaves %esp 16-byte
 * aligned below KERNBASE.
 */
.text
.globl _start
_start:
	xorl	%ebp, %ebp		/* the end of every backtrace */
	call	main
	pushl	%eax
	call	exit
1:	jmp	1b
