/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * From policy records to builder input, for every architecture.
 *
 * One path from a validated blob to what a builder needs: the domains
 * (the blob's DOMAINS, or for a hypervisor guest its allow sets) with
 * their ranges, late-bound names resolved, and the PCI requester ids each
 * domain's devices own, wildcard specs expanded to the ids they win (the
 * most specific spec owns each id). The compiler builds its tables
 * through it, and the runtime rebuilds through it, so what the compiler
 * proved is what the runtime would build. Each architecture turns it into
 * its own builder's input (VT-d: vtd_policy.c).
 */
#ifndef SMMU_IOMMU_INPUT_H
#define SMMU_IOMMU_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "blob/blob.h"

struct iommu_range {
	uint64_t start;	 /* 4 KiB aligned */
	uint64_t length; /* 4 KiB multiple, > 0 */
	uint32_t perms;	 /* SMMUB_PERM_* */
};

struct iommu_domain {
	uint32_t id;	/* the DOMAINS entry's did; a guest's set index + 1 */
	size_t first;	/* its ranges: ranges[first .. first + nranges) */
	size_t nranges;
};

struct iommu_device {
	uint32_t sid;	 /* PCI requester id */
	uint32_t domain; /* index into the domains */
};

struct iommu_input {
	struct iommu_domain *domains; /* one per DOMAINS (or SETS) entry, same index */
	size_t ndomains;
	struct iommu_range *ranges;
	size_t nranges;
	struct iommu_device *devices; /* by DEVICES entry, then ascending id */
	size_t ndevices;
};

/*
 * Fills in from the validated view v. Late-bound rules are resolved with
 * fn (NULL: an unresolved name). guest: one domain per allow set, built
 * from the set's rules only (the host owns reserved regions). Returns 0,
 * or -1 with a message in err (an unresolved late name, no memory); in is
 * then empty.
 */
int iommu_input_from_blob(const struct smmub_view *v, bool guest, smmub_asinfo_fn fn, void *arg,
			  struct iommu_input *in, char *err, size_t errlen);
void iommu_input_free(struct iommu_input *in);

/*
 * Expands a PCI spec (kind SMMUB_DEV_PCI_*) to the requester ids it
 * covers, ascending, into ids[0..cap). Returns how many it covers (may
 * exceed cap: then only cap were written), or -EINVAL for a bad kind or a
 * part out of range.
 */
long iommu_pci_expand(unsigned kind, unsigned bus, unsigned dev, unsigned fn, uint16_t *ids,
		      size_t cap);

#endif
