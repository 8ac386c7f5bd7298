#!/bin/sh
# lecture.sh - a paced lecture's step latency (issue 12's figure): the
# lecture on 4 CPUs, `mmscope run --step` in a private tmux terminal
# (120x40) with --latency-log, -> pressed for each step, one at a time.
# mmscope logs when it took the key ("key NS"), when the halt the key
# ran the machine to was verified and in the trace ("landed NS"), and
# each frame ("frame NS ..."); the latency of a step is from the key to
# the end of the first frame after it landed: the machine run to its
# next teaching event, halted, its CR3s, per-CPU data, live mm_structs
# and unsent ring records read through the gdbstub, the model brought
# there and compared, and the screen drawn.  Steps that only walked the
# trace (events of other CPUs after a halt) are counted apart.
#
#   step latency, key to verified screen: p50, p99, max (target p99 <=
#   50 ms), and how long the halt itself took (the status bar's figure)
#
# A benchmark: it prints figures and fails only if a run fails.
# Environment (set by `scons bench`): MMSCOPE, KERNEL.
set -u
T=$(mktemp -d)
TM="tmux -L mmscope-bench-lecture-$$ -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT
STEPS=${STEPS:-200}

screen() {
	$TM capture-pane -t b -p
}

cursor() {
	screen | sed -n 's/.*event \([0-9]*\) of.*/\1/p'
}

# moved FROM: until the cursor is no longer on event FROM (30 s at most)
moved() {
	tries=600
	while [ "$(cursor)" = "$1" ] && [ $tries -gt 0 ]; do
		sleep 0.02
		tries=$((tries - 1))
	done
	[ $tries -gt 0 ]
}

$TM new-session -d -s b -x 120 -y 40 "env LANG=C.UTF-8 $MMSCOPE run \
	lecture --smp 4 --step --kernel $KERNEL --latency-log $T/lat \
	2>$T/err; sleep 60"
tries=600
until screen | grep -q ' HALTED  #1 '; do
	tries=$((tries - 1))
	[ $tries -le 0 ] && { echo "lecture.sh: no first halt" >&2; screen >&2; exit 1; }
	sleep 0.05
done
i=0
while [ $i -lt "$STEPS" ] && ! screen | grep -q 'QEMU exited'; do
	c=$(cursor)
	$TM send-keys -t b Right
	if ! moved "$c"; then
		# the last step has nowhere to go: the run is over
		screen | grep -q 'QEMU exited' && break
		echo "lecture.sh: step $i did not move" >&2
		screen | tail -25 >&2
		exit 1
	fi
	i=$((i + 1))
done
$TM send-keys -t b q
sleep 0.5

echo "paced steps, lecture on 4 CPUs (host: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)), $i steps"
awk '
	# a key: the first frame after it, or after its landing if it ran
	# the machine; told apart at the next key (or the end)
	function done() {
		if (key && landed && after) {
			m[nm] = (after - key) / 1e6
			l[nm++] = (landed - key) / 1e6
		} else if (key && !landed && first)
			h[nh++] = (first - key) / 1e6
	}
	$1 == "key" { done(); key = $2; landed = first = after = 0 }
	$1 == "landed" && key && !landed { landed = $2 }
	$1 == "frame" && key && !first { first = $2 }
	$1 == "frame" && landed && !after { after = $2 }
	function sort(a, n,   i, j, t) {
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
	}
	function pct(a, n, p) { return a[int((n - 1) * p + 0.5)] }
	END {
		done()
		if (!nm) { print "  no machine steps measured"; exit 1 }
		sort(m, nm); sort(l, nm); sort(h, nh)
		printf "  key -> verified screen, machine steps: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 50 ms)\n",
		       nm, pct(m, nm, 0.5), pct(m, nm, 0.99), m[nm - 1]
		printf "    of it, key -> halted, read and verified: p50 %.1f ms, p99 %.1f ms\n",
		       pct(l, nm, 0.5), pct(l, nm, 0.99)
		if (nh)
			printf "  key -> screen, steps through the trace: %d, p50 %.1f ms, p99 %.1f ms\n",
			       nh, pct(h, nh, 0.5), pct(h, nh, 0.99)
	}' "$T/lat"
