/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * StreamIDs an SMMU policy cannot be built with: a memory-mapped master
 * with grants and no StreamID (stream-id-missing), and one StreamID for
 * two devices with different grants (stream-id-conflict). The rule that
 * gives each device its StreamID is smmu(5)'s, the one runtime/iommu/
 * streams.c applies: the device's `use` PARAM (on a PCI wildcard, its first
 * function's, the others following), else a PCI function's requester id.
 * A guest ignores use lines and sends what its host gives: not checked.
 */
#include <inttypes.h>
#include <stdlib.h>
#include "checks/checks.h"

static bool by_stream(const struct config *cfg)
{
	for (size_t i = 0; i < cfg->nsmmus; i++)
		if (cfg->smmus[i].type == SMMU_ARMSMMUV3 || cfg->smmus[i].type == SMMU_ARMSMMU)
			return !cfg->guest;
	return false;
}

static bool has_grants(const struct device *dv)
{
	return dv->set >= 0 || dv->nreserved > 0;
}

void check_stream_id_missing(struct check_run *run)
{
	const struct config *cfg = run->cfg;

	if (!by_stream(cfg))
		return;
	for (size_t i = 0; i < cfg->ndevs; i++) {
		const struct device *dv = &cfg->devs[i];

		if (dv->spec->kind == SPEC_MEM && has_grants(dv) && !dv->has_use_param)
			diag_report(run->d, CHK_STREAM_ID_MISSING, device_pos(cfg, dv),
				    "%s has grants and no StreamID: an SMMU tells masters apart "
				    "by StreamID; give it one with 'use UNIT SID' (or --board)",
				    dv->spec->text);
	}
}

struct sid_of {
	uint64_t sid;
	uint32_t dev;
};

static int by_sid(const void *a, const void *b)
{
	const struct sid_of *x = a, *y = b;

	if (x->sid != y->sid)
		return x->sid < y->sid ? -1 : 1;
	return (x->dev > y->dev) - (x->dev < y->dev);
}

/* The first requester id a PCI spec covers, and how many. */
static uint32_t pci_span(const struct devspec *s, uint32_t *first)
{
	switch (s->kind) {
	case SPEC_PCI_ANY:
		*first = 0;
		return 65536;
	case SPEC_PCI_BUS:
		*first = s->bus << 8;
		return 256;
	case SPEC_PCI_DEV:
		*first = s->bus << 8 | s->dev << 3;
		return 8;
	default:
		*first = s->bus << 8 | s->dev << 3 | s->fn;
		return 1;
	}
}

/* Each requester id's device: the most specific spec wins, as the blob's lookup decides. */
static void owners(const struct config *cfg, int32_t *own)
{
	for (uint32_t r = 0; r < 65536; r++)
		own[r] = -1;
	for (int k = SPEC_PCI_ANY; k <= SPEC_PCI_FUNC; k++)
		for (size_t i = 0; i < cfg->ndevs; i++) {
			const struct devspec *s = cfg->devs[i].spec;
			uint32_t first, n;

			/* a bus is a byte (struct devspec) */
			if ((int)s->kind != k || s->dev > 31 || s->fn > 7)
				continue;
			n = pci_span(s, &first);
			for (uint32_t r = first; r < first + n; r++)
				own[r] = (int32_t)i;
		}
}

static bool same_grants(const struct device *a, const struct device *b)
{
	return a == b || (a->set == b->set && !a->nreserved && !b->nreserved);
}

void check_stream_id_conflict(struct check_run *run)
{
	const struct config *cfg = run->cfg;
	int32_t *own;
	struct sid_of *s;
	size_t n = 0;

	if (!by_stream(cfg))
		return;
	own = malloc(65536 * sizeof(*own));
	s = malloc((65536 + cfg->ndevs) * sizeof(*s));
	if (!own || !s) {
		free(own);
		free(s);
		diag_fatal(run->d, "out of memory in check 'stream-id-conflict'");
		return;
	}
	owners(cfg, own);
	for (uint32_t r = 0; r < 65536; r++) {
		const struct device *dv = own[r] < 0 ? NULL : &cfg->devs[own[r]];
		uint32_t first;

		if (!dv || !has_grants(dv))
			continue;
		pci_span(dv->spec, &first);
		s[n++] = (struct sid_of){ dv->has_use_param ? dv->use_param + (r - first) : r,
					  (uint32_t)own[r] };
	}
	for (size_t i = 0; i < cfg->ndevs; i++) {
		const struct device *dv = &cfg->devs[i];

		if (dv->spec->kind == SPEC_MEM && has_grants(dv) && dv->has_use_param)
			s[n++] = (struct sid_of){ dv->use_param, (uint32_t)i };
	}
	qsort(s, n, sizeof(*s), by_sid);
	for (size_t i = 1; i < n; i++) {
		const struct device *a = &cfg->devs[s[i - 1].dev], *b = &cfg->devs[s[i].dev];

		/* reported once per pair of devices, at the later one */
		if (s[i].sid != s[i - 1].sid || same_grants(a, b) ||
		    (i >= 2 && s[i - 2].sid == s[i].sid && s[i - 2].dev == s[i - 1].dev))
			continue;
		if (device_pos(cfg, a)->line > device_pos(cfg, b)->line) {
			const struct device *t = a;

			a = b;
			b = t;
		}
		diag_report(run->d, CHK_STREAM_ID_CONFLICT, device_pos(cfg, b),
			    "StreamID %" PRIu64 " is %s's and %s's (line %u), whose grants "
			    "differ: the unit cannot tell them apart", s[i].sid, b->spec->text,
			    a->spec->text, device_pos(cfg, a)->line);
	}
	free(own);
	free(s);
}
