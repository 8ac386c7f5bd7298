#!/bin/sh
# man.sh - the manual pages: every page in build/man lints clean with
# mandoc (-T lint -W style) and groff (-ww), its cross references to
# mmscope's pages lead to pages that exist, every verb has one; `mmscope
# help VERB` prints the page as text when its output is not a terminal,
# and on a terminal runs man -l on the build tree's page.
#
# Environment (set by tests/runtests.py): BUILD, MMSCOPE, TEST_TMPDIR.
set -u
: "${BUILD:?}" "${MMSCOPE:?}" "${TEST_TMPDIR:?}"
T=$TEST_TMPDIR/man.$$
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
MAN=$BUILD/man
. "$(dirname "$0")/../tap.inc"

# The verbs, as `mmscope --help` lists them (two spaces, a name, blanks).
VERBS=$("$MMSCOPE" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
PAGES=$(ls "$MAN"/man1/*.1 "$MAN"/man5/*.5 2>/dev/null)
echo "1..$(($(echo "$PAGES" | wc -l) * 3 + $(echo "$VERBS" | wc -w) * 2 + 7))"

for p in $PAGES; do
	name=${p##*/}
	# Style too, but for the pages of this manual, which are not in the
	# system's man database, and the database's own state.
	mandoc -T lint -W style "$p" 2>&1 |
		grep -v -e 'referenced manual not found: Xr mmscope' \
			-e 'outdated mandoc.db' >"$T/lint"
	ok $([ ! -s "$T/lint" ]; echo $?) "$name: mandoc -T lint -W style says nothing" \
		"$(cat "$T/lint")"
	groff -mandoc -ww -z "$p" >"$T/groff" 2>&1
	ok $([ $? -eq 0 ] && [ ! -s "$T/groff" ]; echo $?) \
		"$name: groff -ww -z says nothing" "$(cat "$T/groff")"
	missing=""
	for x in $(sed -n 's/^\.Xr \(mmscope[a-z-]*\) \([15]\).*/\1.\2/p' "$p"); do
		[ -f "$MAN/man${x##*.}/$x" ] || missing="$missing $x"
	done
	ok $([ -z "$missing" ]; echo $?) "$name: its .Xr to mmscope pages lead to pages" \
		"no page for:$missing"
done

for v in $VERBS; do
	[ -f "$MAN/man1/mmscope-$v.1" ]
	ok $? "verb $v has a page, mmscope-$v(1)"
	"$MMSCOPE" help "$v" >"$T/help" 2>"$T/err"
	rc=$?
	ok $([ $rc -eq 0 ] && grep -q "^     mmscope-$v - " "$T/help" &&
		grep -q "^OPTIONS" "$T/help" && [ ! -s "$T/err" ]; echo $?) \
		"mmscope help $v, piped: the page as text, exit 0" \
		"exit $rc: $(head -n 3 "$T/help"; cat "$T/err")"
done

# The text is mandoc's rendering of the very page in build/man.
mandoc -T ascii "$MAN/man1/mmscope-check.1" | sed 's/.\x08//g' >"$T/mandoc"
"$MMSCOPE" help check >"$T/help"
cmp -s "$T/mandoc" "$T/help"
ok $? "the text of help check is mandoc's rendering of build/man/man1/mmscope-check.1" \
	"$(diff "$T/mandoc" "$T/help" | head -n 5)"
"$MMSCOPE" help expect | grep -q "^     mmscope-expect - the expect language"
ok $? "mmscope help expect: the expect language, mmscope-expect(5)"
"$MMSCOPE" help mmscope | grep -q "^     mmscope - "
ok $? "mmscope help mmscope: mmscope(1)"
"$MMSCOPE" help nosuchverb >"$T/out" 2>"$T/err"
rc=$?
ok $([ $rc -eq 2 ] && grep -q "no verb 'nosuchverb'" "$T/err" && [ ! -s "$T/out" ]
	echo $?) "mmscope help nosuchverb: exit 2, said on stderr" "exit $rc: $(cat "$T/err")"

# On a terminal: man -l PAGE, here a man that says how it was called.
mkdir -p "$T/bin"
printf '#!/bin/sh\necho "man $*"\n' >"$T/bin/man"
chmod +x "$T/bin/man"
PATH=$T/bin:$PATH script -qec "'$MMSCOPE' help record" /dev/null >"$T/tty" 2>&1
grep -q "^man -l $MAN/man1/mmscope-record.1" "$T/tty"
ok $? "on a terminal, help record runs man -l on build/man/man1/mmscope-record.1" \
	"$(head -n 3 "$T/tty")"
# A terminal without man: the text.
env PATH=/nonexistent "$(command -v script)" -qec "'$MMSCOPE' help record" /dev/null >"$T/tty" 2>&1
grep -q "mmscope-record - boot the kernel" "$T/tty"
ok $? "on a terminal without man, help record prints the text" "$(head -n 3 "$T/tty")"

# The page files are installed next to nothing else: build/man holds
# exactly the sources of inspector/cmd/man.
SRC=$(cd "$(dirname "$0")/../../inspector/cmd/man" && ls | sort)
ok $([ "$(echo "$SRC")" = "$(cd "$MAN" && ls man1 man5 | grep '\.[15]$' | sort)" ]
	echo $?) "build/man holds one page per source in inspector/cmd/man" \
	"sources: $SRC"
