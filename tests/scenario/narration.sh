#!/bin/sh
# narration.sh - the narration agrees with the panels at every event of
# every scenario: each scenario the kernel lists is recorded (era
# 2.6.32 on the CPUs it needs; narration_smp.sh adds the modern era and
# more CPUs), and
# build/tests/narcheck reads each trace's narration back, event by
# event, checking every count and holder a sentence states (mm_users
# 1→2, rq->prev_mm, who borrows, CR3, a MARK's "users 3, count 1", the
# name of each mm_struct) against the model after the event, the state
# the panels show.  panic and deadlock are narrated up to their PANIC.
. "$(dirname "$0")/lib.inc"
NARCHECK=$BUILD/tests/narcheck

# runs: NAME SCENARIO OPTIONS..., one a line (narration_smp.sh: others)
runs() {
	for s in $(scenarios) panic deadlock; do
		smp=$("$MMSCOPE" scenarios --kernel "$KERNEL" |
			awk -v s="$s" '$1 == s { print $2 }')
		opts=$(options "$s" 1)	# the short runs: smp_stress 200
		echo "$s $s --smp ${smp:-1} $opts"
	done
}

[ -n "${NARRATION_RUNS:-}" ] || NARRATION_RUNS=runs
echo "1..$($NARRATION_RUNS | wc -l)"
$NARRATION_RUNS | while read -r name s opts; do
	# shellcheck disable=SC2086
	record "$name" $s $opts
	if [ ! -s "$T/$name.mmt" ]; then
		ok 1 "$name: recorded" "mmscope record exited $rc: $(tail -1 "$T/$name.out")"
		continue
	fi
	out=$("$NARCHECK" "$T/$name.mmt" | sed -n 2,100p)
	echo "$out" | grep -q '^ok ' 
	ok $? "$name: $(echo "$out" | grep -v '^#' | sed 's/^[a-z ]*ok 1 - [^:]*: //')" \
		"$(echo "$out" | grep '^#' | tr '\n' ' ')"
done
