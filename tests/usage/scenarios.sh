#!/bin/sh
# scenarios.sh - the machine-readable forms of `mmscope scenarios`, which
# the shell's completion reads: --names is the table's first column, one
# name a line; --bugs the faults record --help lists, no kernel needed.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
set -u
: "${MMSCOPE:?}" "${KERNEL:?}" "${TEST_TMPDIR:?}"
T=$TEST_TMPDIR/scenarios.$$
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/../tap.inc"
echo 1..5

"$MMSCOPE" scenarios --kernel "$KERNEL" | sed 1d | cut -d' ' -f1 >"$T/table"
"$MMSCOPE" scenarios --names --kernel "$KERNEL" >"$T/names"
ok $([ $? -eq 0 ] && [ -s "$T/names" ] && cmp -s "$T/table" "$T/names"; echo $?) \
	"--names: the table's names, one a line ($(wc -l <"$T/names"))" \
	"$(diff "$T/table" "$T/names" | head -n 5)"
grep -qx fork_exit "$T/names"
ok $? "--names lists fork_exit"

# record --help: "  --bug B   inject a fault: a, b,\n   c, d" up to the next option
"$MMSCOPE" record --help | sed -n '/^  --bug /,/^  --[a-z-]* /p' | sed '$d' |
	sed 's/.*inject a fault://' | tr ',' '\n' | tr -d ' ' | grep . >"$T/help"
"$MMSCOPE" scenarios --bugs --kernel "$T/none.elf" >"$T/bugs" 2>"$T/err"
ok $? "--bugs needs no kernel" "$(cat "$T/err")"
ok $([ -s "$T/help" ] && cmp -s "$T/help" "$T/bugs"; echo $?) \
	"--bugs: the faults record --help lists ($(wc -l <"$T/bugs"))" \
	"$(diff "$T/help" "$T/bugs")"
"$MMSCOPE" scenarios --names --kernel "$T/none.elf" >"$T/out" 2>"$T/err"
rc=$?
ok $([ $rc -eq 2 ] && grep -q "none.elf" "$T/err" && [ ! -s "$T/out" ]; echo $?) \
	"--names of a missing kernel: exit 2, the ELF named" "exit $rc: $(cat "$T/err")"
