/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * From policy records to VT-d builder input.
 *
 * The compiler builds its prebuilt tables through this, from the blob it
 * has just written and validated; the runtime builds through it too when
 * the unit cannot take the prebuilt tables (capability mismatch) or the
 * policy is late-bound. One path from records to tables, so what the
 * compiler proved is what the runtime would rebuild.
 */
#ifndef SMMU_VTD_POLICY_H
#define SMMU_VTD_POLICY_H

#include <stddef.h>
#include <stdint.h>
#include "blob/blob.h"
#include "vtd/vtd_pt.h"


struct vtd_input {
	struct vtd_policy pol;
	struct vtd_domain_in *domains; /* one per DOMAINS entry, same index */
	struct vtd_range *ranges;
	struct vtd_device_in *devices;
	size_t nranges, ndevices;
};

/*
 * Fills in from the validated view v for profile prof: every PCI device
 * with a domain, wildcard specs expanded to the requester ids they win
 * (the most specific spec owns each id), every domain's ranges (late ones
 * from their rules, resolved with fn). Returns 0, or -1 with a message in
 * err (an unresolved late name, no memory).
 */
int vtd_input_from_blob(const struct smmub_view *v, const struct vtd_profile *prof,
			smmub_asinfo_fn fn, void *arg, struct vtd_input *in, char *err,
			size_t errlen);

/*
 * As vtd_input_from_blob for a hypervisor guest, where the host owns
 * reserved regions: one domain per allow set, built from the set's rules
 * only; devices without a set get nothing. in->pol's domains are then
 * indexed by set, not by DOMAINS.
 */
int vtd_input_guest(const struct smmub_view *v, const struct vtd_profile *prof,
		    smmub_asinfo_fn fn, void *arg, struct vtd_input *in, char *err, size_t errlen);


/*
 * Adds a firmware reserved region (an ACPI RMRR) to requester sid's grants
 * (a requester of PCI segment 0: the tables know no other, so the caller
 * drops RMRRs of other segments, see backend_read_dmar),
 * read and write, widened to pages. The device gets a domain of its own
 * (its old grants plus the region), so devices that shared its domain do
 * not receive the region; a device not in the policy gets a domain with
 * the region alone. Returns 0, or -1 (no memory, or domain ids exhausted).
 */
int vtd_input_add_reserved(struct vtd_input *in, uint16_t sid, uint64_t start, uint64_t length);

void vtd_input_free(struct vtd_input *in);

/*
 * Builds pol straight into table memory mem (pool_pages pages) in one
 * builder pass, as the boot path's rebuild does: the relocation list
 * starts at a guess, and only a short guess costs a second pass. Returns
 * as vtd_build; -ENOSPC then means the tables do not fit (out->npages says
 * what they need). out comes zeroed (dom_top may be set); on 0,
 * out->relocs is the caller's to free, otherwise it is NULL.
 */
int vtd_build_at(const struct vtd_policy *pol, uint8_t *mem, size_t pool_pages,
		 struct vtd_build_out *out);

#endif
