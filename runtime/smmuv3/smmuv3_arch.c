/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM SMMUv3's entry in the architecture table: the unit driver
 * (smmuv3_drv.c) behind the interface's unit ops, its --profile names,
 * and where its tables are built, proven and installed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smmuv3/smmuv3_arch.h"
#include "smmuv3/smmuv3_drv.h"
#include "iommu/streams.h"

/* Stage 2, 48-bit input and output, 2 MiB and 1 GiB blocks, either stream table. */
static void profile_default(struct iommu_profile *p)
{
	*p = (struct iommu_profile){ 4, IOMMU_PGSZ_4K | IOMMU_PGSZ_2M | IOMMU_PGSZ_1G, 2, 48,
				     false };
}

static bool oas_valid(unsigned long n)
{
	return n == 32 || n == 36 || n == 40 || n == 42 || n == 44 || n == 48 || n == 52;
}

/*
 * "smmuv3-s2" | "smmuv3-s1", then ",ias39" (3 levels from level 1),
 * ",oas=N" (output bits the tables may use), ",no2m", ",no1g" (forbid
 * blocks), ",linear" (no 2-level stream table).
 */
static int profile_parse(const char *s, struct iommu_profile *p)
{
	char buf[64], *tok, *save = NULL, *end;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	tok = strtok_r(buf, ",", &save);
	profile_default(p);
	if (tok && !strcmp(tok, "smmuv3-s2"))
		p->stage = 2;
	else if (tok && !strcmp(tok, "smmuv3-s1"))
		p->stage = 1;
	else
		return -1;
	while ((tok = strtok_r(NULL, ",", &save))) {
		if (!strcmp(tok, "ias39"))
			p->levels = 3;
		else if (!strcmp(tok, "ias48"))
			p->levels = 4;
		else if (!strcmp(tok, "no2m"))
			p->pgsizes &= ~IOMMU_PGSZ_2M;
		else if (!strcmp(tok, "no1g"))
			p->pgsizes &= ~IOMMU_PGSZ_1G;
		else if (!strcmp(tok, "linear"))
			p->linear = true;
		else if (!strncmp(tok, "oas=", 4) && tok[4] >= '1' && tok[4] <= '9') {
			unsigned long n = strtoul(tok + 4, &end, 10);

			if (*end || !oas_valid(n))
				return -1;
			p->oas = (unsigned)n;
		} else {
			return -1;
		}
	}
	/* a stage-2 input wider than the output is not a table the unit can walk */
	if (p->stage == 2 && (p->levels == 3 ? 39u : 48u) > p->oas)
		return -1;
	return 0;
}

static struct smmuv3_unit *unit(const struct rt_unit *u)
{
	return u->caps;
}

static int unit_probe(struct rt_unit *u, char *why, size_t whylen)
{
	struct smmuv3_unit *d = u->caps ? u->caps : calloc(1, sizeof(*d));
	const struct smmuv3_caps *c;
	char r[160] = "";
	int rc;

	if (!d)
		return IOMMU_DSS_INTERNAL;
	u->caps = d;
	rc = smmuv3_probe(&u->io, &d->caps, r, sizeof(r));
	d->probed = rc == 0;
	if (!rc && smmuv3_carve(&u->io, d)) {
		snprintf(why, whylen, "unit %s: table memory of %llu bytes cannot hold the driver's "
				      "queues (%u bytes)", u->name,
			 (unsigned long long)u->io.table_size, SMMUV3_DRV_AREA_BYTES);
		return IOMMU_DSS_TABLE_MEMORY;
	}
	if (rc) {
		snprintf(why, whylen, "unit %s at 0x%llx: %s", u->name,
			 (unsigned long long)u->reg_base, r);
		return IOMMU_DSS_NO_UNIT;
	}
	/*
	 * The earliest point smmuman can end a bypass: the tables are not read
	 * yet. A GBPA that does not settle is left to the bring-up, which
	 * tries again and fails closed.
	 */
	rc = smmuv3_abort_bypass(&u->io, d);
	c = &d->caps;
	snprintf(why, whylen, "IDR0 0x%x IDR1 0x%x IDR5 0x%x:%s%s%s SIDSIZE %u OAS %u; %s", c->idr0,
		 c->idr1, c->idr5, c->s1p ? " S1P" : "", c->s2p ? " S2P" : "",
		 c->st_2lvl ? " 2-level" : "", c->sidsize, c->oas_bits,
		 smmuv3_translating(&u->io) ? "translating"
		 : rc ? "GBPA did not settle: it bypasses until SMMUEN"
		 : d->gbpa_works ? "GBPA aborts from here"
				 : "no GBPA: it bypasses until SMMUEN");
	return 0;
}

static void unit_release(struct rt_unit *u)
{
	if (unit(u))
		free((void *)unit(u)->strtab_image);
	free(u->caps);
	u->caps = NULL;
}

static int status(int rc)
{
	return !rc ? 0 : rc == -ETIMEDOUT ? IOMMU_DSS_TIMEOUT : IOMMU_DSS_INTERNAL;
}

static int unit_enable(struct rt_unit *u)
{
	int rc = smmuv3_enable(&u->io, unit(u));

	if (rc == -EOPNOTSUPP)
		iommu_log(IOMMU_LOG_WARN, "unit %s is translating and its GBPA does not abort: its "
			  "stream table cannot move without letting DMA through", u->name);
	return rc == -EOPNOTSUPP ? IOMMU_DSS_CAPS : status(rc);
}

static int unit_block_all(struct rt_unit *u)
{
	struct smmuv3_unit *d = unit(u);

	if (!d && !(u->caps = d = calloc(1, sizeof(*d))))
		return -1;
	/* a unit never probed: its ID registers are read on the way */
	if (!d->probed)
		smmuv3_probe(&u->io, &d->caps, NULL, 0);
	if (!d->carved && smmuv3_carve(&u->io, d))
		return -1;
	return smmuv3_block_all(&u->io, d) ? -1 : 0;
}

static bool unit_translating(const struct rt_unit *u)
{
	return smmuv3_translating((struct unit_io *)&u->io);
}

static int unit_block_at(struct rt_unit *u, uint64_t off)
{
	int rc = smmuv3_block_at(&u->io, unit(u), off);

	if (rc == -EOPNOTSUPP)
		iommu_log(IOMMU_LOG_WARN, "unit %s was translating and its GBPA does not abort: "
			  "its DMA stays blocked, its stream table cannot move without a bypass "
			  "window", u->name);
	return rc == -EOPNOTSUPP ? IOMMU_DSS_CAPS : status(rc);
}

/*
 * Events go out merged: QEMU records a blocked DMA as one event per 4
 * bytes, so consecutive records of one StreamID, event and access whose
 * addresses follow 4 bytes apart (or that have none) are one fault with a
 * count, and the log says one line per blocked access.
 */
struct poll_ctx {
	iommu_fault_fn fn;
	void *arg;
	struct iommu_fault pend;
	bool have;
};

static void flush_pending(struct poll_ctx *c)
{
	if (c->have)
		c->fn(c->arg, &c->pend);
	c->have = false;
}

static void on_event(void *arg, const struct smmuv3_event *e)
{
	struct poll_ctx *c = arg;
	struct iommu_fault *p = &c->pend;

	if (c->have && p->sid == e->sid && p->reason == e->type && p->has_addr == e->has_addr &&
	    (!e->has_addr || (p->write == e->write && e->addr == p->last_addr + 4))) {
		p->count++;
		p->last_addr = e->addr;
		return;
	}
	flush_pending(c);
	*p = (struct iommu_fault){ .sid = e->sid, .addr = e->addr, .write = e->write,
				   .reason = e->type, .reason_text = smmuv3_event_name(e->type),
				   .stream = true, .has_addr = e->has_addr, .count = 1,
				   .last_addr = e->addr };
	c->have = true;
}

static int unit_poll_faults(struct rt_unit *u, iommu_fault_fn fn, void *arg, bool *overflowed)
{
	struct poll_ctx c = { .fn = fn, .arg = arg };
	int n;

	*overflowed = false;
	if (!unit(u))
		return 0;
	n = smmuv3_poll_events(&u->io, unit(u), fn ? on_event : NULL, &c, overflowed);
	if (fn)
		flush_pending(&c);
	return n < 0 ? 0 : n;
}

static int stream_of(const struct smmub_view *v, const struct probe *p, uint32_t *sid)
{
	return iommu_stream_of(v, p->mem, p->sid, p->mmio, sid);
}

const struct iommu_arch iommu_arch_smmuv3 = {
	.name = "armsmmuv3",
	.type = SMMUB_SMMU_ARMSMMUV3,
	.profile_prefix = "smmuv3-",
	.profile_default = profile_default,
	.profile_parse = profile_parse,
	.tables_build = smmuv3_tables_build_blob,
	.tables_prove = smmuv3_tables_prove_blob,
	.backends = { [BACKEND_SIM] = &smmuv3_backend_sim,
		      [BACKEND_DEVMEM] = &smmuv3_backend_devmem },
	.unit_probe = unit_probe,
	.unit_release = unit_release,
	.unit_enable = unit_enable,
	.unit_block_all = unit_block_all,
	.unit_translating = unit_translating,
	.unit_block_at = unit_block_at,
	.unit_poll_faults = unit_poll_faults,
	.overflow_name = "EVTQ_PROD.OVFLG or GERROR.EVTQ_ABT_ERR",
	.tables_install = smmuv3_tables_install_boot,
	.stream_of = stream_of,
	.live = &smmuv3_live_ops,
};
