#!/bin/sh
# record_boot.sh - the kernel booted headless by `mmscope record`, its trace
# read back by `mmscope dump --json`: STREAM, BOOT, CPU_ONLINE, END ok,
# per-CPU sequence numbers from 0 without gaps, symbolised addresses; an
# unknown scenario lists the known ones; `mmscope scenarios` lists boot and
# flood; a kernel panic is reported symbolised with exit status 1.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/record_boot.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/../tap.inc"
echo 1..14

"$MMSCOPE" record boot -o "$T/boot.mmt" --kernel "$KERNEL" --timeout 60 \
	2>"$T/record.err"
ok $? "mmscope record boot exits 0"
grep -q "recorded [1-9][0-9]* events of scenario boot" "$T/record.err"
ok $? "record says how many events it saved"
test -s "$T/boot.mmt.log"
ok $? "the console went to boot.mmt.log"
"$MMSCOPE" dump --json "$T/boot.mmt" >"$T/boot.json" 2>"$T/dump.err"
ok $? "mmscope dump --json exits 0"

# The JSON checks, one TAP line each, numbered from $n + 1.
python3 - "$T/boot.json" "$n" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
n = int(sys.argv[2])
ev = [r for r in rows if "diag" not in r]
def ok(cond, what):
    global n
    n += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, what))
s = ev[0] if ev else {}
ok(s.get("type") == "stream" and s.get("magic") == 0x43534d4d and
   s.get("version") == 1, "the first event is STREAM, magic MMSC, version 1")
boot = [r for r in ev if r["type"] == "boot"]
ok(len(boot) == 1 and boot[0]["scenario"] == "boot" and
   boot[0]["era"] == "2.6.32", "one BOOT: scenario boot, era 2.6.32")
online = sorted(r["cpu"] for r in ev if r["type"] == "cpu_online")
ok(online == list(range(s.get("ncpu", 0))) and online,
   "CPU_ONLINE for each of the %s CPUs" % s.get("ncpu"))
ok(ev and ev[-1]["type"] == "end" and ev[-1]["status"] == "ok",
   "the last event is END with status ok")
seqs = {}
for r in ev:
    seqs.setdefault(r["cpu"], []).append(r["seq"])
ok(seqs and all(sorted(v) == list(range(len(v))) for v in seqs.values())
   and not [r for r in rows if "diag" in r],
   "per-CPU seq numbers from 0 without gaps, no diagnostics")
syms = [(k, v, r.get(k[:-4])) for r in ev for k, v in r.items()
        if k.endswith("_sym")]
ok(all(v or not a for k, v, a in syms),
   "every non-zero address symbolised (%d addresses)" % len(syms))
PY
n=$((n + 6))

"$MMSCOPE" record nosuch -o "$T/x.mmt" --kernel "$KERNEL" 2>"$T/nosuch.err"
rc=$?
grep -q "unknown scenario 'nosuch'" "$T/nosuch.err" &&
	grep -q "^boot " "$T/nosuch.err" && grep -q "^flood " "$T/nosuch.err"
ok $(( $? || rc != 2 )) "record nosuch: exit 2 and the known scenarios listed"

"$MMSCOPE" scenarios --kernel "$KERNEL" >"$T/scen.out"
rc=$?
grep -q "^boot " "$T/scen.out" && grep -q "^flood " "$T/scen.out"
ok $(( $? || rc != 0 )) "mmscope scenarios lists boot and flood"

if grep -q "^panic " "$T/scen.out"; then
	"$MMSCOPE" record panic -o "$T/panic.mmt" --kernel "$KERNEL" \
		2>"$T/panic.err"
	rc=$?
	grep -q "kernel panic on cpu 0" "$T/panic.err"
	ok $(( $? || rc != 1 )) "record panic: exit 1, 'kernel panic' reported"
	"$MMSCOPE" dump --json "$T/panic.mmt" |
		grep '"type":"panic"' | grep -q '"eip_sym":"[A-Za-z_0-9]*+0x[0-9a-f]* ([A-Za-z_0-9]*\.c:[0-9]*)"'
	ok $? "the PANIC record's eip is symbolised as function+0xoff (file.c:line)"
else
	ok 0 "# SKIP the kernel has no panic scenario"
	ok 0 "# SKIP the kernel has no panic scenario"
fi
