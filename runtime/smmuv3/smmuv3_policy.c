/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/input.h"
#include "iommu/streams.h"
#include "smmuv3/smmuv3_policy.h"

static void spec_name(const struct smmub_device *dv, char *buf, size_t n)
{
	uint32_t s = smmub_le32(dv->sid);

	if (smmub_le32(dv->kind) == SMMUB_DEV_MEM)
		snprintf(buf, n, "mem:0x%llx", (unsigned long long)smmub_le64(dv->paddr));
	else
		snprintf(buf, n, "pci:%u:%u.%u", s >> 8, (s >> 3) & 31, s & 7);
}

struct edge {
	uint64_t at;
	int r, w; /* +1 where a range starts, -1 where it ends */
};

static int by_at(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

/*
 * The ranges of one domain as the builder wants them: ascending and
 * disjoint, permissions unioned where ranges overlap (a reserved line
 * over an allow line), neighbours with equal permissions joined, and at
 * stage 1 write-only widened to read-write. Written over out (room for
 * 2n - 1 ranges: n never grows past that); returns how many.
 */
static size_t disjoint(const struct iommu_range *r, size_t n, unsigned stage,
		       struct smmuv3_range *out, struct edge *e, size_t *widened)
{
	size_t ne = 0, k = 0;
	int cr = 0, cw = 0;

	for (size_t i = 0; i < n; i++) {
		int rd = !!(r[i].perms & SMMUV3_PERM_R), wr = !!(r[i].perms & SMMUV3_PERM_W);

		e[ne++] = (struct edge){ r[i].start, rd, wr };
		e[ne++] = (struct edge){ r[i].start + r[i].length, -rd, -wr };
	}
	qsort(e, ne, sizeof(*e), by_at);
	for (size_t i = 0; i < ne;) {
		uint64_t at = e[i].at, next;
		uint32_t perms;

		for (; i < ne && e[i].at == at; i++) {
			cr += e[i].r;
			cw += e[i].w;
		}
		if (i == ne)
			break;
		next = e[i].at;
		perms = (cr ? SMMUV3_PERM_R : 0) | (cw ? SMMUV3_PERM_W : 0);
		if (stage == 1 && perms == SMMUV3_PERM_W) {
			perms |= SMMUV3_PERM_R;
			(*widened)++;
		}
		if (!perms)
			continue;
		if (k && out[k - 1].perms == perms && out[k - 1].start + out[k - 1].length == at)
			out[k - 1].length += next - at;
		else
			out[k++] = (struct smmuv3_range){ at, next - at, perms };
	}
	return k;
}

static int by_sid(const void *a, const void *b)
{
	const struct smmuv3_device_in *x = a, *y = b;

	if (x->sid != y->sid)
		return x->sid < y->sid ? -1 : 1;
	return x->domain < y->domain ? -1 : x->domain > y->domain;
}

/* Every device's StreamID: the neutral input's PCI ids, then the mem: masters. */
static int devices(const struct smmub_view *v, const struct iommu_input *ni, bool guest,
		   struct smmuv3_input *in, char *err, size_t errlen)
{
	uint32_t n = smmub_count(v, SMMUB_SEC_DEVICES);
	size_t cap = ni->ndevices + n + 1, k = 0;
	char name[64];

	in->devices = malloc(cap * sizeof(*in->devices));
	if (!in->devices) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < ni->ndevices; i++) {
		int e = smmub_lookup_pci(v, ni->devices[i].sid);
		uint32_t sid;

		if (e < 0 || iommu_entry_stream(v, (uint32_t)e, ni->devices[i].sid, !guest, &sid)) {
			spec_name(smmub_device(v, e < 0 ? 0 : (uint32_t)e), name, sizeof(name));
			snprintf(err, errlen, "device %s: its StreamID is beyond 32 bits", name);
			return -1;
		}
		in->devices[k++] = (struct smmuv3_device_in){ sid, ni->devices[i].domain };
	}
	for (uint32_t i = 0; i < n; i++) {
		const struct smmub_device *dv = smmub_device(v, i);
		uint32_t dom = smmub_le32(guest ? dv->set : dv->domain), sid;

		if (smmub_le32(dv->kind) != SMMUB_DEV_MEM || dom == SMMUB_NONE)
			continue;
		if (guest)
			continue; /* no `use` line: no StreamID, so no grant */
		if (iommu_entry_stream(v, i, 0, true, &sid)) {
			spec_name(dv, name, sizeof(name));
			snprintf(err, errlen, "device %s has grants and no StreamID: give it one "
					      "with `use UNIT SID`", name);
			return -1;
		}
		in->devices[k++] = (struct smmuv3_device_in){ sid, dom };
	}
	qsort(in->devices, k, sizeof(*in->devices), by_sid);
	in->ndevices = 0;
	for (size_t i = 0; i < k; i++) {
		struct smmuv3_device_in *last = in->ndevices ? &in->devices[in->ndevices - 1] : NULL;

		if (last && last->sid == in->devices[i].sid) {
			if (last->domain == in->devices[i].domain)
				continue;
			snprintf(err, errlen, "StreamID %u is given to two devices with different "
					      "grants", in->devices[i].sid);
			return -1;
		}
		in->devices[in->ndevices++] = in->devices[i];
	}
	return 0;
}

int smmuv3_input_from_blob(const struct smmub_view *v, const struct smmuv3_profile *prof,
			   bool guest, smmub_asinfo_fn fn, void *arg, struct smmuv3_input *in,
			   char *err, size_t errlen)
{
	struct iommu_input ni;
	struct edge *e = NULL;
	int rc = -1;

	memset(in, 0, sizeof(*in));
	if (iommu_input_from_blob(v, guest, fn, arg, &ni, err, errlen))
		return -1;
	if (ni.ndomains > 0xffff) {
		snprintf(err, errlen, "more than 65535 domains: ASIDs and VMIDs are 16 bits");
		goto out;
	}
	in->domains = calloc(ni.ndomains ? ni.ndomains : 1, sizeof(*in->domains));
	in->ranges = malloc((2 * ni.nranges + 1) * sizeof(*in->ranges));
	e = malloc((2 * ni.nranges + 1) * sizeof(*e));
	if (!in->domains || !in->ranges || !e) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	/* tags from 1 in domain order: the same policy gives the same ASIDs */
	for (size_t i = 0; i < ni.ndomains; i++) {
		size_t k = disjoint(ni.ranges + ni.domains[i].first, ni.domains[i].nranges,
				    prof->stage, in->ranges + in->nranges, e, &in->widened);

		in->domains[i] = (struct smmuv3_domain_in){ (uint16_t)(i + 1), NULL, k };
		in->nranges += k;
	}
	for (size_t i = 0, at = 0; i < ni.ndomains; at += in->domains[i++].nranges)
		in->domains[i].ranges = in->ranges + at;
	if (devices(v, &ni, guest, in, err, errlen))
		goto out;
	in->pol = (struct smmuv3_policy){ *prof, in->domains, ni.ndomains, in->devices,
					  in->ndevices };
	rc = 0;
out:
	free(e);
	iommu_input_free(&ni);
	if (rc)
		smmuv3_input_free(in);
	return rc;
}

void smmuv3_input_free(struct smmuv3_input *in)
{
	free(in->domains);
	free(in->ranges);
	free(in->devices);
	memset(in, 0, sizeof(*in));
}
