#!/bin/sh
# layers.sh - the inspector's layers hold: every #include goes to the
# file's own layer or one below it (inspector/LAYERS), the folders do not
# include each other in a circle, every exported name carries its
# layer's prefixes, and the files of inspector/tui use each other in no
# circle (by their #includes, and by the calls between their objects).
# Then the checker itself is shown to catch each kind of mistake, on
# small trees made here.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHECK="python3 $ROOT/tests/layout/checkdeps.py"
BUILD=${BUILD:-$ROOT/build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -s "$T/out" ] && sed 's/^/# /' "$T/out"
	fi
}

echo "1..11"

$CHECK includes "$ROOT" >"$T/out" 2>&1
ok $? "every #include in inspector/ goes to its own layer or one below"

! grep -q 'in a circle' "$T/out"
ok $? "no two folders of inspector/ include each other, directly or not"

$CHECK symbols "$ROOT" "$BUILD" >"$T/out" 2>&1
ok $? "every global symbol of build/inspector/lib*.a has its layer's prefix"

$CHECK files "$ROOT" tui "$BUILD" >"$T/out" 2>&1
ok $? "no circle between the files of inspector/tui: by #include, nor by calls in build/inspector/libtui.a"

# A small tree: util includes tui (upward), tui includes util (fine).
mkdir -p "$T/tree/inspector/util" "$T/tree/inspector/tui" \
	"$T/tree/inspector/trace" "$T/tree/inspector/model" \
	"$T/tree/inspector/expect" "$T/tree/inspector/run" \
	"$T/tree/inspector/target" "$T/tree/inspector/cmd"
cp "$ROOT/inspector/LAYERS" "$T/tree/inspector/"
printf '#include "util/x.h"\n' >"$T/tree/inspector/tui/ui.h"
printf '/* x */\n#include "tui/ui.h"\n' >"$T/tree/inspector/util/x.h"
$CHECK includes "$T/tree" >"$T/out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q '^inspector/util/x.h:2: includes "tui/ui.h": layer util may not use tui' "$T/out"
ok $? "an upward include fails with the file, the line and the layers"

[ $rc -eq 1 ] && grep -q 'in a circle: .*util -> tui -> util\|in a circle: tui -> util -> tui' "$T/out"
ok $? "a circle between two folders is named"

printf '#include "x.h"\n' >"$T/tree/inspector/util/y.c"
printf '#include "util/x.h"\n' >"$T/tree/inspector/util/x.h"
printf 'int x;\n' >"$T/tree/inspector/lost.c"
$CHECK includes "$T/tree" >"$T/out" 2>&1
[ $? -eq 1 ] && grep -q '^inspector/util/y.c:1: includes "x.h": name the layer ("util/x.h")' "$T/out" &&
	grep -q '^inspector/lost.c: not in a layer folder' "$T/out"
ok $? "an include without its layer, and a file outside the layers, fail"

mkdir -p "$T/build/inspector"
printf 'int get(void) { return 1; }\nint util_fine(void) { return 2; }\n' >"$T/get.c"
cc -c -o "$T/build/inspector/get.o" "$T/get.c" &&
	ar rc "$T/build/inspector/libutil.a" "$T/build/inspector/get.o" &&
	{ $CHECK symbols "$T/tree" "$T/build" >"$T/out" 2>&1; [ $? -eq 1 ]; } &&
	grep -q '^inspector/util/get.c: exports get, which does not start with a prefix of layer util' "$T/out" &&
	! grep -q 'util_fine' "$T/out"
ok $? "an exported name without its layer's prefix fails, naming the file"

# A small folder of files: a and b include each other's header; then
# only a includes b's, but b calls a all the same; then it does not.
F=$T/files
mkdir -p "$F/inspector/tui" "$F/build/inspector"
printf 'int a_f(void);\n' >"$F/inspector/tui/a.h"
printf 'int b_f(void);\n' >"$F/inspector/tui/b.h"
printf '#include "tui/a.h"\n#include "tui/b.h"\nint a_f(void) { return b_f(); }\n' \
	>"$F/inspector/tui/a.c"
printf '#include "tui/b.h"\n#include "tui/a.h"\nint b_f(void) { return a_f(); }\n' \
	>"$F/inspector/tui/b.c"
$CHECK files "$F" tui >"$T/out" 2>&1
[ $? -eq 1 ] && grep -q '^inspector/tui: files include each other in a circle: a -> b -> a (inspector/tui/a.c:2 includes "tui/b.h"; inspector/tui/b.c:2 includes "tui/a.h")' "$T/out"
ok $? "two files of a folder that include each other fail, with the files and lines"

# libF: the objects of $F's a.c and b.c in an archive
libF() {
	rm -f "$F/build/inspector/libtui.a"
	for f in a b; do
		cc -c -I"$F/inspector" -o "$F/build/$f.o" "$F/inspector/tui/$f.c" || return 1
	done
	ar rc "$F/build/inspector/libtui.a" "$F/build/a.o" "$F/build/b.o"
}

printf 'int a_f(void);\nint b_f(void) { return a_f(); }\n' >"$F/inspector/tui/b.c"
libF && { $CHECK files "$F" tui "$F/build" >"$T/out" 2>&1; [ $? -eq 1 ]; } &&
	! grep -q 'include each other' "$T/out" &&
	grep -q '^inspector/tui: files call each other in a circle: a -> b -> a (a.o uses b_f; b.o uses a_f)' "$T/out"
ok $? "two objects that call each other fail, with the symbols, though their includes go one way"

printf 'int b_f(void) { return 2; }\n' >"$F/inspector/tui/b.c"
libF && $CHECK files "$F" tui "$F/build" >"$T/out" 2>&1
ok $? "a file that calls another one way only passes"
