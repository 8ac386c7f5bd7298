# mmscope.bash - bash completion for mmscope, installed as
# PREFIX/share/bash-completion/completions/mmscope (bash-completion
# loads it on the first Tab after `mmscope`), or sourced by hand:
#
#	. inspector/cmd/completion/mmscope.bash
#
# It completes the verbs, each verb's options, and their values: scenario
# names and --bug faults as the kernel lists them (`mmscope scenarios
# --names`, `--bugs`; the kernel --kernel names on the line, else
# mmscope's own), traces (*.mmt) for dump, replay, check, export, diff
# and cast, expect files for --expect, directories for --all.  It needs bash alone,
# not the bash-completion package.
#
# The two tables below are all there is to edit: a new option is one
# line of _mmscope_options, a new verb one line of _mmscope_verbs.
# tests/usage/drift.sh fails while a verb's --help lists an option (or
# mmscope --help a verb) that they, or the verb's man page, do not.

# VERB       what its operands are
_mmscope_verbs='
record       scenario
dump         trace
check        trace
run          scenario
replay       trace
verify       scenario
export       trace
diff         trace
scenarios    -
cast         trace
help         verb
'

# VERB       OPTION[,ALIAS]    what its value is (- for none)
_mmscope_options='
record       -o,--output       file
record       --smp             cpus
record       --era             era
record       --bug             bug
record       --trace-mode      mode
record       --transport       transport
record       --count           number
record       --seed            number
record       --timeout         number
record       --console         file
record       --kernel          elf
record       --stats           -
dump         --json            -
dump         --kernel          elf
dump         --raw             -
dump         --stats           -
check        --expect          expect
check        --run             scenario
check        --era             era
check        --smp             cpus
check        --bug             bug
check        --count           number
check        --seed            number
check        --trace-mode      mode
check        --transport       transport
check        --timeout         number
check        --kernel          elf
check        -o,--output       file
check        -v,--verbose      -
check        --junit           file
check        --tap             -
check        --all             dir
check        -j,--jobs         number
run          --smp             cpus
run          --era             era
run          --bug             bug
run          --record          file
run          --count           number
run          --seed            number
run          --trace-mode      mode
run          --transport       transport
run          --kernel          elf
run          --halt-at         event
run          --latency-log     file
run          --pace            number
run          --step            -
run          --steps           event
run          --chapter-pause   number
run          --quiz            -
run          --focus           -
replay       --compare         trace
replay       --kernel          elf
replay       --latency-log     file
replay       --quiz            -
replay       --focus           -
verify       --at              event
verify       --every           number
verify       --halts           number
verify       -v,--verbose      -
verify       --smp             cpus
verify       --era             era
verify       --transport       transport
verify       --bug             bug
verify       --count           number
verify       --seed            number
verify       --kernel          elf
verify       --timeout         number
export       --format          format
export       -o,--output       file
export       --kernel          elf
diff         -U,--unified      number
diff         --all             -
scenarios    --names           -
scenarios    --bugs            -
scenarios    --kernel          elf
cast         -o,--output       file
cast         --size            size
cast         --pace            number
cast         --chapter         number
cast         --kernel          elf
'

# The values of the kinds that are fixed words.
_mmscope_words_era='2.6.32 modern'
_mmscope_words_transport='com2 virtio'
_mmscope_words_mode='lossless overflow'
_mmscope_words_format='ctf perfetto'
_mmscope_words_cpus='1 2 3 4 5 6 7 8'
_mmscope_words_size='80x24 100x30 120x40'
_mmscope_words_event='any switch mm_ref mm_alloc mm_free cr3_load leave_mm exec task_new task_exit prev_mm enter_lazy'

# _mmscope_kind VERB OPTION: what OPTION of VERB takes ("-": nothing), or
# nothing at all when VERB has no such option.
_mmscope_kind()
{
	local v o k
	while read -r v o k; do
		[[ $v == "$1" && ,$o, == *,"$2",* ]] && { echo "$k"; return; }
	done <<<"$_mmscope_options"
}

# _mmscope_opts VERB: its options, and --help.
_mmscope_opts()
{
	local v o k
	while read -r v o k; do
		[[ $v == "$1" ]] && echo "${o//,/ }"
	done <<<"$_mmscope_options"
	echo --help
}

# The mmscope on the line (a path or a name on PATH), asked for the
# scenario names or the faults; --kernel on the line names the kernel.
_mmscope_ask()
{
	local cmd=${COMP_WORDS[0]} kernel= i
	[[ $cmd == \~/* ]] && cmd=$HOME/${cmd#\~/}
	for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
		if [[ ${COMP_WORDS[i]} == --kernel ]]; then
			kernel=${COMP_WORDS[i + 1]}
			[[ $kernel == = ]] && kernel=${COMP_WORDS[i + 2]}
		fi
	done
	[[ $kernel == \~/* ]] && kernel=$HOME/${kernel#\~/}
	"$cmd" scenarios "$@" ${kernel:+--kernel "$kernel"} 2>/dev/null
}

# Files that end in $1 (and directories, to go into), or any with "".
_mmscope_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	if [[ -z $1 ]]; then
		COMPREPLY=($(compgen -f -- "$cur"))
	else
		COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X "!*$1" -- "$cur"))
	fi
}

# COMPREPLY: the values of kind $1 that start with $cur.
_mmscope_values()
{
	local words
	case $1 in
	file | elf) _mmscope_files "" ;;
	trace) _mmscope_files .mmt ;;
	expect) _mmscope_files .expect ;;
	dir)
		compopt -o filenames 2>/dev/null
		local IFS=$'\n'
		COMPREPLY=($(compgen -d -- "$cur"))
		;;
	scenario) COMPREPLY=($(compgen -W "$(_mmscope_ask --names)" -- "$cur")) ;;
	bug) COMPREPLY=($(compgen -W "$(_mmscope_ask --bugs)" -- "$cur")) ;;
	verb)
		words=$(while read -r v k; do [[ $v && $v != help ]] && echo "$v"
			done <<<"$_mmscope_verbs")
		COMPREPLY=($(compgen -W "$words expect mmscope" -- "$cur"))
		;;
	*)
		words=_mmscope_words_$1
		[[ -n ${!words-} ]] && COMPREPLY=($(compgen -W "${!words}" -- "$cur"))
		;;
	esac
}

_mmscope()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= verb=${COMP_WORDS[1]-}
	local opt kind v k
	COMPREPLY=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	if ((COMP_CWORD == 1)); then
		COMPREPLY=($(compgen -W "$(while read -r v k; do echo "$v"
			done <<<"$_mmscope_verbs") --help --version" -- "$cur"))
		return
	fi
	# --opt VALUE, --opt=VALUE (bash makes "=" a word of its own)
	opt=$prev
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 2)); then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	kind=$(_mmscope_kind "$verb" "$opt")
	if [[ -n $kind && $kind != - ]]; then
		_mmscope_values "$kind"
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_mmscope_opts "$verb")" -- "$cur"))
		return
	fi
	while read -r v k; do
		if [[ $v == "$verb" ]]; then
			[[ $k != - ]] && _mmscope_values "$k"
			return
		fi
	done <<<"$_mmscope_verbs"
}

complete -F _mmscope mmscope
