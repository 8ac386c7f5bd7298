#!/usr/bin/env python3
"""drift.py - the options and verbs mmscope --help lists are in the man
pages and in the bash completion.

Usage: drift.py MMSCOPE MANDIR COMPLETION

For every verb `MMSCOPE --help` lists: every option `MMSCOPE VERB --help`
names (in its usage lines and its option lines) must be in the OPTIONS
section of MANDIR/mmscope-VERB.1 (an `.It Fl` entry) and be offered by
the completion script COMPLETION for `mmscope VERB -<Tab>`, run through
bash's completion machinery.  The verbs themselves must be in mmscope(1)
and be offered for `mmscope <Tab>`.  A verb without a man page fails.
First the checks are shown to catch an option that is missing, on a
--help text with one option more than the pages.

Prints TAP; a failure names what is missing and the line to add.
"""

import os
import re
import subprocess
import sys

OPTION = re.compile(r'(?:^|[\s,\[(|])(--?[A-Za-z][A-Za-z0-9-]*)')


def help_options(text):
    """The options a --help text names: in its usage lines (up to the
    first blank line) and in its option lines ("  -x, --long ARG  what"),
    whose description is left out."""
    opts, lines = set(), text.splitlines()
    for i, line in enumerate(lines):
        if not line.strip():
            break
        opts.update(OPTION.findall(line.replace('usage:', ' ')))
    for line in lines:
        if re.match(r'^  -', line):
            head = re.split(r'\s{2,}', line.strip(), maxsplit=1)[0]
            opts.update(OPTION.findall(head))
    return opts


def man_options(text):
    """The options of the OPTIONS section of an mdoc page: each `.It`
    line's `Fl` words (`.It Fl o , Fl \\-output Ar file`: -o, --output)."""
    opts, inside = set(), False
    for line in text.splitlines():
        if line.startswith('.Sh '):
            inside = line.strip() == '.Sh OPTIONS'
            continue
        if inside and line.startswith('.It '):
            words = line.split()
            for i, w in enumerate(words[:-1]):
                if w == 'Fl':
                    opts.add('-' + words[i + 1].replace('\\-', '-'))
    return opts


def man_verbs(text):
    """The verbs mmscope(1) lists: `.It Cm VERB` of its DESCRIPTION."""
    return set(re.findall(r'^\.It Cm ([a-z]+)$', text, re.M))


def completion(script, words):
    """COMPREPLY for the command line `words` (the last is being
    completed), through the function `complete -p mmscope` names."""
    prog = r'''
        . "$0" || exit 1
        fn=$(complete -p mmscope | sed -n 's/.*-F \([^ ]*\) mmscope$/\1/p')
        [ -n "$fn" ] || exit 1
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        $fn mmscope "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
    '''
    p = subprocess.run(['bash', '--norc', '--noprofile', '-c', prog, script] + words,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return set(p.stdout.split()) if p.returncode == 0 else set()


class Tap:
    def __init__(self):
        self.n = 0

    def ok(self, cond, what, why=()):
        self.n += 1
        print('%sok %d - %s' % ('' if cond else 'not ', self.n, what))
        for line in ([] if cond else why):
            print('# ' + line)


def missing_lines(verb, page, miss_man, miss_comp):
    """What to add, for a failure's diagnostics."""
    out = []
    for o in sorted(miss_man):
        out.append('%s: add `.It Fl %s ...` to OPTIONS' % (page, o[1:].replace('-', '\\-')))
    for o in sorted(miss_comp):
        out.append('completion: add `%-12s %-17s KIND` to _mmscope_options' % (verb, o))
    return out


def main():
    if len(sys.argv) > 1 and sys.argv[1] in ('-h', '--help'):
        print(__doc__.strip())
        return 0
    if len(sys.argv) != 4:
        print('usage: drift.py MMSCOPE MANDIR COMPLETION (drift.py --help)',
              file=sys.stderr)
        return 2
    mmscope, mandir, script = sys.argv[1:]
    top = subprocess.run([mmscope, '--help'], stdout=subprocess.PIPE, text=True).stdout
    verbs = re.findall(r'^  ([a-z]+)  ', top, re.M)
    tap = Tap()
    print('1..%d' % (2 * len(verbs) + 4))

    # The checks catch a missing option: record's --help and one more.
    rec_help = subprocess.run([mmscope, 'record', '--help'], stdout=subprocess.PIPE,
                              text=True).stdout
    fake = rec_help + '  --drift-probe S      an option no page has\n'
    rec_page = open(os.path.join(mandir, 'mmscope-record.1')).read()
    rec_comp = completion(script, ['mmscope', 'record', '-'])
    tap.ok('--drift-probe' in help_options(fake) - man_options(rec_page) and
           '--drift-probe' in help_options(fake) - rec_comp,
           'an option --help lists and neither the page nor the completion has '
           'is found missing')

    main_page = open(os.path.join(mandir, 'mmscope.1')).read()
    miss = set(verbs) - man_verbs(main_page)
    tap.ok(verbs and not miss, 'mmscope(1) lists every verb mmscope --help lists (%d)'
           % len(verbs), ['mmscope.1: add `.It Cm %s` to DESCRIPTION' % v for v in sorted(miss)])
    miss = set(verbs) - completion(script, ['mmscope', ''])
    tap.ok(verbs and not miss, 'the completion offers every verb for mmscope <Tab>',
           ['completion: add `%s KIND` to _mmscope_verbs' % v for v in sorted(miss)])
    miss = help_options(top) - man_options(main_page)
    tap.ok(not miss, 'mmscope(1) has the options of mmscope --help',
           missing_lines('', 'mmscope.1', miss, ()))

    for verb in verbs:
        text = subprocess.run([mmscope, verb, '--help'], stdout=subprocess.PIPE,
                              text=True).stdout
        opts = help_options(text)
        page = 'mmscope-%s.1' % verb
        path = os.path.join(mandir, page)
        man = man_options(open(path).read()) if os.path.exists(path) else None
        miss = opts - (man or set())
        tap.ok(man is not None and opts and not miss,
               '%s: the %d options of --help are in %s' % (verb, len(opts), page),
               ['no page %s' % path] if man is None else
               missing_lines(verb, page, miss, ()))
        miss = opts - completion(script, ['mmscope', verb, '-'])
        tap.ok(opts and not miss, '%s: the completion offers them for mmscope %s -<Tab>'
               % (verb, verb), missing_lines(verb, page, (), miss))
    return 0


if __name__ == '__main__':
    sys.exit(main())
