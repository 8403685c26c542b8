# SPDX-License-Identifier: BSD-2-Clause
# Lowering: checked configuration -> policy records -> blob, then the
# architecture's translation tables built from the blob's own records.
compiler_libsmmucc_a_SOURCES += compiler/lower/lower.c compiler/lower/lower.h \
	compiler/lower/lower_int.h compiler/lower/lower_span.c compiler/lower/lower_emit.c \
	compiler/lower/blobwrite.c compiler/lower/blobwrite.h \
	compiler/lower/compile.c compiler/lower/compile.h
