#!/bin/sh
# program.sh - what a seed means: the kernel command line
# `scenario=chaos seed=S ops=N` runs the program of seed S, N operations
# long (QEMU booted directly: exit status 33, the program's MARK on
# COM1), and rejects a seed that is not a 32-bit number (status 39,
# naming it); `mmscope record --seed` passes the seed on and the trace
# header keeps it; and one seed is one program: on two CPUs, where the
# interleaving differs from run to run, the tasks P makes (each TASK_NEW
# of P's children and of the kernel threads kthreadd makes for it, in
# order) are the same in two runs of a seed, and another seed makes
# others; and seed 21's program does every kind of operation the
# scenario draws, with user tasks on both CPUs.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/chaos_program.$$
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/../tap.inc"
echo 1..8

# boot NAME CMDLINE: QEMU on one CPU, COM1 to $T/NAME.com1; $status
boot() {
	timeout 60 qemu-system-i386 -display none -monitor none -no-reboot -m 128 \
		-smp 1 -device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "$KERNEL" -append "$2" \
		-serial "file:$T/$1.com1" -serial "file:$T/$1.com2" \
		</dev/null >"$T/$1.qemu" 2>&1
	status=$?
}

boot ops "scenario=chaos seed=5 ops=3"
ok $([ $status -eq 33 ] && grep -q "mark 1: chaos seed=5 ops=3" "$T/ops.com1"; echo $?) \
	"scenario=chaos seed=5 ops=3: that program, 3 operations long (status $status)" \
	"$(tail -3 "$T/ops.com1")"
boot big "scenario=chaos seed=4294967295 ops=1"
ok $([ $status -eq 33 ] && grep -q "chaos seed=4294967295 ops=1" "$T/big.com1"; echo $?) \
	"seed=4294967295, the largest, is taken (status $status)"
boot bad "scenario=chaos seed=4294967296"
ok $([ $status -eq 39 ] && grep -q "bad value 'seed=4294967296'" "$T/bad.com1"; echo $?) \
	"seed=4294967296 is refused, by name (status $status)" "$(grep cmdline "$T/bad.com1")"

# program NAME SEED: the tasks P makes, in order, from a 2-CPU run
program() {
	"$MMSCOPE" record chaos --seed "$2" --smp 2 -o "$T/$1.mmt" --kernel "$KERNEL" \
		--timeout 120 >"$T/$1.out" 2>&1
	rc=$?
	"$MMSCOPE" dump "$T/$1.mmt" 2>/dev/null |
		awk '$5 == "task_new" && ($8 == "ppid=1" || $8 == "ppid=2") {
			# by name: a reused mm id adds mm_name= beside mm=
			for (i = 9; i <= NF; i++)
				if ($i ~ /^(clone_flags|comm)=/)
					printf " %s", $i
			print " " $8 }' >"$T/$1.tasks"
}

program a 21
ok $([ $rc -eq 0 ] && head -c 1024 "$T/a.mmt" | tr '\0' '\n' | grep -q "seed=21"; echo $?) \
	"record --seed 21: the run passes and the trace header keeps seed=21" "$(cat "$T/a.out")"
program b 21
program c 22
ok $([ -s "$T/a.tasks" ] && [ "$(wc -l <"$T/a.tasks")" -ge 5 ]; echo $?) \
	"seed 21's P makes tasks ($(wc -l <"$T/a.tasks") of them)"
cmp -s "$T/a.tasks" "$T/b.tasks"
ok $? "seed 21 twice on 2 CPUs: P makes the same tasks in the same order" \
	"$(diff "$T/a.tasks" "$T/b.tasks" | head -4 | tr '\n' ' ')"
! cmp -s "$T/a.tasks" "$T/c.tasks"
ok $? "seed 22: another program"

# kinds FILE: the kinds of operation of a trace its dump shows, one a
# line; then "user on cpu N" for each CPU a user task was switched in on
kinds() {
	"$MMSCOPE" dump "$1" 2>/dev/null | awk '
		/ mm_alloc .*reason=fork/		{ k["fork"] = 1 }
		/ task_new .* flags=0 clone_flags=CLONE_VM /	{ k["thread"] = 1 }
		/ task_new .*clone_flags=CLONE_VM\|CLONE_VFORK/	{ k["vfork"] = 1 }
		$5 == "exec"				{ k["exec"] = 1 }
		/ task_new .*ppid=2 flags=kthread/	{ k["kthread"] = 1 }
		/ reason=lazy_borrow /			{ k["lazy_borrow"] = 1 }
		$5 == "use_mm"				{ k["use_mm"] = 1 }
		$5 == "unuse_mm"			{ k["unuse_mm"] = 1 }
		/ mm_map .*op=munmap/			{ k["munmap"] = 1 }
		/ mm_map .*op=brk/			{ k["brk"] = 1 }
		$5 == "migrate"				{ k["migrate"] = 1 }
		$5 == "task_exit"			{ k["exit"] = 1 }
		$5 == "switch" && / next_mm=[1-9]/	{ k["user on cpu " substr($2, 2, 3) + 0] = 1 }
		END { for (x in k) print x }' | sort
}
kinds "$T/a.mmt" >"$T/a.kinds"
sort >"$T/want" <<EOF
brk
exec
exit
fork
kthread
lazy_borrow
migrate
munmap
thread
unuse_mm
use_mm
user on cpu 0
user on cpu 1
vfork
EOF
missing=$(comm -23 "$T/want" "$T/a.kinds" | tr '\n' ' ')
ok $([ -z "$missing" ]; echo $?) \
	"seed 21 on 2 CPUs: every kind of operation, user tasks on each CPU" \
	"missing: $missing"
