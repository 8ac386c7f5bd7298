#!/usr/bin/env python3
"""fuzz.py - run mmscope's libFuzzer targets and say what they did.

Usage: fuzz.py --build DIR [--seconds N] [--quiet] [TARGET...]

Runs DIR/tests/fuzz/fuzz_TARGET (every target when none is named) for N
seconds each on its corpus: DIR/corpus/TARGET (what the runs found, kept
between runs) and tests/fuzz/TARGET/ (the seeds and regress/).  Prints
one line per target: executions, executions per second, corpus size,
and libFuzzer's coverage (cov: edges, ft: features).  A crash, leak or
hang is minimised (-minimize_crash) into tests/fuzz/TARGET/regress/,
where `scons test` replays it; the exit status is then 1.
"""

import argparse
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# longest input per target: a trace of a few frames, a stream, an expect
# file, a session of replies, a target description
MAX_LEN = {'mmtfile': 8192, 'decode': 2048, 'expect': 4096, 'rsp': 4096,
           'tdesc': 8192}
STATUS = re.compile(r'^#(\d+)\s+(?:DONE|pulse|NEW|REDUCE|INITED)\s+cov: (\d+)'
                    r' ft: (\d+) corp: (\d+)/(\S+)')
FOUND = re.compile(r'Test unit written to (\S+)')


def targets(build):
    found = sorted(glob.glob(os.path.join(build, 'tests', 'fuzz', 'fuzz_*')))
    return [os.path.basename(p)[len('fuzz_'):] for p in found
            if os.access(p, os.X_OK) and not p.endswith('.o')]


def minimise(prog, artifact, regress):
    """The smallest input that still fails, into regress/."""
    os.makedirs(regress, exist_ok=True)
    kind = os.path.basename(artifact).split('-')[0]
    with open(artifact, 'rb') as f:
        digest = hashlib.sha1(f.read()).hexdigest()[:12]
    out = os.path.join(regress, '%s-%s' % (kind, digest))
    subprocess.run([prog, '-minimize_crash=1', '-max_total_time=60',
                    '-timeout=10', '-exact_artifact_path=' + out, artifact],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not os.path.exists(out):
        shutil.copy(artifact, out)
    return out


def run(build, name, seconds, quiet):
    prog = os.path.join(build, 'tests', 'fuzz', 'fuzz_' + name)
    work = os.path.join(build, 'corpus', name)
    art = os.path.join(build, 'artifacts', name) + '/'
    os.makedirs(work, exist_ok=True)
    os.makedirs(art, exist_ok=True)
    argv = [prog, work, os.path.join(HERE, name),
            '-max_total_time=%d' % seconds, '-timeout=10',
            '-rss_limit_mb=2048', '-max_len=%d' % MAX_LEN.get(name, 4096),
            '-print_final_stats=1', '-artifact_prefix=' + art]
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, errors='replace')
    last, stats, found = None, {}, []
    for line in p.stdout.splitlines():
        m = STATUS.match(line)
        if m:
            last = m
        m = FOUND.search(line)
        if m:
            found.append(m.group(1))
        if line.startswith('stat::'):
            k, _, v = line[6:].partition(':')
            stats[k.strip()] = v.strip()
    if not quiet and (found or p.returncode):
        sys.stdout.write(''.join(l + '\n' for l in
                                 p.stdout.splitlines()[-40:]))
    execs = int(stats.get('number_of_executed_units', 0))
    rate = int(stats.get('average_exec_per_sec', 0))
    cov = '%s/%s' % (last.group(2), last.group(3)) if last else '-'
    corp = '%s/%s' % (last.group(4), last.group(5)) if last else '-'
    print('%-8s %12d execs %8d/s  corpus %-12s cov/ft %-11s %s' %
          (name, execs, rate, corp, cov,
           'ok' if not found and p.returncode == 0 else
           'FOUND %s' % ', '.join(minimise(prog, a, os.path.join(
               HERE, name, 'regress')) for a in found) if found else
           'exit %d' % p.returncode), flush=True)
    return 0 if not found and p.returncode == 0 else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', required=True)
    ap.add_argument('--seconds', type=int, default=60)
    ap.add_argument('--quiet', action='store_true')
    ap.add_argument('targets', nargs='*')
    args = ap.parse_args()
    if args.seconds < 1:    # libFuzzer takes 0 as "for ever"
        print('fuzz.py: --seconds must be 1 or more, not %d' % args.seconds,
              file=sys.stderr)
        return 2
    names = args.targets or targets(args.build)
    if not names:
        print('fuzz.py: no fuzz targets in %s/tests/fuzz (scons fuzz builds '
              'them)' % args.build, file=sys.stderr)
        return 2
    rc = 0
    for name in names:
        rc |= run(os.path.abspath(args.build), name, args.seconds, args.quiet)
    return rc


if __name__ == '__main__':
    sys.exit(main())
