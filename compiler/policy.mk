# SPDX-License-Identifier: BSD-2-Clause
# Lowering: checked configuration -> policy records -> blob (with tables).
compiler_libsmmucc_a_SOURCES += compiler/lower.c compiler/lower.h compiler/lower_int.h \
	compiler/lower_span.c compiler/lower_emit.c \
	compiler/compile.c compiler/compile.h compiler/emit.c compiler/emit.h
