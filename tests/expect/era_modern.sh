#!/bin/sh
# era_modern.sh - every expect file that holds for era modern.
ERA=modern
. "$(dirname "$0")/lib.inc"
