/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>

#include "randpol.h"

uint64_t rng_state;

/* splitmix64: small, good enough, and the same on every host */
uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t below(uint64_t n)
{
	return rnd() % n;
}

static uint64_t rand_start(const struct vtd_profile *prof)
{
	static const uint64_t anchors[] = {0,		0x200000,	0x3ff000,   0x40000000,
					   0x3fe00000,	0x7ffff000,	0xfee00000, 0x100000000ull,
					   0x1ff000000, 0x8000000000ull};
	uint64_t a = anchors[below(prof->levels == 4 ? 10 : 9)];

	switch (below(4)) {
	case 0:
		return a;
	case 1:
		return a + below(1024) * VTD_PAGE_SIZE;
	case 2:
		return a + below(8) * VTD_SIZE_2M;
	default:
		return a >= 16 * VTD_PAGE_SIZE ? a - below(16) * VTD_PAGE_SIZE : a;
	}
}

static uint64_t rand_length(const struct vtd_profile *prof)
{
	switch (below(6)) {
	case 0:
	case 1:
		return (1 + below(4)) * VTD_PAGE_SIZE;
	case 2:
		return (1 + below(600)) * VTD_PAGE_SIZE;
	case 3:
		return (1 + below(3)) * VTD_SIZE_2M + below(2) * VTD_PAGE_SIZE;
	case 4:
		return (1 + below(40)) * VTD_SIZE_2M;
	default:
		/* a 1 GiB run costs 512 page tables without superpages */
		return prof->sp2m ? VTD_SIZE_1G * (1 + below(2)) + below(3) * VTD_SIZE_2M
				  : 16 * VTD_SIZE_2M;
	}
}

void rand_policy(struct rpolicy *p)
{
	struct vtd_profile prof = {3 + (unsigned)below(2), below(4) != 0, below(3) != 0};
	uint64_t limit = 1ull << (prof.levels == 3 ? 39 : 48);
	size_t nd = 1 + below(RANDPOL_MAXDOM), nv = 1 + below(RANDPOL_MAXDEV), d, i, j;
	static const unsigned buses[] = {0, 1, 2, 5, 0x80, 0xff};

	memset(p, 0, sizeof(*p));
	p->pol.prof = prof;
	for (d = 0; d < nd; d++) {
		size_t nr = below(RANDPOL_MAXRNG + 1);

		p->dom[d].did = (uint16_t)(1 + d);
		p->dom[d].ranges = p->rng[d];
		for (i = 0; i < nr; i++) {
			struct vtd_range *r = &p->rng[d][p->dom[d].nranges];

			r->start = rand_start(&prof);
			r->length = rand_length(&prof);
			r->perms = 1 + (uint32_t)below(3);
			if (r->start + r->length <= limit)
				p->dom[d].nranges++;
		}
		/* sometimes an earlier domain's grants again, to exercise sharing */
		if (d && below(4) == 0) {
			size_t o = below(d);

			memcpy(p->rng[d], p->rng[o], sizeof(p->rng[d]));
			p->dom[d].nranges = p->dom[o].nranges;
		}
	}
	for (i = 0; i < nv; i++) {
		uint16_t sid = (uint16_t)(buses[below(6)] << 8 | below(256));
		uint32_t dom = (uint32_t)below(nd);

		for (j = 0; j < p->pol.ndevices; j++)
			if (p->dev[j].sid == sid)
				dom = p->dev[j].domain;
		p->dev[p->pol.ndevices++] = (struct vtd_device_in){sid, dom};
	}
	p->pol.domains = p->dom;
	p->pol.ndomains = nd;
	p->pol.devices = p->dev;
}
