# SPDX-License-Identifier: BSD-2-Clause
# Lowering: checked configuration -> policy records -> blob (with tables).
compiler_libsmmucc_a_SOURCES += compiler/lower.c compiler/lower.h compiler/lower_int.h \
	compiler/lower_span.c compiler/lower_emit.c \
	compiler/compile.c compiler/compile.h compiler/emit.c compiler/emit.h

# The safety variant of the compiler: the same code, and its blobs say so
# (the PRODUCER section) for smmuman's `safety` response.
if SAFETY
bin_PROGRAMS += compiler/smmucc-safety
compiler_smmucc_safety_SOURCES = compiler/smmucc.c
compiler_smmucc_safety_CPPFLAGS = $(AM_CPPFLAGS) -DSMMU_SAFETY_VARIANT
compiler_smmucc_safety_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) $(FDT_LIBS)
endif
