/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "blob/blob.h"
#include "smmub_vtd.h"
#include "tabedit.h"

#define HDR(f) offsetof(struct smmub_header, f)
#define SEC(f) offsetof(struct smmub_section, f)
#define RUN(f) offsetof(struct smmub_run, f)

uint64_t te_get(const unsigned char *p, unsigned width)
{
	uint64_t x = 0;

	for (unsigned k = 0; k < width; k++)
		x |= (uint64_t)p[k] << (8 * k);
	return x;
}

void te_put(unsigned char *p, unsigned width, uint64_t x)
{
	for (unsigned k = 0; k < width; k++)
		p[k] = (unsigned char)(x >> (8 * k));
}

/* Section table entry of type, as a byte offset; 0 when absent. */
static uint64_t sec(const struct tabedit *t, uint32_t type)
{
	uint64_t table = te_get(t->b + HDR(section_offset), 8);
	uint32_t n = (uint32_t)te_get(t->b + HDR(section_count), 4);

	for (uint32_t i = 0; i < n; i++) {
		uint64_t at = table + (uint64_t)i * sizeof(struct smmub_section);

		if (at + sizeof(struct smmub_section) <= t->len &&
		    te_get(t->b + at + SEC(type), 4) == type)
			return at;
	}
	return 0;
}

static uint64_t sec_off(const struct tabedit *t, uint64_t e)
{
	return te_get(t->b + e + SEC(offset), 8);
}

static uint32_t sec_count(const struct tabedit *t, uint64_t e)
{
	return (uint32_t)te_get(t->b + e + SEC(count), 4);
}

static uint32_t sec_stride(const struct tabedit *t, uint64_t e)
{
	return (uint32_t)te_get(t->b + e + SEC(entry_size), 4);
}

int te_load(struct tabedit *t, const void *blob, size_t len)
{
	t->b = malloc(len ? len : 1);
	t->len = len;
	if (!t->b)
		return -1;
	memcpy(t->b, blob, len);
	return 0;
}

void te_free(struct tabedit *t)
{
	free(t->b);
	t->b = NULL;
}

/*
 * Inserts one zeroed entry before entry i of the section at table entry e,
 * moving every later section (and the table, if later) up.
 */
static int grow(struct tabedit *t, uint64_t e, uint32_t i)
{
	uint32_t stride = sec_stride(t, e), n = (uint32_t)te_get(t->b + HDR(section_count), 4);
	uint64_t own = sec_off(t, e), at = own + (uint64_t)i * stride;
	uint64_t table = te_get(t->b + HDR(section_offset), 8);
	unsigned char *nb = malloc(t->len + stride);

	if (!nb)
		return -1;
	memcpy(nb, t->b, at);
	memset(nb + at, 0, stride);
	memcpy(nb + at + stride, t->b + at, t->len - at);
	free(t->b);
	t->b = nb;
	t->len += stride;
	te_put(t->b + HDR(total_size), 8, t->len);
	if (table >= at) {
		table += stride;
		te_put(t->b + HDR(section_offset), 8, table);
		e += stride;
	}
	for (uint32_t k = 0; k < n; k++) {
		uint64_t s = table + (uint64_t)k * sizeof(struct smmub_section);

		if (s != e && sec_off(t, s) >= at && sec_off(t, s) != own)
			te_put(t->b + s + SEC(offset), 8, sec_off(t, s) + stride);
	}
	te_put(t->b + e + SEC(count), 4, sec_count(t, e) + 1);
	te_put(t->b + e + SEC(size), 8, te_get(t->b + e + SEC(size), 8) + stride);
	return 0;
}

static void shrink(struct tabedit *t, uint64_t e, uint32_t i)
{
	uint32_t stride = sec_stride(t, e), n = (uint32_t)te_get(t->b + HDR(section_count), 4);
	uint64_t own = sec_off(t, e), at = own + (uint64_t)i * stride;
	uint64_t table = te_get(t->b + HDR(section_offset), 8);

	memmove(t->b + at, t->b + at + stride, t->len - at - stride);
	t->len -= stride;
	te_put(t->b + HDR(total_size), 8, t->len);
	if (table > at) {
		table -= stride;
		te_put(t->b + HDR(section_offset), 8, table);
		e -= stride;
	}
	for (uint32_t k = 0; k < n; k++) {
		uint64_t s = table + (uint64_t)k * sizeof(struct smmub_section);

		if (s != e && sec_off(t, s) > at)
			te_put(t->b + s + SEC(offset), 8, sec_off(t, s) - stride);
	}
	te_put(t->b + e + SEC(count), 4, sec_count(t, e) - 1);
	te_put(t->b + e + SEC(size), 8, te_get(t->b + e + SEC(size), 8) - stride);
}

static unsigned char *run_at(const struct tabedit *t, uint64_t e, uint32_t i)
{
	return t->b + sec_off(t, e) + (uint64_t)i * sec_stride(t, e);
}

static uint64_t run_first(const unsigned char *r)
{
	return te_get(r + RUN(page), 4) * 512 + te_get(r + RUN(index), 2);
}

static void run_put(unsigned char *r, uint64_t first, uint32_t count, uint64_t value,
		    uint64_t step)
{
	te_put(r + RUN(page), 4, first / 512);
	te_put(r + RUN(index), 2, first % 512);
	te_put(r + RUN(count), 2, count);
	te_put(r + RUN(value), 8, value);
	te_put(r + RUN(step), 8, count > 1 ? step : 0);
}

uint64_t te_word(const struct tabedit *t, uint32_t page, unsigned index)
{
	uint64_t e = sec(t, SMMUB_SEC_VTD_RUNS), w = (uint64_t)page * 512 + index;

	for (uint32_t i = 0; e && i < sec_count(t, e); i++) {
		const unsigned char *r = run_at(t, e, i);
		uint64_t first = run_first(r), n = te_get(r + RUN(count), 2);

		if (w >= first && w < first + n)
			return te_get(r + RUN(value), 8) + (w - first) * te_get(r + RUN(step), 8);
	}
	return 0;
}

int te_set_word(struct tabedit *t, uint32_t page, unsigned index, uint64_t value)
{
	uint64_t e = sec(t, SMMUB_SEC_VTD_RUNS), w = (uint64_t)page * 512 + index;
	uint32_t i, n;

	if (!e || index >= 512)
		return -1;
	n = sec_count(t, e);
	for (i = 0; i < n && run_first(run_at(t, e, i)) <= w; i++) {
		unsigned char *r = run_at(t, e, i);
		uint64_t first = run_first(r), cnt = te_get(r + RUN(count), 2);
		uint64_t v = te_get(r + RUN(value), 8), s = te_get(r + RUN(step), 8), k = w - first;

		if (w >= first + cnt)
			continue;
		/* split: [first, w) stays in run i, w alone, (w, end) after it */
		if (k + 1 < cnt) {
			if (grow(t, e, i + 1) || (e = sec(t, SMMUB_SEC_VTD_RUNS)) == 0)
				return -1;
			run_put(run_at(t, e, i + 1), w + 1, (uint32_t)(cnt - k - 1),
				v + (k + 1) * s, s);
		}
		if (k) {
			run_put(run_at(t, e, i), first, (uint32_t)k, v, s);
			if (grow(t, e, i + 1) || (e = sec(t, SMMUB_SEC_VTD_RUNS)) == 0)
				return -1;
			i++;
		}
		if (value)
			run_put(run_at(t, e, i), w, 1, value, 0);
		else
			shrink(t, e, i);
		return 0;
	}
	if (!value)
		return 0;
	if (grow(t, e, i) || (e = sec(t, SMMUB_SEC_VTD_RUNS)) == 0)
		return -1;
	run_put(run_at(t, e, i), w, 1, value, 0);
	return 0;
}

static void contract_relocs(struct tabedit *t, int delta)
{
	uint64_t c = sec(t, SMMUB_SEC_VTD_CONTRACT);
	unsigned char *k = t->b + sec_off(t, c) + offsetof(struct smmub_vtd_contract, reloc_count);

	te_put(k, 4, te_get(k, 4) + (uint64_t)(int64_t)delta);
}

int te_add_reloc(struct tabedit *t, uint64_t off)
{
	uint64_t e = sec(t, SMMUB_SEC_VTD_RELOCS);
	uint32_t i = 0, n;

	if (!e || !sec(t, SMMUB_SEC_VTD_CONTRACT))
		return -1;
	n = sec_count(t, e);
	while (i < n && te_get(run_at(t, e, i), 8) < off)
		i++;
	if (i < n && te_get(run_at(t, e, i), 8) == off)
		return 0;
	if (grow(t, e, i) || (e = sec(t, SMMUB_SEC_VTD_RELOCS)) == 0)
		return -1;
	te_put(run_at(t, e, i), 8, off);
	contract_relocs(t, 1);
	return 0;
}

int te_del_reloc(struct tabedit *t, uint64_t off)
{
	uint64_t e = sec(t, SMMUB_SEC_VTD_RELOCS);

	for (uint32_t i = 0; e && i < sec_count(t, e); i++)
		if (te_get(run_at(t, e, i), 8) == off) {
			shrink(t, e, i);
			contract_relocs(t, -1);
			return 0;
		}
	return -1;
}

void te_reseal(struct tabedit *t)
{
	te_put(t->b + HDR(crc32c), 4, 0);
	te_put(t->b + HDR(crc32c), 4, smmub_compute_crc(t->b, t->len));
}
