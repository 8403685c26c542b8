/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reader on the valid test blob (every accessor and lookup, exact
 * values) and on one broken blob per rule (exact error and byte offset).
 */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "lower/blobwrite.h"
#include "testblob.h"
#include "tests.h"

static unsigned char *blob;
static size_t blen;
static struct smmub_view view;

static int setup(void)
{
	blob = testblob_build(&blen);
	return blob && smmub_validate(blob, blen, &view, NULL) == 0 ? 0 : -1;
}

static int teardown(void)
{
	free(blob);
	return 0;
}

static const char *S(uint32_t le_off)
{
	return smmub_str(&view, smmub_le32(le_off));
}

static void test_counts(void)
{
	static const uint32_t want[SMMUB_SEC_KNOWN_MAX + 1] = {0, 0, 27, 1, 2, 8, 2, 3,
							       3, 7, 5,	 6, 8, 2, 0};
	uint32_t t;

	CU_ASSERT_EQUAL(view.version, SMMUB_VERSION);
	CU_ASSERT_EQUAL(view.flags, SMMUB_F_LATE_BOUND);
	CU_ASSERT_EQUAL(view.size, blen);
	for (t = SMMUB_SEC_SYMBOLS; t <= SMMUB_SEC_KNOWN_MAX; t++)
		CU_ASSERT_EQUAL(smmub_count(&view, t), want[t]);
	CU_ASSERT_EQUAL(smmub_count(&view, 0), 0);
	CU_ASSERT_EQUAL(smmub_count(&view, 99), 0);
	CU_ASSERT_PTR_NULL(smmub_device(&view, 8));
	CU_ASSERT_PTR_NULL(smmub_rule(&view, 7));
	CU_ASSERT_PTR_NULL(smmub_sym(&view, 27));
	CU_ASSERT_PTR_NULL(smmub_producer(&view));
}

static void test_strings(void)
{
	CU_ASSERT_STRING_EQUAL(smmub_str(&view, 0), "");
	CU_ASSERT_STRING_EQUAL(smmub_str(&view, 1), "smmu-rcar3");
	CU_ASSERT_PTR_NULL(smmub_str(&view, 2)); /* inside a string */
	CU_ASSERT_PTR_NULL(smmub_str(&view, 0xffffff));
	CU_ASSERT_STRING_EQUAL(S(smmub_set(&view, 1)->name), "dma_buf");
	CU_ASSERT_STRING_EQUAL(S(smmub_unit(&view, 2)->name), "ipmmu_vi0");
	CU_ASSERT_STRING_EQUAL(S(smmub_safety(&view, 1)->component), "smmu-vtd");
	CU_ASSERT_STRING_EQUAL(S(smmub_reloc(&view, 1)->name), "fb");
}

static void test_entries(void)
{
	const struct smmub_settings *st = smmub_settings(&view);
	const struct smmub_device *d = smmub_device(&view, 6);
	const struct smmub_symbol *y = smmub_sym(&view, smmub_le32(d->use_sym));
	const struct smmub_rule *r = smmub_rule(&view, 4);
	const struct smmub_region *g = smmub_region(&view, 5);
	uint64_t p = 0;

	CU_ASSERT_EQUAL(smmub_le32(st->message_block_timeout), 500);
	CU_ASSERT_EQUAL(smmub_le64(st->grow_heap), 0x100000);
	CU_ASSERT_EQUAL(smmub_le32(st->groups[1]), 301);
	CU_ASSERT_EQUAL(smmub_le64(d->paddr), 0xe6ef0000);
	CU_ASSERT_EQUAL(smmub_le64(d->use_param), 3);
	CU_ASSERT_EQUAL(smmub_le32(d->unit), 2);
	CU_ASSERT_EQUAL(smmub_le32(y->kind), SMMUB_SYM_USE);
	CU_ASSERT_EQUAL(smmub_le32(y->line), 27);
	CU_ASSERT_EQUAL(smmub_le32(y->col), 34);
	CU_ASSERT_STRING_EQUAL(S(y->name), "ipmmu_vi0");
	CU_ASSERT_STRING_EQUAL(S(y->file), "policy.smmu");
	CU_ASSERT_EQUAL(smmub_le64(r->start), 0x20010000);
	CU_ASSERT_EQUAL(smmub_le32(r->perms), SMMUB_PERM_R);
	CU_ASSERT_EQUAL(smmub_le64(g->start), 0x40000000);
	CU_ASSERT_EQUAL(smmub_le32(g->flags), SMMUB_REG_RESERVED);
	CU_ASSERT_EQUAL(smmub_le32(smmub_domain(&view, 3)->flags),
			SMMUB_DOM_OWNED | SMMUB_DOM_LATE);
	CU_ASSERT_EQUAL(smmub_param(&view, 3, &p), 0);
	CU_ASSERT_EQUAL(p, 0x4f00000020);
	CU_ASSERT_EQUAL(smmub_param(&view, 7, &p), 0);
	CU_ASSERT_EQUAL(p, 10);
	CU_ASSERT_EQUAL(smmub_param(&view, 8, &p), -SMMUB_ERR_NOTFOUND);
}

static void test_lookup_pci(void)
{
	CU_ASSERT_EQUAL(smmub_lookup_pci(&view, 0x0090), 3); /* 0:18.0 FUNC */
	CU_ASSERT_EQUAL(smmub_lookup_pci(&view, 0x00fb), 4); /* 0:31.3 FUNC */
	CU_ASSERT_EQUAL(smmub_lookup_pci(&view, 0x0300), 5); /* 3:0.0 FUNC */
	CU_ASSERT_EQUAL(smmub_lookup_pci(&view, 0x0010), 2); /* 0:2.0 DEV */
	CU_ASSERT_EQUAL(smmub_lookup_pci(&view, 0x0017), 2); /* 0:2.7 DEV */
	CU_ASSERT_EQUAL(smmub_lookup_pci(&view, 0x0200), 1); /* 2:0.0 BUS */
	CU_ASSERT_EQUAL(smmub_lookup_pci(&view, 0x02ff), 1); /* 2:31.7 BUS */
	CU_ASSERT_EQUAL(smmub_lookup_pci(&view, 0x0091), 0); /* 0:18.1 ANY */
	CU_ASSERT_EQUAL(smmub_lookup_pci(&view, 0x0301), 0); /* 3:0.1 ANY */
	CU_ASSERT_EQUAL(smmub_lookup_pci(&view, 0xffff), 0);
}

static void test_lookup_mem(void)
{
	CU_ASSERT_EQUAL(smmub_lookup_mem(&view, 0xe6ef0000), 6);
	CU_ASSERT_EQUAL(smmub_lookup_mem(&view, 0xe6ef0fff), 6);
	CU_ASSERT_EQUAL(smmub_lookup_mem(&view, 0xe6ef1000), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_lookup_mem(&view, 0xe6eeffff), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_lookup_mem(&view, 0xfe96ffff), 7);
	CU_ASSERT_EQUAL(smmub_lookup_mem(&view, 0xfe970000), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_lookup_mem(&view, 0), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_lookup_mem(&view, UINT64_MAX), -SMMUB_ERR_NOTFOUND);
}

static void test_domain_find(void)
{
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 0, 0x1fffffff), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 0, 0x20000000), 0);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 0, 0x2000ffff), 0);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 0, 0x20010000), 1);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 0, 0x20010fff), 1);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 0, 0x20011000), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 2, 0x2fff), 3);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 2, 0x3000), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 3, 0x80000000), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 4, 0x1000), 4);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 4, 0x40000fff), 5);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 4, 0x3fffffff), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_domain_find(&view, 5, 0x1000), -SMMUB_ERR_NOTFOUND);
}

static void test_ranges(void)
{
	uint32_t first = 99, count = 99;

	CU_ASSERT_EQUAL(smmub_set_find(&view, "audio"), 0);
	CU_ASSERT_EQUAL(smmub_set_find(&view, "net"), 2);
	CU_ASSERT_EQUAL(smmub_set_find(&view, "dma"), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_device_reserved(&view, 2, &first, &count), 0);
	CU_ASSERT(first == 5 && count == 1);
	CU_ASSERT_EQUAL(smmub_device_reserved(&view, 7, &first, &count), 0);
	CU_ASSERT(first == 6 && count == 1);
	CU_ASSERT_EQUAL(smmub_device_reserved(&view, 3, &first, &count), 0);
	CU_ASSERT_EQUAL(count, 0);
	CU_ASSERT_EQUAL(smmub_device_reserved(&view, 8, &first, &count), -SMMUB_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(smmub_rule_relocs(&view, 2, &first, &count), 0);
	CU_ASSERT(first == 0 && count == 2);
	CU_ASSERT_EQUAL(smmub_rule_relocs(&view, 3, &first, &count), 0);
	CU_ASSERT_EQUAL(count, 0);
}

static void test_strerror(void)
{
	int e;

	for (e = 1; e < SMMUB_ERR_MAX; e++)
		CU_ASSERT(strcmp(smmub_strerror(-e), "unknown error") != 0);
	CU_ASSERT_STRING_EQUAL(smmub_strerror(-SMMUB_ERR_BADCRC), "checksum mismatch");
	CU_ASSERT_STRING_EQUAL(smmub_strerror(-SMMUB_ERR_MAX), "unknown error");
}

static const struct cu_case cases[] = {
	{"counts and bounds", test_counts},
	{"strings", test_strings},
	{"entry fields", test_entries},
	{"pci lookup specificity", test_lookup_pci},
	{"mem lookup", test_lookup_mem},
	{"domain region find at boundaries", test_domain_find},
	{"set, reserved and reloc ranges", test_ranges},
	{"strerror names every error", test_strerror},
};

const struct cu_suite reader_suite = {"reader", setup, teardown, cases, CU_COUNT(cases)};
