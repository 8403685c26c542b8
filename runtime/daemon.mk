# SPDX-License-Identifier: BSD-2-Clause
# Shared by smmucc (--query, table building) and smmuman.
runtime_libsmmurt_a_SOURCES += runtime/probe.c runtime/probe.h \
	runtime/vtd_policy.c runtime/vtd_policy.h runtime/unit_io.h
runtime_libsmmurt_a_SOURCES += runtime/fdt_regions.c runtime/fdt_regions.h
runtime_libsmmurt_a_SOURCES += runtime/vtd_blob.c runtime/vtd_blob.h runtime/vtd_bootcheck.c \
	runtime/vtd_bootcheck.h runtime/vtd_bootcheck_policy.c runtime/vtd_bootcheck_int.h
runtime_libsmmurt_a_SOURCES += runtime/fault_fmt.c runtime/fault_fmt.h

# smmuman: the daemon. Its own modules are not in libsmmurt: nothing else
# needs them. smmuman-safety is the same code built as the safety variant.
SMMUMAN_SOURCES = runtime/smmuman.c runtime/boot.c runtime/boot.h runtime/boot_int.h \
	runtime/boot_tables.c runtime/boot_tmem.c runtime/boot_drv.c runtime/backend.h runtime/backend.c \
	runtime/backend_sim.c \
	runtime/backend_vtd.c runtime/log.c runtime/log.h runtime/safety.c runtime/safety.h \
	runtime/privdrop.c runtime/privdrop.h
sbin_PROGRAMS += runtime/smmuman
runtime_smmuman_SOURCES = $(SMMUMAN_SOURCES)
runtime_smmuman_LDADD = runtime/libsmmurt.a $(FDT_LIBS)
if SAFETY
sbin_PROGRAMS += runtime/smmuman-safety
runtime_smmuman_safety_SOURCES = $(SMMUMAN_SOURCES)
runtime_smmuman_safety_CPPFLAGS = $(AM_CPPFLAGS) -DSMMU_SAFETY_VARIANT
runtime_smmuman_safety_LDADD = runtime/libsmmurt.a $(FDT_LIBS)
endif
# one escaping rule for every name that reaches a terminal or the log
runtime_libsmmurt_a_SOURCES += runtime/escape.c runtime/escape.h
runtime_libsmmurt_a_SOURCES += runtime/fault_rate.c runtime/fault_rate.h
