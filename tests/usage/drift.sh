#!/bin/sh
# drift.sh - every option a verb's --help lists is in the verb's man page
# and in the bash completion, and every verb mmscope --help lists is in
# mmscope(1) and the completion: an option or verb added to the program
# alone fails here, with the line to add (drift.py).
#
# Environment (set by tests/runtests.py): MMSCOPE.
set -u
: "${MMSCOPE:?}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 "$ROOT/tests/usage/drift.py" "$MMSCOPE" "$ROOT/inspector/cmd/man" \
	"$ROOT/inspector/cmd/completion/mmscope.bash"
