/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The asinfo map for $asinfo_start{NAME} / $asinfo_length{NAME}: named
 * typed-memory regions, from a YAML file (schemas/asinfo.schema.yaml) or a
 * device-tree blob whose /reserved-memory children are the regions. The two
 * readers live in asinfo_yaml.c and asinfo_dtb.c; this file holds the map.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "front/asinfo_int.h"
#include "front/parse.h"
#include "front/ntab.h"
#include "iommu/fdt_regions.h"
#include "util/readall.h"

static bool reg_eq(const void *ctx, size_t item, const void *key)
{
	const struct asinfo_map *m = ctx;

	return strcmp(m->regs[item].name, key) == 0;
}

const struct asinfo_region *asinfo_find(const struct asinfo_map *m, const char *name)
{
	long i = ntab_find(&m->index, ntab_hash_str(name), reg_eq, m, name);

	return i < 0 ? NULL : &m->regs[i];
}

int asinfo_add(struct asinfo_map *m, const char *name, size_t nlen, uint64_t start,
	       uint64_t length, const struct srcpos *pos)
{
	struct asinfo_region *r = grow_array(m->regs, m->n, sizeof(*r));
	char *copy;

	if (!r)
		return -1;
	m->regs = r;
	copy = strndup(name, nlen);
	if (!copy || ntab_add(&m->index, ntab_hash_str(copy), m->n) < 0) {
		free(copy);
		return -1;
	}
	r = &m->regs[m->n++];
	r->name = copy;
	r->start = start;
	r->length = length;
	r->pos = *pos;
	return 0;
}

int asinfo_lookup(const struct asinfo_map *map, const char *name, uint64_t *start,
		  uint64_t *length)
{
	const struct asinfo_region *r;

	if (map && map->dt)
		return asinfo_dt_lookup(map, NULL, NULL, name, false, start, length) ? -1 : 0;
	r = map ? asinfo_find(map, name) : NULL;
	if (!r)
		return -1;
	*start = r->start;
	*length = r->length;
	return 0;
}

size_t asinfo_count(const struct asinfo_map *map)
{
	return map ? map->n + fdt_region_count(map->dt) : 0;
}

const char *asinfo_file(const struct asinfo_map *map)
{
	return map && map->file ? map->file : "the asinfo map";
}

void asinfo_resolve(struct diag_ctx *d, struct num *n, const struct asinfo_map *map,
		    bool late_bind)
{
	const char *name = num_asinfo(n);
	uint64_t start, length;

	if (n->kind == NUM_LITERAL || n->resolved || n->bad || !name)
		return;
	if (map && map->dt) {
		int rc = asinfo_dt_lookup(map, d, &n->pos, name, late_bind, &start, &length);

		if (rc) {
			n->bad = rc < 0;
			return;
		}
		n->value = n->kind == NUM_ASINFO_START ? start : length;
		n->resolved = true;
		return;
	}
	if (map && asinfo_lookup(map, name, &start, &length) == 0) {
		n->value = n->kind == NUM_ASINFO_START ? start : length;
		n->resolved = true;
		return;
	}
	if (late_bind)
		return; /* the runtime resolves it at boot */
	n->bad = true;
	if (map)
		diag_report(d, CHK_UNRESOLVED_ASINFO, &n->pos, "no asinfo region '%s' in %s",
			    name, asinfo_file(map));
	else
		diag_report(d, CHK_UNRESOLVED_ASINFO, &n->pos,
			    "no asinfo region '%s' (no --asinfo map given)", name);
}

void asinfo_free(struct asinfo_map *map)
{
	size_t i;

	if (!map)
		return;
	for (i = 0; i < map->n; i++)
		free(map->regs[i].name);
	free(map->regs);
	ntab_free(&map->index);
	fdt_region_index_free(map->dt);
	free(map->dtb);
	free(map->file);
	free(map);
}

struct asinfo_map *asinfo_load(const char *path, struct diag_ctx *d)
{
	struct asinfo_map *m = calloc(1, sizeof(*m));
	size_t len = 0;
	char *buf;
	int rc;

	if (!m || !(m->file = strdup(path))) {
		free(m);
		diag_fatal(d, "out of memory");
		return NULL;
	}
	buf = read_file_max(path, MAX_SOURCE_BYTES, &len);
	if (!buf) {
		diag_fatal(d, "cannot read asinfo map '%s': %s", path, read_error(errno));
		asinfo_free(m);
		return NULL;
	}
	/* a device-tree blob starts with the FDT magic 0xd00dfeed, big-endian */
	if (len >= 4 && (unsigned char)buf[0] == 0xd0 && (unsigned char)buf[1] == 0x0d &&
	    (unsigned char)buf[2] == 0xfe && (unsigned char)buf[3] == 0xed) {
		rc = asinfo_read_dtb(m, path, buf, len, d);
	} else {
		rc = asinfo_read_yaml(m, path, buf, len, d);
	}
	if (rc < 0) {
		asinfo_free(m);
		return NULL;
	}
	return m;
}
