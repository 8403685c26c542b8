/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz harness for the boot-time proof of the VT-d tables. The input is a
 * policy blob whose CRC the harness makes right before reading it, so
 * that a mutation of its runs, relocations or contract reaches the tables
 * view and the proof instead of dying at the CRC (seeds: the golden blobs,
 * which carry tables). When the view accepts, the tables are installed
 * and proven as smmuman's boot does; when the proof accepts, the
 * independent walker (runtime/vtd/vtd_walk.c) sends reads and writes at every
 * grant's edges from every requester id with a context entry, and any
 * translation the records do not grant, or not to the same address, is a
 * finding (abort). A refusal must name a known error.
 *
 * Built as fuzz_blob.c is: with clang -fsanitize=fuzzer for 'make fuzz',
 * and with -DFUZZ_STANDALONE as a plain program replaying files.
 */
#include <endian.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "vtd/vtd_blob.h"
#include "vtd/vtd_bootcheck.h"
#include "vtd/vtd_regs.h"
#include "vtd/vtd_walk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PHYS 0x7f000000ull /* table memory: below the grants of most seeds */
#define MAX_SIDS 64
#define MAX_ADDRS 512

/* A grant of the records answers the access: the walker's translation agrees. */
static void agree(const struct smmub_view *v, uint16_t sid, uint64_t iova, bool write,
		  const struct vtd_walk_res *res)
{
	int dev = smmub_lookup_pci(v, sid), r;
	uint32_t dom;

	if (res->status != VTD_WALK_OK)
		return;
	if (dev < 0 || res->pa != iova)
		abort();
	dom = smmub_le32(smmub_device(v, (uint32_t)dev)->domain);
	r = smmub_domain_find(v, dom, iova);
	if (dom == SMMUB_NONE || r < 0 ||
	    !(smmub_le32(smmub_region(v, (uint32_t)r)->perms) & (write ? SMMUB_PERM_W : SMMUB_PERM_R)))
		abort();
}

static void walk_all(const struct smmub_view *v, const uint8_t *mem, uint32_t npages)
{
	struct vtd_mem m = { mem, PHYS, (uint64_t)npages * 4096 };
	struct vtd_walk_cfg cfg = { VTD_SAGAW_39 | VTD_SAGAW_48, 48, 0, true, true, false };
	uint64_t addrs[MAX_ADDRS];
	uint16_t sids[MAX_SIDS];
	size_t na = 0, ns = 0;

	for (unsigned bus = 0; bus < 256 && ns < MAX_SIDS; bus++) {
		uint64_t re, ce;

		memcpy(&re, mem + bus * 16, 8);
		re = le64toh(re);
		if (!(re & 1))
			continue;
		for (unsigned df = 0; df < 256 && ns < MAX_SIDS; df++) {
			uint64_t at = (re & VTD_ADDR_MASK) - PHYS + df * 16;

			if (at + 8 > m.size)
				break;
			memcpy(&ce, mem + at, 8);
			if (le64toh(ce) & 1)
				sids[ns++] = (uint16_t)(bus << 8 | df);
		}
	}
	addrs[na++] = 0;
	addrs[na++] = PHYS;
	for (uint32_t i = 0; i < smmub_count(v, SMMUB_SEC_REGIONS) && na + 4 <= MAX_ADDRS; i++) {
		const struct smmub_region *r = smmub_region(v, i);
		uint64_t s = smmub_le64(r->start), l = smmub_le64(r->length);

		addrs[na++] = s - 1;
		addrs[na++] = s;
		addrs[na++] = s + l - 1;
		addrs[na++] = s + l;
	}
	for (size_t i = 0; i < ns; i++)
		for (size_t k = 0; k < na; k++)
			for (int w = 0; w < 2; w++) {
				struct vtd_walk_res res;

				vtd_walk(&m, &cfg, PHYS, sids[i], addrs[k] & ((1ull << 48) - 1), w,
					 &res);
				agree(v, sids[i], addrs[k] & ((1ull << 48) - 1), w, &res);
			}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf = malloc(size ? size : 1);
	struct vtd_tables_view t;
	struct vtd_bc_range forbid;
	struct vtd_bc_bad bad;
	struct smmub_view v;
	uint8_t *mem;
	int err;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (size >= sizeof(struct smmub_header)) {
		uint32_t crc;

		memset(buf + offsetof(struct smmub_header, crc32c), 0, 4);
		crc = htole32(smmub_compute_crc(buf, size));
		memcpy(buf + offsetof(struct smmub_header, crc32c), &crc, 4);
	}
	if (smmub_validate(buf, size, &v, NULL) || vtd_tables_view(&v, &t, NULL) || !t.present ||
	    t.npages > 4096) {
		free(buf);
		return 0;
	}
	mem = aligned_alloc(4096, (size_t)t.npages * 4096);
	if (!mem) {
		free(buf);
		return 0;
	}
	forbid = (struct vtd_bc_range){ PHYS, (uint64_t)t.npages * 4096 };
	err = vtd_tables_install_proven(&v, &t, mem, PHYS, true, &forbid, 1, &bad);
	if (!err) {
		walk_all(&v, mem, t.npages);
	} else {
		char msg[320];

		if (-err < VTD_BC_ERR_INVAL || -err >= VTD_BC_ERR_MAX ||
		    vtd_bootcheck_msg(err, &bad, msg, sizeof(msg)) <= 0 ||
		    (bad.page != VTD_BC_NONE && bad.page >= t.npages))
			abort();
	}
	free(mem);
	free(buf);
	return 0;
}

#include "fuzz_main.h"
