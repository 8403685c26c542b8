/* SPDX-License-Identifier: BSD-2-Clause */
/* Timing samples of the live-update and client benches: one clock, one percentile. */
#ifndef SMMU_BENCH_SAMPLES_H
#define SMMU_BENCH_SAMPLES_H

#include <stddef.h>
#include <stdlib.h>
#include <time.h>

/* CLOCK_MONOTONIC in microseconds. */
static inline double bench_now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static inline int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The p-th percentile of the n samples of v (n > 0), which it sorts. */
static inline double bench_pct(double *v, size_t n, unsigned p)
{
	qsort(v, n, sizeof(*v), bench_cmp);
	return v[(n - 1) * p / 100];
}

#endif
