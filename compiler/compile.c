/* SPDX-License-Identifier: BSD-2-Clause */
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "blobwrite.h"
#include "compile.h"
#include "lower.h"
#include "smmub_vtd.h"
#include "vtd_policy.h"
#include "vtd_walk.h"

void compile_default_opts(struct compile_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->tables = true;
	o->prof = (struct vtd_profile){ .levels = 4, .sp2m = true, .sp1g = false };
}

int compile_parse_profile(const char *s, struct compile_opts *o)
{
	char buf[64], *tok, *save = NULL;

	if (!strcmp(s, "none")) {
		o->tables = false;
		return 0;
	}
	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	tok = strtok_r(buf, ",", &save);
	if (!tok)
		return -1;
	if (!strcmp(tok, "vtd-aw48"))
		o->prof.levels = 4;
	else if (!strcmp(tok, "vtd-aw39"))
		o->prof.levels = 3;
	else
		return -1;
	o->tables = true;
	while ((tok = strtok_r(NULL, ",", &save))) {
		if (!strcmp(tok, "1g"))
			o->prof.sp1g = true;
		else if (!strcmp(tok, "no2m"))
			o->prof.sp2m = false;
		else
			return -1;
	}
	return 0;
}

bool compile_targets_vtd(const struct config *cfg)
{
	if (!cfg->nsmmus)
		return true;
	for (size_t i = 0; i < cfg->nsmmus; i++)
		if (cfg->smmus[i].type == SMMU_VTD)
			return true;
	return false;
}

static int finish(struct blobw *bb, struct diag_ctx *d, void **blob, size_t *len)
{
	uint64_t bad = 0;
	int rc = blobw_finish(bb, blob, len, &bad);

	if (rc) {
		diag_fatal(d, "internal error: the blob reader rejects the output: %s at offset %llu",
			   smmub_strerror(rc), (unsigned long long)bad);
		return -1;
	}
	return 0;
}

static unsigned pgsz_bits(const struct vtd_profile *p)
{
	return SMMUB_VTD_PGSZ_4K | (p->sp2m ? SMMUB_VTD_PGSZ_2M : 0) |
	       (p->sp1g ? SMMUB_VTD_PGSZ_1G : 0);
}

/* Proves the tables against the policy, relocated at an arbitrary base. */
static int prove(const struct vtd_policy *pol, const uint8_t *pages, size_t npages,
		 const uint64_t *relocs, size_t nrelocs, struct diag_ctx *d, size_t *walks)
{
	const uint64_t base = 0x40000000ull; /* any page-aligned base proves the same */
	uint8_t *copy = malloc(npages * VTD_PAGE_SIZE);
	struct vtd_mismatch mm;
	int rc;

	if (!copy)
		return -1;
	memcpy(copy, pages, npages * VTD_PAGE_SIZE);
	vtd_relocate(copy, npages, relocs, nrelocs, base);
	rc = vtd_verify(pol, copy, npages, base, &mm, walks);
	free(copy);
	if (rc == 1)
		diag_fatal(d,
			   "internal error: translation tables differ from the policy: "
			   "%02x:%02x.%u %s 0x%llx: policy %s, tables %s",
			   mm.sid >> 8, (mm.sid >> 3) & 31, mm.sid & 7, mm.write ? "write" : "read",
			   (unsigned long long)mm.iova, mm.expected ? "allows" : "denies",
			   mm.got ? "allow" : "deny");
	else if (rc)
		diag_fatal(d, "internal error: cannot verify the translation tables (%d)", rc);
	return rc ? -1 : 0;
}

/* The pages' non-zero words: table pages are nearly all zeros. */
static int add_entries(struct blobw *bb, const uint8_t *pages, size_t npages)
{
	struct smmub_vtd_entry *e = NULL;
	size_t n = 0, cap = 0;
	int rc;

	for (size_t p = 0; p < npages; p++) {
		for (uint32_t i = 0; i < VTD_PAGE_SIZE / 8; i++) {
			uint64_t w;

			memcpy(&w, pages + p * VTD_PAGE_SIZE + i * 8, sizeof(w));
			if (!w)
				continue;
			if (n == cap) {
				struct smmub_vtd_entry *ne;

				cap = cap ? cap * 2 : 1024;
				ne = realloc(e, cap * sizeof(*e));
				if (!ne) {
					free(e);
					return -1;
				}
				e = ne;
			}
			/* the word's bytes as the page holds them: little-endian */
			e[n++] = (struct smmub_vtd_entry){ htole32((uint32_t)p), htole32(i), w };
		}
	}
	rc = blobw_section(bb, SMMUB_SEC_VTD_ENTRIES, e, (uint32_t)n, sizeof(*e));
	free(e);
	return rc;
}

/* Builds, proves and adds the VT-d sections for the records in blob. */
static int add_tables(struct blobw *bb, const void *blob, size_t len, struct diag_ctx *d,
		      const struct compile_opts *o)
{
	struct smmub_view v;
	struct vtd_input in;
	struct vtd_build_out out = { 0 };
	struct smmub_vtd_contract c = { 0 };
	size_t npages, nrelocs, walks = 0;
	char err[256];
	int rc = -1;

	if (smmub_validate(blob, len, &v, NULL))
		return -1;
	if (smmub_count(&v, SMMUB_SEC_DOMAINS) > 0xffff) {
		diag_fatal(d, "more than 65535 domains: VT-d domain ids are 16 bits");
		return -1;
	}
	if (vtd_input_from_blob(&v, &o->prof, NULL, NULL, &in, err, sizeof(err))) {
		diag_fatal(d, "cannot build translation tables: %s", err);
		return -1;
	}
	rc = vtd_build_size(&in.pol, &npages, &nrelocs);
	if (rc) {
		diag_fatal(d, "cannot build translation tables for profile vtd-aw%u (%d): "
			   "is an address beyond the address width?", o->prof.levels == 3 ? 39 : 48,
			   rc);
		goto out;
	}
	out.pool = calloc(npages ? npages : 1, VTD_PAGE_SIZE);
	out.pool_pages = npages;
	out.relocs = calloc(nrelocs ? nrelocs : 1, sizeof(uint64_t));
	out.reloc_cap = nrelocs;
	out.dom_top = calloc(in.pol.ndomains ? in.pol.ndomains : 1, sizeof(uint32_t));
	rc = -1;
	if (!out.pool || !out.relocs || !out.dom_top) {
		diag_fatal(d, "out of memory building translation tables");
		goto out;
	}
	if (vtd_build(&in.pol, &out)) {
		diag_fatal(d, "internal error: the table builder failed after sizing");
		goto out;
	}
	if (prove(&in.pol, out.pool, out.npages, out.relocs, out.nrelocs, d, &walks))
		goto out;
	c.levels = htole32(o->prof.levels);
	c.aw_bits = htole32(o->prof.levels == 3 ? 39 : 48);
	c.sizes_used = htole32(out.sizes_used);
	c.sizes_allowed = htole32(pgsz_bits(&o->prof));
	c.page_count = htole32((uint32_t)out.npages);
	c.reloc_count = htole32((uint32_t)out.nrelocs);
	c.device_count = htole32((uint32_t)in.pol.ndevices);
	for (size_t i = 0; i < out.nrelocs; i++)
		out.relocs[i] = htole64(out.relocs[i]);
	for (size_t i = 0; i < in.pol.ndomains; i++)
		out.dom_top[i] = htole32(out.dom_top[i]);
	if (blobw_section(bb, SMMUB_SEC_VTD_CONTRACT, &c, 1, sizeof(c)) ||
	    add_entries(bb, out.pool, out.npages) ||
	    blobw_section(bb, SMMUB_SEC_VTD_RELOCS, out.relocs, (uint32_t)out.nrelocs,
			  sizeof(uint64_t)) ||
	    blobw_section(bb, SMMUB_SEC_VTD_DOMTOP, out.dom_top, (uint32_t)in.pol.ndomains,
			  sizeof(uint32_t))) {
		diag_fatal(d, "out of memory adding translation tables");
		goto out;
	}
	if (o->verbose)
		fprintf(stderr,
			"smmucc: vtd-aw%u tables: %zu pages, %zu relocations, %zu requester ids, "
			"%zu domains; proven with %zu walks\n",
			o->prof.levels == 3 ? 39 : 48, out.npages, out.nrelocs, in.pol.ndevices,
			in.pol.ndomains, walks);
	rc = 0;
out:
	free(out.pool);
	free(out.relocs);
	free(out.dom_top);
	vtd_input_free(&in);
	return rc;
}

int compile_policy(const struct config *cfg, struct diag_ctx *d, const struct compile_opts *o,
		   void **blob, size_t *len)
{
	struct lower_opts lo = { .late_bind = o->late_bind };
	struct blobw *bb = blobw_new();
	uint32_t flags = 0;
	int rc = -1;

	*blob = NULL;
	if (!bb) {
		diag_fatal(d, "out of memory");
		return -1;
	}
	if (lower_policy(cfg, d, &lo, bb, &flags))
		goto out;
	blobw_set_flags(bb, flags);
	if (o->safety_variant) {
		struct smmub_producer p = { htole32(SMMUB_PROD_SAFETY_VARIANT), 0 };

		if (blobw_section(bb, SMMUB_SEC_PRODUCER, &p, 1, sizeof(p)))
			goto out;
	}
	if (finish(bb, d, blob, len))
		goto out;
	/* tables come from the records just written, as the runtime would build them */
	if (o->tables && !(flags & SMMUB_F_LATE_BOUND) && compile_targets_vtd(cfg)) {
		void *first = *blob;

		*blob = NULL;
		rc = add_tables(bb, first, *len, d, o);
		free(first);
		if (rc || finish(bb, d, blob, len)) {
			rc = -1;
			goto out;
		}
	}
	rc = 0;
out:
	if (rc) {
		free(*blob);
		*blob = NULL;
	}
	blobw_free(bb);
	return rc;
}
