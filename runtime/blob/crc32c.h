/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CRC32C (Castagnoli): reflected polynomial 0x82F63B78. crc32c(0, p, n)
 * gives the standard value (init and final xor 0xFFFFFFFF are applied
 * inside), and crc32c(crc32c(0, a, n), b, m) continues over a then b.
 */
#ifndef SMMU_CRC32C_H
#define SMMU_CRC32C_H

#include <stddef.h>
#include <stdint.h>

uint32_t crc32c(uint32_t crc, const void *p, size_t n);

#endif
