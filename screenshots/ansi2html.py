#!/usr/bin/env python3
"""ansi2html.py - a terminal screen as tmux captures it (capture-pane -e)
turned into an HTML page with the terminal's own colours, for make.sh.

Usage: ansi2html.py [--cols N] <screen.ans >screen.html

Every SGR attribute tmux writes is kept: the 16 colours and the 256 of
38;5;N and 48;5;N, bold, dim, underline and reverse, the terminal's
default foreground and background as such, so a black-on-green header
stays black on green (aha --black turns black text grey).  The palette
is xterm's.  Each line is padded to --cols with the background it ends
in, as the terminal shows it.  The backgrounds and the text are two
layers, the text on top, each background the full height of its line,
so that an underscore stays on its own line's colour.
"""
import html
import re
import sys

PALETTE = [
    "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd",
    "#00cdcd", "#e5e5e5", "#7f7f7f", "#ff0000", "#00ff00", "#ffff00",
    "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
]
DEFAULT_FG, DEFAULT_BG = "#d0d0d0", "#000000"
SGR = re.compile(r"\x1b\[([0-9;]*)m")
OTHER = re.compile(r"\x1b\[[0-9;?]*[A-Za-ln-z]")


def color256(n):
    """xterm's colour n of 256."""
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6],
                                  steps[n % 6])
    g = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (g, g, g)


class Pen:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None        # None: the terminal's default
        self.bold = self.dim = self.under = self.rev = False

    def sgr(self, params):
        codes = [int(p) if p else 0 for p in params.split(";")] \
            if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 4:
                self.under = True
            elif c == 7:
                self.rev = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 24:
                self.under = False
            elif c == 27:
                self.rev = False
            elif 30 <= c <= 37:
                self.fg = PALETTE[c - 30]
            elif c == 39:
                self.fg = None
            elif 40 <= c <= 47:
                self.bg = PALETTE[c - 40]
            elif c == 49:
                self.bg = None
            elif 90 <= c <= 97:
                self.fg = PALETTE[c - 90 + 8]
            elif 100 <= c <= 107:
                self.bg = PALETTE[c - 100 + 8]
            elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                if c == 38:
                    self.fg = color256(codes[i + 2])
                else:
                    self.bg = color256(codes[i + 2])
                i += 2
            i += 1

    def style(self, layer):
        """The CSS of the background layer ("bg") or of the text's."""
        fg = self.fg or DEFAULT_FG
        bg = self.bg or DEFAULT_BG
        if self.rev:
            fg, bg = bg, fg
        if layer == "bg":
            return "background:%s" % bg
        s = "color:%s" % fg
        if self.bold:
            s += ";font-weight:bold"
        if self.dim:
            s += ";opacity:0.7"
        if self.under:
            s += ";text-decoration:underline"
        return s


def convert(lines, cols, layer):
    """The lines as one layer: backgrounds ("bg") or text ("fg")."""
    out = []
    pen = Pen()
    for line in lines:
        line = OTHER.sub("", line.rstrip("\n"))
        parts, width, at = [], 0, 0
        for m in list(SGR.finditer(line)) + [None]:
            text = line[at:m.start()] if m else line[at:]
            if text:
                parts.append('<span style="%s">%s</span>' %
                             (pen.style(layer), html.escape(text)))
                width += len(text)
            if m:
                pen.sgr(m.group(1))
                at = m.end()
        if cols and width < cols:
            parts.append('<span style="%s">%s</span>' %
                         (pen.style(layer), " " * (cols - width)))
        out.append("".join(parts))
    return "\n".join(out)


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { background: %s; margin: 8px; }
div { position: relative; }
pre { font-family: "DejaVu Sans Mono", monospace; font-size: 14px;
      line-height: 18px; margin: 0; }
pre.bg { color: transparent; }
pre.bg span { display: inline-block; height: 18px; vertical-align: top; }
pre.fg { position: absolute; top: -2px; left: 0; }
</style></head><body><div>
<pre class="bg">%s</pre>
<pre class="fg">%s</pre>
</div></body></html>
"""


def main():
    args = sys.argv[1:]
    cols = 0
    if args[:1] == ["--help"]:
        print(__doc__.strip())
        return 0
    if len(args) == 2 and args[0] == "--cols" and args[1].isdigit():
        cols = int(args[1])
    elif args:
        print("usage: ansi2html.py [--cols N] <screen.ans >screen.html",
              file=sys.stderr)
        return 2
    lines = sys.stdin.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()                     # the newline that ends the last
    sys.stdout.write(PAGE % (DEFAULT_BG, convert(lines, cols, "bg"),
                             convert(lines, cols, "fg")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
