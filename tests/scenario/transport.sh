#!/bin/sh
# transport.sh - the two lines the trace can take, COM2 and virtio-serial
# (--transport virtio), carry the same stream: every scenario that is
# deterministic on one CPU gives the same events over both, CPU by CPU
# in sequence order, every field but the times and the kernel's own
# measurements (the boot scenario's MSG quotes its command line, which
# has transport=virtio); each virtio run ends cleanly.  (Heartbeat
# frames are not events: they come when a CPU is idle, and the faster
# line idles more.)  A run the timer preempted is not deterministic: the
# pair is recorded again, up to three times.  transport_edges.sh tests
# the rest.
. "$(dirname "$0")/lib.inc"
DET=$(for s in $(scenarios); do timed "$s" || echo "$s"; done)
echo "1..$(echo $DET | wc -w)"

# same SCENARIO: record it over both lines; $why says how they differ
same() {
	record "$1.com2" "$1" --transport com2
	rc_com2=$rc
	record "$1.virtio" "$1" --transport virtio
	why=$($CHECK clean "$T/$1.virtio.json")
	[ $rc -ne 0 ] || [ $rc_com2 -ne 0 ] &&
		why="record exited $rc_com2 (com2), $rc (virtio): $(tail -1 "$T/$1.virtio.out") $why"
	$CHECK events "$T/$1.com2.json" >"$T/$1.com2.ev"
	$CHECK events "$T/$1.virtio.json" | sed 's/ transport=virtio"/"/' >"$T/$1.virtio.ev"
	[ -s "$T/$1.com2.ev" ] && cmp -s "$T/$1.com2.ev" "$T/$1.virtio.ev" ||
		why="$why $(diff "$T/$1.com2.ev" "$T/$1.virtio.ev" | head -3 | tr '\n' ' ')"
}

# preempted SCENARIO: did the timer preempt a user task in either run?
# On a busy host a slow run can outlast a timeslice; its switches then
# differ from run to run, whatever the line.
preempted() {
	[ "$($CHECK preempted "$T/$1.com2.json")" != 0 ] ||
		[ "$($CHECK preempted "$T/$1.virtio.json")" != 0 ]
}

for s in $DET; do
	tries=1
	same "$s"
	while [ -n "$why" ] && preempted "$s" && [ $tries -lt 3 ]; do
		tries=$((tries + 1))
		same "$s"
	done
	if [ -n "$why" ] && preempted "$s"; then
		ok 0 "# SKIP $s: the timer preempted it in each of $tries tries (busy host)"
		continue
	fi
	ok $([ -z "$why" ]; echo $?) \
		"$s: the same $(wc -l <"$T/$s.com2.ev") events over com2 and virtio, a clean end" "$why"
done
