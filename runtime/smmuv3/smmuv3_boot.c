/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 tables at boot (iommu_arch.tables_install): the prebuilt pages
 * when the unit can walk them, otherwise a rebuild from the policy records
 * with the builder the compiler used, in the profile the unit supports
 * (one capability rule: smmuv3_caps_fit). Either way the tables are proven
 * against the records by the independent walker where they lie, before
 * the unit sees them, and the stream table is left all invalid: the
 * driver brings the unit up blocking every stream and only then fills the
 * entries in (smmuv3_enable), since QEMU's unit lets DMA through while
 * it is off.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/devmem.h"
#include "smmuv3/smmuv3_arch.h"
#include "smmuv3/smmuv3_blob.h"
#include "smmuv3/smmuv3_drv.h"
#include "smmuv3/smmuv3_policy.h"

/* Without prebuilt tables (late-bound, --profile none): the compiler's default. */
static void default_profile(struct smmuv3_profile *p)
{
	struct iommu_profile ip;

	iommu_arch_smmuv3.profile_default(&ip);
	smmuv3_profile_from(&ip, p);
}

int smmuv3_caps_fit(const struct smmuv3_caps *c, const struct smmuv3_profile *want,
		    struct smmuv3_profile *got, char *why, size_t whylen)
{
	*got = *want;
	if ((got->stage == 2 && !c->s2p) || (got->stage == 1 && !c->s1p))
		got->stage = 3 - got->stage;
	if ((got->stage == 2 && !c->s2p) || (got->stage == 1 && !c->s1p)) {
		snprintf(why, whylen, "the unit translates at neither stage (IDR0 0x%x)", c->idr0);
		return -1;
	}
	if (got->oas > c->oas_bits)
		got->oas = c->oas_bits;
	/* a stage-2 input wider than the output cannot be expressed */
	if (got->stage == 2 && got->ias > got->oas)
		got->ias = 39;
	if (got->stage == 2 && got->ias > got->oas && c->s1p) {
		got->stage = 1;
		got->ias = want->ias;
	}
	if (got->stage == 2 && got->ias > got->oas) {
		snprintf(why, whylen, "stage 2 needs a 39-bit input at least, the unit outputs %u "
				      "bits and has no stage 1", got->oas);
		return -1;
	}
	if (got->st_2lvl && !c->st_2lvl)
		got->st_2lvl = false;
	return 0;
}

/* Can the unit walk the prebuilt tables as they are? If not, why says what it lacks. */
static bool walks_prebuilt(const struct smmuv3_caps *c, const struct smmuv3_tables_view *t,
			   char *why, size_t whylen)
{
	bool two = (t->strtab_cfg >> SMMUV3_STRTAB_FMT_SHIFT) == SMMUV3_STRTAB_FMT_2LVL;

	if (!(t->prof.stage == 1 ? c->s1p : c->s2p))
		snprintf(why, whylen, "no stage %u", t->prof.stage);
	else if (t->prof.oas > c->oas_bits)
		snprintf(why, whylen, "a %u-bit output, not %u", c->oas_bits, t->prof.oas);
	else if (two && !c->st_2lvl)
		snprintf(why, whylen, "no 2-level stream table");
	else
		return true;
	return false;
}

/* What no rebuild changes: StreamIDs and tags the unit must have room for. */
static int unit_holds(const struct rt_unit *u, const struct smmuv3_caps *c,
		      const struct smmuv3_input *in, struct iommu_tables_out *out)
{
	uint32_t maxsid = in->ndevices ? in->devices[in->ndevices - 1].sid : 0;
	bool wide = in->pol.prof.stage == 1 ? (c->idr0 & SMMUV3_IDR0_ASID16)
					    : (c->idr0 & SMMUV3_IDR0_VMID16);

	if (c->sidsize < 32 && maxsid >> c->sidsize)
		return iommu_tables_fail(out, IOMMU_DSS_CAPS, "StreamID %u is beyond unit %s's "
					 "%u-bit StreamIDs (IDR1.SIDSIZE)", maxsid, u->name,
					 c->sidsize);
	if (in->pol.ndomains > 255 && !wide)
		return iommu_tables_fail(out, IOMMU_DSS_CAPS, "%zu domains need 16-bit %s, unit %s "
					 "has 8", in->pol.ndomains,
					 in->pol.prof.stage == 1 ? "ASIDs" : "VMIDs", u->name);
	return 0;
}

/* Table memory for npages of tables: room, alignment, within the output size. */
static int memory_fits(const struct rt_unit *u, const struct iommu_tables_in *in,
		       size_t npages, uint64_t align, unsigned oas, struct iommu_tables_out *out)
{
	const struct unit_io *io = &u->io;
	uint64_t need = (uint64_t)npages * IOMMU_PAGE_SIZE;

	if (need > io->table_size || in->reserve > io->table_size - need)
		return iommu_tables_fail(out, IOMMU_DSS_TABLE_MEMORY, "the tables need %llu bytes "
					 "and the grow-heap %llu, unit %s's table memory holds "
					 "%llu", (unsigned long long)need,
					 (unsigned long long)in->reserve, u->name,
					 (unsigned long long)io->table_size);
	if (io->table_phys % align)
		return iommu_tables_fail(out, IOMMU_DSS_TABLE_MEMORY, "table memory at 0x%llx is "
					 "not aligned to the stream table's %llu bytes",
					 (unsigned long long)io->table_phys,
					 (unsigned long long)align);
	if (oas < 64 && (io->table_phys + need - 1) >> oas)
		return iommu_tables_fail(out, IOMMU_DSS_TABLE_MEMORY, "table memory at 0x%llx is "
					 "beyond the tables' %u-bit output addresses",
					 (unsigned long long)io->table_phys, oas);
	return 0;
}

/* The tables where they lie, against the records: nothing the unit walks is unproven. */
static int prove_installed(const struct rt_unit *u, const struct iommu_tables_in *in,
			   const struct smmuv3_input *pin, bool prebuilt, size_t npages,
			   uint64_t strtab, uint32_t cfg, struct iommu_tables_out *out)
{
	struct smmuv3_mismatch mm;
	char why[200], what[300];
	int rc = smmuv3_verify(&pin->pol, u->io.table_mem, npages, u->io.table_phys,
			       u->io.table_phys + strtab, cfg, &mm, NULL);

	if (!rc)
		return 0;
	if (rc == -ENOMEM)
		return iommu_tables_fail(out, IOMMU_DSS_INTERNAL, "out of memory proving the "
					 "tables");
	if (rc == 1)
		smmuv3_mismatch_str(&mm, why, sizeof(why));
	else
		snprintf(why, sizeof(why), "cannot prove them (%d)", rc);
	snprintf(what, sizeof(what), "they differ from the records: %s", why);
	if (prebuilt)
		return iommu_tables_fail(out, IOMMU_DSS_BLOB, "policy blob %s: SMMUv3 tables "
					 "refused: %s", in->blob_path, rc == 1 ? what : why);
	return iommu_tables_fail(out, IOMMU_DSS_INTERNAL, "SMMUv3 tables built at boot refused: %s",
				 rc == 1 ? what : why);
}

/*
 * Hands the stream table to the driver and leaves it invalid in memory.
 * Table memory is a Device mapping on arm64, where memcpy and memset may
 * fault on hardware (DC ZVA, unaligned or paired accesses): it is read
 * and cleared with aligned 64-bit accesses only (iommu/devmem.h).
 */
static int hold_strtab(struct rt_unit *u, uint64_t off, uint32_t cfg,
		       struct iommu_tables_out *out)
{
	struct smmuv3_unit *d = u->caps;
	uint64_t bytes = smmuv3_strtab_bytes(cfg);
	uint8_t *img = malloc(bytes);

	if (!img)
		return iommu_tables_fail(out, IOMMU_DSS_INTERNAL, "out of memory");
	iommu_tmem_read(img, u->io.table_mem + off, bytes);
	iommu_tmem_zero(u->io.table_mem + off, bytes);
	free((void *)d->strtab_image);
	d->strtab_image = img;
	d->strtab_bytes = bytes;
	d->strtab_off = off;
	d->strtab_cfg = cfg;
	return 0;
}

/* The prebuilt pages at table memory, relocated (in->v's CRC was checked: arch.h). */
static int install_prebuilt(struct rt_unit *u, const struct iommu_tables_in *in,
			    const struct smmuv3_tables_view *t, struct iommu_tables_out *out)
{
	int rc = memory_fits(u, in, t->pages.npages, t->strtab_align, t->prof.oas, out);

	if (rc)
		return rc;
	iommu_pages_expand(&t->pages, u->io.table_mem, true, u->io.table_phys, NULL);
	out->used = (uint64_t)t->pages.npages * IOMMU_PAGE_SIZE;
	return 0;
}

/* Tables for in built straight into table memory. */
static int install_built(struct rt_unit *u, const struct iommu_tables_in *in,
			 const struct smmuv3_input *pin, struct smmuv3_build_out *b,
			 struct iommu_tables_out *out)
{
	struct smmuv3_build_out dry = { 0 };
	char name[64];
	int rc = smmuv3_build(&pin->pol, &dry);

	smmuv3_profile_name(&pin->pol.prof, name, sizeof(name));
	if (rc && rc != -ENOSPC)
		return iommu_tables_fail(out, IOMMU_DSS_CAPS, "the policy cannot be built as %s "
					 "for unit %s (%d): an address beyond the unit's sizes?",
					 name, u->name, rc);
	if ((rc = memory_fits(u, in, dry.npages, dry.strtab_align, pin->pol.prof.oas, out)))
		return rc;
	iommu_tmem_zero(u->io.table_mem, dry.npages * IOMMU_PAGE_SIZE); /* as hold_strtab */
	*b = (struct smmuv3_build_out){ .pool = u->io.table_mem, .pool_pages = dry.npages,
					.relocs = malloc((dry.nrelocs + 1) * sizeof(uint64_t)),
					.reloc_cap = dry.nrelocs };
	if (!b->relocs)
		return iommu_tables_fail(out, IOMMU_DSS_INTERNAL, "out of memory");
	rc = smmuv3_build(&pin->pol, b);
	if (!rc)
		rc = smmuv3_relocate(u->io.table_mem, b->npages, b->relocs, b->nrelocs,
				     u->io.table_phys);
	free(b->relocs);
	b->relocs = NULL;
	if (rc)
		return iommu_tables_fail(out, IOMMU_DSS_INTERNAL, "building the tables failed (%d)",
					 rc);
	out->used = (uint64_t)b->npages * IOMMU_PAGE_SIZE;
	out->built_domains = pin->pol.ndomains;
	return 0;
}

int smmuv3_tables_install_boot(const struct iommu_tables_in *in, struct iommu_tables_out *out)
{
	struct smmuv3_tables_view t;
	struct smmuv3_profile want, got;
	struct smmuv3_input pin;
	struct smmuv3_build_out b = { 0 };
	struct rt_unit *u;
	const struct smmuv3_caps *c;
	char why[256], wname[64], gname[64], lack[64] = "";
	uint64_t bad = 0, strtab;
	uint32_t cfg;
	size_t npages;
	bool prebuilt;
	int rc;

	if (in->nunits != 1)
		return iommu_tables_fail(out, IOMMU_DSS_CAPS, "%zu SMMUv3 units: this release "
					 "programs one stream table, for one unit", in->nunits);
	u = &in->units[0];
	c = &((const struct smmuv3_unit *)u->caps)->caps;
	if (smmuv3_tables_view(in->v, &t, &bad))
		return iommu_tables_fail(out, IOMMU_DSS_BLOB, "policy blob %s: SMMUv3 tables "
					 "refused: inconsistent at offset %llu", in->blob_path,
					 (unsigned long long)bad);
	if (t.present && !in->late && !in->guest)
		want = t.prof;
	else
		default_profile(&want);
	if (smmuv3_caps_fit(c, &want, &got, why, sizeof(why)))
		return iommu_tables_fail(out, IOMMU_DSS_CAPS, "unit %s: %s", u->name, why);
	prebuilt = t.present && !in->late && !in->guest &&
		   walks_prebuilt(c, &t, lack, sizeof(lack));
	if (smmuv3_input_from_blob(in->v, &got, in->guest, in->lookup, in->lookup_arg, &pin, why,
				   sizeof(why)))
		return iommu_tables_fail(out, in->late ? IOMMU_DSS_LATE : IOMMU_DSS_BLOB, "%s",
					 why);
	rc = unit_holds(u, c, &pin, out);
	if (!rc && t.present && !in->late && !in->guest && !prebuilt) {
		smmuv3_profile_name(&want, wname, sizeof(wname));
		smmuv3_profile_name(&got, gname, sizeof(gname));
		iommu_log(IOMMU_LOG_WARN, "unit %s cannot walk the blob's %s tables (it has %s): "
			  "rebuilt from the records as %s", u->name, wname, lack, gname);
	}
	if (!rc && prebuilt) {
		rc = install_prebuilt(u, in, &t, out);
		npages = t.pages.npages;
		strtab = t.strtab_off;
		cfg = t.strtab_cfg;
	} else if (!rc) {
		rc = install_built(u, in, &pin, &b, out);
		npages = b.npages;
		strtab = b.strtab;
		cfg = b.strtab_cfg;
	}
	if (!rc)
		rc = prove_installed(u, in, &pin, prebuilt, npages, strtab, cfg, out);
	if (!rc)
		rc = hold_strtab(u, strtab, cfg, out);
	smmuv3_input_free(&pin);
	return rc;
}
