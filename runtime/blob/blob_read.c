/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Blob reader: accessors and lookups on a view that smmub_validate filled,
 * and the table of smmu types. Nothing here validates, so the entry rules
 * (blob_check*.c) may use all of it.
 */
#include <stdio.h>
#include <string.h>
#include "blob/blob_int.h"

/* ---- accessors ---------------------------------------------------------- */

uint32_t smmub_count(const struct smmub_view *v, uint32_t type)
{
	if (type == 0 || type > SMMUB_SEC_KNOWN_MAX)
		return 0;
	return v->sec[type].count;
}

int smmub_find_section(const struct smmub_view *v, uint32_t type, struct smmub_secinfo *out)
{
	const struct smmub_header *h = (const struct smmub_header *)v->base;
	uint32_t i, n;
	int rc = -SMMUB_ERR_NOTFOUND;

	memset(out, 0, sizeof(*out));
	if (!h)
		return rc;
	n = L32(h->section_count);
	for (i = 0; i < n; i++) {
		const struct smmub_section *s = blob_sec_entry(v->base, L64(h->section_offset), i);

		if (L32(s->type) != type)
			continue;
		/* a second one: *out describes it, so its offset can be reported */
		rc = rc ? 0 : -SMMUB_ERR_DUPLICATE;
		out->data = v->base + L64(s->offset);
		out->offset = L64(s->offset);
		out->size = L64(s->size);
		out->count = L32(s->count);
		out->stride = L32(s->entry_size);
		if (rc)
			break;
	}
	return rc;
}

static const void *entry(const struct smmub_view *v, uint32_t t, uint32_t i)
{
	if (i >= v->sec[t].count)
		return NULL;
	return v->sec[t].data + (size_t)i * v->sec[t].stride;
}

const struct smmub_settings *smmub_settings(const struct smmub_view *v)
{
	return entry(v, SMMUB_SEC_SETTINGS, 0);
}

#define ACCESSOR(fn, type, sec)                                                                    \
	const struct type *fn(const struct smmub_view *v, uint32_t i)                              \
	{                                                                                          \
		return entry(v, sec, i);                                                           \
	}
ACCESSOR(smmub_sym, smmub_symbol, SMMUB_SEC_SYMBOLS)
ACCESSOR(smmub_safety, smmub_safety, SMMUB_SEC_SAFETY)
ACCESSOR(smmub_smmu, smmub_smmu, SMMUB_SEC_SMMUS)
ACCESSOR(smmub_unit, smmub_unit, SMMUB_SEC_UNITS)
ACCESSOR(smmub_set, smmub_set, SMMUB_SEC_SETS)
ACCESSOR(smmub_rule, smmub_rule, SMMUB_SEC_RULES)
ACCESSOR(smmub_domain, smmub_domain, SMMUB_SEC_DOMAINS)
ACCESSOR(smmub_region, smmub_region, SMMUB_SEC_REGIONS)
ACCESSOR(smmub_device, smmub_device, SMMUB_SEC_DEVICES)
ACCESSOR(smmub_reloc, smmub_reloc, SMMUB_SEC_RELOCS)

const struct smmub_producer *smmub_producer(const struct smmub_view *v)
{
	return entry(v, SMMUB_SEC_PRODUCER, 0);
}

int smmub_param(const struct smmub_view *v, uint32_t i, uint64_t *out)
{
	const uint64_t *p = entry(v, SMMUB_SEC_PARAMS, i);

	if (!p)
		return -SMMUB_ERR_NOTFOUND;
	*out = L64(*p);
	return 0;
}

const char *smmub_str(const struct smmub_view *v, uint32_t off)
{
	const struct smmub_secinfo *s = &v->sec[SMMUB_SEC_STRINGS];

	if (!s->data || off >= s->size || (off && s->data[off - 1]))
		return NULL;
	return (const char *)s->data + off;
}

/* ---- lookups ------------------------------------------------------------- */

/* Compares device i's key with (kind, sid, paddr): <0, 0, >0. */
static int dev_cmp(const struct smmub_view *v, uint32_t i, uint32_t kind, uint32_t sid,
		   uint64_t paddr)
{
	const struct smmub_device *d = smmub_device(v, i);
	uint32_t k = L32(d->kind), s = L32(d->sid);
	uint64_t p = L64(d->paddr);

	if (k != kind)
		return k < kind ? -1 : 1;
	if (s != sid)
		return s < sid ? -1 : 1;
	if (p != paddr)
		return p < paddr ? -1 : 1;
	return 0;
}

/* Number of devices whose key is <= (kind, sid, paddr). */
static uint32_t dev_upper(const struct smmub_view *v, uint32_t kind, uint32_t sid, uint64_t paddr)
{
	uint32_t lo = 0, hi = smmub_count(v, SMMUB_SEC_DEVICES);

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (dev_cmp(v, mid, kind, sid, paddr) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int smmub_lookup_pci(const struct smmub_view *v, uint32_t sid)
{
	static const struct {
		uint32_t kind, mask;
	} order[] = {
	    {SMMUB_DEV_PCI_FUNC, 0xffff},
	    {SMMUB_DEV_PCI_DEV, 0xfff8},
	    {SMMUB_DEV_PCI_BUS, 0xff00},
	    {SMMUB_DEV_PCI_ANY, 0},
	};
	size_t k;

	/* a PCI requester id is 16 bits: a wider id is no PCI function's */
	if (sid > 0xffff)
		return -SMMUB_ERR_NOTFOUND;
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		uint32_t key = sid & order[k].mask;
		uint32_t n = dev_upper(v, order[k].kind, key, 0);

		if (n && dev_cmp(v, n - 1, order[k].kind, key, 0) == 0)
			return (int)(n - 1);
	}
	return -SMMUB_ERR_NOTFOUND;
}

int smmub_lookup_mem(const struct smmub_view *v, uint64_t addr)
{
	uint32_t n = dev_upper(v, SMMUB_DEV_MEM, 0, addr);
	const struct smmub_device *d;

	if (!n)
		return -SMMUB_ERR_NOTFOUND;
	d = smmub_device(v, n - 1);
	if (L32(d->kind) != SMMUB_DEV_MEM || addr - L64(d->paddr) >= L64(d->length))
		return -SMMUB_ERR_NOTFOUND;
	return (int)(n - 1);
}

int smmub_domain_find(const struct smmub_view *v, uint32_t dom, uint64_t addr)
{
	const struct smmub_domain *d = smmub_domain(v, dom);
	const struct smmub_region *r;
	uint32_t lo, hi;

	if (!d)
		return -SMMUB_ERR_NOTFOUND;
	lo = L32(d->region_first);
	hi = lo + L32(d->region_count);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (L64(smmub_region(v, mid)->start) <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == L32(d->region_first))
		return -SMMUB_ERR_NOTFOUND;
	r = smmub_region(v, lo - 1);
	if (addr - L64(r->start) >= L64(r->length))
		return -SMMUB_ERR_NOTFOUND;
	return (int)(lo - 1);
}

int smmub_set_find(const struct smmub_view *v, const char *name)
{
	uint32_t lo = 0, hi = smmub_count(v, SMMUB_SEC_SETS);

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *s = smmub_str(v, L32(smmub_set(v, mid)->name));
		int c = strcmp(s ? s : "", name);

		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -SMMUB_ERR_NOTFOUND;
}

uint32_t blob_set_rules_end(const struct smmub_view *v)
{
	uint32_t n = smmub_count(v, SMMUB_SEC_SETS);
	const struct smmub_set *s;

	if (!n)
		return 0;
	s = smmub_set(v, n - 1);
	return L32(s->rule_first) + L32(s->rule_count);
}

uint32_t smmub_reserved_first(const struct smmub_view *v)
{
	return blob_set_rules_end(v);
}

uint32_t blob_lower_u32(const struct smmub_view *v, uint32_t t, size_t field, uint32_t lo,
			uint32_t hi, uint32_t key)
{
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint32_t x;

		memcpy(&x, v->sec[t].data + (size_t)mid * v->sec[t].stride + field, sizeof(x));
		if (L32(x) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First index in [lo, hi) of RULES whose owner is >= dev (reserved part). */
static uint32_t owner_lower(const struct smmub_view *v, uint32_t lo, uint32_t hi, uint32_t dev)
{
	return blob_lower_u32(v, SMMUB_SEC_RULES, offsetof(struct smmub_rule, owner), lo, hi, dev);
}

int smmub_device_reserved(const struct smmub_view *v, uint32_t dev, uint32_t *first,
			  uint32_t *count)
{
	uint32_t lo = blob_set_rules_end(v), hi = smmub_count(v, SMMUB_SEC_RULES);
	uint32_t a, b;

	if (dev >= smmub_count(v, SMMUB_SEC_DEVICES) || lo > hi)
		return -SMMUB_ERR_NOTFOUND;
	a = owner_lower(v, lo, hi, dev);
	b = owner_lower(v, a, hi, dev + 1);
	*first = a;
	*count = b - a;
	return 0;
}

int smmub_rule_relocs(const struct smmub_view *v, uint32_t r, uint32_t *first, uint32_t *count)
{
	uint32_t n = smmub_count(v, SMMUB_SEC_RELOCS), lo, a;

	if (r >= smmub_count(v, SMMUB_SEC_RULES))
		return -SMMUB_ERR_NOTFOUND;
	a = lo = blob_lower_u32(v, SMMUB_SEC_RELOCS, offsetof(struct smmub_reloc, rule), 0, n, r);
	while (lo < n && L32(smmub_reloc(v, lo)->rule) == r)
		lo++;
	*first = a;
	*count = lo - a;
	return 0;
}

/* Late binding: a rule's relocations applied with the caller's names. */
int smmub_rule_bound(const struct smmub_view *v, uint32_t ri, smmub_asinfo_fn fn, void *arg,
		   uint64_t *startp, uint64_t *lengthp, char *err, size_t errlen)
{
	const struct smmub_rule *r = smmub_rule(v, ri);
	uint64_t start = smmub_le64(r->start), length = smmub_le64(r->length);
	uint32_t rf, rn;

	smmub_rule_relocs(v, ri, &rf, &rn);
	for (uint32_t k = 0; k < rn; k++) {
		const struct smmub_reloc *rl = smmub_reloc(v, rf + k);
		const char *name = smmub_str(v, smmub_le32(rl->name));
		uint64_t s, l;
		int rc = fn ? fn(arg, name, &s, &l) : SMMUB_ASINFO_NONE;

		if (rc) {
			snprintf(err, errlen, "unresolved asinfo name '%s'%s", name,
				 rc == SMMUB_ASINFO_AMBIGUOUS ? " (several regions have it)" :
				 rc == SMMUB_ASINFO_NO_PLACE ?
				 " (its region gives no address: placed at boot, several reg "
				 "entries, size 0 or wrapping)" : "");
			return -1;
		}
		if (smmub_le32(rl->field) == SMMUB_RELOC_START)
			start = s;
		else
			length = l;
	}
	if (!length || start + (length - 1) < start) {
		snprintf(err, errlen, "asinfo region 0x%llx,%llu is empty or wraps",
			 (unsigned long long)start, (unsigned long long)length);
		return -1;
	}
	*startp = start;
	*lengthp = length;
	return 0;
}

/* ---- smmu types ---------------------------------------------------------- */

/* Unit PARAMS counts follow the unit lines of smmu(5), "Types and their parameters". */
static const struct smmub_type_info smmu_types[SMMUB_SMMU_TYPE_MAX + 1] = {
    [SMMUB_SMMU_VTD] = {SMMUB_NAME_VTD, 1, 1},
    [SMMUB_SMMU_ARMSMMUV3] = {SMMUB_NAME_ARMSMMUV3, 3, 3},
    /* PADDR, NScIrpt, NSgIrpt, BYPASS, then up to 16 stream IDs */
    [SMMUB_SMMU_ARMSMMU] = {SMMUB_NAME_ARMSMMU, 4, 4 + 16},
    [SMMUB_SMMU_RCAR3] = {SMMUB_NAME_RCAR3, 2, 2},
};

const struct smmub_type_info *smmub_smmu_type_info(uint32_t type)
{
	return type && type <= SMMUB_SMMU_TYPE_MAX ? &smmu_types[type] : NULL;
}

const char *smmub_smmu_type_name(uint32_t type)
{
	const struct smmub_type_info *t = smmub_smmu_type_info(type);

	return t ? t->name : NULL;
}

uint32_t smmub_smmu_type_of(const char *name)
{
	for (uint32_t t = 1; t <= SMMUB_SMMU_TYPE_MAX; t++)
		if (strcmp(name, smmu_types[t].name) == 0)
			return t;
	return 0;
}
