#!/bin/sh
# install.sh - `scons install PREFIX=/usr/local DESTDIR=D` puts every file
# where the README says, and the installed mmscope works alone: from a
# directory outside the checkout, with nothing of the build tree on its
# way, it finds its kernel under PREFIX/lib/mmscope, records `boot`, and
# checks fork_exit against the installed expect file; `help` opens the
# installed manual pages and the completion asks the installed program.  The tree still works when moved (the
# kernel is found relative to the binary); --kernel and $MMSCOPE_KERNEL
# still win over it; `scons uninstall` removes every file it put there;
# a relative PREFIX is refused.
#
# It runs scons in the checkout (the build is up to date: only the copies
# are made) and boots QEMU twice.
#
# Environment (set by tests/runtests.py): BUILD.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/mmscope-install.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
D=$T/dest
P=/usr/local
. "$(dirname "$0")/../tap.inc"
# installed: the files `scons install` must write, relative to PREFIX
installed() {
	echo bin/mmscope
	echo lib/mmscope/kernel.elf
	for f in "$ROOT"/samples/*.expect; do
		echo "share/mmscope/samples/${f##*/}"
	done
	for f in "$ROOT"/inspector/cmd/man/*.[15]; do
		echo "share/man/man${f##*.}/${f##*/}"
	done
	echo share/bash-completion/completions/mmscope
}

echo 1..17

scons -C "$ROOT" -Q install PREFIX=$P DESTDIR="$D" >"$T/install.out" 2>&1
ok $? "scons install PREFIX=$P DESTDIR=... exits 0" "$(tail -n 5 "$T/install.out")"
missing=$(installed | while read -r f; do [ -s "$D$P/$f" ] || echo "$f"; done)
ok $([ -z "$missing" ]; echo $?) "every file is installed: $(installed | wc -l)" \
	"missing: $missing"
[ -x "$D$P/bin/mmscope" ]
ok $? "PREFIX/bin/mmscope is executable"
installed | sort >"$T/list"
extra=$(cd "$D$P" && find . -type f | sed 's|^\./||' | sort | comm -23 - "$T/list")
ok $([ -z "$extra" ]; echo $?) "nothing else is installed" "extra: $extra"

# The installed program alone: cwd outside the checkout, only it on PATH
# (and the system's), no kernel named.
mkdir -p "$T/elsewhere"
cd "$T/elsewhere" || exit 1
alone() {
	env -u MMSCOPE_KERNEL PATH="$D$P/bin:/usr/bin:/bin" "$@"
}
alone mmscope record boot -o boot.mmt --timeout 120 >"$T/rec.out" 2>&1
ok $? "installed mmscope records boot from outside the checkout" \
	"$(tail -n 5 "$T/rec.out")"
grep -aq "$D$P/lib/mmscope/kernel.elf" boot.mmt
ok $? "the trace names the installed kernel, PREFIX/lib/mmscope/kernel.elf"
alone mmscope check --run fork_exit --timeout 120 \
	--expect "$D$P/share/mmscope/samples/fork_exit.expect" >"$T/check.out" 2>&1
rc=$?
ok $([ $rc -eq 0 ] && grep -q '^PASS' "$T/check.out"; echo $?) \
	"installed check --run fork_exit --expect PREFIX/share/mmscope/samples/fork_exit.expect passes" \
	"exit $rc: $(tail -n 5 "$T/check.out")"
alone mmscope scenarios >"$T/scen.out" 2>&1
ok $([ $? -eq 0 ] && grep -q '^fork_exit ' "$T/scen.out"; echo $?) \
	"installed mmscope scenarios reads the installed kernel"
# help on a terminal: man -l on the installed page (a man that says how
# it was called stands in for man(1)).
mkdir -p "$T/bin"
printf '#!/bin/sh\necho "man $*"\n' >"$T/bin/man"
chmod +x "$T/bin/man"
env -u MMSCOPE_KERNEL PATH="$D$P/bin:$T/bin:/usr/bin:/bin" \
	script -qec "mmscope help check" /dev/null >"$T/help.out" 2>&1
grep -q "^man -l $D$P/share/man/man1/mmscope-check.1" "$T/help.out"
ok $? "installed help check opens PREFIX/share/man/man1/mmscope-check.1" \
	"$(head -n 3 "$T/help.out")"

# The installed completion, sourced as bash-completion would, asks the
# installed mmscope (the one on PATH) for the scenarios.
alone bash --norc --noprofile -c '
	. "$0" && COMP_WORDS=(mmscope record fork_e) COMP_CWORD=2 &&
	_mmscope && echo "${COMPREPLY[*]}"' \
	"$D$P/share/bash-completion/completions/mmscope" >"$T/comp.out" 2>&1
[ "$(cat "$T/comp.out")" = fork_exit ]
ok $? "the installed completion completes mmscope record fork_e to fork_exit" \
	"$(cat "$T/comp.out")"

# Moved (or staged elsewhere): the kernel is found relative to the binary.
mv "$D" "$T/moved"
env -u MMSCOPE_KERNEL "$T/moved$P/bin/mmscope" scenarios >"$T/moved.out" 2>&1
ok $([ $? -eq 0 ] && grep -q '^fork_exit ' "$T/moved.out"; echo $?) \
	"a moved tree still finds its kernel" "$(head -n 3 "$T/moved.out")"
MMSCOPE_KERNEL=$T/none.elf "$T/moved$P/bin/mmscope" scenarios >"$T/env.out" 2>&1
ok $([ $? -eq 2 ] && grep -q "none.elf" "$T/env.out"; echo $?) \
	"\$MMSCOPE_KERNEL wins over PREFIX" "$(cat "$T/env.out")"
MMSCOPE_KERNEL=$T/none.elf "$T/moved$P/bin/mmscope" scenarios \
	--kernel "$T/moved$P/lib/mmscope/kernel.elf" >"$T/opt.out" 2>&1
ok $? "--kernel wins over \$MMSCOPE_KERNEL" "$(cat "$T/opt.out")"
mv "$T/moved" "$D"
cd "$T" || exit 1

scons -C "$ROOT" -Q uninstall PREFIX=$P DESTDIR="$D" >"$T/un.out" 2>&1
ok $? "scons uninstall exits 0" "$(tail -n 5 "$T/un.out")"
left=$(find "$D" -type f)
ok $([ -z "$left" ]; echo $?) "scons uninstall removes every file" "left: $left"
ok $([ ! -d "$D$P/share/mmscope" ] && [ ! -d "$D$P/lib/mmscope" ]; echo $?) \
	"and mmscope's own folders"

scons -C "$ROOT" -Q install PREFIX=usr/local DESTDIR="$D" >"$T/rel.out" 2>&1
rc=$?
ok $([ $rc -ne 0 ] && grep -q "PREFIX=usr/local: an absolute path" "$T/rel.out" &&
	[ -z "$(find "$D" -type f)" ]; echo $?) \
	"a relative PREFIX is refused, nothing installed" "exit $rc: $(cat "$T/rel.out")"
