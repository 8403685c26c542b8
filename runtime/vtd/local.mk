# SPDX-License-Identifier: BSD-2-Clause
# Intel VT-d: records to builder input, table format and builder, the
# independent walker and proofs, the blob's table sections, the software
# unit, the unit driver, /dev/mem access and the ACPI DMAR table.
runtime_libsmmurt_a_SOURCES += \
	runtime/vtd/vtd_arch.c runtime/vtd/vtd_arch.h runtime/vtd/vtd_regs.h \
	runtime/vtd/vtd_policy.c runtime/vtd/vtd_policy.h \
	runtime/vtd/vtd_pt.h runtime/vtd/vtd_pt.c \
	runtime/vtd/vtd_walk.h runtime/vtd/vtd_walk.c runtime/vtd/vtd_verify.c \
	runtime/vtd/vtd_verify_all.c runtime/vtd/vtd_verify_int.h \
	runtime/vtd/vtd_blob.c runtime/vtd/vtd_blob.h runtime/vtd/vtd_tables.c \
	runtime/vtd/vtd_boot.c \
	runtime/vtd/vtd_bootcheck.c runtime/vtd/vtd_bootcheck.h \
	runtime/vtd/vtd_bootcheck_policy.c runtime/vtd/vtd_bootcheck_int.h \
	runtime/vtd/vtd_sim.h runtime/vtd/vtd_sim.c \
	runtime/vtd/vtd_sim_cache.h runtime/vtd/vtd_sim_cache.c \
	runtime/vtd/vtd_drv.h runtime/vtd/vtd_drv.c \
	runtime/vtd/vtd_live.h runtime/vtd/vtd_live_int.h runtime/vtd/vtd_live.c \
	runtime/vtd/vtd_live_ctx.c runtime/vtd/vtd_live_scan.c \
	runtime/vtd/vtd_hw.c runtime/vtd/vtd_hw.h \
	runtime/vtd/dmar.c runtime/vtd/dmar.h \
	runtime/vtd/vtd_firmware.c runtime/vtd/vtd_firmware.h \
	runtime/vtd/backend_sim.c runtime/vtd/backend_devmem.c
# The VT-d blob sections: layout and its documentation.
dist_noinst_DATA += schemas/smmub_vtd.h schemas/vtd.md
