#!/bin/sh
# lifecycle.sh - what tracing costs the kernel, and how fast it forks.
#
# From the flood scenario's STAT records: cycles of one MARK emit against
# the same loop without it, and of one mmgrab or mmdrop with tracing on
# against tracing off (the difference is what one MM_REF record costs a
# real reference operation; target: under 200 cycles when the ring has
# room).  From bench_fork: fork + exit + wait round trips per second in
# the guest, lossless (every event reaches COM2, whose speed bounds the
# rate) and in overflow mode (events dropped when the ring is full,
# counted by LOST records).  A benchmark: it prints figures and fails
# only if a run fails.
#
# Environment (set by `scons bench`): MMSCOPE, KERNEL.
set -eu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
FORKS=2000

# stat TRACE NAME: the value of the STAT record NAME
stat() {
	"$MMSCOPE" dump --json "$1" | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e.get("type") == "stat" and e.get("name") == sys.argv[1]:
        print(e["value"])' "$2"
}

x100() {
	awk -v v="$1" 'BEGIN { printf "%.2f", v / 100 }'
}

run() {	# run NAME SCENARIO OPTION...
	name=$1
	shift
	"$MMSCOPE" record "$@" -o "$T/$name.mmt" --kernel "$KERNEL" --timeout 300 \
		2>"$T/$name.err" || { cat "$T/$name.err" >&2; exit 1; }
}

run flood flood --count 1000
run fork bench_fork --count $FORKS
run fork_overflow bench_fork --count $FORKS --trace-mode overflow

emit=$(stat "$T/flood.mmt" emit_cycles_x100)
on=$(stat "$T/flood.mmt" ref_on_cycles_x100)
off=$(stat "$T/flood.mmt" ref_off_cycles_x100)
echo "Kernel tracing cost (guest TSC cycles, ring with room, fastest of 5 loops):"
printf "  %-52s %s\n" \
	"one MARK emit (loop with emit minus loop without):" "$(x100 "$emit")" \
	"mmgrab or mmdrop, tracing on:" "$(x100 "$on")" \
	"mmgrab or mmdrop, tracing off:" "$(x100 "$off")" \
	"one MM_REF record in a reference operation (on - off):" "$(x100 $((on - off)))"
echo "fork + exit + wait round trips per second ($FORKS, guest TSC):"
printf "  %-52s %s\n" \
	"tracing lossless (COM2 paces the guest):" "$(stat "$T/fork.mmt" fork_exit_wait_per_sec)" \
	"tracing in overflow mode (full ring: events dropped):" \
	"$(stat "$T/fork_overflow.mmt" fork_exit_wait_per_sec)"
