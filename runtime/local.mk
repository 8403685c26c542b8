# SPDX-License-Identifier: BSD-2-Clause
# libsmmurt: what smmucc and smmuman share (blob reader, the IOMMU layer and
# its architectures); smmuman's own modules are in runtime/daemon.
noinst_LIBRARIES += runtime/libsmmurt.a
runtime_libsmmurt_a_SOURCES =
include runtime/util/local.mk
include runtime/blob/local.mk
include runtime/iommu/local.mk
include runtime/vtd/local.mk
include runtime/smmuv3/local.mk
include runtime/proto/local.mk
include runtime/daemon/local.mk
