#!/bin/sh
# bugs.sh - every fault injection (bug=) is reported, never a hang or a
# triple fault: the run ends with a PANIC record whose message names the
# mm (__mmdrop refusing to free an mm still in use) or with END fail
# naming the mm that leaked, mmscope record reports a failed run, and
# there is no gap before.
. "$(dirname "$0")/lib.inc"
echo 1..16
for era in 2.6.32 modern; do
	for case in exit_no_grab:fork_exit:__mmdrop lazy_no_grab:kthread_borrow:__mmdrop \
		    no_prev_drop:fork_exit:leak mmput_frees:fork_exit:__mmdrop; do
		bug=${case%%:*}
		rest=${case#*:}
		scen=${rest%%:*}
		want=${rest#*:}
		record "$bug.$era" "$scen" --era $era --bug $bug
		msg=$($CHECK failure "$T/$bug.$era.json")
		ok $(echo "$msg" | grep -q "^$want: mm [0-9]"; echo $?) \
			"bug=$bug ($scen, era $era): the run ends with '$want: mm N ...'" \
			"ended with '$msg'; $(tail -1 "$T/$bug.$era.out")"
		grep -q '"diag":"\(gap\|garbage\|bad_crc\|truncated\)"' "$T/$bug.$era.json"
		ok $([ $? -ne 0 ] && [ $rc -eq 1 ]; echo $?) \
			"bug=$bug ($scen, era $era): no gap, mmscope record reports a failed run" "rc $rc"
	done
done
