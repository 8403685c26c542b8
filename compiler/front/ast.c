/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The configuration's lifetime and the device-spec helpers of ast.h.
 *
 * Ownership: every string in cfg->stmts belongs to its statement, in the
 * config's arena; the asinfo names of numbers are srcfile.c's, kept for the
 * run. The model borrows from the statements wherever it repeats them (set
 * and unit names, device specs, region numbers, safety components); it owns
 * only what it makes itself (user.name, smmu/unit parameter numbers, the
 * armsmmu CFGLIB).
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front/ast.h"
#include "front/ntab.h"

struct config *config_new(void)
{
	struct config *cfg = calloc(1, sizeof(*cfg));

	if (!cfg)
		return NULL;
	cfg->settings.safety = SAFETY_NONE;
	cfg->settings.message_block_timeout = 100;
	cfg->settings.slogger2_required = true;
	return cfg;
}

/*
 * The statements' parts, bump-allocated from chunks: no allocator header
 * per part, and calloc'd chunks come zeroed from the kernel.
 */
#define CHUNK_BYTES (1u << 20)

struct config_chunk {
	struct config_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

static size_t part_size(enum stmt_kind kind)
{
	switch (kind) {
	case STMT_ALLOW:
		return sizeof(struct stmt_allow);
	case STMT_DEBUG:
		return sizeof(struct stmt_debug);
	case STMT_DEVICE:
		return sizeof(struct stmt_device);
	case STMT_RESERVED:
		return sizeof(struct stmt_reserved);
	case STMT_SAFETY:
		return sizeof(struct stmt_safety);
	case STMT_SET:
		return sizeof(struct stmt_set);
	case STMT_SMMU:
		return sizeof(struct stmt_smmu);
	case STMT_UNIT:
		return sizeof(struct stmt_unit);
	case STMT_USE:
		return sizeof(struct stmt_use);
	case STMT_USER:
		return sizeof(struct stmt_user);
	default:
		return 1; /* foreground, set ?: nothing, but never a NULL part */
	}
}

/* size zeroed bytes from the arena, at a multiple of align (a power of 2). */
static void *arena_alloc(struct config *cfg, size_t size, size_t align)
{
	struct config_chunk *c = cfg->arena;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	void *p;

	if (!c || at > c->cap || c->cap - at < size) {
		size_t cap = size > CHUNK_BYTES ? size : CHUNK_BYTES;

		c = calloc(1, sizeof(*c) + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		c->next = cfg->arena;
		cfg->arena = c;
		at = 0;
	}
	p = (char *)c->data + at;
	c->used = at + size;
	return p;
}

/* Every part's alignment: max_align_t (16 bytes) padded most parts. */
union stmt_parts {
	struct stmt_allow allow;
	struct stmt_debug debug;
	struct stmt_device device;
	struct stmt_reserved reserved;
	struct stmt_safety safety;
	struct stmt_set set;
	struct stmt_smmu smmu;
	struct stmt_unit unit;
	struct stmt_use use;
	struct stmt_user user;
};

void *config_stmt_part(struct config *cfg, enum stmt_kind kind)
{
	union stmt_parts *p = arena_alloc(cfg, part_size(kind), _Alignof(union stmt_parts));

	if (!p)
		return NULL;
	switch (kind) {
	case STMT_ALLOW:
		p->allow.set = -1;
		break;
	case STMT_DEVICE:
		p->device.dev = -1;
		break;
	case STMT_RESERVED:
		p->reserved.dev = -1;
		break;
	case STMT_USE:
		p->use.dev = -1;
		break;
	case STMT_UNIT:
		p->unit.smmu = -1;
		break;
	default:
		break;
	}
	return p;
}

char *config_strndup(struct config *cfg, const char *s, size_t len)
{
	char *p = len < SIZE_MAX ? arena_alloc(cfg, len + 1, 1) : NULL;

	if (p)
		memcpy(p, s, len);
	return p;
}

struct stmt *config_stmt_add(struct config *cfg, enum stmt_kind kind, const struct srcpos *pos)
{
	void *part = config_stmt_part(cfg, kind);
	struct stmt *s;

	if (!part || cfg->nstmts >= UINT32_MAX)
		return NULL;
	if (cfg->nstmts == cfg->stmts_cap) {
		size_t ncap = cfg->stmts_cap ? cfg->stmts_cap * 2 : 256;
		struct stmt *n = realloc(cfg->stmts, ncap * sizeof(*n));

		if (!n)
			return NULL;
		cfg->stmts = n;
		cfg->stmts_cap = ncap;
	}
	s = &cfg->stmts[cfg->nstmts++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->pos = *pos;
	s->u.any = part;
	return s;
}

/* What params_unit (params.c) allocated in u. */
static void free_unit_params(struct unit *u, enum smmu_type t)
{
	if (t == SMMU_ARMSMMU)
		free(u->p.armsmmu.cfglib);
}

int config_add_input(struct config *cfg, const char *path)
{
	char **n = grow_array(cfg->inputs, cfg->ninputs, sizeof(*n));
	char *copy;

	if (!n)
		return -1;
	cfg->inputs = n;
	copy = strdup(path);
	if (!copy)
		return -1;
	cfg->inputs[cfg->ninputs++] = copy;
	return 0;
}

void config_free(struct config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	free(cfg->stmts);
	while (cfg->arena) {
		struct config_chunk *c = cfg->arena;

		cfg->arena = c->next;
		free(c);
	}
	free(cfg->regions);
	free(cfg->sets);
	free(cfg->devs);
	for (i = 0; i < cfg->nunits; i++) {
		struct unit *u = &cfg->units[i];

		if (u->smmu >= 0 && (size_t)u->smmu < cfg->nsmmus)
			free_unit_params(u, cfg->smmus[u->smmu].type);
	}
	free(cfg->units);
	free(cfg->smmus);
	free(cfg->settings.comps);
	free(cfg->settings.user.name);
	for (i = 0; i < cfg->ninputs; i++)
		free(cfg->inputs[i]);
	free(cfg->inputs);
	free(cfg);
}

static void format_num(const struct num *n, char *buf, size_t size)
{
	if (n->resolved)
		snprintf(buf, size, "0x%" PRIx64, n->value);
	else if (n->kind != NUM_LITERAL && n->name)
		snprintf(buf, size, "$asinfo_%s{%s}",
			 n->kind == NUM_ASINFO_START ? "start" : "length", num_asinfo(n));
	else
		snprintf(buf, size, "?");
}

void devspec_format(const struct devspec *s, char *buf, size_t size)
{
	char a[96], l[96];

	switch (s->kind) {
	case SPEC_PCI_ANY:
		snprintf(buf, size, "pci:*");
		break;
	case SPEC_PCI_BUS:
		snprintf(buf, size, "pci:%u:*", s->bus);
		break;
	case SPEC_PCI_DEV:
		snprintf(buf, size, "pci:%u:%u.*", s->bus, s->dev);
		break;
	case SPEC_PCI_FUNC:
		snprintf(buf, size, "pci:%u:%u.%u", s->bus, s->dev, s->fn);
		break;
	default:
		if (s->paddr.bad && s->text) {
			/* a malformed spec (already reported): as written */
			snprintf(buf, size, "%s", s->text);
			break;
		}
		format_num(&s->paddr, a, sizeof(a));
		format_num(&s->len, l, sizeof(l));
		snprintf(buf, size, "mem:%s/%s", a, l);
		break;
	}
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int num_cmp(const struct num *a, const struct num *b)
{
	if (a->resolved != b->resolved)
		return a->resolved ? -1 : 1;
	if (a->resolved)
		return cmp_u64(a->value, b->value);
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return cmp_str(num_asinfo(a), num_asinfo(b));
}

int devspec_cmp(const struct devspec *a, const struct devspec *b)
{
	int c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	switch (a->kind) {
	case SPEC_PCI_ANY:
		return 0;
	case SPEC_PCI_BUS:
		return cmp_u64(a->bus, b->bus);
	case SPEC_PCI_DEV:
		return (c = cmp_u64(a->bus, b->bus)) ? c : cmp_u64(a->dev, b->dev);
	case SPEC_PCI_FUNC:
		if ((c = cmp_u64(a->bus, b->bus)) || (c = cmp_u64(a->dev, b->dev)))
			return c;
		return cmp_u64(a->fn, b->fn);
	default:
		if (a->paddr.bad || b->paddr.bad) {
			if (a->paddr.bad != b->paddr.bad)
				return a->paddr.bad ? 1 : -1;
			return cmp_str(a->text, b->text);
		}
		if ((c = num_cmp(&a->paddr, &b->paddr)))
			return c;
		return num_cmp(&a->len, &b->len);
	}
}

/* Linear: sema uses hash tables; these are for the occasional lookup. */
int config_find_set(const struct config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->nsets; i++)
		if (strcmp(cfg->sets[i].name, name) == 0)
			return (int)i;
	return -1;
}

int config_find_unit(const struct config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->nunits; i++)
		if (strcmp(cfg->units[i].name, name) == 0)
			return (int)i;
	return -1;
}
