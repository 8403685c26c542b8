/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The front end's entry points, in the order smmucc calls them:
 * parse_file / parse_words (any number of times), sema_build, checks_run.
 */
#ifndef SMMU_FRONTEND_H
#define SMMU_FRONTEND_H

#include <stdbool.h>
#include <stdint.h>
#include "front/ast.h"
#include "front/diag.h"

/*
 * Parses PATH ("-" is stdin) into cfg, expanding @includes relative to the
 * including file. Lexical and syntax errors are reported through d and the
 * offending statement is skipped; parsing goes on (at most 20 syntax errors).
 * Returns 0, or -1 if PATH itself could not be read (reported, exit 2).
 */
int parse_file(struct config *cfg, struct diag_ctx *d, const char *path);

/* Parses configuration words given on the command line (smmucc -e). */
int parse_words(struct config *cfg, struct diag_ctx *d, const char *text);

/* asinfo map: named typed-memory regions (YAML or device-tree blob). */
struct asinfo_map;
/* Loads PATH (YAML or DTB, told apart by the FDT magic). NULL on error (reported). */
struct asinfo_map *asinfo_load(const char *path, struct diag_ctx *d);
/* 0 and start/length if NAME is in the map, else -1. */
int asinfo_lookup(const struct asinfo_map *map, const char *name,
		  uint64_t *start, uint64_t *length);
size_t asinfo_count(const struct asinfo_map *map);
void asinfo_free(struct asinfo_map *map);

/*
 * Builds the model from cfg->stmts in one pass: resolves $asinfo references
 * against map (may be NULL), parses per-type smmu/unit/use parameters, set
 * variables, safety and user. Reports what only it can see: bad-*-param,
 * unknown-set-var, set-out-of-range, bad-user, bad-safety and
 * unresolved-asinfo (not with late_bind: references stay unresolved).
 */
void sema_build(struct config *cfg, struct diag_ctx *d,
		const struct asinfo_map *map, bool late_bind);

/* Runs every enabled check of the table over cfg, prerequisites first. */
void checks_run(struct config *cfg, struct diag_ctx *d);

#endif
