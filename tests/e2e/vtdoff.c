/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vtdoff: turn a VT-d unit's translation off again inside the test guest,
 * as a reset would, so that one guest boot can start smmuman several times
 * (smmuman refuses a unit whose translation is already on). Also drops any
 * latched fault record, so the next start begins clean.
 *
 *   vtdoff [REG-BASE]     (default 0xfed90000, QEMU q35's unit)
 *
 * Prints "VTDOFF base=0x... gsts=0x..." and exits 0 when GSTS.TES reads 0,
 * 1 when it does not clear within a second, 2 on a usage or mapping error.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "vtd/vtd_hw.h"
#include "vtd/vtd_regs.h"

int main(int argc, char **argv)
{
	struct timespec ms = { 0, 1000000 };
	unsigned long long base = 0xfed90000ull;
	struct unit_io io;
	char err[512];
	uint32_t gsts, fro;
	uint64_t cap;
	unsigned nfr;
	int i;

	if (argc > 2 || (argc == 2 && sscanf(argv[1], "%llx", &base) != 1)) {
		fprintf(stderr, "usage: vtdoff [REG-BASE]\n");
		return 2;
	}
	if (vtd_hw_open(base, 0, 0, &io, err, sizeof(err))) {
		fprintf(stderr, "vtdoff: %s\n", err);
		return 2;
	}
	gsts = io.read32(io.ctx, VTD_REG_GSTS);
	if (gsts & VTD_GSTS_TES)
		io.write32(io.ctx, VTD_REG_GCMD, gsts & VTD_GSTS_PERSIST & ~VTD_GCMD_TE);
	for (i = 0; i < 1000 && (io.read32(io.ctx, VTD_REG_GSTS) & VTD_GSTS_TES); i++)
		nanosleep(&ms, NULL);
	cap = io.read64(io.ctx, VTD_REG_CAP);
	fro = (uint32_t)((cap >> VTD_CAP_FRO_SHIFT) & VTD_CAP_FRO_MASK) * 16;
	nfr = (unsigned)((cap >> VTD_CAP_NFR_SHIFT) & VTD_CAP_NFR_MASK) + 1;
	for (unsigned k = 0; k < nfr && fro + (k + 1) * VTD_FRCD_SIZE <= VTD_HW_REG_LEN; k++)
		io.write32(io.ctx, fro + k * VTD_FRCD_SIZE + VTD_FRCD_HI_TOP, VTD_FRCD_TOP_F);
	io.write32(io.ctx, VTD_REG_FSTS, io.read32(io.ctx, VTD_REG_FSTS));
	gsts = io.read32(io.ctx, VTD_REG_GSTS);
	printf("VTDOFF base=0x%llx gsts=0x%08" PRIx32 "\n", base, gsts);
	vtd_hw_close(&io);
	return gsts & VTD_GSTS_TES ? 1 : 0;
}
