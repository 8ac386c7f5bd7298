#!/bin/sh
# tui.sh - how the live TUI keeps up (issue 6's figures).
#
# `mmscope run` in a private tmux terminal (120x40) with --latency-log,
# which writes when each batch of events was committed ("arrive FROM TO
# NS") and each frame drawn ("frame NS CURSOR COUNT"), and --record, for
# the events' own timestamps.  From those:
#
#   event-to-screen latency, p50 and p99 (target p99 <= 50 ms):
#     read->screen    from the moment mmscope read an event to the end of
#                     the first frame that showed it (exact);
#     kernel->screen  from the event's TSC timestamp to that frame, the
#                     guest clock aligned to the host's by the fastest
#                     event (which is taken to have waited 0), so it also
#                     counts QEMU, the pipe and mmscope's read batching;
#   keeping up: events behind the tail when the stream ended and one
#     redraw later (target 0), for a flood of MARK records at COM2's full
#     speed and for bench_fork (fork+exit+wait round trips);
#   idle: mmscope's CPU use while QEMU runs and sends nothing (a stand-in
#     QEMU, tests/tui/fakeqemu, that sends the lecture and then idles).
#
# A benchmark: it prints figures and fails only if a run fails.
# Environment (set by `scons bench`): MMSCOPE, KERNEL.
set -u
T=$(mktemp -d)
TM="tmux -L mmscope-bench-$$ -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT
FAKE=$(cd "$(dirname "$0")/../tui" && pwd)/fakeqemu

. "$(dirname "$0")/live.inc"

# idle_cpu: mmscope's CPU time while a (stand-in) QEMU sends nothing
idle_cpu() {
	$TM kill-session -t b 2>/dev/null
	"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>/dev/null
	$TM new-session -d -s b -x 120 -y 40 "sh -c 'echo \$\$ >$T/pid; \
		exec env MMSCOPE_QEMU=$FAKE FAKE_TRACE=$T/lec.mmt FAKE_IDLE=8 \
		$MMSCOPE run lecture --kernel $KERNEL \
		--latency-log $T/idle.lat'; sleep 60"
	$TM set-option -s exit-empty off	# the next kill-session keeps it
	last=$("$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null |
		sed -n 's/^{"n":\([0-9]*\),.*/\1/p' | tail -n 1)
	wait_log "$T/idle.lat" "^frame [0-9]+ $last " 10 || {
		echo "  idle: the TUI never showed event $last, the trace's last" >&2
		return 1
	}
	sleep 1
	pid=$(cat "$T/pid")
	t0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
	sleep 5
	t1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
	hz=$(getconf CLK_TCK)
	echo "  idle (QEMU alive, no events) for 5 s: mmscope used" \
		"$(echo "$t0 $t1 $hz" | awk '{ printf "%.2f s of CPU, %.2f%% of a core",
		($2 - $1) / $3, ($2 - $1) / $3 / 5 * 100 }')"
	$TM send-keys -t b q
}

echo "TUI, live (mmscope run, 120x40, redraws at most every 33 ms):"
live lecture "" lecture && figures lecture
live forks "" bench_fork --count 2000 && figures forks
live flood "" flood --count 100000 && figures flood
idle_cpu
