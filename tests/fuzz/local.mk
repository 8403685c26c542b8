# SPDX-License-Identifier: BSD-2-Clause
# Fuzz harnesses. 'make check' replays each seed corpus through the harness
# built as a plain program (with the sanitizers); 'make fuzz' builds the
# libFuzzer variant with clang and runs it FUZZ_SECONDS per harness.
FUZZ_SECONDS = 60

check_PROGRAMS += tests/fuzz/fuzz_blob_run
tests_fuzz_fuzz_blob_run_SOURCES = tests/fuzz/fuzz_blob.c
tests_fuzz_fuzz_blob_run_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_STANDALONE
tests_fuzz_fuzz_blob_run_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a
TESTS += tests/fuzz/blob-corpus.sh
EXTRA_DIST += tests/fuzz/blob-seeds.sh tests/fuzz/blob-corpus.sh

FUZZ_BLOB_SRCS = $(srcdir)/tests/fuzz/fuzz_blob.c $(srcdir)/runtime/blob.c \
	$(srcdir)/runtime/blob_check.c $(srcdir)/runtime/crc32c.c \
	$(srcdir)/compiler/decompile.c $(srcdir)/compiler/json_out.c
tests/fuzz/fuzz-blob: $(FUZZ_BLOB_SRCS) $(srcdir)/runtime/blob.h $(srcdir)/runtime/blob_int.h
	@test -n "$(CLANG)" || { echo "fuzz-blob: clang not found (apt-get install clang)" >&2; \
		exit 1; }
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(CLANG) -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -g -O1 \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I$(srcdir)/schemas -I$(srcdir)/runtime -I$(srcdir)/compiler \
		-o $@ $(FUZZ_BLOB_SRCS)

.PHONY: fuzz-blob
FUZZ_TARGETS += fuzz-blob
fuzz-blob: tests/fuzz/fuzz-blob tests/blob/blobtool
	rm -rf tests/fuzz/corpus-blob.seeds
	$(SHELL) $(srcdir)/tests/fuzz/blob-seeds.sh tests/blob/blobtool tests/fuzz/corpus-blob.seeds
	mkdir -p tests/fuzz/corpus-blob
	tests/fuzz/fuzz-blob -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		tests/fuzz/corpus-blob tests/fuzz/corpus-blob.seeds

CLEANFILES += tests/fuzz/fuzz-blob
clean-local: clean-fuzz-blob
clean-fuzz-blob:
	rm -rf tests/fuzz/corpus-blob tests/fuzz/corpus-blob.seeds
.PHONY: clean-fuzz-blob
