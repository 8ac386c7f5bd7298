#!/bin/sh
# scons_qemu.sh - `scons qemu-gdb`, the kernel alone for kernel hackers:
# its gdbstub listens on 127.0.0.1 only.
#
# Runs scons in the source tree this script belongs to, with a free
# GDBPORT, so that it runs beside other tests.
#
# Environment (set by tests/runtests.py): MMSCOPE, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/scons_qemu.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
SRC=$(cd "$(dirname "$0")/../.." && pwd)
n=0
ok() {	# ok STATUS DESCRIPTION [WHY]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && echo "# $3"
	fi
}
echo 1..3

# qemu-gdb: halted until a debugger attaches; its gdbstub on a free port
port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 120 scons -Q -C "$SRC" qemu-gdb SCENARIO=boot SMP=1 GDBPORT="$port" \
	</dev/null >"$T/gdb.out" 2>&1 &
scons_pid=$!
listening=""
for i in $(seq 1 300); do
	listening=$(ss -Hltn "sport = :$port" | awk '{ print $4 }' | sort -u | tr '\n' ' ')
	[ -n "$listening" ] && break
	sleep 0.1
done
[ "$listening" = "127.0.0.1:$port " ]
ok $? "scons qemu-gdb: the gdbstub listens on 127.0.0.1:$port and nowhere else" \
	"listening on '$listening'"
grep -q "target remote 127.0.0.1:$port" "$T/gdb.out"
ok $? "scons qemu-gdb says how to attach gdb" "$(head -3 "$T/gdb.out")"

# A debugger's kill request (RSP 'k') ends QEMU, and so scons
python3 - "$port" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(b"$k#6b")
s.settimeout(10)
try:
    while s.recv(64):
        pass
except OSError:
    pass
PY
wait $scons_pid
rc=$?
[ $rc -eq 0 ]
ok $? "scons qemu-gdb: gdb's kill ends QEMU and scons" \
	"scons exit $rc: $(tail -2 "$T/gdb.out" | tr '\n' ' ')"

# Should QEMU outlive a failure above, stop it: it is ours, found by its port
pid=$(ss -Hltnp "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
[ -n "$pid" ] && kill "$pid"
exit 0
