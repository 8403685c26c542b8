/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The "sim" backend: software VT-d units (vtd_sim.c), one per VT-d unit the
 * policy declares, else one per DRHD of the --dmar table, else units=N (one
 * by default) from QEMU's address 0xfed90000 on. The --sim options
 * shape the model's capabilities and inject faults, so every boot path and
 * every Design Safe State can be exercised without hardware.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "iommu/backend.h"
#include "vtd/vtd_arch.h"
#include "vtd/vtd_firmware.h"
#include "vtd/vtd_regs.h"
#include "vtd/vtd_sim.h"

struct sim_opts {
	unsigned sagaw;
	bool sp2m, sp1g;
	int units; /* -1: from the policy */
	bool timeout;
	unsigned delay_ms; /* delay=MS: each unit's first TE command takes MS ms */
	bool cm, psi, rwbf; /* CAP.CM; CAP.PSI (MAMV 9, with DRD and DWD); CAP.RWBF */
};

/*
 * delay=MS, for tests of the start-up bound: the model's GCMD write with
 * TE stalls MS ms, once per unit (the DSS's own TE is then prompt). The
 * sleep resumes after signals: a register does not hurry when asked.
 */
/* Memory the simulated unit models (0 up to the end of table memory). */
#define SIM_MAX_MEMORY (64ull << 30)

static unsigned sim_delay_ms;
static void (*sim_write32)(void *ctx, uint32_t off, uint32_t val);
static const void *sim_delayed[64];

static void delayed_write32(void *ctx, uint32_t off, uint32_t val)
{
	size_t i = 0;

	if (off == VTD_REG_GCMD && (val & VTD_GCMD_TE)) {
		while (i < sizeof(sim_delayed) / sizeof(sim_delayed[0]) && sim_delayed[i] &&
		       sim_delayed[i] != ctx)
			i++;
		if (i < sizeof(sim_delayed) / sizeof(sim_delayed[0]) && !sim_delayed[i]) {
			struct timespec t = { sim_delay_ms / 1000,
					      (long)(sim_delay_ms % 1000) * 1000000L };

			sim_delayed[i] = ctx;
			iommu_log(IOMMU_LOG_INFO, "sim: enabling translation takes %u ms (delay=)",
				sim_delay_ms);
			while (nanosleep(&t, &t) && errno == EINTR)
				;
		}
	}
	sim_write32(ctx, off, val);
}

/* A decimal unit count, 0..RT_SIM_MAX_UNITS, no sign, no leading zero. */
static bool sim_count(const char *s, int *out)
{
	long n = 0;

	if (!*s || (s[0] == '0' && s[1]))
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		n = n * 10 + (*s - '0');
		if (n > RT_SIM_MAX_UNITS)
			return false;
	}
	*out = (int)n;
	return true;
}

static int parse_sim(const char *s, struct sim_opts *o, char *why, size_t whylen)
{
	char buf[256], *tok, *save = NULL;

	*o = (struct sim_opts){ VTD_SAGAW_39 | VTD_SAGAW_48, true, true, -1, false, 0, false,
				false, false };
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
		else if (!strcmp(tok, "aw=48only"))
			o->sagaw = VTD_SAGAW_48;
		else if (!strcmp(tok, "aw=none"))
			o->sagaw = 0;
		else if (!strcmp(tok, "sp=none"))
			o->sp2m = o->sp1g = false;
		else if (!strcmp(tok, "sp=2m"))
			o->sp2m = true, o->sp1g = false;
		else if (!strcmp(tok, "sp=2m1g"))
			o->sp2m = o->sp1g = true;
		else if (!strncmp(tok, "units=", 6) && sim_count(tok + 6, &o->units))
			;
		else if (!strcmp(tok, "timeout"))
			o->timeout = true;
		else if (!strcmp(tok, "cm"))
			o->cm = true;
		else if (!strcmp(tok, "psi"))
			o->psi = true;
		else if (!strcmp(tok, "rwbf"))
			o->rwbf = true;
		else if (!strncmp(tok, "delay=", 6) && tok[6] >= '0' && tok[6] <= '9' &&
			 strspn(tok + 6, "0123456789") == strlen(tok + 6) && strlen(tok + 6) <= 5 &&
			 atoi(tok + 6) <= 60000)
			o->delay_ms = (unsigned)atoi(tok + 6);
		else
			goto bad;
	}
	return 0;
bad:
	snprintf(why, whylen, "bad --sim options '%s'", s);
	return -1;
}

/* The simulated platform's firmware (--dmar): its RMRRs, and its units
 * when the policy declares none. */
static struct rt_firmware fw;

static size_t sim_reserved(const struct rt_rmrr **out)
{
	*out = fw.rmrrs;
	return fw.nrmrrs;
}

/* Units at QEMU's address and the pages after it, dmar0, dmar1... */
static struct rt_unit *default_units(int n)
{
	struct rt_unit *u = calloc((size_t)n, sizeof(*u));

	for (int i = 0; u && i < n; i++) {
		snprintf(u[i].name, sizeof(u[i].name), "dmar%d", i);
		u[i].reg_base = 0xfed90000ull + 0x1000ull * (unsigned)i;
	}
	return u;
}

static int sim_open(const struct backend_args *a, const struct smmub_view *v, struct rt_unit **up,
		    char *why, size_t whylen)
{
	struct rt_unit *u = NULL;
	struct sim_opts so;
	char note[256];
	int n;

	*up = NULL;
	if (parse_sim(a->sim, &so, why, whylen))
		return -1;
	/* --dmar: the simulated platform's firmware table */
	backend_firmware_free(&fw); /* opened again: the table read again */
	if (a->firmware && !a->guest && backend_read_dmar(a->firmware, NULL, NULL, &fw, why, whylen))
		return -1;
	if (backend_other_segment(&fw, note, sizeof(note)))
		iommu_log(IOMMU_LOG_WARN, "%s", note);
	n = a->guest ? 0 : backend_policy_units(v, SMMUB_SMMU_VTD, &u);
	if (n == 0 && fw.nunits) {
		/* no unit lines: the firmware's units, as on real hardware */
		u = fw.units;
		n = (int)fw.nunits;
		fw.units = NULL;
		fw.nunits = 0;
	} else if (n == 0) {
		/* the simulated platform's own units, where QEMU puts the first */
		n = so.units > 1 ? so.units : 1;
		u = default_units(n);
	}
	if (n < 0 || !u) {
		snprintf(why, whylen, "out of memory for the units");
		free(u);
		return -1;
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
		/* what live updates invalidate differently: QEMU's caching-mode=on is CM */
		c.cm = so.cm;
		c.rwbf = so.rwbf;
		c.psi = c.drain = so.psi;
		c.mamv = so.psi ? 9 : 0;
		/* the model holds this memory in the process: refuse before asking for it */
		sim = c.mem_size <= SIM_MAX_MEMORY ? vtd_sim_new(&c) : NULL;
		if (!sim) {
			snprintf(why, whylen, "cannot create the simulated unit (memory %llu bytes%s)",
				 (unsigned long long)c.mem_size,
				 c.mem_size > SIM_MAX_MEMORY ? "; it models at most 64 GiB" : "");
			for (int k = 0; k < i; k++)
				vtd_sim_free(u[k].priv);
			free(u);
			return -1;
		}
		u[i].priv = sim;
		vtd_sim_io(sim, &u[i].io);
		u[i].io.reg_base = u[i].reg_base;
		if (so.delay_ms) {
			sim_delay_ms = so.delay_ms;
			sim_write32 = u[i].io.write32;
			u[i].io.write32 = delayed_write32;
		}
	}
	*up = u;
	return n;
}

static void sim_close(struct rt_unit *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		vtd_sim_free(u[i].priv);
		u[i].priv = NULL;
	}
	backend_firmware_free(&fw);
}

static int sim_dma(struct rt_unit *u, uint32_t sid, uint64_t addr, bool write)
{
	/* one byte: a probe asks about one address, never the page after it */
	unsigned char data[1] = { 0xa5 };
	int rc;

	/* a PCI requester id is 16 bits: a wider id never reaches a VT-d unit */
	if (sid > 0xffff)
		return 1;
	rc = vtd_sim_dma(u->priv, (uint16_t)sid, addr, sizeof(data), write, data);

	/* translated, but no simulated RAM there: the unit let it through */
	if (rc == -ERANGE)
		return 0;
	return rc == 0 ? 0 : 1;
}

/* A device's own unit (use), else the first: the simulated platform has one bus. */
static int sim_unit_for(struct rt_unit *u, size_t n, const struct smmub_view *v, uint32_t sid)
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

const struct backend vtd_backend_sim = {
	.name = "sim",
	.component = "smmu-sim",
	.model = true, /* never a safety component */
	.shared_table_memory = false, /* each model has its own memory */
	.open = sim_open,
	.close = sim_close,
	.dma = sim_dma,
	.firmware_reserved = sim_reserved,
	.unit_for = sim_unit_for,
};
