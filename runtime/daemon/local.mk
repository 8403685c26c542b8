# SPDX-License-Identifier: BSD-2-Clause
# smmuman: the daemon. Its own modules are not in libsmmurt: nothing else
# needs them. smmuman-safety is the same code built as the safety variant.
SMMUMAN_SOURCES = runtime/daemon/smmuman.c $(SMMUMAN_CORE_SOURCES)
# all of smmuman but its main(): the monitor's unit test links these
SMMUMAN_CORE_SOURCES = runtime/daemon/boot.c runtime/daemon/boot.h \
	runtime/daemon/boot_int.h runtime/daemon/boot_tables.c runtime/daemon/boot_tmem.c \
	runtime/daemon/boot_drv.c runtime/daemon/boot_say.c \
	runtime/daemon/log.c runtime/daemon/log.h runtime/daemon/safety.c runtime/daemon/safety.h \
	runtime/daemon/privdrop.c runtime/daemon/privdrop.h \
	runtime/daemon/server.c runtime/daemon/server.h runtime/daemon/server_int.h \
	runtime/daemon/server_obj.c runtime/daemon/server_ext.c runtime/daemon/server_pci.c \
	runtime/daemon/server_text.c
sbin_PROGRAMS += runtime/smmuman
runtime_smmuman_SOURCES = $(SMMUMAN_SOURCES)
runtime_smmuman_LDADD = runtime/libsmmurt.a $(FDT_LIBS)
if SAFETY
sbin_PROGRAMS += runtime/smmuman-safety
runtime_smmuman_safety_SOURCES = $(SMMUMAN_SOURCES)
runtime_smmuman_safety_CPPFLAGS = $(AM_CPPFLAGS) -DSMMU_SAFETY_VARIANT
runtime_smmuman_safety_LDADD = runtime/libsmmurt.a $(FDT_LIBS)
endif
# The fault monitor's rate limit, in the library for its unit test.
runtime_libsmmurt_a_SOURCES += runtime/daemon/fault_rate.c runtime/daemon/fault_rate.h
