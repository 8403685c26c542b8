/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bitwise-table CRC32C. The 256-entry table is computed at compile time
 * by the macros below, so there is no init step and no mutable global.
 */
#include "crc32c.h"

#define CRC_POLY 0x82f63b78u
#define S1(c)	 (((c)&1u) ? (((c) >> 1) ^ CRC_POLY) : ((c) >> 1))
#define S2(c)	 S1(S1(c))
#define S4(c)	 S2(S2(c))
#define S8(c)	 S4(S4(c))
#define E(n)	 S8((uint32_t)(n))
#define R4(n)	 E(n), E((n) + 1), E((n) + 2), E((n) + 3)
#define R16(n)	 R4(n), R4((n) + 4), R4((n) + 8), R4((n) + 12)
#define R64(n)	 R16(n), R16((n) + 16), R16((n) + 32), R16((n) + 48)

static const uint32_t crc_table[256] = {R64(0), R64(64), R64(128), R64(192)};

uint32_t crc32c(uint32_t crc, const void *p, size_t n)
{
	const unsigned char *b = p;

	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *b++) & 0xffu] ^ (crc >> 8);
	return ~crc;
}
