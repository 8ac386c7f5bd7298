#!/bin/sh
# fastprint.sh - dump's printf-free printer writes the bytes print.c's
# printer writes, on synthetic traces (several CPUs, both eras, gaps,
# LOST records, a rule broken and a PANIC) and on recorded ones (the
# lecture on 2 CPUs, a lying trace, a panic, killed tasks, a TLB
# shootdown on 3 CPUs, a flood of MARKs), with and without symbols, in
# text and in JSON with --raw and the model's counters
# (build/tests/printcmp).
#
# Environment (set by tests/runtests.py): BUILD, MMSCOPE, KERNEL,
# TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/fastprint.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/../tap.inc"
echo 1..11

# same NAME [--kernel ELF]: printcmp on $T/NAME.mmt, one TAP line
same() {
	name=$1
	shift
	"$BUILD/tests/printcmp" "$T/$name.mmt" "$@" >"$T/cmp.out" 2>&1
	ok $? "$name${1:+ (symbols)}: $(head -1 "$T/cmp.out" | sed 's/^printcmp: [^:]*: //')" \
		"$(cat "$T/cmp.out")"
}

G=$BUILD/tests/gentrace
$G -o "$T/gen2.mmt" --events 20000 --seed 3 2>/dev/null
same gen2
$G -o "$T/gen4.mmt" --events 30000 --cpus 4 --era modern --gap 9000:20 \
	--lost 20000:30 --seed 4 2>/dev/null
same gen4
$G -o "$T/inject.mmt" --events 5000 --cpus 3 --inject count_balance@2000 \
	--after 100 --seed 5 2>/dev/null
same inject

# record NAME SCENARIO [OPTION...]: a run of the kernel into $T/NAME.mmt
record() {
	name=$1
	shift
	"$MMSCOPE" record "$@" -o "$T/$name.mmt" --kernel "$KERNEL" \
		--timeout 60 >/dev/null 2>&1
}
record lecture lecture --smp 2
same lecture --kernel "$KERNEL"
same lecture
record lie kthread_borrow --bug trace_lie
same lie --kernel "$KERNEL"
record panic panic
same panic --kernel "$KERNEL"
record fault fault --era modern
same fault --kernel "$KERNEL"
record tlb tlb_shootdown --smp 3 --era modern
same tlb --kernel "$KERNEL"
record flood flood --count 3000
same flood --kernel "$KERNEL"

"$BUILD/tests/printcmp" "$T/nosuch.mmt" >"$T/cmp.out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q 'nosuch.mmt' "$T/cmp.out"
ok $? "printcmp of a missing trace: exit 2, the file named" "exit $rc: $(cat "$T/cmp.out")"
