#!/bin/sh
# completion.sh - the bash completion (inspector/cmd/completion/
# mmscope.bash) through bash's own machinery: the script is sourced, and
# each case sets COMP_WORDS and COMP_CWORD, calls the function that
# `complete -p mmscope` names, and compares COMPREPLY with what it must
# be: the verbs, the scenario names and faults of `mmscope scenarios
# --names` and `--bugs` (of the kernel --kernel names on the line),
# traces and expect files by their names, fixed values, --opt=VALUE.
# Each verb's options are drift.sh's.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
set -u
: "${MMSCOPE:?}" "${KERNEL:?}" "${TEST_TMPDIR:?}"
T=$TEST_TMPDIR/completion.$$
mkdir -p "$T/dir/sub dir" "$T/dir/more" || exit 1
trap 'rm -rf "$T"' EXIT
COMPLETION=$(cd "$(dirname "$0")/../../inspector/cmd/completion" && pwd)/mmscope.bash
. "$(dirname "$0")/../tap.inc"

# complete WORD...: COMPREPLY, one a line, sorted, for the command line
# WORD... with the cursor at the end of its last word; run in $T/dir.
complete_() {
	(cd "$T/dir" && bash --norc --noprofile -c '
		. "$0" || exit 1
		fn=$(complete -p mmscope | sed -n "s/.*-F \([^ ]*\) mmscope$/\1/p")
		[ -n "$fn" ] || { echo "no complete -F for mmscope" >&2; exit 1; }
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		$fn mmscope "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' "$COMPLETION" "$@") | sort
}
# is NAME WANT WORD...: COMPREPLY for WORD... is the lines of WANT
is() {
	name=$1 want=$2
	shift 2
	got=$(complete_ "$@")
	ok $([ "$got" = "$(printf '%s\n' "$want" | grep . | sort)" ]; echo $?) "$name" \
		"for: $*
want: $(echo $want)
got:  $(echo $got)"
}

echo 1..17

touch "$T/dir/a.mmt" "$T/dir/b.mmt" "$T/dir/notes.txt" "$T/dir/two words.mmt" \
	"$T/dir/fork_exit.expect" "$T/dir/sub dir/c.mmt"

verbs=$("$MMSCOPE" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
is "mmscope <Tab>: the verbs mmscope --help lists, help, --help, --version" \
	"$verbs
help
--help
--version" mmscope ""
is "mmscope re<Tab>: the verbs starting so" \
	"$(echo "$verbs" | grep '^re')" mmscope re
is "mmscope help <Tab>: the verbs, expect (the language), mmscope" \
	"$verbs
expect
mmscope" mmscope help ""

names=$("$MMSCOPE" scenarios --names)
is "record <Tab>: the scenarios the kernel lists" "$names" "$MMSCOPE" record ""
is "run f<Tab>: the scenarios starting with f" "$(echo "$names" | grep '^f')" \
	"$MMSCOPE" run f
is "check --run <Tab>: the scenarios" "$names" "$MMSCOPE" check --run ""
is "record X --kernel NONE <Tab>: that kernel is asked, and it has none" "" \
	"$MMSCOPE" record --kernel "$T/none.elf" ""
is "verify --kernel=ELF <Tab>: that kernel is asked" "$names" \
	"$MMSCOPE" verify --kernel = "$KERNEL" ""
is "record X --bug <Tab>: the faults scenarios --bugs lists" \
	"$("$MMSCOPE" scenarios --bugs)" "$MMSCOPE" record fork_exit --bug ""

is "dump <Tab>: traces (*.mmt) and directories, names with blanks whole" \
	"a.mmt
b.mmt
more
sub dir
two words.mmt" mmscope dump ""
is "replay sub<Tab>: into a directory" "sub dir" mmscope replay sub
is "check X --expect <Tab>: expect files and directories" \
	"fork_exit.expect
more
sub dir" mmscope check a.mmt --expect ""
is "check --all <Tab>: directories only" "more
sub dir" mmscope check --all ""
is "record X --era <Tab>: 2.6.32, modern" "2.6.32
modern" mmscope record boot --era ""
is "record X --smp=<Tab>: the CPU counts (bash splits at =)" "$(seq 1 8)" \
	mmscope record boot --smp =
is "export X --format p<Tab>: perfetto" perfetto mmscope export a.mmt --format p
is "scenarios <Tab>: it takes no operand, nothing" "" mmscope scenarios ""
