# SPDX-License-Identifier: BSD-2-Clause
# The front end: source files and positions, numbers, the statement parser
# behind the grammar (grammar/local.mk), sema, per-type parameters, asinfo.
compiler_libsmmucc_a_SOURCES += \
	compiler/ast.h compiler/frontend.h compiler/srcpos.h \
	compiler/ast.c \
	compiler/asinfo.c compiler/asinfo_int.h compiler/asinfo_yaml.c compiler/asinfo_dtb.c \
	compiler/items.c \
	compiler/ntab.c compiler/ntab.h \
	compiler/number.c compiler/number.h \
	compiler/params.c \
	compiler/parse.c compiler/parse.h \
	compiler/pstmt.c \
	compiler/sema.c \
	compiler/settings.c \
	compiler/srcfile.c compiler/srcfile.h
