# SPDX-License-Identifier: BSD-2-Clause
# VT-d: table format and builder, the independent walker and proof, the
# software unit, the unit driver.
runtime_libsmmurt_a_SOURCES += \
	runtime/vtd_regs.h \
	runtime/vtd_pt.h runtime/vtd_pt.c \
	runtime/vtd_walk.h runtime/vtd_walk.c runtime/vtd_verify.c \
	runtime/vtd_sim.h runtime/vtd_sim.c \
	runtime/vtd_drv.h runtime/vtd_drv.c
# The VT-d blob sections: layout and its documentation.
dist_noinst_DATA += schemas/smmub_vtd.h schemas/vtd.md
