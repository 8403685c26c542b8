/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ACPI DMAR tables built by hand for the tests (test_dmar.c, the parser;
 * test_dmar_reader.c, smmuman's reader on top of it).
 */
#ifndef SMMU_TESTS_DMAR_TB_H
#define SMMU_TESTS_DMAR_TB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vtd/dmar.h"

/* A table under construction; the builders append little-endian fields. */
struct tb {
	uint8_t b[16384];
	size_t n;
};

static inline void put8(struct tb *t, uint8_t v)
{
	if (t->n < sizeof(t->b))
		t->b[t->n++] = v;
}

static inline void put16(struct tb *t, uint16_t v)
{
	put8(t, (uint8_t)v);
	put8(t, (uint8_t)(v >> 8));
}

static inline void put32(struct tb *t, uint32_t v)
{
	put16(t, (uint16_t)v);
	put16(t, (uint16_t)(v >> 16));
}

static inline void put64(struct tb *t, uint64_t v)
{
	put32(t, (uint32_t)v);
	put32(t, (uint32_t)(v >> 32));
}

static inline void set16(struct tb *t, size_t at, uint16_t v)
{
	t->b[at] = (uint8_t)v;
	t->b[at + 1] = (uint8_t)(v >> 8);
}

/* ACPI header + DMAR fields; length and checksum are fixed by finish(). */
static inline void header(struct tb *t, uint8_t haw_minus1, uint8_t flags)
{
	memset(t, 0, sizeof(*t));
	put8(t, 'D'), put8(t, 'M'), put8(t, 'A'), put8(t, 'R');
	put32(t, 0);
	put8(t, 1);			/* revision */
	put8(t, 0);			/* checksum */
	for (const char *p = "TESTOE"; *p; p++)
		put8(t, (uint8_t)*p);
	for (int i = 0; i < 8; i++)
		put8(t, 'T');
	put32(t, 1);
	put32(t, 0x54534554);
	put32(t, 1);
	put8(t, haw_minus1);
	put8(t, flags);
	for (int i = 0; i < 10; i++)
		put8(t, 0);
}

static inline void fix_checksum(struct tb *t)
{
	uint32_t len = (uint32_t)t->b[4] | (uint32_t)t->b[5] << 8 | (uint32_t)t->b[6] << 16 |
		       (uint32_t)t->b[7] << 24;
	uint8_t sum = 0;

	t->b[9] = 0;
	for (uint32_t i = 0; i < len && i < t->n; i++)
		sum = (uint8_t)(sum + t->b[i]);
	t->b[9] = (uint8_t)(0x100 - sum);
}

static inline void finish(struct tb *t)
{
	t->b[4] = (uint8_t)t->n;
	t->b[5] = (uint8_t)(t->n >> 8);
	t->b[6] = 0;
	t->b[7] = 0;
	fix_checksum(t);
}

/* Starts a DRHD; returns its offset so end_struct() can set the length. */
static inline size_t drhd(struct tb *t, uint8_t flags, uint16_t seg, uint64_t base)
{
	size_t at = t->n;

	put16(t, DMAR_TYPE_DRHD);
	put16(t, 0);
	put8(t, flags);
	put8(t, 0);
	put16(t, seg);
	put64(t, base);
	return at;
}

static inline size_t rmrr(struct tb *t, uint16_t seg, uint64_t base, uint64_t limit)
{
	size_t at = t->n;

	put16(t, DMAR_TYPE_RMRR);
	put16(t, 0);
	put16(t, 0);
	put16(t, seg);
	put64(t, base);
	put64(t, limit);
	return at;
}

static inline void end_struct(struct tb *t, size_t at)
{
	set16(t, at + 2, (uint16_t)(t->n - at));
}

/* A device scope with npairs path elements given as dev, fn, dev, fn... */
static inline void scope(struct tb *t, uint8_t type, uint8_t enum_id, uint8_t bus, int npairs, ...)
{
	va_list ap;

	put8(t, type);
	put8(t, (uint8_t)(6 + 2 * npairs));
	put16(t, 0);
	put8(t, enum_id);
	put8(t, bus);
	va_start(ap, npairs);
	for (int i = 0; i < 2 * npairs; i++)
		put8(t, (uint8_t)va_arg(ap, int));
	va_end(ap);
}

/* A fake PCI topology: bridge 0:1c.0 -> bus 3, bridge 3:00.0 -> bus 4. */
static inline int fake_secondary(void *arg, uint16_t seg, uint8_t bus, uint8_t dev, uint8_t fn)
{
	(*(int *)arg)++;
	if (seg == 0 && bus == 0 && dev == 0x1c && fn == 0)
		return 3;
	if (seg == 0 && bus == 3 && dev == 0 && fn == 0)
		return 4;
	return -1;
}

static inline void bridged(struct tb *t, uint8_t last_dev)
{
	size_t d;

	header(t, 38, 0);
	d = drhd(t, 0, 0, 0xfed90000);
	scope(t, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 3, 0x1c, 0, 0, 0, last_dev, 1);
	end_struct(t, d);
	finish(t);
}

#endif
