/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The "devmem" access method of SMMUv3: real units through /dev/mem (on
 * QEMU's aarch64 virt board, or hardware). The units and the StreamIDs
 * come from the board's device tree, the live one (/sys/firmware/fdt) or
 * --board FILE, read by the same code as the sim's (smmuv3_board_units).
 * The policy's unit lines override the tree's units: then a live tree that
 * cannot be read, or a tree that lacks them, is no error, but a tree read
 * must still give the devices the StreamIDs the tables were built for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "iommu/backend.h"
#include "iommu/devmem.h"
#include "smmuv3/smmuv3_arch.h"
#include "smmuv3/smmuv3_board.h"
#include "smmuv3/smmuv3_regs.h"

#define LIVE_TREE "/sys/firmware/fdt"

static const char kargs_hint[] =
	"boot Linux with initcall_blacklist=arm_smmu_driver_init and table memory it does "
	"not use (mem= below the RAM, or a no-map reserved-memory node)";

static int hw_open(const struct backend_args *a, const struct smmub_view *v, struct rt_unit **up,
		   char *why, size_t whylen)
{
	const char *tree = a->board ? a->board : LIVE_TREE;
	struct rt_unit *u = NULL;
	int n = a->guest ? 0 : backend_policy_units(v, SMMUB_SMMU_ARMSMMUV3, &u), k = 0;

	*up = NULL;
	if (n < 0) {
		snprintf(why, whylen, "out of memory for the policy's units");
		return -1;
	}
	*why = 0;
	/*
	 * With unit lines the live tree is not needed (the policy says where
	 * the units are), but a tree given with --board is read in any case.
	 */
	if (!n || a->board || access(tree, R_OK) == 0) {
		int m = smmuv3_board_units(tree, v, &u, n, false, why, whylen);

		if (m < 0) {
			free(u);
			return -1;
		}
		n = m;
	}
	for (int i = 0; i < n; i++) {
		char err[256];
		struct rt_unit t = u[i];

		if (iommu_devmem_open(t.reg_base, SMMUV3_REG_SPAN, a->table_phys, a->table_len,
				      "SMMUv3 registers", kargs_hint, &t.io, err, sizeof(err))) {
			/* keep the others: they must be blocked */
			if (!*why)
				snprintf(why, whylen, "unit %s at 0x%llx: %s", t.name,
					 (unsigned long long)t.reg_base, err);
			continue;
		}
		u[k++] = t;
	}
	*up = u;
	return k;
}

static void hw_close(struct rt_unit *u, size_t n)
{
	for (size_t i = 0; i < n; i++)
		iommu_devmem_close(&u[i].io, SMMUV3_REG_SPAN);
}

const struct backend smmuv3_backend_devmem = {
	.name = "devmem",
	.component = "smmu-armsmmuv3",
	/* a safety variant when smmuman is one: libsmmurt is built once for both */
	.model = false,
	.shared_table_memory = true, /* one carve-out, mapped once per unit */
	.open = hw_open,
	.close = hw_close,
	.dma = NULL,
	.firmware_reserved = NULL,
	.unit_for = NULL,
};
