/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bootbench through an architecture's entry (iommu/arch.h), so that what
 * is measured is what smmuman's boot runs (runtime/daemon/boot.c,
 * boot_tables.c, boot_drv.c): the blob's structure checked, its
 * architecture found, the units opened through the architecture's sim
 * backend, unit_probe, tables_install, unit_enable. Only SMMUv3 for now:
 * a's source, the prebuilt pages, is read through its tables view.
 *
 * Left out of the timed path, as bootbench leaves them out for VT-d:
 * reading the blob file, the backend's open (for the sim, allocating the
 * model's memory; for hardware, mapping it), boot_tables' own CRC of the
 * whole blob before tables_install (smmuv3_boot.c computes it again), and
 * boot_check_table_memory. They are counted where smmuman runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootbench.h"
#include "front/srcpos.h"
#include "iommu/arch.h"
#include "smmuv3/smmuv3_blob.h"
#include "smmuv3/smmuv3_drv.h"
#include "smmuv3/smmuv3_sim.h"
#include "vtd/fixture.h"

#define MIB (1ull << 20)

struct bb_arch {
	const struct iommu_arch *arch;
	const struct backend *be;
	struct rt_unit *units;
	int nunits;
	struct unit_io io0; /* as opened: unit_probe carves the driver's area off it */
};

static int fail(const struct subject *s, const char *what, const char *why)
{
	fprintf(stderr, "bootbench: %s: %s%s%s\n", s->path, what, *why ? ": " : "", why);
	return -1;
}

int bb_arch_setup(struct subject *s, const char *profile, const char *sim)
{
	struct backend_args args = { .sim = sim };
	struct smmuv3_tables_view t;
	struct bb_arch *a = calloc(1, sizeof(*a));
	char why[512] = "";
	uint64_t bad;

	if (!a)
		return -1;
	s->arch = a;
	if (fixture_compile_profile(s->path, NULL, profile, &s->blob, &s->len) ||
	    smmub_validate(s->blob, s->len, &s->v, &bad))
		return fail(s, "does not compile", "");
	srcfile_free_all();
	a->arch = iommu_arch_for_blob(&s->v, why, sizeof(why));
	if (!a->arch || a->arch->type != SMMUB_SMMU_ARMSMMUV3 || !a->arch->backends[BACKEND_SIM])
		return fail(s, "not an SMMUv3 policy", why);
	if (smmuv3_tables_view(&s->v, &t, &bad) || !t.present)
		return fail(s, "no SMMUv3 tables in its blob", "");
	s->npages = t.pages.npages;
	s->nrelocs = t.pages.nrelocs;
	s->pages = malloc(s->npages * IOMMU_PAGE_SIZE);
	s->copy = malloc(s->len);
	if (!s->pages || !s->copy)
		return fail(s, "out of memory", "");
	iommu_pages_expand(&t.pages, s->pages, false, 0, NULL);
	/*
	 * The tables, the driver's area and a MiB to spare, aligned for the
	 * stream table. Stage 1: a unit with stage 1 only, so that c (no
	 * prebuilt tables: the default profile, stage 2) is rebuilt as stage 1
	 * by the capability rule, as on QEMU's unit.
	 */
	args.table_phys = t.strtab_align > MIB ? t.strtab_align : MIB;
	args.table_len = (s->npages * IOMMU_PAGE_SIZE + SMMUV3_DRV_AREA_BYTES + 2 * MIB - 1) &
			 ~(MIB - 1);
	if (!sim && t.prof.stage == 1)
		args.sim = "stage=1";
	a->be = a->arch->backends[BACKEND_SIM];
	a->nunits = a->be->open(&args, &s->v, &a->units, why, sizeof(why));
	if (a->nunits != 1 || *why)
		return fail(s, "the simulated unit does not open as one unit", why);
	a->io0 = a->units[0].io;
	s->mem = a->io0.table_mem;
	return 0;
}

void bb_arch_free(struct subject *s)
{
	struct bb_arch *a = s->arch;

	if (a->units) {
		for (int i = 0; i < a->nunits; i++)
			a->arch->unit_release(&a->units[i]);
		a->be->close(a->units, (size_t)(a->nunits > 0 ? a->nunits : 0));
		free(a->units);
	}
	free(a);
	s->arch = NULL;
}

void bb_arch_reset(struct subject *s)
{
	struct bb_arch *a = s->arch;
	struct rt_unit *u = &a->units[0];

	a->arch->unit_release(u);
	smmuv3_sim_reset(u->priv);
	u->io = a->io0;
	/* stale table memory, as after a warm reset: each path must write it all */
	memset(u->io.table_mem, 0xa5, u->io.table_size);
}

/* unit_probe, tables_install, unit_enable: boot_run's order */
static int install(struct subject *s, const struct smmub_view *v)
{
	struct bb_arch *a = s->arch;
	struct iommu_tables_in in = {
		.v = v, .blob_path = s->path, .units = a->units, .nunits = (size_t)a->nunits,
		.shared_table_memory = a->be->shared_table_memory,
	};
	struct iommu_tables_out out = { 0 };
	char why[256];

	if (a->arch->unit_probe(&a->units[0], why, sizeof(why)))
		return fail(s, "unit_probe", why);
	if (a->arch->tables_install(&in, &out))
		return fail(s, "tables_install", out.why);
	if (a->arch->unit_enable(&a->units[0]))
		return fail(s, "unit_enable", "");
	return 0;
}

int bb_arch_boot(struct subject *s)
{
	struct smmub_view v;
	uint64_t bad;
	char why[256];

	if (smmub_validate_structure(s->blob, s->len, &v, &bad))
		return fail(s, "bad blob", "");
	if (iommu_arch_for_blob(&v, why, sizeof(why)) != s->arch->arch)
		return fail(s, "another architecture", why);
	return install(s, &v);
}

int bb_arch_parse_boot(struct subject *s)
{
	struct smmub_view v;
	void *blob = NULL;
	size_t len;
	int rc = -1;

	if (!fixture_compile_profile(s->path, NULL, "none", &blob, &len) &&
	    !smmub_validate(blob, len, &v, NULL))
		rc = install(s, &v);
	free(blob);
	return rc;
}

int bb_arch_translates(struct subject *s)
{
	struct bb_arch *a = s->arch;
	struct rt_unit *u = &a->units[0];
	uint64_t start;

	if (bb_first_region(&s->v, 0x100, &start) || smmuv3_sim_errors(u->priv))
		return 0;
	return a->be->dma(u, 0x100, start, false) == 0 && a->be->dma(u, 0x100, 0x1000, false) == 1;
}
