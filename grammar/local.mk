# SPDX-License-Identifier: BSD-2-Clause
# The .smmu grammar. bison runs in the build tree, so the generated files
# never touch the source tree. The scanner is compiler/front/scanner.c.
EXTRA_DIST += grammar/parser.y
nodist_compiler_libsmmucc_a_SOURCES = grammar/parser.c grammar/parser.h
BUILT_SOURCES += grammar/parser.h
CLEANFILES += grammar/parser.c grammar/parser.h grammar/parser.output

grammar/parser.c: $(top_srcdir)/grammar/parser.y
	$(AM_V_GEN)$(MKDIR_P) grammar && \
	$(BISON) -Wall -Werror --defines=grammar/parser.h -o grammar/parser.c \
		$(top_srcdir)/grammar/parser.y
grammar/parser.h: grammar/parser.c
	@test -f $@ || { rm -f grammar/parser.c && $(MAKE) $(AM_MAKEFLAGS) grammar/parser.c; }
