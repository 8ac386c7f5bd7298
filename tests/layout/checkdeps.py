#!/usr/bin/env python3
"""checkdeps.py - the inspector's layers, checked (in the spirit of
Chromium's checkdeps).

Usage: checkdeps.py includes ROOT
       checkdeps.py symbols ROOT BUILD
       checkdeps.py files ROOT FOLDER [BUILD]

`includes` reads ROOT/inspector/LAYERS and every #include "..." of every
.c and .h file under ROOT/inspector: a file may include headers of its
own layer, of the layers listed before it, and protocol/mmtrace.h.
`symbols` runs nm on BUILD/inspector/libLAYER.a and checks that every
global symbol a layer defines starts with one of the prefixes LAYERS
gives it.  `files` checks that the files of one folder (a layer that
asks for it: two-way calls inside a folder are otherwise fine) do not
use each other in a circle, by their #includes (x.c, x.h and x_int.h,
x's private header, are one file: x) and, given BUILD, by the calls and data references between
the objects of BUILD/inspector/libFOLDER.a.  Each problem is one line,
FILE:LINE: what and why; the exit status is 1 when there is any.
"""

import os
import re
import subprocess
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
PROTOCOL = {'mmtrace.h'}


def read_layers(root):
    """[(name, [prefix...])] in order, lowest first."""
    layers = []
    with open(os.path.join(root, 'inspector', 'LAYERS')) as f:
        for line in f:
            if not line.strip() or line.startswith('#'):
                continue
            cols = [c.strip() for c in line.split('|')]
            layers.append((cols[0], cols[1].split() if len(cols) > 1 else []))
    return layers


def check_includes(root):
    layers = read_layers(root)
    rank = {name: i for i, (name, _) in enumerate(layers)}
    top = os.path.join(root, 'inspector')
    problems, edges = [], set()
    for entry in sorted(os.listdir(top)):
        path = os.path.join(top, entry)
        if entry.endswith(('.c', '.h')):
            problems.append('inspector/%s: not in a layer folder (inspector/LAYERS '
                            'lists the folders)' % entry)
        if os.path.isdir(path) and entry not in rank:
            problems.append('inspector/%s/: a folder that is not a layer; add it '
                            'to inspector/LAYERS, in order' % entry)
    for name, _ in layers:
        folder = os.path.join(top, name)
        if not os.path.isdir(folder):
            problems.append('inspector/LAYERS: layer %s has no folder inspector/%s/'
                            % (name, name))
            continue
        for fn in sorted(os.listdir(folder)):
            if not fn.endswith(('.c', '.h')):
                continue
            rel = 'inspector/%s/%s' % (name, fn)
            with open(os.path.join(folder, fn), encoding='utf-8') as f:
                for lineno, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    inc = m.group(1)
                    if inc in PROTOCOL:
                        continue
                    if '/' not in inc:
                        problems.append('%s:%d: includes "%s": name the layer '
                                        '("%s/%s")' % (rel, lineno, inc, name, inc))
                        continue
                    layer = inc.split('/')[0]
                    if layer not in rank:
                        problems.append('%s:%d: includes "%s": %s is not a layer '
                                        '(inspector/LAYERS)' % (rel, lineno, inc, layer))
                        continue
                    if not os.path.exists(os.path.join(top, inc)):
                        problems.append('%s:%d: includes "%s", which does not exist'
                                        % (rel, lineno, inc))
                    if layer != name:
                        edges.add((name, layer))
                    if rank[layer] > rank[name]:
                        problems.append('%s:%d: includes "%s": layer %s may not use '
                                        '%s, which is above it (inspector/LAYERS)'
                                        % (rel, lineno, inc, name, layer))
    return problems, edges, [n for n, _ in layers]


def find_cycle(nodes, edges):
    """A cycle in the folder graph as a list of folders, or None."""
    succ = {n: sorted(b for a, b in edges if a == n) for n in nodes}
    state = {n: 0 for n in nodes}     # 0 new, 1 on the stack, 2 done
    stack = []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for s in succ.get(n, []):
            if state.get(s) == 1:
                return stack[stack.index(s):] + [s]
            if state.get(s) == 0:
                c = visit(s)
                if c:
                    return c
        stack.pop()
        state[n] = 2
        return None

    for n in nodes:
        if state[n] == 0:
            c = visit(n)
            if c:
                return c
    return None


def stem(fn):
    """The file a source belongs to: x for x.c, x.h and x_int.h."""
    name = os.path.splitext(fn)[0]
    return name[:-4] if name.endswith('_int') else name


def folder_includes(root, folder):
    """The files of inspector/FOLDER (by stem()) and the edges between
    them by #include, each with where it is made."""
    top = os.path.join(root, 'inspector', folder)
    nodes, edges = set(), {}
    for fn in sorted(os.listdir(top)):
        if not fn.endswith(('.c', '.h')):
            continue
        a = stem(fn)
        nodes.add(a)
        with open(os.path.join(top, fn), encoding='utf-8') as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m or not m.group(1).startswith(folder + '/'):
                    continue
                b = stem(m.group(1)[len(folder) + 1:])
                if b != a:
                    edges.setdefault((a, b), 'inspector/%s/%s:%d includes "%s"'
                                     % (folder, fn, lineno, m.group(1)))
    return sorted(nodes), edges


def folder_objects(lib):
    """The objects of the archive lib (x.o is x) and the edges between
    them: a uses a global symbol that b defines, each with a symbol."""
    out = subprocess.run(['nm', '-g', lib], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    defs, uses, member = {}, [], None
    for line in out.splitlines():
        if line.endswith(':'):
            member = os.path.splitext(line[:-1])[0]
            continue
        cols = line.split()
        if len(cols) == 2 and cols[0] == 'U':
            uses.append((member, cols[1]))
        elif len(cols) == 3 and cols[1] not in 'Uw':
            defs[cols[2]] = member
    nodes = sorted(set(defs.values()) | {a for a, _ in uses})
    edges = {}
    for a, sym in sorted(uses):
        b = defs.get(sym)
        if b and b != a:
            edges.setdefault((a, b), '%s.o uses %s' % (a, sym))
    return nodes, edges


def circle_problem(folder, what, nodes, edges):
    """A problem naming the first circle of the graph, or None."""
    cycle = find_cycle(nodes, set(edges))
    if not cycle:
        return None
    why = '; '.join(edges[(a, b)] for a, b in zip(cycle, cycle[1:]))
    return ('inspector/%s: files %s each other in a circle: %s (%s); one of '
            'them must do without the other' % (folder, what, ' -> '.join(cycle), why))


def check_files(root, folder, build):
    problems = []
    if not os.path.isdir(os.path.join(root, 'inspector', folder)):
        return ['inspector/%s/: no such folder' % folder]
    p = circle_problem(folder, 'include', *folder_includes(root, folder))
    if p:
        problems.append(p)
    if build:
        lib = os.path.join(build, 'inspector', 'lib%s.a' % folder)
        if not os.path.exists(lib):
            return problems + ['%s: missing (build it with scons)' % lib]
        p = circle_problem(folder, 'call', *folder_objects(lib))
        if p:
            problems.append(p)
    return problems


def check_symbols(root, build):
    problems = []
    for name, prefixes in read_layers(root):
        lib = os.path.join(build, 'inspector', 'lib%s.a' % name)
        if not os.path.exists(lib):
            problems.append('%s: missing (build it with scons)' % lib)
            continue
        out = subprocess.run(['nm', '-g', '--defined-only', lib], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        member = '?'
        for line in out.splitlines():
            if line.endswith(':'):
                member = line[:-1]
                continue
            cols = line.split()
            if len(cols) != 3:
                continue
            sym = cols[2]
            if not any(sym.startswith(p) or sym == p.rstrip('_') for p in prefixes):
                problems.append('inspector/%s/%s: exports %s, which does not start '
                                'with a prefix of layer %s (%s): rename it, make it '
                                'static, or add its component to inspector/LAYERS'
                                % (name, member.replace('.o', '.c'), sym, name,
                                   ' '.join(prefixes)))
    return problems


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == 'includes':
        problems, edges, nodes = check_includes(sys.argv[2])
        cycle = find_cycle(nodes, edges)
        if cycle:
            problems.append('inspector: the folders include each other in a '
                            'circle: %s' % ' -> '.join(cycle))
    elif len(sys.argv) >= 4 and sys.argv[1] == 'symbols':
        problems = check_symbols(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == 'files':
        problems = check_files(sys.argv[2], sys.argv[3],
                               sys.argv[4] if len(sys.argv) == 5 else None)
    else:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
