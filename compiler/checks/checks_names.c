/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Checks about names and context: allow sets, device specs, units, the
 * current device/smmu, guest mode. They use what sema already indexed
 * (sets, devices), the statement lists of check_scan, and a hash index for
 * unit names, so every check stays linear in the number of statements.
 */
#include <stdlib.h>
#include <string.h>
#include "checks/checks.h"
#include "front/ntab.h"
#include "front/parse.h"

#define NO_STMT UINT32_MAX

static void out_of_memory(struct diag_ctx *d, const char *check)
{
	diag_fatal(d, "out of memory in check '%s'", check);
}

static const struct srcpos *pos_or(const struct srcpos *p, const struct srcpos *fallback)
{
	return (p->file && p->line) ? p : fallback;
}

/* ---- allow sets ------------------------------------------------------ */

/*
 * sema keeps one allow_set per name, defined by its allow lines and counting
 * the device statements that name it, so these two checks need no lookups.
 */
void check_undefined_allow(struct check_run *run)
{
	const struct config *cfg = run->cfg;

	for (size_t i = 0; i < cfg->nsets; i++) {
		const struct allow_set *set = &cfg->sets[i];

		/* an invalid name was a syntax error already: one error, no cascade */
		if (!set->defined && name_valid(set->name, strlen(set->name)))
			diag_report(run->d, CHK_UNDEFINED_ALLOW, &set->pos,
				    "allow set '%s' is not defined (no 'allow %s' line)", set->name,
				    set->name);
	}
}

void check_unused_allow(struct check_run *run)
{
	const struct config *cfg = run->cfg;

	for (size_t i = 0; i < cfg->nsets; i++) {
		const struct allow_set *set = &cfg->sets[i];
		const struct srcpos *pos = &set->pos;

		if (!set->defined || set->users || !name_valid(set->name, strlen(set->name)))
			continue;
		/* point at the name of the first allow line rather than its keyword */
		if (set->nregs && set->regs[0].stmt < cfg->nstmts)
			pos = pos_or(&cfg->stmts[set->regs[0].stmt].u.allow->name_pos, pos);
		diag_report(run->d, CHK_UNUSED_ALLOW, pos, "allow set '%s' is not used by any device",
			    set->name);
	}
}

/* ---- device specs ---------------------------------------------------- */

/*
 * sema gives each distinct spec one device and sets stmt.dev of a device
 * statement to it. Naming a spec again without an allow set only makes it
 * current again, and a first allow set may come with any later naming (that
 * is how sema attaches it). A second naming with the same set is
 * duplicate-device, with another set device-conflict; 'which' says which of
 * the two this run reports.
 */
static void scan_devices(struct check_run *run, enum check_id which)
{
	const struct config *cfg = run->cfg;
	struct diag_ctx *d = run->d;
	size_t n;
	const uint32_t *dv = check_stmts(run, STMT_DEVICE, &n);
	uint32_t *set_stmt = malloc((cfg->ndevs ? cfg->ndevs : 1) * sizeof(*set_stmt));

	if (!set_stmt) {
		out_of_memory(d, check_name(which));
		return;
	}
	for (size_t i = 0; i < cfg->ndevs; i++)
		set_stmt[i] = NO_STMT;
	for (size_t i = 0; i < n; i++) {
		const struct stmt *s = &cfg->stmts[dv[i]], *prev;
		int dev = s->u.device->dev;
		char spec[96];

		if (!s->u.device->allow || dev < 0 || (size_t)dev >= cfg->ndevs)
			continue;
		if (set_stmt[dev] == NO_STMT) {
			set_stmt[dev] = dv[i];
			continue;
		}
		prev = &cfg->stmts[set_stmt[dev]];
		if ((strcmp(prev->u.device->allow, s->u.device->allow) == 0) !=
		    (which == CHK_DUPLICATE_DEVICE))
			continue;
		devspec_format(&s->u.device->spec, spec, sizeof(spec));
		if (which == CHK_DUPLICATE_DEVICE) {
			diag_report(d, which, pos_or(&s->u.device->spec.pos, &s->pos),
				    "%s is given allow set '%s' again", spec, s->u.device->allow);
			diag_note_at(d, pos_or(&prev->u.device->spec.pos, &prev->pos),
				     "first given here");
		} else {
			diag_report(d, which, pos_or(&s->u.device->allow_pos, &s->pos),
				    "%s is given allow set '%s', but it has allow set '%s'",
				    spec, s->u.device->allow, prev->u.device->allow);
			diag_note_at(d, pos_or(&prev->u.device->allow_pos, &prev->pos),
				     "previous definition here");
		}
	}
	free(set_stmt);
}

void check_device_conflict(struct check_run *run)
{
	scan_devices(run, CHK_DEVICE_CONFLICT);
}

void check_duplicate_device(struct check_run *run)
{
	scan_devices(run, CHK_DUPLICATE_DEVICE);
}

/*
 * A PCI spec in compact form, so that shadowed-spec reads each (large)
 * device record once. level: pci:* 0, pci:B:* 1, pci:B:D.* 2, pci:B:D.F 3.
 */
struct pci_ref {
	uint32_t level, bus, dev;
	uint32_t idx;       /* in cfg->devs */
	uint32_t count;     /* more specific specs under this wildcard */
	uint32_t by;        /* the first of them, in refs[] */
};

struct wild_key {
	uint32_t level, bus, dev;
};

static bool wild_eq(const void *ctx, size_t item, const void *key)
{
	const struct pci_ref *r = (const struct pci_ref *)ctx + item;
	const struct wild_key *k = key;

	return r->level == k->level && r->bus == k->bus && r->dev == k->dev;
}

/* The wildcard at (level, bus, dev) in refs, or -1; its key's hash in *hash. */
static long find_wild(const struct ntab *h, const struct pci_ref *refs, uint32_t level,
		      uint32_t bus, uint32_t dev, uint32_t *hash)
{
	struct wild_key k = { level, level >= 1 ? bus : 0, level >= 2 ? dev : 0 };

	*hash = ntab_hash(&k, sizeof(k));
	return ntab_find(h, *hash, wild_eq, refs, &k);
}

static void report_shadowed(struct diag_ctx *d, const struct config *cfg,
			    const struct pci_ref *refs, const struct pci_ref *w)
{
	const struct device *wd = &cfg->devs[w->idx], *o = &cfg->devs[refs[w->by].idx];
	char ws[96], os[96];

	devspec_format(wd->spec, ws, sizeof(ws));
	devspec_format(o->spec, os, sizeof(os));
	if (w->count == 1)
		diag_report(d, CHK_SHADOWED_SPEC, pos_or(&wd->spec->pos, device_pos(cfg, wd)),
			    "%s is overridden for %s", ws, os);
	else
		diag_report(d, CHK_SHADOWED_SPEC, pos_or(&wd->spec->pos, device_pos(cfg, wd)),
			    "%s is overridden for %s and %u more specs", ws, os, w->count - 1);
	diag_note_at(d, pos_or(&o->spec->pos, device_pos(cfg, o)), "%s is more specific", os);
}

/*
 * A device belongs to the most specific spec that matches it, so every
 * more specific spec takes its functions away from the wildcards above it:
 * each spec looks up its (at most three) ancestors in an index of the
 * wildcards, which is small and stays in cache.
 */
void check_shadowed_spec(struct check_run *run)
{
	const struct config *cfg = run->cfg;
	struct pci_ref *refs = malloc((cfg->ndevs ? cfg->ndevs : 1) * sizeof(*refs));
	size_t n = 0, nwild = 0;
	struct ntab h = { 0 };
	bool oom = false;

	_Static_assert(SPEC_PCI_ANY == 0 && SPEC_PCI_BUS == 1 && SPEC_PCI_DEV == 2 &&
			       SPEC_PCI_FUNC == 3,
		       "wildcard levels are the spec kinds");
	if (!refs) {
		out_of_memory(run->d, "shadowed-spec");
		return;
	}
	for (size_t i = 0; i < cfg->ndevs; i++) {
		const struct devspec *sp = cfg->devs[i].spec;

		if (sp->kind > SPEC_PCI_FUNC)
			continue;
		refs[n++] = (struct pci_ref){ sp->kind, sp->kind >= 1 ? sp->bus : 0,
					      sp->kind >= 2 ? sp->dev : 0, (uint32_t)i, 0, 0 };
		nwild += sp->kind <= SPEC_PCI_DEV;
	}
	if (!nwild) { /* nothing can be shadowed */
		free(refs);
		return;
	}
	for (size_t i = 0; i < n && !oom; i++) {
		uint32_t hash;

		if (refs[i].level <= 2 &&
		    find_wild(&h, refs, refs[i].level, refs[i].bus, refs[i].dev, &hash) < 0)
			oom = ntab_add(&h, hash, i) < 0;
	}
	if (oom) {
		out_of_memory(run->d, "shadowed-spec");
		ntab_free(&h);
		free(refs);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		for (uint32_t lvl = 0; lvl < refs[i].level; lvl++) {
			uint32_t hash;
			long a = find_wild(&h, refs, lvl, refs[i].bus, refs[i].dev, &hash);

			if (a >= 0 && refs[a].count++ == 0)
				refs[a].by = (uint32_t)i;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (refs[i].count)
			report_shadowed(run->d, cfg, refs, &refs[i]);
	ntab_free(&h);
	free(refs);
}

/* ---- context: current device, current smmu, units --------------------- */

static const char *kind_word(enum stmt_kind k)
{
	switch (k) {
	case STMT_RESERVED:
		return "reserved";
	case STMT_USE:
		return "use";
	case STMT_UNIT:
		return "unit";
	case STMT_SMMU:
		return "smmu";
	default:
		return "?";
	}
}

static void report_no_device(struct diag_ctx *d, const struct stmt *s)
{
	diag_report(d, CHK_NO_CURRENT_DEVICE, &s->pos,
		    "'%s' needs a current device, but no 'device' line comes before it",
		    kind_word(s->kind));
}

/* A guest ignores these lines: check_scan flags them for guest-ignored only. */
void check_no_current_device(struct check_run *run)
{
	each_flagged(run, SF_NO_DEVICE, report_no_device);
}

static void report_no_smmu(struct diag_ctx *d, const struct stmt *s)
{
	diag_report(d, CHK_NO_CURRENT_SMMU, &s->pos,
		    "'unit %s' needs a current smmu, but no 'smmu' line comes before it",
		    s->u.unit->name);
}

void check_no_current_smmu(struct check_run *run)
{
	each_flagged(run, SF_NO_SMMU, report_no_smmu);
}

static bool unit_stmt_eq(const void *ctx, size_t item, const void *key)
{
	const struct stmt *stmts = ctx;

	return strcmp(stmts[item].u.unit->name, key) == 0;
}

/* The first unit statement named name, or -1. */
static long find_unit(const struct ntab *h, const struct config *cfg, const char *name)
{
	return ntab_find(h, ntab_hash_str(name), unit_stmt_eq, cfg->stmts, name);
}

/* Index of every unit name to its first unit statement. -1 on failure. */
static int index_units(struct check_run *run, struct ntab *h)
{
	const struct config *cfg = run->cfg;
	size_t n;
	const uint32_t *u = check_stmts(run, STMT_UNIT, &n);

	*h = (struct ntab){ 0 };
	if (!u)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *name = cfg->stmts[u[i]].u.unit->name;

		if (name && find_unit(h, cfg, name) < 0 &&
		    ntab_add(h, ntab_hash_str(name), u[i]) < 0) {
			ntab_free(h);
			return -1;
		}
	}
	return 0;
}

void check_undefined_unit(struct check_run *run)
{
	const struct config *cfg = run->cfg;
	struct diag_ctx *d = run->d;
	struct ntab h;
	size_t n;
	const uint32_t *use;

	if (cfg->guest) /* a guest ignores unit and use lines */
		return;
	use = check_stmts(run, STMT_USE, &n);
	if (!use || index_units(run, &h) < 0) {
		out_of_memory(d, "undefined-unit");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct stmt *s = &cfg->stmts[use[i]], *u;
		long at;

		/* without a current device the line is already an error */
		if (s->u.use->dev < 0 || !s->u.use->unit)
			continue;
		at = find_unit(&h, cfg, s->u.use->unit);
		if (at < 0) {
			diag_report(d, CHK_UNDEFINED_UNIT, pos_or(&s->u.use->unit_pos, &s->pos),
				    "unit '%s' is not declared (no 'unit %s' line)", s->u.use->unit,
				    s->u.use->unit);
		} else if ((uint32_t)at > use[i]) {
			u = &cfg->stmts[at];
			diag_report(d, CHK_UNDEFINED_UNIT, pos_or(&s->u.use->unit_pos, &s->pos),
				    "unit '%s' is used before its 'unit' line", s->u.use->unit);
			diag_note_at(d, pos_or(&u->u.unit->name_pos, &u->pos), "declared here");
		}
	}
	ntab_free(&h);
}

void check_duplicate_unit(struct check_run *run)
{
	const struct config *cfg = run->cfg;
	struct diag_ctx *d = run->d;
	struct ntab h;
	size_t n;
	const uint32_t *units;

	if (cfg->guest)
		return;
	units = check_stmts(run, STMT_UNIT, &n);
	if (!units || index_units(run, &h) < 0) {
		out_of_memory(d, "duplicate-unit");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct stmt *s = &cfg->stmts[units[i]], *f;
		long at;

		if (!s->u.unit->name)
			continue;
		at = find_unit(&h, cfg, s->u.unit->name); /* found: index_units added it */
		if ((uint32_t)at == units[i])
			continue;
		f = &cfg->stmts[at];
		diag_report(d, CHK_DUPLICATE_UNIT, pos_or(&s->u.unit->name_pos, &s->pos),
			    "unit '%s' is declared twice", s->u.unit->name);
		diag_note_at(d, pos_or(&f->u.unit->name_pos, &f->pos), "first declared here");
	}
	ntab_free(&h);
}

void check_bypass_enabled(struct check_run *run)
{
	const struct config *cfg = run->cfg;

	for (size_t i = 0; i < cfg->nunits; i++) {
		const struct unit *u = &cfg->units[i];
		const struct stmt *s = &cfg->stmts[u->stmt];

		if (u->smmu < 0 || (size_t)u->smmu >= cfg->nsmmus ||
		    cfg->smmus[u->smmu].type != SMMU_ARMSMMU || !u->params_ok ||
		    !u->p.armsmmu.bypass)
			continue;
		diag_report(run->d, CHK_BYPASS_ENABLED, pos_or(&s->u.unit->param_pos, &u->pos),
			    "unit %s lets unconfigured streams bypass translation (BYPASS=1)",
			    u->name);
	}
}

static void report_guest(struct diag_ctx *d, const struct stmt *s)
{
	diag_report(d, CHK_GUEST_IGNORED, &s->pos, "'%s' is ignored in a guest",
		    kind_word(s->kind));
}

void check_guest_ignored(struct check_run *run)
{
	each_flagged(run, SF_GUEST, report_guest);
}

/*
 * One architecture per policy: smmuman picks its architecture from the smmu
 * lines and refuses a blob whose lines disagree (a Design Safe State), so
 * such a policy never boots. A guest ignores its smmu lines.
 */
void check_mixed_smmu_types(struct check_run *run)
{
	const struct config *cfg = run->cfg;

	if (cfg->guest)
		return;
	for (size_t i = 1; i < cfg->nsmmus; i++) {
		const struct smmu *a = &cfg->smmus[0], *b = &cfg->smmus[i];

		if (b->type == a->type || b->type == SMMU_UNKNOWN || a->type == SMMU_UNKNOWN)
			continue;
		diag_report(run->d, CHK_MIXED_SMMU_TYPES, &b->pos,
			    "smmu %s after smmu %s: smmuman drives one IOMMU architecture, and "
			    "refuses this policy", smmu_type_name(b->type), smmu_type_name(a->type));
		diag_note_at(run->d, &a->pos, "the policy's architecture is set here");
		return;
	}
}
