/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Running the named checks (their catalogue is front/checklist.c). Checks
 * without a function here fire from the scanner, parser or sema; the others
 * run here over the parsed configuration, prerequisites first. A check whose
 * prerequisite failed at error level is skipped, so one bad line does not
 * produce a cascade of follow-on reports.
 */
#include <stdlib.h>
#include <string.h>
#include "checks/checks.h"
#include "front/frontend.h"

/* The checks that run over the configuration; the others fire while parsing. */
static check_fn *const check_fns[CHK_COUNT] = {
	[CHK_REGION_OVERFLOW] = check_region_overflow,
	[CHK_ZERO_LENGTH] = check_zero_length,
	[CHK_UNDEFINED_ALLOW] = check_undefined_allow,
	[CHK_UNUSED_ALLOW] = check_unused_allow,
	[CHK_DEVICE_CONFLICT] = check_device_conflict,
	[CHK_DUPLICATE_DEVICE] = check_duplicate_device,
	[CHK_SHADOWED_SPEC] = check_shadowed_spec,
	[CHK_NO_CURRENT_DEVICE] = check_no_current_device,
	[CHK_NO_CURRENT_SMMU] = check_no_current_smmu,
	[CHK_UNDEFINED_UNIT] = check_undefined_unit,
	[CHK_DUPLICATE_UNIT] = check_duplicate_unit,
	[CHK_UNALIGNED_REGION] = check_unaligned_region,
	[CHK_OVERLAP_PERMS] = check_overlap_perms,
	[CHK_WRITE_IMPLIES_READ] = check_write_implies_read,
	[CHK_BYPASS_ENABLED] = check_bypass_enabled,
	[CHK_BROAD_GRANT] = check_broad_grant,
	[CHK_GUEST_IGNORED] = check_guest_ignored,
	[CHK_TABLE_MEMORY_GRANT] = check_table_memory_grant,
	[CHK_MIXED_SMMU_TYPES] = check_mixed_smmu_types,
	[CHK_NO_UNITS] = check_no_units,
	[CHK_STREAM_ID_MISSING] = check_stream_id_missing,
	[CHK_STREAM_ID_CONFLICT] = check_stream_id_conflict,
};

enum run_state { ST_NEW, ST_RUNNING, ST_PASSED, ST_FAILED, ST_SKIPPED };

static void run_check(struct check_run *r, enum check_id id, enum run_state *state)
{
	const enum check_id *p;
	bool prereqs_ok = true;

	if (state[id] != ST_NEW)
		return;
	state[id] = ST_RUNNING;
	for (p = check_prereqs(id); *p != CHK_COUNT; p++) {
		run_check(r, *p, state);
		if (state[*p] == ST_FAILED || state[*p] == ST_SKIPPED)
			prereqs_ok = false;
	}
	if (!prereqs_ok) {
		state[id] = ST_SKIPPED;
		return;
	}
	if (check_fns[id] && r->d->level[id] != DIAG_OFF)
		check_fns[id](r);
	state[id] = diag_failed(r->d, id) ? ST_FAILED : ST_PASSED;
}

void checks_run(struct config *cfg, struct diag_ctx *d)
{
	enum run_state state[CHK_COUNT] = { ST_NEW };
	struct check_run r = { .cfg = cfg, .d = d };

	for (int i = 0; i < CHK_COUNT; i++)
		run_check(&r, (enum check_id)i, state);
	free(r.by_kind);
	free(r.flagged);
}

/* ---- the shared scan ---------------------------------------------------- */

static unsigned context_flags(const struct config *cfg, const struct stmt *s)
{
	unsigned f = 0;

	switch (s->kind) {
	case STMT_RESERVED:
		f = s->u.reserved->dev < 0 ? SF_NO_DEVICE : 0;
		break;
	case STMT_USE:
		f = s->u.use->dev < 0 ? SF_NO_DEVICE : 0;
		break;
	case STMT_UNIT:
		f = s->u.unit->smmu < 0 ? SF_NO_SMMU : 0;
		break;
	case STMT_SMMU:
		break;
	default:
		return 0;
	}
	return cfg->guest ? SF_GUEST : f; /* a guest ignores these lines */
}

/* Two passes: count the kinds, then place the indices and note the flags. */
int check_scan(struct check_run *r)
{
	const struct config *cfg = r->cfg;
	size_t pos[STMT_KINDS], nflag = 0, cap = 0;

	if (r->scanned)
		return r->by_kind ? 0 : -1;
	r->scanned = true;
	if (cfg->nstmts >= UINT32_MAX)
		goto nomem;
	memset(r->kind_start, 0, sizeof(r->kind_start));
	for (size_t i = 0; i < cfg->nstmts; i++)
		r->kind_start[cfg->stmts[i].kind + 1]++;
	for (int k = 0; k < STMT_KINDS; k++) {
		r->kind_start[k + 1] += r->kind_start[k];
		pos[k] = r->kind_start[k];
	}
	r->by_kind = malloc((cfg->nstmts ? cfg->nstmts : 1) * sizeof(*r->by_kind));
	if (!r->by_kind)
		goto nomem;
	for (size_t i = 0; i < cfg->nstmts; i++) {
		const struct stmt *s = &cfg->stmts[i];
		unsigned f = region_flags(s) | context_flags(cfg, s);

		r->by_kind[pos[s->kind]++] = (uint32_t)i;
		if (!f)
			continue;
		if (nflag == cap) {
			struct flagged *n;

			cap = cap ? 2 * cap : 16;
			n = realloc(r->flagged, cap * sizeof(*n));
			if (!n)
				goto nomem;
			r->flagged = n;
		}
		r->flagged[nflag++] = (struct flagged){ (uint32_t)i, f };
	}
	r->nflagged = nflag;
	return 0;
nomem:
	free(r->by_kind);
	r->by_kind = NULL;
	diag_fatal(r->d, "out of memory while checking");
	return -1;
}

const uint32_t *check_stmts(struct check_run *r, enum stmt_kind k, size_t *n)
{
	*n = 0;
	if (check_scan(r) < 0)
		return NULL;
	*n = r->kind_start[k + 1] - r->kind_start[k];
	return r->by_kind + r->kind_start[k];
}

const struct flagged *check_flagged(struct check_run *r, size_t *n)
{
	*n = 0;
	if (check_scan(r) < 0)
		return NULL;
	*n = r->nflagged;
	return r->flagged;
}

void each_flagged(struct check_run *run, unsigned flag,
		  void (*fn)(struct diag_ctx *d, const struct stmt *s))
{
	size_t n;
	const struct flagged *f = check_flagged(run, &n);

	for (size_t i = 0; i < n; i++)
		if (f[i].flags & flag)
			fn(run->d, &run->cfg->stmts[f[i].stmt]);
}

const struct srcpos *num_or_stmt_pos(const struct num *n, const struct stmt *s)
{
	return (n && n->pos.file && n->pos.line) ? &n->pos : &s->pos;
}
