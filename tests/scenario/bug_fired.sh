#!/bin/sh
# bug_fired.sh - the kernel counts how often its injected fault (bug=)
# acted and says it at the end of the run (STAT bug_fired, END's text);
# mmscope record and check warn when a fault never fired, since its trace
# is then a correct kernel's.  fork_exit in era modern on one CPU never
# borrows from a user task, so bug=lazy_no_grab never fires there.
. "$(dirname "$0")/lib.inc"
echo 1..10

# json TYPE KEY FILE [NAME]: KEY of the first TYPE record (a STAT: the
# one called NAME) of a JSON dump
json() {
	python3 -c 'import json, sys
for line in open(sys.argv[3]):
    e = json.loads(line)
    if e.get("type") == sys.argv[1] and sys.argv[4] in ("", e.get("name")):
        print(e[sys.argv[2]]); break' "$1" "$2" "$3" "${4:-}"
}
NEVER='warning: .*bug=lazy_no_grab never fired (scenario fork_exit, era modern, 1 CPU)'

record never fork_exit --era modern --bug lazy_no_grab
[ $rc -eq 0 ] && [ "$(grep -c "$NEVER" "$T/never.out")" = 1 ]
ok $? "record fork_exit, era modern, bug=lazy_no_grab: one warning that the bug never fired" \
	"exit $rc: $(cat "$T/never.out")"
[ "$(json stat value "$T/never.json" bug_fired)" = 0 ] &&
	[ "$(json end text "$T/never.json")" = "bug=lazy_no_grab never fired" ] &&
	[ "$(json end status "$T/never.json")" = ok ]
ok $? "its trace: STAT bug_fired 0, END ok saying 'bug=lazy_no_grab never fired'" \
	"STAT $(json stat value "$T/never.json" bug_fired), END '$(json end text "$T/never.json")'"

"$MMSCOPE" check "$T/never.mmt" >"$T/check.out" 2>"$T/check.err"
rc=$?
[ $rc -eq 0 ] && grep -q "$NEVER" "$T/check.err" && grep -q '^PASS' "$T/check.out"
ok $? "check of that trace: PASS, and the warning" "exit $rc: $(cat "$T/check.err")"

"$MMSCOPE" check --run fork_exit --era modern --bug lazy_no_grab --kernel "$KERNEL" \
	>"$T/run.out" 2>"$T/run.err"
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c "$NEVER" "$T/run.err")" = 1 ]
ok $? "check --run: the warning, once" "exit $rc: $(cat "$T/run.err")"

# trace_lie fires at every lazy borrow after the scenario's exec: count
# them in the trace, as an oracle independent of the kernel's own count
record lie kthread_borrow --bug trace_lie
borrows=$(python3 -c 'import json, sys
armed, n = False, 0
for line in open(sys.argv[1]):
    e = json.loads(line)
    armed = armed or e.get("type") == "exec"
    n += armed and e.get("type") == "mm_ref" and e["reason"] == "lazy_borrow"
print(n)' "$T/lie.json")
fired=$(json stat value "$T/lie.json" bug_fired)
[ "$borrows" -gt 0 ] && [ "$fired" = "$borrows" ] &&
	[ "$(json end text "$T/lie.json")" = "bug=trace_lie fired $borrows times" ]
ok $? "bug=trace_lie: STAT bug_fired and END count every lazy borrow after exec ($borrows)" \
	"STAT $fired, END '$(json end text "$T/lie.json")', $borrows borrows"
! grep -q 'never fired' "$T/lie.out"
ok $? "bug=trace_lie fired: record does not warn" "$(cat "$T/lie.out")"
"$MMSCOPE" check "$T/lie.mmt" >/dev/null 2>"$T/lie.err"
! grep -q 'never fired' "$T/lie.err"
ok $? "bug=trace_lie fired: check does not warn" "$(cat "$T/lie.err")"

record clean fork_exit --era modern
[ -z "$(json stat value "$T/clean.json" bug_fired)" ] &&
	[ "$(json end text "$T/clean.json")" = "" ] && ! grep -q 'never fired' "$T/clean.out"
ok $? "no bug=: no STAT bug_fired, END's text empty, no warning" \
	"END '$(json end text "$T/clean.json")': $(cat "$T/clean.out")"

# A fault that acts ends in a panic: nothing to warn about
record panics fork_exit --era modern --bug exit_no_grab
[ $rc -eq 1 ] && grep -q 'kernel panic' "$T/panics.out" && ! grep -q 'never fired' "$T/panics.out"
ok $? "bug=exit_no_grab on fork_exit: a panic, no 'never fired'" "exit $rc: $(head -2 "$T/panics.out")"

# lazy_no_grab does fire on fork_exit in era 2.6.32 (the child's last
# switch to a kernel thread borrows): a panic, no warning
record fires fork_exit --era 2.6.32 --bug lazy_no_grab
[ $rc -eq 1 ] && ! grep -q 'never fired' "$T/fires.out"
ok $? "bug=lazy_no_grab on fork_exit, era 2.6.32: it fires, no warning" "exit $rc: $(head -2 "$T/fires.out")"
