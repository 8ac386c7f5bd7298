#!/bin/sh
# bad_input.sh - `mmscope dump` on files it cannot use: missing, a
# directory, not a trace, byte-swapped, a newer version, a header cut
# short, empty.  Each must exit 2 with exactly one line on stderr that
# names the file, print nothing on stdout, and never crash.
#
# Environment (set by tests/runtests.py): MMSCOPE, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/bad_input.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/../tap.inc"

# Headers built byte by byte: magic, version, header_size, then zeros.
python3 - "$T" <<'PY'
import struct, sys
d = sys.argv[1]
def header(magic, version, cut=1024):
    h = struct.pack("<IHHQ", magic, version, 1024, 0).ljust(1024, b"\0")
    return h[:cut]
files = {
    "swapped.mmt": struct.pack(">IHHQ", 0x46544d4d, 1, 1024, 0).ljust(1024, b"\0"),
    "newer.mmt": header(0x46544d4d, 2),
    "cut.mmt": header(0x46544d4d, 1, cut=700),
    "text.mmt": b"this is not a trace, just some text\n" * 40,
    "empty.mmt": b"",
}
for name, data in files.items():
    open("%s/%s" % (d, name), "wb").write(data)
PY
mkdir "$T/dir.mmt"

# check FILE WHAT: exit 2, one line naming FILE and saying WHAT.
check() {
	"$MMSCOPE" dump "$1" >"$T/out" 2>"$T/err"
	rc=$?
	lines=$(wc -l <"$T/err")
	if [ $rc -eq 2 ] && [ "$lines" -eq 1 ] && [ ! -s "$T/out" ] &&
	   grep -qF "$1" "$T/err" && grep -q "$2" "$T/err"; then
		ok 0 "$(basename "$1"): $(cat "$T/err")"
	else
		ok 1 "$(basename "$1"): exit $rc, $lines lines: $(cat "$T/err")"
	fi
}

echo 1..10
check "$T/missing.mmt" "No such file"
check "$T/dir.mmt" "directory"
check "$T/text.mmt" "not an mmscope trace"
check "$T/swapped.mmt" "byte order"
check "$T/newer.mmt" "newer"
check "$T/cut.mmt" "truncated"
check "$T/empty.mmt" "empty"
"$MMSCOPE" dump >/dev/null 2>&1
ok $(( $? != 2 )) "dump without a file: exit 2"
"$MMSCOPE" dump "$T/a" "$T/b" >/dev/null 2>&1
ok $(( $? != 2 )) "dump with two files: exit 2"
"$MMSCOPE" dump --bogus "$T/a" >/dev/null 2>&1
ok $(( $? != 2 )) "dump with an unknown option: exit 2"
