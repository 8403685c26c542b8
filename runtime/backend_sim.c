/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The "sim" backend: software VT-d units (vtd_sim.c), one per VT-d unit the
 * policy declares, else one at QEMU's address 0xfed90000. The --sim options
 * shape the model's capabilities and inject faults, so every boot path and
 * every Design Safe State can be exercised without hardware.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "vtd_regs.h"
#include "vtd_sim.h"

struct sim_opts {
	unsigned sagaw;
	bool sp2m, sp1g;
	int units; /* -1: from the policy */
	bool timeout;
};

static int parse_sim(const char *s, struct sim_opts *o, char *why, size_t whylen)
{
	char buf[256], *tok, *save = NULL;

	*o = (struct sim_opts){ VTD_SAGAW_39 | VTD_SAGAW_48, true, true, -1, false };
	if (!s)
		return 0;
	if (strlen(s) >= sizeof(buf))
		goto bad;
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "aw=39"))
			o->sagaw = VTD_SAGAW_39;
		else if (!strcmp(tok, "aw=48"))
			o->sagaw = VTD_SAGAW_39 | VTD_SAGAW_48;
		else if (!strcmp(tok, "aw=none"))
			o->sagaw = 0;
		else if (!strcmp(tok, "sp=none"))
			o->sp2m = o->sp1g = false;
		else if (!strcmp(tok, "sp=2m"))
			o->sp2m = true, o->sp1g = false;
		else if (!strcmp(tok, "sp=2m1g"))
			o->sp2m = o->sp1g = true;
		else if (!strncmp(tok, "units=", 6) && tok[6] >= '0' && tok[6] <= '8' && !tok[7])
			o->units = tok[6] - '0';
		else if (!strcmp(tok, "timeout"))
			o->timeout = true;
		else
			goto bad;
	}
	return 0;
bad:
	snprintf(why, whylen, "bad --sim options '%s'", s);
	return -1;
}

static struct rt_rmrr rmrrs[RT_MAX_RMRRS];
static size_t nrmrrs;

static size_t sim_reserved(const struct rt_rmrr **out)
{
	*out = rmrrs;
	return nrmrrs;
}

static int sim_open(const struct backend_args *a, const struct smmub_view *v, struct rt_unit *u,
		    size_t cap, char *why, size_t whylen)
{
	struct sim_opts so;
	int n;

	if (parse_sim(a->sim, &so, why, whylen))
		return -1;
	/* --dmar: the simulated platform's firmware table, for its RMRRs */
	if (a->dmar && !a->guest &&
	    backend_read_dmar(a->dmar, NULL, 0, rmrrs, RT_MAX_RMRRS, &nrmrrs, why, whylen) < 0)
		return -1;
	n = a->guest ? 0 : backend_policy_units(v, u, cap);
	if (n == 0) {
		/* the simulated platform's own unit, where QEMU puts it */
		n = 1;
		snprintf(u[0].name, sizeof(u[0].name), "dmar0");
		u[0].reg_base = 0xfed90000ull;
	}
	if (so.units >= 0 && so.units < n) {
		/* units=N: the platform has only the first N of them */
		snprintf(why, whylen, "unit %s at 0x%llx not found", u[so.units].name,
			 (unsigned long long)u[so.units].reg_base);
		n = so.units;
	}
	for (int i = 0; i < n; i++) {
		struct vtd_sim_cfg c;
		struct vtd_sim *sim;

		vtd_sim_default_cfg(&c, 4);
		c.sagaw = so.sagaw;
		c.sp2m = so.sp2m;
		c.sp1g = so.sp1g;
		c.table_base = a->table_phys;
		c.table_size = a->table_len;
		c.mem_size = a->table_phys + a->table_len;
		c.icc_stuck = so.timeout;
		sim = vtd_sim_new(&c);
		if (!sim) {
			snprintf(why, whylen, "cannot create the simulated unit (memory %llu bytes)",
				 (unsigned long long)c.mem_size);
			for (int k = 0; k < i; k++)
				vtd_sim_free(u[k].priv);
			return -1;
		}
		u[i].priv = sim;
		vtd_sim_io(sim, &u[i].io);
		u[i].io.reg_base = u[i].reg_base;
	}
	return n;
}

static void sim_close(struct rt_unit *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		vtd_sim_free(u[i].priv);
		u[i].priv = NULL;
	}
}

static int sim_dma(struct rt_unit *u, uint16_t sid, uint64_t addr, bool write)
{
	/* one byte: a probe asks about one address, never the page after it */
	unsigned char data[1] = { 0xa5 };
	int rc = vtd_sim_dma(u->priv, sid, addr, sizeof(data), write, data);

	/* translated, but no simulated RAM there: the unit let it through */
	if (rc == -ERANGE)
		return 0;
	return rc == 0 ? 0 : 1;
}

/* A device's own unit (use), else the first: the simulated platform has one bus. */
static int sim_unit_for(struct rt_unit *u, size_t n, const struct smmub_view *v, uint16_t sid)
{
	int dev = smmub_lookup_pci(v, sid);

	if (dev >= 0) {
		const struct smmub_device *dv = smmub_device(v, (uint32_t)dev);
		uint32_t un = smmub_le32(dv->unit);

		if (un != SMMUB_NONE) {
			const char *name = smmub_str(v, smmub_le32(smmub_unit(v, un)->name));

			for (size_t i = 0; i < n; i++)
				if (!strcmp(u[i].name, name))
					return (int)i;
		}
	}
	return n ? 0 : -1;
}

const struct backend backend_sim = {
	.name = "sim",
	.component = "smmu-sim",
	.safety_variant = false, /* a model is never a safety component */
	.shared_table_memory = false, /* each model has its own memory */
	.open = sim_open,
	.close = sim_close,
	.dma = sim_dma,
	.firmware_reserved = sim_reserved,
	.unit_for = sim_unit_for,
};
