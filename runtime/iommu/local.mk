# SPDX-License-Identifier: BSD-2-Clause
# What every architecture shares: the architecture table, the access
# methods and the unit seam, probes and their answers, fault text,
# late-bound names from a device tree.
runtime_libsmmurt_a_SOURCES += runtime/iommu/arch.c runtime/iommu/arch.h \
	runtime/iommu/pages.c runtime/iommu/pages.h \
	runtime/iommu/live.h runtime/iommu/pool.c runtime/iommu/pool.h \
	runtime/iommu/input.c runtime/iommu/input.h \
	runtime/iommu/streams.c runtime/iommu/streams.h \
	runtime/iommu/backend.c runtime/iommu/backend.h runtime/iommu/unit_io.h \
	runtime/iommu/devmem.c runtime/iommu/devmem.h \
	runtime/iommu/probe.c runtime/iommu/probe.h \
	runtime/iommu/fault_fmt.c runtime/iommu/fault_fmt.h \
	runtime/iommu/fdt_regions.c runtime/iommu/fdt_regidx.c runtime/iommu/fdt_regions.h
