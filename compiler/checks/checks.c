/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The named check table, in the manner of dtc: every diagnostic belongs to a
 * check with a stable name, a default level and prerequisites. Checks whose
 * function is NULL fire from the scanner, parser or sema; the others run
 * here over the parsed configuration, prerequisites first. A check whose
 * prerequisite failed at error level is skipped, so one bad line does not
 * produce a cascade of follow-on reports.
 */
#include <stdlib.h>
#include <string.h>
#include "checks/checks.h"
#include "front/frontend.h"

struct check {
	const char *name;
	enum diag_level level;
	const char *desc;
	check_fn *fn;
	enum check_id prereq[4]; /* terminated by CHK_COUNT */
};

#define NONE   { CHK_COUNT }
#define E      DIAG_ERROR
#define W      DIAG_WARNING
#define N      DIAG_NOTE

static const struct check check_table[CHK_COUNT] = {
	[CHK_SYNTAX] = { "syntax", E, "the input does not follow the grammar", NULL, NONE },
	[CHK_UNKNOWN_STATEMENT] = { "unknown-statement", E,
		"a word where a statement starts is not a statement keyword", NULL, NONE },
	[CHK_BAD_NUMBER] = { "bad-number", E,
		"a malformed number, or a digit its radix does not have", NULL, NONE },
	[CHK_NUMBER_OVERFLOW] = { "number-overflow", E,
		"a number, or a number times its K/M/G multiplier, exceeds 64 bits", NULL, NONE },
	[CHK_REGION_OVERFLOW] = { "region-overflow", E,
		"start + length of a region wraps past the 64-bit address space",
		check_region_overflow, NONE },
	[CHK_ZERO_LENGTH] = { "zero-length", E, "a region of length 0", check_zero_length,
		NONE },
	[CHK_AMBIGUOUS_RADIX] = { "ambiguous-radix", W,
		"an unprefixed number with K/M/G reads differently in hex and decimal", NULL,
		NONE },
	[CHK_SPACE_IN_LIST] = { "space-in-list", E,
		"white space inside a comma-separated argument list", NULL, NONE },
	[CHK_BAD_PERMISSIONS] = { "bad-permissions", E,
		"permissions other than the letters s and t", NULL, NONE },
	[CHK_UNDEFINED_ALLOW] = { "undefined-allow", E,
		"a device names an allow set that no allow line defines",
		check_undefined_allow, NONE },
	[CHK_UNUSED_ALLOW] = { "unused-allow", W, "an allow set that no device names",
		check_unused_allow, NONE },
	[CHK_ALLOW_NAME_KEYWORD] = { "allow-name-keyword", E,
		"an allow set name that is a statement keyword", NULL, NONE },
	[CHK_DEVICE_CONFLICT] = { "device-conflict", E,
		"the same device spec is given two different allow sets",
		check_device_conflict, NONE },
	[CHK_DUPLICATE_DEVICE] = { "duplicate-device", W,
		"the same device spec is given the same allow set again",
		check_duplicate_device, NONE },
	[CHK_SHADOWED_SPEC] = { "shadowed-spec", N,
		"a PCI wildcard spec that a more specific spec overrides for some devices",
		check_shadowed_spec, { CHK_BAD_DEVICE_SPEC, CHK_DEVICE_CONFLICT, CHK_COUNT } },
	[CHK_BAD_DEVICE_SPEC] = { "bad-device-spec", E,
		"a malformed device spec, or a PCI bus/device/function out of range", NULL,
		NONE },
	[CHK_NO_CURRENT_DEVICE] = { "no-current-device", E,
		"reserved or use before any device line", check_no_current_device, NONE },
	[CHK_NO_CURRENT_SMMU] = { "no-current-smmu", E, "unit before any smmu line",
		check_no_current_smmu, NONE },
	[CHK_UNKNOWN_SMMU_TYPE] = { "unknown-smmu-type", E,
		"an smmu type other than vtd, armsmmuv3, armsmmu and rcar3", NULL, NONE },
	[CHK_BAD_SMMU_PARAM] = { "bad-smmu-param", E,
		"an smmu parameter its type does not accept", NULL, NONE },
	[CHK_BAD_UNIT_PARAM] = { "bad-unit-param", E,
		"a unit parameter its smmu type does not accept", NULL, NONE },
	[CHK_BAD_USE_PARAM] = { "bad-use-param", E,
		"a use parameter the unit's smmu type does not accept", NULL, NONE },
	[CHK_UNDEFINED_UNIT] = { "undefined-unit", E,
		"use names a unit that no earlier unit line declares", check_undefined_unit,
		NONE },
	[CHK_DUPLICATE_UNIT] = { "duplicate-unit", E, "a unit name declared twice",
		check_duplicate_unit, NONE },
	[CHK_UNALIGNED_REGION] = { "unaligned-region", W,
		"a region not 4 KiB aligned in start or length is widened to whole pages",
		check_unaligned_region, { CHK_REGION_OVERFLOW, CHK_ZERO_LENGTH, CHK_COUNT } },
	[CHK_OVERLAP_PERMS] = { "overlap-perms", W,
		"overlapping regions of one allow set with different permissions",
		check_overlap_perms, { CHK_REGION_OVERFLOW, CHK_ZERO_LENGTH, CHK_COUNT } },
	[CHK_WRITE_IMPLIES_READ] = { "write-implies-read", W,
		"a write-only region reaches an R-Car IPMMU, which grants read with write",
		check_write_implies_read, { CHK_UNDEFINED_UNIT, CHK_COUNT } },
	[CHK_BYPASS_ENABLED] = { "bypass-enabled", W,
		"an armsmmu unit lets unconfigured streams bypass translation",
		check_bypass_enabled, { CHK_BAD_UNIT_PARAM, CHK_COUNT } },
	[CHK_BROAD_GRANT] = { "broad-grant", W,
		"a region of 1 GiB or more or over address 0, or a PCI wildcard spec given "
		"an allow set",
		check_broad_grant, { CHK_REGION_OVERFLOW, CHK_COUNT } },
	[CHK_UNKNOWN_SET_VAR] = { "unknown-set-var", E, "set names an unknown variable",
		NULL, NONE },
	[CHK_SET_OUT_OF_RANGE] = { "set-out-of-range", E,
		"a set value outside its variable's range", NULL, NONE },
	[CHK_BAD_SAFETY] = { "bad-safety", E,
		"a safety level other than none, warn and required", NULL, NONE },
	[CHK_BAD_USER] = { "bad-user", E, "a malformed user specification", NULL, NONE },
	[CHK_UNRESOLVED_ASINFO] = { "unresolved-asinfo", E,
		"an $asinfo name that the asinfo map does not have", NULL, NONE },
	[CHK_INCLUDE_CYCLE] = { "include-cycle", E,
		"an @include cycle, includes nested deeper than 16, or past 1024 files or "
		"64 MiB read in one run", NULL, NONE },
	[CHK_GUEST_IGNORED] = { "guest-ignored", N,
		"with --guest: a reserved, smmu, unit or use line, which a guest ignores",
		check_guest_ignored, NONE },
	[CHK_TABLE_MEMORY_GRANT] = { "table-memory-grant", E,
		"a region grants smmuman's own table memory (--table-memory) to devices",
		check_table_memory_grant, { CHK_REGION_OVERFLOW, CHK_ZERO_LENGTH, CHK_COUNT } },
};

#undef NONE
#undef E
#undef W
#undef N

static bool valid_id(enum check_id id)
{
	return (unsigned)id < CHK_COUNT;
}

const char *check_name(enum check_id id)
{
	return valid_id(id) ? check_table[id].name : "?";
}

enum diag_level check_default_level(enum check_id id)
{
	return valid_id(id) ? check_table[id].level : DIAG_OFF;
}

const char *check_description(enum check_id id)
{
	return valid_id(id) ? check_table[id].desc : "";
}

const enum check_id *check_prereqs(enum check_id id)
{
	static const enum check_id none[1] = { CHK_COUNT };

	return valid_id(id) ? check_table[id].prereq : none;
}

int check_lookup(const char *name)
{
	for (int i = 0; i < CHK_COUNT; i++)
		if (strcmp(check_table[i].name, name) == 0)
			return i;
	return -1;
}

enum run_state { ST_NEW, ST_RUNNING, ST_PASSED, ST_FAILED, ST_SKIPPED };

static void run_check(struct check_run *r, enum check_id id, enum run_state *state)
{
	const enum check_id *p;
	bool prereqs_ok = true;

	if (state[id] != ST_NEW)
		return;
	state[id] = ST_RUNNING;
	for (p = check_table[id].prereq; *p != CHK_COUNT; p++) {
		run_check(r, *p, state);
		if (state[*p] == ST_FAILED || state[*p] == ST_SKIPPED)
			prereqs_ok = false;
	}
	if (!prereqs_ok) {
		state[id] = ST_SKIPPED;
		return;
	}
	if (check_table[id].fn && r->d->level[id] != DIAG_OFF)
		check_table[id].fn(r);
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
	case STMT_USE:
		f = s->dev < 0 ? SF_NO_DEVICE : 0;
		break;
	case STMT_UNIT:
		f = s->smmu < 0 ? SF_NO_SMMU : 0;
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
