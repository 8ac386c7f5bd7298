#!/bin/sh
# make.sh - the PNGs in this directory, from real runs.
#
#	screenshots/make.sh		(or: scons screenshots)
#
# Records the lecture scenario and a kernel with a fault (bug=), replays
# each trace in a private tmux terminal of a fixed size, goes to the
# event that shows each phase best (found in the trace itself, so the
# pictures follow the kernel when it changes), captures the screen with
# its colours (tmux capture-pane -e), turns it into HTML with the
# terminal's own colours (ansi2html.py beside this script: black text on
# a green header stays black) and into a PNG with headless chromium.
# One more is live: tlb_shootdown halted under QEMU's gdbstub, its real
# CR3s beside the trace's; and one compares kthread_borrow in the two
# eras (replay --compare).  Then the lecture as a lecturer gives it: a
# paced step with the machine halted (run --step, live), the kernel's
# source beside the events (s), the quiz before and after the answer
# (Q), and the projector view (f) at 100x30.  Needs tmux, python3,
# chromium and fonts-dejavu-core (./setup.sh installs them).
#
#	screenshots/make.sh lecture-source quiz-asked	(only those)
#
# Environment: MMSCOPE, KERNEL (default: the build tree's), SMP (CPUs
# for the lecture, default 2: the cross-CPU phase needs 2), OUT (where
# the PNGs go, default this directory).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$HERE")
MMSCOPE=${MMSCOPE:-$TOP/build/mmscope}
KERNEL=${KERNEL:-$TOP/build/kernel/kernel.elf}
SMP=${SMP:-2}
OUT=${OUT:-$HERE}
COLS=140
LINES=34
T=$(mktemp -d)
TM="tmux -L mmscope-shots-$$ -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT

for tool in tmux python3 chromium; do
	command -v $tool >/dev/null || { echo "make.sh: $tool is missing: ./setup.sh installs it" >&2; exit 1; }
done

# first TRACE MARK-TEXT KEY=VALUE...: the first event after the MARK
# whose text starts with MARK-TEXT that has every KEY=VALUE (dump --json)
first() {
	trace=$1 mark=$2
	shift 2
	"$MMSCOPE" dump --json "$trace" 2>/dev/null | python3 -c '
import json, sys
mark, want = sys.argv[1], dict(a.split("=", 1) for a in sys.argv[2:])
seen = False
for line in sys.stdin:
    e = json.loads(line)
    if "diag" in e:
        continue
    if e["type"] == "mark" and e["text"].lower().startswith(mark.lower()):
        seen = True
    if seen and all(str(e.get(k)).startswith(v) for k, v in want.items()):
        print(e["n"])
        break' "$mark" "$@"
}

# shot TRACE EVENT NAME: replay TRACE at EVENT, save NAME.png
shot() {
	$TM kill-session -t s 2>/dev/null || true
	$TM new-session -d -s s -x $COLS -y $LINES \
		"env LANG=C.UTF-8 $MMSCOPE replay $1; sleep 60"
	$TM set-option -s exit-empty off	# the next kill-session keeps it
	until $TM capture-pane -t s -p | grep -q REPLAY; do sleep 0.1; done
	$TM send-keys -t s g "$2" Enter
	until $TM capture-pane -t s -p | grep -q "event $2 of"; do sleep 0.1; done
	sleep 0.3			# the last bytes of the frame
	render "$3"
}

# want NAME: is NAME.png to be made (every one without arguments)?
want() {
	[ -z "$ONLY" ] || case " $ONLY " in *" $1 "*) true ;; *) false ;; esac
}

# session COMMAND...: mmscope COMMAND in a fresh terminal of COLS x LINES
session() {
	$TM kill-session -t s 2>/dev/null || true
	$TM new-session -d -s s -x $COLS -y $LINES \
		"env LANG=C.UTF-8 $MMSCOPE $*; sleep 60"
}

# screen_has REGEX: a line of the terminal matches (ERE)
screen_has() {
	$TM capture-pane -t s -p | grep -Eq -- "$1"
}

# cursor: the event under the cursor, from the status bar
cursor() {
	$TM capture-pane -t s -p | sed -n 's/.*event \([0-9]*\) of.*/\1/p'
}

# step_on: Right, and until the cursor has moved
step_on() {
	c=$(cursor)
	$TM send-keys -t s Right
	while [ "$(cursor)" = "$c" ]; do sleep 0.05; done
}

# render NAME: the tmux session s as it is now, to NAME.png
render() {
	$TM capture-pane -t s -e -N -p >"$T/$1.ans"
	python3 "$HERE/ansi2html.py" --cols $COLS <"$T/$1.ans" >"$T/$1.html"
	chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d -p "$T")" --hide-scrollbars \
		--window-size=$((COLS * 845 / 100 + 16)),$((LINES * 18 + 16)) \
		--screenshot="$OUT/$1.png" "file://$T/$1.html" >/dev/null 2>&1
	echo "  $1.png"
}

# paced NAME: the lecture live, paced (--step: each Right a step), the
# machine halted at the child's exit_mm grab of the fork chapter, its
# real CR3s and counters in memory beside the trace's
paced() {
	session run lecture --smp "$SMP" --step --kernel "$KERNEL"
	until screen_has 'HALTED  #1 '; do sleep 0.1; done
	i=0
	until screen_has 'HALTED  #[0-9]+ cpu 0 at mm_ref' &&
	      screen_has 'exit_mm: .* grabs mm' || [ $i -ge 200 ]; do
		step_on
		i=$((i + 1))
	done
	sleep 0.3
	render "$1"
}

# source TRACE EVENT NAME: replay at EVENT with the source panel (s)
source_shot() {
	session replay "$1"
	until screen_has REPLAY; do sleep 0.1; done
	$TM send-keys -t s g "$2" Enter
	until screen_has "event $2 of"; do sleep 0.1; done
	$TM send-keys -t s s
	until screen_has '│ source  '; do sleep 0.1; done
	sleep 0.3
	render "$3"
}

# quiz TRACE ASKED ANSWERED: replay --quiz from the fork chapter to its
# first question (ASKED), then the right answer typed (ANSWERED)
quiz() {
	session replay "$1" --quiz
	until screen_has 'QUIZ 0/0'; do sleep 0.1; done
	$TM send-keys -t s ']'
	until screen_has '^ 1/[0-9]+ fork'; do sleep 0.1; done
	until screen_has 'Quiz: '; do step_on; done
	sleep 0.3
	want "$2" && render "$2"
	n=$(cursor)
	"$MMSCOPE" dump --json "$1" 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e.get("n") == int(sys.argv[1]) and "diag" not in e:
        print(e["users"], e["count"])' "$n" >"$T/answer"
	read -r users count <"$T/answer"
	$TM send-keys -t s "$users" Space "$count" Enter
	until screen_has 'Right! mm'; do sleep 0.1; done
	sleep 0.3
	want "$3" && render "$3"
}

# focus TRACE EVENT NAME: the projector view (f) at EVENT, 100x30
focus() {
	cols=$COLS lines=$LINES
	COLS=100 LINES=30
	session replay "$1" --focus
	until screen_has REPLAY; do sleep 0.1; done
	$TM send-keys -t s g "$2" Enter
	until screen_has "event $2 of"; do sleep 0.1; done
	sleep 0.3
	render "$3"
	COLS=$cols LINES=$lines
}

# halted: tlb_shootdown on 4 CPUs, live, the machine halted under the
# gdbstub at CPU 2's leave_mm and stepped (l) to its CR3 load: real CR3
# swapper_pg_dir while the kernel thread's active_mm is the user mm
halted() {
	$TM kill-session -t s 2>/dev/null || true
	$TM new-session -d -s s -x $COLS -y $LINES \
		"env LANG=C.UTF-8 $MMSCOPE run tlb_shootdown --smp 4 \
		 --halt-at leave_mm:cpu=2 --kernel $KERNEL; sleep 60"
	until $TM capture-pane -t s -p | grep -q 'HALTED  #1 '; do sleep 0.1; done
	for i in 2 3 4 5 6; do
		$TM capture-pane -t s -p | grep -q 'HALTED  #[0-9]* cpu 2 at cr3_load' && break
		$TM send-keys -t s l
		until $TM capture-pane -t s -p | grep -q "HALTED  #$i "; do sleep 0.1; done
	done
	sleep 0.3
	render "$1"
}

# compared A B NAME: replay A --compare B at the third difference
compared() {
	$TM kill-session -t s 2>/dev/null || true
	$TM new-session -d -s s -x $COLS -y $LINES \
		"env LANG=C.UTF-8 $MMSCOPE replay $1 --compare $2; sleep 60"
	until $TM capture-pane -t s -p | grep -q 'COMPARE  row'; do sleep 0.1; done
	$TM send-keys -t s n n n
	until $TM capture-pane -t s -p | grep -q 'COMPARE  row [2-9][0-9]* of'; do
		sleep 0.1
	done
	sleep 0.3
	render "$3"
}

ONLY=$*
"$MMSCOPE" record lecture --smp "$SMP" -o "$T/lecture.mmt" --kernel "$KERNEL" 2>/dev/null
"$MMSCOPE" record kthread_borrow --bug lazy_no_grab -o "$T/bug.mmt" \
	--kernel "$KERNEL" 2>/dev/null || true	# it panics, on purpose
L=$T/lecture.mmt
echo "screenshots of the lecture (--smp $SMP) into $OUT:"
want lecture-1-fork && shot "$L" "$(first "$L" fork: type=mm_ref reason=exit_mm)" lecture-1-fork
want lecture-2-threads && shot "$L" "$(first "$L" threads: type=task_new clone_flags=CLONE_VM mm=2 pid=5)" lecture-2-threads
want lecture-3-vfork && shot "$L" "$(first "$L" vfork: type=mm_ref reason=exec)" lecture-3-vfork
want lecture-4-exec && shot "$L" "$(first "$L" exec: type=mm_free)" lecture-4-exec
want lecture-5-kthread-borrow && shot "$L" "$(first "$L" kthread: type=mm_ref reason=lazy_borrow)" lecture-5-kthread-borrow
want lecture-6-use-mm && shot "$L" "$(first "$L" use_mm: type=mm_ref reason=use_mm)" lecture-6-use-mm
want lecture-7-zombie-mm && shot "$L" "$(first "$L" zombie: type=mark text=kthread)" lecture-7-zombie-mm
cross=$(first "$L" cross type=mm_ref reason=mmput_last)
if [ -z "$cross" ]; then
	echo "  (no cross-CPU phase in this trace: the kernel ran the lecture on one CPU)"
elif want lecture-8-cross-cpu; then
	shot "$L" "$cross" lecture-8-cross-cpu
fi
if want bug-lazy-no-grab; then
	bad=$("$MMSCOPE" check "$T/bug.mmt" 2>/dev/null |
		sed -n 's/^violation [a-z_]* at event \([0-9]*\).*/\1/p' | head -1)
	shot "$T/bug.mmt" "$bad" bug-lazy-no-grab
fi
want gdb-halted-leave-mm && halted gdb-halted-leave-mm
if want compare-eras; then
	"$MMSCOPE" record kthread_borrow -o "$T/kb.mmt" --kernel "$KERNEL" 2>/dev/null
	"$MMSCOPE" record kthread_borrow --era modern -o "$T/kb-modern.mmt" \
		--kernel "$KERNEL" 2>/dev/null
	compared "$T/kb.mmt" "$T/kb-modern.mmt" compare-eras
fi
want lecture-paced-step && paced lecture-paced-step
want lecture-source && source_shot "$L" \
	"$(first "$L" kthread: type=mm_ref reason=lazy_borrow)" lecture-source
if want quiz-asked || want quiz-answered; then
	quiz "$L" quiz-asked quiz-answered
fi
if want lecture-focus; then
	focus "$L" "$(first "$L" zombie: type=mm_ref reason=exit_mm)" \
		lecture-focus
fi
