#!/bin/sh
# scons_qemu.sh - `scons qemu` and `scons qemu-gdb`, the kernel alone for
# kernel hackers: they boot the scenario on its own CPU count (the CPUS
# of `mmscope scenarios`) unless SMP= says otherwise, refuse an unknown
# scenario or a bad SMP= before QEMU starts, write COM2 as a trace that
# `mmscope dump` reads, and qemu-gdb's gdbstub listens on 127.0.0.1 only.
#
# Runs scons in the source tree this script belongs to, with its own
# QEMU_TRACE and a free GDBPORT, so that it clobbers nothing of the
# user's and runs beside other tests.
#
# Environment (set by tests/runtests.py): MMSCOPE, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/scons_qemu.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../tap.inc"
echo 1..11

# qemu NAME ARGS...: scons qemu ARGS with the trace in $T/NAME.mmt, its
# output in $T/NAME.out, its JSON dump in $T/NAME.json; $rc is scons's
# exit status
qemu() {
	name=$1
	shift
	timeout 120 scons -Q -C "$SRC" qemu QEMU_TRACE="$T/$name.mmt" "$@" \
		</dev/null >"$T/$name.out" 2>&1
	rc=$?
	"$MMSCOPE" dump --json "$T/$name.mmt" >"$T/$name.json" 2>"$T/$name.err"
}

# field TYPE KEY FILE: KEY of the first TYPE record in a JSON dump
field() {
	python3 -c 'import json, sys
for line in open(sys.argv[3]):
    e = json.loads(line)
    if e.get("type") == sys.argv[1]:
        print(e[sys.argv[2]]); break' "$1" "$2" "$3" 2>/dev/null
}

# online NAME: the CPUs the kernel brought up, from its console
online() {
	sed -n 's/^smp: \([0-9]*\) cpus* online.*/\1/p' "$T/$1.out" | head -1
}

qemu boot SCENARIO=boot
[ $rc -eq 0 ] && [ "$(online boot)" = 1 ] &&
	grep -q '^\*\*\* boot on 1 CPU; the trace: mmscope dump' "$T/boot.out"
ok $? "scons qemu SCENARIO=boot: 1 CPU, the scenario's own count" \
	"scons exit $rc, $(online boot) online; $(tail -2 "$T/boot.out" | tr '\n' ' ')"

qemu cross SCENARIO=cross_cpu_exit
[ $rc -eq 0 ] && [ "$(online cross)" = 2 ] && grep -q 'QEMU exit status 33 ' "$T/cross.out"
ok $? "scons qemu SCENARIO=cross_cpu_exit: 2 CPUs, the scenario's own count, status 33" \
	"scons exit $rc, $(online cross) online; $(tail -1 "$T/cross.out")"

# The trace of the cross_cpu_exit run, read like any recorded trace
[ ! -s "$T/cross.err" ] && [ "$(field end status "$T/cross.json")" = ok ] &&
	[ "$(field stream ncpu "$T/cross.json")" = 2 ] &&
	grep -q '"caller_sym":"[a-z_]*+0x' "$T/cross.json"
ok $? "scons qemu's trace: mmscope dump reads it, 2 CPUs to END ok, symbolised, no warning" \
	"$(head -2 "$T/cross.err")"
"$MMSCOPE" check "$T/cross.mmt" >"$T/check.out" 2>&1
ok $? "scons qemu's trace: mmscope check passes it" "$(tail -2 "$T/check.out")"

qemu smp3 SCENARIO=boot SMP=3
[ $rc -eq 0 ] && [ "$(online smp3)" = 3 ]
ok $? "scons qemu SCENARIO=boot SMP=3: SMP= wins" "scons exit $rc, $(online smp3) online"

qemu nosuch SCENARIO=nosuch
[ $rc -ne 0 ] && grep -q 'SCENARIO=nosuch: the kernel has no such scenario; known: boot ' \
	"$T/nosuch.out" && ! grep -q 'QEMU exit status' "$T/nosuch.out"
ok $? "scons qemu SCENARIO=nosuch: refused before QEMU starts, the known ones named" \
	"scons exit $rc: $(head -3 "$T/nosuch.out" | tr '\n' ' ')"

qemu smp9 SCENARIO=boot SMP=9
[ $rc -ne 0 ] && grep -q 'SMP=9: CPUs are 1 to 8' "$T/smp9.out"
ok $? "scons qemu SMP=9: refused, the range named" "scons exit $rc: $(head -2 "$T/smp9.out")"

# qemu-gdb: halted until a debugger attaches; its gdbstub on a free port
port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 120 scons -Q -C "$SRC" qemu-gdb QEMU_TRACE="$T/gdb.mmt" SCENARIO=boot \
	GDBPORT="$port" \
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
"$MMSCOPE" dump "$T/gdb.mmt" >"$T/gdbdump.out" 2>&1
ok $? "scons qemu-gdb, halted: its trace is already one mmscope dump reads" \
	"$(head -2 "$T/gdbdump.out")"
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
[ $rc -eq 0 ] && grep -q 'QEMU exit status' "$T/gdb.out"
ok $? "scons qemu-gdb: gdb's kill ends QEMU and scons" \
	"scons exit $rc: $(tail -2 "$T/gdb.out" | tr '\n' ' ')"

# Should QEMU outlive a failure above, stop it: it is ours, found by its port
pid=$(ss -Hltnp "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
[ -n "$pid" ] && kill "$pid"
exit 0
