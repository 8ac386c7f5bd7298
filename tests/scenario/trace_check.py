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
  trace_check.py ordered FILE   nothing if, in the order of the merge
                                (timestamp, cpu, seq), every MM_REF of
                                every mm follows from the one before it;
                                else the first that does not
  trace_check.py cross_cpu FILE nothing if cross_cpu_exit showed its case
                                in its order; else what is missing
  trace_check.py events FILE    every event, CPU by CPU in sequence order,
                                with every field but the numbers and
                                times (n, seq, ts, time_us, cycles) and
                                what the kernel measures (STREAM's
                                tsc_khz, STAT values); a message split
                                over MSG records is one line
  trace_check.py tally FILE     the events that arrived (LOST records
                                aside) and the events LOST records
                                count: "events N lost N"

Questions that answer nothing when all is well can be asked together,
clean,ordered: the first answer is printed (one Python start-up).
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
    lost = [x for x in events if x['type'] == 'lost']
    if lost:
        return 'LOST: %d events' % sum(x['count'] for x in lost)
    return ''


STEP = {'mmget': (1, 0), 'mmput': (-1, 0), 'mmgrab': (0, 1), 'mmdrop': (0, -1)}


def ordered(events):
    """The first MM_REF whose counters are not the previous ones plus its op."""
    now = {}
    for e in events:
        if e['type'] == 'mm_alloc':
            now[e['mm']] = (e['users'], e['count'])
        elif e['type'] == 'mm_free':
            now.pop(e['mm'], None)
        elif e['type'] == 'mm_ref' and e['mm'] in now:
            du, dc = STEP[e['op']]
            u, c = now[e['mm']]
            if (u + du, c + dc) != (e['users'], e['count']):
                return ('event %d (cpu %d): %s of mm %d gives %d/%d after %d/%d' %
                        (e['n'], e['cpu'], e['op'], e['mm'], e['users'], e['count'], u, c))
            now[e['mm']] = (e['users'], e['count'])
    return ''


def cross_cpu(events):
    """cross_cpu_exit: A's mmput to users 0 on CPU 0, then B's switch away on
    CPU 1 (its borrow the only count left), then MM_FREE of A's mm on CPU 1
    by finish_task_switch."""
    b = next((e['pid'] for e in events if e['type'] == 'task_new' and e['comm'] == 'busy'), None)
    if b is None:
        return 'no kernel thread B (comm busy)'
    borrow = next((e for e in events if e['type'] == 'switch' and e['next'] == b and
                   e['cpu'] == 1 and e['next_active'] > 1), None)
    if borrow is None:
        return 'B never switched in on cpu 1 borrowing a user mm'
    x, start = borrow['next_active'], events.index(borrow)
    put = next((e for e in events[start:] if e['type'] == 'mm_ref' and e['mm'] == x and
                e['op'] == 'mmput' and e['users'] == 0), None)
    if put is None or put['cpu'] != 0 or put['reason'] != 'exit_mm':
        return 'no exit_mm mmput of mm %d to users 0 on cpu 0 after B borrowed it' % x
    i = events.index(put)
    away = next((e for e in events[i:] if e['type'] == 'switch' and e['prev'] == b), None)
    if away is None or away['cpu'] != 1 or away['prev_active'] != x or not away['next_mm']:
        return 'B did not switch from mm %d to a user task on cpu 1 after the mmput' % x
    refs = [e for e in events[i:events.index(away)] if e['type'] == 'mm_ref' and e['mm'] == x]
    if not refs or (refs[-1]['users'], refs[-1]['count']) != (0, 1):
        return 'mm %d is not at users 0, count 1 when B switches away' % x
    free = next((e for e in events if e['type'] == 'mm_free' and e['mm'] == x), None)
    if free is None or events.index(free) < events.index(away) or free['cpu'] != 1 or \
            not free['caller_sym'].startswith('finish_task_switch'):
        return 'mm %d is not freed on cpu 1 by finish_task_switch after B switched away' % x
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


TIMES = ('n', 'seq', 'ts', 'time_us', 'cycles')
MEASURED = {'stream': ('tsc_khz',), 'stat': ('value',)}


def per_cpu(events):
    """Each event without its times, CPU by CPU, in each CPU's order; the
    MSG records of one message (consecutive, one level) joined."""
    rows, last = [], None
    for e in sorted(events, key=lambda e: (e['cpu'], e['seq'])):
        e = {k: v for k, v in e.items() if k not in TIMES + MEASURED.get(e['type'], ())}
        if e['type'] == 'msg' and last and last['type'] == 'msg' and \
                (last['cpu'], last['level']) == (e['cpu'], e['level']) and \
                last['text'].endswith(' '):
            last['text'] += e['text']
            continue
        rows.append(e)
        last = e
    return [' '.join('%s=%s' % (k, json.dumps(v, sort_keys=True)) for k, v in e.items())
            for e in rows]


def main():
    if sys.argv[1:2] == ['--help']:
        sys.stdout.write('usage: trace_check.py QUESTION[,QUESTION...] FILE\n\n' + __doc__)
        return
    if len(sys.argv) != 3:
        sys.stderr.write('usage: trace_check.py QUESTION FILE  (--help lists '
                         'the questions)\n')
        sys.exit(2)
    what, path = sys.argv[1], sys.argv[2]
    try:
        events, diags = load(path)
    except (OSError, ValueError) as e:
        sys.exit('trace_check.py: %s: not `mmscope dump --json` output: %s' % (path, e))
    if ',' in what:
        checks = {'clean': lambda: clean(events, diags), 'ordered': lambda: ordered(events),
                  'cross_cpu': lambda: cross_cpu(events)}
        if any(w not in checks for w in what.split(',')):
            sys.exit('trace_check.py: only clean, ordered and cross_cpu combine: %r' % what)
        print(next((a for a in (checks[w]() for w in what.split(',')) if a), ''))
    elif what == 'clean':
        print(clean(events, diags))
    elif what == 'refs':
        print('\n'.join(refs(events)))
    elif what == 'events':
        print('\n'.join(per_cpu(events)))
    elif what == 'tally':
        print('events %d lost %d' % (sum(1 for e in events if e['type'] != 'lost'),
                                     sum(e['count'] for e in events if e['type'] == 'lost')))
    elif what == 'signals':
        print(' '.join(str(e['signal']) for e in events
                       if e['type'] == 'task_exit' and e['signal']))
    elif what == 'panic':
        print(' '.join(e['msg'] for e in events if e['type'] == 'panic'))
    elif what == 'ordered':
        print(ordered(events))
    elif what == 'cross_cpu':
        print(cross_cpu(events))
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
