/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmucc's outputs: the blob (-O blob), a C array (-O c), the resolved
 * policy as JSON (-O json), canonical text (-O smmu), a make dependency
 * file (-d) and --query answers. Every output comes from a validated blob,
 * whether compiled now or read with -I blob, so there is one
 * interpretation of a policy.
 */
#ifndef SMMU_EMIT_H
#define SMMU_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include "front/ast.h"
#include "lower/compile.h"
#include "front/diag.h"

enum out_format { OUT_BLOB, OUT_C, OUT_JSON, OUT_SMMU, OUT_NONE };

struct emit_opts {
	const char *output;    /* -o PATH; NULL or "-": standard output */
	enum out_format format;
	bool format_given;     /* -O was written (queries alone write no blob) */
	const char *c_name;    /* -O c array name */
	const char *depfile;   /* -d FILE */
	const char **queries;  /* --query, in order */
	size_t nqueries;
	const char *query_file;
	bool prove_tables;     /* a blob read back: prove its tables first */
	struct compile_opts co;
};

/* "blob", "c", "json", "smmu": 0 or -1. */
int emit_parse_format(const char *s, enum out_format *f);

/* Whether buf starts like a policy blob (the magic), for input guessing. */
bool emit_is_blob(const void *buf, size_t len);

/*
 * Compiles cfg (checked, no errors) and writes what o asks for. Returns
 * the exit status: 0, 1 (a query could not be parsed), 2 (I/O), or 2
 * after an internal error.
 */
int emit_from_config(const struct config *cfg, const char *asinfo_path, struct diag_ctx *d,
		     const struct emit_opts *o);

/* Reads the blob at path and writes what o asks for (-I blob). */
int emit_from_blob_file(const char *path, struct diag_ctx *d, const struct emit_opts *o);

#endif
