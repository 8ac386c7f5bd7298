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

# wait_log FILE REGEX SECONDS: until a line of FILE matches
wait_log() {
	tries=$(($3 * 20))
	until grep -Eq "$2" "$1" 2>/dev/null; do
		tries=$((tries - 1))
		[ $tries -le 0 ] && return 1
		sleep 0.05
	done
}

# live NAME ENV ARGS...: mmscope run ARGS in a terminal, until the input
# has ended and a frame was drawn after it; then q.
live() {
	name=$1 env=$2
	shift 2
	$TM kill-session -t b 2>/dev/null
	$TM new-session -d -s b -x 120 -y 40 "env LANG=C.UTF-8 $env \
		$MMSCOPE run $* --kernel $KERNEL --record $T/$name.mmt \
		--latency-log $T/$name.lat 2>$T/$name.err; sleep 60"
	wait_log "$T/$name.lat" '^end ' 300 || { echo "$name: no end" >&2; return 1; }
	sleep 0.2			# a frame or two after the end
	$TM send-keys -t b q
	wait_log "$T/$name.lat" '^quit ' 10
}

# figures NAME: the latencies and how far behind, from the logs
figures() {
	"$MMSCOPE" dump --json "$T/$1.mmt" 2>/dev/null | python3 -c '
import json, sys
name, lat = sys.argv[1], sys.argv[2]
ts, khz = {}, 0
for l in sys.stdin:
    e = json.loads(l)
    if "diag" in e:
        continue
    ts[e["n"]] = e["ts"]
    if e["type"] == "stream":
        khz = e["tsc_khz"]
arrive, frames, end = {}, [], None
for l in open(lat):
    w = l.split()
    if w[0] == "arrive":
        for n in range(int(w[1]), int(w[2])):
            arrive[n] = int(w[3])
    elif w[0] == "frame":
        frames.append(tuple(int(x) for x in w[1:5]))
    elif w[0] == "end":
        end = (int(w[1]), int(w[2]))
shown, top = {}, -1
for ns, cur, count, us in frames:
    for n in range(top + 1, cur + 1):
        shown[n] = ns
    top = max(top, cur)
def pct(v, p, scale=1e6):
    v = sorted(v)
    return v[min(len(v) - 1, int(p * len(v)))] / scale if v else float("nan")
def line(what, v, scale=1e6, unit="ms"):
    print("    %-34s p50 %6.1f %s   p99 %6.1f %s" % (what, pct(v, .5, scale),
          unit, pct(v, .99, scale), unit))
rs = [shown[n] - arrive[n] for n in shown if n in arrive]
ks, kr = [], []
if khz:
    guest = {n: ts[n] * 1e6 / khz for n in ts}      # ns
    off = min(arrive[n] - guest[n] for n in arrive if n in guest)
    ks = [shown[n] - (guest[n] + off) for n in shown if n in guest]
    kr = [arrive[n] - (guest[n] + off) for n in arrive if n in guest]
at_end = [f for f in frames if f[0] <= end[0]]
after = [f for f in frames if f[0] > end[0]]
gaps = [b[0] - a[0] for a, b in zip(frames, frames[1:]) if b[0] <= end[0]]
span = (at_end[-1][0] - frames[0][0]) / 1e9 if len(at_end) > 1 else 0
print("  %s: %d events, %d frames (%.0f a second while the stream ran)" %
      (name, len(ts), len(frames), len(at_end) / span if span else 0))
line("read -> on screen (mmscope)", rs)
line("kernel -> read (ring, UART, QEMU)", kr)
line("kernel -> on screen", ks)
line("time between frames", gaps)
line("drawing a frame", [f[3] for f in frames], 1e3)
print("    behind the tail: %d events when the stream ended, %d one redraw "
      "later" % (end[1] - 1 - (at_end[-1][1] if at_end else -1),
                 end[1] - 1 - after[0][1] if after else -1))
' "$1" "$T/$1.lat"
}

# idle_cpu: mmscope's CPU time while a (stand-in) QEMU sends nothing
idle_cpu() {
	$TM kill-session -t b 2>/dev/null
	"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>/dev/null
	$TM new-session -d -s b -x 120 -y 40 "sh -c 'echo \$\$ >$T/pid; \
		exec env MMSCOPE_QEMU=$FAKE FAKE_TRACE=$T/lec.mmt FAKE_IDLE=8 \
		$MMSCOPE run lecture --kernel $KERNEL \
		--latency-log $T/idle.lat'; sleep 60"
	wait_log "$T/idle.lat" '^frame [0-9]+ 415 ' 10 || return 1
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
