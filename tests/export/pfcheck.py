#!/usr/bin/env python3
"""pfcheck.py - check an `mmscope export --format perfetto` file against
`mmscope dump --json` of the same trace.

Usage: pfcheck.py NAME DUMP.json EXPORT.json

Prints TAP lines (no plan: the caller counts them):

  - the file is JSON in the Trace Event Format: an object with a
    traceEvents array whose objects all have ph, name, pid and ts, and
    every track (process, thread) that has events is named by a metadata
    event;
  - every counter sample of mm N equals mm_users and mm_count as the
    trace reports them at that timestamp (its MM_ALLOC or MM_REF there),
    and every such report has its sample;
  - the task slices of each CPU do not overlap, and each SWITCH starts a
    slice of its next task, with next_mm and next_active as mm and
    active_mm;
  - mm_alloc, mm_free, exec and leave_mm instants, one per event of the
    trace, and the checker's violations, one global instant each, with
    the rules dump --json reports.

Timestamps: the export's ts is microseconds to the nanosecond,
(tsc - tsc0) * 10^6 // tsc_khz with tsc0 the first event's TSC, as its
otherData says; the dump's events carry their TSC (ts).
"""

import json
import sys
from collections import Counter, defaultdict

from tappoints import Tap

CPUS, MM = 1, 1000          # the export's process ids (perfetto.c)


def ns(ts_us):
    """The export's "ts" (microseconds, 3 decimals) in nanoseconds."""
    s = '%.3f' % ts_us if isinstance(ts_us, float) else str(ts_us)
    whole, _, frac = s.partition('.')
    return int(whole) * 1000 + int((frac + '000')[:3])


def structure(doc):
    """The first thing wrong with the file's structure, or None."""
    if not isinstance(doc, dict) or not isinstance(doc.get('traceEvents'),
                                                   list):
        return 'no traceEvents array'
    named, used = set(), set()
    for e in doc['traceEvents']:
        for k in ('ph', 'name', 'pid', 'ts'):
            if k not in e:
                return 'an event without %s: %r' % (k, e)
        if e['ph'] == 'M':
            if e['name'] == 'process_name':
                named.add((e['pid'], None))
            if e['name'] == 'thread_name':
                named.add((e['pid'], e['tid']))
        else:
            used.add((e['pid'], None))
            if 'tid' in e:
                used.add((e['pid'], e['tid']))
    if used - named:
        return 'tracks without a name: %s' % sorted(used - named, key=str)
    return None


def main():
    name, dump_path, export_path = sys.argv[1:4]
    tap = Tap(name)
    try:
        doc = json.load(open(export_path), parse_float=str)
        bad = structure(doc)
    except ValueError as e:
        doc, bad = None, 'not JSON: %s' % e
    tap.ok(bad is None, 'Trace Event Format JSON, every track named', bad)
    if bad:
        for what in ('counters', 'counter reports', 'task slices',
                     'switches', 'instants', 'violations'):
            tap.ok(False, what, 'no usable file')
        return
    events = [e for e in doc['traceEvents'] if e['ph'] != 'M']
    other = doc.get('otherData', {})
    khz, tsc0 = other.get('tsc_khz'), other.get('tsc0')
    dump = [o for o in map(json.loads, open(dump_path)) if 'type' in o]

    def at(o):
        d = o['ts'] - tsc0
        return d * 1000000 // khz if khz else d

    # The counters the trace reports, last one at each (mm, time).
    reported = {}
    for o in dump:
        if o['type'] in ('mm_alloc', 'mm_ref'):
            reported[(o['mm'], at(o))] = (o['users'], o['count'])
    samples = {}
    for e in events:
        if e['ph'] == 'C':
            mm = e['pid'] - MM
            samples[(mm, ns(e['ts']))] = (e['args']['mm_users'],
                                           e['args']['mm_count'])
    wrong = [(k, v, reported.get(k)) for k, v in samples.items()
             if reported.get(k) != v]
    tap.ok(samples and not wrong, '%d counter samples, each the trace\'s '
           'mm_users and mm_count at its time' % len(samples),
           'mm, ns, sample, trace: %s' % wrong[:3])
    missing = sorted(set(reported) - set(samples))
    tap.ok(not missing, 'each of the %d counter reports of the trace has '
           'its sample' % len(reported), 'missing (mm, ns): %s' % missing[:5])

    # Task slices per CPU.
    slices = defaultdict(list)
    for e in events:
        if e['ph'] == 'X':
            slices[e['tid'] - 1].append((ns(e['ts']), ns(e['dur']),
                                         e['args']))
    overlap = None
    for cpu, sl in slices.items():
        sl.sort(key=lambda s: s[0])
        for a, b in zip(sl, sl[1:]):
            if a[1] <= 0 or a[0] + a[1] > b[0]:
                overlap = 'cpu %d: %s then %s' % (cpu, a, b)
    tap.ok(slices and overlap is None, '%d task slices on %d CPUs, none '
           'overlapping' % (sum(map(len, slices.values())), len(slices)),
           overlap)
    starts = {(cpu, s[0]): s[2] for cpu, sl in slices.items() for s in sl}
    same_time = Counter((o['cpu'], at(o)) for o in dump)
    bad = None
    switches = [o for o in dump if o['type'] == 'switch']
    for o in switches:
        key = (o['cpu'], at(o))
        if same_time[key] > 1:
            continue        # another event at its nanosecond may win
        a = starts.get(key)
        if a is None or (a['pid'], a['mm'], a['active_mm']) != \
                (o['next'], o['next_mm'], o['next_active']):
            bad = 'switch at cpu %d ns %d to %d: slice %s' % (
                o['cpu'], key[1], o['next'], a)
            break
    tap.ok(switches and bad is None, 'each of the %d switches starts a slice '
           'of its next task, its mm and active_mm' % len(switches), bad)

    kinds = ('mm_alloc', 'mm_free', 'exec', 'leave_mm')
    want = Counter(o['type'] for o in dump if o['type'] in kinds)
    got = Counter(e['name'] for e in events
                  if e['ph'] == 'i' and e['name'] in kinds)
    tap.ok(want == got, 'instants %s' % dict(got), 'trace: %s' % dict(want))
    want = Counter(v['rule'] for o in dump for v in o.get('violations', []))
    got = Counter(e['name'].split()[1] for e in events
                  if e['ph'] == 'i' and e.get('s') == 'g')
    tap.ok(want == got, 'violations %s' % dict(got), 'dump: %s' % dict(want))


if __name__ == '__main__':
    main()
