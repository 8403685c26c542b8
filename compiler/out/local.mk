# SPDX-License-Identifier: BSD-2-Clause
# Outputs, each from a validated blob: atomic file output, the decompiler
# (-O smmu), JSON, a C array, and smmucc's output driver.
compiler_libsmmucc_a_SOURCES += compiler/out/output.c compiler/out/output.h \
	compiler/out/decompile.c compiler/out/decompile.h \
	compiler/out/json_out.c compiler/out/json_out.h compiler/out/c_out.c compiler/out/c_out.h \
	compiler/out/emit.c compiler/out/emit.h
