/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The client round trip (make bench-client): against a running smmuman
 * ($SMMUMAN_SOCKET) on the simulated unit, one client
 *   - the floor: an empty round trip (smmu_safety: a request the daemon
 *     answers without work), N times;
 *   - a 4 KiB page mapped and unmapped (two calls), N times;
 *   - 1,000 pages in one smmu_mapping_add (1,000 entries), and their
 *     removal in one call, R times.
 * Prints medians and 99th percentiles in microseconds, and the ratio of a
 * map+unmap to two empty round trips (the goal: within 2x).
 */
#include <stdio.h>
#include <stdlib.h>
#include <smmu.h>

#include "bench/samples.h"

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000, rounds = argc > 2 ? atoi(argv[2]) : 50;
	static struct smmu_map_entry batch[1000];
	struct smmu_map_entry one = { .phys = 0x30000000, .len = 4096 };
	double *floor_us = calloc((size_t)n, sizeof(double)), *mu = calloc((size_t)n, sizeof(double));
	double *bmap = calloc((size_t)rounds, sizeof(double)), *bun = calloc((size_t)rounds, sizeof(double));
	struct smmu_object *o;
	double f50, m50;

	if (!floor_us || !mu || !bmap || !bun || n < 1 || rounds < 1)
		return 1;
	if (smmu_init(0) < 0 || !(o = smmu_obj_create(SOCF_NONE)) ||
	    smmu_device_add_pci(o, 0, 3, 0) < 0) {
		perror("clientbench: set-up");
		return 1;
	}
	for (int i = 0; i < 1000; i++) {
		batch[i].phys = 0x40000000ull + (uint64_t)i * 4096;
		batch[i].len = 4096;
	}
	/* warm: the tables for both ranges exist from here on, as in a running client */
	if (smmu_mapping_add(o, SMF_READ | SMF_WRITE, 0, 1, &one, 0) < 0 ||
	    smmu_mapping_add(o, SMF_NONE, 0, 1, &one, 0) < 0 ||
	    smmu_mapping_add(o, SMF_READ | SMF_WRITE, 0, 1000, batch, 0) < 0 ||
	    smmu_mapping_add(o, SMF_NONE, 0, 1000, batch, 0) < 0) {
		perror("clientbench: warm-up");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		double t0 = bench_now_us();

		smmu_safety();
		floor_us[i] = bench_now_us() - t0;
		t0 = bench_now_us();
		if (smmu_mapping_add(o, SMF_READ | SMF_WRITE, 0, 1, &one, 0) < 0 ||
		    smmu_mapping_add(o, SMF_NONE, 0, 1, &one, 0) < 0) {
			perror("clientbench: map");
			return 1;
		}
		mu[i] = bench_now_us() - t0;
	}
	for (int i = 0; i < rounds; i++) {
		double t0 = bench_now_us();

		if (smmu_mapping_add(o, SMF_READ | SMF_WRITE, 0, 1000, batch, 0) < 0) {
			perror("clientbench: batch");
			return 1;
		}
		bmap[i] = bench_now_us() - t0;
		t0 = bench_now_us();
		smmu_mapping_add(o, SMF_NONE, 0, 1000, batch, 0);
		bun[i] = bench_now_us() - t0;
	}
	f50 = bench_pct(floor_us, (size_t)n, 50);
	printf("empty round trip (floor):   median %.1f us, p99 %.1f us (%d)\n", f50,
	       bench_pct(floor_us, (size_t)n, 99), n);
	m50 = bench_pct(mu, (size_t)n, 50);
	printf("4 KiB map + unmap:          median %.1f us, p99 %.1f us (%d)\n", m50,
	       bench_pct(mu, (size_t)n, 99), n);
	printf("map+unmap / 2 empty trips:  %.2fx (goal: within 2x)\n", m50 / (2 * f50));
	printf("1,000 pages in one call:    median %.1f us, p99 %.1f us (%d; goal under 1 ms)\n",
	       bench_pct(bmap, (size_t)rounds, 50), bench_pct(bmap, (size_t)rounds, 99), rounds);
	printf("their removal in one call:  median %.1f us, p99 %.1f us\n",
	       bench_pct(bun, (size_t)rounds, 50), bench_pct(bun, (size_t)rounds, 99));
	smmu_obj_destroy(o);
	smmu_fini();
	return 0;
}
