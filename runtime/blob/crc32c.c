/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CRC32C. The portable path is a byte-wise table, computed at compile time
 * by the macros below. On x86-64 with SSE4.2 the CPU's crc32 instruction
 * does the same polynomial 8 bytes at a time, in three interleaved streams
 * (the instruction's latency is three times its throughput), one per third
 * of the buffer, joined once with the linearity of CRC: the boot path
 * checks every byte of a blob whose tables may be many MiB, and the
 * byte-wise loop was nearly all of it.
 */
#include <string.h>

#include "blob/crc32c.h"

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

/* On the CRC register (no pre/post inversion). */
static uint32_t crc_bytes(uint32_t crc, const unsigned char *b, size_t n)
{
	while (n--)
		crc = crc_table[(crc ^ *b++) & 0xffu] ^ (crc >> 8);
	return crc;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <nmmintrin.h>

/* below this, the single stream's latency costs less than joining three */
#define MIN_THIRD 1024u

/* a * b modulo the polynomial, reflected: bit 31 is x^0. */
static uint32_t gf_mul(uint32_t a, uint32_t b)
{
	uint32_t prod = 0;

	for (uint32_t m = 1u << 31; m; m >>= 1) {
		if (a & m)
			prod ^= b;
		b = b & 1u ? (b >> 1) ^ CRC_POLY : b >> 1; /* b *= x */
	}
	return prod;
}

/* x^(8n): multiplying a register by it appends n zero bytes. */
static uint32_t x_pow_8n(size_t n)
{
	uint32_t r = 1u << 31, sq = 1u << 23; /* 1 and x^8 */

	for (; n; n >>= 1) {
		if (n & 1)
			r = gf_mul(r, sq);
		sq = gf_mul(sq, sq);
	}
	return r;
}

static inline uint64_t load64(const unsigned char *b)
{
	uint64_t v;

	memcpy(&v, b, sizeof(v));
	return v;
}

__attribute__((target("sse4.2"))) static uint32_t crc_hw(uint32_t crc, const unsigned char *b,
							 size_t n)
{
	/* three streams, one per third, 16 bytes a step; joined once at the end */
	size_t third = n / 48 * 16;

	if (third >= MIN_THIRD) {
		const unsigned char *b1 = b + third, *b2 = b1 + third;
		uint64_t c0 = crc, c1 = 0, c2 = 0;
		uint32_t k = x_pow_8n(third);

		for (size_t i = 0; i < third; i += 16) {
			c0 = _mm_crc32_u64(c0, load64(b + i));
			c1 = _mm_crc32_u64(c1, load64(b1 + i));
			c2 = _mm_crc32_u64(c2, load64(b2 + i));
			c0 = _mm_crc32_u64(c0, load64(b + i + 8));
			c1 = _mm_crc32_u64(c1, load64(b1 + i + 8));
			c2 = _mm_crc32_u64(c2, load64(b2 + i + 8));
		}
		/* CRC is linear: reg(A B, r) = reg(A, r) * x^(8|B|) ^ reg(B, 0) */
		crc = gf_mul(k, gf_mul(k, (uint32_t)c0) ^ (uint32_t)c1) ^ (uint32_t)c2;
		b += 3 * third;
		n -= 3 * third;
	}
	for (; n >= 8; b += 8, n -= 8)
		crc = (uint32_t)_mm_crc32_u64(crc, load64(b));
	return crc_bytes(crc, b, n);
}

uint32_t crc32c(uint32_t crc, const void *p, size_t n)
{
	if (__builtin_cpu_supports("sse4.2"))
		return ~crc_hw(~crc, p, n);
	return ~crc_bytes(~crc, p, n);
}
#else
uint32_t crc32c(uint32_t crc, const void *p, size_t n)
{
	return ~crc_bytes(~crc, p, n);
}
#endif
