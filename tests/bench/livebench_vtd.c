/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 'make bench-live-vtd': what a live update costs the VT-d architecture
 * alone (runtime/vtd/vtd_live.c on the simulated unit), the floor under
 * smmuman's client round trip: a 4 KiB map and unmap of one page
 * (median and 99th percentile), and 1,000 pages mapped in one call. The
 * unit's tables come straight from the builder; the model's register
 * accesses are function calls, so the invalidations' waits cost nothing
 * here that hardware would charge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/samples.h"
#include "iommu/arch.h"
#include "vtd/vtd_arch.h"
#include "vtd/vtd_live.h"
#include "vtd/vtd_sim.h"

#define RUNS 20000
#define BATCH 1000
#define BATCH_RUNS 200

static void report(const char *what, double *t, size_t n)
{
	double p50 = bench_pct(t, n, 50);

	printf("live vtd: %s: median %.2f us, p99 %.2f us (%zu runs)\n", what, p50,
	       bench_pct(t, n, 99), n);
}

int main(void)
{
	static const struct vtd_range r = { 0x100000, 0x10000, VTD_PERM_R | VTD_PERM_W };
	static const struct vtd_domain_in dom = { 1, &r, 1 };
	static const struct vtd_device_in dev = { 0x0010, 0 };
	struct vtd_policy pol = { { 4, false, false }, &dom, 1, &dev, 1 };
	struct vtd_build_out bo = { 0 };
	uint64_t relocs[64];
	struct iommu_live *l = NULL;
	struct iommu_live_in in;
	struct rt_unit u = { .name = "dmar0" };
	struct vtd_sim_cfg c;
	struct vtd_sim *sim;
	double *t = calloc(RUNS, sizeof(*t));
	char why[256];
	int d, bad = 0;

	vtd_sim_default_cfg(&c, 4);
	c.psi = true;
	c.mamv = 9;
	sim = vtd_sim_new(&c);
	if (!t || !sim)
		return 1;
	vtd_sim_io(sim, &u.io);
	bo = (struct vtd_build_out){ .pool = u.io.table_mem, .pool_pages = 64, .relocs = relocs,
				     .reloc_cap = 64 };
	if (vtd_build(&pol, &bo) ||
	    vtd_relocate(u.io.table_mem, bo.npages, relocs, bo.nrelocs, u.io.table_phys) ||
	    iommu_arch_vtd.unit_probe(&u, why, sizeof(why)) || iommu_arch_vtd.unit_enable(&u))
		return 1;
	in = (struct iommu_live_in){ .units = &u, .nunits = 1, .pool_off = 64 * 4096ull,
				     .pool_len = 512 * 4096ull };
	if (vtd_live_ops.open(&in, &l, why, sizeof(why))) {
		fprintf(stderr, "livebench: %s\n", why);
		bad = 1;
		goto out;
	}
	d = vtd_live_ops.dom_new(l, 0);
	bad |= vtd_live_ops.attach(l, 0, 0x0100, d);
	for (size_t i = 0; i < RUNS; i++) {
		double t0 = bench_now_us();

		bad |= vtd_live_ops.map(l, d, 0x200000, 0x200000, 4096, IOMMU_LIVE_R);
		bad |= vtd_live_ops.unmap(l, d, 0x200000, 4096);
		t[i] = bench_now_us() - t0;
	}
	report("map+unmap 4 KiB", t, RUNS);
	for (size_t i = 0; i < BATCH_RUNS; i++) {
		double t0 = bench_now_us();

		bad |= vtd_live_ops.map(l, d, 0x40000000, 0x1000000, BATCH * 4096ull, 3);
		t[i] = bench_now_us() - t0;
		bad |= vtd_live_ops.unmap(l, d, 0x40000000, BATCH * 4096ull);
	}
	report("map 1000 pages in one call", t, BATCH_RUNS);
	vtd_live_ops.close(l);
out:
	iommu_arch_vtd.unit_release(&u);
	vtd_sim_free(sim);
	free(t);
	return bad ? 1 : 0;
}
