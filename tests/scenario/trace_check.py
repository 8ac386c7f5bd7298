#!/usr/bin/env python3
"""trace_check.py - facts the scenario tests ask of a trace, read from
`mmscope dump --json` output (JSON Lines).  Not a checker of Linux's
rules (that is `mmscope check`): only what a run must show to count as
finished cleanly, and the facts the tests compare.

  trace_check.py clean FILE     nothing printed if the run ended cleanly:
                                END ok, tasks 0, mms 0, free_end ==
                                free_start, no PANIC, no diagnostics
                                (gaps, garbage); else the first problem
  trace_check.py refs FILE      each mm_struct's history, one line per
                                MM_ALLOC..MM_FREE: op users count reason
  trace_check.py signals FILE   the signals of the user tasks that were
                                killed, in order
  trace_check.py panic FILE     the PANIC message, if there is one
  trace_check.py failure FILE   what ended the run, if not END ok: the
                                PANIC message, else END's text
  trace_check.py preempted FILE how many SWITCH records between user
                                tasks have prev_state running
"""

import json
import sys


def load(path):
    events, diags = [], []
    with open(path) as f:
        for line in f:
            row = json.loads(line)
            (diags if 'diag' in row else events).append(row)
    return events, diags


def clean(events, diags):
    if diags:
        return 'diagnostic: %s' % diags[0]['diag']
    panics = [e for e in events if e['type'] == 'panic']
    if panics:
        return 'PANIC: %s' % panics[0]['msg']
    ends = [e for e in events if e['type'] == 'end']
    if not ends:
        return 'no END record (%d events)' % len(events)
    e = ends[-1]
    if e is not events[-1]:
        return 'END is not the last record'
    if e['status'] != 'ok':
        return 'END status %s: %s' % (e['status'], e['text'])
    if e['tasks'] or e['mms']:
        return 'END: %d tasks and %d mms left' % (e['tasks'], e['mms'])
    if e['free_end'] != e['free_start']:
        return 'END: %d free pages at start, %d at end' % (e['free_start'], e['free_end'])
    return ''


def refs(events):
    live, done = {}, []
    for e in events:
        if e['type'] == 'mm_alloc':
            live[e['mm']] = ['alloc %d %d' % (e['users'], e['count'])]
        elif e['type'] == 'mm_ref' and e['mm'] in live:
            live[e['mm']].append('%s %d %d %s' % (e['op'], e['users'], e['count'], e['reason']))
        elif e['type'] == 'mm_free' and e['mm'] in live:
            done.append(live.pop(e['mm']) + ['free'])
    return [' | '.join(h) for h in done + list(live.values())]


def main():
    what, path = sys.argv[1], sys.argv[2]
    events, diags = load(path)
    if what == 'clean':
        print(clean(events, diags))
    elif what == 'refs':
        print('\n'.join(refs(events)))
    elif what == 'signals':
        print(' '.join(str(e['signal']) for e in events
                       if e['type'] == 'task_exit' and e['signal']))
    elif what == 'panic':
        print(' '.join(e['msg'] for e in events if e['type'] == 'panic'))
    elif what == 'failure':
        ends = [e for e in events if e['type'] == 'end' and e['status'] != 'ok']
        print(' '.join(e['msg'] for e in events if e['type'] == 'panic') or
              ' '.join(e['text'] for e in ends))
    elif what == 'preempted':
        print(sum(1 for e in events if e['type'] == 'switch' and e['prev_state'] == 'running'
                  and e['prev_mm'] and e['next_mm'] and e['prev'] != e['next']))
    else:
        sys.exit('trace_check.py: unknown question %r' % what)


if __name__ == '__main__':
    main()
