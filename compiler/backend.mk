# SPDX-License-Identifier: BSD-2-Clause
# The back end: blob builder, atomic output, decompiler, JSON and C writers.
compiler_libsmmucc_a_SOURCES += compiler/blobwrite.c compiler/blobwrite.h \
	compiler/output.c compiler/output.h compiler/decompile.c compiler/decompile.h \
	compiler/json_out.c compiler/json_out.h compiler/c_out.c compiler/c_out.h
