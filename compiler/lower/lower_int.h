/* SPDX-License-Identifier: BSD-2-Clause */
/* Lowering internals shared by lower.c, lower_span.c and lower_emit.c. */
#ifndef SMMU_LOWER_INT_H
#define SMMU_LOWER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "front/ast.h"
#include "front/diag.h"
#include "lower/lower.h"

/* A device in DEVICES order. */
struct ldev {
	size_t model;     /* index into config.devs */
	uint32_t kind;    /* enum smmub_device_kind */
	uint32_t sid;
	uint64_t paddr, length;
	uint32_t domain;  /* SMMUB_NONE: no grants */
};

/* A merged grant of a domain. */
struct lreg {
	uint64_t start, length;
	uint32_t perms, flags;
};

struct ldom {
	bool owned, late;
	int late_set;   /* late domains: the set they share, -1 if per device */
	long late_dev;  /* late domains with reserved lines: their device */
	struct lreg *regs;
	size_t nregs;
	uint32_t device_first;
};

struct lowered {
	struct ldev *devs;      /* DEVICES order */
	uint32_t *dev_index;    /* model device -> DEVICES index */
	int *set_order;         /* SETS index -> model set */
	uint32_t *set_index;    /* model set -> SETS index */
	struct ldom *doms;
	size_t ndoms, doms_cap;
};

/* Page spans of one device's grants, before merging. */
struct span {
	uint64_t first, last; /* inclusive, page aligned first, last | 4095 */
	uint32_t perms;
	bool resv;
};

struct span_list {
	struct span *v;
	size_t n, cap;
	bool oom;
};

int span_add(struct span_list *sl, uint64_t first, uint64_t last, uint32_t perms, bool resv);
/* Unions permissions page by page and merges equal neighbours: sorted, disjoint. */
int span_merge(const struct span_list *sl, struct lreg **out, size_t *n);
void span_free(struct span_list *sl);

/* Finds or adds the domain equal to key; takes ownership of key->regs. */
struct dom_table {
	long *slot;
	size_t mask;
};
int dom_table_init(struct dom_table *dt, size_t ndevs);
long dom_table_get(struct dom_table *dt, struct ldom *key, struct lowered *lw,
		   uint32_t device_first);
void dom_table_free(struct dom_table *dt);

struct blobw;
int lower_emit(const struct config *cfg, struct diag_ctx *d, const struct lower_opts *o,
	       const struct lowered *lw, struct blobw *bb, uint32_t *blob_flags);

#endif
