#!/bin/sh
# cast.sh - `mmscope cast`: the TUI's frames over a trace as asciicast v2.
#
# The cast of a fork_exit trace is read back: its header (version 2, the
# size, TERM) and one [time, "o", data] event per event of the trace,
# PACE apart, then the terminal restored.  Then it is shown in a real
# terminal (tmux) by `asciinema cat` and by `asciinema play`: the screen
# at the end is, line for line, the screen mmscope replay shows on the
# trace's last event (End) in a terminal of that size, with its END
# narration.  --chapter N casts from the MARK that opens chapter N of the
# lecture to the event before the next chapter's, and ends on that
# event's screen.  Bad options and inputs are refused with exit 2, an
# output that cannot be written with 1 and no file left.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
. "$(dirname "$0")/../tui/lib.inc"
echo 1..21

if ! command -v asciinema >/dev/null; then
	echo "# asciinema is not installed (./setup.sh installs it)"
fi
"$MMSCOPE" record fork_exit -o "$T/fe.mmt" --kernel "$KERNEL" 2>"$T/rec.err" ||
	echo "# record fork_exit failed: $(tail -n 1 "$T/rec.err")"
"$MMSCOPE" record lecture --smp 2 -o "$T/lec.mmt" --kernel "$KERNEL" \
	2>"$T/rec.err" || echo "# record lecture failed: $(tail -n 1 "$T/rec.err")"
total=$("$MMSCOPE" dump --json "$T/fe.mmt" 2>/dev/null | grep -vc '"diag"')

"$MMSCOPE" cast "$T/fe.mmt" -o "$T/fe.cast" --pace 0.25 --kernel "$KERNEL" \
	>"$T/cast.out" 2>"$T/cast.err"
st=$([ $? -eq 0 ] && grep -q "cast events 0 to $((total - 1)) of .*fe.mmt to .*fe.cast: $((total + 1)) frames" "$T/cast.err"
	echo $?)
ok $st "cast fe.mmt -o fe.cast: exit 0, events 0 to $((total - 1)), $((total + 1)) frames"
[ $st -eq 0 ] || sed 's/^/# /' "$T/cast.err"

# The file, read as asciicast v2: a TAP line per check, numbered on.
python3 - "$T/fe.cast" "$total" "$n" <<'PY'
import json, sys
path, total, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def ok(cond, what):
    global n
    n += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, what))
try:
    lines = open(path, encoding="utf-8").read().splitlines()
    head = json.loads(lines[0])
    ev = [json.loads(l) for l in lines[1:]]
except (OSError, ValueError, IndexError) as e:
    print("# %s" % e)
    head, ev = {}, []
ok(head.get("version") == 2 and head.get("width") == 80 and
   head.get("height") == 24, "the header: version 2, width 80, height 24")
ok(head.get("env", {}).get("TERM") == "xterm-256color" and
   "fe.mmt" in head.get("title", "") and isinstance(head.get("timestamp"), int),
   "the header: env.TERM xterm-256color, a title naming the trace, a timestamp")
ok(len(ev) == total + 1 and
   all(isinstance(e, list) and len(e) == 3 and e[1] == "o" and
       isinstance(e[0], float) and isinstance(e[2], str) for e in ev),
   "%d events, each [time, \"o\", data]: a frame per trace event and the "
   "terminal restored" % (total + 1))
ok(len(ev) == total + 1 and all(abs(e[0] - 0.25 * i) < 1e-6 for i, e in enumerate(ev)),
   "the frames are --pace 0.25 s apart, from 0; the last frame stays 0.25 s")
ok(all(e[2] for e in ev[:-1]), "every step drew something")
data = "".join(e[2] for e in ev)
ok("\x1b[?1049h" not in data and "\x1b[?1049l" not in data and
   "\x1b[?25h" in ev[-1][2],
   "no switch to the alternate screen; the last event shows the cursor again")
PY
n=$((n + 6))

# The replay's own screen on the last event, in a terminal of 80x24.
start 80 24
type_line "$MMSCOPE replay $T/fe.mmt"
wait_for "REPLAY +PAUSED +event 0 of $total"
keys End
wait_for "event $((total - 1)) of $total"
screen >"$T/replay.screen"
keys q
wait_for '^\$ '
# the narration: the lines between the events panel and the status bar
sed -n '/^ *[0-9][0-9]* *[0-9][0-9]* end /,/REPLAY/p' "$T/replay.screen" |
	sed '1d;$d' | grep . >"$T/narration"
ok $([ -s "$T/narration" ]; echo $?) "the replay's screen on the END event has a narration: $(head -n 1 "$T/narration")"

# same_screen FILE: the terminal shows, line for line, FILE (a frame may
# still be on its way, and asciinema play takes its time to start on a
# busy host: wait up to a minute for it)
same_screen() {
	tries=1200
	while [ $tries -gt 0 ]; do
		screen >/dev/null
		cmp -s "$T/screen" "$1" && return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	diff "$1" "$T/screen" | sed 's/^/# /' | head -n 20
	return 1
}

type_line "clear; asciinema cat $T/fe.cast; sleep 600"
same_screen "$T/replay.screen"
ok $? "asciinema cat fe.cast in a terminal ends on the replay's screen of the last event"
grep -Fqx -f "$T/narration" "$T/screen"
ok $? "...with its END narration"
keys C-c
start 80 24
type_line "clear; asciinema play -s 20 $T/fe.cast; sleep 600"
same_screen "$T/replay.screen"
ok $? "asciinema play fe.cast ends on the same screen"
keys C-c

# A chapter of the lecture: the MARK that starts chapter 2, "threads:
# ...", to the event before the MARK that starts the next.
python3 - "$T/lec.mmt" "$MMSCOPE" >"$T/marks" <<'PY'
import json, re, subprocess, sys
out = subprocess.run([sys.argv[2], "dump", "--json", sys.argv[1]],
                     stdout=subprocess.PIPE, text=True).stdout
for line in out.splitlines():
    e = json.loads(line)
    if e.get("type") == "mark" and e.get("chapter"):
        print(e["n"], e["text"].split(":")[0])
PY
first=$(sed -n '2s/ .*//p' "$T/marks")
next=$(sed -n '3s/ .*//p' "$T/marks")
ok $([ "$(sed -n '2s/.* //p' "$T/marks")" = threads ] && [ -n "$next" ]; echo $?) \
	"the lecture's chapter 2 is threads, events $first to $((next - 1))"
"$MMSCOPE" cast "$T/lec.mmt" --chapter 2 --size 100x30 --pace 1 -o "$T/ch.cast" \
	--kernel "$KERNEL" 2>"$T/ch.err"
rc=$?
python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
head, ev = json.loads(lines[0]), [json.loads(l) for l in lines[1:]]
want = int(sys.argv[3]) - int(sys.argv[2]) + 1
sys.exit(not (head["width"] == 100 and head["height"] == 30 and
              "chapter 2" in head["title"] and len(ev) == want + 1 and
              ev[-1][0] == want))' "$T/ch.cast" "$first" "$((next - 1))" 2>/dev/null
st=$([ $? -eq 0 ] && [ $rc -eq 0 ]; echo $?)
ok $st "--chapter 2 --size 100x30: a frame per event $first to $((next - 1)), 1 s apart"
[ $st -eq 0 ] || sed 's/^/# /' "$T/ch.err"
start 100 30
lectotal=$("$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | grep -vc '"diag"')
type_line "$MMSCOPE replay $T/lec.mmt"
wait_for "REPLAY +PAUSED +event 0 of $lectotal"
keys g; type_line "$((next - 1))"
wait_for "event $((next - 1)) of $lectotal"
screen >"$T/ch.screen"
keys q
wait_for '^\$ '
type_line "clear; asciinema cat $T/ch.cast; sleep 600"
same_screen "$T/ch.screen"
ok $? "the chapter's cast ends on the replay's screen of event $((next - 1))"
keys C-c

# Refused: exit 2 and why, nothing written.
refused() {	# refused WHAT PATTERN ARGS...
	what=$1 pat=$2
	shift 2
	"$MMSCOPE" cast "$@" >"$T/out" 2>"$T/err"
	rc=$?
	st=$([ $rc -eq 2 ] && grep -q -- "$pat" "$T/err" && [ ! -e "$T/bad.cast" ]
		echo $?)
	ok $st "$what: exit 2, said"
	[ $st -eq 0 ] || echo "# exit $rc: $(cat "$T/err")"
}
refused "no -o" "where to" "$T/fe.mmt"
refused "--size 60x20" "at least 72x20" "$T/fe.mmt" -o "$T/bad.cast" --size 60x20
refused "--pace 0" "seconds per event" "$T/fe.mmt" -o "$T/bad.cast" --pace 0
refused "--chapter 50 of the lecture" "has [0-9]* chapters, not 50: 1 fork" \
	"$T/lec.mmt" -o "$T/bad.cast" --chapter 50
refused "--chapter 1 of a trace without chapters" "has no chapters" \
	"$T/fe.mmt" -o "$T/bad.cast" --chapter 1
refused "a file that is not a trace" "$T/rec.err" "$T/rec.err" -o "$T/bad.cast"
"$MMSCOPE" cast "$T/fe.mmt" -o "$T/no/such/dir/x.cast" >"$T/out" 2>"$T/err"
rc=$?
st=$([ $rc -eq 1 ] && grep -q "no/such/dir/x.cast" "$T/err"; echo $?)
ok $st "an output that cannot be written: exit 1, named"
[ $st -eq 0 ] || echo "# exit $rc: $(cat "$T/err")"
