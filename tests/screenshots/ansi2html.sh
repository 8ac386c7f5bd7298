#!/bin/sh
# ansi2html.sh - screenshots/ansi2html.py, the conversion make.sh uses
# for the README's pictures: black text on a green header stays black
# on green (aha --black made it grey), bold, reverse (the colours swap),
# the 256 colours, a colour carried from one line to the next as tmux
# leaves it, every line padded to the width with its background, and the
# text drawn over the backgrounds.  A screen captured from the real TUI
# in tmux has its header black on green.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/ansi2html.$$
mkdir -p "$T"
trap 'rm -rf "$T"; tmux -L ansi2html-$$ kill-server 2>/dev/null' EXIT
A2H=$(dirname "$0")/../../screenshots/ansi2html.py
. "$(dirname "$0")/../tap.inc"
echo 1..7

printf '\033[30m\033[42mCPU task\033[39m\033[49m x\n\033[1m\033[34mbold\033[0m \033[7mrev\033[27m\n\033[38;5;196mred\n256 still\033[0m\n' |
	python3 "$A2H" --cols 20 >"$T/out.html"
grep -q '<span style="background:#00cd00">CPU task</span>' "$T/out.html" &&
	grep -q '<span style="color:#000000">CPU task</span>' "$T/out.html"
ok $? "black on green: black text, green background"
grep -q '<span style="color:#0000ee;font-weight:bold">bold</span>' "$T/out.html"
ok $? "bold blue"
grep -q '<span style="background:#d0d0d0">rev</span>' "$T/out.html" &&
	grep -q '<span style="color:#000000">rev</span>' "$T/out.html"
ok $? "reverse swaps the default colours"
grep -q '<span style="color:#ff0000">256 still</span>' "$T/out.html"
ok $? "colour 196 of 256, carried to the next line"
python3 - "$T/out.html" <<'PY'
import re, sys
page = open(sys.argv[1]).read()
bg = re.search(r'<pre class="bg">(.*?)</pre>', page, re.S).group(1)
rows = [re.sub(r"<[^>]*>", "", l) for l in bg.split("\n")]
sys.exit(0 if len(rows) == 4 and all(len(r) == 20 for r in rows) else 1)
PY
ok $? "four lines, each padded to 20 columns"
grep -q 'pre.fg { position: absolute' "$T/out.html" &&
	grep -q 'pre.bg { color: transparent; }' "$T/out.html"
ok $? "the text is a layer over the backgrounds"

TM="tmux -u -L ansi2html-$$ -f /dev/null"
"$MMSCOPE" record boot -o "$T/boot.mmt" --kernel "$KERNEL" >/dev/null 2>&1
$TM new-session -d -s s -x 100 -y 30 "env LANG=C.UTF-8 $MMSCOPE replay $T/boot.mmt; sleep 30"
tries=100
until $TM capture-pane -t s -p | grep -q REPLAY || [ $tries -eq 0 ]; do
	sleep 0.1; tries=$((tries - 1)); done
$TM capture-pane -t s -e -N -p | python3 "$A2H" --cols 100 >"$T/tui.html"
grep -q '<span style="color:#000000">CPU task' "$T/tui.html" &&
	grep -q '<span style="background:#00cd00">CPU task' "$T/tui.html"
ok $? "the TUI's CPUs header, captured in tmux: black on green"
