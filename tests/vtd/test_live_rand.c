/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d live updates: a seeded random sequence of map, unmap, attach,
 * detach and domains freed and made again, over a few devices (two on
 * buses whose context table is shared at start-up, two on a new bus),
 * checked after every step against a page-level model by DMA through the
 * model: every page, read and write, and where a write landed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "iommu/arch.h"
#include "test_live.h"
#include "vtd/vtd_arch.h"

#define RDEV   4
#define RDOM   3
#define RPAGES 24
#define RBASE  0x1f4000ull  /* the window crosses a 2 MiB boundary */
#define RPA    0x1000000ull /* targets from 16 MiB on, away from the tables */

static const uint16_t rsid[RDEV] = { 0x0018, 0x0118, 0x0700, 0x0701 };

struct rpage {
	bool on;
	uint64_t pa;
	unsigned perms;
};

static uint64_t rnd_state;

static unsigned rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

/* Every device, every page, read and write: the unit against the model. */
static unsigned check_all(struct rpage m[RDOM][RPAGES], const int devdom[RDEV], unsigned step)
{
	uint8_t *mem = vtd_sim_mem(sim);
	unsigned bad = 0;

	for (unsigned i = 0; i < RDEV; i++)
		for (unsigned p = 0; p < RPAGES; p++)
			for (unsigned w = 0; w < 2; w++) {
				const struct rpage *e = devdom[i] < 0 ? NULL : &m[devdom[i]][p];
				bool want = e && e->on && (e->perms & (w ? 2u : 1u));
				uint64_t off = (p * 8u) % 4096, v = (uint64_t)step << 16 | i << 8 | p;
				uint64_t iova = RBASE + p * 4096ull + off, got = v;
				int rc = vtd_sim_dma(sim, rsid[i], iova, 8, w, &got);

				if ((rc == 0) != want || (rc && rc != -EFAULT))
					bad++;
				else if (want && w && memcmp(mem + e->pa + off, &v, 8))
					bad++;
				else if (want && !w && memcmp(mem + e->pa + off, &got, 8))
					bad++;
			}
	/* the startup devices answer as the policy says, always */
	for (unsigned b = 0; b < 2; b++) {
		uint64_t v = 0;

		bad += vtd_sim_dma(sim, (uint16_t)(b << 8 | 0x10), 0x10f000, 8, true, &v) != 0;
		bad += vtd_sim_dma(sim, (uint16_t)(b << 8 | 0x10), 0x110000, 8, false, &v) !=
		       -EFAULT;
	}
	return bad;
}

static void random_case(void (*tweak)(struct vtd_sim_cfg *), uint64_t seed)
{
	static struct rpage m[RDOM][RPAGES];
	int dom[RDOM], devdom[RDEV];
	unsigned bad = 0, errs = 0;
	uint8_t *installed;
	bool ov;

	CU_ASSERT_FATAL(boot(tweak, 64) == 0);
	installed = snap();
	memset(m, 0, sizeof(m));
	rnd_state = seed;
	for (unsigned k = 0; k < RDOM; k++)
		dom[k] = ops->dom_new(live, 0);
	for (unsigned i = 0; i < RDEV; i++)
		devdom[i] = -1;
	for (unsigned step = 0; step < 400; step++) {
		unsigned op = rnd(5), k = rnd(RDOM), p = rnd(RPAGES), n = 1 + rnd(4), i;

		n = p + n > RPAGES ? RPAGES - p : n;
		if (op <= 1) {
			uint64_t pa = RPA + rnd(64) * 4096ull;
			unsigned perms = 1 + rnd(3);

			errs += ops->map(live, dom[k], RBASE + p * 4096ull, pa, n * 4096ull,
					 perms) != 0;
			for (unsigned j = 0; j < n; j++)
				m[k][p + j] = (struct rpage){ true, pa + j * 4096ull, perms };
		} else if (op == 2) {
			errs += ops->unmap(live, dom[k], RBASE + p * 4096ull, n * 4096ull) != 0;
			for (unsigned j = 0; j < n; j++)
				m[k][p + j].on = false;
		} else if (op == 3) {
			int to = (int)rnd(RDOM + 1) - 1;

			i = rnd(RDEV);
			errs += ops->attach(live, 0, rsid[i], to < 0 ? -1 : dom[to]) != 0;
			devdom[i] = to;
		} else {
			/* a domain no device walks: freed, made again, its id reused */
			for (i = 0; i < RDEV && devdom[i] != (int)k; i++)
				;
			if (i == RDEV) {
				ops->dom_free(live, dom[k]);
				dom[k] = ops->dom_new(live, 0);
				errs += dom[k] < 0;
				memset(m[k], 0, sizeof(m[k]));
			}
		}
		bad += check_all(m, devdom, step);
		iommu_arch_vtd.unit_poll_faults(&unit, NULL, NULL, &ov);
	}
	CU_ASSERT_EQUAL(errs, 0);
	CU_ASSERT_EQUAL(bad, 0);
	/* the installed context and second-level tables: not one byte changed */
	CU_ASSERT_EQUAL(memcmp(installed + 0x801000, vtd_sim_mem(sim) + 0x801000,
			       pool_off - 0x1000), 0);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), 0);
	free(installed);
}

void test_random(void)
{
	random_case(NULL, 0x9e3779b97f4a7c15ull);
}

void test_random_cm(void)
{
	random_case(cm, 0x2545f4914f6cdd1dull);
}
