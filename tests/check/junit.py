#!/usr/bin/env python3
"""junit.py - validate a JUnit XML report as CI systems read it, and sum
it up.

Usage: junit.py FILE

The file must parse (python's XML parser), its root be <testsuites>
with only <testsuite> children, each with only <properties>, <testcase>,
<system-out> and <system-err>; every <testcase> needs a name and a
classname and holds at most one of <failure> (with a message), <error>
(with a message) or <skipped>; and the counts (tests, failures, errors,
skipped) of each suite and of the root must be what they hold.

Prints one line: "suites=N tests=N failures=N errors=N skipped=N", then
one line per failure or error: "KIND SUITE | CASE | MESSAGE".  Exit 1
with the reason when the file is not valid.
"""

import sys
import xml.etree.ElementTree as ET

SUITE_CHILDREN = {'properties', 'testcase', 'system-out', 'system-err'}


def fail(why):
    print('invalid JUnit XML: %s' % why)
    sys.exit(1)


def count(el, name):
    try:
        return int(el.get(name))
    except (TypeError, ValueError):
        fail('<%s name=%r> has no number %s' % (el.tag, el.get('name'), name))


def main():
    try:
        root = ET.parse(sys.argv[1]).getroot()
    except ET.ParseError as e:
        fail('does not parse: %s' % e)
    if root.tag != 'testsuites':
        fail('the root is <%s>, not <testsuites>' % root.tag)
    total = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
    lines = []
    for s in root:
        if s.tag != 'testsuite':
            fail('<testsuites> holds a <%s>' % s.tag)
        if not s.get('name'):
            fail('a <testsuite> without a name')
        got = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
        for c in s:
            if c.tag not in SUITE_CHILDREN:
                fail('<testsuite> holds a <%s>' % c.tag)
            if c.tag != 'testcase':
                continue
            if not c.get('name') or not c.get('classname'):
                fail('a <testcase> without a name or a classname')
            got['tests'] += 1
            kinds = [k for k in c if k.tag in ('failure', 'error', 'skipped')]
            if len(kinds) > 1 or len(kinds) != len(list(c)):
                fail('<testcase %s> holds %s' % (c.get('name'),
                                                 [k.tag for k in c]))
            for k in kinds:
                key = {'failure': 'failures', 'error': 'errors',
                       'skipped': 'skipped'}[k.tag]
                got[key] += 1
                if k.tag != 'skipped':
                    if not k.get('message'):
                        fail('a <%s> without a message' % k.tag)
                    lines.append('%s %s | %s | %s' % (k.tag, s.get('name'),
                                                      c.get('name'),
                                                      k.get('message')))
        for key, n in got.items():
            if count(s, key) != n:
                fail('<testsuite %s> says %s=%s, holds %d' % (
                    s.get('name'), key, s.get(key), n))
            total[key] += n
    for key, n in total.items():
        if count(root, key) != n:
            fail('<testsuites> says %s=%s, holds %d' % (key, root.get(key), n))
    print('suites=%d tests=%d failures=%d errors=%d skipped=%d' % (
        len(root), total['tests'], total['failures'], total['errors'],
        total['skipped']))
    for line in lines:
        print(line)


if __name__ == '__main__':
    main()
