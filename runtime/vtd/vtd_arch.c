/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Intel VT-d's entry in the architecture table: the unit driver
 * (vtd_drv.c) behind the interface's unit ops, its --profile names, and
 * where its tables are built, proven and installed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_arch.h"
#include "vtd/vtd_live.h"
#include "vtd/vtd_regs.h"

static void profile_default(struct iommu_profile *p)
{
	*p = (struct iommu_profile){ .levels = 4, .pgsizes = IOMMU_PGSZ_4K | IOMMU_PGSZ_2M };
}

/* "vtd-aw48" | "vtd-aw39", then ",1g" (allow 1 GiB leaves), ",no2m" (forbid 2 MiB). */
static int profile_parse(const char *s, struct iommu_profile *p)
{
	char buf[64], *tok, *save = NULL;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	tok = strtok_r(buf, ",", &save);
	profile_default(p);
	if (tok && !strcmp(tok, "vtd-aw48"))
		p->levels = 4;
	else if (tok && !strcmp(tok, "vtd-aw39"))
		p->levels = 3;
	else
		return -1;
	while ((tok = strtok_r(NULL, ",", &save))) {
		if (!strcmp(tok, "1g"))
			p->pgsizes |= IOMMU_PGSZ_1G;
		else if (!strcmp(tok, "no2m"))
			p->pgsizes &= ~IOMMU_PGSZ_2M;
		else
			return -1;
	}
	return 0;
}

static struct vtd_unit *unit(const struct rt_unit *u)
{
	return u->caps;
}

/* The unit's capabilities if probed, else NULL: the driver decodes them itself. */
static const struct vtd_caps *caps(const struct rt_unit *u)
{
	return unit(u) && unit(u)->probed ? &unit(u)->caps : NULL;
}

static int unit_probe(struct rt_unit *u, char *why, size_t whylen)
{
	struct vtd_unit *d = u->caps ? u->caps : calloc(1, sizeof(*d));
	int rc;

	if (!d)
		return IOMMU_DSS_INTERNAL;
	u->caps = d;
	rc = vtd_probe(&u->io, &d->caps);
	d->probed = rc == 0;
	if (rc && VTD_VER_MAJOR(d->caps.ver) >= 1 &&
	    !(d->caps.sagaw & (VTD_SAGAW_39 | VTD_SAGAW_48))) {
		snprintf(why, whylen, "unit %s offers no 3- or 4-level page-table format "
				      "(SAGAW 0x%x): no tables can be built for it",
			 u->name, d->caps.sagaw);
		return IOMMU_DSS_CAPS;
	}
	if (rc) {
		snprintf(why, whylen, "unit %s at 0x%llx: unusable registers (VER 0x%x)", u->name,
			 (unsigned long long)u->reg_base, d->caps.ver);
		return IOMMU_DSS_NO_UNIT;
	}
	snprintf(why, whylen, "VER %u.%u CAP 0x%llx ECAP 0x%llx SAGAW 0x%x%s%s",
		 (d->caps.ver >> 4) & 15, d->caps.ver & 15, (unsigned long long)d->caps.cap,
		 (unsigned long long)d->caps.ecap, d->caps.sagaw, d->caps.sp2m ? " 2M" : "",
		 d->caps.sp1g ? " 1G" : "");
	return 0;
}

static void unit_release(struct rt_unit *u)
{
	free(u->caps);
	u->caps = NULL;
}

static int status(int rc)
{
	return !rc ? 0 : rc == -ETIMEDOUT ? IOMMU_DSS_TIMEOUT : IOMMU_DSS_INTERNAL;
}

static int unit_enable(struct rt_unit *u)
{
	/* a restart (unit_block_at): switch the live unit over, TE stays on */
	if (vtd_translating(&u->io))
		return status(vtd_switch_root(&u->io, caps(u), u->io.table_phys));
	return status(vtd_enable(&u->io, caps(u), u->io.table_phys));
}

static int unit_block_all(struct rt_unit *u)
{
	return vtd_block_all(&u->io, caps(u)) ? -1 : 0;
}

static bool unit_translating(const struct rt_unit *u)
{
	return vtd_translating(&u->io);
}

static int unit_block_at(struct rt_unit *u, uint64_t off)
{
	return status(vtd_block_at(&u->io, caps(u), off));
}

struct poll_ctx {
	iommu_fault_fn fn;
	void *arg;
};

static void on_fault(void *arg, const struct vtd_fault *f)
{
	struct poll_ctx *c = arg;
	struct iommu_fault r = { .sid = f->sid, .addr = f->addr, .write = f->write,
				 .reason = f->reason, .reason_text = vtd_fault_reason_str(f->reason) };

	c->fn(c->arg, &r);
}

static int unit_poll_faults(struct rt_unit *u, iommu_fault_fn fn, void *arg, bool *overflowed)
{
	struct poll_ctx c = { fn, arg };
	struct vtd_fault_stats st = { 0 };
	int n = vtd_poll_faults(&u->io, caps(u), fn ? on_fault : NULL, &c, &st);

	*overflowed = st.overflows != 0;
	return n;
}

const struct iommu_arch iommu_arch_vtd = {
	.name = "vtd",
	.type = SMMUB_SMMU_VTD,
	.profile_prefix = "vtd-",
	.profile_default = profile_default,
	.profile_parse = profile_parse,
	.tables_build = vtd_tables_build_blob,
	.tables_prove = vtd_tables_prove_blob,
	.backends = { [BACKEND_SIM] = &vtd_backend_sim, [BACKEND_DEVMEM] = &vtd_backend_devmem },
	.unit_probe = unit_probe,
	.unit_release = unit_release,
	.unit_enable = unit_enable,
	.unit_block_all = unit_block_all,
	.unit_translating = unit_translating,
	.unit_block_at = unit_block_at,
	.unit_poll_faults = unit_poll_faults,
	.overflow_name = "FSTS.PFO",
	.tables_install = vtd_tables_install_boot,
	.live = &vtd_live_ops,
};
