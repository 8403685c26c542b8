# SPDX-License-Identifier: BSD-2-Clause
# The compiler is a library of modules plus the smmucc driver, so unit tests
# and fuzz harnesses link the same code. The folders are the pipeline:
# front (source to checked configuration; its grammar is in grammar/),
# checks, lower (records, blob, tables), out (every output format).
noinst_LIBRARIES += compiler/libsmmucc.a
compiler_libsmmucc_a_SOURCES =
compiler_libsmmucc_a_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)
include compiler/front/local.mk
include compiler/checks/local.mk
include compiler/lower/local.mk
include compiler/out/local.mk

bin_PROGRAMS += compiler/smmucc
compiler_smmucc_SOURCES = compiler/smmucc.c
compiler_smmucc_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) $(FDT_LIBS)

# The safety variant of the compiler: the same code, and its blobs say so
# (the PRODUCER section) for smmuman's `safety` response.
if SAFETY
bin_PROGRAMS += compiler/smmucc-safety
compiler_smmucc_safety_SOURCES = compiler/smmucc.c
compiler_smmucc_safety_CPPFLAGS = $(AM_CPPFLAGS) -DSMMU_SAFETY_VARIANT
compiler_smmucc_safety_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) $(FDT_LIBS)
endif
