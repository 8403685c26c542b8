/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One broken (or oddly grown) blob per rule, each asserting the exact
 * error code and byte offset, with the CRC recomputed so that the rule
 * itself, not the checksum, has to catch it.
 */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "lower/blobwrite.h"
#include "testblob.h"
#include "tests.h"

static unsigned char *good;
static size_t glen;
static struct smmub_view gv;
static unsigned char *buf; /* the copy each case breaks */

static int setup(void)
{
	good = testblob_build(&glen);
	buf = malloc(glen);
	return good && buf && smmub_validate(good, glen, &gv, NULL) == 0 ? 0 : -1;
}

static int teardown(void)
{
	free(good);
	free(buf);
	return 0;
}

static struct smmub_header *hdr(void)
{
	memcpy(buf, good, glen);
	return (struct smmub_header *)buf;
}

static struct smmub_section *tab(uint32_t i)
{
	return (struct smmub_section *)(buf + sizeof(struct smmub_header)) + i;
}

static uint64_t tab_off(uint32_t i, size_t field)
{
	return sizeof(struct smmub_header) + i * sizeof(struct smmub_section) + field;
}

/* Address of entry i of section t in buf, and its offset. */
static void *ent(uint32_t t, uint32_t i)
{
	return buf + gv.sec[t].offset + (size_t)i * gv.sec[t].stride;
}

static uint64_t ent_off(uint32_t t, uint32_t i, size_t field)
{
	return gv.sec[t].offset + (uint64_t)i * gv.sec[t].stride + field;
}

static void expect(int err, uint64_t off)
{
	struct smmub_view v;
	uint64_t bad = 12345;
	int got;

	((struct smmub_header *)buf)->crc32c = htole32(smmub_compute_crc(buf, glen));
	got = smmub_validate(buf, glen, &v, &bad);
	CU_ASSERT_EQUAL(got, -err);
	CU_ASSERT_EQUAL(bad, off);
	if (got != -err || bad != off)
		printf("\n  got %d (%s) at %llu, want %d at %llu ", got, smmub_strerror(got),
		       (unsigned long long)bad, -err, (unsigned long long)off);
}

#define SEC_FIELD(f) offsetof(struct smmub_section, f)

static void test_header(void)
{
	struct smmub_view v;
	uint64_t bad;

	hdr()->magic = htole32(0x12345678);
	expect(SMMUB_ERR_BADMAGIC, 0);
	hdr()->last_comp_version = htole32(SMMUB_VERSION + 1);
	expect(SMMUB_ERR_BADVERSION, offsetof(struct smmub_header, last_comp_version));
	hdr()->reserved0 = htole32(1);
	expect(SMMUB_ERR_BADHEADER, offsetof(struct smmub_header, reserved0));
	hdr()->header_size = htole32(32);
	expect(SMMUB_ERR_BADHEADER, offsetof(struct smmub_header, header_size));
	hdr()->flags |= htole32(1u << 7);
	expect(SMMUB_ERR_BADVALUE, offsetof(struct smmub_header, flags));
	hdr()->flags = 0; /* LATE_BOUND must follow RELOCS */
	expect(SMMUB_ERR_BADVALUE, offsetof(struct smmub_header, flags));
	/* a misaligned buffer is refused before anything is read */
	memcpy(buf, good, glen);
	CU_ASSERT_EQUAL(smmub_validate(buf + 1, glen - 1, &v, &bad), -SMMUB_ERR_ALIGNMENT);
	CU_ASSERT_EQUAL(bad, 0);
	memcpy(buf, good, glen);
	buf[ent_off(SMMUB_SEC_SYMBOLS, 0, offsetof(struct smmub_symbol, line))] ^= 1;
	CU_ASSERT_EQUAL(smmub_validate(buf, glen, &v, &bad), -SMMUB_ERR_BADCRC);
	CU_ASSERT_EQUAL(bad, offsetof(struct smmub_header, crc32c));
}

/* The CRC covers total_size bytes: one byte more is refused where it starts. */
static void test_trailing(void)
{
	unsigned char *big = malloc(glen + 8);
	struct smmub_view v;
	uint64_t bad = 12345;

	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memcpy(big, good, glen);
	memset(big + glen, 0, 8);
	CU_ASSERT_EQUAL(smmub_validate(big, glen + 1, &v, &bad), -SMMUB_ERR_BADHEADER);
	CU_ASSERT_EQUAL(bad, glen);
	bad = 12345;
	CU_ASSERT_EQUAL(smmub_validate_structure(big, glen + 8, &v, &bad), -SMMUB_ERR_BADHEADER);
	CU_ASSERT_EQUAL(bad, glen);
	CU_ASSERT_EQUAL(smmub_validate(big, glen, &v, &bad), 0);
	free(big);
}

static void test_sections(void)
{
	hdr();
	tab(1)->offset = tab(0)->offset; /* SYMBOLS over STRINGS */
	expect(SMMUB_ERR_OVERLAP, tab_off(1, SEC_FIELD(offset)));
	hdr();
	tab(12)->offset = htole64(glen - 8); /* RELOCS (32 bytes) past the end */
	expect(SMMUB_ERR_BADSECTION, tab_off(12, SEC_FIELD(size)));
	hdr();
	tab(12)->offset = htole64(UINT64_MAX - 7); /* would wrap */
	expect(SMMUB_ERR_BADSECTION, tab_off(12, SEC_FIELD(offset)));
	hdr();
	tab(12)->size = htole64(UINT64_MAX - 7); /* offset + size wraps */
	expect(SMMUB_ERR_BADSECTION, tab_off(12, SEC_FIELD(size)));
	hdr();
	tab(11)->count = htole32(UINT32_MAX); /* count * entry_size overflows 32 bits */
	tab(11)->entry_size = htole32(UINT32_MAX);
	expect(SMMUB_ERR_BADSECTION, tab_off(11, SEC_FIELD(size)));
	hdr();
	tab(11)->offset = htole64(le64toh(tab(11)->offset) + 4);
	expect(SMMUB_ERR_ALIGNMENT, tab_off(11, SEC_FIELD(offset)));
	hdr();
	tab(4)->type = htole32(SMMUB_SEC_SAFETY); /* PARAMS retyped: SAFETY twice */
	expect(SMMUB_ERR_DUPLICATE, tab_off(4, SEC_FIELD(type)));
	hdr();
	tab(10)->type = htole32(100); /* REGIONS becomes unknown: skipped, then missing */
	expect(SMMUB_ERR_MISSING, offsetof(struct smmub_header, section_count));
	hdr();
	tab(11)->entry_size = htole32(48); /* DEVICES smaller than this reader knows */
	tab(11)->size = htole64(48 * 8);
	expect(SMMUB_ERR_BADSECTION, tab_off(11, SEC_FIELD(entry_size)));
	hdr();
	tab(2)->count = htole32(2); /* two SETTINGS */
	tab(2)->size = htole64(2 * sizeof(struct smmub_settings));
	expect(SMMUB_ERR_BADSECTION, tab_off(2, SEC_FIELD(count)));
	hdr();
	tab(0)->flags = htole32(1);
	expect(SMMUB_ERR_BADSECTION, tab_off(0, SEC_FIELD(flags)));
}

static void test_strings(void)
{
	const struct smmub_secinfo *s = &gv.sec[SMMUB_SEC_STRINGS];
	struct smmub_set *set;

	hdr();
	buf[s->offset + s->size - 1] = 'x';
	expect(SMMUB_ERR_BADSTRING, s->offset + s->size - 1);
	hdr();
	set = ent(SMMUB_SEC_SETS, 1);
	set->name = htole32(0xfff0); /* past STRINGS */
	expect(SMMUB_ERR_BADSTRING, ent_off(SMMUB_SEC_SETS, 1, 0));
	hdr();
	set = ent(SMMUB_SEC_SETS, 1);
	set->name = htole32(le32toh(set->name) + 1); /* inside "dma_buf" */
	expect(SMMUB_ERR_BADSTRING, ent_off(SMMUB_SEC_SETS, 1, 0));
	if (s->size % 8) {
		hdr();
		buf[s->offset + s->size] = 1; /* padding must be zero */
		expect(SMMUB_ERR_BADVALUE, s->offset + s->size);
	}
}

static void test_entries(void)
{
	struct smmub_device *d;
	struct smmub_region *r;

	hdr();
	d = ent(SMMUB_SEC_DEVICES, 0);
	d->unit = htole32(7);
	expect(SMMUB_ERR_BADINDEX,
	       ent_off(SMMUB_SEC_DEVICES, 0, offsetof(struct smmub_device, unit)));
	hdr();
	((struct smmub_smmu *)ent(SMMUB_SEC_SMMUS, 0))->type = htole32(9);
	expect(SMMUB_ERR_BADVALUE, ent_off(SMMUB_SEC_SMMUS, 0, 0));
	hdr();
	((struct smmub_domain *)ent(SMMUB_SEC_DOMAINS, 2))->reserved = htole32(1);
	expect(SMMUB_ERR_BADVALUE,
	       ent_off(SMMUB_SEC_DOMAINS, 2, offsetof(struct smmub_domain, reserved)));
	hdr();
	r = ent(SMMUB_SEC_REGIONS, 1);
	r->start = htole64(0x2000f000); /* into region 0 of the same domain */
	expect(SMMUB_ERR_BADORDER, ent_off(SMMUB_SEC_REGIONS, 1, 0));
	hdr();
	r = ent(SMMUB_SEC_REGIONS, 1);
	r->perms = htole32(3); /* touching region 0 with equal permissions: not merged */
	expect(SMMUB_ERR_BADORDER, ent_off(SMMUB_SEC_REGIONS, 1, 0));
	hdr();
	((struct smmub_rule *)ent(SMMUB_SEC_RULES, 3))->length = htole64(0);
	expect(SMMUB_ERR_BADVALUE,
	       ent_off(SMMUB_SEC_RULES, 3, offsetof(struct smmub_rule, length)));
	hdr();
	((struct smmub_reloc *)ent(SMMUB_SEC_RELOCS, 0))->rule = htole32(1); /* not LATE */
	expect(SMMUB_ERR_BADVALUE, ent_off(SMMUB_SEC_RULES, 1, offsetof(struct smmub_rule, flags)));
}

/* Builds the test policy after 'change' edits it; returns the blob or NULL. */
static void *rebuild(void (*change)(struct testblob *), size_t *len, int version)
{
	struct blobw *b = blobw_new();
	struct testblob tb;
	void *out = NULL;

	testblob_fill(&tb, b);
	if (change)
		change(&tb);
	if (testblob_add(&tb, b) == 0) {
		if (version)
			blobw_set_version(b, (uint32_t)version, 1);
		blobw_finish_unchecked(b, &out, len);
	}
	blobw_free(b);
	return out;
}

static void swap_devices(struct testblob *tb)
{
	struct smmub_device t = tb->devices[3];

	tb->devices[3] = tb->devices[4];
	tb->devices[4] = t;
}

static void test_order(void)
{
	size_t len;
	void *b = rebuild(swap_devices, &len, 0);
	struct smmub_view v;
	uint64_t bad;

	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(smmub_validate(b, len, &v, &bad), -SMMUB_ERR_BADORDER);
	CU_ASSERT_EQUAL(bad, ent_off(SMMUB_SEC_DEVICES, 4, offsetof(struct smmub_device, sid)));
	free(b);
}

static void test_versions(void)
{
	size_t len;
	void *b = rebuild(NULL, &len, 7);
	struct smmub_view v;
	uint64_t bad;

	CU_ASSERT_EQUAL(smmub_validate(b, len, &v, &bad), 0);
	CU_ASSERT_EQUAL(v.version, 7);
	free(b);
	hdr();
	((struct smmub_header *)buf)->last_comp_version = htole32(2);
	((struct smmub_header *)buf)->version = htole32(2);
	expect(SMMUB_ERR_BADVERSION, offsetof(struct smmub_header, last_comp_version));
	hdr()->version = htole32(0);
	expect(SMMUB_ERR_BADVERSION, offsetof(struct smmub_header, version));
}

static void test_growth(void)
{
	static const uint64_t extra[3] = {1, 2, 3};
	struct {
		struct smmub_device d;
		uint64_t more;
	} wide[8];
	struct blobw *b = blobw_new();
	struct smmub_secinfo si;
	struct smmub_view v;
	struct testblob tb;
	void *out = NULL;
	size_t len, i;
	uint64_t bad;

	testblob_fill(&tb, b);
	memset(wide, 0, sizeof(wide));
	for (i = 0; i < 8; i++)
		wide[i].d = tb.devices[i];
	/* a newer writer: a section type this reader does not know, and wider devices */
	CU_ASSERT_EQUAL(blobw_section(b, 200, extra, 3, sizeof(extra[0])), 0);
	CU_ASSERT_EQUAL(blobw_section(b, SMMUB_SEC_DEVICES, wide, 8, sizeof(wide[0])), 0);
	tb.devices[0].kind = 0;			   /* not used: DEVICES is already added */
	CU_ASSERT_EQUAL(testblob_add(&tb, b), -1); /* DEVICES twice is refused */
	blobw_free(b);

	b = blobw_new();
	testblob_fill(&tb, b);
	CU_ASSERT_EQUAL(blobw_section(b, 200, extra, 3, sizeof(extra[0])), 0);
	CU_ASSERT_EQUAL(blobw_section(b, SMMUB_SEC_DEVICES, wide, 8, sizeof(wide[0])), 0);
	CU_ASSERT_EQUAL(blobw_section(b, SMMUB_SEC_SYMBOLS, tb.syms, tb.nsyms, sizeof(tb.syms[0])),
			0);
	CU_ASSERT_EQUAL(blobw_section(b, SMMUB_SEC_SETTINGS, &tb.settings, 1, sizeof(tb.settings)),
			0);
#define ADD(t, a, n) CU_ASSERT_EQUAL(blobw_section(b, t, a, n, sizeof((a)[0])), 0)
	ADD(SMMUB_SEC_SAFETY, tb.safety, 2);
	ADD(SMMUB_SEC_PARAMS, tb.params, 8);
	ADD(SMMUB_SEC_SMMUS, tb.smmus, 2);
	ADD(SMMUB_SEC_UNITS, tb.units, 3);
	ADD(SMMUB_SEC_SETS, tb.sets, 3);
	ADD(SMMUB_SEC_RULES, tb.rules, 7);
	ADD(SMMUB_SEC_DOMAINS, tb.domains, 5);
	ADD(SMMUB_SEC_REGIONS, tb.regions, 6);
	ADD(SMMUB_SEC_RELOCS, tb.relocs, 2);
	blobw_set_flags(b, SMMUB_F_LATE_BOUND);
	CU_ASSERT_EQUAL_FATAL(blobw_finish(b, &out, &len, &bad), 0);
	CU_ASSERT_EQUAL(smmub_validate(out, len, &v, &bad), 0);
	CU_ASSERT_EQUAL(v.sec[SMMUB_SEC_DEVICES].stride, sizeof(wide[0]));
	CU_ASSERT_EQUAL(smmub_le64(smmub_device(&v, 7)->paddr), 0xfe960000);
	CU_ASSERT_EQUAL(smmub_lookup_pci(&v, 0x00fb), 4);
	CU_ASSERT_EQUAL(smmub_lookup_mem(&v, 0xe6ef0010), 6);
	CU_ASSERT_EQUAL(smmub_find_section(&v, 200, &si), 0);
	CU_ASSERT_EQUAL(si.count, 3);
	CU_ASSERT_EQUAL(smmub_le64(((const uint64_t *)si.data)[2]), 3);
	CU_ASSERT_EQUAL(smmub_find_section(&v, 201, &si), -SMMUB_ERR_NOTFOUND);
	free(out);
	blobw_free(b);
}

static void test_producer(void)
{
	struct smmub_producer pr = {htole32(SMMUB_PROD_SAFETY_VARIANT), 0};
	struct blobw *b;
	struct testblob tb;
	struct smmub_view v;
	void *out = NULL;
	size_t len;
	uint64_t bad = 0;
	int round;

	for (round = 0; round < 2; round++) {
		b = blobw_new();
		testblob_fill(&tb, b);
		CU_ASSERT_EQUAL(testblob_add(&tb, b), 0);
		pr.flags = htole32(round ? 2 : SMMUB_PROD_SAFETY_VARIANT);
		CU_ASSERT_EQUAL(blobw_section(b, SMMUB_SEC_PRODUCER, &pr, 1, sizeof(pr)), 0);
		CU_ASSERT_EQUAL_FATAL(blobw_finish_unchecked(b, &out, &len), 0);
		if (round == 0) {
			CU_ASSERT_EQUAL(smmub_validate(out, len, &v, &bad), 0);
			CU_ASSERT_EQUAL(smmub_le32(smmub_producer(&v)->flags),
					SMMUB_PROD_SAFETY_VARIANT);
		} else {
			CU_ASSERT_EQUAL(smmub_validate(out, len, &v, &bad), -SMMUB_ERR_BADVALUE);
			CU_ASSERT_EQUAL(bad, len - sizeof(pr));
		}
		free(out);
		blobw_free(b);
	}
}

static const struct cu_case cases[] = {
	{"header", test_header},
	{"bytes after total_size", test_trailing},
	{"section table", test_sections},
	{"strings", test_strings},
	{"entries", test_entries},
	{"device order", test_order},
	{"versions", test_versions},
	{"unknown sections and wider entries", test_growth},
	{"producer section", test_producer},
};

const struct cu_suite negative_suite = {"one rule at a time", setup, teardown, cases,
				  CU_COUNT(cases)};
