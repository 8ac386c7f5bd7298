#!/bin/sh
# bad_input.sh - `mmscope export` given what it cannot use: a missing
# trace, a file that is not one, a CTF directory that is not empty or
# cannot be made, a JSON file that cannot be made, options missing or
# wrong.  Each exits 2 with one line on stderr that names the input and
# says what to do, and writes nothing.  A JSON file that cannot be
# written to its end (a full disk) exits 1.  A trace cut short is not an
# error: what it holds is exported.
#
# Environment (set by tests/runtests.py): MMSCOPE, BUILD, TEST_TMPDIR.
set -u
: "${MMSCOPE:?}" "${BUILD:?}" "${TEST_TMPDIR:?}"
T=$TEST_TMPDIR/export_bad.$$
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT

. "$(dirname "$0")/../tap.inc"

# refused WHAT PATTERN ARG...: export ARG... exits 2 with one line on
# stderr matching PATTERN
refused() {
	what=$1 pattern=$2
	shift 2
	"$MMSCOPE" export "$@" >"$T/out" 2>"$T/err"
	rc=$?
	lines=$(wc -l <"$T/err")
	ok $([ $rc -eq 2 ] && [ "$lines" -eq 1 ] && [ ! -s "$T/out" ] &&
	     grep -q -- "$pattern" "$T/err"; echo $?) \
		"$what: exit 2, one line: $(head -c 150 "$T/err")" \
		"exit $rc, $lines lines: $(cat "$T/err")"
}

"$BUILD/tests/gentrace" -o "$T/g.mmt" --events 3000 --cpus 2 --seed 3 2>/dev/null
printf 'not a trace at all\n' >"$T/text.mmt"
mkdir "$T/full" && touch "$T/full/keep"

echo "1..13"
refused "a missing trace" "$T/none.mmt" "$T/none.mmt" --format ctf -o "$T/c1"
refused "not a trace" "$T/text.mmt" "$T/text.mmt" --format ctf -o "$T/c2"
refused "no --format" "which format" "$T/g.mmt" -o "$T/c3"
refused "an unknown format" "unknown format 'svg'" "$T/g.mmt" --format svg -o "$T/c4"
refused "no -o" "where to" "$T/g.mmt" --format ctf
refused "ctf to stdout" "directory" "$T/g.mmt" --format ctf -o -
refused "a CTF directory that is not empty" "$T/full: exists and is not empty" \
	"$T/g.mmt" --format ctf -o "$T/full"
refused "a CTF directory that cannot be made" "$T/no/such/dir" \
	"$T/g.mmt" --format ctf -o "$T/no/such/dir"
refused "perfetto: a missing trace" "$T/none.mmt" "$T/none.mmt" \
	--format perfetto -o "$T/p1.json"
refused "perfetto: a file that cannot be made" "$T/no/such/p.json" \
	"$T/g.mmt" --format perfetto -o "$T/no/such/p.json"
if [ -w /dev/full ]; then
	"$MMSCOPE" export "$T/g.mmt" --format perfetto -o /dev/full \
		>/dev/null 2>"$T/err"
	rc=$?
	ok $([ $rc -eq 1 ] && grep -q "/dev/full: No space" "$T/err"; echo $?) \
		"perfetto: a full disk: exit 1 ($rc), says so" "$(cat "$T/err")"
else
	echo "ok 13 - perfetto: a full disk # SKIP no /dev/full"
	n=$((n + 1))
fi
ok $([ -f "$T/full/keep" ] && [ ! -e "$T/full/metadata" ] &&
     [ ! -e "$T/c1" ] && [ ! -e "$T/c3" ] && [ ! -e "$T/p1.json" ]; echo $?) \
	"nothing was written for a refused export"

# A trace cut inside a frame: the events before the cut are exported.
size=$(wc -c <"$T/g.mmt")
head -c $((size - 300)) "$T/g.mmt" >"$T/cut.mmt"
"$MMSCOPE" export "$T/cut.mmt" --format ctf -o "$T/cut" >/dev/null 2>"$T/err"
rc=$?
want=$("$MMSCOPE" dump --json "$T/cut.mmt" 2>/dev/null | grep -c '"type"')
got=$(babeltrace2 "$T/cut" 2>/dev/null | wc -l)
ok $([ $rc -eq 0 ] && [ "$got" -eq "$want" ] && [ "$got" -gt 0 ]; echo $?) \
	"a trace cut short: exit $rc, its $want events exported ($got)" \
	"$(cat "$T/err")"
