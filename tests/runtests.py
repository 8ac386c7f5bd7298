#!/usr/bin/env python3
"""runtests.py - run mmscope's tests and count the results.

Usage: runtests.py [-j JOBS] [--timeout SECONDS] [--build DIR]
                   [--sanitized DIR [--lsan-suppressions FILE]
                    [--with-sanitizers TEST]...] TEST...

Every TEST is an executable (a C unit-test program or a shell script) that
prints TAP: a plan line "1..N" and one "ok K - name" or "not ok K - name"
line per check.  Tests run in parallel, JOBS at a time.  A test that exits
non-zero, prints fewer results than its plan, or runs past its timeout adds
one failure of its own.  The environment of each test has BUILD, MMSCOPE
and KERNEL pointing into the build directory.

A TEST given with --with-sanitizers runs against the sanitizer build
DIR instead (BUILD, MMSCOPE in DIR; the kernel is still the one in the
build directory), with sanitizer options that stop at the first report
and write it to a file of its own: any report is a failure of that test,
whatever the test made of the exit status, and its first lines are shown.

The last line printed is "N passed, N failed"; the exit status is 1 when
anything failed.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

RESULT = re.compile(r'^(not ok|ok)\b\s*(\d*)\s*-?\s*(.*)$')
PLAN = re.compile(r'^1\.\.(\d+)')


def sanitizer_env(env, build, reports, suppressions):
    """env for a test of the sanitizer build in build, reporting into the
    directory reports."""
    env = dict(env)
    env['BUILD'] = build
    env['MMSCOPE'] = os.path.join(build, 'mmscope')
    env['MMSCOPE_KERNEL'] = env['KERNEL']
    env['TEST_TMPDIR'] = os.path.join(build, 'tests', 'tmp')
    log = 'log_path=%s:exitcode=23' % os.path.join(reports, 'report')
    env['ASAN_OPTIONS'] = 'halt_on_error=1:detect_leaks=1:' + log
    env['UBSAN_OPTIONS'] = 'halt_on_error=1:print_stacktrace=1:' + log
    env['LSAN_OPTIONS'] = ('suppressions=%s:print_suppressions=0' % suppressions
                           if suppressions else '')
    os.makedirs(env['TEST_TMPDIR'], exist_ok=True)
    return env


def sanitizer_reports(reports):
    """The reports the sanitizers wrote, as TAP diagnostics."""
    lines = []
    for f in sorted(os.listdir(reports)) if os.path.isdir(reports) else []:
        with open(os.path.join(reports, f), errors='replace') as r:
            text = [l.rstrip() for l in r if l.strip()]
        lines.append('not ok - sanitizer report %s:' % f)
        lines += ['  # ' + l for l in text[:12]]
    return lines


def run_one(path, timeout, env, reports=None):
    start = time.monotonic()
    if reports:
        shutil.rmtree(reports, ignore_errors=True)
        os.makedirs(reports)
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
    if reports and sanitizer_reports(reports):
        failed += 1
        failures += sanitizer_reports(reports)
    return path, passed, failed, failures, out, err, elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--timeout', type=int, default=240)
    ap.add_argument('--build', default='build')
    ap.add_argument('--sanitized', help='the sanitizer build directory')
    ap.add_argument('--lsan-suppressions', help="LeakSanitizer's suppressions")
    ap.add_argument('--with-sanitizers', action='append', default=[],
                    metavar='TEST', help='a test to run against --sanitized')
    ap.add_argument('tests', nargs='*')
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
        futs = {ex.submit(run_one, t, args.timeout, env): '' for t in args.tests}
        for i, t in enumerate(args.with_sanitizers):
            san = os.path.abspath(args.sanitized)
            reports = os.path.join(san, 'tests', 'reports', str(i))
            senv = sanitizer_env(env, san, reports, args.lsan_suppressions)
            futs[ex.submit(run_one, t, args.timeout, senv, reports)] = \
                os.path.basename(san) + ': '
        for f in concurrent.futures.as_completed(futs):
            path, passed, failed, failures, out, err, elapsed = f.result()
            total_pass += passed
            total_fail += failed
            name = futs[f] + os.path.relpath(path)
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
