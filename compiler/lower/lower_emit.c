/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Lowering, second half: writes the ordered records as blob sections.
 * Fields are stored little-endian; strings are interned by the builder.
 */
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "blob/blob.h"
#include "lower/blobwrite.h"
#include "lower/lower_int.h"
#include "smmub.h"

/* A growable array of fixed-size records. */
struct vec {
	unsigned char *p;
	size_t n, cap, esz;
	bool oom;
};

static void *vec_push(struct vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		unsigned char *p = realloc(v->p, cap * v->esz);

		if (!p) {
			v->oom = true;
			return NULL;
		}
		v->p = p;
		v->cap = cap;
	}
	memset(v->p + v->n * v->esz, 0, v->esz);
	return v->p + v->esz * v->n++;
}

struct emit {
	const struct config *cfg;
	const struct lowered *lw;
	struct blobw *bb;
	struct vec syms, params, smmus, units, sets, rules, doms, regs, devs, relocs, safety;
	bool oom;
};

static uint32_t str(struct emit *e, const char *s)
{
	uint32_t off = blobw_str(e->bb, s);

	if (off == SMMUB_NONE) {
		e->oom = true;
		return 0;
	}
	return htole32(off);
}

static uint32_t sym(struct emit *e, uint32_t kind, const char *name, const struct srcpos *pos)
{
	struct smmub_symbol *s = vec_push(&e->syms);

	if (!s)
		return 0;
	s->kind = htole32(kind);
	s->name = str(e, name);
	s->file = str(e, srcfile_name(pos->file));
	s->line = htole32(pos->line);
	s->col = htole32(pos->col);
	return htole32((uint32_t)(e->syms.n - 1));
}

static uint32_t param(struct emit *e, uint64_t v)
{
	uint64_t *p = vec_push(&e->params);

	if (p)
		*p = htole64(v);
	return (uint32_t)(e->params.n - 1);
}

static int emit_smmus(struct emit *e, struct diag_ctx *d)
{
	const struct config *cfg = e->cfg;

	for (size_t i = 0; i < cfg->nsmmus; i++) {
		const struct smmu *sm = &cfg->smmus[i];
		struct smmub_smmu *r = vec_push(&e->smmus);
		uint32_t first = (uint32_t)e->params.n, flags = 0;

		if (!r)
			return -1;
		if (sm->type == SMMU_VTD) {
			if (sm->p.vtd.dmar == VTD_DMAR_REQUIRE)
				flags |= SMMUB_SMMU_VTD_REQUIRE;
			if (sm->p.vtd.dmar == VTD_DMAR_IGNORE)
				flags |= SMMUB_SMMU_VTD_IGNORE;
		} else if (sm->type == SMMU_RCAR3) {
			if (!sm->p.rcar3.paddr.resolved) {
				diag_fatal(d, "late binding is not supported for smmu parameters");
				return -1;
			}
			param(e, sm->p.rcar3.paddr.value);
			param(e, sm->p.rcar3.fault_irq);
			if (sm->p.rcar3.has_mm_fault_bit) {
				flags |= SMMUB_SMMU_RCAR3_MM_FAULT_BIT;
				param(e, sm->p.rcar3.mm_fault_bit);
			}
			for (unsigned k = 0; k < sm->p.rcar3.nsoc; k++)
				param(e, (uint64_t)sm->p.rcar3.soc[k].socid << 32 |
						 sm->p.rcar3.soc[k].revid);
		}
		r->type = htole32((uint32_t)sm->type);
		r->flags = htole32(flags);
		r->param_first = htole32(first);
		r->param_count = htole32((uint32_t)e->params.n - first);
		r->sym = sym(e, SMMUB_SYM_SMMU, smmub_smmu_type_name((uint32_t)sm->type), &sm->pos);
	}
	return 0;
}

static int unit_params(struct emit *e, struct diag_ctx *d, const struct unit *u,
		       enum smmu_type t, uint32_t *cfglib)
{
	const struct num *pa;

	switch (t) {
	case SMMU_VTD:
		pa = &u->p.vtd.base;
		break;
	case SMMU_ARMSMMUV3:
		pa = &u->p.armsmmuv3.paddr;
		break;
	case SMMU_ARMSMMU:
		pa = &u->p.armsmmu.paddr;
		break;
	case SMMU_RCAR3:
		pa = &u->p.rcar3.paddr;
		break;
	default:
		return 0;
	}
	if (!pa->resolved) {
		diag_fatal(d, "late binding is not supported for unit parameters");
		return -1;
	}
	param(e, pa->value);
	if (t == SMMU_ARMSMMUV3) {
		param(e, u->p.armsmmuv3.evtq_irq < 0 ? UINT64_MAX : (uint64_t)u->p.armsmmuv3.evtq_irq);
		param(e, u->p.armsmmuv3.gerror_irq < 0 ? UINT64_MAX
						       : (uint64_t)u->p.armsmmuv3.gerror_irq);
	} else if (t == SMMU_ARMSMMU) {
		param(e, u->p.armsmmu.nsc_irq);
		param(e, u->p.armsmmu.nsg_irq);
		param(e, u->p.armsmmu.bypass);
		for (unsigned k = 0; k < u->p.armsmmu.nsids; k++)
			param(e, u->p.armsmmu.sids[k]);
		if (u->p.armsmmu.cfglib)
			*cfglib = str(e, u->p.armsmmu.cfglib);
	} else if (t == SMMU_RCAR3) {
		param(e, u->p.rcar3.intr_bit);
	}
	return 0;
}

static int emit_units(struct emit *e, struct diag_ctx *d)
{
	const struct config *cfg = e->cfg;

	for (size_t i = 0; i < cfg->nunits; i++) {
		const struct unit *u = &cfg->units[i];
		struct smmub_unit *r = vec_push(&e->units);
		uint32_t first = (uint32_t)e->params.n, cfglib = 0;
		enum smmu_type t = u->smmu >= 0 ? cfg->smmus[u->smmu].type : SMMU_UNKNOWN;

		if (!r || unit_params(e, d, u, t, &cfglib))
			return -1;
		r = (struct smmub_unit *)(void *)(e->units.p + (e->units.n - 1) * e->units.esz);
		r->name = str(e, u->name);
		r->smmu = htole32(u->smmu >= 0 ? (uint32_t)u->smmu : SMMUB_NONE);
		r->param_first = htole32(first);
		r->param_count = htole32((uint32_t)e->params.n - first);
		r->sym = sym(e, SMMUB_SYM_UNIT, u->name, &u->pos);
		r->cfglib = cfglib;
	}
	return 0;
}

/* One rule per allow or reserved line; late fields become relocations. */
static void emit_rule(struct emit *e, const struct region *rg, uint32_t owner, bool resv,
		      const char *symname)
{
	struct smmub_rule *r = vec_push(&e->rules);
	uint32_t ri = (uint32_t)e->rules.n - 1, flags = 0;
	const struct stmt *st = &e->cfg->stmts[rg->stmt];

	if (!r)
		return;
	if (resv)
		flags |= SMMUB_RULE_RESERVED;
	else if (st->kind == STMT_ALLOW && st->u.allow->perms_given)
		flags |= SMMUB_RULE_PERMS_GIVEN;
	if (!rg->start->resolved || !rg->len->resolved)
		flags |= SMMUB_RULE_LATE;
	r->start = htole64(rg->start->resolved ? rg->start->value : 0);
	r->length = htole64(rg->len->resolved ? rg->len->value : 0);
	r->perms = htole32(rg->perms);
	r->flags = htole32(flags);
	r->owner = htole32(owner);
	r->sym = sym(e, resv ? SMMUB_SYM_RESERVED : SMMUB_SYM_RULE, symname,
		     region_pos(e->cfg, rg));
	for (int f = 0; f < 2; f++) {
		const struct num *n = f ? rg->len : rg->start;
		struct smmub_reloc *rl;

		if (n->resolved)
			continue;
		rl = vec_push(&e->relocs);
		if (!rl)
			return;
		rl->rule = htole32(ri);
		rl->field = htole32(f ? SMMUB_RELOC_LENGTH : SMMUB_RELOC_START);
		rl->name = str(e, num_asinfo(n));
	}
}

static void emit_sets(struct emit *e)
{
	const struct config *cfg = e->cfg;

	for (size_t i = 0; i < cfg->nsets; i++) {
		const struct allow_set *as = &cfg->sets[e->lw->set_order[i]];
		struct smmub_set *r = vec_push(&e->sets);
		uint32_t first = (uint32_t)e->rules.n;

		if (!r)
			return;
		r->name = str(e, as->name);
		r->sym = sym(e, SMMUB_SYM_SET, as->name, &as->pos);
		for (size_t k = 0; k < as->nregs; k++)
			emit_rule(e, &as->regs[k], (uint32_t)i, false, as->name);
		r = (struct smmub_set *)(void *)(e->sets.p + i * e->sets.esz);
		r->rule_first = htole32(first);
		r->rule_count = htole32((uint32_t)e->rules.n - first);
	}
}

static void emit_devices(struct emit *e, struct diag_ctx *d, bool *bad)
{
	const struct config *cfg = e->cfg;
	char spec[96];

	for (size_t i = 0; i < cfg->ndevs; i++) {
		const struct ldev *l = &e->lw->devs[i];
		const struct device *dv = &cfg->devs[l->model];
		struct smmub_device *r = vec_push(&e->devs);

		if (!r)
			return;
		if (dv->spec->kind == SPEC_MEM &&
		    (!dv->spec->paddr.resolved || !dv->spec->len.resolved)) {
			diag_fatal(d, "late binding is not supported for mem: device specs");
			*bad = true;
			return;
		}
		devspec_format(dv->spec, spec, sizeof(spec));
		r->kind = htole32(l->kind);
		r->sid = htole32(l->sid);
		r->paddr = htole64(l->paddr);
		r->length = htole64(l->length);
		r->domain = htole32(l->domain);
		r->unit = htole32(dv->unit >= 0 ? (uint32_t)dv->unit : SMMUB_NONE);
		r->set = htole32(dv->set >= 0 ? e->lw->set_index[dv->set] : SMMUB_NONE);
		r->flags = htole32(dv->has_use_param ? SMMUB_DEVF_USE_PARAM : 0);
		r->use_param = htole64(dv->has_use_param ? dv->use_param : 0);
		r->sym = sym(e, SMMUB_SYM_DEVICE, spec, device_pos(cfg, dv));
		r->use_sym = htole32(SMMUB_NONE);
		if (dv->unit >= 0)
			r->use_sym = sym(e, SMMUB_SYM_USE, cfg->units[dv->unit].name,
					 &cfg->stmts[dv->use_stmt].pos);
	}
	/* reserved lines follow every set's rules, in DEVICES order */
	for (size_t i = 0; i < cfg->ndevs; i++) {
		const struct device *dv = &cfg->devs[e->lw->devs[i].model];

		if (dv->nreserved)
			devspec_format(dv->spec, spec, sizeof(spec));
		for (size_t k = 0; k < dv->nreserved; k++)
			emit_rule(e, &dv->reserved[k], (uint32_t)i, true, spec);
	}
}

static void emit_domains(struct emit *e)
{
	for (size_t i = 0; i < e->lw->ndoms; i++) {
		const struct ldom *dm = &e->lw->doms[i];
		struct smmub_domain *r = vec_push(&e->doms);
		uint32_t first = (uint32_t)e->regs.n;

		if (!r)
			return;
		for (size_t k = 0; k < dm->nregs; k++) {
			struct smmub_region *g = vec_push(&e->regs);

			if (!g)
				return;
			g->start = htole64(dm->regs[k].start);
			g->length = htole64(dm->regs[k].length);
			g->perms = htole32(dm->regs[k].perms);
			g->flags = htole32(dm->regs[k].flags);
		}
		r = (struct smmub_domain *)(void *)(e->doms.p + i * e->doms.esz);
		r->region_first = htole32(first);
		r->region_count = htole32((uint32_t)e->regs.n - first);
		r->did = htole32((uint32_t)i + 1);
		r->flags = htole32((dm->owned ? SMMUB_DOM_OWNED : 0) | (dm->late ? SMMUB_DOM_LATE : 0));
		r->device_first = htole32(dm->device_first);
	}
}

static const struct config *safety_cfg;

static int safety_cmp(const void *a, const void *b)
{
	const size_t *x = a, *y = b;

	return strcmp(safety_cfg->settings.comps[*x].component,
		      safety_cfg->settings.comps[*y].component);
}

static int emit_settings(struct emit *e)
{
	const struct settings *s = &e->cfg->settings;
	struct smmub_settings st = { 0 };
	uint32_t flags = 0;
	size_t *order = calloc(s->ncomps ? s->ncomps : 1, sizeof(*order));

	if (!order)
		return -1;
	if (s->foreground)
		flags |= SMMUB_SET_FOREGROUND;
	if (s->slogger2_required)
		flags |= SMMUB_SET_SLOGGER2_REQUIRED;
	if (s->safety_set)
		flags |= SMMUB_SET_SAFETY_GIVEN;
	if (s->grow_heap)
		flags |= SMMUB_SET_GROW_HEAP;
	if (s->message_block_timeout != 100)
		flags |= SMMUB_SET_MBT;
	if (s->user.set) {
		flags |= SMMUB_SET_USER;
		if (s->user.has_uid)
			flags |= SMMUB_SET_USER_UID;
		if (s->user.has_gid)
			flags |= SMMUB_SET_USER_GID;
		st.user_name = str(e, s->user.name);
		st.uid = htole32(s->user.uid);
		st.gid = htole32(s->user.gid);
		st.ngroups = htole32(s->user.ngroups);
		for (unsigned i = 0; i < s->user.ngroups && i < SMMUB_MAX_GROUPS; i++)
			st.groups[i] = htole32(s->user.groups[i]);
	}
	st.flags = htole32(flags);
	st.debug = htole32(s->debug);
	st.safety = htole32((uint32_t)s->safety);
	st.message_block_timeout = htole32(s->message_block_timeout);
	st.grow_heap = htole64(s->grow_heap);

	for (size_t i = 0; i < s->ncomps; i++)
		order[i] = i;
	safety_cfg = e->cfg;
	qsort(order, s->ncomps, sizeof(*order), safety_cmp);
	for (size_t i = 0; i < s->ncomps; i++) {
		struct smmub_safety *r = vec_push(&e->safety);

		if (!r)
			break;
		r->component = str(e, s->comps[order[i]].component);
		r->level = htole32((uint32_t)s->comps[order[i]].level);
	}
	free(order);
	return blobw_section(e->bb, SMMUB_SEC_SETTINGS, &st, 1, sizeof(st));
}

static int add(struct emit *e, uint32_t type, struct vec *v)
{
	return blobw_section(e->bb, type, v->p, (uint32_t)v->n, (uint32_t)v->esz);
}

int lower_emit(const struct config *cfg, struct diag_ctx *d, const struct lower_opts *o,
	       const struct lowered *lw, struct blobw *bb, uint32_t *blob_flags)
{
	struct emit e = {
		.cfg = cfg, .lw = lw, .bb = bb,
		.syms.esz = sizeof(struct smmub_symbol),
		.params.esz = sizeof(uint64_t),
		.smmus.esz = sizeof(struct smmub_smmu),
		.units.esz = sizeof(struct smmub_unit),
		.sets.esz = sizeof(struct smmub_set),
		.rules.esz = sizeof(struct smmub_rule),
		.doms.esz = sizeof(struct smmub_domain),
		.regs.esz = sizeof(struct smmub_region),
		.devs.esz = sizeof(struct smmub_device),
		.relocs.esz = sizeof(struct smmub_reloc),
		.safety.esz = sizeof(struct smmub_safety),
	};
	struct vec *all[] = { &e.syms, &e.params, &e.smmus, &e.units, &e.sets, &e.rules,
			      &e.doms, &e.regs, &e.devs, &e.relocs, &e.safety };
	bool bad = false;
	int rc = -1;

	if (emit_smmus(&e, d) || emit_units(&e, d))
		goto out;
	emit_sets(&e);
	emit_devices(&e, d, &bad);
	if (bad)
		goto out;
	emit_domains(&e);
	if (emit_settings(&e))
		e.oom = true;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		e.oom |= all[i]->oom;
	if (e.oom) {
		diag_fatal(d, "out of memory while lowering the policy");
		goto out;
	}
	if (e.relocs.n && !o->late_bind) {
		diag_fatal(d, "internal error: unresolved references without --late-bind");
		goto out;
	}
	if (add(&e, SMMUB_SEC_SYMBOLS, &e.syms) || add(&e, SMMUB_SEC_SAFETY, &e.safety) ||
	    add(&e, SMMUB_SEC_PARAMS, &e.params) || add(&e, SMMUB_SEC_SMMUS, &e.smmus) ||
	    add(&e, SMMUB_SEC_UNITS, &e.units) || add(&e, SMMUB_SEC_SETS, &e.sets) ||
	    add(&e, SMMUB_SEC_RULES, &e.rules) || add(&e, SMMUB_SEC_DOMAINS, &e.doms) ||
	    add(&e, SMMUB_SEC_REGIONS, &e.regs) || add(&e, SMMUB_SEC_DEVICES, &e.devs) ||
	    add(&e, SMMUB_SEC_RELOCS, &e.relocs)) {
		diag_fatal(d, "out of memory while writing the policy");
		goto out;
	}
	*blob_flags = (cfg->guest ? SMMUB_F_GUEST : 0) | (e.relocs.n ? SMMUB_F_LATE_BOUND : 0);
	rc = 0;
out:
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		free(all[i]->p);
	return rc;
}
