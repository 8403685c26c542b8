# SPDX-License-Identifier: BSD-2-Clause
# The real-hardware side: ACPI DMAR parsing and the /dev/mem unit backend.
runtime_libsmmurt_a_SOURCES += runtime/dmar.c runtime/dmar.h \
	runtime/vtd_hw.c runtime/vtd_hw.h
