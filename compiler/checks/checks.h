/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internals of the checks shared by the checks_*.c files: the check
 * functions and what one run of them shares, and a
 * small hash index that keeps every check O(n) or O(n log n).
 */
#ifndef SMMU_CHECKS_H
#define SMMU_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "front/ast.h"
#include "front/diag.h"

/*
 * One run of the table. Most statements interest no check, so one scan
 * (check_scan) sorts statement indices by kind and lists the few statements
 * that some check must report; the checks then walk those short lists
 * instead of every statement again.
 */
enum stmt_flag {
	SF_WRAPS = 1 << 0,      /* region-overflow */
	SF_ZERO = 1 << 1,       /* zero-length */
	SF_UNALIGNED = 1 << 2,  /* unaligned-region */
	SF_BROAD = 1 << 3,      /* broad-grant: 1 GiB or more, or a wildcard with a set */
	SF_NO_DEVICE = 1 << 4,  /* no-current-device */
	SF_NO_SMMU = 1 << 5,    /* no-current-smmu */
	SF_GUEST = 1 << 6,      /* guest-ignored */
};

#define STMT_KINDS (STMT_USER + 1)

struct check_run {
	struct config *cfg;
	struct diag_ctx *d;
	bool scanned;
	uint32_t *by_kind;                /* statement indices, by kind, in order */
	size_t kind_start[STMT_KINDS + 1];
	struct flagged {
		uint32_t stmt;
		unsigned flags;           /* enum stmt_flag */
	} *flagged;                       /* in statement order */
	size_t nflagged;
};

/* Builds the lists once per run; -1 (reported) when out of memory. */
int check_scan(struct check_run *r);
/* Indices of the statements of one kind, in order; NULL if the scan failed. */
const uint32_t *check_stmts(struct check_run *r, enum stmt_kind k, size_t *n);
/* The statements flagged with any of 'flags', in order (the scan must be done). */
const struct flagged *check_flagged(struct check_run *r, size_t *n);
/* Calls fn for each statement flagged with 'flag', in order. */
void each_flagged(struct check_run *run, unsigned flag,
		  void (*fn)(struct diag_ctx *d, const struct stmt *s));

/* checks_regions.c: the region flags of one statement (SF_WRAPS...SF_BROAD). */
unsigned region_flags(const struct stmt *s);

typedef void check_fn(struct check_run *r);

/* checks_regions.c */
check_fn check_region_overflow, check_zero_length, check_unaligned_region,
	check_overlap_perms, check_write_implies_read, check_broad_grant,
	check_table_memory_grant;

/* checks_names.c */
check_fn check_undefined_allow, check_unused_allow, check_device_conflict,
	check_duplicate_device, check_shadowed_spec, check_no_current_device,
	check_no_current_smmu, check_undefined_unit, check_duplicate_unit,
	check_bypass_enabled, check_guest_ignored, check_mixed_smmu_types;

/* checks_board.c */
check_fn check_no_units, check_stream_id_missing, check_stream_id_conflict;

/* Report helpers shared by the check files. */
const struct srcpos *num_or_stmt_pos(const struct num *n, const struct stmt *s);

#endif
