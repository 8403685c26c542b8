# SPDX-License-Identifier: BSD-2-Clause
# The .smmu grammar. bison and flex run in the build tree (configure requires
# both), so the generated files never touch the source tree.
EXTRA_DIST += grammar/parser.y grammar/scanner.l
nodist_compiler_libsmmucc_a_SOURCES = \
	grammar/parser.c grammar/parser.h grammar/scanner.c grammar/scanner.h
BUILT_SOURCES += grammar/parser.h grammar/scanner.h
CLEANFILES += grammar/parser.c grammar/parser.h grammar/parser.output \
	grammar/scanner.c grammar/scanner.h

grammar/parser.c: $(top_srcdir)/grammar/parser.y
	$(AM_V_GEN)$(MKDIR_P) grammar && \
	$(BISON) -Wall -Werror --defines=grammar/parser.h -o grammar/parser.c \
		$(top_srcdir)/grammar/parser.y
grammar/parser.h: grammar/parser.c
	@test -f $@ || { rm -f grammar/parser.c && $(MAKE) $(AM_MAKEFLAGS) grammar/parser.c; }

grammar/scanner.c: $(top_srcdir)/grammar/scanner.l grammar/parser.h
	$(AM_V_GEN)$(MKDIR_P) grammar && \
	$(LEX) --header-file=grammar/scanner.h -o grammar/scanner.c \
		$(top_srcdir)/grammar/scanner.l
grammar/scanner.h: grammar/scanner.c
	@test -f $@ || { rm -f grammar/scanner.c && $(MAKE) $(AM_MAKEFLAGS) grammar/scanner.c; }
