/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Seeded random VT-d builder input for the table tests: a few domains of
 * ranges placed at the edges that matter (2 MiB, 1 GiB, the 39-bit limit),
 * devices on a few buses, a random profile. The same seed gives the same
 * policy on every host.
 */
#ifndef SMMU_TESTS_RANDPOL_H
#define SMMU_TESTS_RANDPOL_H

#include <stdint.h>
#include "vtd/vtd_pt.h"

#define RANDPOL_MAXDOM 4
#define RANDPOL_MAXRNG 6
#define RANDPOL_MAXDEV 8

struct rpolicy {
	struct vtd_policy pol;
	struct vtd_domain_in dom[RANDPOL_MAXDOM];
	struct vtd_range rng[RANDPOL_MAXDOM][RANDPOL_MAXRNG];
	struct vtd_device_in dev[RANDPOL_MAXDEV];
};

/* The generator's state: set it to seed a run. */
extern uint64_t rng_state;

/* splitmix64 */
uint64_t rnd(void);
/* A number in [0, n). */
uint64_t below(uint64_t n);
/* A random policy into p (its pointers point into p). */
void rand_policy(struct rpolicy *p);

#endif
