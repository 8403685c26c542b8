/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot-time proof of the VT-d tables (runtime/vtd/vtd_bootcheck.c): each
 * attack on a compiled blob (tables edited, CRC resealed, so the blob
 * reader and the tables view accept it) is refused with the exact error
 * and first bad entry; attacks on rebuilt tables likewise; and what the
 * compiler and the builder make is accepted: every golden blob on both
 * paths, and 2000 random builder policies (VTD_SEED, VTD_POLICIES).
 */
#include <CUnit/Basic.h>
#include <dirent.h>
#include <endian.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "blob/blob.h"
#include "lower/compile.h"
#include "front/frontend.h"
#include "util/readall.h"
#include "front/srcpos.h"
#include "fixture.h"
#include "tabedit.h"
#include "vtd/vtd_blob.h"
#include "vtd/vtd_bootcheck.h"
#include "vtd/vtd_policy.h"
#include "cu_run.h"
#include "randpol.h"

/* The fixture policy (fixture.h): 7 pages, domain did 1 for 00:02.0 and 00:03.0. */
#define PHYS 0x1000000ull /* table memory in these tests */

static void *good;
static size_t good_len;

/* Installs blob b at phys with the proof; forbidden: the table memory. */
static int boot_blob(const void *b, size_t len, uint64_t phys, struct vtd_bc_bad *bad)
{
	struct smmub_view v;
	struct vtd_tables_view t;
	struct vtd_bc_range forbid;
	void *copy = malloc(len), *mem = NULL;
	int rc = -1;

	if (!copy)
		return -1;
	memcpy(copy, b, len);
	if (smmub_validate(copy, len, &v, NULL) || vtd_tables_view(&v, &t, NULL) || !t.present ||
	    posix_memalign(&mem, 4096, (size_t)t.npages * 4096)) {
		free(copy);
		return -2;
	}
	forbid = (struct vtd_bc_range){ phys, (uint64_t)t.npages * 4096 };
	rc = vtd_tables_install_proven(&v, &t, mem, phys, true, &forbid, 1, bad);
	free(mem);
	free(copy);
	return rc;
}

/* The good blob with edits: word (page, index, value) triples, relocations. */
struct word_edit {
	uint32_t page;
	unsigned index;
	uint64_t value;
};

static int attack(const struct word_edit *w, size_t nw, const int64_t *relocs, size_t nr,
		  uint64_t phys, struct vtd_bc_bad *bad)
{
	struct tabedit t;
	int rc;

	if (!good && fixture_compile(fixture_policy, &good, &good_len))
		return -3;
	if (te_load(&t, good, good_len))
		return -3;
	for (size_t i = 0; i < nw; i++)
		if (te_set_word(&t, w[i].page, w[i].index, w[i].value))
			return -3;
	/* positive: add that offset; negative: remove -offset - 1 */
	for (size_t i = 0; i < nr; i++)
		if (relocs[i] >= 0 ? te_add_reloc(&t, (uint64_t)relocs[i])
				   : te_del_reloc(&t, (uint64_t)(-relocs[i] - 1)))
			return -3;
	te_reseal(&t);
	rc = boot_blob(t.b, t.len, phys, bad);
	te_free(&t);
	return rc;
}

#define N VTD_BC_NONE

static void expect_bad(int rc, const struct vtd_bc_bad *b, int err, uint32_t page,
		       unsigned index, uint64_t word, uint32_t sid, uint32_t did, int64_t iova)
{
	char msg[320];

	vtd_bootcheck_msg(rc, b, msg, sizeof(msg));
	printf("\n    %s", msg);
	CU_ASSERT_EQUAL(rc, -err);
	CU_ASSERT_EQUAL(b->page, page);
	CU_ASSERT_EQUAL(b->index, index);
	CU_ASSERT_EQUAL(b->word, word);
	CU_ASSERT_EQUAL(b->sid, sid);
	CU_ASSERT_EQUAL(b->did, did);
	CU_ASSERT_EQUAL(b->has_iova, iova >= 0);
	if (iova >= 0)
		CU_ASSERT_EQUAL(b->iova, (uint64_t)iova);
}

#define ATTACK(w, r, bad) \
	attack(w, sizeof(w) / sizeof((w)[0]), r, sizeof(r) / sizeof((r)[0]), PHYS, bad)

static const int64_t no_relocs[1] = { 0 }; /* reloc 0 is listed: adding it is no edit */

static void test_good(void)
{
	struct vtd_bc_bad b;
	struct word_edit w[1] = { { 6, 0, 0x40800001 } }; /* rewriting a word as it is */

	CU_ASSERT_EQUAL(ATTACK(w, no_relocs, &b), 0);
	CU_ASSERT_EQUAL(b.page, N);
	/* the same tables at any page-aligned base */
	CU_ASSERT_EQUAL(attack(w, 1, no_relocs, 1, 0x7fff000000ull, &b), 0);
}

static void test_ro_flipped_rw(void)
{
	struct word_edit w[] = { { 6, 0, 0x40800003 } };
	struct vtd_bc_bad b;
	int rc = ATTACK(w, no_relocs, &b);

	expect_bad(rc, &b, VTD_BC_ERR_LEAF_PERM, 6, 0, 0x40800003, N, 1, 0x40800000);
}

static void test_leaf_at_table_memory(void)
{
	struct word_edit w[] = { { 5, 7, PHYS | 3 } };
	struct vtd_bc_bad b;
	int rc = ATTACK(w, no_relocs, &b);

	expect_bad(rc, &b, VTD_BC_ERR_LEAF_IDENTITY, 5, 7, PHYS | 3, N, 1, 0x40007000);
}

/* Table memory inside a grant: the identity leaves over it are refused. */
static void test_grant_over_table_memory(void)
{
	struct word_edit w[1] = { { 6, 0, 0x40800001 } };
	struct vtd_bc_bad b;
	int rc = attack(w, 1, no_relocs, 1, 0x40002000, &b);

	expect_bad(rc, &b, VTD_BC_ERR_LEAF_TABLE_MEM, 5, 2, 0x40002003, N, 1, 0x40002000);
}

static void test_reloc_on_leaf(void)
{
	struct word_edit w[1] = { { 6, 0, 0x40800001 } };
	const int64_t r4k[] = { 6 * 4096 }, r2m[] = { 4 * 4096 + 2 * 8 };
	struct vtd_bc_bad b;
	int rc = ATTACK(w, r4k, &b);

	expect_bad(rc, &b, VTD_BC_ERR_RELOC_LEAF, 6, 0, 0x40800001 + PHYS, N, 1, 0x40800000);
	rc = ATTACK(w, r2m, &b);
	expect_bad(rc, &b, VTD_BC_ERR_RELOC_LEAF, 4, 2, 0x40400083 + PHYS, N, 1, 0x40400000);
}

static void test_ctx_pass_through(void)
{
	struct word_edit w[] = { { 1, 48, 0x2001 | (2 << 2) } };
	struct vtd_bc_bad b;
	int rc = ATTACK(w, no_relocs, &b);

	expect_bad(rc, &b, VTD_BC_ERR_CTX_TT, 1, 48, PHYS + 0x2009, 0x18, 1, -1);
}

static void test_ctx_bits(void)
{
	struct word_edit fpd[] = { { 1, 32, 0x2003 } }, aw[] = { { 1, 33, 0x101 } },
			 did[] = { { 1, 49, 0x202 } }, hi[] = { { 1, 49, 0x10000102 } };
	struct vtd_bc_bad b;
	int rc = ATTACK(fpd, no_relocs, &b);

	expect_bad(rc, &b, VTD_BC_ERR_CTX_BITS, 1, 32, PHYS + 0x2003, 0x10, 1, -1);
	rc = ATTACK(aw, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_CTX_AW, 1, 33, 0x101, 0x10, 1, -1);
	rc = ATTACK(did, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_CTX_DID, 1, 49, 0x202, 0x18, 1, -1);
	rc = ATTACK(hi, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_CTX_BITS, 1, 49, 0x10000102, 0x18, 1, -1);
}

static void test_ctx_no_domain(void)
{
	struct word_edit w[] = { { 1, 64, 0x2001 }, { 1, 65, 0x102 } };
	const int64_t r[] = { 4096 + 64 * 8 };
	struct vtd_bc_bad b;
	int rc = ATTACK(w, r, &b);

	expect_bad(rc, &b, VTD_BC_ERR_CTX_NODOMAIN, 1, 64, PHYS + 0x2001, 0x20, N, -1);
	/* present but not relocated: an entry the pointer pass never saw */
	rc = ATTACK(w, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_NOT_RELOC, 1, 64, 0x2001, 0x20, N, -1);
}

static void test_pointer_range_and_cycles(void)
{
	struct word_edit out[] = { { 3, 1, 0x9003 } }, root[] = { { 3, 1, 0x0003 } },
			 up[] = { { 4, 0, 0x2003 } }, bus1[] = { { 0, 2, 0x1001 } },
			 ctx[] = { { 0, 0, 0x2001 } };
	const int64_t r_bus1[] = { 16 };
	struct vtd_bc_bad b;
	int rc = ATTACK(out, no_relocs, &b);

	expect_bad(rc, &b, VTD_BC_ERR_PTR_RANGE, 3, 1, PHYS + 0x9003, N, 1, 0x40000000);
	rc = ATTACK(root, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_PTR_ROLE, 3, 1, PHYS + 0x3, N, 1, 0x40000000);
	rc = ATTACK(up, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_PTR_ROLE, 4, 0, PHYS + 0x2003, N, 1, 0x40000000);
	/* two buses on one context table */
	rc = ATTACK(bus1, r_bus1, &b);
	expect_bad(rc, &b, VTD_BC_ERR_PTR_ROLE, 0, 2, PHYS + 0x1001, N, N, -1);
	/* the root pointing at a paging page: its pointers read as context entries */
	rc = ATTACK(ctx, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_CTX_BITS, 2, 0, PHYS + 0x3003, 0, N, -1);
}

static void test_leaf_outside_grants(void)
{
	struct word_edit w[] = { { 6, 1, 0x40801001 } };
	struct word_edit over[] = { { 4, 0, 0x40000083 } };
	const int64_t unrel[] = { -(4 * 4096) - 1 };
	struct vtd_bc_bad b;
	int rc = ATTACK(w, no_relocs, &b);

	expect_bad(rc, &b, VTD_BC_ERR_LEAF_GRANT, 6, 1, 0x40801001, N, 1, 0x40801000);
	/* a 2 MiB leaf over the 1 MiB grant: refused at the first byte past it */
	rc = ATTACK(over, unrel, &b);
	expect_bad(rc, &b, VTD_BC_ERR_LEAF_GRANT, 4, 0, 0x40000083, N, 1, 0x40100000);
}

static void test_leaf_bits(void)
{
	struct word_edit snp[] = { { 6, 5, 0x40805001 | VTD_SL_SNP } },
			 tm[] = { { 6, 5, 0x40805001 | VTD_SL_TM } },
			 ps[] = { { 6, 5, 0x40805081 } }, ident[] = { { 6, 5, 0x40806001 } },
			 hi[] = { { 0, 1, 1 } };
	const int64_t unrel[] = { -(4 * 4096 + 4 * 8) - 1 };
	struct vtd_bc_bad b;
	int rc = ATTACK(snp, no_relocs, &b);

	expect_bad(rc, &b, VTD_BC_ERR_LEAF_BITS, 6, 5, 0x40805801, N, 1, 0x40805000);
	rc = ATTACK(tm, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_LEAF_BITS, 6, 5, 0x4000000040805001ull, N, 1, 0x40805000);
	rc = ATTACK(ps, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_LEAF_BITS, 6, 5, 0x40805081, N, 1, 0x40805000);
	rc = ATTACK(ident, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_LEAF_IDENTITY, 6, 5, 0x40806001, N, 1, 0x40805000);
	rc = ATTACK(hi, no_relocs, &b);
	expect_bad(rc, &b, VTD_BC_ERR_ROOT_HI, 0, 1, 1, N, N, -1);
	/* a pointer left out of the relocations: its page is never walked */
	rc = ATTACK(hi, unrel, &b);
	expect_bad(rc, &b, VTD_BC_ERR_ROOT_HI, 0, 1, 1, N, N, -1);
	rc = ATTACK(ps, unrel, &b);
	expect_bad(rc, &b, VTD_BC_ERR_NOT_RELOC, 4, 4, 0x6003, N, 1, 0x40800000);
}

/* ---- rebuilt tables: the builder's input as the policy ------------------- */

static uint8_t pool[64 * 4096] __attribute__((aligned(4096)));

static int build(const struct vtd_policy *pol, struct vtd_build_out *out)
{
	memset(out, 0, sizeof(*out));
	if (vtd_build_at(pol, pool, 64, out))
		return -1;
	return vtd_relocate(pool, out->npages, out->relocs, out->nrelocs, PHYS);
}

static int prove_built(const struct vtd_policy *pol, const struct vtd_build_out *out,
		       struct vtd_bc_bad *bad)
{
	struct vtd_bc_range forbid = { PHYS, 64 * 4096 };
	struct vtd_bc_tables tb = { .mem = pool, .phys = PHYS, .npages = (uint32_t)out->npages,
				    .levels = pol->prof.levels, .relocs = out->relocs,
				    .nrelocs = out->nrelocs, .forbid = &forbid, .nforbid = 1 };

	tb.sizes = VTD_PGSZ_4K | (pol->prof.sp2m ? VTD_PGSZ_2M : 0) |
		   (pol->prof.sp1g ? VTD_PGSZ_1G : 0);
	return vtd_bootcheck(&tb, NULL, pol, bad);
}

/* Builds pol's tables in npages pages, which the proof accepts as built. */
static void build_proved(const struct vtd_policy *pol, struct vtd_build_out *out,
			 struct vtd_bc_bad *bad, size_t npages)
{
	CU_ASSERT_EQUAL_FATAL(build(pol, out), 0);
	CU_ASSERT_EQUAL_FATAL(out->npages, npages);
	CU_ASSERT_EQUAL(prove_built(pol, out, bad), 0);
}

static void put_word(uint32_t page, unsigned index, uint64_t v)
{
	v = htole64(v);
	memcpy(pool + (size_t)page * 4096 + index * 8, &v, 8);
}

/*
 * Domains A (did 1: 00:02.0, 00:03.0) and B (did 2: 00:04.0), 3 levels:
 *   0 root, 1 context, 2 A's PDPT, 3 A's PD, 4 A's PT, 5 B's PDPT, 6 B's PD,
 *   7 B's PT.
 */
static void test_rebuilt_dids(void)
{
	const struct vtd_range ra = { 0x1000, 0x1000, VTD_PERM_R }, rb = { 0x5000, 0x1000, 3 };
	struct vtd_domain_in dom[2] = { { 1, &ra, 1 }, { 2, &rb, 1 } };
	struct vtd_device_in dev[3] = { { 0x10, 0 }, { 0x18, 0 }, { 0x20, 1 } };
	struct vtd_policy pol = { { 3, false, false }, dom, 2, dev, 3 };
	struct vtd_build_out out;
	struct vtd_bc_bad b;
	int rc;

	build_proved(&pol, &out, &b, 8);
	/* 00:03.0 (domain A, did 1) on B's top page */
	put_word(1, 0x18 * 2, (PHYS + 5 * 4096) | 1);
	rc = prove_built(&pol, &out, &b);
	expect_bad(rc, &b, VTD_BC_ERR_CTX_TOP, 1, 0x30, (PHYS + 5 * 4096) | 1, 0x18, 1, -1);
	/* ... and with B's did: its did is not its domain's */
	put_word(1, 0x18 * 2 + 1, 0x201);
	rc = prove_built(&pol, &out, &b);
	expect_bad(rc, &b, VTD_BC_ERR_CTX_DID, 1, 0x31, 0x201, 0x18, 1, -1);
	/* B's leaf read/write; A's read only: A's leaf given write */
	free(out.relocs);
	CU_ASSERT_EQUAL_FATAL(build(&pol, &out), 0);
	put_word(4, 1, 0x1003);
	rc = prove_built(&pol, &out, &b);
	expect_bad(rc, &b, VTD_BC_ERR_LEAF_PERM, 4, 1, 0x1003, N, 1, 0x1000);
	free(out.relocs);
	/* one DID for two domains: the IOTLB could mix their translations */
	dom[1].did = 1;
	CU_ASSERT_EQUAL_FATAL(build(&pol, &out), 0);
	rc = prove_built(&pol, &out, &b);
	expect_bad(rc, &b, VTD_BC_ERR_DID_SHARED, 1, 0x41, 0x101, 0x20, 1, -1);
	CU_ASSERT_EQUAL(b.domain, 1);
	free(out.relocs);
}

/* A page shared by two domains must satisfy both. */
static void test_rebuilt_shared(void)
{
	const struct vtd_range ra[] = { { 0x200000, 0x1000, 3 } }, rb[] = { { 0x200000, 0x1000, 1 } };
	struct vtd_domain_in dom[2] = { { 1, ra, 1 }, { 2, rb, 1 } };
	struct vtd_device_in dev[2] = { { 0x10, 0 }, { 0x18, 1 } };
	struct vtd_policy pol = { { 3, false, false }, dom, 2, dev, 2 };
	struct vtd_build_out out;
	struct vtd_bc_bad b;
	int rc;

	/* 0 root, 1 context, 2 A's PDPT, 3 A's PD, 4 A's PT, 5 B's PDPT, 6 B's PD, 7 B's PT */
	build_proved(&pol, &out, &b, 8);
	/* B's PD now shares A's page table, which grants write */
	put_word(6, 1, (PHYS + 4 * 4096) | 3);
	rc = prove_built(&pol, &out, &b);
	expect_bad(rc, &b, VTD_BC_ERR_LEAF_PERM, 4, 0, 0x200003, N, 2, 0x200000);
	CU_ASSERT_EQUAL(b.domain, 1);
	free(out.relocs);
}

/* ---- what the compiler and the builder make is accepted ------------------ */

static void test_golden(void)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[4600];
	struct dirent *e;
	unsigned n = 0, proven = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/policy/golden", top ? top : ".");
	d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d))) {
		size_t len = 0, nl = strlen(e->d_name);
		struct vtd_bc_bad b;
		void *blob;
		int rc;

		if (nl < 6 || strcmp(e->d_name + nl - 6, ".smmub"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		blob = read_file_max(path, 1u << 26, &len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(blob);
		n++;
		rc = boot_blob(blob, len, 0xc000000, &b);
		if (rc != -2) { /* -2: no prebuilt tables (late-bound) */
			CU_ASSERT_EQUAL(rc, 0);
			proven += rc == 0;
			if (rc)
				printf("\n    %s: %s", e->d_name, vtd_bootcheck_strerror(rc));
		}
		free(blob);
	}
	closedir(d);
	printf("\n    %u golden blobs, %u with tables proven", n, proven);
	CU_ASSERT(n >= 5);
	CU_ASSERT(proven >= 4);
}

static void test_random(void)
{
	const char *s = getenv("VTD_SEED"), *n = getenv("VTD_POLICIES");
	uint64_t seed = s ? strtoull(s, NULL, 0) : 0x5eed0000ull + (uint64_t)time(NULL);
	unsigned count = n ? (unsigned)strtoul(n, NULL, 0) : 2000, refused = 0, flipped = 0;
	size_t cap = 2048;
	uint8_t *mem = NULL;
	struct rpolicy *p = malloc(sizeof(*p));

	CU_ASSERT_FATAL(p && !posix_memalign((void **)&mem, 4096, cap * 4096));
	printf("\n  seed 0x%" PRIx64 " (VTD_SEED to replay), %u policies", seed, count);
	rng_state = seed;
	for (unsigned k = 0; k < count; k++) {
		struct vtd_build_out out = { 0 };
		uint64_t phys = (1 + below(1u << 20)) << 12; /* somewhere below 4 GiB */
		struct vtd_bc_range forbid = { 0x8000000000000000ull, 4096 };
		struct vtd_bc_tables tb;
		struct vtd_bc_bad b;
		bool ctx[2048];
		int rc;

		rand_policy(p);
		if (vtd_build_at(&p->pol, mem, cap, &out) ||
		    vtd_relocate(mem, out.npages, out.relocs, out.nrelocs, phys)) {
			CU_FAIL("the builder failed");
			free(out.relocs);
			continue;
		}
		tb = (struct vtd_bc_tables){ .mem = mem, .phys = phys,
					     .npages = (uint32_t)out.npages,
					     .levels = p->pol.prof.levels, .relocs = out.relocs,
					     .nrelocs = out.nrelocs, .forbid = &forbid, .nforbid = 1 };
		tb.sizes = VTD_PGSZ_4K | (p->pol.prof.sp2m ? VTD_PGSZ_2M : 0) |
			   (p->pol.prof.sp1g ? VTD_PGSZ_1G : 0);
		rc = vtd_bootcheck(&tb, NULL, &p->pol, &b);
		if (rc && refused++ < 5) {
			char msg[320];

			vtd_bootcheck_msg(rc, &b, msg, sizeof(msg));
			printf("\n  policy %u refused: %s", k, msg);
		}
		/*
		 * A read-only leaf made read/write: refused, where the unit can
		 * reach it (every domain with grants has a device).
		 */
		memset(ctx, 0, sizeof(ctx));
		for (unsigned i = 0; i < 256; i++) {
			uint64_t w;

			memcpy(&w, mem + i * 16, 8);
			w = le64toh(w);
			if (w)
				ctx[((w & VTD_ADDR_MASK) - phys) / 4096 % 2048] = true;
		}
		for (size_t d = 0; d < p->pol.ndomains; d++) {
			bool used = !p->dom[d].nranges;

			for (size_t i = 0; i < p->pol.ndevices; i++)
				used |= p->dev[i].domain == d;
			ctx[0] |= !used; /* no flip this time */
		}
		for (uint32_t pg = 2; !rc && !ctx[0] && pg < out.npages; pg++) {
			for (unsigned i = 0; i < 512; i++) {
				uint64_t w;

				memcpy(&w, mem + (size_t)pg * 4096 + i * 8, 8);
				w = le64toh(w);
				if ((w & 3) != VTD_SL_R || ctx[pg])
					continue;
				w = htole64(w | VTD_SL_W);
				memcpy(mem + (size_t)pg * 4096 + i * 8, &w, 8);
				rc = vtd_bootcheck(&tb, NULL, &p->pol, &b);
				flipped++;
				CU_ASSERT(rc == -VTD_BC_ERR_LEAF_PERM || rc == -VTD_BC_ERR_LEAF_GRANT);
				break;
			}
			if (rc)
				break;
		}
		free(out.relocs);
	}
	printf("\n  %u refused (want 0), %u read-only leaves made writable and refused", refused,
	       flipped);
	CU_ASSERT_EQUAL(refused, 0);
	free(mem);
	free(p);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "compiled blob accepted", test_good },
		{ "read-only leaf flipped to read/write", test_ro_flipped_rw },
		{ "leaf pointed at table memory", test_leaf_at_table_memory },
		{ "grant over table memory", test_grant_over_table_memory },
		{ "relocation added on a leaf", test_reloc_on_leaf },
		{ "context entry pass-through", test_ctx_pass_through },
		{ "context entry bits, width, DID", test_ctx_bits },
		{ "context entry for an id with no domain", test_ctx_no_domain },
		{ "pointer out of range, back to root, cycle", test_pointer_range_and_cycles },
		{ "leaf outside the grants, superpage overhang", test_leaf_outside_grants },
		{ "leaf bits, identity, stray words", test_leaf_bits },
		{ "rebuilt: two DIDs, two top pages", test_rebuilt_dids },
		{ "rebuilt: shared page checked per domain", test_rebuilt_shared },
		{ "golden blobs accepted", test_golden },
		{ "random builder policies accepted", test_random },
	};

	return CU_RUN("vtd_bootcheck", cases);
}
