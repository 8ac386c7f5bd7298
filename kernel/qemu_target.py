"""qemu_target.py - `scons qemu` and `scons qemu-gdb`: the kernel alone in
QEMU, its console (COM1) on this terminal, for kernel hackers.

Everything the command line needs that depends on the kernel is read from
the kernel ELF itself, as `mmscope record` does (PROTOCOL.md 5):

- the CPUs: SMP= if given, else the scenario's own count, its entry in the
  section .mmscope.scenarios (the CPUS column of `mmscope scenarios`);
- the trace: COM2 goes to build/qemu.mmt, a trace file like `mmscope
  record`'s (PROTOCOL.md 4).  Its header (the kernel's path and build id,
  the kernel command line, the QEMU options) is written here first; QEMU
  then appends every COM2 byte to it, so `mmscope dump build/qemu.mmt`
  reads it during the run and after;
- with gdb, the gdbstub listens on 127.0.0.1 only: it answers whoever
  connects, and must not be reachable from other machines.
"""

import os
import struct
import subprocess
import sys
import time

SCEN_SECTION = '.mmscope.scenarios'
SCEN_SIZE = 128             # struct mmt_scen_desc
SCEN_NAME = 16              # its name[], NUL-padded
SCEN_MIN_CPUS = 120         # offsetof(struct mmt_scen_desc, min_cpus)
FILE_MAGIC = 0x46544d4d     # MMT_FILE_MAGIC, "MMTF"
FILE_VERSION = 1            # MMT_VERSION
HEADER_SIZE = 1024          # struct mmt_file_header
FILE_VIRTIO = 0x1           # MMT_FILE_VIRTIO: the stream came over virtio-serial
MAX_CPUS = 8                # the kernel's smp= range is 1..8


class Refusal(Exception):
    """A reason not to start QEMU, said to the user as it is."""


def elf_sections(path):
    """{name: bytes} of an ELF32 little-endian file's sections."""
    with open(path, 'rb') as f:
        elf = f.read()
    if elf[:6] != b'\x7fELF\x01\x01':
        raise Refusal('%s is not a 32-bit little-endian ELF (the kernel: '
                      'scons builds build/kernel/kernel.elf)' % path)
    shoff, = struct.unpack_from('<I', elf, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', elf, 0x2e)

    def header(i):      # sh_name, sh_type, sh_offset, sh_size
        h = struct.unpack_from('<10I', elf, shoff + i * shentsize)
        return h[0], h[1], h[4], h[5]

    _, _, stroff, _ = header(shstrndx)
    sections = {}
    for i in range(shnum):
        name, kind, off, size = header(i)
        end = elf.index(b'\0', stroff + name)
        if kind != 8:       # SHT_NOBITS has no contents
            sections[elf[stroff + name:end].decode()] = elf[off:off + size]
    return sections


def build_id(sections):
    """The GNU build id (20 bytes), or zeros when the ELF has none."""
    note = sections.get('.note.gnu.build-id', b'')
    if len(note) < 16:
        return bytes(20)
    namesz, descsz, _ = struct.unpack_from('<III', note, 0)
    desc = 12 + (namesz + 3) // 4 * 4
    return note[desc:desc + descsz].ljust(20, b'\0')[:20]


def scenario_cpus(sections, scenario):
    """The fewest CPUs scenario makes sense on, from the scenario table."""
    table = sections.get(SCEN_SECTION)
    if not table:
        raise Refusal('the kernel has no %s section' % SCEN_SECTION)
    names = []
    for at in range(0, len(table) - SCEN_SIZE + 1, SCEN_SIZE):
        name = table[at:at + SCEN_NAME].split(b'\0')[0].decode()
        if name == scenario:
            return max(1, table[at + SCEN_MIN_CPUS])
        names.append(name)
    raise Refusal('SCENARIO=%s: the kernel has no such scenario; known: %s'
                  % (scenario, ' '.join(names)))


def cpus(sections, scenario, smp):
    """SMP= as a number, or the scenario's own count when it is empty."""
    own = scenario_cpus(sections, scenario)
    if not smp:
        return own
    if not smp.isdigit() or not 1 <= int(smp) <= MAX_CPUS:
        raise Refusal('SMP=%s: CPUs are 1 to %d (or leave SMP out: the '
                      'scenario\'s own count)' % (smp, MAX_CPUS))
    return int(smp)


def write_header(path, kernel, ident, cmdline, qemu_args, virtio=False):
    """A trace file with its header and no stream yet (PROTOCOL.md 4);
    virtio: the stream comes over virtio-serial (MMT_FILE_VIRTIO)."""
    def text(s, size):
        return s.encode()[:size - 1].ljust(size, b'\0')

    h = struct.pack('<IHHQ20sI', FILE_MAGIC, FILE_VERSION, HEADER_SIZE,
                    int(time.time()), ident, FILE_VIRTIO if virtio else 0)
    h += text(kernel, 256) + text(cmdline, 256)
    h += text(qemu_args, HEADER_SIZE - len(h))
    assert len(h) == HEADER_SIZE
    with open(path, 'wb') as f:
        f.write(h)


def run(kernel, trace, scenario, smp, era, bug, gdbport=None, verbose=False,
        transport='com2'):
    """Boot the kernel; returns 0, or 1 after saying why it did not start.
    verbose: print QEMU's command line first (VERBOSE=1).  transport:
    the line the stream takes to the trace, com2 or virtio (a
    virtio-serial port, as mmscope record --transport virtio sets it up)."""
    try:
        sections = elf_sections(kernel)
        ncpu = cpus(sections, scenario, smp)
    except (OSError, ValueError, struct.error, Refusal) as e:
        print('scons: *** %s' % e, file=sys.stderr)
        return 1
    cmdline = 'scenario=%s smp=%d era=%s' % (scenario, ncpu, era)
    if bug:
        cmdline += ' bug=%s' % bug
    line = 'file,id=trace,path=%s,append=on' % trace.replace(',', ',,')
    opts = ['-smp', str(ncpu), '-m', '128', '-no-reboot',
            '-device', 'isa-debug-exit,iobase=0xf4,iosize=4',
            '-nographic', '-serial', 'mon:stdio', '-chardev', line]
    if transport == 'virtio':
        cmdline += ' transport=virtio'
        opts += ['-serial', 'null',
                 '-device', 'virtio-serial-pci,ioeventfd=off',
                 '-device', 'virtserialport,chardev=trace,nr=1,'
                 'name=org.mmscope.trace']
    else:
        opts += ['-serial', 'chardev:trace']
    if gdbport:
        opts += ['-S', '-gdb', 'tcp:127.0.0.1:%s' % gdbport]
    write_header(trace, os.path.abspath(kernel), build_id(sections), cmdline,
                 ' '.join(opts + ['-kernel', kernel, '-append', cmdline]),
                 transport == 'virtio')
    print('*** %s on %d CPU%s; the trace: mmscope dump %s'
          % (scenario, ncpu, 's' if ncpu > 1 else '', trace), flush=True)
    if gdbport:
        print("*** kernel halted: gdb %s -ex 'target remote 127.0.0.1:%s'"
              % (kernel, gdbport), flush=True)
    argv = [os.environ.get('MMSCOPE_QEMU') or 'qemu-system-i386'] + opts + \
        ['-kernel', kernel, '-append', cmdline]
    if verbose:
        print(' '.join(argv), flush=True)
    try:
        status = subprocess.call(argv)
    except OSError as e:
        print('scons: *** %s: %s (./setup.sh installs QEMU)' % (argv[0], e),
              file=sys.stderr)
        return 1
    print('*** QEMU exit status %d (33 ok, 35 the scenario failed, 37 panic, '
          '39 bad command line)' % status, flush=True)
    return 0
