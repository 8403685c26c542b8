/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/input.h"
#include "vtd/vtd_policy.h"

#define PAGE_MASK 4095ull
#define BUILD_AT_GUESS_PAGES 65536u /* 256 MiB of tables */

/* The neutral input (iommu/input.h) as VT-d's: requester ids are 16 bits. */
static int from_neutral(const struct iommu_input *ni, const struct vtd_profile *prof,
			struct vtd_input *in, char *err, size_t errlen)
{
	memset(in, 0, sizeof(*in));
	in->domains = calloc(ni->ndomains ? ni->ndomains : 1, sizeof(*in->domains));
	in->ranges = malloc((ni->nranges ? ni->nranges : 1) * sizeof(*in->ranges));
	in->devices = malloc((ni->ndevices ? ni->ndevices : 1) * sizeof(*in->devices));
	if (!in->domains || !in->ranges || !in->devices) {
		vtd_input_free(in);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < ni->nranges; i++)
		in->ranges[i] = (struct vtd_range){ ni->ranges[i].start, ni->ranges[i].length,
						    ni->ranges[i].perms };
	for (size_t i = 0; i < ni->ndomains; i++)
		in->domains[i] = (struct vtd_domain_in){ (uint16_t)ni->domains[i].id,
							 in->ranges + ni->domains[i].first,
							 ni->domains[i].nranges };
	for (size_t i = 0; i < ni->ndevices; i++)
		in->devices[i] = (struct vtd_device_in){ (uint16_t)ni->devices[i].sid,
							 ni->devices[i].domain };
	in->nranges = ni->nranges;
	in->ndevices = ni->ndevices;
	in->pol = (struct vtd_policy){ *prof, in->domains, ni->ndomains, in->devices,
				       ni->ndevices };
	return 0;
}

static int input(const struct smmub_view *v, const struct vtd_profile *prof, bool guest,
		 smmub_asinfo_fn fn, void *arg, struct vtd_input *in, char *err, size_t errlen)
{
	struct iommu_input ni;
	int rc;

	if (iommu_input_from_blob(v, guest, fn, arg, &ni, err, errlen)) {
		memset(in, 0, sizeof(*in));
		return -1;
	}
	rc = from_neutral(&ni, prof, in, err, errlen);
	iommu_input_free(&ni);
	return rc;
}

int vtd_input_from_blob(const struct smmub_view *v, const struct vtd_profile *prof,
			smmub_asinfo_fn fn, void *arg, struct vtd_input *in, char *err,
			size_t errlen)
{
	return input(v, prof, false, fn, arg, in, err, errlen);
}

int vtd_input_guest(const struct smmub_view *v, const struct vtd_profile *prof,
		    smmub_asinfo_fn fn, void *arg, struct vtd_input *in, char *err, size_t errlen)
{
	return input(v, prof, true, fn, arg, in, err, errlen);
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
