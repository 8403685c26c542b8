/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Blob builder: string interning (open-addressing hash over offsets into
 * the growing STRINGS buffer), section collection and layout.
 */
#include <endian.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "lower/blobwrite.h"

struct wsec {
	uint32_t type, count, entry_size;
	unsigned char *data;
	size_t size;
};

struct blobw {
	char *strs; /* STRINGS contents, starts with "" */
	size_t nstrs, capstrs;
	uint32_t *hash; /* string offsets + 1, 0 = empty slot */
	size_t nhash, used;
	struct wsec *secs;
	size_t nsecs, capsecs;
	uint32_t flags, version, last_comp;
	bool oom;
};

struct blobw *blobw_new(void)
{
	struct blobw *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->capstrs = 256;
	b->strs = calloc(1, b->capstrs);
	b->nstrs = 1;
	b->nhash = 64;
	b->hash = calloc(b->nhash, sizeof(*b->hash));
	b->version = SMMUB_VERSION;
	b->last_comp = SMMUB_LAST_COMP_VERSION;
	if (!b->strs || !b->hash) {
		blobw_free(b);
		return NULL;
	}
	return b;
}

void blobw_free(struct blobw *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->nsecs; i++)
		free(b->secs[i].data);
	free(b->secs);
	free(b->hash);
	free(b->strs);
	free(b);
}

/* FNV-1a: any fixed function will do, output does not depend on it. */
static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static uint32_t *slot(const struct blobw *b, const char *s)
{
	size_t i = str_hash(s) & (b->nhash - 1);

	while (b->hash[i] && strcmp(b->strs + b->hash[i] - 1, s))
		i = (i + 1) & (b->nhash - 1);
	return &b->hash[i];
}

static int rehash(struct blobw *b)
{
	uint32_t *old = b->hash;
	size_t i, n = b->nhash;

	b->hash = calloc(n * 2, sizeof(*b->hash));
	if (!b->hash) {
		b->hash = old;
		return -1;
	}
	b->nhash = n * 2;
	for (i = 0; i < n; i++)
		if (old[i])
			*slot(b, b->strs + old[i] - 1) = old[i];
	free(old);
	return 0;
}

uint32_t blobw_str(struct blobw *b, const char *s)
{
	uint32_t *p, off;
	size_t len;

	if (!s || !*s)
		return 0;
	p = slot(b, s);
	if (*p)
		return *p - 1;
	len = strlen(s) + 1;
	if (b->nstrs + len > SMMUB_MAX_TOTAL_SIZE)
		goto oom;
	if (b->nstrs + len > b->capstrs) {
		size_t cap = b->capstrs;
		char *n;

		while (cap < b->nstrs + len)
			cap *= 2;
		n = realloc(b->strs, cap);
		if (!n)
			goto oom;
		b->strs = n;
		b->capstrs = cap;
	}
	off = (uint32_t)b->nstrs;
	memcpy(b->strs + off, s, len);
	b->nstrs += len;
	*p = off + 1;
	if (++b->used * 2 > b->nhash && rehash(b))
		goto oom;
	return off;
oom:
	b->oom = true;
	return SMMUB_NONE;
}

int blobw_section(struct blobw *b, uint32_t type, const void *entries, uint32_t count,
		  uint32_t entry_size)
{
	struct wsec *s;
	size_t i, size = (size_t)count * entry_size;

	if (type == 0 || type == SMMUB_SEC_STRINGS || entry_size == 0 ||
	    size > SMMUB_MAX_TOTAL_SIZE)
		return -1;
	for (i = 0; i < b->nsecs; i++)
		if (b->secs[i].type == type)
			return -1;
	if (b->nsecs == b->capsecs) {
		size_t cap = b->capsecs ? b->capsecs * 2 : 16;
		struct wsec *n = realloc(b->secs, cap * sizeof(*n));

		if (!n)
			goto oom;
		b->secs = n;
		b->capsecs = cap;
	}
	s = &b->secs[b->nsecs];
	s->data = malloc(size ? size : 1);
	if (!s->data)
		goto oom;
	if (size)
		memcpy(s->data, entries, size);
	s->type = type;
	s->count = count;
	s->entry_size = entry_size;
	s->size = size;
	b->nsecs++;
	return 0;
oom:
	b->oom = true;
	return -1;
}

void blobw_set_flags(struct blobw *b, uint32_t flags)
{
	b->flags = flags;
}

void blobw_set_version(struct blobw *b, uint32_t version, uint32_t last_comp)
{
	b->version = version;
	b->last_comp = last_comp;
}

static size_t align8(size_t n)
{
	return (n + SMMUB_ALIGN - 1) & ~(size_t)(SMMUB_ALIGN - 1);
}

/* Insertion sort by type: a handful of sections, and stable. */
static void sort_secs(struct wsec *s, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct wsec t = s[i];

		for (j = i; j > 0 && s[j - 1].type > t.type; j--)
			s[j] = s[j - 1];
		s[j] = t;
	}
}

int blobw_finish_unchecked(struct blobw *b, void **out, size_t *len)
{
	struct wsec strings = {SMMUB_SEC_STRINGS, (uint32_t)b->nstrs, 1, NULL, b->nstrs};
	size_t i, n = b->nsecs + 1, total, off;
	struct smmub_header *h;
	unsigned char *buf;

	*out = NULL;
	*len = 0;
	if (b->oom)
		return -SMMUB_ERR_NOSPACE;
	sort_secs(b->secs, b->nsecs);
	total = sizeof(*h) + n * sizeof(struct smmub_section);
	total += align8(strings.size);
	for (i = 0; i < b->nsecs; i++)
		total += align8(b->secs[i].size);
	if (total > SMMUB_MAX_TOTAL_SIZE)
		return -SMMUB_ERR_NOSPACE;
	buf = calloc(1, total);
	if (!buf)
		return -SMMUB_ERR_NOSPACE;
	h = (struct smmub_header *)buf;
	h->magic = htole32(SMMUB_MAGIC);
	h->version = htole32(b->version);
	h->last_comp_version = htole32(b->last_comp);
	h->header_size = htole32(sizeof(*h));
	h->total_size = htole64(total);
	h->section_offset = htole64(sizeof(*h));
	h->section_count = htole32((uint32_t)n);
	h->flags = htole32(b->flags);
	off = sizeof(*h) + n * sizeof(struct smmub_section);
	for (i = 0; i < n; i++) {
		const struct wsec *s = i ? &b->secs[i - 1] : &strings;
		struct smmub_section *e = (struct smmub_section *)(buf + sizeof(*h)) + i;

		e->type = htole32(s->type);
		e->offset = htole64(off);
		e->size = htole64(s->size);
		e->count = htole32(s->count);
		e->entry_size = htole32(s->entry_size);
		if (s->size)
			memcpy(buf + off, i ? s->data : (const unsigned char *)b->strs, s->size);
		off += align8(s->size);
	}
	h->crc32c = htole32(smmub_compute_crc(buf, total));
	*out = buf;
	*len = total;
	return 0;
}

int blobw_finish(struct blobw *b, void **out, size_t *len, uint64_t *bad_offset)
{
	struct smmub_view v;

	return blobw_finish_view(b, out, len, &v, bad_offset);
}

int blobw_finish_view(struct blobw *b, void **out, size_t *len, struct smmub_view *v,
		      uint64_t *bad_offset)
{
	int err = blobw_finish_unchecked(b, out, len);

	if (err)
		return err;
	err = smmub_validate(*out, *len, v, bad_offset);
	if (err) {
		free(*out);
		*out = NULL;
		*len = 0;
	}
	return err;
}
