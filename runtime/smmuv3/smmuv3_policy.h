/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * From policy records to SMMUv3 builder input.
 *
 * The neutral input (iommu/input.h) gives the domains, their ranges and
 * the PCI requester ids each domain owns; this adds what SMMUv3 needs on
 * top: a StreamID for every device, memory-mapped masters too, and an
 * ASID or VMID per domain. The compiler builds its tables through it and
 * smmuman rebuilds through it, so what the compiler proved is what the
 * runtime would build.
 *
 * StreamIDs follow smmu(5)'s rule, stated once in iommu/streams.h; a
 * granted memory-mapped master without one is an error.
 */
#ifndef SMMU_SMMUV3_POLICY_H
#define SMMU_SMMUV3_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "blob/blob.h"
#include "smmuv3/smmuv3_pt.h"

struct smmuv3_input {
	struct smmuv3_policy pol;
	struct smmuv3_domain_in *domains; /* one per DOMAINS entry (SETS: guest), same index */
	struct smmuv3_range *ranges;
	struct smmuv3_device_in *devices; /* ascending StreamID, each once */
	size_t nranges, ndevices;
	size_t widened; /* write-only ranges granted read too (stage 1) */
};

/*
 * Fills in from the validated view v for profile prof. Late-bound rules
 * are resolved with fn. guest: the allow sets are the domains, `use`
 * lines are ignored (mem: masters then have no StreamID and get nothing).
 * At stage 1 a write-only range is granted read as well (in->widened
 * counts them; `smmucc --check` warns: write-implies-read). Returns 0, or
 * -1 with a message in err: an unresolved late name, a granted mem:
 * master without a StreamID, a StreamID beyond 32 bits, one StreamID for
 * two devices with different grants, more than 65535 domains, no memory.
 */
int smmuv3_input_from_blob(const struct smmub_view *v, const struct smmuv3_profile *prof,
			   bool guest, smmub_asinfo_fn fn, void *arg, struct smmuv3_input *in,
			   char *err, size_t errlen);
void smmuv3_input_free(struct smmuv3_input *in);

#endif
