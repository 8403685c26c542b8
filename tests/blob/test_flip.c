/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Robustness of the reader over the test blob: every truncation, every
 * single-bit flip as is (the CRC must catch what structure does not), and
 * every flip with the CRC recomputed, where each bit of the blob is
 * classified as structure (a flip must be rejected, and not as BADCRC) or
 * value (a flip must be accepted) by the header/table rules below and, for
 * section contents, by the independent oracle.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "oracle.h"
#include "testblob.h"
#include "tests.h"

static unsigned char *blob;
static size_t blen;
static struct smmub_view orig;

static int flip_setup(void)
{
	void *b = testblob_build(&blen);

	blob = b;
	if (!blob || smmub_validate(blob, blen, &orig, NULL))
		return -1;
	return 0;
}

static int flip_teardown(void)
{
	free(blob);
	return 0;
}

static void test_truncated(void)
{
	size_t len, named = 0;

	for (len = 0; len < blen; len++) {
		unsigned char *copy = malloc(len ? len : 1);
		struct smmub_view v;
		uint64_t bad;
		int err;

		memcpy(copy, blob, len);
		err = smmub_validate(copy, len, &v, &bad);
		if (err == -SMMUB_ERR_TRUNCATED && bad == len)
			named++;
		else
			printf("\n  length %zu: %d (%s) at %llu", len, err, smmub_strerror(err),
			       (unsigned long long)bad);
		free(copy);
	}
	printf("\n  %zu of %zu truncations rejected as TRUNCATED ", named, blen);
	CU_ASSERT_EQUAL(named, blen);
}

static void test_flips_raw(void)
{
	unsigned char *copy = malloc(blen);
	size_t off, rejected = 0, total = 0;
	int bit;

	for (off = 0; off < blen; off++)
		for (bit = 0; bit < 8; bit++) {
			struct smmub_view v;

			memcpy(copy, blob, blen);
			copy[off] ^= (unsigned char)(1u << bit);
			total++;
			if (smmub_validate(copy, blen, &v, NULL) < 0)
				rejected++;
			else
				printf("\n  flip %zu.%d accepted", off, bit);
		}
	printf("\n  %zu of %zu flips rejected ", rejected, total);
	CU_ASSERT_EQUAL(rejected, total);
	free(copy);
}

#define HDR(f) offsetof(struct smmub_header, f)

/*
 * Expected verdict for a flip of bit 'bit' at 'off' in the header or the
 * section table; 'mut' is the changed blob. -1: not in header or table.
 */
static int table_verdict(const unsigned char *mut, size_t off, int bit)
{
	size_t table = sizeof(struct smmub_header);
	size_t n = smmub_le32(((const struct smmub_header *)blob)->section_count);
	size_t tend = table + n * sizeof(struct smmub_section);

	if (off >= HDR(version) && off < HDR(version) + 4)
		/* any version >= last_comp (1) is a newer, compatible one */
		return smmub_le32(((const struct smmub_header *)mut)->version) >= 1;
	if (off == HDR(flags))
		return bit == 0; /* SMMUB_F_GUEST: a value; LATE_BOUND follows RELOCS */
	if (off < table)
		return 0;
	if (off < tend) {
		size_t e = (off - table) / sizeof(struct smmub_section);
		const struct smmub_section *s = (const void *)(mut + table + e * 32);
		const struct smmub_section *o = (const void *)(blob + table + e * 32);

		/* SAFETY is referenced by nothing: retyped to an unknown type it is skipped */
		if (off - table - e * 32 < 4 && smmub_le32(o->type) == SMMUB_SEC_SAFETY)
			return smmub_le32(s->type) > SMMUB_SEC_KNOWN_MAX;
		return 0;
	}
	return -1;
}

static int in_section(size_t off)
{
	int t;

	for (t = 1; t <= SMMUB_SEC_KNOWN_MAX; t++)
		if (orig.sec[t].data && off >= orig.sec[t].offset &&
		    off < orig.sec[t].offset + orig.sec[t].size)
			return t;
	return 0;
}

static void test_flips_recomputed(void)
{
	unsigned char *copy = malloc(blen);
	size_t off, agree = 0, total = 0, accepted = 0, badcrc = 0;
	int bit, shown = 0;

	for (off = 0; off < blen; off++) {
		if (off >= HDR(crc32c) && off < HDR(crc32c) + 4)
			continue; /* recomputing undoes the flip */
		for (bit = 0; bit < 8; bit++) {
			struct smmub_view v;
			uint64_t bad = 0;
			int err, want;
			struct smmub_header *h = (struct smmub_header *)copy;

			memcpy(copy, blob, blen);
			copy[off] ^= (unsigned char)(1u << bit);
			h->crc32c = htole32(smmub_compute_crc(copy, blen));
			err = smmub_validate(copy, blen, &v, &bad);
			want = table_verdict(copy, off, bit);
			if (want < 0)
				want = in_section(off) ? oracle_contents_ok(copy, &orig) : 0;
			total++;
			accepted += err == 0;
			badcrc += err == -SMMUB_ERR_BADCRC;
			if ((err == 0) == want && err != -SMMUB_ERR_BADCRC) {
				agree++;
			} else if (shown++ < 40) {
				printf("\n  flip %zu.%d (section %d): reader %s at %llu, oracle %s",
				       off, bit, in_section(off),
				       err ? smmub_strerror(err) : "accepts",
				       (unsigned long long)bad, want ? "accepts" : "rejects");
			}
		}
	}
	printf("\n  %zu of %zu recomputed flips classified alike (%zu value flips accepted) ",
	       agree, total, accepted);
	CU_ASSERT_EQUAL(agree, total);
	CU_ASSERT_EQUAL(badcrc, 0);
	/* the classification is not trivial either way */
	CU_ASSERT(accepted > 1000);
	CU_ASSERT(total - accepted > 1000);
	free(copy);
}

static const struct cu_case cases[] = {
	{"every truncation is TRUNCATED", test_truncated},
	{"every single-bit flip is rejected", test_flips_raw},
	{"recomputed-CRC flips: structure vs value", test_flips_recomputed},
};

const struct cu_suite flip_suite = {"robustness", flip_setup, flip_teardown, cases,
				  CU_COUNT(cases)};
