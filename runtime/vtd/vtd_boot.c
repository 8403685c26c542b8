/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d tables at boot (iommu_arch.tables_install): the prebuilt pages when
 * every unit can walk them (expanded, relocated and proven in one pass),
 * otherwise a rebuild from the policy records with the builder the
 * compiler used, straight into table memory, in the format every unit
 * walks, proven before any unit uses it. One capability rule decides both
 * (vtd_caps_fit, vtd_caps_common in vtd_drv.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_arch.h"
#include "vtd/vtd_blob.h"
#include "vtd/vtd_bootcheck.h"
#include "vtd/vtd_drv.h"
#include "vtd/vtd_policy.h"

static const struct vtd_caps *caps_of(const struct rt_unit *u)
{
	return &((const struct vtd_unit *)u->caps)->caps;
}

/* Can every unit walk the prebuilt tables? If not, why names the first that cannot. */
static bool contract_holds(const struct iommu_tables_in *in, const struct vtd_tables_view *t,
			   char *why, size_t whylen)
{
	for (size_t i = 0; i < in->nunits; i++) {
		const struct vtd_caps *c = caps_of(&in->units[i]);
		unsigned lack = vtd_caps_fit(c, t->levels, t->sizes_used);

		if (lack == VTD_FIT_LEVELS) {
			snprintf(why, whylen, "blob tables are %u-level, unit %s offers SAGAW 0x%x",
				 t->levels, in->units[i].name, c->sagaw);
			return false;
		}
		if (lack) {
			snprintf(why, whylen, "blob tables use %s pages, unit %s does not support them",
				 lack == VTD_PGSZ_1G ? "1 GiB" : "2 MiB", in->units[i].name);
			return false;
		}
	}
	return true;
}

/* The profile every unit walks, keeping what the integrator allowed. */
static int common_profile(const struct iommu_tables_in *in, const struct vtd_tables_view *t,
			  struct vtd_profile *p)
{
	/* without prebuilt tables the compiler's default: 2 MiB, no 1 GiB */
	struct vtd_profile want = { t->present ? t->levels : 4,
				    !t->present || (t->sizes_allowed & SMMUB_VTD_PGSZ_2M),
				    t->present && (t->sizes_allowed & SMMUB_VTD_PGSZ_1G) };
	const struct vtd_caps **c = calloc(in->nunits ? in->nunits : 1, sizeof(*c));
	int rc;

	if (!c)
		return -ENOMEM;
	for (size_t i = 0; i < in->nunits; i++)
		c[i] = caps_of(&in->units[i]);
	rc = vtd_caps_common(c, in->nunits, &want, p);
	free(c);
	return rc;
}

/*
 * Tables the boot-time proof refused (vtd_bootcheck.h): nothing was
 * enabled yet, and the Design Safe State blocks every unit. The line
 * names the entry.
 */
static int refused(const struct iommu_tables_in *in, struct iommu_tables_out *out,
		   bool prebuilt, int err, const struct vtd_bc_bad *bad)
{
	char msg[320];

	vtd_bootcheck_msg(err, bad, msg, sizeof(msg));
	if (prebuilt)
		return iommu_tables_fail(out, IOMMU_DSS_BLOB, "policy blob %s: VT-d tables "
					 "refused: %s", in->blob_path, msg);
	return iommu_tables_fail(out, IOMMU_DSS_INTERNAL, "VT-d tables built at boot refused: %s",
				 msg);
}

/* The prebuilt pages into one table memory: expanded, relocated, proven. */
static int install_prebuilt(const struct iommu_tables_in *in, struct iommu_tables_out *out,
			    struct unit_io *io, uint64_t room, const struct vtd_tables_view *t,
			    const struct vtd_bc_range *forbid)
{
	uint64_t bytes = (uint64_t)t->npages * VTD_PAGE_SIZE;
	struct vtd_bc_bad bad;
	int rc;

	if (bytes > room)
		return iommu_tables_fail(out, IOMMU_DSS_TABLE_MEMORY, "tables need %llu bytes, "
					 "table memory has %llu", (unsigned long long)bytes,
					 (unsigned long long)room);
	/* the caller checked the CRC before it trusted any record */
	rc = vtd_tables_install_proven(in->v, t, io->table_mem, io->table_phys, false, forbid,
				       in->nunits, &bad);
	if (rc)
		return refused(in, out, true, rc, &bad);
	out->used = bytes;
	return 0;
}

/* The builder's tables straight into one table memory, relocated, proven. */
static int install_built(const struct iommu_tables_in *in, struct iommu_tables_out *out,
			 struct unit_io *io, uint64_t room, const struct vtd_input *vi,
			 const struct vtd_bc_range *forbid)
{
	struct vtd_build_out bo = { 0 };
	struct vtd_bc_tables tb;
	struct vtd_bc_bad bad;
	size_t pages = room / VTD_PAGE_SIZE;
	int rc = vtd_build_at(&vi->pol, io->table_mem, pages, &bo);

	if (rc == -EINVAL)
		return iommu_tables_fail(out, IOMMU_DSS_CAPS, "the policy cannot be built for this "
					 "unit");
	if (rc == -ENOSPC)
		return iommu_tables_fail(out, IOMMU_DSS_TABLE_MEMORY, "tables need %zu pages, "
					 "table memory has %zu", bo.npages, pages);
	if (rc)
		return iommu_tables_fail(out, IOMMU_DSS_INTERNAL, "rebuilding the tables failed");
	vtd_relocate(io->table_mem, bo.npages, bo.relocs, bo.nrelocs, io->table_phys);
	tb = (struct vtd_bc_tables){ .mem = io->table_mem, .phys = io->table_phys,
				     .npages = (uint32_t)bo.npages, .levels = vi->pol.prof.levels,
				     .sizes = VTD_PGSZ_4K, .relocs = bo.relocs,
				     .nrelocs = bo.nrelocs, .forbid = forbid,
				     .nforbid = in->nunits };
	tb.sizes |= (vi->pol.prof.sp2m ? VTD_PGSZ_2M : 0) | (vi->pol.prof.sp1g ? VTD_PGSZ_1G : 0);
	rc = vtd_bootcheck(&tb, NULL, &vi->pol, &bad);
	free(bo.relocs);
	if (rc)
		return refused(in, out, false, rc, &bad);
	out->used = bo.npages * VTD_PAGE_SIZE;
	return 0;
}

/* Into each distinct table memory: prebuilt (t) or built (vi); then flushed. */
static int install_units(const struct iommu_tables_in *in, struct iommu_tables_out *out,
			 const struct vtd_tables_view *t, const struct vtd_input *vi)
{
	/* no leaf may map any unit's table memory (the grow-heap reserve is inside it) */
	struct vtd_bc_range *forbid = calloc(in->nunits + 1, sizeof(*forbid));
	int rc = 0;

	if (!forbid)
		return iommu_tables_fail(out, IOMMU_DSS_INTERNAL, "out of memory");
	for (size_t i = 0; i < in->nunits; i++)
		forbid[i] = (struct vtd_bc_range){ in->units[i].io.table_phys,
						   in->units[i].io.table_size +
							   in->units[i].io.table_held };
	for (size_t i = 0; i < in->nunits && !rc; i++) {
		struct unit_io *io = &in->units[i].io;
		uint64_t room = io->table_size > in->reserve ? io->table_size - in->reserve : 0;
		bool again = false;

		for (size_t k = 0; k < i && in->shared_table_memory; k++)
			again |= in->units[k].io.table_phys == io->table_phys;
		if (again)
			continue; /* one carve-out: already there, and maybe live */
		rc = t ? install_prebuilt(in, out, io, room, t, forbid)
		       : install_built(in, out, io, room, vi, forbid);
		if (!rc && io->flush)
			io->flush(io->ctx, io->table_mem, out->used);
	}
	free(forbid);
	return rc;
}

/* The builder's input from the records as bound, with the firmware's regions. */
static int input(const struct iommu_tables_in *in, struct iommu_tables_out *out,
		 const struct vtd_profile *prof, struct vtd_input *vi)
{
	char why[256];
	int rc = in->guest ? vtd_input_guest(in->v, prof, in->lookup, in->lookup_arg, vi, why,
					     sizeof(why))
			   : vtd_input_from_blob(in->v, prof, in->lookup, in->lookup_arg, vi, why,
						 sizeof(why));

	if (rc)
		return iommu_tables_fail(out, in->late ? IOMMU_DSS_LATE : IOMMU_DSS_INTERNAL, "%s%s%s",
					 why, in->late ? " in " : "",
					 in->late ? in->lookup_from : "");
	for (size_t i = 0; i < in->nreserved; i++) {
		const struct rt_rmrr *r = &in->reserved[i];

		iommu_log(IOMMU_LOG_INFO, "RMRR 0x%llx-0x%llx reserved for %02x:%02x.%u",
		    (unsigned long long)r->base, (unsigned long long)r->limit, (r->sid >> 8) & 0xff,
		    (r->sid >> 3) & 31, r->sid & 7);
		/* the tables know PCI requester ids of segment 0 only */
		if (r->sid > 0xffff ||
		    vtd_input_add_reserved(vi, (uint16_t)r->sid, r->base, r->limit - r->base + 1)) {
			vtd_input_free(vi);
			return iommu_tables_fail(out, IOMMU_DSS_INTERNAL, "cannot add the "
						 "firmware's RMRRs");
		}
	}
	return 0;
}

int vtd_tables_install_boot(const struct iommu_tables_in *in, struct iommu_tables_out *out)
{
	struct vtd_tables_view t;
	struct vtd_profile prof;
	struct vtd_input vi;
	uint64_t bad = 0;
	char why[256];
	int rc;

	if (vtd_tables_view(in->v, &t, &bad))
		return iommu_tables_fail(out, IOMMU_DSS_BLOB, "policy blob %s: VT-d tables "
					 "inconsistent at offset %llu", in->blob_path,
					 (unsigned long long)bad);
	if (t.present && !in->late && !in->guest && !in->nreserved &&
	    contract_holds(in, &t, why, sizeof(why))) {
		iommu_log(IOMMU_LOG_DEBUG, "installing %u prebuilt table pages (%u relocations)",
		    t.npages, t.nrelocs);
		return install_units(in, out, &t, NULL);
	}
	if (t.present && !in->late && !in->guest && !in->nreserved)
		iommu_log(IOMMU_LOG_WARN, "capability mismatch: %s; rebuilding the tables", why);
	else if (in->guest)
		iommu_log(IOMMU_LOG_INFO, "guest: building tables without reserved regions");
	rc = common_profile(in, &t, &prof);
	if (rc == -ENOMEM)
		return iommu_tables_fail(out, IOMMU_DSS_INTERNAL, "out of memory");
	if (rc)
		return iommu_tables_fail(out, IOMMU_DSS_CAPS, "no page-table format that every "
					 "unit supports (SAGAW has neither 39 nor 48 bits)");
	if ((rc = input(in, out, &prof, &vi)))
		return rc;
	out->built_domains = vi.pol.ndomains;
	rc = install_units(in, out, NULL, &vi);
	if (!rc)
		iommu_log(IOMMU_LOG_INFO, "built %llu table pages at boot (%u-level%s%s)",
		    (unsigned long long)(out->used / VTD_PAGE_SIZE), prof.levels,
		    prof.sp2m ? ", 2 MiB" : "", prof.sp1g ? ", 1 GiB" : "");
	vtd_input_free(&vi);
	return rc;
}
