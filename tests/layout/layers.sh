#!/bin/sh
# layers.sh - the inspector's layers hold: every #include goes to the
# file's own layer or one below it (inspector/LAYERS), the folders do not
# include each other in a circle, and every exported name carries its
# layer's prefixes.  Then the checker itself is shown to catch each kind
# of mistake, on a small tree made here.
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

echo "1..7"

$CHECK includes "$ROOT" >"$T/out" 2>&1
ok $? "every #include in inspector/ goes to its own layer or one below"

! grep -q 'in a circle' "$T/out"
ok $? "no two folders of inspector/ include each other, directly or not"

$CHECK symbols "$ROOT" "$BUILD" >"$T/out" 2>&1
ok $? "every global symbol of build/inspector/lib*.a has its layer's prefix"

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
