/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Lowering: configuration model -> policy blob records (see lower.h).
 *
 * Every order used here is canonical (sets by name, devices by spec key,
 * rules in source order within their owner, smmus and units in source
 * order), never an accident of the input, so the decompiled text compiles
 * back to the same bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lower/blobwrite.h"
#include "lower/lower.h"
#include "lower/lower_int.h"
#include "smmub.h"

#define PAGE 4096u

static int spec_kind(enum spec_kind k)
{
	switch (k) {
	case SPEC_PCI_ANY:
		return SMMUB_DEV_PCI_ANY;
	case SPEC_PCI_BUS:
		return SMMUB_DEV_PCI_BUS;
	case SPEC_PCI_DEV:
		return SMMUB_DEV_PCI_DEV;
	case SPEC_PCI_FUNC:
		return SMMUB_DEV_PCI_FUNC;
	case SPEC_MEM:
		break;
	}
	return SMMUB_DEV_MEM;
}

static uint32_t spec_sid(const struct devspec *s)
{
	switch (s->kind) {
	case SPEC_PCI_FUNC:
		return s->bus << 8 | s->dev << 3 | s->fn;
	case SPEC_PCI_DEV:
		return s->bus << 8 | s->dev << 3;
	case SPEC_PCI_BUS:
		return s->bus << 8;
	default:
		return 0;
	}
}

static int dev_key_cmp(const void *a, const void *b)
{
	const struct ldev *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->sid != y->sid)
		return x->sid < y->sid ? -1 : 1;
	if (x->paddr != y->paddr)
		return x->paddr < y->paddr ? -1 : 1;
	return 0;
}

static const struct config *sort_cfg;

static int set_name_cmp(const void *a, const void *b)
{
	const int *x = a, *y = b;

	return strcmp(sort_cfg->sets[*x].name, sort_cfg->sets[*y].name);
}

static void free_lowered(struct lowered *lw)
{
	for (size_t i = 0; i < lw->ndoms; i++)
		free(lw->doms[i].regs);
	free(lw->doms);
	free(lw->devs);
	free(lw->set_order);
	free(lw->set_index);
	free(lw->dev_index);
}

/* Orders devices and sets canonically and maps model indices to them. */
static int order_records(const struct config *cfg, struct lowered *lw)
{
	lw->devs = calloc(cfg->ndevs ? cfg->ndevs : 1, sizeof(*lw->devs));
	lw->dev_index = calloc(cfg->ndevs ? cfg->ndevs : 1, sizeof(*lw->dev_index));
	lw->set_order = calloc(cfg->nsets ? cfg->nsets : 1, sizeof(*lw->set_order));
	lw->set_index = calloc(cfg->nsets ? cfg->nsets : 1, sizeof(*lw->set_index));
	if (!lw->devs || !lw->dev_index || !lw->set_order || !lw->set_index)
		return -1;

	for (size_t i = 0; i < cfg->nsets; i++)
		lw->set_order[i] = (int)i;
	sort_cfg = cfg;
	qsort(lw->set_order, cfg->nsets, sizeof(int), set_name_cmp);
	for (size_t i = 0; i < cfg->nsets; i++)
		lw->set_index[lw->set_order[i]] = (uint32_t)i;

	for (size_t i = 0; i < cfg->ndevs; i++) {
		const struct device *dv = &cfg->devs[i];
		struct ldev *l = &lw->devs[i];

		l->model = i;
		l->kind = (uint32_t)spec_kind(dv->spec->kind);
		l->sid = spec_sid(dv->spec);
		if (dv->spec->kind == SPEC_MEM) {
			l->paddr = dv->spec->paddr.value;
			l->length = dv->spec->len.value;
		}
	}
	qsort(lw->devs, cfg->ndevs, sizeof(*lw->devs), dev_key_cmp);
	for (size_t i = 0; i < cfg->ndevs; i++)
		lw->dev_index[lw->devs[i].model] = (uint32_t)i;
	return 0;
}

static bool region_late(const struct region *r)
{
	return !r->start->resolved || !r->len->resolved;
}

/* Appends the widened range of r to the event list; false if late. */
static bool add_range(struct span_list *sl, const struct region *r, unsigned perms, bool resv)
{
	uint64_t s, e;

	if (region_late(r))
		return false;
	s = r->start->value & ~(uint64_t)(PAGE - 1);
	/* checks (region-overflow, zero-length) ran: start + len - 1 fits */
	e = (r->start->value + (r->len->value - 1)) | (PAGE - 1);
	return span_add(sl, s, e, perms, resv) == 0;
}

/*
 * The grants of one device: its set's regions plus its reserved lines,
 * unioned page by page. Sets *late when a reference is left for boot.
 */
static int device_grants(const struct config *cfg, const struct device *dv,
			 struct span_list *sl, bool *late)
{
	*late = false;
	sl->n = 0;
	if (dv->set >= 0) {
		const struct allow_set *as = &cfg->sets[dv->set];

		for (size_t i = 0; i < as->nregs; i++)
			if (!add_range(sl, &as->regs[i], as->regs[i].perms, false))
				*late = true;
	}
	for (size_t i = 0; i < dv->nreserved; i++)
		if (!add_range(sl, &dv->reserved[i], PERM_S | PERM_T, true))
			*late = true;
	if (sl->oom)
		return -1;
	return 0;
}

/*
 * One domain per distinct grant; devices are visited in DEVICES order, so a
 * domain's number is the order of its first device and did = index + 1.
 * Devices with a set and no reserved lines have the set's domain: it is
 * merged once per set, not once per device (many devices, one large set).
 */
static int assign_domains(const struct config *cfg, struct lowered *lw)
{
	struct span_list sl = { 0 };
	struct dom_table dt;
	long *set_dom = malloc((cfg->nsets ? cfg->nsets : 1) * sizeof(*set_dom));
	int rc = -1;

	if (!set_dom || dom_table_init(&dt, cfg->ndevs)) {
		free(set_dom);
		return -1;
	}
	for (size_t i = 0; i < cfg->nsets; i++)
		set_dom[i] = -1;
	for (size_t i = 0; i < cfg->ndevs; i++) {
		struct ldev *l = &lw->devs[i];
		const struct device *dv = &cfg->devs[l->model];
		struct ldom key = { 0 };
		bool late;
		long d;

		l->domain = SMMUB_NONE;
		if (dv->set < 0 && dv->nreserved == 0)
			continue;
		if (dv->nreserved == 0 && set_dom[dv->set] >= 0) {
			l->domain = (uint32_t)set_dom[dv->set];
			continue;
		}
		if (device_grants(cfg, dv, &sl, &late))
			goto out;
		key.owned = dv->set >= 0;
		if (late) {
			/* shared only by devices with the same set and no reserved lines */
			key.late = true;
			key.late_set = dv->nreserved ? -1 : dv->set;
			key.late_dev = dv->nreserved ? (long)i : -1;
		} else if (span_merge(&sl, &key.regs, &key.nregs)) {
			goto out;
		}
		d = dom_table_get(&dt, &key, lw, (uint32_t)i);
		if (d < 0) {
			free(key.regs);
			goto out;
		}
		l->domain = (uint32_t)d;
		if (dv->nreserved == 0)
			set_dom[dv->set] = d;
	}
	rc = 0;
out:
	span_free(&sl);
	dom_table_free(&dt);
	free(set_dom);
	return rc;
}

int lower_policy(const struct config *cfg, struct diag_ctx *d, const struct lower_opts *o,
		 struct blobw *bb, uint32_t *blob_flags)
{
	struct lowered lw = { 0 };
	int rc = -1;

	if (cfg->ndevs >= SMMUB_NONE || cfg->nsets >= SMMUB_NONE) {
		diag_fatal(d, "too many devices or allow sets for the blob format");
		return -1;
	}
	if (order_records(cfg, &lw) || assign_domains(cfg, &lw)) {
		diag_fatal(d, "out of memory while lowering the policy");
		goto out;
	}
	rc = lower_emit(cfg, d, o, &lw, bb, blob_flags);
out:
	free_lowered(&lw);
	return rc;
}
