/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_policy.h"

#define PAGE_MASK 4095ull
#define BUILD_AT_GUESS_PAGES 65536u /* 256 MiB of tables */

static int push_range(struct vtd_input *in, size_t *cap, uint64_t start, uint64_t length,
		      uint32_t perms)
{
	if (in->nranges == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct vtd_range *r = realloc(in->ranges, nc * sizeof(*r));

		if (!r)
			return -1;
		in->ranges = r;
		*cap = nc;
	}
	in->ranges[in->nranges++] = (struct vtd_range){ start, length, perms };
	return 0;
}

/* A late rule's value with its relocations applied, widened to pages. */
static int late_rule_range(const struct smmub_view *v, uint32_t ri, smmub_asinfo_fn fn, void *arg,
			   uint64_t *first, uint64_t *len, char *err, size_t errlen)
{
	uint64_t start, length, end;

	if (smmub_rule_bound(v, ri, fn, arg, &start, &length, err, errlen))
		return -1;
	end = (start + (length - 1)) | PAGE_MASK;
	*first = start & ~PAGE_MASK;
	*len = end - *first + 1;
	return 0;
}

/* Grants of a late domain: its first device's set rules and reserved lines. */
static int late_domain(const struct smmub_view *v, const struct smmub_domain *dm,
		       smmub_asinfo_fn fn, void *arg, struct vtd_input *in, size_t *cap, char *err,
		       size_t errlen)
{
	uint32_t dev = smmub_le32(dm->device_first);
	const struct smmub_device *dv = smmub_device(v, dev);
	uint32_t ranges[2][2] = { { 0, 0 }, { 0, 0 } };

	if (smmub_le32(dv->set) != SMMUB_NONE) {
		const struct smmub_set *s = smmub_set(v, smmub_le32(dv->set));

		ranges[0][0] = smmub_le32(s->rule_first);
		ranges[0][1] = smmub_le32(s->rule_count);
	}
	smmub_device_reserved(v, dev, &ranges[1][0], &ranges[1][1]);
	for (int k = 0; k < 2; k++) {
		for (uint32_t i = 0; i < ranges[k][1]; i++) {
			uint32_t ri = ranges[k][0] + i;
			uint64_t first, len;

			if (late_rule_range(v, ri, fn, arg, &first, &len, err, errlen))
				return -1;
			if (push_range(in, cap, first, len, smmub_le32(smmub_rule(v, ri)->perms))) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
		}
	}
	return 0;
}

/* The domain a device's ids go to: its DOMAINS entry, or its set (guest). */
static uint32_t device_domain(const struct smmub_device *dv, bool by_set)
{
	return by_set ? smmub_le32(dv->set) : smmub_le32(dv->domain);
}

static int add_devices(const struct smmub_view *v, struct vtd_input *in, bool by_set)
{
	uint32_t n = smmub_count(v, SMMUB_SEC_DEVICES);
	size_t cap = 0;
	uint16_t *sids = malloc(65536 * sizeof(*sids));

	if (!sids)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		const struct smmub_device *dv = smmub_device(v, i);
		uint32_t kind = smmub_le32(dv->kind), sid = smmub_le32(dv->sid);
		long cnt;

		if (kind == SMMUB_DEV_MEM || device_domain(dv, by_set) == SMMUB_NONE)
			continue;
		cnt = vtd_expand((enum vtd_spec_kind)kind, sid >> 8, (sid >> 3) & 31, sid & 7, sids,
				 65536);
		for (long k = 0; k < cnt; k++) {
			/* a more specific spec owns this id */
			if (smmub_lookup_pci(v, sids[k]) != (int)i)
				continue;
			if (in->ndevices == cap) {
				size_t nc = cap ? cap * 2 : 64;
				struct vtd_device_in *d = realloc(in->devices, nc * sizeof(*d));

				if (!d) {
					free(sids);
					return -1;
				}
				in->devices = d;
				cap = nc;
			}
			in->devices[in->ndevices++] =
				(struct vtd_device_in){ sids[k], device_domain(dv, by_set) };
		}
	}
	free(sids);
	return 0;
}

/*
 * Points each domain at its ranges (they may have moved while the array
 * grew), adds the devices and fills the policy. by_set: domains are the
 * allow sets (guest), numbered from 1; else the DOMAINS entries.
 */
static int finish_input(const struct smmub_view *v, const struct vtd_profile *prof,
			struct vtd_input *in, const size_t *first, uint32_t nd, bool by_set)
{
	for (uint32_t i = 0; i < nd; i++) {
		size_t end = i + 1 < nd ? first[i + 1] : in->nranges;

		in->domains[i].did = (uint16_t)(by_set ? i + 1 : smmub_le32(smmub_domain(v, i)->did));
		in->domains[i].ranges = in->ranges + first[i];
		in->domains[i].nranges = end - first[i];
	}
	if (add_devices(v, in, by_set))
		return -1;
	in->pol.prof = *prof;
	in->pol.domains = in->domains;
	in->pol.ndomains = nd;
	in->pol.devices = in->devices;
	in->pol.ndevices = in->ndevices;
	return 0;
}

/* The ranges of domain i. 0, -1 (err says why) or -2 (out of memory). */
static int domain_ranges(const struct smmub_view *v, uint32_t i, smmub_asinfo_fn fn, void *arg,
			 struct vtd_input *in, size_t *cap, char *err, size_t errlen)
{
	const struct smmub_domain *dm = smmub_domain(v, i);
	uint32_t rf = smmub_le32(dm->region_first), rc = smmub_le32(dm->region_count);

	if (smmub_le32(dm->flags) & SMMUB_DOM_LATE)
		return late_domain(v, dm, fn, arg, in, cap, err, errlen) ? -1 : 0;
	for (uint32_t k = 0; k < rc; k++) {
		const struct smmub_region *r = smmub_region(v, rf + k);

		if (push_range(in, cap, smmub_le64(r->start), smmub_le64(r->length),
			       smmub_le32(r->perms)))
			return -2;
	}
	return 0;
}

/* The ranges of set i, for a guest: its rules, bound now. As domain_ranges. */
static int set_ranges(const struct smmub_view *v, uint32_t i, smmub_asinfo_fn fn, void *arg,
		      struct vtd_input *in, size_t *cap, char *err, size_t errlen)
{
	const struct smmub_set *s = smmub_set(v, i);

	for (uint32_t k = 0; k < smmub_le32(s->rule_count); k++) {
		uint32_t ri = smmub_le32(s->rule_first) + k;
		uint64_t st, len;

		if (late_rule_range(v, ri, fn, arg, &st, &len, err, errlen))
			return -1;
		if (push_range(in, cap, st, len, smmub_le32(smmub_rule(v, ri)->perms)))
			return -2;
	}
	return 0;
}

typedef int ranges_fn(const struct smmub_view *v, uint32_t i, smmub_asinfo_fn fn, void *arg,
		      struct vtd_input *in, size_t *cap, char *err, size_t errlen);

/* One input domain per entry of section sec (DOMAINS; SETS for a guest). */
static int input_build(const struct smmub_view *v, const struct vtd_profile *prof, uint32_t sec,
		       ranges_fn *ranges, smmub_asinfo_fn fn, void *arg, struct vtd_input *in,
		       char *err, size_t errlen)
{
	uint32_t n = smmub_count(v, sec);
	size_t cap = 0, *first = calloc(n ? n : 1, sizeof(*first));
	int rc = 0;

	memset(in, 0, sizeof(*in));
	in->domains = calloc(n ? n : 1, sizeof(*in->domains));
	if (!first || !in->domains)
		rc = -2;
	for (uint32_t i = 0; i < n && !rc; i++) {
		first[i] = in->nranges;
		rc = ranges(v, i, fn, arg, in, &cap, err, errlen);
	}
	if (!rc && finish_input(v, prof, in, first, n, sec == SMMUB_SEC_SETS))
		rc = -2;
	if (rc == -2)
		snprintf(err, errlen, "out of memory");
	free(first);
	if (rc)
		vtd_input_free(in);
	return rc ? -1 : 0;
}

int vtd_input_from_blob(const struct smmub_view *v, const struct vtd_profile *prof,
			smmub_asinfo_fn fn, void *arg, struct vtd_input *in, char *err,
			size_t errlen)
{
	return input_build(v, prof, SMMUB_SEC_DOMAINS, domain_ranges, fn, arg, in, err, errlen);
}

int vtd_input_guest(const struct smmub_view *v, const struct vtd_profile *prof,
		    smmub_asinfo_fn fn, void *arg, struct vtd_input *in, char *err, size_t errlen)
{
	return input_build(v, prof, SMMUB_SEC_SETS, set_ranges, fn, arg, in, err, errlen);
}

int vtd_input_add_reserved(struct vtd_input *in, uint16_t sid, uint64_t start, uint64_t length)
{
	size_t nd = in->pol.ndomains, di = in->ndevices, nold = 0, oldoff = 0;
	uint16_t did = 0;
	size_t *off;
	/* domains stay valid on failure: the new one is counted only at the end */
	struct vtd_range *nr;
	struct vtd_domain_in *ndm;
	struct vtd_device_in *ndv;
	uint64_t first = start & ~PAGE_MASK, last;

	if (!length || start + (length - 1) < start)
		return -1;
	last = (start + (length - 1)) | PAGE_MASK;
	for (size_t i = 0; i < in->ndevices; i++)
		if (in->devices[i].sid == sid)
			di = i;
	for (size_t i = 0; i < nd; i++)
		if (in->domains[i].did > did)
			did = in->domains[i].did;
	if (did == 0xffff)
		return -1;
	if (di < in->ndevices) {
		const struct vtd_domain_in *old = &in->domains[in->devices[di].domain];

		nold = old->nranges;
		oldoff = (size_t)(old->ranges - in->ranges);
	}
	/* ranges may move: keep every domain's place as an offset; every
	 * failure below leaves the input as it was, still consistent */
	off = malloc((nd + 1) * sizeof(*off));
	if (!off)
		return -1;
	for (size_t i = 0; i < nd; i++)
		off[i] = (size_t)(in->domains[i].ranges - in->ranges);
	nr = realloc(in->ranges, (in->nranges + nold + 1) * sizeof(*nr));
	if (!nr) {
		free(off);
		return -1;
	}
	in->ranges = nr;
	for (size_t i = 0; i < nd; i++)
		in->domains[i].ranges = nr + off[i];
	ndm = realloc(in->domains, (nd + 1) * sizeof(*ndm));
	if (!ndm) {
		free(off);
		return -1;
	}
	in->domains = ndm;
	in->pol.domains = ndm;
	free(off);
	memcpy(nr + in->nranges, nr + oldoff, nold * sizeof(*nr));
	nr[in->nranges + nold] = (struct vtd_range){ first, last - first + 1,
						     VTD_PERM_R | VTD_PERM_W };
	ndm[nd].ranges = nr + in->nranges;
	in->nranges += nold + 1;
	ndm[nd].did = (uint16_t)(did + 1);
	ndm[nd].nranges = nold + 1;
	if (di == in->ndevices) {
		ndv = realloc(in->devices, (in->ndevices + 1) * sizeof(*ndv));
		if (!ndv)
			return -1;
		in->devices = ndv;
		in->ndevices++;
	}
	in->devices[di] = (struct vtd_device_in){ sid, (uint32_t)nd };
	in->pol.domains = in->domains;
	in->pol.ndomains = nd + 1;
	in->pol.devices = in->devices;
	in->pol.ndevices = in->ndevices;
	return 0;
}

void vtd_input_free(struct vtd_input *in)
{
	free(in->domains);
	free(in->ranges);
	free(in->devices);
	memset(in, 0, sizeof(*in));
}

int vtd_build_at(const struct vtd_policy *pol, uint8_t *mem, size_t pool_pages,
		 struct vtd_build_out *out)
{
	/*
	 * An entry per page, a context entry per device: usually enough. The
	 * pages counted are capped, as table memory may be far larger than
	 * the tables.
	 */
	size_t cap = (pool_pages < BUILD_AT_GUESS_PAGES ? pool_pages : BUILD_AT_GUESS_PAGES) +
		     pol->ndevices;
	int rc = -ENOSPC;

	for (int pass = 0; pass < 2 && rc == -ENOSPC; pass++) {
		free(out->relocs);
		out->pool = mem;
		out->pool_pages = pool_pages;
		out->relocs = malloc((cap ? cap : 1) * sizeof(*out->relocs));
		out->reloc_cap = cap;
		if (!out->relocs)
			return -ENOMEM;
		rc = vtd_build(pol, out);
		if (rc == -ENOSPC && out->npages > pool_pages)
			break;
		cap = out->nrelocs;
	}
	if (rc) {
		free(out->relocs);
		out->relocs = NULL;
	}
	return rc;
}
