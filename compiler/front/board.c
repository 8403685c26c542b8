/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmucc --board: the device tree read (board.h) and its SMMUv3 units
 * written into the configuration as unit statements. The tree is read by
 * the runtime's reader (smmuv3/smmuv3_fdt.c), the one that checks it as
 * hostile input; the StreamIDs are board_streams.c's.
 */
#include <errno.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front/board_int.h"
#include "front/ntab.h"
#include "util/escape.h"
#include "util/readall.h"

void board_free(struct board *b)
{
	if (!b)
		return;
	smmuv3_board_free(&b->info);
	free(b->buf);
	free(b);
}

const char *board_node_path(const struct board *b, int node, char *buf, size_t size)
{
	char raw[512];

	if (node < 0 || fdt_get_path(b->buf, node, raw, sizeof(raw)) < 0)
		snprintf(raw, sizeof(raw), "(node at offset %d)", node);
	return esc_str(raw, buf, size);
}

void *board_alloc(size_t n, size_t sz)
{
	return calloc(n ? n : 1, sz);
}

struct board *board_load(const char *path, struct diag_ctx *d)
{
	struct board *b = calloc(1, sizeof(*b));
	char epath[1024], where[2048];
	int rc;

	esc_str(path, epath, sizeof(epath));
	if (!b)
		goto nomem;
	b->buf = read_fdt_max(path, BOARD_MAX_SIZE, &b->len);
	if (!b->buf) {
		if (errno == ENOMEM)
			goto nomem;
		if (errno == EFBIG)
			diag_fatal(d, "%s: board tree larger than %u MiB", epath,
				   BOARD_MAX_SIZE >> 20);
		else
			diag_fatal(d, "cannot read board tree '%s': %s", epath, strerror(errno));
		goto fail;
	}
	rc = smmuv3_board_parse(b->buf, b->len, &b->info, &b->host0);
	if (rc == 1)
		goto nomem;
	if (rc == -SMMUV3_FDT_ERR_TREE) {
		diag_fatal(d, "%s: %s (%s)", epath, smmuv3_fdt_strerror(rc),
			   fdt_strerror(b->info.fdt_err));
		goto fail;
	}
	if (rc < 0) {
		if (b->info.err_node >= 0)
			diag_fatal(d, "%s: %s: %s", epath,
				   board_node_path(b, b->info.err_node, where, sizeof(where)),
				   smmuv3_fdt_strerror(rc));
		else
			diag_fatal(d, "%s: %s", epath, smmuv3_fdt_strerror(rc));
		goto fail;
	}
	b->file = srcfile_intern(path);
	if (!b->file)
		goto nomem;
	return b;
nomem:
	diag_fatal(d, "out of memory");
fail:
	board_free(b);
	return NULL;
}

struct srcpos board_pos(const struct board *b)
{
	struct srcpos p = { b->file, 1, 1 };

	return p;
}

/* ---- units ------------------------------------------------------------- */

/*
 * n unit statements for the tree's units, in tree order, their parts in
 * cfg's arena; NULL when out of memory.
 */
static struct stmt *unit_stmts(struct config *cfg, const struct board *b, size_t n)
{
	struct stmt *s = calloc(n, sizeof(*s));
	char name[32], param[32];

	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "smmu%zu", i);
		snprintf(param, sizeof(param), "0x%" PRIx64, b->info.units[i].base);
		s[i].kind = STMT_UNIT;
		s[i].u.unit = config_stmt_part(cfg, STMT_UNIT);
		if (!s[i].u.unit) {
			free(s);
			return NULL;
		}
		s[i].pos = s[i].u.unit->name_pos = s[i].u.unit->param_pos = board_pos(b);
		s[i].u.unit->name = config_strndup(cfg, name, strlen(name));
		s[i].u.unit->param = config_strndup(cfg, param, strlen(param));
		if (!s[i].u.unit->name || !s[i].u.unit->param) {
			free(s);
			return NULL;
		}
	}
	return s;
}

void board_units(struct config *cfg, struct diag_ctx *d, const struct board *b)
{
	enum smmu_type cur = SMMU_UNKNOWN;
	size_t first = SIZE_MAX, n, tail;
	struct stmt *add;

	if (!b)
		return;
	/* the tree is an input of the policy, for -d, as @included files are */
	if (config_add_input(cfg, srcfile_name(b->file)) < 0)
		goto nomem;
	if (cfg->guest) /* a guest ignores smmu, unit and use lines */
		return;
	for (size_t i = 0; i < cfg->nstmts; i++) {
		const struct stmt *s = &cfg->stmts[i];

		if (s->kind == STMT_SMMU) {
			if (first == SIZE_MAX)
				first = i;
			cur = s->u.smmu->t;
		} else if (s->kind == STMT_UNIT && cur == SMMU_ARMSMMUV3) {
			return; /* the configuration's units win over the tree's */
		}
	}
	/* the policy's architecture is its first smmu line's (target_arch) */
	if (first == SIZE_MAX || cfg->stmts[first].u.smmu->t != SMMU_ARMSMMUV3)
		return;
	n = b->info.n_units;
	if (!n)
		return;
	add = unit_stmts(cfg, b, n);
	if (!add)
		goto nomem;
	if (cfg->nstmts + n > cfg->stmts_cap) {
		struct stmt *grown = realloc(cfg->stmts, (cfg->nstmts + n) * sizeof(*grown));

		if (!grown) {
			free(add);
			goto nomem;
		}
		cfg->stmts = grown;
		cfg->stmts_cap = cfg->nstmts + n;
	}
	/* right after the smmu line, so every use line may name them */
	tail = cfg->nstmts - first - 1;
	memmove(&cfg->stmts[first + 1 + n], &cfg->stmts[first + 1], tail * sizeof(*add));
	memcpy(&cfg->stmts[first + 1], add, n * sizeof(*add));
	cfg->nstmts += n;
	free(add);
	return;
nomem:
	diag_fatal(d, "out of memory");
}
