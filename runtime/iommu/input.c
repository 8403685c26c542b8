/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * From policy records to builder input, for every architecture: the
 * domains with their ranges (late-bound names resolved), and the PCI
 * requester ids each domain's devices own. An architecture turns this
 * into its builder's input (runtime/vtd/vtd_policy.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/input.h"

#define PAGE_MASK 4095ull

static int push_range(struct iommu_input *in, size_t *cap, uint64_t start, uint64_t length,
		      uint32_t perms)
{
	if (in->nranges == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct iommu_range *r = realloc(in->ranges, nc * sizeof(*r));

		if (!r)
			return -1;
		in->ranges = r;
		*cap = nc;
	}
	in->ranges[in->nranges++] = (struct iommu_range){ start, length, perms };
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
		       smmub_asinfo_fn fn, void *arg, struct iommu_input *in, size_t *cap, char *err,
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

static int add_devices(const struct smmub_view *v, struct iommu_input *in, bool by_set)
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
		cnt = iommu_pci_expand(kind, sid >> 8, (sid >> 3) & 31, sid & 7, sids,
				 65536);
		for (long k = 0; k < cnt; k++) {
			/* a more specific spec owns this id */
			if (smmub_lookup_pci(v, sids[k]) != (int)i)
				continue;
			if (in->ndevices == cap) {
				size_t nc = cap ? cap * 2 : 64;
				struct iommu_device *d = realloc(in->devices, nc * sizeof(*d));

				if (!d) {
					free(sids);
					return -1;
				}
				in->devices = d;
				cap = nc;
			}
			in->devices[in->ndevices++] =
				(struct iommu_device){ sids[k], device_domain(dv, by_set) };
		}
	}
	free(sids);
	return 0;
}

/*
 * Gives each domain its id and its ranges, and adds the devices. by_set:
 * domains are the allow sets (guest), numbered from 1; else the DOMAINS
 * entries, with their ids.
 */
static int finish_input(const struct smmub_view *v, struct iommu_input *in, const size_t *first,
			uint32_t nd, bool by_set)
{
	for (uint32_t i = 0; i < nd; i++) {
		size_t end = i + 1 < nd ? first[i + 1] : in->nranges;

		in->domains[i].id = by_set ? i + 1 : smmub_le32(smmub_domain(v, i)->did);
		in->domains[i].first = first[i];
		in->domains[i].nranges = end - first[i];
	}
	in->ndomains = nd;
	return add_devices(v, in, by_set);
}

/* The ranges of domain i. 0, -1 (err says why) or -2 (out of memory). */
static int domain_ranges(const struct smmub_view *v, uint32_t i, smmub_asinfo_fn fn, void *arg,
			 struct iommu_input *in, size_t *cap, char *err, size_t errlen)
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
		      struct iommu_input *in, size_t *cap, char *err, size_t errlen)
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
		      struct iommu_input *in, size_t *cap, char *err, size_t errlen);

/* One input domain per entry of section sec (DOMAINS; SETS for a guest). */
static int input_build(const struct smmub_view *v, uint32_t sec, ranges_fn *ranges, smmub_asinfo_fn fn, void *arg, struct iommu_input *in,
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
	if (!rc && finish_input(v, in, first, n, sec == SMMUB_SEC_SETS))
		rc = -2;
	if (rc == -2)
		snprintf(err, errlen, "out of memory");
	free(first);
	if (rc)
		iommu_input_free(in);
	return rc ? -1 : 0;
}

int iommu_input_from_blob(const struct smmub_view *v, bool guest, smmub_asinfo_fn fn, void *arg,
			  struct iommu_input *in, char *err, size_t errlen)
{
	/* a guest's domains are its allow sets: the host owns reserved regions */
	return guest ? input_build(v, SMMUB_SEC_SETS, set_ranges, fn, arg, in, err, errlen)
		     : input_build(v, SMMUB_SEC_DOMAINS, domain_ranges, fn, arg, in, err, errlen);
}

void iommu_input_free(struct iommu_input *in)
{
	free(in->domains);
	free(in->ranges);
	free(in->devices);
	memset(in, 0, sizeof(*in));
}

long iommu_pci_expand(unsigned kind, unsigned bus, unsigned dev, unsigned fn, uint16_t *ids,
		      size_t cap)
{
	unsigned first, count, i;

	if (bus > 255 || dev > 31 || fn > 7)
		return -EINVAL;
	switch (kind) {
	case SMMUB_DEV_PCI_ANY:
		first = 0;
		count = 65536;
		break;
	case SMMUB_DEV_PCI_BUS:
		first = bus << 8;
		count = 256;
		break;
	case SMMUB_DEV_PCI_DEV:
		first = bus << 8 | dev << 3;
		count = 8;
		break;
	case SMMUB_DEV_PCI_FUNC:
		first = bus << 8 | dev << 3 | fn;
		count = 1;
		break;
	default:
		return -EINVAL;
	}
	for (i = 0; i < count && i < cap; i++)
		ids[i] = (uint16_t)(first + i);
	return count;
}
