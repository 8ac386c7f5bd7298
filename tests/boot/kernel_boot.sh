#!/bin/sh
# kernel_boot.sh - boot the kernel headless in QEMU and check its side of
# the contract with the host: the isa-debug-exit status of each kind of
# run (33 ok, 37 panic, 39 bad command line), what COM1 says about it,
# and that COM2 starts with the lone 0x00 and carries frames; with
# transport=virtio the frames go to the virtio-serial port instead, and
# without the device (or its port) the run ends at once, saying so on
# COM1 and in an END on COM2.  Decoding the frames is the host's test
# (record_boot.sh, tests/scenario/transport.sh).
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

# boot NAME CPUS CMDLINE [QEMU-OPTION...]: run QEMU, COM1 and COM2 to
# $dir/NAME.com1, .com2; sets $status to QEMU's exit status
boot() {
	name=$1 cpus=$2 cmdline=$3
	shift 3
	timeout 60 qemu-system-i386 -display none -monitor none -no-reboot -m 128 \
		-smp "$cpus" -device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "$KERNEL" -append "$cmdline" \
		-serial "file:$dir/$name.com1" -serial "file:$dir/$name.com2" "$@" \
		</dev/null >"$dir/$name.qemu" 2>&1
	status=$?
	if [ "$status" -ne 33 ] && [ "$status" -ne 37 ] && [ "$status" -ne 39 ]; then
		echo "# QEMU exited with $status booting '$cmdline'; its output and COM1:"
		cat "$dir/$name.qemu" "$dir/$name.com1" 2>/dev/null | tail -8 | sed 's/^/#   /'
	fi
}

# first_byte FILE: the first byte of FILE in hex, empty if there is none
first_byte() {
	od -An -tx1 -N1 "$1" 2>/dev/null | tr -d ' \n'
}

com2_starts_with_zero() {
	test "$(first_byte "$dir/$1.${2:-com2}")" = 00
}

com2_has_frames() {
	test "$(wc -c <"$dir/$1.${2:-com2}")" -gt 40
}

com2_is_empty() {
	test ! -s "$dir/$1.com2"
}

# virtio-serial with the trace's port writing to $dir/NAME.virtio
virtio_port() {
	echo -chardev "file,id=trace,path=$dir/$1.virtio" -device virtio-serial-pci \
		-device virtserialport,chardev=trace,nr=1,name=org.mmscope.trace
}

com1_says() {	# com1_says NAME TEXT
	grep -qF -- "$2" "$dir/$1.com1"
}

echo "1..25"
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
	com1_says badopt "accepted: scenario= smp= era= bug= trace= transport= count= watchdog="
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

boot virtio 2 "scenario=boot smp=2 transport=virtio" $(virtio_port virtio)
check "transport=virtio: scenario=boot exits with status 33 (got $status)" test "$status" -eq 33
check "transport=virtio: COM1 names the device and the line" \
	sh -c "grep -q 'virtio-serial: pci 00:[0-9a-f]*.0, io 0x[0-9a-f]*, port 1 \"org.mmscope.trace\" open' \
		'$dir/virtio.com1' && grep -q 'mode, on virtio' '$dir/virtio.com1'"
check "transport=virtio: the port starts with a lone 0x00" com2_starts_with_zero virtio virtio
check "transport=virtio: the port carries frames after it" com2_has_frames virtio virtio
check "transport=virtio: COM2 stays silent" com2_is_empty virtio

boot novirtio 1 "scenario=boot transport=virtio"
check "transport=virtio without the device exits with status 39 (got $status)" \
	test "$status" -eq 39
check "COM1 says the device is missing and what QEMU needs" \
	com1_says novirtio "transport=virtio: no virtio-serial-pci device; QEMU needs -device virtio-serial-pci -device virtserialport,nr=1,name=org.mmscope.trace"
check "the trace falls back to COM2, to carry the END" com2_has_frames novirtio

boot noport 1 "scenario=boot transport=virtio" -device virtio-serial-pci
check "transport=virtio with no port 1 exits with status 39 (got $status)" \
	test "$status" -eq 39
check "COM1 says port 1 is missing" com1_says noport "transport=virtio: virtio-serial: no port 1;"
