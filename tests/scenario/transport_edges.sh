#!/bin/sh
# transport_edges.sh - the trace's two lines, COM2 and virtio-serial,
# at their edges: overflow mode counts what it drops on both; the trace
# header and --stats name the transport; a QEMU without the virtio
# device ends the run at once with exit status 2 and the kernel's words
# for what is missing; bad transport names, from --transport or
# $MMSCOPE_TRANSPORT, are usage errors, and the variable sets the
# default; check --run and verify run over virtio.
. "$(dirname "$0")/lib.inc"
echo 1..9

# overflow mode: flood emits as many events as without it (a lossless
# run counts them); each arrives or is counted by a LOST record
record lossless flood --count 20000 --transport virtio
all=$($CHECK tally "$T/lossless.json" | awk '$4 == 0 { print $2 }')
for t in com2 virtio; do
	record "over.$t" flood --count 20000 --trace-mode overflow --transport $t
	got=$($CHECK tally "$T/over.$t.json")
	gaps=$(grep -c '"diag":"gap"' "$T/over.$t.json")
	ok $([ $rc -eq 0 ] && [ $gaps -eq 0 ] && [ -n "$all" ] &&
		echo "$got" | awk -v all="$all" '{ exit !($2 + $4 == all && $4 > 0) }'; echo $?) \
		"overflow mode over $t: the $all events arrive or are counted lost ($got), no gap" \
		"rc $rc, $gaps gaps, $got; lossless: $($CHECK tally "$T/lossless.json")"
done

# the trace header and --stats name the transport
"$MMSCOPE" dump --stats "$T/over.virtio.mmt" 2>"$T/stats.virtio" >/dev/null
"$MMSCOPE" dump --stats "$T/over.com2.mmt" 2>"$T/stats.com2" >/dev/null
grep -qx "transport: virtio" "$T/stats.virtio" && grep -qx "transport: com2" "$T/stats.com2" &&
	grep -aq 'transport=virtio.*virtserialport,chardev=mmtrace,nr=1' "$T/over.virtio.mmt"
ok $? "the trace header records the transport (flag, command line, QEMU options)" \
	"$(grep transport "$T/stats.virtio" "$T/stats.com2" | tr '\n' ' ')"

# a QEMU without the virtio device: the kernel says so, through COM2
cat >"$T/qemu-novirtio" <<'EOF'
#!/usr/bin/env python3
# qemu-system-i386 without the virtio-serial devices mmscope asks for
import os, sys
a, out = sys.argv[1:], []
while a:
    if a[0] == "-device" and len(a) > 1 and \
            a[1].split(",")[0] in ("virtio-serial-pci", "virtserialport"):
        a = a[2:]
        continue
    out.append(a.pop(0))
os.execvp("qemu-system-i386", ["qemu-system-i386"] + out)
EOF
chmod +x "$T/qemu-novirtio"
MMSCOPE_QEMU="$T/qemu-novirtio" "$MMSCOPE" record boot --transport virtio -o "$T/nodev.mmt" \
	--kernel "$KERNEL" --timeout 60 2>"$T/nodev.err"
rc=$?
ok $([ $rc -eq 2 ] && grep -q "rejected its command line '.*transport=virtio': transport=virtio: no virtio-serial-pci device; QEMU needs -device virtio-serial-pci -device virtserialport,nr=1" "$T/nodev.err"; echo $?) \
	"no virtio device: exit 2, the kernel names what QEMU lacks, no hang" \
	"rc $rc: $(head -2 "$T/nodev.err" | tr '\n' ' ')"

"$MMSCOPE" record boot --transport serial -o "$T/bad.mmt" --kernel "$KERNEL" 2>"$T/bad.err"
rc=$?
ok $([ $rc -eq 2 ] && grep -q "bad --transport 'serial': com2 or virtio" "$T/bad.err"; echo $?) \
	"record --transport serial: exit 2, the accepted names" "rc $rc: $(cat "$T/bad.err")"
MMSCOPE_TRANSPORT=usb "$MMSCOPE" record boot -o "$T/bad.mmt" --kernel "$KERNEL" 2>"$T/env.err"
rc=$?
ok $([ $rc -eq 2 ] && grep -q "bad \$MMSCOPE_TRANSPORT 'usb': com2 or virtio" "$T/env.err"; echo $?) \
	"MMSCOPE_TRANSPORT=usb: exit 2, naming the variable" "rc $rc: $(cat "$T/env.err")"
MMSCOPE_TRANSPORT=virtio "$MMSCOPE" record boot -o "$T/env.mmt" --kernel "$KERNEL" 2>/dev/null
"$MMSCOPE" dump --stats "$T/env.mmt" 2>&1 >/dev/null | grep -qx "transport: virtio"
ok $? "MMSCOPE_TRANSPORT=virtio is the default transport"

SPEC=$(dirname "$0")/../../samples/use_mm.expect
"$MMSCOPE" check --run use_mm --transport virtio --expect "$SPEC" --kernel "$KERNEL" \
	>"$T/check.out" 2>&1
ok $? "check --run use_mm --transport virtio passes its expect file" "$(tail -2 "$T/check.out")"

"$MMSCOPE" verify tlb_shootdown --smp 3 --at leave_mm --halts 2 --transport virtio \
	--kernel "$KERNEL" --timeout 60 >"$T/verify.out" 2>&1
ok $? "verify tlb_shootdown --transport virtio: the halts verified" "$(tail -2 "$T/verify.out")"
