#!/bin/sh
# help.sh - every verb of mmscope and every tool the tests use answers
# --help with its usage on stdout and exit 0, and a bad option or
# argument with a message on stderr and exit 2, never a traceback.
#
# Environment (set by tests/runtests.py): BUILD, MMSCOPE, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/help.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
TESTS=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/../tap.inc"

# helps NAME CMD...: CMD --help prints a usage of more than a line on
# stdout, nothing on stderr, exit 0
helps() {
	name=$1
	shift
	"$@" --help >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 0 ] && grep -qi '^usage: ' "$T/out" &&
		[ "$(wc -l <"$T/out")" -gt 2 ] && [ ! -s "$T/err" ]
	ok $? "$name --help: its usage on stdout, exit 0" \
		"exit $rc, $(wc -l <"$T/out") lines; stderr: $(head -c 200 "$T/err")"
}

# refuses NAME CMD...: CMD exits 2 with a usage line on stderr, no traceback
refuses() {
	name=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 2 ] && grep -qi 'usage' "$T/err" && ! grep -q Traceback "$T/err"
	ok $? "$name: exit 2 and how to call it on stderr" \
		"exit $rc; stderr: $(head -c 300 "$T/err")"
}

VERBS="record dump check run replay verify export scenarios cast"
echo 1..$(($(echo $VERBS | wc -w) + 1 + 7 + 7))
for v in $VERBS; do
	helps "mmscope $v" "$MMSCOPE" "$v"
done
"$MMSCOPE" --help >"$T/out" 2>&1
[ $? -eq 0 ] && grep -q '^usage: mmscope VERB' "$T/out"
ok $? "mmscope --help: the verbs"

helps gentrace "$BUILD/tests/gentrace"
helps benchcore "$BUILD/tests/benchcore"
helps printcmp "$BUILD/tests/printcmp"
helps narcheck "$BUILD/tests/narcheck"
helps trace_check.py python3 "$TESTS/scenario/trace_check.py"
helps fakeqemu "$TESTS/tui/fakeqemu"
helps drift.py python3 "$TESTS/usage/drift.py"

refuses "gentrace --bogus" "$BUILD/tests/gentrace" --bogus
refuses "benchcore without a trace" "$BUILD/tests/benchcore"
refuses "benchcore TRACE lots" "$BUILD/tests/benchcore" "$T/x.mmt" lots
refuses "narcheck without a trace" "$BUILD/tests/narcheck"
refuses "printcmp --kernel" "$BUILD/tests/printcmp" "$T/x.mmt" --kernel
refuses "trace_check.py without a file" python3 "$TESTS/scenario/trace_check.py" clean
refuses "drift.py without arguments" python3 "$TESTS/usage/drift.py"

# --version: the version SConstruct names (its one place) and the
# `git describe` of the tree the binary was built from
ROOT=$(cd "$TESTS/.." && pwd)
want=$(sed -n "s/^MMSCOPE_VERSION = '\(.*\)'\$/\1/p" "$ROOT/SConstruct")
desc=$(git -C "$ROOT" describe --tags --always --dirty 2>/dev/null || echo unknown)
"$MMSCOPE" --version >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && [ -n "$want" ] && [ ! -s "$T/err" ] &&
	grep -q "^mmscope $want ($desc, trace format [0-9]*)\$" "$T/out"
ok $? "mmscope --version: $want from SConstruct and the build's git describe ($desc)" \
	"exit $rc; $(cat "$T/out" "$T/err")"
