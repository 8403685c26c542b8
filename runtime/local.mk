# SPDX-License-Identifier: BSD-2-Clause
# libsmmurt: the blob reader, VT-d tables and drivers; shared by smmucc and smmuman.
noinst_LIBRARIES += runtime/libsmmurt.a
runtime_libsmmurt_a_SOURCES =
include runtime/blob.mk
include runtime/vtd.mk
include runtime/hw.mk
include runtime/daemon.mk
