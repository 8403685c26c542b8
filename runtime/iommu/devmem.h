/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Real units through /dev/mem, for every architecture: a register window
 * and a carve-out of table memory mapped, and struct unit_io filled with
 * single, volatile register accesses. No driver logic lives here.
 *
 * Table memory on arm64 is a Device mapping (it lies outside the kernel's
 * linear map, so /dev/mem maps it non-cacheable Device): memset and memcpy
 * may fault there on hardware (DC ZVA, unaligned or paired accesses), QEMU
 * TCG does not check. Whatever writes or reads table memory in bulk does it
 * through iommu_tmem_zero/iommu_tmem_read: aligned 64-bit volatile
 * accesses, which are valid on Device and Normal memory alike.
 */
#ifndef SMMU_IOMMU_DEVMEM_H
#define SMMU_IOMMU_DEVMEM_H

#include <stddef.h>
#include <stdint.h>

#include "iommu/unit_io.h"

/* The register windows the architectures have (VT-d: a page; SMMUv3: pages 0 and 1). */
#define IOMMU_DEVMEM_WIN_4K	0x1000u
#define IOMMU_DEVMEM_WIN_128K	0x20000u

/*
 * Maps reg_len bytes of registers at reg_base (one of the windows above)
 * and the table memory [table_phys, table_phys + table_len), and fills
 * *io. what names the registers in messages; hint says which kernel
 * arguments leave them to us, added when the kernel refuses a mapping.
 * Returns 0, or -1 with a one-line reason in err. table_len 0 maps no table
 * memory (io->table_mem NULL): enough to read the ID registers.
 */
int iommu_devmem_open(uint64_t reg_base, uint32_t reg_len, uint64_t table_phys,
		      uint64_t table_len, const char *what, const char *hint, struct unit_io *io,
		      char *err, size_t errlen);

/* Unmaps what iommu_devmem_open() mapped (reg_len as given to it) and clears *io. */
void iommu_devmem_close(struct unit_io *io, uint32_t reg_len);

/* len bytes (a multiple of 8) of table memory at mem (8-byte aligned) zeroed, word by word. */
void iommu_tmem_zero(uint8_t *mem, uint64_t len);

/* len bytes (a multiple of 8) of table memory at mem (8-byte aligned) into dst, word by word. */
void iommu_tmem_read(void *dst, const uint8_t *mem, uint64_t len);

#endif
