#!/bin/sh
# kernel_boot.sh - boot the kernel headless in QEMU and check its side of
# the contract with the host: the isa-debug-exit status of each kind of
# run (33 ok, 37 panic, 39 bad command line), what COM1 says about it,
# and that COM2 starts with the lone 0x00 and carries frames.  Decoding
# the frames is the host's test (record_boot.sh).
#
# Environment: KERNEL (the ELF), TEST_TMPDIR.  Prints TAP.

: "${KERNEL:?KERNEL must name the kernel ELF}"
: "${TEST_TMPDIR:?TEST_TMPDIR must name a scratch directory}"
dir="$TEST_TMPDIR/kernel_boot.$$"
mkdir -p "$dir" || exit 1
trap 'rm -rf "$dir"' EXIT

n=0
check() {	# check NAME COMMAND...: one TAP line, ok if COMMAND succeeds
	name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
	fi
}

not() {
	! "$@"
}

# boot NAME CPUS CMDLINE: run QEMU, COM1 and COM2 to $dir/NAME.com1, .com2;
# sets $status to QEMU's exit status
boot() {
	timeout 60 qemu-system-i386 -display none -monitor none -no-reboot -m 128 \
		-smp "$2" -device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "$KERNEL" -append "$3" \
		-serial "file:$dir/$1.com1" -serial "file:$dir/$1.com2" \
		</dev/null >"$dir/$1.qemu" 2>&1
	status=$?
	if [ "$status" -ne 33 ] && [ "$status" -ne 37 ] && [ "$status" -ne 39 ]; then
		echo "# QEMU exited with $status booting '$3'; its output and COM1:"
		cat "$dir/$1.qemu" "$dir/$1.com1" 2>/dev/null | tail -8 | sed 's/^/#   /'
	fi
}

# first_byte FILE: the first byte of FILE in hex, empty if there is none
first_byte() {
	od -An -tx1 -N1 "$1" 2>/dev/null | tr -d ' \n'
}

com2_starts_with_zero() {
	test "$(first_byte "$dir/$1.com2")" = 00
}

com2_has_frames() {
	test "$(wc -c <"$dir/$1.com2")" -gt 40
}

com1_says() {	# com1_says NAME TEXT
	grep -qF -- "$2" "$dir/$1.com1"
}

echo "1..15"
[ -f "$KERNEL" ] || echo "# no kernel at $KERNEL: build it with scons"

boot ok 1 "scenario=boot smp=1 era=2.6.32"
check "scenario=boot exits with status 33 (got $status)" test "$status" -eq 33
check "COM2 starts with a lone 0x00" com2_starts_with_zero ok
check "COM2 carries frames after it" com2_has_frames ok
check "COM1 reports the end of the run" com1_says ok "end: status 0;"
check "COM1 shows no panic" not com1_says ok "panic"

boot badopt 1 "scenario=boot colour=blue"
check "an unknown option exits with status 39 (got $status)" test "$status" -eq 39
check "COM1 names the unknown option" com1_says badopt "unknown option 'colour=blue'"
check "COM1 lists the accepted options" \
	com1_says badopt "accepted: scenario= smp= era= bug= trace= count= ops= seed= watchdog="
check "a bad command line still starts a trace" com2_starts_with_zero badopt

boot badval 1 "era=2.7"
check "a bad value exits with status 39 (got $status)" test "$status" -eq 39
check "COM1 names the option and its accepted values" \
	com1_says badval "bad value 'era=2.7'; accepted: era=2.6.32|modern"

boot nosuch 1 "scenario=nosuch"
check "an unknown scenario exits with status 39 (got $status)" test "$status" -eq 39
check "COM1 lists the known scenarios" \
	com1_says nosuch "unknown scenario 'nosuch'; known: boot flood panic"

boot panic 2 "scenario=panic smp=2"
check "a kernel page fault exits with status 37 (got $status)" test "$status" -eq 37
check "COM1 dumps the registers, and the MADT shows both CPUs" \
	sh -c "grep -q 'page fault (trap 14)' '$dir/panic.com1' &&
	       grep -q 'MADT 0x[0-9a-f]*: 2 cpus' '$dir/panic.com1'"
