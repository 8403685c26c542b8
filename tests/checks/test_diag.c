/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of diag.c and the check table: names, prerequisites, level
 * changes and their propagation, the text format (caret under tabs) and the
 * JSON format (escaping, notes), counting, and the hash index of checks.c.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cu_run.h"
#include "checks/checks.h"
#include "front/ntab.h"
#include "front/diag.h"

static struct diag_ctx d;
static char *buf;
static size_t bufsize;

static void open_ctx(enum diag_format fmt)
{
	FILE *f = open_memstream(&buf, &bufsize);

	CU_ASSERT_FATAL(f != NULL);
	diag_init(&d, f);
	d.format = fmt;
}

/* The output so far; the caller frees it. */
static char *close_ctx(void)
{
	diag_finish(&d);
	fclose(d.out);
	return buf;
}

static void test_table(void)
{
	int n = 0;

	for (int i = 0; i < CHK_COUNT; i++) {
		const char *name = check_name((enum check_id)i);

		CU_ASSERT_PTR_NOT_NULL_FATAL(name);
		CU_ASSERT(strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(name));
		CU_ASSERT_EQUAL(check_lookup(name), i);
		CU_ASSERT(strlen(check_description((enum check_id)i)) > 10);
		CU_ASSERT(check_default_level((enum check_id)i) != DIAG_OFF);
		n++;
	}
	CU_ASSERT_EQUAL(n, 44);
	CU_ASSERT_EQUAL(check_lookup("no-such-check"), -1);
	CU_ASSERT_EQUAL(check_lookup("error"), -1);
	CU_ASSERT_STRING_EQUAL(check_name(CHK_UNALIGNED_REGION), "unaligned-region");
	CU_ASSERT_STRING_EQUAL(check_name(CHK_GUEST_IGNORED), "guest-ignored");
	CU_ASSERT_STRING_EQUAL(check_name(CHK_TABLE_MEMORY_GRANT), "table-memory-grant");
	CU_ASSERT_EQUAL(check_default_level(CHK_TABLE_MEMORY_GRANT), DIAG_ERROR);
	CU_ASSERT_STRING_EQUAL(check_name(CHK_MIXED_SMMU_TYPES), "mixed-smmu-types");
	CU_ASSERT_EQUAL(check_default_level(CHK_MIXED_SMMU_TYPES), DIAG_ERROR);
	CU_ASSERT_STRING_EQUAL(check_name(CHK_BOARD_UNMAPPED), "board-unmapped");
	CU_ASSERT_EQUAL(check_default_level(CHK_BOARD_UNMAPPED), DIAG_WARNING);
	CU_ASSERT_STRING_EQUAL(check_name(CHK_BOARD_STREAM_MAP), "board-stream-map");
	CU_ASSERT_EQUAL(check_default_level(CHK_BOARD_STREAM_MAP), DIAG_ERROR);
	CU_ASSERT_STRING_EQUAL(check_name(CHK_BOARD_UNIT_MISSING), "board-unit-missing");
	CU_ASSERT_EQUAL(check_default_level(CHK_BOARD_UNIT_MISSING), DIAG_ERROR);
	CU_ASSERT_STRING_EQUAL(check_name(CHK_NO_UNITS), "no-units");
	CU_ASSERT_EQUAL(check_default_level(CHK_NO_UNITS), DIAG_ERROR);
	CU_ASSERT_EQUAL(check_default_level(CHK_AMBIGUOUS_RADIX), DIAG_WARNING);
	CU_ASSERT_EQUAL(check_default_level(CHK_SHADOWED_SPEC), DIAG_NOTE);
	CU_ASSERT_EQUAL(check_default_level(CHK_REGION_OVERFLOW), DIAG_ERROR);
}

/*
 * Prerequisites have none of their own (so there is no cycle) and are
 * errors: turning a warning off can then never turn an error check off.
 */
static void test_prereqs(void)
{
	for (int i = 0; i < CHK_COUNT; i++) {
		const enum check_id *p = check_prereqs((enum check_id)i);

		for (; *p != CHK_COUNT; p++) {
			CU_ASSERT((int)*p >= 0 && (int)*p < CHK_COUNT);
			CU_ASSERT(check_default_level(*p) == DIAG_ERROR);
			CU_ASSERT(check_prereqs(*p)[0] == CHK_COUNT);
		}
	}
	CU_ASSERT_EQUAL(check_prereqs(CHK_UNALIGNED_REGION)[0], CHK_REGION_OVERFLOW);
	CU_ASSERT_EQUAL(check_prereqs(CHK_UNALIGNED_REGION)[1], CHK_ZERO_LENGTH);
	CU_ASSERT_EQUAL(check_prereqs(CHK_UNALIGNED_REGION)[2], CHK_COUNT);
	CU_ASSERT_EQUAL(check_prereqs(CHK_SYNTAX)[0], CHK_COUNT);
}

static void test_levels(void)
{
	open_ctx(DIAG_FMT_TEXT);
	CU_ASSERT_EQUAL(d.level[CHK_SHADOWED_SPEC], DIAG_NOTE);
	CU_ASSERT_EQUAL(diag_set_warning(&d, "shadowed-spec"), 0);
	CU_ASSERT_EQUAL(d.level[CHK_SHADOWED_SPEC], DIAG_WARNING);
	/* -W never lowers an error */
	CU_ASSERT_EQUAL(diag_set_warning(&d, "zero-length"), 0);
	CU_ASSERT_EQUAL(d.level[CHK_ZERO_LENGTH], DIAG_ERROR);
	CU_ASSERT_EQUAL(diag_set_warning(&d, "nonsense"), -1);
	CU_ASSERT_EQUAL(diag_set_error(&d, "no-nonsense"), -1);

	/* turning a check off turns off the checks that need it */
	CU_ASSERT_EQUAL(diag_set_warning(&d, "no-region-overflow"), 0);
	CU_ASSERT_EQUAL(d.level[CHK_REGION_OVERFLOW], DIAG_OFF);
	CU_ASSERT_EQUAL(d.level[CHK_UNALIGNED_REGION], DIAG_OFF);
	CU_ASSERT_EQUAL(d.level[CHK_OVERLAP_PERMS], DIAG_OFF);
	CU_ASSERT_EQUAL(d.level[CHK_BROAD_GRANT], DIAG_OFF);
	CU_ASSERT_EQUAL(d.level[CHK_ZERO_LENGTH], DIAG_ERROR);
	/* raising one brings its prerequisites back at their default level */
	CU_ASSERT_EQUAL(diag_set_warning(&d, "unaligned-region"), 0);
	CU_ASSERT_EQUAL(d.level[CHK_UNALIGNED_REGION], DIAG_WARNING);
	CU_ASSERT_EQUAL(d.level[CHK_REGION_OVERFLOW], DIAG_ERROR);
	CU_ASSERT_EQUAL(d.level[CHK_OVERLAP_PERMS], DIAG_OFF);

	/* -E, and -E no- back to a warning */
	CU_ASSERT_EQUAL(diag_set_error(&d, "unused-allow"), 0);
	CU_ASSERT_EQUAL(d.level[CHK_UNUSED_ALLOW], DIAG_ERROR);
	CU_ASSERT_EQUAL(diag_set_error(&d, "no-unused-allow"), 0);
	CU_ASSERT_EQUAL(d.level[CHK_UNUSED_ALLOW], DIAG_WARNING);
	/* -E raises prerequisites to errors too */
	CU_ASSERT_EQUAL(diag_set_warning(&d, "no-undefined-unit"), 0);
	CU_ASSERT_EQUAL(d.level[CHK_WRITE_IMPLIES_READ], DIAG_OFF);
	CU_ASSERT_EQUAL(diag_set_error(&d, "write-implies-read"), 0);
	CU_ASSERT_EQUAL(d.level[CHK_WRITE_IMPLIES_READ], DIAG_ERROR);
	CU_ASSERT_EQUAL(d.level[CHK_UNDEFINED_UNIT], DIAG_ERROR);
	free(close_ctx());
}

static const char src[] = "allow foo 0x1000,4096\n\tdevice  pci:0:1.0 foo\n";

static void test_text(void)
{
	srcfile_id f = srcfile_intern("t.smmu");
	struct srcpos p1 = { f, 1, 11 }, p2 = { f, 2, 10 }, p3 = { f, 2, 0 };
	char *out;

	CU_ASSERT_FATAL(srcfile_set_text(f, src, strlen(src)) == 0);
	open_ctx(DIAG_FMT_TEXT);
	diag_report(&d, CHK_ZERO_LENGTH, &p1, "region at 0x%x has length %d", 0x1000, 0);
	diag_report(&d, CHK_DEVICE_CONFLICT, &p2, "conflict");
	diag_note_at(&d, &p1, "previous definition here");
	diag_report(&d, CHK_UNUSED_ALLOW, &p3, "no column");
	diag_report(&d, CHK_BAD_USER, NULL, "nowhere");
	diag_fatal(&d, "cannot read '%s'", "x");
	out = close_ctx();
	CU_ASSERT_STRING_EQUAL(out,
			       "t.smmu:1:11: error: region at 0x1000 has length 0 [zero-length]\n"
			       "allow foo 0x1000,4096\n"
			       "          ^\n"
			       "t.smmu:2:10: error: conflict [device-conflict]\n"
			       "\tdevice  pci:0:1.0 foo\n"
			       "\t        ^\n"
			       "t.smmu:1:11: note: previous definition here\n"
			       "allow foo 0x1000,4096\n"
			       "          ^\n"
			       "t.smmu:2: warning: no column [unused-allow]\n"
			       "\tdevice  pci:0:1.0 foo\n"
			       "smmucc: error: nowhere [bad-user]\n"
			       "smmucc: error: cannot read 'x'\n");
	CU_ASSERT_EQUAL(d.errors, 3);
	CU_ASSERT_EQUAL(d.warnings, 1);
	CU_ASSERT_EQUAL(d.notes, 0);
	CU_ASSERT_EQUAL(d.count[CHK_ZERO_LENGTH], 1);
	CU_ASSERT(diag_failed(&d, CHK_ZERO_LENGTH));
	CU_ASSERT(!diag_failed(&d, CHK_UNUSED_ALLOW));
	CU_ASSERT(!diag_failed(&d, CHK_SYNTAX));
	free(out);
}

/* A check that is off prints nothing, and neither do its notes. */
static void test_off_and_werror(void)
{
	char *out;

	open_ctx(DIAG_FMT_TEXT);
	d.werror = true;
	diag_set_warning(&d, "no-duplicate-device");
	diag_report(&d, CHK_DUPLICATE_DEVICE, NULL, "quiet");
	diag_note_at(&d, NULL, "quiet note");
	diag_report(&d, CHK_UNUSED_ALLOW, NULL, "loud");
	diag_report(&d, CHK_SHADOWED_SPEC, NULL, "still a note");
	diag_note_at(&d, NULL, "shown");
	out = close_ctx();
	CU_ASSERT_STRING_EQUAL(out, "smmucc: error: loud [unused-allow]\n"
				    "smmucc: note: still a note [shadowed-spec]\n"
				    "smmucc: note: shown\n");
	CU_ASSERT_EQUAL(d.count[CHK_DUPLICATE_DEVICE], 0);
	CU_ASSERT_EQUAL(d.errors, 1);
	CU_ASSERT_EQUAL(d.notes, 1);
	CU_ASSERT(diag_failed(&d, CHK_UNUSED_ALLOW));
	free(out);
}

static void test_json(void)
{
	srcfile_id f = srcfile_intern("j\"s.smmu");
	static const char jsrc[] = "allow q\"\\\t\x01 \xff\xc3\xa9 0x1000,0\n";
	struct srcpos p = { f, 1, 3 };
	char *out;

	CU_ASSERT_FATAL(srcfile_set_text(f, jsrc, strlen(jsrc)) == 0);
	open_ctx(DIAG_FMT_JSON);
	diag_report(&d, CHK_ZERO_LENGTH, &p, "len \"0\"");
	diag_note_at(&d, &p, "n1");
	diag_note_at(&d, NULL, "n2");
	diag_fatal(&d, "fatal");
	out = close_ctx();
	CU_ASSERT_STRING_EQUAL(out,
			       "[\n"
			       "{\"file\":\"j\\\"s.smmu\",\"line\":1,\"column\":3,"
			       "\"level\":\"error\",\"check\":\"zero-length\","
			       "\"message\":\"len \\\"0\\\"\","
			       "\"source\":\"allow q\\\"\\\\\\t\\u0001 \\ufffd\xc3\xa9 0x1000,0\","
			       "\"notes\":[{\"file\":\"j\\\"s.smmu\",\"line\":1,\"column\":3,"
			       "\"message\":\"n1\"},{\"file\":null,\"line\":0,\"column\":0,"
			       "\"message\":\"n2\"}]},\n"
			       "{\"file\":null,\"line\":0,\"column\":0,\"level\":\"error\","
			       "\"check\":null,\"message\":\"fatal\",\"source\":null,\"notes\":[]}\n"
			       "]\n");
	free(out);

	open_ctx(DIAG_FMT_JSON);
	out = close_ctx();
	CU_ASSERT_STRING_EQUAL(out, "[]\n");
	free(out);
}

/* A stream like stderr (unbuffered) that counts the write() calls it gets. */
struct wcount {
	unsigned calls;
	size_t bytes;
	size_t last;
};

static ssize_t count_write(void *cookie, const char *b, size_t n)
{
	struct wcount *w = cookie;

	(void)b;
	w->calls++;
	w->bytes += n;
	w->last = n;
	return (ssize_t)n;
}

static FILE *counting_stream(struct wcount *w)
{
	cookie_io_functions_t io = { .write = count_write };
	FILE *f;

	memset(w, 0, sizeof(*w));
	f = fopencookie(w, "w", io);
	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT_FATAL(setvbuf(f, NULL, _IONBF, 0) == 0);
	return f;
}

/*
 * One write() per error and per note after it, caret line included, however
 * long (a message past the inline room goes through the heap), and in
 * JSON too: on an unbuffered stderr, writing piece by piece cost about 75.
 */
static void test_one_write(void)
{
	srcfile_id f = srcfile_intern("w.smmu");
	struct srcpos p1 = { f, 1, 11 }, p2 = { f, 2, 10 };
	struct wcount w;
	char *big = malloc(5001);

	CU_ASSERT_FATAL(big != NULL);
	memset(big, 'x', 5000);
	big[5000] = '\0';
	CU_ASSERT_FATAL(srcfile_set_text(f, src, strlen(src)) == 0);
	diag_init(&d, counting_stream(&w));
	diag_report(&d, CHK_ZERO_LENGTH, &p1, "region at 0x%x has length %d", 0x1000, 0);
	CU_ASSERT_EQUAL(w.calls, 1);
	CU_ASSERT_EQUAL(w.last, strlen("w.smmu:1:11: error: region at 0x1000 has length 0 "
				       "[zero-length]\nallow foo 0x1000,4096\n          ^\n"));
	diag_note_at(&d, &p2, "here");
	CU_ASSERT_EQUAL(w.calls, 2);
	diag_report(&d, CHK_DEVICE_CONFLICT, &p2, "%s", big);
	CU_ASSERT_EQUAL(w.calls, 3);
	CU_ASSERT_EQUAL(w.last, strlen("w.smmu:2:10: error:  [device-conflict]\n"
				       "\tdevice  pci:0:1.0 foo\n\t        ^\n") + 5000);
	diag_fatal(&d, "cannot read '%s'", "x");
	CU_ASSERT_EQUAL(w.calls, 4);
	diag_finish(&d);
	CU_ASSERT_EQUAL(w.calls, 4);
	fclose(d.out);

	diag_init(&d, counting_stream(&w));
	d.format = DIAG_FMT_JSON;
	diag_report(&d, CHK_ZERO_LENGTH, &p1, "%s", big);
	CU_ASSERT_EQUAL(w.calls, 1);
	diag_note_at(&d, &p2, "here");
	CU_ASSERT_EQUAL(w.calls, 2);
	diag_report(&d, CHK_ZERO_LENGTH, &p2, "again");
	CU_ASSERT_EQUAL(w.calls, 3);
	diag_finish(&d);
	CU_ASSERT_EQUAL(w.calls, 4);
	fclose(d.out);
	free(big);
}

/*
 * Warnings and their notes wait in 64 KiB batches: 2,000 of them in a
 * handful of writes, every byte out by diag_finish; an error goes out at
 * once with what waited before it, in order; diag_flush empties the wait.
 */
static void test_batched_warnings(void)
{
	srcfile_id f = srcfile_intern("w.smmu");
	struct srcpos p1 = { f, 1, 11 };
	struct wcount w;
	size_t one;

	CU_ASSERT_FATAL(srcfile_set_text(f, src, strlen(src)) == 0);
	diag_init(&d, counting_stream(&w));
	diag_report(&d, CHK_AMBIGUOUS_RADIX, &p1, "warning %d", 0);
	CU_ASSERT_EQUAL(w.calls, 0);
	diag_flush(&d);
	CU_ASSERT_EQUAL(w.calls, 1);
	one = w.bytes;
	CU_ASSERT(one > 40);
	for (int i = 1; i < 2000; i++)
		diag_report(&d, CHK_AMBIGUOUS_RADIX, &p1, "warning %d", i % 10);
	/* about 160 KB: two full batches written, the rest waits */
	CU_ASSERT(w.calls >= 2 && w.calls <= 4);
	CU_ASSERT(w.bytes < 2000 * one);
	diag_report(&d, CHK_ZERO_LENGTH, &p1, "an error");
	CU_ASSERT(w.bytes > 2000 * one);
	diag_finish(&d);
	CU_ASSERT(w.calls <= 5);
	fclose(d.out);
}

static bool int_eq(const void *ctx, size_t item, const void *key)
{
	const int *v = ctx;

	return v[item] == *(const int *)key;
}

/* Every key finds its own item, colliding hashes included, across growth. */
static void test_ntab(void)
{
	enum { N = 5000 };
	static int v[N];
	struct ntab h = { 0 };

	for (int i = 0; i < N; i++) {
		v[i] = i * 7;
		CU_ASSERT_EQUAL(ntab_find(&h, (uint32_t)(i % 13), int_eq, v, &v[i]), -1);
		CU_ASSERT_FATAL(ntab_add(&h, (uint32_t)(i % 13), (size_t)i) == 0);
	}
	for (int i = 0; i < N; i++) {
		int k = i * 7, missing = i * 7 + 1;

		CU_ASSERT_EQUAL(ntab_find(&h, (uint32_t)(i % 13), int_eq, v, &k), i);
		CU_ASSERT_EQUAL(ntab_find(&h, (uint32_t)(i % 13), int_eq, v, &missing), -1);
	}
	ntab_free(&h);
	CU_ASSERT_NOT_EQUAL(ntab_hash_str("vtd1"), ntab_hash_str("vtd2"));
}

int main(void)
{
	static const struct cu_case cases[] = {
		{"check table", test_table},
		{"prerequisites", test_prereqs},
		{"-W/-E levels", test_levels},
		{"text format", test_text},
		{"off and -Werror", test_off_and_werror},
		{"JSON format", test_json},
		{"one write() per error, with what waited", test_one_write},
		{"warnings in batches", test_batched_warnings},
		{"hash index", test_ntab},
	};
	int rc = CU_RUN("diag", cases);

	srcfile_free_all();
	return rc;
}
