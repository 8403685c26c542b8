#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make check: replays the wire-format seed corpus through its fuzz harness.
: "${top_srcdir:?}" "${top_builddir:?}"
name=proto
seeds="$top_srcdir/tests/fuzz/proto-seeds.sh"
tool="$top_builddir/tests/proto/test_proto"
harness="$top_builddir/tests/fuzz/fuzz_proto_run"
. "$top_srcdir/tests/fuzz/replay-corpus.sh"
