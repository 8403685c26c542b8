/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rules on devices, domains and regions (schemas/README.md,
 * "Validation"): what the tables are built from. Run after the names and
 * rules were found sound (blob_check.c), in a fixed order.
 */
#include "blob/blob_check.h"

#define DF(i, f) FIELD(SMMUB_SEC_DEVICES, smmub_device, i, f)

/* Key order (kind, sid, paddr), strictly increasing. */
static int check_dev_order(struct ck *c, uint32_t i)
{
	const struct smmub_device *a = dev_at(c, i - 1), *b = dev_at(c, i);

	if (L32(a->kind) != L32(b->kind)) {
		if (L32(a->kind) > L32(b->kind))
			FAIL(SMMUB_ERR_BADORDER, DF(i, kind));
	} else if (L32(a->sid) != L32(b->sid)) {
		if (L32(a->sid) > L32(b->sid))
			FAIL(SMMUB_ERR_BADORDER, DF(i, sid));
	} else if (L64(a->paddr) >= L64(b->paddr)) {
		FAIL(SMMUB_ERR_BADORDER, DF(i, paddr));
	}
	return 0;
}

/*
 * Whether RULES [first, first + count) holds a LATE rule. LATE rules are
 * exactly those RELOCS points at (checked before), and RELOCS is sorted by
 * rule: a binary search keeps the device checks linear-logarithmic.
 */
static bool range_has_late(const struct ck *c, uint32_t first, uint32_t count)
{
	uint32_t lo = blob_lower_u32(c->v, SMMUB_SEC_RELOCS, offsetof(struct smmub_reloc, rule), 0,
				     cnt(c, SMMUB_SEC_RELOCS), first);

	return lo < cnt(c, SMMUB_SEC_RELOCS) && L32(reloc_at(c, lo)->rule) - first < count;
}

static bool set_has_late(const struct ck *c, uint32_t set)
{
	return set < cnt(c, SMMUB_SEC_SETS) &&
	       range_has_late(c, L32(set_at(c, set)->rule_first), L32(set_at(c, set)->rule_count));
}

/* How many reserved lines device dev has (check_rules made them sorted). */
static uint32_t dev_nres(const struct ck *c, uint32_t dev)
{
	uint32_t first = 0, n = 0;

	smmub_device_reserved(c->v, dev, &first, &n);
	return n;
}

static bool dev_has_late(const struct ck *c, uint32_t dev)
{
	uint32_t first = 0, nres = 0;

	if (!cnt(c, SMMUB_SEC_RELOCS))
		return false;
	smmub_device_reserved(c->v, dev, &first, &nres);
	return range_has_late(c, first, nres) || set_has_late(c, L32(dev_at(c, dev)->set));
}

/*
 * A device's own fields and its place in the order. *rr walks the reserved
 * lines alongside: check_rules found them grouped by owner, in DEVICES order.
 */
static int check_device(struct ck *c, uint32_t i, uint32_t *rr)
{
	static const uint32_t sid_mask[] = {0, 0xffff, 0xff, 0x7, 0, 0xffff};
	const struct smmub_device *d = dev_at(c, i);
	uint32_t kind = L32(d->kind), sid = L32(d->sid), unit = L32(d->unit);
	uint32_t set = L32(d->set), dom = L32(d->domain), fl = L32(d->flags), nres = 0;
	uint64_t paddr = L64(d->paddr), len = L64(d->length);

	if (kind < SMMUB_DEV_PCI_ANY || kind > SMMUB_DEV_MEM)
		FAIL(SMMUB_ERR_BADVALUE, DF(i, kind));
	if (sid > 0xffff || (sid & sid_mask[kind]))
		FAIL(SMMUB_ERR_BADVALUE, DF(i, sid));
	if (kind == SMMUB_DEV_MEM ? len == 0 || wraps(paddr, len) : paddr != 0)
		FAIL(SMMUB_ERR_BADVALUE, kind == SMMUB_DEV_MEM ? DF(i, length) : DF(i, paddr));
	if (kind != SMMUB_DEV_MEM && len)
		FAIL(SMMUB_ERR_BADVALUE, DF(i, length));
	if (i)
		TRY(check_dev_order(c, i));
	for (; *rr < cnt(c, SMMUB_SEC_RULES) && L32(rule_at(c, *rr)->owner) == i; ++*rr)
		nres++;
	/* a device has a domain exactly when it has grants */
	if (dom == SMMUB_NONE ? set != SMMUB_NONE || nres
			      : dom >= cnt(c, SMMUB_SEC_DOMAINS) || (set == SMMUB_NONE && !nres))
		FAIL(SMMUB_ERR_BADINDEX, DF(i, domain));
	if (unit != SMMUB_NONE && unit >= cnt(c, SMMUB_SEC_UNITS))
		FAIL(SMMUB_ERR_BADINDEX, DF(i, unit));
	if (set != SMMUB_NONE && set >= cnt(c, SMMUB_SEC_SETS))
		FAIL(SMMUB_ERR_BADINDEX, DF(i, set));
	if ((fl & ~(uint32_t)SMMUB_DEVF_USE_PARAM) ||
	    ((fl & SMMUB_DEVF_USE_PARAM) && unit == SMMUB_NONE))
		FAIL(SMMUB_ERR_BADVALUE, DF(i, flags));
	if (!(fl & SMMUB_DEVF_USE_PARAM) && d->use_param)
		FAIL(SMMUB_ERR_BADVALUE, DF(i, use_param));
	CHECK_SYM(L32(d->sym), SMMUB_SYM_DEVICE, false, DF(i, sym));
	/* a use line names a unit, and a unit is assigned only by a use line */
	CHECK_SYM(L32(d->use_sym), SMMUB_SYM_USE, true, DF(i, use_sym));
	if ((L32(d->use_sym) == SMMUB_NONE) != (unit == SMMUB_NONE))
		FAIL(SMMUB_ERR_BADINDEX, DF(i, use_sym));
	return 0;
}

#define OF(i, f) FIELD(SMMUB_SEC_DOMAINS, smmub_domain, i, f)

static int check_domains(struct ck *c)
{
	uint32_t i, g = 0, prev_did = 0, nreg = cnt(c, SMMUB_SEC_REGIONS);

	for (i = 0; i < cnt(c, SMMUB_SEC_DOMAINS); i++) {
		const struct smmub_domain *d = dom_at(c, i);
		uint32_t fl = L32(d->flags), n = L32(d->region_count), df = L32(d->device_first);
		bool late = fl & SMMUB_DOM_LATE;

		if (fl & ~(uint32_t)(SMMUB_DOM_OWNED | SMMUB_DOM_LATE))
			FAIL(SMMUB_ERR_BADVALUE, OF(i, flags));
		if (L32(d->region_first) != g)
			FAIL(SMMUB_ERR_BADORDER, OF(i, region_first));
		if (n > nreg - g)
			FAIL(SMMUB_ERR_BADINDEX, OF(i, region_count));
		/* late grants come from RULES at boot; others are in REGIONS */
		if (late ? n != 0 : n == 0)
			FAIL(SMMUB_ERR_BADVALUE, OF(i, region_count));
		g += n;
		if (L32(d->did) <= prev_did)
			FAIL(SMMUB_ERR_BADORDER, OF(i, did));
		prev_did = L32(d->did);
		if (df >= cnt(c, SMMUB_SEC_DEVICES) || L32(dev_at(c, df)->domain) != i)
			FAIL(SMMUB_ERR_BADINDEX, OF(i, device_first));
		if (!!(fl & SMMUB_DOM_OWNED) != (L32(dev_at(c, df)->set) != SMMUB_NONE) ||
		    late != dev_has_late(c, df))
			FAIL(SMMUB_ERR_BADVALUE, OF(i, flags));
		if (d->reserved)
			FAIL(SMMUB_ERR_BADVALUE, OF(i, reserved));
	}
	if (g != nreg)
		FAIL(SMMUB_ERR_BADORDER, blob_field_off(c->v, SMMUB_SEC_REGIONS, g, 0));
	return 0;
}

#define GF(i, f) FIELD(SMMUB_SEC_REGIONS, smmub_region, i, f)

static int check_regions(struct ck *c)
{
	uint32_t d, i;

	for (d = 0; d < cnt(c, SMMUB_SEC_DOMAINS); d++) {
		const struct smmub_domain *dom = dom_at(c, d);
		uint32_t first = L32(dom->region_first), end = first + L32(dom->region_count);

		uint64_t prev_last = 0;
		uint32_t prev_perms = 0;

		for (i = first; i < end; i++) {
			const struct smmub_region *r = reg_at(c, i);
			uint64_t start = L64(r->start), len = L64(r->length);
			uint32_t perms = L32(r->perms);

			if (start % SMMUB_PAGE_SIZE)
				FAIL(SMMUB_ERR_BADVALUE, GF(i, start));
			if (len == 0 || len % SMMUB_PAGE_SIZE || wraps(start, len))
				FAIL(SMMUB_ERR_BADVALUE, GF(i, length));
			if (perms < SMMUB_PERM_R || perms > (SMMUB_PERM_R | SMMUB_PERM_W))
				FAIL(SMMUB_ERR_BADVALUE, GF(i, perms));
			if (L32(r->flags) & ~(uint32_t)SMMUB_REG_RESERVED)
				FAIL(SMMUB_ERR_BADVALUE, GF(i, flags));
			/* after the previous one, and merged with it if equal */
			if (i != first && (start <= prev_last ||
					   (start - 1 == prev_last && prev_perms == perms)))
				FAIL(SMMUB_ERR_BADORDER, GF(i, start));
			prev_last = start + (len - 1);
			prev_perms = perms;
		}
	}
	return 0;
}

/* What ties devices to their domains, once both are known sound. */
static int check_dev_domains(struct ck *c)
{
	uint32_t i;

	for (i = 0; i < cnt(c, SMMUB_SEC_DEVICES); i++) {
		const struct smmub_device *d = dev_at(c, i), *f;
		const struct smmub_domain *dom;
		uint32_t di = L32(d->domain), df;
		bool late;

		if (di == SMMUB_NONE)
			continue;
		dom = dom_at(c, di);
		df = L32(dom->device_first);
		f = dev_at(c, df);
		late = dev_has_late(c, i);
		if (df > i || (L32(d->set) == SMMUB_NONE) != (L32(f->set) == SMMUB_NONE) ||
		    late != !!(L32(dom->flags) & SMMUB_DOM_LATE))
			FAIL(SMMUB_ERR_BADINDEX, DF(i, domain));
		/* a late domain is shared only by same-set devices without reserved lines */
		if (late && df != i &&
		    (L32(d->set) != L32(f->set) || dev_nres(c, i) || dev_nres(c, df)))
			FAIL(SMMUB_ERR_BADINDEX, DF(i, domain));
	}
	return 0;
}

int blob_check_grants(struct ck *c)
{
	uint32_t i, rr = blob_set_rules_end(c->v);

	for (i = 0; i < cnt(c, SMMUB_SEC_DEVICES); i++)
		TRY(check_device(c, i, &rr));
	TRY(check_domains(c));
	TRY(check_regions(c));
	return check_dev_domains(c);
}
