# SPDX-License-Identifier: BSD-2-Clause
# The named check table (dtc style): each check beside its function.
compiler_libsmmucc_a_SOURCES += compiler/checks/checks.h compiler/checks/checks.c \
	compiler/checks/checks_names.c compiler/checks/checks_regions.c \
	compiler/checks/checks_board.c compiler/checks/checks_streams.c
