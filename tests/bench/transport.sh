#!/bin/sh
# transport.sh - COM2 against virtio-serial (--transport virtio), side by
# side in one table (issue 15's targets in brackets):
#
#   flood: 100000 MARK records as fast as the lossless ring lets them
#     through: events/s and MB/s on the wire by the host's wall clock,
#     first to last arrival [virtio >= 10x COM2];
#   smp_stress, count=5000 mm lifetimes, on 1, 2 and 4 CPUs: wall time
#     from starting QEMU to its exit [virtio >= 3x faster on 4 CPUs];
#   live: flood in `mmscope run` (120x40, tmux), kernel event to screen,
#     p50 and p99 [virtio p99 <= 50 ms];
#   where one flood event's time goes: the guest's emit (STAT
#     emit_cycles_x100), packing it into a frame (copy, CRC-32C, COBS:
#     STAT pack_cycles), handing batches to the line (the UART's exits,
#     or QEMU copying a batch into the pipe: STAT line_cycles), mmscope
#     reading and writing (its system CPU) and decoding (its user CPU),
#     and the wall clock per event.
#
# The host's cores and load come first: QEMU runs each vCPU on a host
# thread, so a busy host slows every figure.  A benchmark: it prints
# figures and fails only if a run fails.
#
# Environment (set by `scons bench`): MMSCOPE, KERNEL.
set -u
T=$(mktemp -d)
TM="tmux -L mmscope-transport-$$ -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$0")/live.inc"
FLOOD=100000
COUNT=5000

# record NAME ARGS...: mmscope record --stats to $T/NAME.stats, and the
# wall time from start to exit at its end
record() {
	name=$1
	shift
	t0=$(date +%s.%N)
	"$MMSCOPE" record "$@" -o "$T/$name.mmt" --kernel "$KERNEL" --timeout 300 \
		--stats 2>"$T/$name.stats" || {
		echo "mmscope record $*:" >&2
		cat "$T/$name.stats" >&2
		exit 1
	}
	echo "wall: $(echo "$(date +%s.%N) $t0" | awk '{ print $1 - $2 }')" >>"$T/$name.stats"
	"$MMSCOPE" dump --json "$T/$name.mmt" 2>/dev/null | head -n 1 |
		sed -n 's/.*"tsc_khz":\([0-9]*\).*/tsc_khz: \1/p' >>"$T/$name.stats"
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for t in com2 virtio; do
	record "flood.$t" flood --count $FLOOD --transport $t
done
for smp in 1 2 4; do
	for t in com2 virtio; do
		record "stress$smp.$t" smp_stress --smp $smp --count $COUNT --transport $t
	done
done
for t in com2 virtio; do
	live "live.$t" "" flood --count $FLOOD --transport $t || exit 1
	figures "live.$t" brief >"$T/live.$t.p"
done

python3 - "$T" "$(nproc)" "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)" \
	"$FLOOD" "$COUNT" <<'PY'
import sys
T, cores, load0, load1, flood, count = sys.argv[1:]

def stats(name):
    d = {}
    for l in open("%s/%s.stats" % (T, name)):
        k, sep, v = l.partition(": ")
        if sep and k not in d:
            d[k] = v.split()[0] if k != "mmscope cpu time" else v
    return d

def row(what, a, b, r=""):
    print("  %-46s %12s %12s %14s" % (what, a, b, r))

print("Transports: COM2 against virtio-serial (host: %s cores, load %s)" % (cores, load0))
row("", "COM2", "virtio", "virtio/COM2")
f = {t: stats("flood." + t) for t in ("com2", "virtio")}
ev = {t: float(f[t]["events/s (wall clock)"]) for t in f}
mb = {t: float(f[t]["wire bytes"]) / float(f[t]["span (wall clock)"]) / 1e6 for t in f}
row("flood %s marks: events/s" % flood, "%.0f" % ev["com2"], "%.0f" % ev["virtio"],
    "%.1fx" % (ev["virtio"] / ev["com2"]))
row("flood: MB/s on the wire", "%.2f" % mb["com2"], "%.2f" % mb["virtio"],
    "%.1fx" % (mb["virtio"] / mb["com2"]))
for smp in (1, 2, 4):
    w = {t: float(stats("stress%d.%s" % (smp, t))["wall"]) for t in ("com2", "virtio")}
    row("smp_stress %s lifetimes, %d CPU%s: wall s" % (count, smp, "s" if smp > 1 else ""),
        "%.2f" % w["com2"], "%.2f" % w["virtio"], "%.1fx faster" % (w["com2"] / w["virtio"]))
lat = {t: open("%s/live.%s.p" % (T, t)).read().split() for t in ("com2", "virtio")}
row("live flood, kernel -> screen p50 ms", lat["com2"][0], lat["virtio"][0])
row("live flood, kernel -> screen p99 ms", lat["com2"][1], lat["virtio"][1])

print("Where one flood event's time goes (ns per event)")
ns = {}
for t in f:
    s, khz = f[t], float(f[t]["tsc_khz"])
    n, recs = float(s["events"]), float(s["stat drain_records"])
    cpu = s["mmscope cpu time"].split()
    ns[t] = [float(s["stat emit_cycles_x100"]) / 100 / khz * 1e6,
             float(s["stat pack_cycles"]) / recs / khz * 1e6,
             float(s["stat line_cycles"]) / recs / khz * 1e6,
             float(cpu[3]) / n * 1e9, float(cpu[0]) / n * 1e9, 1e9 / ev[t]]
for i, what in enumerate(("guest: emit a record into the ring",
                          "guest: pack it (copy, CRC-32C, COBS)",
                          "line: UART exits / QEMU takes the batch",
                          "host: mmscope reads, writes (system CPU)",
                          "host: mmscope decodes (user CPU)",
                          "wall clock per event")):
    row(what, "%.0f" % ns["com2"][i], "%.0f" % ns["virtio"][i])
print("(host load at the end: %s)" % load1)
PY
