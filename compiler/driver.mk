# SPDX-License-Identifier: BSD-2-Clause
# Diagnostics, the named check table and the smmucc command line.
compiler_libsmmucc_a_SOURCES += compiler/diag.h compiler/diag.c compiler/checks.h compiler/checks.c \
	compiler/checks_names.c compiler/checks_regions.c

bin_PROGRAMS += compiler/smmucc
compiler_smmucc_SOURCES = compiler/smmucc.c
compiler_smmucc_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) $(FDT_LIBS)
