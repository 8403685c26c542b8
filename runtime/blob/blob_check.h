/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internal to the entry checks (blob_check.c, blob_check_grants.c): the
 * state they share, entry access without bounds (their loops bound every
 * index), and string and symbol references whose failing field's offset
 * is worked out only on failure.
 */
#ifndef SMMU_BLOB_CHECK_H
#define SMMU_BLOB_CHECK_H

#include <stdbool.h>
#include "blob/blob_int.h"

struct ck {
	const struct smmub_view *v;
	uint64_t *bad;
};

#define FIELD(t, s, i, f) blob_field_off(c->v, t, i, offsetof(struct s, f))
#define FAIL(err, off)                                                                             \
	do {                                                                                       \
		*c->bad = (off);                                                                   \
		return -(err);                                                                     \
	} while (0)
#define TRY(x)                                                                                     \
	do {                                                                                       \
		int err_ = (x);                                                                    \
		if (err_)                                                                          \
			return err_;                                                               \
	} while (0)

static inline uint32_t cnt(const struct ck *c, uint32_t t)
{
	return c->v->sec[t].count;
}

/*
 * Entry i of a known section. Unlike the public accessors these do not
 * bound i: every caller here has checked it against the count already, and
 * these checks run on every entry at every boot.
 */
#define ENTRY_AT(fn, type, t)                                                                      \
	static inline const struct type *fn(const struct ck *c, uint32_t i)                        \
	{                                                                                          \
		return (const void *)(c->v->sec[t].data + (size_t)i * c->v->sec[t].stride);        \
	}
ENTRY_AT(sym_at, smmub_symbol, SMMUB_SEC_SYMBOLS)
ENTRY_AT(safety_at, smmub_safety, SMMUB_SEC_SAFETY)
ENTRY_AT(smmu_at, smmub_smmu, SMMUB_SEC_SMMUS)
ENTRY_AT(unit_at, smmub_unit, SMMUB_SEC_UNITS)
ENTRY_AT(set_at, smmub_set, SMMUB_SEC_SETS)
ENTRY_AT(rule_at, smmub_rule, SMMUB_SEC_RULES)
ENTRY_AT(dom_at, smmub_domain, SMMUB_SEC_DOMAINS)
ENTRY_AT(reg_at, smmub_region, SMMUB_SEC_REGIONS)
ENTRY_AT(dev_at, smmub_device, SMMUB_SEC_DEVICES)
ENTRY_AT(reloc_at, smmub_reloc, SMMUB_SEC_RELOCS)

/* A string field: off must start a string; 'need' asks for a non-empty one. */
enum { STR_OPT, STR_NEED };

static inline bool str_ok(const struct ck *c, uint32_t off, int need)
{
	const struct smmub_secinfo *s = &c->v->sec[SMMUB_SEC_STRINGS];

	if (need == STR_OPT && off == 0)
		return true;
	return off < s->size && (!off || !s->data[off - 1]) && s->data[off];
}

/* 'at' (the field's offset) is worked out only on failure */
#define CHECK_STR(off, need, at)                                                                   \
	do {                                                                                       \
		if (!str_ok(c, off, need))                                                         \
			FAIL(SMMUB_ERR_BADSTRING, at);                                             \
	} while (0)

static inline const char *str(const struct ck *c, uint32_t off)
{
	return (const char *)c->v->sec[SMMUB_SEC_STRINGS].data + off;
}

/* A symbol reference of the given kind (or NONE if none_ok). */
static inline bool sym_ok(const struct ck *c, uint32_t idx, uint32_t kind, bool none_ok)
{
	if (none_ok && idx == SMMUB_NONE)
		return true;
	return idx < cnt(c, SMMUB_SEC_SYMBOLS) && L32(sym_at(c, idx)->kind) == kind;
}

#define CHECK_SYM(idx, kind, none_ok, at)                                                          \
	do {                                                                                       \
		if (!sym_ok(c, idx, kind, none_ok))                                                \
			FAIL(SMMUB_ERR_BADINDEX, at);                                              \
	} while (0)

static inline bool wraps(uint64_t start, uint64_t length)
{
	return length - 1 > UINT64_MAX - start;
}

/* Devices, domains and regions, after the rules (blob_check_grants.c). */
int blob_check_grants(struct ck *c);

#endif
