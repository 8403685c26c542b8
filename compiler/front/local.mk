# SPDX-License-Identifier: BSD-2-Clause
# The front end: source files and positions, diagnostics, numbers, the
# statement parser behind the grammar (grammar/local.mk), sema, per-type
# parameters and settings, asinfo.
compiler_libsmmucc_a_SOURCES += \
	compiler/front/ast.h compiler/front/frontend.h compiler/front/srcpos.h \
	compiler/front/ast.c \
	compiler/front/asinfo.c compiler/front/asinfo_int.h compiler/front/asinfo_yaml.c \
	compiler/front/asinfo_dtb.c \
	compiler/front/board.c compiler/front/board.h compiler/front/board_int.h \
	compiler/front/board_streams.c \
	compiler/front/checklist.c compiler/front/diag.c compiler/front/diag.h \
	compiler/front/diag_msg.c compiler/front/diag_msg.h \
	compiler/front/items.c \
	compiler/front/ntab.c compiler/front/ntab.h \
	compiler/front/number.c compiler/front/number.h \
	compiler/front/params.c \
	compiler/front/parse.c compiler/front/parse.h \
	compiler/front/pstmt.c \
	compiler/front/scanner.c \
	compiler/front/sema.c \
	compiler/front/settings.c \
	compiler/front/srcfile.c compiler/front/srcfile.h \
	compiler/front/target.c compiler/front/target.h
