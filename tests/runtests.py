#!/usr/bin/env python3
"""runtests.py - run mmscope's tests and count the results.

Usage: runtests.py [-j JOBS] [--timeout SECONDS] TEST...

Every TEST is an executable (a C unit-test program or a shell script) that
prints TAP: a plan line "1..N" and one "ok K - name" or "not ok K - name"
line per check.  Tests run in parallel, JOBS at a time.  A test that exits
non-zero, prints fewer results than its plan, or runs past its timeout adds
one failure of its own.  The environment of each test has BUILD, MMSCOPE
and KERNEL pointing into the build directory.

The last line printed is "N passed, N failed"; the exit status is 1 when
anything failed.
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import time

RESULT = re.compile(r'^(not ok|ok)\b\s*(\d*)\s*-?\s*(.*)$')
PLAN = re.compile(r'^1\.\.(\d+)')


def run_one(path, timeout, env):
    start = time.monotonic()
    try:
        p = subprocess.run([path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, env=env, timeout=timeout)
        out, err, rc, timed_out = p.stdout, p.stderr, p.returncode, False
    except subprocess.TimeoutExpired as e:
        out, err, rc, timed_out = e.stdout or b'', e.stderr or b'', None, True
    except OSError as e:
        out, err, rc, timed_out = b'', str(e).encode(), 127, False
    elapsed = time.monotonic() - start
    out = out.decode('utf-8', 'replace')
    err = err.decode('utf-8', 'replace')

    passed, failed, plan, failures = 0, 0, None, []
    in_failure = False
    for line in out.splitlines():
        if in_failure and line.startswith('#'):
            failures.append('  ' + line)    # the failure's TAP diagnostics
            continue
        in_failure = False
        m = PLAN.match(line)
        if m:
            plan = int(m.group(1))
            continue
        m = RESULT.match(line)
        if not m:
            continue
        skip = '# SKIP' in line.upper()
        if m.group(1) == 'ok' or skip:
            passed += 1
        else:
            failed += 1
            failures.append(line)
            in_failure = True
    problem = None
    if timed_out:
        problem = 'timed out after %ds' % timeout
    elif rc != 0 and failed == 0:
        problem = 'exited with status %s' % rc
    elif plan is None:
        problem = 'printed no TAP plan (1..N)'
    elif passed + failed < plan:
        problem = 'planned %d checks, ran %d' % (plan, passed + failed)
    if problem:
        failed += 1
        failures.append('not ok - %s' % problem)
    return path, passed, failed, failures, out, err, elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--timeout', type=int, default=240)
    ap.add_argument('--build', default='build')
    ap.add_argument('tests', nargs='+')
    args = ap.parse_args()

    env = dict(os.environ)
    build = os.path.abspath(args.build)
    env.setdefault('BUILD', build)
    env.setdefault('MMSCOPE', os.path.join(build, 'mmscope'))
    env.setdefault('KERNEL', os.path.join(build, 'kernel', 'kernel.elf'))
    env['TEST_TMPDIR'] = os.path.join(build, 'tests', 'tmp')
    os.makedirs(env['TEST_TMPDIR'], exist_ok=True)

    total_pass = total_fail = 0
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futs = [ex.submit(run_one, t, args.timeout, env) for t in args.tests]
        for f in concurrent.futures.as_completed(futs):
            path, passed, failed, failures, out, err, elapsed = f.result()
            total_pass += passed
            total_fail += failed
            name = os.path.relpath(path)
            status = 'PASS' if failed == 0 else 'FAIL'
            print('%s  %-40s %3d passed, %d failed  (%.1fs)' %
                  (status, name, passed, failed, elapsed), flush=True)
            if failed:
                for line in failures:
                    print('      ' + line)
                tail = (out.splitlines() + err.splitlines())[-30:]
                for line in tail:
                    if not RESULT.match(line):
                        print('    | ' + line)
    print('tests took %.1fs' % (time.monotonic() - start))
    print('%d passed, %d failed' % (total_pass, total_fail))
    return 1 if total_fail else 0


if __name__ == '__main__':
    sys.exit(main())
