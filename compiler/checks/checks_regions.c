/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Checks about address ranges: validity, page granularity, permissions and
 * how much a grant opens. Regions whose numbers are not resolved were already
 * reported (bad-number, unresolved-asinfo, ...) and are skipped.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "checks/checks.h"
#include "front/target.h"

#define PAGE_MASK_LOW 0xfffULL
#define GIB (1ULL << 30)

/* One range as a statement writes it. */
struct rview {
	const struct num *start, *len;
	unsigned perms;  /* 0 for a mem: device spec, which grants nothing */
	bool device;     /* the mem: range of a device spec */
};

static bool stmt_region(const struct stmt *s, struct rview *r)
{
	switch (s->kind) {
	case STMT_ALLOW:
		*r = (struct rview){ &s->u.allow->start, &s->u.allow->len, s->u.allow->perms, false };
		return true;
	case STMT_RESERVED:
		*r = (struct rview){ &s->u.reserved->start, &s->u.reserved->len, PERM_S | PERM_T,
				     false };
		return true;
	case STMT_DEVICE:
		if (s->u.device->spec.kind != SPEC_MEM)
			return false;
		*r = (struct rview){ &s->u.device->spec.paddr, &s->u.device->spec.len, 0, true };
		return true;
	default:
		return false;
	}
}

static bool resolved(const struct num *start, const struct num *len)
{
	return start->resolved && len->resolved;
}

/* The exclusive end must be representable, so start + len never wraps. */
static bool wraps(uint64_t start, uint64_t len)
{
	return len > UINT64_MAX - start;
}

static bool valid(const struct num *start, const struct num *len)
{
	return resolved(start, len) && len->value && !wraps(start->value, len->value);
}

static const struct srcpos *pos_or_stmt(const struct srcpos *p, const struct stmt *s)
{
	return (p->file && p->line) ? p : &s->pos;
}

static const char *perm_str(unsigned p)
{
	static const char *const s[4] = { "-", "s", "t", "st" };

	return s[p & 3];
}

unsigned region_flags(const struct stmt *s)
{
	struct rview r;
	unsigned f = 0;

	if (s->kind == STMT_DEVICE && s->u.device->allow &&
	    (s->u.device->spec.kind == SPEC_PCI_ANY || s->u.device->spec.kind == SPEC_PCI_BUS))
		f |= SF_BROAD;
	if (!stmt_region(s, &r))
		return f;
	if (r.len->resolved && !r.len->value)
		f |= SF_ZERO;
	if (!resolved(r.start, r.len))
		return f;
	if (wraps(r.start->value, r.len->value))
		f |= SF_WRAPS;
	if (valid(r.start, r.len) && ((r.start->value | r.len->value) & PAGE_MASK_LOW))
		f |= SF_UNALIGNED;
	/*
	 * Page 0 holds x86's real-mode vectors and BIOS data, and address 0
	 * is where a driver's forgotten DMA address points.
	 */
	if (valid(r.start, r.len) && !r.device &&
	    (r.len->value >= GIB || r.start->value <= PAGE_MASK_LOW))
		f |= SF_BROAD;
	return f;
}

static void report_wraps(struct diag_ctx *d, const struct stmt *s)
{
	struct rview r;

	stmt_region(s, &r);
	diag_report(d, CHK_REGION_OVERFLOW, num_or_stmt_pos(r.start, s),
		    "%sregion 0x%" PRIx64 ",%" PRIu64
		    " wraps past the end of the 64-bit address space",
		    r.device ? "device " : "", r.start->value, r.len->value);
}

void check_region_overflow(struct check_run *run)
{
	each_flagged(run, SF_WRAPS, report_wraps);
}

static void report_zero(struct diag_ctx *d, const struct stmt *s)
{
	struct rview r;

	stmt_region(s, &r);
	if (r.start->resolved)
		diag_report(d, CHK_ZERO_LENGTH, num_or_stmt_pos(r.len, s),
			    "%sregion at 0x%" PRIx64 " has length 0", r.device ? "device " : "",
			    r.start->value);
	else
		diag_report(d, CHK_ZERO_LENGTH, num_or_stmt_pos(r.len, s),
			    "%sregion has length 0", r.device ? "device " : "");
}

void check_zero_length(struct check_run *run)
{
	each_flagged(run, SF_ZERO, report_zero);
}

static void report_unaligned(struct diag_ctx *d, const struct stmt *s)
{
	struct rview r;
	uint64_t start, len, wstart, last, wlast, wlen, extra;
	char wlen_s[24];

	stmt_region(s, &r);
	start = r.start->value;
	len = r.len->value;
	wstart = start & ~PAGE_MASK_LOW;
	last = start + len - 1;
	wlast = last | PAGE_MASK_LOW;
	extra = (start - wstart) + (wlast - last);
	wlen = wlast - wstart + 1;
	/* only [0, 2^64) as a whole has a length that does not fit */
	if (wlen)
		snprintf(wlen_s, sizeof(wlen_s), "0x%" PRIx64, wlen);
	else
		snprintf(wlen_s, sizeof(wlen_s), "0x10000000000000000");
	diag_report(d, CHK_UNALIGNED_REGION, num_or_stmt_pos(r.start, s),
		    "%sregion 0x%" PRIx64 ",%" PRIu64 " is widened to 0x%" PRIx64
		    ",%s: %" PRIu64 " extra bytes %s",
		    r.device ? "device " : "", start, len, wstart, wlen_s, extra,
		    r.device ? "covered" : "granted");
}

void check_unaligned_region(struct check_run *run)
{
	each_flagged(run, SF_UNALIGNED, report_unaligned);
}

/* A region of one set, in whole pages, for the overlap sweep. */
struct page_range {
	uint64_t first, last; /* page-widened, inclusive */
	unsigned perms;
	size_t reg;
};

static int page_range_cmp(const void *a, const void *b)
{
	const struct page_range *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	return x->reg < y->reg ? -1 : x->reg > y->reg;
}

static void report_overlap(struct diag_ctx *d, const struct config *cfg,
			   const struct allow_set *set, const struct page_range *a,
			   const struct page_range *b)
{
	const struct region *ra = &set->regs[a->reg], *rb = &set->regs[b->reg];
	uint64_t from = b->first > a->first ? b->first : a->first;
	uint64_t to = b->last < a->last ? b->last : a->last;
	/* byte-disjoint regions can still meet in one page */
	bool bytes = rb->start->value - ra->start->value < ra->len->value ||
		     ra->start->value - rb->start->value < rb->len->value;

	diag_report(d, CHK_OVERLAP_PERMS, rb->start->pos.line ? &rb->start->pos : region_pos(cfg, rb),
		    "region 0x%" PRIx64 ",%" PRIu64 ",%s %s 0x%" PRIx64 ",%" PRIu64
		    ",%s in allow set '%s': 0x%" PRIx64 "-0x%" PRIx64 " is granted %s",
		    rb->start->value, rb->len->value, perm_str(rb->perms),
		    bytes ? "overlaps" : "shares pages with", ra->start->value, ra->len->value,
		    perm_str(ra->perms), set->name, from, to, perm_str(ra->perms | rb->perms));
	diag_note_at(d, ra->start->pos.line ? &ra->start->pos : region_pos(cfg, ra),
		     "overlapped region here");
}

/*
 * Sorted by first page, a region overlaps an earlier one with other
 * permissions exactly when, for some other permission value, the farthest
 * reaching earlier region with that value reaches it. Three values (s, t,
 * st), so the sweep is linear after the sort.
 */
static int overlap_set(struct diag_ctx *d, const struct config *cfg, const struct allow_set *set)
{
	struct page_range *pr = malloc((set->nregs ? set->nregs : 1) * sizeof(*pr));
	const struct page_range *best[4] = { NULL };
	size_t n = 0;

	if (!pr)
		return -1;
	for (size_t i = 0; i < set->nregs; i++) {
		const struct region *r = &set->regs[i];

		if (!valid(r->start, r->len) || !(r->perms & 3))
			continue;
		pr[n++] = (struct page_range){ r->start->value & ~PAGE_MASK_LOW,
					       (r->start->value + r->len->value - 1) |
						       PAGE_MASK_LOW,
					       r->perms & 3, i };
	}
	qsort(pr, n, sizeof(*pr), page_range_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct page_range *r = &pr[i];

		for (unsigned p = 1; p <= 3; p++) {
			if (p != r->perms && best[p] && best[p]->last >= r->first) {
				report_overlap(d, cfg, set, best[p], r);
				break;
			}
		}
		if (!best[r->perms] || best[r->perms]->last < r->last)
			best[r->perms] = r;
	}
	free(pr);
	return 0;
}

void check_overlap_perms(struct check_run *run)
{
	for (size_t i = 0; i < run->cfg->nsets; i++) {
		if (overlap_set(run->d, run->cfg, &run->cfg->sets[i]) < 0) {
			diag_fatal(run->d, "out of memory in check 'overlap-perms'");
			return;
		}
	}
}

/* The types whose tables cannot deny a read where they allow a write. */
static const char *widens(int type)
{
	if (type == SMMU_RCAR3)
		return "on rcar3 (IPMMU cannot express write-only)";
	if (type == SMMU_ARMSMMUV3)
		return "at SMMUv3 stage 1 (profile smmuv3-s1, or a unit without stage 2)";
	return NULL;
}

/* The widening type the device's unit is of; with no unit, the only type the policy has. */
static const char *device_widens(const struct config *cfg, const struct device *dv,
				 const char *only)
{
	const struct unit *u;

	if (dv->unit < 0 || (size_t)dv->unit >= cfg->nunits)
		return only;
	u = &cfg->units[dv->unit];
	return u->smmu >= 0 && (size_t)u->smmu < cfg->nsmmus ? widens(cfg->smmus[u->smmu].type)
							     : only;
}

void check_write_implies_read(struct check_run *run)
{
	const struct config *cfg = run->cfg;
	struct diag_ctx *d = run->d;
	const char *only = NULL, **reaches;
	bool any = false;

	for (size_t i = 0; i < cfg->nsmmus; i++) {
		const char *w = widens(cfg->smmus[i].type);

		any |= w != NULL;
		only = i == 0 || only == w ? w : NULL;
	}
	if (!any)
		return;
	reaches = calloc(cfg->nsets ? cfg->nsets : 1, sizeof(*reaches));
	if (!reaches) {
		diag_fatal(d, "out of memory in check 'write-implies-read'");
		return;
	}
	for (size_t i = 0; i < cfg->ndevs; i++) {
		const struct device *dv = &cfg->devs[i];

		if (dv->set >= 0 && (size_t)dv->set < cfg->nsets && !reaches[dv->set])
			reaches[dv->set] = device_widens(cfg, dv, only);
	}
	for (size_t i = 0; i < cfg->nsets; i++) {
		const struct allow_set *set = &cfg->sets[i];

		for (size_t j = 0; reaches[i] && j < set->nregs; j++) {
			const struct region *r = &set->regs[j];

			if ((r->perms & 3) != PERM_T || !resolved(r->start, r->len))
				continue;
			diag_report(d, CHK_WRITE_IMPLIES_READ,
				    r->start->pos.line ? &r->start->pos : region_pos(cfg, r),
				    "write-only region 0x%" PRIx64 ",%" PRIu64
				    ",t of allow set '%s' grants read too %s",
				    r->start->value, r->len->value, set->name, reaches[i]);
		}
	}
	free(reaches);
}

static void report_broad(struct diag_ctx *d, const struct stmt *s)
{
	const struct devspec *sp = &s->u.device->spec;
	struct rview r;

	if (s->kind == STMT_DEVICE && sp->kind == SPEC_PCI_ANY)
		diag_report(d, CHK_BROAD_GRANT, pos_or_stmt(&sp->pos, s),
			    "pci:* gives allow set '%s' to every PCI function", s->u.device->allow);
	else if (s->kind == STMT_DEVICE && sp->kind == SPEC_PCI_BUS)
		diag_report(d, CHK_BROAD_GRANT, pos_or_stmt(&sp->pos, s),
			    "pci:%u:* gives allow set '%s' to every function on bus %u", sp->bus,
			    s->u.device->allow, sp->bus);
	else if (stmt_region(s, &r) && r.len->value >= GIB)
		diag_report(d, CHK_BROAD_GRANT, num_or_stmt_pos(r.start, s),
			    "region 0x%" PRIx64 ",%" PRIu64 " grants %" PRIu64
			    " MiB (1 GiB or more)",
			    r.start->value, r.len->value, r.len->value >> 20);
	else if (stmt_region(s, &r))
		diag_report(d, CHK_BROAD_GRANT, num_or_stmt_pos(r.start, s),
			    "region 0x%" PRIx64 ",%" PRIu64 " grants address 0 (the first page)",
			    r.start->value, r.len->value);
}

void check_broad_grant(struct check_run *run)
{
	each_flagged(run, SF_BROAD, report_broad);
}

/*
 * A grant over the memory smmuman builds its tables in lets the device
 * rewrite its own translation, and every other device's: whatever the
 * policy says then stops holding. smmuman refuses such a policy at boot;
 * this says so at build time, for the table memory the build names.
 * Only VT-d targets: the other smmu types have no such memory here.
 */
static void table_memory_stmt(struct check_run *run, const struct stmt *s)
{
	const struct config *cfg = run->cfg;
	uint64_t tm = cfg->table_mem, tm_last = cfg->table_mem + cfg->table_mem_len - 1;
	uint64_t first, last;
	struct rview r;

	if (!stmt_region(s, &r) || r.device || !(r.perms & (PERM_S | PERM_T)) ||
	    !valid(r.start, r.len))
		return;
	first = r.start->value & ~PAGE_MASK_LOW;
	last = (r.start->value + r.len->value - 1) | PAGE_MASK_LOW;
	if (last < tm || first > tm_last)
		return;
	diag_report(run->d, CHK_TABLE_MEMORY_GRANT, num_or_stmt_pos(r.start, s),
		    "%sregion 0x%" PRIx64 ",%" PRIu64 " grants smmuman's table memory 0x%" PRIx64
		    "-0x%" PRIx64 " (--table-memory): a device could rewrite the translation "
		    "tables", s->kind == STMT_RESERVED ? "reserved " : "", r.start->value,
		    r.len->value, tm, tm_last);
}

void check_table_memory_grant(struct check_run *run)
{
	static const enum stmt_kind kinds[2] = { STMT_ALLOW, STMT_RESERVED };
	const struct config *cfg = run->cfg;
	enum smmu_type type;

	if (!cfg->table_mem_len || !target_arch(cfg, &type) ||
	    cfg->table_mem_len - 1 > UINT64_MAX - cfg->table_mem)
		return;
	for (int k = 0; k < 2; k++) {
		size_t n;
		const uint32_t *idx = check_stmts(run, kinds[k], &n);

		for (size_t i = 0; idx && i < n; i++)
			table_memory_stmt(run, &cfg->stmts[idx[i]]);
	}
}
