#!/bin/sh
# names.sh - the name of each mm_struct in `mmscope dump` (model/lives.h)
# on a recorded lecture, where the kernel gives mm id 3 out again and
# again: in JSON every mm field X has an X_name beside it; each MM_ALLOC
# begins a name no other MM_ALLOC of the trace has; from an MM_ALLOC to
# its MM_FREE every event naming that id carries its name; the first
# mm_struct of an id is named by the id, a later one "id.life"; the
# text form adds X_name=... exactly where the name is not the id; and
# the fields dump printed before (mm=3) are unchanged.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/names.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
echo 1..6

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" >"$T/rec" 2>&1 ||
	echo "# record failed: $(tail -1 "$T/rec")"
"$MMSCOPE" dump --json "$T/lec.mmt" >"$T/lec.json" 2>/dev/null
"$MMSCOPE" dump "$T/lec.mmt" >"$T/lec.txt" 2>/dev/null

python3 - "$T/lec.json" "$T/lec.txt" <<'PY'
import json, re, sys

events = [json.loads(l) for l in open(sys.argv[1]) if '"diag"' not in l]
text = [l for l in open(sys.argv[2]) if not l.startswith("#")]
MM = re.compile(r"^(mm|.*_mm|.*_active)$")
n = 0

def ok(cond, what):
    global n
    n += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, what))

fields = [(e, k) for e in events for k in e
          if MM.match(k) and isinstance(e[k], int)]
ok(fields and all(k + "_name" in e for e, k in fields) and
   all((e[k + "_name"] is None) == (e[k] == 0) for e, k in fields),
   "every mm field X has X_name, null for no mm (%d fields)" % len(fields))

allocs = [e for e in events if e["type"] == "mm_alloc"]
names = [e["mm_name"] for e in allocs]
reused = {e["mm"] for e in allocs if names.count(str(e["mm"])) and
          sum(1 for a in allocs if a["mm"] == e["mm"]) > 1}
ok(len(names) == len(set(names)) and reused,
   "%d MM_ALLOCs, %d names, none twice; ids given out again: %s" %
   (len(names), len(set(names)), sorted(reused)))

bad, seen = [], {}
for e in events:
    for k in e:
        if not MM.match(k) or not isinstance(e[k], int) or not e[k]:
            continue
        if e["type"] == "mm_alloc":
            seen[e["mm"]] = e["mm_name"]
        if e[k] in seen and e[k + "_name"] != seen[e[k]]:
            bad.append((e["n"], k, e[k + "_name"], seen[e[k]]))
ok(not bad, "every event between an MM_ALLOC and the next of its id "
   "names the same mm_struct %s" % bad[:3])

form = all(re.fullmatch(r"%d(\.[2-9]|\.[1-9][0-9]+)?" % e["mm"], e["mm_name"])
           and (e["mm_name"] == str(e["mm"])) ==
           (sum(1 for a in allocs[:allocs.index(e)] if a["mm"] == e["mm"]) == 0)
           for e in allocs)
ok(form, "the first mm_struct of an id is named by the id, later ones id.N")

pairs = list(zip(events, text))
miss = [e["n"] for e, t in pairs
        if any(re.search(r" %s_name=%s( |$)" % (k, re.escape(e[k + "_name"])), t)
               is None for k in e
               if MM.match(k) and isinstance(e[k], int) and e[k] and
               e[k + "_name"] != str(e[k]))]
extra = [e["n"] for e, t in pairs
         if len(re.findall(r"_name=", t)) !=
         sum(1 for k in e if MM.match(k) and isinstance(e[k], int) and e[k]
             and e[k + "_name"] != str(e[k]))]
ok(len(pairs) == len(events) and not miss and not extra,
   "text: X_name=... where the name is not the id, nowhere else %s %s" %
   (miss[:3], extra[:3]))

kept = all(re.search(r"\b(mm|new_mm|prev_active)=%d\b" % e.get("mm", e.get(
           "new_mm", e.get("prev_active", -1))), t)
           for e, t in pairs if e["type"] in ("mm_alloc", "mm_free", "exec"))
ok(kept, "the numbers dump printed before are still there (mm=3 ...)")
PY
