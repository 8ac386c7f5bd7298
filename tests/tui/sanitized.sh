#!/bin/sh
# sanitized.sh - the TUI's own code under ASan and UBSan (`scons test`
# runs this script against build-asan/ too): a replay from its first
# event, where the mm and task panels are still empty (issue 18.8: their
# qsort of an empty, NULL array was a UBSan report in every replay), to
# the last and back, every panel in turn, then q.  A sanitizer report
# fails the test through the runner; the screens are checked here.
. "$(dirname "$0")/lib.inc"
TRACE=$(cd "$(dirname "$0")/.." && pwd)/unit/traces/cross_cpu_exit-smp2.mmt
echo "1..3"

start 100 30
type_line "$MMSCOPE replay $TRACE"
wait_for "REPLAY" 20 && shows "event 0 of 194"
ok $? "replay starts at the first event, panels empty"

keys End && shows "event 193 of 194" && keys Tab Tab Tab && keys Home &&
	shows "event 0 of 194"
ok $? "to the last event and back, through the panels"

keys q		# a bare prompt: mmscope has exited (LeakSanitizer takes a while)
wait_for '^\$ ?$' 30 && prompt_ok
ok $? "q: back at the shell"
