#!/bin/sh
# names.sh - mm_structs by name in the expect language (model/lives.h,
# samples/EXPECT.md) on a recorded lecture, where mm id 3 is given out
# five times: mm=3.2 and mm_name=3.2 in patterns match the second
# mm_struct with id 3 only; state mm 3.2 and final mm 3.2 look at that
# one (freed once a later one holds the id, not allocated before its
# MM_ALLOC), with its life as an attribute; refs 3.2 is its whole
# history, whatever the cursor; 3·2 is the same name.  Wrong histories and
# states fail naming the mm_struct; a name where no mm goes is a parse
# error (exit 2).
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/names.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
n=0
ok() {	# ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; sed 's/^/#  /' "$T/out" "$T/err" | head -20
	fi
}
# is WANT EXPECT-TEXT: check the lecture against the text, 0 if exit WANT
is() {
	printf '%s\n' "$2" >"$T/x.expect"
	"$MMSCOPE" check "$T/lec.mmt" --expect "$T/x.expect" >"$T/out" 2>"$T/err"
	[ $? -eq "$1" ]
}
echo 1..9

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" >"$T/rec" 2>&1 ||
	echo "# record failed: $(tail -1 "$T/rec")"

is 0 'expect mm_alloc mm_name=3.2 reason=exec
state mm 3.2 users=1 count=1 life=2
state mm 3 life=2
state mm 3.1 freed=1 life=1
expect mm_ref mm=3.2 reason=exit_grab
next mm_ref mm=3.2 op=mmput users=0 count=2
expect mm_free mm=3.2
state mm 3.2 freed=1
expect mm_alloc mm=3 mm_name!=3.2
state mm 3 life=3
state mm 3.2 freed=1'
ok $? "patterns and states name the second mm_struct with id 3, and no other"

is 0 'expect mm_alloc mm_name=3.3
refs 3.2
	alloc  1 1
	mmgrab 1 2 exit_grab
	mmput  0 2 exit_mm
	mmdrop 0 1 mmput_last
	mmdrop 0 0 prev_mm
	free
end
refs 3
	alloc  1 1
	mmput  0 1 exec
	mmdrop 0 0 mmput_last
	free
end'
ok $? "refs 3.2: its whole history, from a cursor in a later life; refs 3 the current one's"

is 0 'final mm 3.2 freed
final mm 3.5 freed
final mm 3.3 freed life=3
expect mm_alloc mm_name=3·2
state mm 3·2 life=2'
ok $? "final mm 3.2, and 3·2 is the same name as 3.2"

is 1 'state mm 3.2 users=1' &&
	grep -q 'mm 3.2 is not allocated yet (mm 3 has had 0 mm_structs)' "$T/out"
ok $? "state mm 3.2 before its MM_ALLOC fails: not allocated yet"

is 1 'expect mm_free mm=3.2
state mm 3.2 users=1' && grep -q 'mm 3 was freed' "$T/out" &&
	grep -q '^  mm 3.2: (mm 3 was freed)' "$T/out"
ok $? "state mm 3.2 after its MM_FREE fails: freed, the subject named 3.2"

is 1 'refs 3.2
	alloc 1 1
	free
end' && grep -q 'the history of mm 3 (allocated at event [0-9]*) differs at its entry 2' "$T/out"
ok $? "a wrong refs 3.2 fails at the entry that differs"

is 1 'expect mm_alloc mm_name=3.9' && grep -q 'not found after event' "$T/out"
ok $? "mm_name=3.9: no such mm_struct, not found"

is 2 'state cpu 0.2 lazy=1' && grep -q "expected cpu (a number or a bound \$variable; 0.2 names an mm_struct), not '0.2'" "$T/err"
ok $? "a name where a CPU goes: a parse error, exit 2"

is 2 'expect switch prev=3.2' && grep -q "expected a number for prev (3.2 names an mm_struct)" "$T/err" &&
	is 2 'expect mm_ref mm_name<3.2' && grep -q "expected = or != for the name mm_name, not '<'" "$T/err" &&
	is 2 'expect mm_ref mm_name=$A' && grep -q "expected an mm_struct's name (3, 3.2) for mm_name" "$T/err"
ok $? "a name on a field that is no mm, <, or a variable: parse errors"
