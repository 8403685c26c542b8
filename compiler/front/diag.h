/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Diagnostics and the named check table, in the manner of dtc's checks.c.
 *
 * Every diagnostic belongs to a check with a stable name. Some checks fire
 * from the scanner and parser (syntax, bad-number, ...), the rest run over the
 * parsed configuration from checks/checks.c. Levels can be changed per
 * check with -W NAME, -W no-NAME, -E NAME and globally with -Werror.
 */
#ifndef SMMU_DIAG_H
#define SMMU_DIAG_H

#include <stdbool.h>
#include <stdio.h>
#include "front/srcpos.h"

enum diag_level {
	DIAG_OFF = 0,
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR,
};

/*
 * Check identifiers. The order here is the order of check_table[] in
 * checklist.c and of --list-checks; names are spelled in checklist.c.
 */
enum check_id {
	CHK_SYNTAX,
	CHK_UNKNOWN_STATEMENT,
	CHK_BAD_NUMBER,
	CHK_NUMBER_OVERFLOW,
	CHK_REGION_OVERFLOW,
	CHK_ZERO_LENGTH,
	CHK_AMBIGUOUS_RADIX,
	CHK_SPACE_IN_LIST,
	CHK_BAD_PERMISSIONS,
	CHK_UNDEFINED_ALLOW,
	CHK_UNUSED_ALLOW,
	CHK_ALLOW_NAME_KEYWORD,
	CHK_DEVICE_CONFLICT,
	CHK_DUPLICATE_DEVICE,
	CHK_SHADOWED_SPEC,
	CHK_BAD_DEVICE_SPEC,
	CHK_NO_CURRENT_DEVICE,
	CHK_NO_CURRENT_SMMU,
	CHK_UNKNOWN_SMMU_TYPE,
	CHK_BAD_SMMU_PARAM,
	CHK_BAD_UNIT_PARAM,
	CHK_BAD_USE_PARAM,
	CHK_UNDEFINED_UNIT,
	CHK_DUPLICATE_UNIT,
	CHK_UNALIGNED_REGION,
	CHK_OVERLAP_PERMS,
	CHK_WRITE_IMPLIES_READ,
	CHK_BYPASS_ENABLED,
	CHK_BROAD_GRANT,
	CHK_UNKNOWN_SET_VAR,
	CHK_SET_OUT_OF_RANGE,
	CHK_BAD_SAFETY,
	CHK_BAD_USER,
	CHK_UNRESOLVED_ASINFO,
	CHK_INCLUDE_CYCLE,
	CHK_GUEST_IGNORED,
	CHK_TABLE_MEMORY_GRANT,
	CHK_MIXED_SMMU_TYPES,
	CHK_BOARD_UNMAPPED,
	CHK_BOARD_STREAM_MAP,
	CHK_BOARD_UNIT_MISSING,
	CHK_NO_UNITS,
	CHK_STREAM_ID_MISSING,
	CHK_STREAM_ID_CONFLICT,
	/* checklist.c names each; keep names unique */
	CHK_COUNT
};

enum diag_format { DIAG_FMT_TEXT, DIAG_FMT_JSON };

/*
 * Room for one diagnostic as it is composed: each is written with one
 * write() when it is complete, so that none costs a write per piece
 * (stderr is unbuffered) and none is held back past its own end (a crash
 * loses nothing already reported, and the order against standard output
 * stays that of the calls). A longer one moves to the heap for its time.
 */
#define DIAG_MSG_INLINE 1024
struct diag_msg {
	char *heap;                     /* NULL: the text is in 'small' */
	size_t len, cap;                /* cap 0: sizeof(small) */
	char small[DIAG_MSG_INLINE];
};

/* Global diagnostic state of one smmucc run. */
struct diag_ctx {
	FILE *out;                      /* stderr normally */
	enum diag_format format;
	bool werror;                    /* -Werror: warnings count as errors */
	enum diag_level level[CHK_COUNT]; /* effective level per check */
	unsigned count[CHK_COUNT];      /* how often each check fired */
	unsigned errors, warnings, notes;
	unsigned syntax_errors;         /* the parser stops after 20 */
	bool json_open;                 /* JSON array started */
	int json_item;                  /* JSON object open: 0 no, 1 yes, 2 with notes */
	bool last_shown;                /* previous diagnostic was printed */
	bool last_urgent;               /* it was an error: written at once */
	struct diag_msg msg;            /* the diagnostic being composed */
};

void diag_init(struct diag_ctx *d, FILE *out);

/* Names, defaults and prerequisites, from the catalogue (checklist.c). */
const char *check_name(enum check_id id);
enum diag_level check_default_level(enum check_id id);
const char *check_description(enum check_id id);
/* Prerequisites of a check, terminated by CHK_COUNT. */
const enum check_id *check_prereqs(enum check_id id);
/* Check id for a name, or -1. */
int check_lookup(const char *name);

/*
 * -W NAME / -W no-NAME / -E NAME. Raising a check raises its prerequisites
 * (so they run), lowering a check to off lowers its dependants. Returns 0 or
 * -1 for an unknown name.
 */
int diag_set_warning(struct diag_ctx *d, const char *name);
int diag_set_error(struct diag_ctx *d, const char *name);

/*
 * Reports one diagnostic of check 'id' at 'pos' (may be NULL for none).
 * Does nothing if the check is off. The level printed is the check's
 * effective level (warnings become errors under -Werror).
 */
void diag_report(struct diag_ctx *d, enum check_id id,
		 const struct srcpos *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * A note attached to the previous diagnostic (e.g. "previous definition
 * here"); printed only if that diagnostic was printed.
 */
void diag_note_at(struct diag_ctx *d, const struct srcpos *pos,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Plain tool error, no check (I/O, usage): "smmucc: error: ..." */
void diag_fatal(struct diag_ctx *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Closes JSON output; prints nothing in text mode. */
void diag_finish(struct diag_ctx *d);
/*
 * Errors are written at once; warnings and notes in batches of 64 KiB.
 * diag_flush writes what waits (before other output, so the order holds);
 * diag_finish too; diag_flush_on_crash makes a fatal signal write it.
 */
void diag_flush(struct diag_ctx *d);
void diag_flush_on_crash(struct diag_ctx *d);

/* True if any diagnostic at error level was reported for check id. */
bool diag_failed(const struct diag_ctx *d, enum check_id id);

#endif
