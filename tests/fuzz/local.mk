# SPDX-License-Identifier: BSD-2-Clause
# Fuzz harnesses. 'make check' replays each seed corpus through the harness
# built as a plain program (with the sanitizers); 'make fuzz' builds the
# libFuzzer variant with clang and runs it FUZZ_SECONDS per harness.
FUZZ_SECONDS = 60

# The libFuzzer builds: clang with the fuzzer and the sanitizers.
FUZZ_CC = $(CLANG) -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -g -O1 \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-I$(srcdir)/schemas -I$(srcdir)/runtime
FUZZ_NEED_CLANG = @test -n "$(CLANG)" || \
	{ echo "$(@F): clang not found (apt-get install clang)" >&2; exit 1; }
# The recipe of fuzz-NAME (prerequisites: the harness, then the tool its
# seeder runs): seeds from the golden blobs, then FUZZ_SECONDS of libFuzzer.
fuzz_corpus = tests/fuzz/corpus-$(@:fuzz-%=%)
FUZZ_SEEDED = rm -rf $(fuzz_corpus).seeds && \
	$(SHELL) $(srcdir)/tests/fuzz/$(@:fuzz-%=%)-seeds.sh $(word 2,$^) $(fuzz_corpus).seeds \
		$(srcdir)/tests/policy/golden && \
	mkdir -p $(fuzz_corpus) && \
	tests/fuzz/$@ -max_total_time=$(FUZZ_SECONDS) -timeout=10 $(fuzz_corpus) \
		$(fuzz_corpus).seeds

check_PROGRAMS += tests/fuzz/fuzz_blob_run
tests_fuzz_fuzz_blob_run_SOURCES = tests/fuzz/fuzz_blob.c
tests_fuzz_fuzz_blob_run_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_STANDALONE
tests_fuzz_fuzz_blob_run_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a
TESTS += tests/fuzz/blob-corpus.sh
EXTRA_DIST += tests/fuzz/blob-seeds.sh tests/fuzz/blob-corpus.sh tests/fuzz/replay-corpus.sh tests/fuzz/fuzz_main.h

FUZZ_BLOB_SRCS = $(srcdir)/tests/fuzz/fuzz_blob.c $(srcdir)/runtime/blob/blob.c \
	$(srcdir)/runtime/blob/blob_read.c $(srcdir)/compiler/out/output.c \
	$(srcdir)/runtime/blob/blob_check.c $(srcdir)/runtime/blob/blob_check_grants.c \
	$(srcdir)/runtime/blob/crc32c.c \
	$(srcdir)/runtime/vtd/vtd_blob.c $(srcdir)/runtime/iommu/pages.c \
	$(srcdir)/compiler/out/decompile.c $(srcdir)/compiler/out/json_out.c
tests/fuzz/fuzz-blob: $(FUZZ_BLOB_SRCS) $(srcdir)/runtime/blob/blob.h $(srcdir)/runtime/blob/blob_int.h \
		$(srcdir)/runtime/blob/blob_check.h
	$(FUZZ_NEED_CLANG)
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) -I$(srcdir)/compiler -o $@ $(FUZZ_BLOB_SRCS)

.PHONY: fuzz-blob
FUZZ_TARGETS += fuzz-blob
fuzz-blob: tests/fuzz/fuzz-blob tests/blob/blobtool
	$(FUZZ_SEEDED)
CLEANFILES += tests/fuzz/fuzz-blob

# The front end, checks and lowering: any bytes in, no crash, and never a
# blob the reader rejects.
check_PROGRAMS += tests/fuzz/fuzz_front_run
tests_fuzz_fuzz_front_run_SOURCES = tests/fuzz/fuzz_front.c
tests_fuzz_fuzz_front_run_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_STANDALONE
tests_fuzz_fuzz_front_run_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) $(FDT_LIBS)
TESTS += tests/fuzz/front-corpus.sh
EXTRA_DIST += tests/fuzz/front-corpus.sh

# Built in the build tree from the same objects' sources, with libFuzzer.
tests/fuzz/fuzz-front: compiler/libsmmucc.a runtime/libsmmurt.a $(srcdir)/tests/fuzz/fuzz_front.c
	$(FUZZ_NEED_CLANG)
	$(AM_V_CCLD)$(FUZZ_CC) -I$(srcdir)/compiler -I$(builddir) -I$(builddir)/grammar \
		-o $@ $(srcdir)/tests/fuzz/fuzz_front.c $(FUZZ_FRONT_SRCS) $(YAML_LIBS) $(FDT_LIBS)
FUZZ_FRONT_SRCS = $(filter %.c,$(addprefix $(srcdir)/,$(compiler_libsmmucc_a_SOURCES) \
	$(runtime_libsmmurt_a_SOURCES))) grammar/parser.c

.PHONY: fuzz-front
FUZZ_TARGETS += fuzz-front
fuzz-front: tests/fuzz/fuzz-front
	mkdir -p tests/fuzz/corpus-front
	tests/fuzz/fuzz-front -max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=4096 \
		tests/fuzz/corpus-front $(srcdir)/samples $(srcdir)/tests/checks/cases
CLEANFILES += tests/fuzz/fuzz-front

# The asinfo map readers (YAML, device tree) and the region lookup shared
# with smmuman's late binding; seeded from the test maps.
check_PROGRAMS += tests/fuzz/fuzz_asinfo_run
tests_fuzz_fuzz_asinfo_run_SOURCES = tests/fuzz/fuzz_asinfo.c
tests_fuzz_fuzz_asinfo_run_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_STANDALONE
tests_fuzz_fuzz_asinfo_run_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) $(FDT_LIBS)
TESTS += tests/fuzz/asinfo-corpus.sh
EXTRA_DIST += tests/fuzz/asinfo-corpus.sh

tests/fuzz/fuzz-asinfo: compiler/libsmmucc.a runtime/libsmmurt.a $(srcdir)/tests/fuzz/fuzz_asinfo.c
	$(FUZZ_NEED_CLANG)
	$(AM_V_CCLD)$(FUZZ_CC) -I$(srcdir)/compiler -I$(builddir) -I$(builddir)/grammar \
		-o $@ $(srcdir)/tests/fuzz/fuzz_asinfo.c $(FUZZ_FRONT_SRCS) $(YAML_LIBS) $(FDT_LIBS)

.PHONY: fuzz-asinfo
FUZZ_TARGETS += fuzz-asinfo
fuzz-asinfo: tests/fuzz/fuzz-asinfo
	rm -rf tests/fuzz/corpus-asinfo.seeds && mkdir -p tests/fuzz/corpus-asinfo.seeds \
		tests/fuzz/corpus-asinfo
	for f in $(srcdir)/tests/front/data/asinfo*.dts $(srcdir)/tests/daemon/*.dts; do \
		$(DTC) -q -I dts -O dtb -o tests/fuzz/corpus-asinfo.seeds/$${f##*/}.dtb $$f || exit 1; \
	done
	cp $(srcdir)/tests/front/data/asinfo*.yaml tests/fuzz/corpus-asinfo.seeds/
	tests/fuzz/$@ -max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=16384 \
		tests/fuzz/corpus-asinfo tests/fuzz/corpus-asinfo.seeds
CLEANFILES += tests/fuzz/fuzz-asinfo

# The boot-time proof of the VT-d tables: blobs with their CRC made right in
# the harness, so mutated tables reach the proof; what it accepts, the
# independent walker must find inside the records' grants.
check_PROGRAMS += tests/fuzz/fuzz_tables_run
tests_fuzz_fuzz_tables_run_SOURCES = tests/fuzz/fuzz_tables.c
tests_fuzz_fuzz_tables_run_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_STANDALONE
tests_fuzz_fuzz_tables_run_LDADD = runtime/libsmmurt.a
TESTS += tests/fuzz/tables-corpus.sh
EXTRA_DIST += tests/fuzz/tables-seeds.sh tests/fuzz/tables-corpus.sh

FUZZ_TABLES_SRCS = $(srcdir)/tests/fuzz/fuzz_tables.c $(srcdir)/runtime/blob/blob.c \
	$(srcdir)/runtime/blob/blob_read.c $(srcdir)/runtime/blob/blob_check.c $(srcdir)/runtime/blob/blob_check_grants.c \
	$(srcdir)/runtime/blob/crc32c.c $(srcdir)/runtime/vtd/vtd_blob.c $(srcdir)/runtime/iommu/pages.c \
	$(srcdir)/runtime/vtd/vtd_bootcheck.c \
	$(srcdir)/runtime/vtd/vtd_bootcheck_policy.c \
	$(srcdir)/runtime/vtd/vtd_walk.c
tests/fuzz/fuzz-tables: $(FUZZ_TABLES_SRCS) $(srcdir)/runtime/vtd/vtd_bootcheck.h \
		$(srcdir)/runtime/vtd/vtd_bootcheck_int.h \
		$(srcdir)/runtime/vtd/vtd_blob.h $(srcdir)/runtime/vtd/vtd_walk.h
	$(FUZZ_NEED_CLANG)
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) -o $@ $(FUZZ_TABLES_SRCS)

.PHONY: fuzz-tables
FUZZ_TARGETS += fuzz-tables
fuzz-tables: tests/fuzz/fuzz-tables tests/vtd/tabtool
	$(FUZZ_SEEDED)
CLEANFILES += tests/fuzz/fuzz-tables

# The client wire format: both decoders on any bytes; what either accepts
# encodes back to the same bytes. Seeded with test_proto's frames.
check_PROGRAMS += tests/fuzz/fuzz_proto_run
tests_fuzz_fuzz_proto_run_SOURCES = tests/fuzz/fuzz_proto.c
tests_fuzz_fuzz_proto_run_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_STANDALONE
tests_fuzz_fuzz_proto_run_LDADD = runtime/libsmmurt.a
TESTS += tests/fuzz/proto-corpus.sh
EXTRA_DIST += tests/fuzz/proto-seeds.sh tests/fuzz/proto-corpus.sh

FUZZ_PROTO_SRCS = $(srcdir)/tests/fuzz/fuzz_proto.c $(srcdir)/runtime/proto/proto.c
tests/fuzz/fuzz-proto: $(FUZZ_PROTO_SRCS) $(srcdir)/runtime/proto/proto.h
	$(FUZZ_NEED_CLANG)
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) -o $@ $(FUZZ_PROTO_SRCS)

.PHONY: fuzz-proto
FUZZ_TARGETS += fuzz-proto
fuzz-proto: tests/fuzz/fuzz-proto tests/proto/test_proto
	$(FUZZ_SEEDED)
CLEANFILES += tests/fuzz/fuzz-proto

# The corpora the seeded runs grow (fuzz-front's starts from the sources).
clean-local: clean-fuzz-corpora
clean-fuzz-corpora:
	rm -rf tests/fuzz/corpus-blob tests/fuzz/corpus-blob.seeds \
		tests/fuzz/corpus-asinfo tests/fuzz/corpus-asinfo.seeds \
		tests/fuzz/corpus-tables tests/fuzz/corpus-tables.seeds \
		tests/fuzz/corpus-proto tests/fuzz/corpus-proto.seeds
.PHONY: clean-fuzz-corpora
