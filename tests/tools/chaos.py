#!/usr/bin/env python3
"""chaos.py - run the chaos scenario over many seeds and say how each went.

Usage: chaos.py [--seeds N] [--first S] [--cpus 1,2,4] [--eras 2.6.32,modern]
                [--also SEED:CPUS:ERA]... [--ops N] [--verify-every MS]
                [-j JOBS] [--keep DIR] [--tap]

For every seed, CPU count and era (and each run --also names):
`mmscope check --run chaos --seed S`
with samples/chaos.expect (the checker's rules hold, END ok, no task,
mm or page left, nothing lost), then, with --verify-every MS,
`mmscope verify chaos --seed S --every MS` (guest memory agrees with
the trace at every halt; a verify whose QEMU was too slow to open its
gdbstub, on a busy host, runs once more, and the summary counts it).  One row per run: seed, cpus, era, events,
mm lifetimes (MM_ALLOCs but init_mm's), result, seconds; a failed run
also prints what failed and the commands that run it again, and its
trace stays in --keep DIR.  The last line sums it up, with the
lifetimes per second of the runs' own time.

--tap prints TAP instead (one line per run), for tests/chaos/.  The
environment's MMSCOPE and KERNEL name the programs (as runtests.py
sets them); the exit status is 1 if a run failed.
"""

import argparse
import concurrent.futures
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECT = os.path.join(HERE, '..', '..', 'samples', 'chaos.expect')


def run(argv, timeout):
    """(exit status, stdout + stderr) of argv; status None on a timeout."""
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=timeout)
        return p.returncode, p.stdout.decode('utf-8', 'replace')
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b'').decode('utf-8', 'replace')


def census(mmscope, kernel, trace):
    """(events, mm lifetimes) of a trace, from mmscope dump --json."""
    p = subprocess.run([mmscope, 'dump', '--json', '--kernel', kernel, trace],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    events = lifetimes = 0
    for line in p.stdout.splitlines():
        events += 1
        if b'"mm_alloc"' in line and json.loads(line).get('reason') != 'init':
            lifetimes += 1
    return events, lifetimes


def one(args, seed, cpus, era):
    """Run one seed; a dict with the row and, on failure, why and how to redo it."""
    opts = ['--seed', str(seed), '--smp', str(cpus), '--era', era]
    if args.ops:
        opts += ['--count', str(args.ops)]
    trace = os.path.join(args.keep, 'chaos-%d-%d-%s.mmt' % (seed, cpus, era))
    check = [args.mmscope, 'check', '--run', 'chaos'] + opts + [
        '--expect', args.expect, '--kernel', args.kernel, '--timeout', str(args.timeout),
        '-o', trace]
    t0 = time.monotonic()
    rc, out = run(check, args.timeout + 30)
    res = {'seed': seed, 'cpus': cpus, 'era': era, 'why': None, 'redo': [], 'retried': 0}
    res['events'], res['lifetimes'] = census(args.mmscope, args.kernel, trace)
    if rc != 0:
        res['why'] = 'check exited %s: %s' % (rc, failure_lines(out))
        res['redo'].append(check)
    elif args.verify_every:
        verify = [args.mmscope, 'verify', 'chaos'] + opts + [
            '--every', str(args.verify_every), '--halts', '100000',
            '--kernel', args.kernel, '--timeout', str(args.timeout)]
        rc, out = run(verify, args.timeout + 30)
        if rc != 0 and 'gdbstub does not answer' in out:
            res['retried'] = 1	# QEMU started too slowly on a busy host: once more
            rc, out = run(verify, args.timeout + 30)
        if rc != 0:
            res['why'] = 'verify exited %s: %s' % (rc, failure_lines(out))
            res['redo'].append(verify)
    res['seconds'] = time.monotonic() - t0
    if res['why'] is None:
        for f in (trace, trace + '.log'):
            if os.path.exists(f):
                os.unlink(f)
    return res


def failure_lines(out):
    """The lines of mmscope's output that say what went wrong."""
    keep = [l.strip() for l in out.splitlines()
            if 'to reproduce' not in l and
            (l.startswith(('FAIL', 'mmscope:', 'violation')) or 'MISMATCH' in l)]
    return ' | '.join((keep or out.strip().splitlines()[-1:])[:6])


def row(r):
    return '%10d %5d  %-7s %8d %10d  %-6s %8.2f' % (
        r['seed'], r['cpus'], r['era'], r['events'], r['lifetimes'],
        'pass' if r['why'] is None else 'FAIL', r['seconds'])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seeds', type=int, default=10, help='how many seeds (default 10)')
    ap.add_argument('--first', type=int, default=1, help='the first seed (default 1)')
    ap.add_argument('--cpus', default='4', help='CPU counts, e.g. 1,2,4 (default 4)')
    ap.add_argument('--eras', default='2.6.32,modern', help='eras (default both)')
    ap.add_argument('--also', action='append', default=[], metavar='SEED:CPUS:ERA',
                    help='one run more, e.g. 259:4:2.6.32 (repeatable)')
    ap.add_argument('--ops', type=int, default=0, help="operations per program (the kernel's default)")
    ap.add_argument('--verify-every', type=int, default=0, metavar='MS',
                    help='also mmscope verify --every MS')
    ap.add_argument('-j', '--jobs', type=int, default=1, help='runs at once (default 1)')
    ap.add_argument('--keep', help='where failed runs leave their traces (default: a new temporary directory)')
    ap.add_argument('--timeout', type=int, default=120, help='seconds per run (default 120)')
    ap.add_argument('--expect', default=EXPECT, help='the expect file (default samples/chaos.expect)')
    ap.add_argument('--tap', action='store_true', help='print TAP')
    args = ap.parse_args()
    args.mmscope = os.environ.get('MMSCOPE', os.path.join(HERE, '..', '..', 'build', 'mmscope'))
    args.kernel = os.environ.get('KERNEL', os.path.join(HERE, '..', '..', 'build', 'kernel', 'kernel.elf'))
    for what in (args.mmscope, args.kernel, args.expect):
        if not os.path.exists(what):
            print('chaos.py: %s does not exist (build with scons first)' % what, file=sys.stderr)
            return 2
    try:
        cpus = [int(c) for c in args.cpus.split(',')]
    except ValueError:
        print('chaos.py: bad --cpus %r: numbers separated by commas' % args.cpus, file=sys.stderr)
        return 2
    eras = args.eras.split(',')
    if args.keep is None:
        args.keep = tempfile.mkdtemp(prefix='mmscope-chaos-')
    os.makedirs(args.keep, exist_ok=True)
    todo = [(s, c, e) for s in range(args.first, args.first + args.seeds)
            for c in cpus for e in eras]
    for run in args.also:
        try:
            s, c, e = run.split(':')
            todo.append((int(s), int(c), e))
        except ValueError:
            print('chaos.py: bad --also %r: SEED:CPUS:ERA, e.g. 259:4:2.6.32' % run,
                  file=sys.stderr)
            return 2

    if args.tap:
        print('1..%d' % len(todo))
    else:
        print('%10s %5s  %-7s %8s %10s  %-6s %8s' % ('seed', 'cpus', 'era', 'events',
                                                  'lifetimes', 'result', 'seconds'))
    sys.stdout.flush()
    t0 = time.monotonic()
    results, failed = [], 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for k, r in enumerate(pool.map(lambda t: one(args, *t), todo), 1):
            results.append(r)
            ok = r['why'] is None
            failed += not ok
            if args.tap:
                print('%s %d - chaos seed %d, %d cpu(s), era %s: %d events, %d lifetimes' % (
                    'ok' if ok else 'not ok', k, r['seed'], r['cpus'], r['era'],
                    r['events'], r['lifetimes']))
            else:
                print(row(r))
            if not ok:
                pre = '# ' if args.tap else '    '
                print('%s%s' % (pre, r['why']))
                for cmd in r['redo']:
                    print('%sto reproduce: %s' % (pre, ' '.join(shlex.quote(a) for a in cmd)))
            sys.stdout.flush()
    wall = time.monotonic() - t0
    life = sum(r['lifetimes'] for r in results)
    busy = sum(r['seconds'] for r in results)
    retried = sum(r['retried'] for r in results)
    summary = ('chaos: %d runs, %d passed, %d failed; %d mm lifetimes in %.1f s of runs '
               '(%.1f lifetimes/s), %.1f s wall' % (len(results), len(results) - failed, failed,
                                                    life, busy, life / busy if busy else 0, wall))
    if retried:
        summary += '; %d verify runs again after QEMU\'s gdbstub did not answer in time' % retried
    print(('# ' if args.tap else '') + summary)
    if failed and not args.tap:
        print('failed traces are in %s' % args.keep)
    elif not os.listdir(args.keep):
        os.rmdir(args.keep)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
