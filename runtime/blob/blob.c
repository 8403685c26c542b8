/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Blob reader: header and section table validation, which fills the view.
 * The rules on section contents live in blob_check.c, the accessors and
 * lookups (which those rules use) in blob_read.c: validation comes last in
 * the chain, so nothing it calls calls back into it.
 *
 * Nothing here allocates or keeps state; every size computation is done in
 * 64 bits on values first bounded by total_size (< 2^31), so it cannot wrap.
 */
#include <stdbool.h>
#include <string.h>
#include "blob/blob_int.h"
#include "blob/crc32c.h"

static const char *const err_text[SMMUB_ERR_MAX] = {
    [0] = "success",
    [SMMUB_ERR_TRUNCATED] = "blob truncated",
    [SMMUB_ERR_BADMAGIC] = "not a policy blob (bad magic)",
    [SMMUB_ERR_BADVERSION] = "unsupported blob version",
    [SMMUB_ERR_BADHEADER] = "bad blob header",
    [SMMUB_ERR_ALIGNMENT] = "misaligned blob, section or size",
    [SMMUB_ERR_BADSECTION] = "bad section table entry",
    [SMMUB_ERR_OVERLAP] = "overlapping sections",
    [SMMUB_ERR_MISSING] = "required section missing",
    [SMMUB_ERR_DUPLICATE] = "duplicate section",
    [SMMUB_ERR_BADINDEX] = "index out of range or of the wrong kind",
    [SMMUB_ERR_BADSTRING] = "bad string reference",
    [SMMUB_ERR_BADORDER] = "entries out of order",
    [SMMUB_ERR_BADVALUE] = "bad field value",
    [SMMUB_ERR_BADCRC] = "checksum mismatch",
    [SMMUB_ERR_NOTFOUND] = "not found",
    [SMMUB_ERR_NOSPACE] = "out of memory",
};

const char *smmub_strerror(int err)
{
	if (err < 0)
		err = -err;
	if (err >= SMMUB_ERR_MAX)
		return "unknown error";
	return err_text[err];
}

/* Size of the entry this reader knows, per known section type. */
static const uint32_t known_size[SMMUB_SEC_KNOWN_MAX + 1] = {
    [SMMUB_SEC_STRINGS] = 1,
    [SMMUB_SEC_SYMBOLS] = sizeof(struct smmub_symbol),
    [SMMUB_SEC_SETTINGS] = sizeof(struct smmub_settings),
    [SMMUB_SEC_SAFETY] = sizeof(struct smmub_safety),
    [SMMUB_SEC_PARAMS] = sizeof(uint64_t),
    [SMMUB_SEC_SMMUS] = sizeof(struct smmub_smmu),
    [SMMUB_SEC_UNITS] = sizeof(struct smmub_unit),
    [SMMUB_SEC_SETS] = sizeof(struct smmub_set),
    [SMMUB_SEC_RULES] = sizeof(struct smmub_rule),
    [SMMUB_SEC_DOMAINS] = sizeof(struct smmub_domain),
    [SMMUB_SEC_REGIONS] = sizeof(struct smmub_region),
    [SMMUB_SEC_DEVICES] = sizeof(struct smmub_device),
    [SMMUB_SEC_RELOCS] = sizeof(struct smmub_reloc),
};

static const bool required[SMMUB_SEC_KNOWN_MAX + 1] = {
    [SMMUB_SEC_STRINGS] = true, [SMMUB_SEC_SYMBOLS] = true, [SMMUB_SEC_SETTINGS] = true,
    [SMMUB_SEC_SETS] = true,	[SMMUB_SEC_RULES] = true,   [SMMUB_SEC_DOMAINS] = true,
    [SMMUB_SEC_REGIONS] = true, [SMMUB_SEC_DEVICES] = true,
};

#define HOFF(f) ((uint64_t)offsetof(struct smmub_header, f))
#define SOFF(f) ((uint64_t)offsetof(struct smmub_section, f))

static int fail(uint64_t *bad, int err, uint64_t off)
{
	*bad = off;
	return -err;
}

static int check_header(const unsigned char *b, size_t bufsize, uint64_t *bad)
{
	const struct smmub_header *h = (const struct smmub_header *)b;
	uint32_t version, last_comp, hsize, count;
	uint64_t total, table;

	if (bufsize < sizeof(*h))
		return fail(bad, SMMUB_ERR_TRUNCATED, bufsize);
	if (L32(h->magic) != SMMUB_MAGIC)
		return fail(bad, SMMUB_ERR_BADMAGIC, HOFF(magic));
	version = L32(h->version);
	last_comp = L32(h->last_comp_version);
	if (last_comp == 0 || last_comp > SMMUB_VERSION)
		return fail(bad, SMMUB_ERR_BADVERSION, HOFF(last_comp_version));
	if (version < last_comp)
		return fail(bad, SMMUB_ERR_BADVERSION, HOFF(version));
	hsize = L32(h->header_size);
	if (hsize < sizeof(*h))
		return fail(bad, SMMUB_ERR_BADHEADER, HOFF(header_size));
	if (hsize % SMMUB_ALIGN)
		return fail(bad, SMMUB_ERR_ALIGNMENT, HOFF(header_size));
	total = L64(h->total_size);
	if (total > SMMUB_MAX_TOTAL_SIZE || total < hsize)
		return fail(bad, SMMUB_ERR_BADHEADER, HOFF(total_size));
	if (total % SMMUB_ALIGN)
		return fail(bad, SMMUB_ERR_ALIGNMENT, HOFF(total_size));
	if (total > bufsize)
		return fail(bad, SMMUB_ERR_TRUNCATED, bufsize);
	/* bytes past total_size are outside the CRC: nobody vouches for them */
	if (total < bufsize)
		return fail(bad, SMMUB_ERR_BADHEADER, total);
	if (L32(h->flags) & ~(uint32_t)(SMMUB_F_GUEST | SMMUB_F_LATE_BOUND))
		return fail(bad, SMMUB_ERR_BADVALUE, HOFF(flags));
	if (h->reserved0)
		return fail(bad, SMMUB_ERR_BADHEADER, HOFF(reserved0));
	if (h->reserved[0])
		return fail(bad, SMMUB_ERR_BADHEADER, HOFF(reserved));
	if (h->reserved[1])
		return fail(bad, SMMUB_ERR_BADHEADER, HOFF(reserved) + 8);
	table = L64(h->section_offset);
	count = L32(h->section_count);
	if (table % SMMUB_ALIGN)
		return fail(bad, SMMUB_ERR_ALIGNMENT, HOFF(section_offset));
	if (count > SMMUB_MAX_SECTIONS)
		return fail(bad, SMMUB_ERR_BADHEADER, HOFF(section_count));
	if (table < hsize)
		return fail(bad, SMMUB_ERR_OVERLAP, HOFF(section_offset));
	if (table > total || (uint64_t)count * sizeof(struct smmub_section) > total - table)
		return fail(bad, SMMUB_ERR_BADSECTION, HOFF(section_offset));
	return 0;
}

static bool intersects(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

/* One table entry on its own: bounds, sizes, known-type rules. */
static int check_section(const unsigned char *b, uint64_t table, uint32_t i, uint64_t hsize,
			 uint64_t tsize, uint64_t total, uint64_t *bad)
{
	const struct smmub_section *s = blob_sec_entry(b, table, i);
	uint64_t at = table + (uint64_t)i * sizeof(*s);
	uint64_t off = L64(s->offset), size = L64(s->size);
	uint32_t type = L32(s->type), count = L32(s->count), esize = L32(s->entry_size);

	if (type == 0)
		return fail(bad, SMMUB_ERR_BADSECTION, at + SOFF(type));
	if (s->flags)
		return fail(bad, SMMUB_ERR_BADSECTION, at + SOFF(flags));
	if (off % SMMUB_ALIGN)
		return fail(bad, SMMUB_ERR_ALIGNMENT, at + SOFF(offset));
	if (off > total)
		return fail(bad, SMMUB_ERR_BADSECTION, at + SOFF(offset));
	if (size > total - off)
		return fail(bad, SMMUB_ERR_BADSECTION, at + SOFF(size));
	if (esize == 0)
		return fail(bad, SMMUB_ERR_BADSECTION, at + SOFF(entry_size));
	if ((uint64_t)count * esize != size)
		return fail(bad, SMMUB_ERR_BADSECTION, at + SOFF(size));
	if (intersects(off, size, 0, hsize) || intersects(off, size, table, tsize))
		return fail(bad, SMMUB_ERR_OVERLAP, at + SOFF(offset));
	if (type > SMMUB_SEC_KNOWN_MAX)
		return 0;
	if (type == SMMUB_SEC_STRINGS ? esize != 1
				      : esize < known_size[type] || esize % SMMUB_ALIGN)
		return fail(bad, SMMUB_ERR_BADSECTION, at + SOFF(entry_size));
	if ((type == SMMUB_SEC_SETTINGS && count != 1) || (type == SMMUB_SEC_PRODUCER && count > 1))
		return fail(bad, SMMUB_ERR_BADSECTION, at + SOFF(count));
	return 0;
}

/*
 * Bytes not covered by the header, the table or a section are padding and
 * must be zero. Every gap starts where some area ends, so looking after
 * each area's end finds them all.
 */
static int check_gaps(const unsigned char *b, uint64_t table, uint32_t n, uint64_t hsize,
		      uint64_t total, uint64_t *bad)
{
	uint64_t tsize = (uint64_t)n * sizeof(struct smmub_section);
	uint32_t i, j;

	for (i = 0; i <= n + 1; i++) {
		const struct smmub_section *a = i < n ? blob_sec_entry(b, table, i) : NULL;
		uint64_t end, next = total;

		if (i == n)
			end = hsize;
		else if (i == n + 1)
			end = table + tsize;
		else if (L64(a->size))
			end = L64(a->offset) + L64(a->size);
		else
			continue; /* not an area: each gap is then scanned once */
		if (i == n + 1 && !tsize)
			continue;
		if (table >= end && table < next && tsize)
			next = table;
		for (j = 0; j < n; j++) {
			const struct smmub_section *s = blob_sec_entry(b, table, j);
			uint64_t o = L64(s->offset);

			if (L64(s->size) && o >= end && o < next)
				next = o;
		}
		for (; end < next; end++)
			if (b[end])
				return fail(bad, SMMUB_ERR_BADVALUE, end);
	}
	return 0;
}

static int check_table(const unsigned char *b, struct smmub_view *v, uint64_t *bad)
{
	const struct smmub_header *h = (const struct smmub_header *)b;
	uint64_t table = L64(h->section_offset), hsize = L32(h->header_size);
	uint32_t n = L32(h->section_count), i, j, t;
	uint64_t tsize = (uint64_t)n * sizeof(struct smmub_section);
	int err;

	for (i = 0; i < n; i++) {
		const struct smmub_section *s = blob_sec_entry(b, table, i);
		uint64_t at = table + (uint64_t)i * sizeof(*s);

		err = check_section(b, table, i, hsize, tsize, v->size, bad);
		if (err)
			return err;
		for (j = 0; j < i; j++) {
			const struct smmub_section *o = blob_sec_entry(b, table, j);

			if (intersects(L64(s->offset), L64(s->size), L64(o->offset), L64(o->size)))
				return fail(bad, SMMUB_ERR_OVERLAP, at + SOFF(offset));
		}
		t = L32(s->type);
		if (t > SMMUB_SEC_KNOWN_MAX)
			continue;
		if (v->sec[t].data)
			return fail(bad, SMMUB_ERR_DUPLICATE, at + SOFF(type));
		v->sec[t].data = b + L64(s->offset);
		v->sec[t].offset = L64(s->offset);
		v->sec[t].size = L64(s->size);
		v->sec[t].count = L32(s->count);
		v->sec[t].stride = L32(s->entry_size);
	}
	err = check_gaps(b, table, n, hsize, v->size, bad);
	if (err)
		return err;
	for (t = 1; t <= SMMUB_SEC_KNOWN_MAX; t++)
		if (required[t] && !v->sec[t].data)
			return fail(bad, SMMUB_ERR_MISSING, HOFF(section_count));
	return 0;
}

uint32_t smmub_compute_crc(const void *buf, size_t total)
{
	static const unsigned char zero[4];
	const unsigned char *b = buf;
	size_t at = offsetof(struct smmub_header, crc32c);
	uint32_t crc;

	if (total < at + sizeof(zero))
		return crc32c(0, b, total);
	crc = crc32c(0, b, at);
	crc = crc32c(crc, zero, sizeof(zero));
	return crc32c(crc, b + at + sizeof(zero), total - at - sizeof(zero));
}

static int validate(const void *buf, size_t bufsize, struct smmub_view *v, uint64_t *bad_offset,
		    bool crc)
{
	const unsigned char *b = buf;
	const struct smmub_header *h;
	uint64_t dummy;
	int err;

	if (!bad_offset)
		bad_offset = &dummy;
	*bad_offset = 0;
	memset(v, 0, sizeof(*v));
	if (!b || (uintptr_t)b % SMMUB_ALIGN)
		return fail(bad_offset, SMMUB_ERR_ALIGNMENT, 0);
	err = check_header(b, bufsize, bad_offset);
	if (err)
		return err;
	h = (const struct smmub_header *)b;
	v->base = b;
	v->size = L64(h->total_size);
	v->version = L32(h->version);
	v->flags = L32(h->flags);
	err = check_table(b, v, bad_offset);
	if (!err)
		err = blob_check_entries(v, bad_offset);
	if (!err && crc && smmub_compute_crc(b, v->size) != L32(h->crc32c))
		err = fail(bad_offset, SMMUB_ERR_BADCRC, HOFF(crc32c));
	if (err)
		memset(v, 0, sizeof(*v));
	return err;
}

int smmub_validate(const void *buf, size_t bufsize, struct smmub_view *v, uint64_t *bad_offset)
{
	return validate(buf, bufsize, v, bad_offset, true);
}

int smmub_validate_structure(const void *buf, size_t bufsize, struct smmub_view *v,
			     uint64_t *bad_offset)
{
	return validate(buf, bufsize, v, bad_offset, false);
}
