/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The architecture's share of a client's map and unmap (make
 * bench-live-smmuv3): SMMUv3 live updates on the model, at stage 2 and
 * stage 1, a device attached. One 4 KiB page mapped and unmapped (each
 * unmap empties and frees its three tables, each map makes them again:
 * the worst case), median and 99th percentile of 2000; 1,000 pages in
 * one map and one unmap, median of 50. The daemon's socket round trip
 * comes on top (issue 15's goal is stated for the whole).
 */
#include "../smmuv3/livefix.h"
#include "bench/samples.h"

#define SMALL 2000
#define BIG   50

static int run(unsigned stage)
{
	static double t1[SMALL], tm[BIG], tu[BIG];
	int dom;

	if (boot_live(stage, 512))
		return 1;
	dom = ops->dom_new(lv, 0);
	if (dom < 0 || ops->attach(lv, 0, 24, dom))
		return 1;
	for (int i = 0; i < SMALL; i++) {
		double s = bench_now_us();

		if (ops->map(lv, dom, 0x300000, 0x300000, 0x1000, IOMMU_LIVE_R | IOMMU_LIVE_W) ||
		    ops->unmap(lv, dom, 0x300000, 0x1000))
			return 1;
		t1[i] = bench_now_us() - s;
	}
	for (int i = 0; i < BIG; i++) {
		double s = bench_now_us();

		if (ops->map(lv, dom, 0x40000000, 0x1000000, 1000 * 4096ull,
			     IOMMU_LIVE_R | IOMMU_LIVE_W))
			return 1;
		tm[i] = bench_now_us() - s;
		s = bench_now_us();
		if (ops->unmap(lv, dom, 0x40000000, 1000 * 4096ull))
			return 1;
		tu[i] = bench_now_us() - s;
	}
	printf("smmuv3 stage %u: 4 KiB map+unmap median %.1f us p99 %.1f us; 1000 pages: "
	       "map median %.1f us, unmap median %.1f us\n",
	       stage, bench_pct(t1, SMALL, 50), bench_pct(t1, SMALL, 99), bench_pct(tm, BIG, 50),
	       bench_pct(tu, BIG, 50));
	return 0;
}

int main(void)
{
	int rc = run(2) || run(1);

	teardown();
	free(blob);
	if (*board_path)
		unlink(board_path);
	if (rc)
		fprintf(stderr, "livebench: an update failed\n");
	return rc;
}
