#!/bin/sh
# era_2632.sh - every expect file that holds for era 2.6.32.
ERA=2.6.32
. "$(dirname "$0")/lib.inc"
