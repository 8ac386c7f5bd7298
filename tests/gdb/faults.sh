#!/bin/sh
# faults.sh - mmscope verify when things go wrong: bad --at, a QEMU that
# exits at once, a QEMU whose gdbstub never answers, a kernel without
# the layout a debugger needs.  A clear message and a non-zero exit,
# never a hang or a crash.
. "$(dirname "$0")/lib.inc"
echo 1..6

verify bad kthread_borrow --at nosuchkind
ok $([ $rc -eq 2 ] && grep -q 'not KIND\[:cpu=N\]\[:mm=M\]' "$T/bad.err"; echo $?) \
	"--at with an unknown kind: usage error naming the syntax" "$(why bad)"
verify none kthread_borrow
ok $([ $rc -eq 2 ] && grep -q 'where to halt' "$T/none.err"; echo $?) \
	"no --at: usage error" "$(why none)"

# a "QEMU" that exits at once, and one that runs but never listens
printf '#!/bin/sh\necho "no such machine" >&2\nexit 1\n' >"$T/gone"
printf '#!/bin/sh\nexec sleep 30\n' >"$T/deaf"
chmod +x "$T/gone" "$T/deaf"
TMPDIR=$T MMSCOPE_QEMU=$T/gone verify gone kthread_borrow --at switch
ok $([ $rc -eq 1 ] && grep -q 'cannot connect to the gdbstub.*QEMU has exited' "$T/gone.err"; echo $?) \
	"QEMU gone: 'cannot connect to the gdbstub ... QEMU has exited', exit 1" "$(why gone)"
TMPDIR=$T MMSCOPE_QEMU=$T/deaf verify deaf kthread_borrow --at switch
ok $([ $rc -eq 1 ] && grep -q 'gdbstub does not answer' "$T/deaf.err"; echo $?) \
	"gdbstub unreachable: said, exit 1" "$(why deaf)"
ok $(ls -d "$T"/mmscope-gdb.* >/dev/null 2>&1; [ $? -ne 0 ]; echo $?) \
	"the gdbstub's private socket directories are removed" "$(ls -d "$T"/mmscope-gdb.* 2>&1)"

# a kernel that is an ELF but not one a debugger can read
cp "$MMSCOPE" "$T/notakernel"
"$MMSCOPE" verify kthread_borrow --at switch --kernel "$T/notakernel" >"$T/nk.out" 2>"$T/nk.err"
rc=$?
ok $([ $rc -eq 2 ] && grep -q 'notakernel' "$T/nk.err"; echo $?) \
	"a kernel without .mmscope.layout: named, exit 2" "$(why nk)"
