/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The "sim" backend for SMMUv3: a software unit (smmuv3_sim.c) per SMMUv3
 * unit the policy declares, else per unit of the simulated board's device
 * tree (--board), else one where QEMU's virt board puts it (0x09050000).
 * The tree is the board's firmware, as --dmar is VT-d's: the policy's
 * units must be in it and its devices send the StreamIDs the tables were
 * built for. The --sim options shape the ID registers and inject faults,
 * so every boot path, every capability rebuild and every Design Safe
 * State can be exercised without hardware.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/backend.h"
#include "smmuv3/smmuv3_arch.h"
#include "smmuv3/smmuv3_board.h"
#include "smmuv3/smmuv3_sim.h"

/* Memory the simulated unit models (0 up to the end of table memory): it is allocated. */
#define SIM_MAX_MEMORY (4ull << 30)

/* QEMU virt's SMMUv3 (VIRT_SMMU) */
#define SIM_REG_BASE 0x09050000ull

struct sim_opts {
	struct smmuv3_sim_cfg cfg;
	int units; /* -1: from the policy */
};

static int oas_code(const char *s)
{
	static const char *const bits[] = { "32", "36", "40", "42", "44", "48", "52" };

	for (int i = 0; i < 7; i++)
		if (!strcmp(s, bits[i]))
			return i;
	return -1;
}

/*
 * Options, after the defaults (a unit of the specification with both
 * stages, 2-level stream tables, 16-bit StreamIDs, 48-bit output, GBPA):
 * qemu (QEMU 7.2's unit: stage 1 only, 44-bit output, no GBPA, its
 * overflow and its one event per 4 bytes), stage=1|2|12, oas=N, linear
 * (ST_LEVEL 0), sidsize=N, units=N, and the handshakes that never
 * complete: stuck=cr0ack|gbpa|cmdq|sync.
 */
static int parse_sim(const char *s, struct sim_opts *o, char *why, size_t whylen)
{
	char buf[256], *tok, *save = NULL, *end;
	int k;

	smmuv3_sim_default_cfg(&o->cfg, false);
	o->cfg.s2p = true;
	o->cfg.oas = 5;
	o->units = -1;
	if (!s)
		return 0;
	if (strlen(s) >= sizeof(buf))
		goto bad;
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "qemu"))
			smmuv3_sim_default_cfg(&o->cfg, true);
		else if (!strcmp(tok, "stage=1"))
			o->cfg.s1p = true, o->cfg.s2p = false;
		else if (!strcmp(tok, "stage=2"))
			o->cfg.s1p = false, o->cfg.s2p = true;
		else if (!strcmp(tok, "stage=12"))
			o->cfg.s1p = o->cfg.s2p = true;
		else if (!strcmp(tok, "stage=none"))
			o->cfg.s1p = o->cfg.s2p = false;
		else if (!strncmp(tok, "oas=", 4) && (k = oas_code(tok + 4)) >= 0)
			o->cfg.oas = (unsigned)k;
		else if (!strcmp(tok, "linear"))
			o->cfg.st_level = 0;
		else if (!strncmp(tok, "sidsize=", 8) && tok[8] >= '0' && tok[8] <= '9' &&
			 strtoul(tok + 8, &end, 10) <= 32 && !*end && strlen(tok + 8) <= 2)
			o->cfg.sidsize = (unsigned)strtoul(tok + 8, NULL, 10);
		else if (!strncmp(tok, "units=", 6) && tok[6] >= '0' && tok[6] <= '9' &&
			 strtoul(tok + 6, &end, 10) <= 16 && !*end && strlen(tok + 6) <= 2)
			o->units = (int)strtoul(tok + 6, NULL, 10);
		else if (!strcmp(tok, "stuck=cr0ack"))
			o->cfg.cr0ack_stuck = true;
		else if (!strcmp(tok, "stuck=gbpa"))
			o->cfg.gbpa_stuck = true;
		else if (!strcmp(tok, "stuck=cmdq"))
			o->cfg.cmdq_stuck = true;
		else if (!strcmp(tok, "stuck=sync"))
			o->cfg.sync_stuck = true;
		else
			goto bad;
	}
	return 0;
bad:
	snprintf(why, whylen, "bad --sim options '%s' for SMMUv3 (qemu, stage=1|2|12|none, "
			      "oas=N, linear, sidsize=N, units=N, stuck=cr0ack|gbpa|cmdq|sync)", s);
	return -1;
}

static int sim_open(const struct backend_args *a, const struct smmub_view *v, struct rt_unit **up,
		    char *why, size_t whylen)
{
	struct rt_unit *u = NULL;
	struct sim_opts so;
	int n;

	*up = NULL;
	if (parse_sim(a->sim, &so, why, whylen))
		return -1;
	n = a->guest ? 0 : backend_policy_units(v, SMMUB_SMMU_ARMSMMUV3, &u);
	if (n >= 0 && a->board && !a->guest) {
		*why = 0;
		n = smmuv3_board_units(a->board, v, &u, n, true, why, whylen);
		if (n < 0) {
			free(u);
			return -1;
		}
	}
	if (n == 0) {
		n = so.units > 0 ? so.units : 1;
		u = calloc((size_t)n, sizeof(*u));
		for (int i = 0; u && i < n; i++) {
			snprintf(u[i].name, sizeof(u[i].name), "smmuv3-%d", i);
			u[i].reg_base = SIM_REG_BASE + (uint64_t)i * SMMUV3_SIM_REG_SIZE;
		}
	}
	if (n < 0 || !u) {
		snprintf(why, whylen, "out of memory for the units");
		free(u);
		return -1;
	}
	if (so.units >= 0 && so.units < n) {
		snprintf(why, whylen, "unit %s at 0x%llx not found", u[so.units].name,
			 (unsigned long long)u[so.units].reg_base);
		n = so.units;
	}
	for (int i = 0; i < n; i++) {
		struct smmuv3_sim_cfg c = so.cfg;
		struct smmuv3_sim *sim;

		c.table_base = a->table_phys;
		c.table_size = a->table_len;
		c.mem_size = a->table_phys + a->table_len;
		/* the model holds this memory in the process: refuse before asking for it */
		sim = c.mem_size <= SIM_MAX_MEMORY ? smmuv3_sim_new(&c) : NULL;
		if (!sim) {
			snprintf(why, whylen, "cannot create the simulated SMMUv3 (memory %llu bytes%s)",
				 (unsigned long long)c.mem_size,
				 c.mem_size > SIM_MAX_MEMORY ? "; it models at most 4 GiB" : "");
			for (int k = 0; k < i; k++)
				smmuv3_sim_free(u[k].priv);
			free(u);
			return -1;
		}
		u[i].priv = sim;
		smmuv3_sim_io(sim, &u[i].io);
		u[i].io.reg_base = u[i].reg_base;
	}
	*up = u;
	return n;
}

static void sim_close(struct rt_unit *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		smmuv3_sim_free(u[i].priv);
		u[i].priv = NULL;
	}
}

static int sim_dma(struct rt_unit *u, uint32_t sid, uint64_t addr, bool write)
{
	/* one byte: a probe asks about one address, never the page after it */
	unsigned char data[1] = { 0xa5 };
	int rc = smmuv3_sim_dma(u->priv, sid, addr, sizeof(data), write, data);

	/* translated, but no simulated RAM there: the unit let it through */
	if (rc == -ERANGE)
		return 0;
	return rc == 0 ? 0 : 1;
}

/* One unit takes every stream (tables_install refuses more). */
static int sim_unit_for(struct rt_unit *u, size_t n, const struct smmub_view *v, uint32_t sid)
{
	(void)u;
	(void)v;
	(void)sid;
	return n ? 0 : -1;
}

const struct backend smmuv3_backend_sim = {
	.name = "sim",
	.component = "smmu-sim",
	.model = true, /* never a safety component */
	.shared_table_memory = false, /* each model has its own memory */
	.open = sim_open,
	.close = sim_close,
	.dma = sim_dma,
	.unit_for = sim_unit_for,
};
