/* SPDX-License-Identifier: BSD-2-Clause */
/* The builder's determinism and self-check, and atomic output. */
#include <CUnit/Basic.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "blob/blob.h"
#include "lower/blobwrite.h"
#include "blob/crc32c.h"
#include "out/output.h"
#include "testblob.h"
#include "tests.h"

static void test_deterministic(void)
{
	size_t l1 = 0, l2 = 0;
	void *a = testblob_build(&l1), *b = testblob_build(&l2);

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(l1, l2);
	CU_ASSERT_EQUAL(memcmp(a, b, l1), 0);
	CU_ASSERT_EQUAL(l1 % 8, 0);
	free(a);
	free(b);
}

static void test_interning(void)
{
	struct blobw *b = blobw_new();
	char name[32];
	uint32_t first[300];
	int i;

	CU_ASSERT_EQUAL(blobw_str(b, ""), 0);
	CU_ASSERT_EQUAL(blobw_str(b, NULL), 0);
	CU_ASSERT_EQUAL(blobw_str(b, "a"), 1);
	CU_ASSERT_EQUAL(blobw_str(b, "bc"), 3);
	CU_ASSERT_EQUAL(blobw_str(b, "a"), 1);
	/* many strings: the table grows and keeps every offset */
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "name%d", i);
		first[i] = blobw_str(b, name);
	}
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "name%d", i);
		CU_ASSERT_EQUAL(blobw_str(b, name), first[i]);
	}
	CU_ASSERT_EQUAL(blobw_section(b, SMMUB_SEC_STRINGS, "x", 1, 1), -1);
	CU_ASSERT_EQUAL(blobw_section(b, 0, "x", 1, 1), -1);
	blobw_free(b);
}

static void test_self_check(void)
{
	struct blobw *b = blobw_new();
	struct testblob tb;
	void *out = (void *)1;
	size_t len = 1;
	uint64_t bad = 0;

	/* a builder caller's mistake is refused, never emitted */
	testblob_fill(&tb, b);
	tb.devices[2].sid = htole32(0x0011); /* pci:B:D.* with a function number */
	CU_ASSERT_EQUAL(testblob_add(&tb, b), 0);
	CU_ASSERT_EQUAL(blobw_finish(b, &out, &len, &bad), -SMMUB_ERR_BADVALUE);
	CU_ASSERT_PTR_NULL(out);
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT(bad > 0);
	blobw_free(b);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

static int count_entries(const char *dir)
{
	char cmd[512];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", dir);
	p = popen(cmd, "r");
	if (p && fscanf(p, "%d", &n) != 1)
		n = -1;
	if (p)
		pclose(p);
	return n;
}

static void test_output(void)
{
	char dir[] = "/tmp/test_blob_out.XXXXXX", path[600], *got;
	size_t len = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/policy.smmub", dir);
	CU_ASSERT_EQUAL(output_write(path, "first", 5), 0);
	CU_ASSERT_EQUAL(output_write(path, "second", 6), 0);
	got = slurp(path, &len);
	CU_ASSERT(got && len == 6 && memcmp(got, "second", 6) == 0);
	free(got);
	CU_ASSERT_EQUAL(count_entries(dir), 1);
	/* a read-only directory: the write fails, nothing is left, the old file stays */
	CU_ASSERT_EQUAL_FATAL(chmod(dir, 0555), 0);
	if (access(dir, W_OK) == 0) {
		printf("\n  SKIP read-only directory case: running as root ");
	} else {
		errno = 0;
		CU_ASSERT_EQUAL(output_write(path, "third", 5), -1);
		CU_ASSERT_EQUAL(errno, EACCES);
		got = slurp(path, &len);
		CU_ASSERT(got && len == 6 && memcmp(got, "second", 6) == 0);
		free(got);
		CU_ASSERT_EQUAL(count_entries(dir), 1);
	}
	chmod(dir, 0755);
	/* a write that fails half-way (file size limit): same outcome, also as root */
	{
		struct rlimit old, lim = {4096, 4096};
		static char big[8192];

		signal(SIGXFSZ, SIG_IGN);
		CU_ASSERT_EQUAL_FATAL(getrlimit(RLIMIT_FSIZE, &old), 0);
		CU_ASSERT_EQUAL_FATAL(setrlimit(RLIMIT_FSIZE, &lim), 0);
		errno = 0;
		CU_ASSERT_EQUAL(output_write(path, big, sizeof(big)), -1);
		CU_ASSERT_EQUAL(errno, EFBIG);
		setrlimit(RLIMIT_FSIZE, &old);
		signal(SIGXFSZ, SIG_DFL);
		got = slurp(path, &len);
		CU_ASSERT(got && len == 6 && memcmp(got, "second", 6) == 0);
		free(got);
		CU_ASSERT_EQUAL(count_entries(dir), 1);
	}
	/* no such directory */
	snprintf(path, sizeof(path), "%s/missing/policy.smmub", dir);
	errno = 0;
	CU_ASSERT_EQUAL(output_write(path, "x", 1), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	/* a directory in the way of the rename: the temp file is removed */
	snprintf(path, sizeof(path), "%s/sub", dir);
	CU_ASSERT_EQUAL(mkdir(path, 0755), 0);
	CU_ASSERT_EQUAL(output_write(path, "x", 1), -1);
	CU_ASSERT_EQUAL(errno, EISDIR);
	CU_ASSERT_EQUAL(count_entries(dir), 2);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/policy.smmub", dir);
	unlink(path);
	CU_ASSERT_EQUAL(rmdir(dir), 0);
}

/* CRC32C by its definition, one bit at a time: the reference. */
static uint32_t crc_ref(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0x82f63b78u : c >> 1;
	}
	return ~c;
}

/*
 * The fast paths (8 bytes at a time, three interleaved streams joined by
 * arithmetic) against the definition, on sizes around every path's edges
 * and at odd alignments, and chained calls; and the standard check value.
 */
static void test_crc32c(void)
{
	static const size_t sizes[] = {0,    1,	   7,	  8,	 9,	3071,	    3072,  3073,
				       3087, 4095, 12287, 12288, 12289, 24576 + 13, 100003};
	size_t max = 100003 + 8;
	unsigned char *buf = malloc(max);
	uint32_t x = 12345;

	CU_ASSERT_FATAL(buf != NULL);
	for (size_t i = 0; i < max; i++)
		buf[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 16);
	CU_ASSERT_EQUAL(crc32c(0, "123456789", 9), 0xe3069283u);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (size_t a = 0; a < 3; a++) {
			size_t n = sizes[i], cut = n / 3;

			CU_ASSERT_EQUAL(crc32c(0, buf + a, n), crc_ref(buf + a, n));
			CU_ASSERT_EQUAL(crc32c(crc32c(0, buf + a, cut), buf + a + cut, n - cut),
					crc_ref(buf + a, n));
		}
	}
	free(buf);
}

/*
 * A loader that checks the CRC where it first uses the blob: the
 * structure-only validate accepts a blob whose stored CRC is wrong (and
 * nothing else does), and the computed CRC tells it apart.
 */
static void test_crc_deferred(void)
{
	size_t len;
	unsigned char *blob = testblob_build(&len);
	struct smmub_view v;
	uint32_t want;

	CU_ASSERT_FATAL(blob != NULL);
	CU_ASSERT_EQUAL_FATAL(smmub_validate(blob, len, &v, NULL), 0);
	want = smmub_compute_crc(blob, len);
	/* a wrong stored CRC: only the CRC check can see it */
	blob[offsetof(struct smmub_header, crc32c)] ^= 1;
	CU_ASSERT_EQUAL(smmub_validate(blob, len, &v, NULL), -SMMUB_ERR_BADCRC);
	CU_ASSERT_EQUAL(smmub_validate_structure(blob, len, &v, NULL), 0);
	CU_ASSERT_EQUAL(smmub_compute_crc(blob, len), want);
	CU_ASSERT_NOT_EQUAL(smmub_compute_crc(blob, len),
			    smmub_le32(((const struct smmub_header *)(void *)blob)->crc32c));
	free(blob);
}

static const struct cu_case cases[] = {
	{"same input, same bytes", test_deterministic},
	{"string interning", test_interning},
	{"builder refuses what the reader rejects", test_self_check},
	{"atomic output", test_output},
	{"CRC32C against its definition", test_crc32c},
	{"structure-only validation, CRC later", test_crc_deferred},
};

const struct cu_suite write_suite = {"builder and output", NULL, NULL, cases, CU_COUNT(cases)};
