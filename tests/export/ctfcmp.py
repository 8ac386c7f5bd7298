#!/usr/bin/env python3
"""ctfcmp.py - compare what babeltrace2 reads from an exported CTF trace
with `mmscope dump --json` of the same trace, event by event.

Usage: ctfcmp.py NAME DUMP.json BABELTRACE.txt BABELTRACE.err

BABELTRACE.txt is the output of `babeltrace2 --clock-cycles --no-delta DIR`
(pretty printer: one line per event), .err its stderr, where it reports
discarded events.  Prints TAP lines (no plan: the caller counts them):

  - the same number of events;
  - the same order and timestamps (TSC cycles) and CPUs and event names;
  - every field of every event: the same names, and the same values
    (an enumeration's label is the name dump prints, an address's label
    its symbol);
  - the events babeltrace2 says the tracer discarded, per CPU, are the
    events dump says were lost (sequence gaps and LOST records).
"""

import json
import re
import sys

from tappoints import Tap

LINE = re.compile(r'^\[(\d+)\] (\w+): \{ cpu_id = (\d+) \}, \{ (.*) \}$')
DISCARDED = re.compile(r'Tracer discarded (\d+) events .* within stream '
                       r'"[^"]*/cpu(\d+)"')
KEYS_NOT_FIELDS = {'n', 'cpu', 'seq', 'ts', 'time_us', 'cycles', 'type',
                   'model', 'violations', 'raw'}


class Enum:
    def __init__(self, label, value):
        self.label, self.value = label, value

    def __repr__(self):
        return '(%r : %d)' % (self.label, self.value)


class Parser:
    """The values babeltrace2's pretty printer writes."""

    def __init__(self, s):
        self.s, self.i = s, 0

    def skip(self, lit):
        if not self.s.startswith(lit, self.i):
            raise ValueError('expected %r at %r' % (lit, self.s[self.i:]))
        self.i += len(lit)

    def number(self):
        m = re.compile(r'-?(0x[0-9A-Fa-f]+|\d+)').match(self.s, self.i)
        if not m:
            raise ValueError('expected a number at %r' % self.s[self.i:])
        self.i = m.end()
        return int(m.group(0), 0)

    def string(self):
        self.skip('"')
        out = []
        while self.s[self.i] != '"':
            c = self.s[self.i]
            if c == '\\':
                self.i += 1
                c = {'n': '\n', 't': '\t', 'r': '\r'}.get(self.s[self.i],
                                                          self.s[self.i])
            out.append(c)
            self.i += 1
        self.i += 1
        return ''.join(out)

    def value(self):
        c = self.s[self.i]
        if c == '"':
            return self.string()
        if c == '(':
            self.skip('( ')
            label = None if self.s.startswith('<unknown>', self.i) else \
                self.string()
            if label is None:
                self.skip('<unknown>')
            self.skip(' : container = ')
            v = self.number()
            self.skip(' )')
            return Enum(label, v)
        if c == '[':
            self.skip('[ ')
            items = []
            while True:
                self.skip('[%d] = ' % len(items))
                items.append(self.value())
                if self.s.startswith(' ]', self.i):
                    self.i += 2
                    return items
                self.skip(', ')
        return self.number()

    def fields(self):
        out = {}
        while self.i < len(self.s):
            m = re.compile(r'(\w+) = ').match(self.s, self.i)
            if not m:
                raise ValueError('expected a field at %r' % self.s[self.i:])
            self.i = m.end()
            out[m.group(1)] = self.value()
            if self.i < len(self.s):
                self.skip(', ')
        return out


def read_dump(path):
    events, lost = [], {}
    for line in open(path):
        o = json.loads(line)
        if 'type' in o:
            events.append(o)
            if o['type'] == 'lost':
                lost[o['cpu']] = lost.get(o['cpu'], 0) + o['count']
        elif o.get('diag') == 'gap':
            lost[o['cpu']] = lost.get(o['cpu'], 0) + o['lost']
    return events, lost


def read_babeltrace(path):
    events = []
    for line in open(path):
        m = LINE.match(line.rstrip('\n'))
        if not m:
            raise ValueError('babeltrace2 line not understood: %r' % line)
        events.append({'ts': int(m.group(1)), 'type': m.group(2),
                       'cpu': int(m.group(3)),
                       'fields': Parser(m.group(4)).fields()})
    return events


def same(jv, cv, sym):
    """Does the CTF value cv say what dump's jv (and jv's symbol) says?"""
    if isinstance(cv, Enum):
        if sym is not None or isinstance(jv, int):   # an address
            return cv.value == jv and cv.label == sym
        if cv.label is not None:
            return cv.label == jv
        return cv.value == int(jv, 0)     # a value without a name
    if isinstance(cv, list):              # bytes: dump writes them in hex
        return bytes(cv).hex() == jv
    if isinstance(jv, int) and sym is None and isinstance(cv, int):
        return cv == jv
    return cv == jv


def field_diff(j, c):
    """The first difference between dump's event j and CTF's c, or None."""
    want = {k for k in j if k not in KEYS_NOT_FIELDS and
            not k.endswith('_sym') and
            not (k.endswith('_name') and k[:-5] in j)}   # model's names
    if want != set(c['fields']):
        return 'fields %s, babeltrace2 has %s' % (sorted(want),
                                                  sorted(c['fields']))
    for k in sorted(want):
        if not same(j[k], c['fields'][k], j.get(k + '_sym')):
            return '%s: dump %r%s, babeltrace2 %r' % (
                k, j[k], ' (%s)' % j[k + '_sym'] if j.get(k + '_sym')
                else '', c['fields'][k])
    return None


def main():
    name, dump_path, bt_path, err_path = sys.argv[1:5]
    tap = Tap(name)
    dump, lost = read_dump(dump_path)
    try:
        bt = read_babeltrace(bt_path)
    except ValueError as e:
        for what in ('event count', 'order, timestamps, CPUs, names',
                     'every field', 'discarded events'):
            tap.ok(False, what, str(e))
        return
    tap.ok(len(dump) == len(bt) and len(dump) > 0,
           'babeltrace2 reads %d events, dump %d' % (len(bt), len(dump)))

    order = None
    for k, (j, c) in enumerate(zip(dump, bt)):
        if (j['ts'], j['cpu'], j['type']) != (c['ts'], c['cpu'], c['type']):
            order = 'event %d: dump %s at %d on cpu %d, babeltrace2 %s at ' \
                '%d on cpu %d' % (k, j['type'], j['ts'], j['cpu'],
                                  c['type'], c['ts'], c['cpu'])
            break
    tap.ok(order is None, 'the same order, timestamps, CPUs and names',
           order or '')

    diff = None
    for k, (j, c) in enumerate(zip(dump, bt)):
        d = field_diff(j, c)
        if d:
            diff = 'event %d (%s): %s' % (k, j['type'], d)
            break
    tap.ok(diff is None, 'every field of every event', diff or '')

    discarded = {}
    for line in open(err_path):
        m = DISCARDED.search(line)
        if m:
            cpu = int(m.group(2))
            discarded[cpu] = discarded.get(cpu, 0) + int(m.group(1))
    lost = {c: n for c, n in lost.items() if n}
    tap.ok(discarded == lost, 'discarded events per cpu %s, lost in the '
           'trace %s' % (discarded, lost))


if __name__ == '__main__':
    main()
