#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make check: replays the tables seed corpus through the boot-time proof's
# fuzz harness.
: "${top_srcdir:?}" "${top_builddir:?}"
name=tables
seeds="$top_srcdir/tests/fuzz/tables-seeds.sh"
tool="$top_builddir/tests/vtd/tabtool"
harness="$top_builddir/tests/fuzz/fuzz_tables_run"
. "$top_srcdir/tests/fuzz/replay-corpus.sh"
