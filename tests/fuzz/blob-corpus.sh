#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make check: replays the blob seed corpus through the blob reader's fuzz harness.
: "${top_srcdir:?}" "${top_builddir:?}"
name=blob
seeds="$top_srcdir/tests/fuzz/blob-seeds.sh"
tool="$top_builddir/tests/blob/blobtool"
harness="$top_builddir/tests/fuzz/fuzz_blob_run"
. "$top_srcdir/tests/fuzz/replay-corpus.sh"
