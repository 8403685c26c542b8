# SPDX-License-Identifier: BSD-2-Clause
# ARM SMMUv3: the format (stated once), the builder, the independent walker
# and proof, the simulated unit, the board's topology from a device tree.
runtime_libsmmurt_a_SOURCES += runtime/smmuv3/smmuv3_regs.h \
	runtime/smmuv3/smmuv3_pt.h runtime/smmuv3/smmuv3_walk.h
# builder (smmuv3_pt.c)
runtime_libsmmurt_a_SOURCES += runtime/smmuv3/smmuv3_pt.c
# walker and proof (smmuv3_walk.c, smmuv3_verify.c)
runtime_libsmmurt_a_SOURCES += runtime/smmuv3/smmuv3_walk.c runtime/smmuv3/smmuv3_verify.c \
	runtime/smmuv3/smmuv3_verify.h runtime/smmuv3/smmuv3_walk_int.h
# simulated unit (smmuv3_sim.c)
runtime_libsmmurt_a_SOURCES += runtime/smmuv3/smmuv3_sim.c runtime/smmuv3/smmuv3_sim_dma.c \
	runtime/smmuv3/smmuv3_sim.h runtime/smmuv3/smmuv3_sim_priv.h
# device tree (smmuv3_fdt.c; lookups on its result, smmuv3_fdt_query.c)
runtime_libsmmurt_a_SOURCES += runtime/smmuv3/smmuv3_fdt.c runtime/smmuv3/smmuv3_fdt.h \
	runtime/smmuv3/smmuv3_fdt_query.c runtime/smmuv3/smmuv3_board.c \
	runtime/smmuv3/smmuv3_board.h
# unit driver (smmuv3_drv.c, smmuv3_drv_evtq.c)
runtime_libsmmurt_a_SOURCES += runtime/smmuv3/smmuv3_drv.c runtime/smmuv3/smmuv3_drv_evtq.c \
	runtime/smmuv3/smmuv3_drv.h
# blob sections, builder input, tables at compile time and at boot, the entry
runtime_libsmmurt_a_SOURCES += runtime/smmuv3/smmuv3_blob.c runtime/smmuv3/smmuv3_blob.h \
	runtime/smmuv3/smmuv3_policy.c runtime/smmuv3/smmuv3_policy.h \
	runtime/smmuv3/smmuv3_tables.c runtime/smmuv3/smmuv3_boot.c \
	runtime/smmuv3/smmuv3_arch.c runtime/smmuv3/smmuv3_arch.h runtime/smmuv3/backend_sim.c \
	runtime/smmuv3/backend_devmem.c
# live updates for smmuman's clients (iommu/live.h)
runtime_libsmmurt_a_SOURCES += runtime/smmuv3/smmuv3_live.c runtime/smmuv3/smmuv3_live_open.c \
	runtime/smmuv3/smmuv3_live_pt.c runtime/smmuv3/smmuv3_live.h
dist_noinst_DATA += schemas/smmub_smmuv3.h schemas/smmuv3.md
