"""tappoints.py - the test points ctfcmp.py and pfcheck.py print, which
tests/tap.inc's relay numbers: "ok - NAME: WHAT", or "not ok - ..." and
"# WHY"."""


class Tap:
    def __init__(self, name):
        self.name = name

    def ok(self, good, what, why=''):
        print('%s - %s: %s' % ('ok' if good else 'not ok', self.name, what))
        if not good and why:
            print('# ' + str(why)[:400])
