/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The real unit backend: a VT-d register page and a reserved RAM carve-out
 * for the translation tables, both mapped through /dev/mem.
 *
 * Linux must not own the unit or the carve-out. Kernel arguments:
 *   intel_iommu=off intremap=off iomem=relaxed memmap=<size>$<table_phys>
 * (quote the '$' from the boot loader's shell). STRICT_DEVMEM refuses
 * ordinary RAM, hence the memmap= carve-out.
 *
 * Register access: 32-bit registers with one 32-bit load/store, 64-bit
 * registers with one 64-bit load/store (VT-d allows 8-byte accesses to
 * 64-bit registers; on x86-64 it is a single bus transaction, never lo/hi).
 * flush(): compiler barrier, clflush of every cache line, mfence (x86);
 * elsewhere a full fence and msync(). delay_us(): nanosleep.
 */
#ifndef SMMU_VTD_HW_H
#define SMMU_VTD_HW_H

#include <stddef.h>
#include <stdint.h>

#include "iommu/unit_io.h"

#define VTD_HW_REG_LEN	4096u

/*
 * Maps the unit's register page at reg_base and the table memory
 * [table_phys, table_phys + table_len) and fills *io. Returns 0, or -1 with
 * a one-line reason in err (which says what kernel arguments are missing
 * when the kernel refuses the mapping). table_len == 0 maps no table memory
 * (io->table_mem NULL): enough to read the capability registers.
 */
int vtd_hw_open(uint64_t reg_base, uint64_t table_phys, uint64_t table_len,
		struct unit_io *io, char *err, size_t errlen);

/* Unmaps what vtd_hw_open() mapped and clears *io. Safe on a cleared io. */
void vtd_hw_close(struct unit_io *io);

#endif
