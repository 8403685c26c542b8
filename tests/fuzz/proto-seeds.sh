#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Writes the wire-format fuzz seed corpus into DIR: one frame of each
# request op and each reply shape, the hand-written frames of test_proto.
# Usage: proto-seeds.sh TEST_PROTO DIR [GOLDEN (unused)]
set -eu
mkdir -p "$2"
"$1" --seeds "$2"
