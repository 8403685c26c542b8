/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VT-d table sections reader (runtime/vtd/vtd_blob.c) on a blob compiled
 * here from a small policy: the runs it finds, the pages it writes against
 * the builder's, one broken rule at a time with the exact offset blamed,
 * and every single-bit flip of the runs and relocations judged against an
 * independent statement of the rules in this file.
 *
 * Mutated blobs get a fresh CRC and pass smmub_validate in full, so every
 * rejection seen here is the tables reader's and not the CRC's.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob/blob.h"
#include "lower/compile.h"
#include "front/frontend.h"
#include "smmub_vtd.h"
#include "front/srcpos.h"
#include "vtd/vtd_blob.h"
#include "vtd/vtd_policy.h"
#include "cu_run.h"
#include "fixture.h"
#include "tabedit.h"

#define WORDS	512u
#define RUN_SZ	sizeof(struct smmub_run)
#define F_PAGE	offsetof(struct smmub_run, page)
#define F_INDEX offsetof(struct smmub_run, index)
#define F_COUNT offsetof(struct smmub_run, count)
#define F_VALUE offsetof(struct smmub_run, value)
#define F_STEP	offsetof(struct smmub_run, step)

/*
 * The fixture policy (fixture.h), as runs: one domain (set big) for two
 * functions on bus 0. With the default profile (4 levels, 2 MiB leaves)
 * the builder lays out 7 pages:
 *   0 root: bus 0 -> page 1. 1 run.
 *   1 context: devfn 0x10 and 0x18, lo then hi each; hi (AW 2 | DID 1 =
 *     0x102) is below lo (0x2001), so no step joins them. 4 runs.
 *   2 PML4[0] -> page 3; 3 PDPT[1] -> page 4. 1 run each.
 *   4 PD: [0] -> page 5; [2] [3] the two 2 MiB leaves of the 4 MiB region,
 *     one run of step 0x200000; [4] -> page 6. 3 runs.
 *   5 PT: the 1 MiB region, 256 leaves of step 0x1000. 1 run.
 *   6 PT: 0x40800000 s; 0x40802000 t and 0x40803000 st, adjacent, one run
 *     of step 0x1001; 0x40805000 s. 3 runs.
 * 14 runs; 7 relocations: root, both context lo, PML4, PDPT, PD[0], PD[4].
 */

#define NPAGES	7u
#define NRUNS	14u
#define NRELOCS 7u

/* One line per page, 0 to 6, as the comment above lays them out. */
static const struct smmub_run want_runs[NRUNS] = {
	{0, 0, 1, 0x1001, 0},
	{1, 32, 1, 0x2001, 0}, {1, 33, 1, 0x102, 0}, {1, 48, 1, 0x2001, 0}, {1, 49, 1, 0x102, 0},
	{2, 0, 1, 0x3003, 0},
	{3, 1, 1, 0x4003, 0},
	{4, 0, 1, 0x5003, 0}, {4, 2, 2, 0x40400083, 0x200000}, {4, 4, 1, 0x6003, 0},
	{5, 0, 256, 0x40000003, 0x1000},
	{6, 0, 1, 0x40800001, 0}, {6, 2, 2, 0x40802002, 0x1001}, {6, 5, 1, 0x40805001, 0},
};

static const uint64_t want_relocs[NRELOCS] = {
	0, 4096 + 32 * 8, 4096 + 48 * 8, 2 * 4096, 3 * 4096 + 8, 4 * 4096, 4 * 4096 + 4 * 8,
};

static void *good;
static size_t good_len;

/* The good blob, compiled once, in-process, with the default profile. */
static int compile_good(void)
{
	return good ? 0 : fixture_compile(fixture_policy, &good, &good_len);
}

/* A private copy of the good blob and where its table sections are. */
struct fix {
	unsigned char *b;
	size_t len;
	struct smmub_view v;
	struct smmub_secinfo con, runs, relocs;
};

static int fix_get(struct fix *f)
{
	memset(f, 0, sizeof(*f));
	if (compile_good())
		return -1;
	f->b = malloc(good_len);
	if (!f->b)
		return -1;
	memcpy(f->b, good, good_len);
	f->len = good_len;
	if (smmub_validate(f->b, f->len, &f->v, NULL) ||
	    smmub_find_section(&f->v, SMMUB_SEC_VTD_CONTRACT, &f->con) ||
	    smmub_find_section(&f->v, SMMUB_SEC_VTD_RUNS, &f->runs) ||
	    smmub_find_section(&f->v, SMMUB_SEC_VTD_RELOCS, &f->relocs))
		return -1;
	return 0;
}

/* After an edit: a correct CRC again, and the blob reader's full approval. */
static int reseal(struct fix *f)
{
	te_put(f->b + offsetof(struct smmub_header, crc32c), 4, smmub_compute_crc(f->b, f->len));
	return smmub_validate(f->b, f->len, &f->v, NULL);
}

/* Byte offset, in the blob, of the section table entry of type. */
static uint64_t sec_entry_of(const struct fix *f, uint32_t type)
{
	uint64_t table = te_get(f->b + offsetof(struct smmub_header, section_offset), 8);
	uint32_t n = (uint32_t)te_get(f->b + offsetof(struct smmub_header, section_count), 4);

	for (uint32_t i = 0; i < n; i++) {
		uint64_t at = table + (uint64_t)i * sizeof(struct smmub_section);

		if (te_get(f->b + at + offsetof(struct smmub_section, type), 4) == type)
			return at;
	}
	return 0;
}

struct edit {
	bool reloc; /* else a run */
	unsigned entry;
	unsigned field; /* byte offset in the entry */
	unsigned width;
	uint64_t val;
};

/*
 * Applies the edits to a fresh copy, reseals, and expects the view to blame
 * entry bad of the edited section (-1: accept the blob).
 */
static void expect(const struct edit *e, size_t n, bool bad_reloc, long bad)
{
	struct vtd_tables_view t;
	struct fix f;
	uint64_t off = UINT64_MAX;
	int rc;

	CU_ASSERT_EQUAL_FATAL(fix_get(&f), 0);
	for (size_t i = 0; i < n; i++) {
		const struct smmub_secinfo *s = e[i].reloc ? &f.relocs : &f.runs;

		te_put(f.b + s->offset + (uint64_t)e[i].entry * s->stride + e[i].field, e[i].width,
		    e[i].val);
	}
	CU_ASSERT_EQUAL_FATAL(reseal(&f), 0);
	rc = vtd_tables_view(&f.v, &t, &off);
	if (bad < 0) {
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_TRUE(t.present);
	} else {
		const struct smmub_secinfo *s = bad_reloc ? &f.relocs : &f.runs;

		CU_ASSERT_EQUAL(rc, -SMMUB_ERR_BADVALUE);
		CU_ASSERT_EQUAL(off, s->offset + (uint64_t)bad * s->stride);
	}
	free(f.b);
}

static void run_edit(unsigned i, unsigned field, unsigned width, uint64_t val, long bad)
{
	struct edit e = {false, i, field, width, val};

	expect(&e, 1, false, bad);
}

static void reloc_edit(unsigned i, uint64_t val, long bad)
{
	struct edit e = {true, i, 0, 8, val};

	expect(&e, 1, true, bad);
}

/* ---- the good blob -------------------------------------------------------- */

static void test_shape(void)
{
	struct vtd_tables_view t;
	struct fix f;
	uint64_t off = 0;

	CU_ASSERT_EQUAL_FATAL(fix_get(&f), 0);
	CU_ASSERT_EQUAL(vtd_tables_view(&f.v, &t, &off), 0);
	CU_ASSERT_TRUE_FATAL(t.present);
	CU_ASSERT_EQUAL(t.levels, 4);
	CU_ASSERT_EQUAL(t.sizes_used, SMMUB_VTD_PGSZ_4K | SMMUB_VTD_PGSZ_2M);
	CU_ASSERT_EQUAL(t.sizes_allowed, SMMUB_VTD_PGSZ_4K | SMMUB_VTD_PGSZ_2M);
	CU_ASSERT_EQUAL(t.npages, NPAGES);
	CU_ASSERT_EQUAL(t.ndevices, 2);
	CU_ASSERT_EQUAL(t.run_stride, RUN_SZ);
	CU_ASSERT_EQUAL(t.reloc_stride, 8);
	CU_ASSERT_EQUAL_FATAL(t.nruns, NRUNS);
	CU_ASSERT_EQUAL_FATAL(t.nrelocs, NRELOCS);
	for (unsigned i = 0; i < NRUNS; i++) {
		const unsigned char *r = t.runs + i * RUN_SZ;

		CU_ASSERT_EQUAL(te_get(r + F_PAGE, 4), want_runs[i].page);
		CU_ASSERT_EQUAL(te_get(r + F_INDEX, 2), want_runs[i].index);
		CU_ASSERT_EQUAL(te_get(r + F_COUNT, 2), want_runs[i].count);
		CU_ASSERT_EQUAL(te_get(r + F_VALUE, 8), want_runs[i].value);
		CU_ASSERT_EQUAL(te_get(r + F_STEP, 8), want_runs[i].step);
	}
	for (unsigned i = 0; i < NRELOCS; i++)
		CU_ASSERT_EQUAL(vtd_tables_reloc(&t, i), want_relocs[i]);
	free(f.b);
}

/* The expanded pages are the builder's, from the same records and profile. */
static void test_round_trip(void)
{
	struct vtd_profile prof = {.levels = 4, .sp2m = true, .sp1g = false};
	struct vtd_build_out out = {0};
	struct smmub_secinfo dt;
	struct vtd_tables_view t;
	struct vtd_input in;
	struct fix f;
	uint8_t *a, *z;
	size_t np = 0, nr = 0, bytes, stale = 0;
	uint32_t top = 0;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(fix_get(&f), 0);
	CU_ASSERT_EQUAL_FATAL(vtd_tables_view(&f.v, &t, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(vtd_input_from_blob(&f.v, &prof, NULL, NULL, &in, err, sizeof(err)),
			      0);
	CU_ASSERT_EQUAL(vtd_build_size(&in.pol, &np, &nr), 0);
	CU_ASSERT_EQUAL(np, t.npages);
	CU_ASSERT_EQUAL(nr, t.nrelocs);
	bytes = (size_t)t.npages * 4096;
	out.pool = calloc(np, 4096);
	out.pool_pages = np;
	out.relocs = calloc(nr, sizeof(uint64_t));
	out.reloc_cap = nr;
	out.dom_top = &top;
	a = malloc(bytes); /* exactly the pages: ASan sees a byte too far */
	z = malloc(bytes);
	if (out.pool && out.relocs && a && z && np == t.npages && nr == t.nrelocs &&
	    vtd_build(&in.pol, &out) == 0) {
		/* every byte written: the result does not depend on what was there */
		memset(a, 0xa5, bytes);
		memset(z, 0, bytes);
		vtd_tables_expand(&t, a);
		vtd_tables_expand(&t, z);
		CU_ASSERT_EQUAL(memcmp(a, out.pool, bytes), 0);
		CU_ASSERT_EQUAL(memcmp(z, out.pool, bytes), 0);
		for (size_t i = 0; i < bytes; i++)
			if (!out.pool[i] && a[i])
				stale++;
		CU_ASSERT_EQUAL(stale, 0);
		for (size_t i = 0; i < nr; i++)
			CU_ASSERT_EQUAL(vtd_tables_reloc(&t, (uint32_t)i), out.relocs[i]);
		CU_ASSERT_EQUAL_FATAL(smmub_find_section(&f.v, SMMUB_SEC_VTD_DOMTOP, &dt), 0);
		CU_ASSERT_EQUAL(dt.count, 1);
		CU_ASSERT_EQUAL(te_get(dt.data, 4), top);
		CU_ASSERT_EQUAL(top, 2);
	} else {
		CU_FAIL("building the reference tables failed");
	}
	free(a);
	free(z);
	free(out.pool);
	free(out.relocs);
	vtd_input_free(&in);
	free(f.b);
}

/* ---- one rule at a time ------------------------------------------------ */

static void test_run_page(void)
{
	run_edit(10, F_PAGE, 4, NPAGES, 10); /* page == page_count */
	run_edit(0, F_PAGE, 4, UINT32_MAX, 0);
}

static void test_run_index(void)
{
	run_edit(13, F_INDEX, 2, 512, 13);
	run_edit(13, F_INDEX, 2, 511, -1); /* the last word of page 6 */
}

static void test_run_count_zero(void)
{
	run_edit(13, F_COUNT, 2, 0, 13); /* step 0 already: only this rule holds it */
	run_edit(8, F_COUNT, 2, 0, 8);
}

static void test_run_cross_page(void)
{
	/* 257 + 256 = 513; without this rule the next page's run 11 would be
	 * blamed as an overlap instead */
	run_edit(10, F_INDEX, 2, 257, 10);
	run_edit(10, F_INDEX, 2, 256, -1); /* ends on word 511 exactly */
	run_edit(13, F_COUNT, 2, 508, 13); /* 5 + 508 on the last page */
}

static void test_run_value_zero(void)
{
	run_edit(12, F_VALUE, 8, 0, 12);
}

static void test_run_single_step(void)
{
	run_edit(11, F_STEP, 8, 1, 11);
}

static void test_run_wrap(void)
{
	run_edit(8, F_VALUE, 8, UINT64_MAX - 0xfffff, 8);   /* + 0x200000 wraps */
	run_edit(8, F_VALUE, 8, UINT64_MAX - 0x1fffff, 8);  /* wraps to 0 exactly */
	run_edit(8, F_VALUE, 8, UINT64_MAX - 0x200000, -1); /* ends on UINT64_MAX */
	run_edit(10, F_STEP, 8, UINT64_MAX / 255 + 1, 10);  /* 255 * step alone overflows */
}

static void test_run_overlap(void)
{
	run_edit(9, F_INDEX, 2, 3, 9);	 /* inside run 8 (words 2, 3) */
	run_edit(3, F_INDEX, 2, 33, 3);	 /* on run 2's only word */
	run_edit(7, F_PAGE, 4, 3, 7);	 /* page 3 word 0: before run 6 (page 3 word 1) */
	run_edit(13, F_INDEX, 2, 3, 13); /* on run 12's last word */
	run_edit(13, F_INDEX, 2, 4, -1); /* right after it: fine */
}

static void test_reloc_gap(void)
{
	reloc_edit(5, 4 * 4096 + 8, 5);	     /* PD word 1: zero, between runs 7 and 8 */
	reloc_edit(6, NPAGES * 4096, 6);     /* past the last page */
	reloc_edit(6, 6 * 4096 + 5 * 8, -1); /* a leaf word, but a run's: allowed */
	reloc_edit(0, 4096 + 31 * 8, 0);     /* before the first context run */
}

static void test_reloc_unaligned(void)
{
	reloc_edit(6, 4 * 4096 + 4 * 8 + 4, 6); /* inside run 9's word, not on it */
}

static void test_reloc_order(void)
{
	static const struct edit swap[] = {
	    {true, 1, 0, 8, 4096 + 48 * 8},
	    {true, 2, 0, 8, 4096 + 32 * 8},
	};

	expect(swap, 2, true, 2);
	reloc_edit(4, 2 * 4096, 4); /* equal to relocation 3: not strictly ascending */
}

/*
 * Rewrites a field of section type's table entry (and its count, if given)
 * in a copy and expects the view to blame RUNS (at_runs) or the contract.
 */
static void sec_edit(uint32_t type, unsigned field, uint32_t val, uint32_t count, bool at_runs)
{
	struct vtd_tables_view t;
	struct fix f;
	uint64_t at, off = 0;

	CU_ASSERT_EQUAL_FATAL(fix_get(&f), 0);
	at = sec_entry_of(&f, type);
	CU_ASSERT_FATAL(at != 0);
	te_put(f.b + at + field, 4, val);
	if (count)
		te_put(f.b + at + offsetof(struct smmub_section, count), 4, count);
	CU_ASSERT_EQUAL_FATAL(reseal(&f), 0);
	CU_ASSERT_EQUAL(vtd_tables_view(&f.v, &t, &off), -SMMUB_ERR_BADVALUE);
	/* a section that is there is blamed; one that is missing blames the contract */
	CU_ASSERT_EQUAL(off, at_runs ? f.runs.offset : f.con.offset);
	CU_ASSERT_FALSE(t.present);
	free(f.b);
}

static void test_runs_entry_size(void)
{
	/* entries of 8 bytes, three times as many: the same bytes, a valid table */
	sec_edit(SMMUB_SEC_VTD_RUNS, offsetof(struct smmub_section, entry_size), 8, 3 * NRUNS,
		 true);
}

static void test_runs_absent(void)
{
	/* the retired word-by-word type instead: a reader must not take it for runs */
	sec_edit(SMMUB_SEC_VTD_RUNS, offsetof(struct smmub_section, type), 17, 0, false);
}

/* The other two sections the contract needs, each renamed to an unknown type. */
static void test_relocs_domtop_absent(void)
{
	sec_edit(SMMUB_SEC_VTD_RELOCS, offsetof(struct smmub_section, type), 21, 0, false);
	sec_edit(SMMUB_SEC_VTD_DOMTOP, offsetof(struct smmub_section, type), 22, 0, false);
}

/*
 * Two sections of one type: the reader takes neither. DOMTOP renamed to
 * RUNS and RELOCS to CONTRACT; each time the second of the pair is blamed.
 */
static void dup_as(uint32_t type, uint32_t as)
{
	struct vtd_tables_view t;
	struct fix f;
	uint64_t at, second, first, off = 0;

	CU_ASSERT_EQUAL_FATAL(fix_get(&f), 0);
	at = sec_entry_of(&f, type);
	first = sec_entry_of(&f, as);
	CU_ASSERT_FATAL(at != 0 && first != 0);
	te_put(f.b + at + offsetof(struct smmub_section, type), 4, as);
	second = te_get(f.b + (at > first ? at : first) + offsetof(struct smmub_section, offset), 8);
	CU_ASSERT_EQUAL_FATAL(reseal(&f), 0);
	CU_ASSERT_EQUAL(vtd_tables_view(&f.v, &t, &off), -SMMUB_ERR_BADVALUE);
	CU_ASSERT_EQUAL(off, second);
	CU_ASSERT_FALSE(t.present);
	free(f.b);
}

static void test_duplicate(void)
{
	dup_as(SMMUB_SEC_VTD_DOMTOP, SMMUB_SEC_VTD_RUNS);
	dup_as(SMMUB_SEC_VTD_RELOCS, SMMUB_SEC_VTD_CONTRACT);
}

static void test_no_sec17(void)
{
	struct fix f;
	uint64_t table;
	uint32_t n, seen[32] = {0};

	CU_ASSERT_EQUAL_FATAL(fix_get(&f), 0);
	table = te_get(f.b + offsetof(struct smmub_header, section_offset), 8);
	n = (uint32_t)te_get(f.b + offsetof(struct smmub_header, section_count), 4);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t type = te_get(f.b + table + (uint64_t)i * sizeof(struct smmub_section), 4);

		if (type < 32)
			seen[type]++;
	}
	CU_ASSERT_EQUAL(seen[17], 0);
	CU_ASSERT_EQUAL(seen[SMMUB_SEC_VTD_CONTRACT], 1);
	CU_ASSERT_EQUAL(seen[SMMUB_SEC_VTD_RELOCS], 1);
	CU_ASSERT_EQUAL(seen[SMMUB_SEC_VTD_DOMTOP], 1);
	CU_ASSERT_EQUAL(seen[SMMUB_SEC_VTD_RUNS], 1);
	for (unsigned k = 21; k < 32; k++)
		CU_ASSERT_EQUAL(seen[k], 0);
	free(f.b);
}

/* ---- every single-bit flip of the runs and relocations ---------------------- */

/*
 * The rules of smmub_vtd.h said again, independently of the reader: a word
 * map instead of a merge, overflow builtins instead of a division. Fills
 * words (npages * 512, host order) and returns -1 when the sections hold,
 * else the first bad entry (*in_relocs tells which section).
 */
static long oracle(const struct fix *f, uint32_t npages, uint64_t *words, uint8_t *mine,
		   bool *in_relocs)
{
	uint64_t end = 0, last = 0, nwords = (uint64_t)npages * WORDS;

	memset(words, 0, nwords * 8);
	memset(mine, 0, nwords);
	*in_relocs = false;
	for (uint32_t i = 0; i < f->runs.count; i++) {
		const unsigned char *r = f->runs.data + (uint64_t)i * f->runs.stride;
		uint64_t page = te_get(r + F_PAGE, 4), index = te_get(r + F_INDEX, 2);
		uint64_t count = te_get(r + F_COUNT, 2), value = te_get(r + F_VALUE, 8);
		uint64_t step = te_get(r + F_STEP, 8), at = page * WORDS + index, top;

		if (page >= npages || index >= WORDS || count == 0 || index + count > WORDS ||
		    value == 0 || (count == 1 && step) ||
		    __builtin_mul_overflow(count - 1, step, &top) ||
		    __builtin_add_overflow(value, top, &top) || at < end)
			return i;
		for (uint64_t k = 0; k < count; k++) {
			words[at + k] = value + k * step;
			mine[at + k] = 1;
		}
		end = at + count;
	}
	*in_relocs = true;
	for (uint32_t i = 0; i < f->relocs.count; i++) {
		uint64_t off = te_get(f->relocs.data + (uint64_t)i * f->relocs.stride, 8);

		if (off % 8 || off / 8 >= nwords || !mine[off / 8] || (i && off <= last))
			return i;
		last = off;
	}
	return -1;
}

struct sweep {
	unsigned bits, rejected, accepted;
	unsigned not_valid, wrong, crc_missed, touched, bad_pages, bad_reloc;
};

/* One flipped blob: the view's verdict against the oracle's, then the writers. */
static void judge(struct fix *f, uint64_t *words, uint8_t *mine, uint8_t *mem, struct sweep *s)
{
	const uint64_t phys = 0x7f3c0000;
	const size_t bytes = (size_t)NPAGES * 4096;
	struct vtd_tables_view t;
	uint64_t off = UINT64_MAX;
	bool in_relocs;
	long bad = oracle(f, NPAGES, words, mine, &in_relocs);
	int rc;

	s->bits++;
	/* the CRC sees the flip; the structure does not (the view is the structure's) */
	if (smmub_validate(f->b, f->len, &f->v, NULL) != -SMMUB_ERR_BADCRC ||
	    smmub_validate_structure(f->b, f->len, &f->v, NULL)) {
		s->not_valid++;
		return;
	}
	rc = vtd_tables_view(&f->v, &t, &off);
	if (rc) {
		const struct smmub_secinfo *sec = in_relocs ? &f->relocs : &f->runs;

		s->rejected++;
		if (rc != -SMMUB_ERR_BADVALUE || bad < 0 ||
		    off != sec->offset + (uint64_t)bad * sec->stride)
			s->wrong++;
		return;
	}
	s->accepted++;
	if (bad >= 0 || !t.present || t.npages != NPAGES) {
		s->wrong++;
		return;
	}
	memset(mem, 0x5a, bytes);
	if (vtd_tables_install(&f->v, &t, mem, phys, true) != -SMMUB_ERR_BADCRC)
		s->crc_missed++;
	for (size_t k = 0; k < bytes; k++)
		if (mem[k] != 0x5a) {
			s->touched++;
			break;
		}
	vtd_tables_expand(&t, mem);
	for (size_t w = 0; w < bytes / 8; w++)
		if (te_get(mem + w * 8, 8) != words[w]) {
			s->bad_pages++;
			break;
		}
	/* without the CRC check: relocation stays inside the pages and hits its word */
	memset(mem, 0x5a, bytes);
	if (vtd_tables_install(&f->v, &t, mem, phys, false)) {
		s->crc_missed++;
		return;
	}
	for (uint32_t r = 0; r < t.nrelocs; r++)
		words[vtd_tables_reloc(&t, r) / 8] += phys;
	for (size_t w = 0; w < bytes / 8; w++)
		if (te_get(mem + w * 8, 8) != words[w]) {
			s->bad_reloc++;
			break;
		}
}

static void test_bitflips(void)
{
	const size_t bytes = (size_t)NPAGES * 4096;
	uint64_t *words = malloc(bytes);
	uint8_t *mine = malloc(NPAGES * WORDS);
	uint8_t *mem = malloc(bytes); /* exactly the pages, for ASan */
	struct sweep s = {0};
	struct fix f;

	CU_ASSERT_EQUAL_FATAL(fix_get(&f), 0);
	CU_ASSERT_FATAL(words && mine && mem);
	for (int sec = 0; sec < 2; sec++) {
		const struct smmub_secinfo *si = sec ? &f.relocs : &f.runs;

		for (uint64_t k = 0; k < si->size * 8; k++) {
			f.b[si->offset + k / 8] ^= (unsigned char)(1u << (k % 8));
			judge(&f, words, mine, mem, &s);
			f.b[si->offset + k / 8] ^= (unsigned char)(1u << (k % 8));
		}
	}
	printf("\n    %u bits flipped: %u rejected by the view, %u accepted\n", s.bits, s.rejected,
	       s.accepted);
	CU_ASSERT_EQUAL(s.bits, (NRUNS * RUN_SZ + NRELOCS * 8) * 8);
	CU_ASSERT_EQUAL(s.rejected + s.accepted, s.bits);
	CU_ASSERT(s.rejected > 0);
	CU_ASSERT(s.accepted > 0);
	CU_ASSERT_EQUAL(s.not_valid, 0);
	CU_ASSERT_EQUAL(s.wrong, 0);
	CU_ASSERT_EQUAL(s.crc_missed, 0);
	CU_ASSERT_EQUAL(s.touched, 0);
	CU_ASSERT_EQUAL(s.bad_pages, 0);
	CU_ASSERT_EQUAL(s.bad_reloc, 0);
	free(words);
	free(mine);
	free(mem);
	free(f.b);
}

int main(void)
{
	static const struct cu_case cases[] = {
	    {"runs and relocations of the policy", test_shape},
	    {"expand equals the builder's pages", test_round_trip},
	    {"run page beyond the pages", test_run_page},
	    {"run index beyond a page", test_run_index},
	    {"run of no words", test_run_count_zero},
	    {"run across a page", test_run_cross_page},
	    {"run with a zero word", test_run_value_zero},
	    {"one word with a step", test_run_single_step},
	    {"run that wraps", test_run_wrap},
	    {"runs out of order or overlapping", test_run_overlap},
	    {"relocation off the runs", test_reloc_gap},
	    {"relocation not on a word", test_reloc_unaligned},
	    {"relocations not ascending", test_reloc_order},
	    {"runs entries too small", test_runs_entry_size},
	    {"contract without runs", test_runs_absent},
	    {"contract without relocations or tops", test_relocs_domtop_absent},
	    {"a table section twice", test_duplicate},
	    {"no retired section 17", test_no_sec17},
	    {"single-bit flips", test_bitflips},
	};
	int rc = CU_RUN("vtd blob tables", cases);

	free(good);
	srcfile_free_all();
	return rc;
}
