/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d tables for smmucc (iommu_arch.tables_build, tables_prove): built
 * from a blob's own records, as smmuman would rebuild them, proven by the
 * independent walker in both directions, and stored as runs of words with
 * their relocations and capability contract (schemas/smmub_vtd.h). A blob
 * read back is proven the same way.
 */
#include <endian.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smmub_vtd.h"
#include "vtd/vtd_arch.h"
#include "vtd/vtd_blob.h"
#include "vtd/vtd_policy.h"
#include "vtd/vtd_walk.h"

static void errf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* The first guess at table pages stays below this: 256 MiB of address space */
#define GUESS_MAX_PAGES 65536u

static unsigned pgsz_bits(const struct vtd_profile *p)
{
	return SMMUB_VTD_PGSZ_4K | (p->sp2m ? SMMUB_VTD_PGSZ_2M : 0) |
	       (p->sp1g ? SMMUB_VTD_PGSZ_1G : 0);
}

/*
 * Proves the tables against the policy, relocated at an arbitrary base (a
 * relocation left out then points elsewhere and fails, and so does a leaf
 * relocated), in place: moved there and back, which is exact in 64-bit
 * arithmetic. As vtd_verify, or -EFAULT if a relocation does not apply.
 */
static int prove_at(const struct vtd_policy *pol, uint8_t *pages, size_t npages,
		    const uint64_t *relocs, size_t nrelocs, struct vtd_mismatch *mm,
		    size_t *walks)
{
	const uint64_t base = 0x40000000ull;
	int rc;

	/* a bad relocation stops the first pass where it stands */
	if (vtd_relocate(pages, npages, relocs, nrelocs, base))
		return -EFAULT;
	rc = vtd_verify(pol, pages, npages, base, mm, walks);
	vtd_relocate(pages, npages, relocs, nrelocs, 0 - base);
	return rc;
}

/* The tables just built against their policy: a difference is our bug. */
static int prove(const struct vtd_policy *pol, uint8_t *pages, size_t npages,
		 const uint64_t *relocs, size_t nrelocs, char *err, size_t errlen, size_t *walks)
{
	struct vtd_mismatch mm;
	int rc = prove_at(pol, pages, npages, relocs, nrelocs, &mm, walks);

	if (rc == -EFAULT)
		errf(err, errlen, "internal error: the table builder's relocations do not apply");
	else if (rc == 1)
		errf(err, errlen,
			   "internal error: translation tables differ from the policy: "
			   "%02x:%02x.%u %s 0x%llx: policy %s, tables %s",
			   mm.sid >> 8, (mm.sid >> 3) & 31, mm.sid & 7, mm.write ? "write" : "read",
			   (unsigned long long)mm.iova, mm.expected ? "allows" : "denies",
			   mm.got ? "allow" : "deny");
	else if (rc)
		errf(err, errlen, "internal error: cannot verify the translation tables (%d)", rc);
	return rc ? -1 : 0;
}


static void pool_unmap(struct vtd_build_out *out)
{
	iommu_pool_unmap(out->pool, out->pool_pages);
	out->pool = NULL;
}

/*
 * One builder pass into room enough for usual policies (a guess), or two
 * when the guess was short and the first pass counted the pages needed.
 * vtd_build_at sizes the relocations the same way (a guess, then the count).
 */
static int build(const struct vtd_policy *pol, struct vtd_build_out *out)
{
	size_t ranges = 0, pages;
	int rc = -ENOSPC;

	for (size_t i = 0; i < pol->ndomains; i++)
		ranges += pol->domains[i].nranges;
	pages = 257 + pol->ndomains * pol->prof.levels + 3 * ranges;
	if (pages > GUESS_MAX_PAGES)
		pages = GUESS_MAX_PAGES;
	for (int pass = 0; pass < 2 && rc == -ENOSPC; pass++) {
		uint8_t *pool;

		pool_unmap(out);
		pool = iommu_pool_map(pages); /* never 0: the root table at least */
		if (!pool)
			return -ENOMEM;
		rc = vtd_build_at(pol, pool, pages, out);
		pages = out->npages;
	}
	return rc;
}

int vtd_tables_build_blob(const struct smmub_view *v, const struct iommu_profile *p,
			  iommu_section_fn add, void *ctx, FILE *verbose, char *err, size_t errlen)
{
	const struct vtd_profile prof = { p->levels, (p->pgsizes & IOMMU_PGSZ_2M) != 0,
					  (p->pgsizes & IOMMU_PGSZ_1G) != 0 };
	struct vtd_input in;
	struct vtd_build_out out = { 0 };
	struct smmub_vtd_contract c = { 0 };
	size_t walks = 0;
	char why[256];
	int rc = -1;

	if (smmub_count(v, SMMUB_SEC_DOMAINS) > 0xffff) {
		errf(err, errlen, "more than 65535 domains: VT-d domain ids are 16 bits");
		return -1;
	}
	if (vtd_input_from_blob(v, &prof, NULL, NULL, &in, why, sizeof(why))) {
		errf(err, errlen, "cannot build translation tables: %s", why);
		return -1;
	}
	out.dom_top = calloc(in.pol.ndomains ? in.pol.ndomains : 1, sizeof(uint32_t));
	rc = out.dom_top ? build(&in.pol, &out) : -ENOMEM;
	if (rc) {
		if (rc == -ENOMEM)
			errf(err, errlen, "out of memory building translation tables");
		else
			errf(err, errlen, "cannot build translation tables for profile vtd-aw%u (%d): "
				   "is an address beyond the address width?",
				   prof.levels == 3 ? 39 : 48, rc);
		rc = -1;
		goto out;
	}
	rc = -1;
	if (prove(&in.pol, out.pool, out.npages, out.relocs, out.nrelocs, err, errlen, &walks))
		goto out;
	c.levels = htole32(prof.levels);
	c.aw_bits = htole32(prof.levels == 3 ? 39 : 48);
	c.sizes_used = htole32(out.sizes_used);
	c.sizes_allowed = htole32(pgsz_bits(&prof));
	c.page_count = htole32((uint32_t)out.npages);
	c.reloc_count = htole32((uint32_t)out.nrelocs);
	c.device_count = htole32((uint32_t)in.pol.ndevices);
	for (size_t i = 0; i < out.nrelocs; i++)
		out.relocs[i] = htole64(out.relocs[i]);
	for (size_t i = 0; i < in.pol.ndomains; i++)
		out.dom_top[i] = htole32(out.dom_top[i]);
	if (add(ctx, SMMUB_SEC_VTD_CONTRACT, &c, 1, sizeof(c)) ||
	    iommu_add_runs(add, ctx, SMMUB_SEC_VTD_RUNS, out.pool, out.npages) ||
	    add(ctx, SMMUB_SEC_VTD_RELOCS, out.relocs, (uint32_t)out.nrelocs, sizeof(uint64_t)) ||
	    add(ctx, SMMUB_SEC_VTD_DOMTOP, out.dom_top, (uint32_t)in.pol.ndomains,
		sizeof(uint32_t))) {
		errf(err, errlen, "out of memory adding translation tables");
		goto out;
	}
	if (verbose)
		fprintf(verbose,
			"smmucc: vtd-aw%u tables: %zu pages, %zu relocations, %zu requester ids, "
			"%zu domains; proven with %zu walks\n",
			prof.levels == 3 ? 39 : 48, out.npages, out.nrelocs, in.pol.ndevices,
			in.pol.ndomains, walks);
	rc = 0;
out:
	pool_unmap(&out);
	free(out.relocs);
	free(out.dom_top);
	vtd_input_free(&in);
	return rc;
}

/*
 * Tables read back from a blob: a hostile page count must not make a
 * 100-byte file cost gigabytes (expansion writes every page), and no
 * policy the builder proves needs 1 GiB of tables.
 */
#define PROVE_MAX_PAGES (1u << 18)

/*
 * The expanded pages against the records, as at compile time. The walker
 * is given the page sizes the contract says the tables use, so a contract
 * that hides a superpage fails too. 0, or the exit status.
 */
static int prove_read(const struct smmub_view *v, const struct vtd_tables_view *t,
		      uint8_t *pages, const char *path, char *err, size_t errlen, FILE *verbose)
{
	struct vtd_profile prof = { t->levels, (t->sizes_used & SMMUB_VTD_PGSZ_2M) != 0,
				    (t->sizes_used & SMMUB_VTD_PGSZ_1G) != 0 };
	uint64_t *relocs = malloc((t->nrelocs ? t->nrelocs : 1) * sizeof(*relocs));
	struct vtd_input in;
	struct vtd_mismatch mm;
	size_t walks = 0;
	char why[256];
	int rc;

	if (!relocs) {
		errf(err, errlen, "out of memory proving %s", path);
		return 2;
	}
	for (uint32_t i = 0; i < t->nrelocs; i++)
		relocs[i] = vtd_tables_reloc(t, i);
	if (vtd_input_from_blob(v, &prof, NULL, NULL, &in, why, sizeof(why))) {
		free(relocs);
		errf(err, errlen, "%s: not a valid policy blob: its records give no VT-d tables: %s",
			   path, why);
		return 1;
	}
	rc = prove_at(&in.pol, pages, t->npages, relocs, t->nrelocs, &mm, &walks);
	if (rc == -EFAULT)
		errf(err, errlen, "%s: not a valid policy blob: a VT-d relocation does not apply",
			   path);
	else if (rc == 1)
		errf(err, errlen,
			   "%s: not a valid policy blob: VT-d tables differ from its records: "
			   "pci:%u:%u.%u %s at 0x%llx: records %s, tables %s",
			   path, mm.sid >> 8, (mm.sid >> 3) & 31, mm.sid & 7,
			   mm.write ? "write" : "read", (unsigned long long)mm.iova,
			   mm.expected ? "allow" : "deny", mm.got ? "allow" : "deny");
	else if (rc == -ELOOP)
		errf(err, errlen, "%s: not a valid policy blob: VT-d tables hold more entries than "
			   "their %u pages (a pointer back up the tree)", path, t->npages);
	else if (rc == -EINVAL)
		errf(err, errlen, "%s: not a valid policy blob: its records give one requester id "
			   "two domains", path);
	else if (rc == -ENOMEM)
		errf(err, errlen, "out of memory proving %s", path);
	else if (rc)
		errf(err, errlen, "%s: not a valid policy blob: cannot prove its VT-d tables (%d)",
			   path, rc);
	else if (verbose)
		fprintf(verbose,
			"smmucc: %s: vtd-aw%u tables: %u pages, %u relocations, %zu requester ids, "
			"%zu domains; proven with %zu walks\n",
			path, t->levels == 3 ? 39 : 48, t->npages, t->nrelocs, in.pol.ndevices,
			in.pol.ndomains, walks);
	vtd_input_free(&in);
	free(relocs);
	return rc == 0 ? 0 : rc == -ENOMEM ? 2 : 1;
}

int vtd_tables_prove_blob(const struct smmub_view *v, const char *path, FILE *verbose, char *err,
			  size_t errlen)
{
	struct vtd_tables_view t;
	uint64_t bad = 0;
	uint8_t *pages;
	int st;

	if (vtd_tables_view(v, &t, &bad)) {
		errf(err, errlen, "%s: not a valid policy blob: VT-d tables inconsistent at offset %llu",
			   path, (unsigned long long)bad);
		return 1;
	}
	if (!t.present || (v->flags & SMMUB_F_LATE_BOUND)) {
		if (verbose)
			fprintf(verbose, "smmucc: %s: no VT-d tables to prove (%s)\n", path,
				(v->flags & SMMUB_F_LATE_BOUND)
					? "late-bound: smmuman builds them at boot"
					: "compiled without tables: --profile none, or not for VT-d");
		return 0;
	}
	if (t.npages > PROVE_MAX_PAGES) {
		errf(err, errlen, "%s: not a valid policy blob: VT-d tables of %u pages, more than "
			   "the %u pages smmucc proves", path, t.npages, PROVE_MAX_PAGES);
		return 1;
	}
	pages = iommu_pool_map(t.npages);
	if (!pages) {
		errf(err, errlen, "out of memory proving %s", path);
		return 2;
	}
	vtd_tables_expand(&t, pages);
	st = prove_read(v, &t, pages, path, err, errlen, verbose);
	iommu_pool_unmap(pages, t.npages);
	return st;
}
