/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-type parameters of smmu, unit and use lines (smmu(5), "Types and their
 * parameters"). Their meaning depends on the smmu type in force, so they are
 * read here, from sema, rather than in the parser.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "front/number.h"
#include "front/parse.h"

/* The blob's table of types is the one table: the values are the same. */
_Static_assert((int)SMMU_UNKNOWN == 0 && (int)SMMU_VTD == (int)SMMUB_SMMU_VTD &&
		       (int)SMMU_ARMSMMUV3 == (int)SMMUB_SMMU_ARMSMMUV3 &&
		       (int)SMMU_ARMSMMU == (int)SMMUB_SMMU_ARMSMMU &&
		       (int)SMMU_RCAR3 == (int)SMMUB_SMMU_RCAR3 &&
		       (int)SMMU_RCAR3 == (int)SMMUB_SMMU_TYPE_MAX,
	       "enum smmu_type and enum smmub_smmu_type differ");

enum smmu_type smmu_type_of(const char *s)
{
	return (enum smmu_type)smmub_smmu_type_of(s);
}

const char *smmu_type_name(enum smmu_type t)
{
	const char *n = smmub_smmu_type_name((uint32_t)t);

	return n ? n : "unknown";
}

static struct span param_span(const char *s, const struct srcpos *pos)
{
	struct span sp = {s, strlen(s), *pos};

	return sp;
}

static bool address(const struct param_ctx *pc, const struct span *sp, const char *what,
		    struct num *n)
{
	if (!span_num(pc->d, sp, ROLE_ADDRESS, what, n))
		return false;
	asinfo_resolve(pc->d, n, pc->map, pc->late_bind);
	return !n->bad;
}

/* Item count within [lo, hi], else a message naming the expected form. */
static bool count_ok(const struct param_ctx *pc, enum check_id id, const struct span *all,
		     const struct span *items, size_t n, size_t lo, size_t hi, const char *form)
{
	if (n < lo) {
		diag_report(pc->d, id, &all->pos, "'%.*s' has too few items (expected %s)",
			    (int)all->len, all->s, form);
		return false;
	}
	if (n > hi) {
		diag_report(pc->d, id, &items[hi].pos,
			    "'%.*s' has too many items (expected %s)", (int)all->len, all->s,
			    form);
		return false;
	}
	return true;
}

static bool rcar3_smmu(const struct param_ctx *pc, struct smmu *s, const struct span *all)
{
	static const char form[] = "PADDR,FAULT_IRQ[,MM_FAULT_BIT][,SOCID.REVID]...";
	struct span items[2 + 1 + SMMU_MAX_SOC + 1];
	size_t max = sizeof(items) / sizeof(items[0]);
	size_t n = span_split(all, ',', items, max), i;
	uint64_t v;
	bool ok;

	if (!count_ok(pc, CHK_BAD_SMMU_PARAM, all, items, n, 2, max - 1, form))
		return false;
	ok = address(pc, &items[0], "rcar3 register base", &s->p.rcar3.paddr);
	ok &= span_uint(pc->d, &items[1], CHK_BAD_SMMU_PARAM, "fault IRQ", 0, UINT32_MAX, &v);
	s->p.rcar3.fault_irq = (unsigned)v;
	for (i = 2; i < n; i++) {
		struct span pair[3];
		uint64_t soc, rev;

		if (!memchr(items[i].s, '.', items[i].len)) {
			if (s->p.rcar3.has_mm_fault_bit || s->p.rcar3.nsoc) {
				diag_report(pc->d, CHK_BAD_SMMU_PARAM, &items[i].pos,
					    "'%.*s': the MM fault bit comes once, right after the "
					    "fault IRQ (expected %s)",
					    (int)items[i].len, items[i].s, form);
				ok = false;
				continue;
			}
			ok &= span_uint(pc->d, &items[i], CHK_BAD_SMMU_PARAM, "MM fault bit", 0,
					31, &v);
			s->p.rcar3.has_mm_fault_bit = true;
			s->p.rcar3.mm_fault_bit = (unsigned)v;
			continue;
		}
		if (span_split(&items[i], '.', pair, 3) != 2) {
			diag_report(pc->d, CHK_BAD_SMMU_PARAM, &items[i].pos,
				    "malformed SOCID.REVID '%.*s'", (int)items[i].len, items[i].s);
			ok = false;
			continue;
		}
		if (s->p.rcar3.nsoc == SMMU_MAX_SOC) {
			diag_report(pc->d, CHK_BAD_SMMU_PARAM, &items[i].pos,
				    "more than %d SOCID.REVID pairs", SMMU_MAX_SOC);
			ok = false;
			continue;
		}
		if (span_uint(pc->d, &pair[0], CHK_BAD_SMMU_PARAM, "SoC id", 0, 255, &soc) &&
		    span_uint(pc->d, &pair[1], CHK_BAD_SMMU_PARAM, "SoC revision", 0, 255,
			      &rev)) {
			s->p.rcar3.soc[s->p.rcar3.nsoc].socid = (unsigned)soc;
			s->p.rcar3.soc[s->p.rcar3.nsoc].revid = (unsigned)rev;
			s->p.rcar3.nsoc++;
		} else {
			ok = false;
		}
	}
	return ok;
}

bool params_smmu(const struct param_ctx *pc, struct smmu *s, const struct stmt *st)
{
	const char *param = st->u.smmu->param;
	struct span all;

	if (param)
		all = param_span(param, &st->u.smmu->param_pos);
	switch (s->type) {
	case SMMU_VTD:
		if (!param)
			s->p.vtd.dmar = VTD_DMAR_AUTO;
		else if (strcmp(param, "require") == 0)
			s->p.vtd.dmar = VTD_DMAR_REQUIRE;
		else if (strcmp(param, "ignore") == 0)
			s->p.vtd.dmar = VTD_DMAR_IGNORE;
		else {
			diag_report(pc->d, CHK_BAD_SMMU_PARAM, &all.pos,
				    "vtd takes 'require' or 'ignore', not '%s'", param);
			return false;
		}
		return true;
	case SMMU_ARMSMMUV3:
		/* require: no-units (checks_board.c) refuses a policy without units */
		if (param && strcmp(param, "require") != 0) {
			diag_report(pc->d, CHK_BAD_SMMU_PARAM, &all.pos,
				    "armsmmuv3 takes 'require' or no smmu parameter (its unit lines "
				    "carry them), not '%s'", param);
			return false;
		}
		return true;
	case SMMU_ARMSMMU:
		if (param) {
			diag_report(pc->d, CHK_BAD_SMMU_PARAM, &all.pos,
				    "%s takes no smmu parameter (its unit lines carry them), "
				    "not '%s'",
				    smmu_type_name(s->type), param);
			return false;
		}
		return true;
	case SMMU_RCAR3:
		if (!param) {
			diag_report(pc->d, CHK_BAD_SMMU_PARAM, &st->u.smmu->type_pos,
				    "rcar3 needs PADDR,FAULT_IRQ[,MM_FAULT_BIT][,SOCID.REVID]...");
			return false;
		}
		return rcar3_smmu(pc, s, &all);
	default:
		return false;
	}
}

static bool armsmmu_unit(const struct param_ctx *pc, struct unit *u, const struct span *all)
{
	static const char form[] = "PADDR,NScIrpt,NSgIrpt,BYPASS[,SID:SID...[,CFGLIB]]";
	struct span items[7], sids[UNIT_MAX_SIDS + 1];
	size_t n = span_split(all, ',', items, 7), ns, i;
	uint64_t v;
	bool ok;

	u->p.armsmmu.cfglib = NULL;
	if (!count_ok(pc, CHK_BAD_UNIT_PARAM, all, items, n, 4, 6, form))
		return false;
	ok = address(pc, &items[0], "armsmmu register base", &u->p.armsmmu.paddr);
	ok &= span_uint(pc->d, &items[1], CHK_BAD_UNIT_PARAM, "NScIrpt IRQ", 0, UINT32_MAX, &v);
	u->p.armsmmu.nsc_irq = (unsigned)v;
	ok &= span_uint(pc->d, &items[2], CHK_BAD_UNIT_PARAM, "NSgIrpt IRQ", 0, UINT32_MAX, &v);
	u->p.armsmmu.nsg_irq = (unsigned)v;
	ok &= span_uint(pc->d, &items[3], CHK_BAD_UNIT_PARAM, "BYPASS", 0, 1, &v);
	u->p.armsmmu.bypass = (unsigned)v;
	if (n >= 5) {
		ns = span_split(&items[4], ':', sids, UNIT_MAX_SIDS + 1);
		if (ns > UNIT_MAX_SIDS) {
			diag_report(pc->d, CHK_BAD_UNIT_PARAM, &sids[UNIT_MAX_SIDS].pos,
				    "more than %d stream IDs", UNIT_MAX_SIDS);
			ok = false;
			ns = UNIT_MAX_SIDS;
		}
		for (i = 0; i < ns; i++) {
			ok &= span_uint(pc->d, &sids[i], CHK_BAD_UNIT_PARAM, "stream ID", 0,
					UINT32_MAX, &v);
			u->p.armsmmu.sids[i] = (uint32_t)v;
		}
		u->p.armsmmu.nsids = (unsigned)ns;
	}
	if (n == 6) {
		if (items[5].len == 0) {
			diag_report(pc->d, CHK_BAD_UNIT_PARAM, &items[5].pos,
				    "empty CFGLIB name");
			return false;
		}
		u->p.armsmmu.cfglib = strndup(items[5].s, items[5].len);
	}
	return ok;
}

bool params_unit(const struct param_ctx *pc, enum smmu_type t, struct unit *u,
		 const struct stmt *st)
{
	static const char *const forms[] = {
		[SMMU_VTD] = "PADDR",
		[SMMU_ARMSMMUV3] = "PADDR[,EVTQ_IRQ[,GERROR_IRQ]]",
		[SMMU_ARMSMMU] = "PADDR,NScIrpt,NSgIrpt,BYPASS[,SID:SID...[,CFGLIB]]",
		[SMMU_RCAR3] = "PADDR,INTR_STATUS_BIT",
	};
	const char *param = st->u.unit->param;
	struct span all, items[4];
	uint64_t v;
	size_t n;
	bool ok;

	if (t == SMMU_UNKNOWN)
		return false;
	if (!param) {
		diag_report(pc->d, CHK_BAD_UNIT_PARAM, &st->u.unit->name_pos,
			    "%s unit '%s' needs %s", smmu_type_name(t), st->u.unit->name,
			    forms[t]);
		return false;
	}
	all = param_span(param, &st->u.unit->param_pos);
	if (t == SMMU_ARMSMMU)
		return armsmmu_unit(pc, u, &all);
	n = span_split(&all, ',', items, 4);
	switch (t) {
	case SMMU_VTD:
		if (!count_ok(pc, CHK_BAD_UNIT_PARAM, &all, items, n, 1, 1, forms[t]))
			return false;
		return address(pc, &items[0], "vtd register base", &u->p.vtd.base);
	case SMMU_ARMSMMUV3:
		u->p.armsmmuv3.evtq_irq = -1;
		u->p.armsmmuv3.gerror_irq = -1;
		if (!count_ok(pc, CHK_BAD_UNIT_PARAM, &all, items, n, 1, 3, forms[t]))
			return false;
		ok = address(pc, &items[0], "armsmmuv3 register base", &u->p.armsmmuv3.paddr);
		if (n >= 2) {
			if (span_uint(pc->d, &items[1], CHK_BAD_UNIT_PARAM, "event queue IRQ", 0,
				      INT_MAX, &v))
				u->p.armsmmuv3.evtq_irq = (int)v;
			else
				ok = false;
		}
		if (n >= 3) {
			if (span_uint(pc->d, &items[2], CHK_BAD_UNIT_PARAM, "global error IRQ",
				      0, INT_MAX, &v))
				u->p.armsmmuv3.gerror_irq = (int)v;
			else
				ok = false;
		}
		return ok;
	case SMMU_RCAR3:
		if (!count_ok(pc, CHK_BAD_UNIT_PARAM, &all, items, n, 2, 2, forms[t]))
			return false;
		ok = address(pc, &items[0], "rcar3 unit register base", &u->p.rcar3.paddr);
		ok &= span_uint(pc->d, &items[1], CHK_BAD_UNIT_PARAM, "interrupt status bit", 0,
				31, &v);
		u->p.rcar3.intr_bit = (unsigned)v;
		return ok;
	default:
		return false;
	}
}

bool params_use(const struct param_ctx *pc, enum smmu_type t, struct device *dev,
		const struct stmt *st)
{
	const char *param = st->u.use->param;
	const char *what = t == SMMU_RCAR3 ? "micro-TLB number" : "StreamID";
	uint64_t max = t == SMMU_RCAR3 ? 255 : UINT32_MAX, v;
	struct span all;

	dev->has_use_param = false;
	dev->use_param = 0;
	switch (t) {
	case SMMU_VTD:
		if (param) {
			diag_report(pc->d, CHK_BAD_USE_PARAM, &st->u.use->param_pos,
				    "vtd units take no 'use' parameter, not '%s'", param);
			return false;
		}
		return true;
	case SMMU_ARMSMMUV3:
		if (!param)
			return true; /* a PCI function's StreamID is its requester ID */
		break;
	case SMMU_ARMSMMU:
	case SMMU_RCAR3:
		if (!param) {
			diag_report(pc->d, CHK_BAD_USE_PARAM, &st->u.use->unit_pos,
				    "%s 'use' needs the device's %s: use %s %s",
				    smmu_type_name(t), what, st->u.use->unit,
				    t == SMMU_RCAR3 ? "UTLB" : "STREAMID");
			return false;
		}
		break;
	default:
		return false;
	}
	all = param_span(param, &st->u.use->param_pos);
	if (!span_uint(pc->d, &all, CHK_BAD_USE_PARAM, what, 0, max, &v))
		return false;
	dev->has_use_param = true;
	dev->use_param = v;
	return true;
}
