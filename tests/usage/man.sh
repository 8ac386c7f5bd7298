#!/bin/sh
# man.sh - the manual pages: every page in build/man lints clean with
# mandoc (-T lint -W style) and groff (-ww), its cross references to
# mmscope's pages lead to pages that exist, every verb has one.
#
# Environment (set by tests/runtests.py): BUILD, MMSCOPE, TEST_TMPDIR.
set -u
: "${BUILD:?}" "${MMSCOPE:?}" "${TEST_TMPDIR:?}"
T=$TEST_TMPDIR/man.$$
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
MAN=$BUILD/man
n=0
ok() {	# ok STATUS DESCRIPTION [WHY]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
	fi
	return 0
}

# The verbs, as `mmscope --help` lists them (two spaces, a name, blanks).
VERBS=$("$MMSCOPE" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
PAGES=$(ls "$MAN"/man1/*.1 "$MAN"/man5/*.5 2>/dev/null)
echo "1..$(($(echo "$PAGES" | wc -l) * 3 + $(echo "$VERBS" | wc -w) + 1))"

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
done

# The page files are installed next to nothing else: build/man holds
# exactly the sources of inspector/cmd/man.
SRC=$(cd "$(dirname "$0")/../../inspector/cmd/man" && ls | sort)
ok $([ "$(echo "$SRC")" = "$(cd "$MAN" && ls man1 man5 | grep '\.[15]$' | sort)" ]
	echo $?) "build/man holds one page per source in inspector/cmd/man" \
	"sources: $SRC"
