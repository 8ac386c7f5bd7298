#!/bin/sh
# record_output.sh - `mmscope record -o` where the trace cannot be
# written: a directory that does not exist, a read-only file system (a
# tmpfs mounted ro), a file system that is full from the start (the
# header does not fit), and one that fills up during the run (a 64 KiB
# tmpfs under flood).  Each gives a clear error naming the path and a
# failing exit status, leaves no QEMU running (QEMU is started through a
# wrapper, $MMSCOPE_QEMU, that notes its pid), and when the file system
# fills up during the run, what was written before is a readable trace.
# The file systems are mounted, so this needs root (tests run as root);
# without mount the three mount cases are skipped, saying why.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/record_output.$$
mkdir -p "$T"
MNT="$T/ro $T/full $T/fills"
cleanup() {
	for m in $MNT; do
		mountpoint -q "$m" 2>/dev/null && umount "$m"
	done
	rm -rf "$T"
}
trap cleanup EXIT
. "$(dirname "$0")/../tap.inc"
skip() {	# skip DESCRIPTION WHY
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
echo 1..12

# QEMU, noting its pid (exec keeps it) and that it ran (a wrapper stopped
# before it ran never starts QEMU)
cat >"$T/qemu" <<EOF
#!/bin/sh
echo \$\$ >>"$T/qemu.pids"
exec qemu-system-i386 "\$@"
EOF
chmod +x "$T/qemu"
export MMSCOPE_QEMU="$T/qemu"

# record NAME SCENARIO PATH [OPTION...]: $rc, $T/NAME.err
record() {
	name=$1 scen=$2 path=$3
	shift 3
	rm -f "$T/qemu.pids"
	"$MMSCOPE" record "$scen" -o "$path" --kernel "$KERNEL" --timeout 60 "$@" \
		>"$T/$name.out" 2>"$T/$name.err"
	rc=$?
}

# no_qemu_left: every QEMU the wrapper started has exited
no_qemu_left() {
	[ -s "$T/qemu.pids" ] || return 0
	for p in $(cat "$T/qemu.pids"); do
		kill -0 "$p" 2>/dev/null && return 1
	done
	return 0
}

record nodir boot "$T/no/such/dir/boot.mmt"
ok $([ $rc -eq 2 ] && grep -q "$T/no/such/dir/boot.mmt: No such file or directory: the directory $T/no/such/dir does not exist" "$T/nodir.err"; echo $?) \
	"a missing directory: exit 2, the path and the directory that does not exist" \
	"exit $rc: $(cat "$T/nodir.err")"
ok $([ ! -e "$T/qemu.pids" ]; echo $?) "a missing directory: QEMU is not started"

if ! mkdir -p $MNT || ! mount -t tmpfs -o ro,size=64k tmpfs "$T/ro" 2>"$T/mount.err"; then
	why="cannot mount a tmpfs: $(head -1 "$T/mount.err")"
	for d in "read-only" "read-only: no QEMU" "full at the start" \
		"full at the start: QEMU stopped" "fills up" "fills up: QEMU stopped" \
		"fills up: the trace so far reads" "fills up: its first events" \
		"fills up: it is cut short, not damaged" "fills up: check reads it"; do
		skip "$d" "$why"
	done
	exit 0
fi

record ro boot "$T/ro/boot.mmt"
ok $([ $rc -eq 2 ] && grep -q "$T/ro/boot.mmt: Read-only file system" "$T/ro.err"; echo $?) \
	"a read-only file system: exit 2, the path and why" "exit $rc: $(cat "$T/ro.err")"
ok $([ ! -e "$T/qemu.pids" ]; echo $?) "a read-only file system: QEMU is not started"

# full from the start: the trace can be created, its header cannot be written
mount -t tmpfs -o size=64k tmpfs "$T/full"
dd if=/dev/zero of="$T/full/filler" bs=4k count=64 2>/dev/null
record full boot "$T/full/boot.mmt"
ok $([ $rc -eq 1 ] && grep -q "$T/full/boot.mmt: cannot write the trace header: No space left on device" "$T/full.err"; echo $?) \
	"a full file system: exit 1, the path and why" "exit $rc: $(cat "$T/full.err")"
ok $(grep -q "QEMU stopped" "$T/full.err" && no_qemu_left; echo $?) \
	"a full file system: the QEMU that was started is stopped"

# fills up during the run: flood sends ~320 KiB
mount -t tmpfs -o size=64k tmpfs "$T/fills"
record fills flood "$T/fills/flood.mmt" --count 20000
ok $([ $rc -eq 1 ] && grep -q "$T/fills/flood.mmt: cannot write the trace: No space left on device" "$T/fills.err" &&
	grep -q "the trace so far is in $T/fills/flood.mmt" "$T/fills.err"; echo $?) \
	"the file system fills up: exit 1, the path, why, and where the trace so far is" \
	"exit $rc: $(cat "$T/fills.err")"
ok $(grep -q "QEMU stopped" "$T/fills.err" && no_qemu_left; echo $?) \
	"the file system fills up: QEMU is stopped"
"$MMSCOPE" dump --json "$T/fills/flood.mmt" >"$T/fills.json" 2>"$T/dump.err"
drc=$?
events=$(wc -l <"$T/fills.json")
ok $([ $drc -eq 0 ] && [ "$events" -gt 1000 ]; echo $?) \
	"the file system fills up: the trace so far reads ($events events)" \
	"dump exit $drc: $(cat "$T/dump.err")"
ok $(head -2 "$T/fills.json" | grep -c '"type":"stream"\|"type":"boot"' | grep -qx 2; echo $?) \
	"the file system fills up: its first events are STREAM and BOOT"
ok $(grep -q "ends inside a frame" "$T/dump.err" && ! grep -q "garbage\|bad CRC" "$T/dump.err"; echo $?) \
	"the file system fills up: the trace is cut short, not damaged" "$(cat "$T/dump.err")"
"$MMSCOPE" check "$T/fills/flood.mmt" >"$T/check.out" 2>&1
ok $(grep -q "^FAIL .*flood.mmt: [0-9]* events, 0 rule violations, damaged" "$T/check.out" &&
	grep -q "the trace ends after event [0-9]* without END" "$T/check.out"; echo $?) \
	"the file system fills up: check reads the trace to its cut, breaks no rule, and says it is cut" \
	"$(cat "$T/check.out")"
