/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The test policy of testblob.h, entry by entry, as the lowering would
 * produce it from tests/blob/data/policy.smmu.
 */
#include <endian.h>
#include <stdlib.h>
#include <string.h>
#include "blob/blob.h"
#include "lower/blobwrite.h"
#include "testblob.h"

#define U32  htole32
#define U64  htole64
#define NONE SMMUB_NONE

static uint32_t sym(struct testblob *tb, struct blobw *b, uint32_t kind, const char *name,
		    uint32_t line, uint32_t col)
{
	struct smmub_symbol *s = &tb->syms[tb->nsyms];

	s->kind = U32(kind);
	s->name = U32(blobw_str(b, name));
	s->file = U32(blobw_str(b, "policy.smmu"));
	s->line = U32(line);
	s->col = U32(col);
	return tb->nsyms++;
}

static void fill_settings(struct testblob *tb, struct blobw *b)
{
	struct smmub_settings *s = &tb->settings;

	s->flags = U32(SMMUB_SET_FOREGROUND | SMMUB_SET_SLOGGER2_REQUIRED | SMMUB_SET_SAFETY_GIVEN |
		       SMMUB_SET_USER | SMMUB_SET_USER_UID | SMMUB_SET_USER_GID |
		       SMMUB_SET_GROW_HEAP | SMMUB_SET_MBT);
	s->debug = U32(1);
	s->safety = U32(SMMUB_SAFETY_WARN);
	s->message_block_timeout = U32(500);
	s->grow_heap = U64(0x100000);
	s->uid = U32(100);
	s->gid = U32(200);
	s->ngroups = U32(2);
	s->groups[0] = U32(300);
	s->groups[1] = U32(301);
	tb->safety[0].component = U32(blobw_str(b, "smmu-rcar3"));
	tb->safety[0].level = U32(SMMUB_SAFETY_NONE);
	tb->safety[1].component = U32(blobw_str(b, "smmu-vtd"));
	tb->safety[1].level = U32(SMMUB_SAFETY_REQUIRED);
}

static void fill_units(struct testblob *tb, struct blobw *b)
{
	static const uint64_t params[8] = {
	    0xe67b0000, 228,	    18, 0x4f00000020, /* rcar3 smmu */
	    0xfed90000, 0xfed91000,		      /* vtd0, vtd1 */
	    0xfebd0000, 10,			      /* ipmmu_vi0 */
	};
	static const struct {
		const char *name;
		uint32_t smmu, first, count, line;
	} u[3] = {{"vtd0", 0, 4, 1, 12}, {"vtd1", 0, 5, 1, 13}, {"ipmmu_vi0", 1, 6, 2, 15}};
	int i;

	for (i = 0; i < 8; i++)
		tb->params[i] = U64(params[i]);
	tb->smmus[0].type = U32(SMMUB_SMMU_VTD);
	tb->smmus[0].flags = U32(SMMUB_SMMU_VTD_REQUIRE);
	tb->smmus[0].sym = U32(sym(tb, b, SMMUB_SYM_SMMU, "vtd", 11, 1));
	tb->smmus[1].type = U32(SMMUB_SMMU_RCAR3);
	tb->smmus[1].flags = U32(SMMUB_SMMU_RCAR3_MM_FAULT_BIT);
	tb->smmus[1].param_count = U32(4);
	tb->smmus[1].sym = U32(sym(tb, b, SMMUB_SYM_SMMU, "rcar3", 14, 1));
	for (i = 0; i < 3; i++) {
		tb->units[i].name = U32(blobw_str(b, u[i].name));
		tb->units[i].smmu = U32(u[i].smmu);
		tb->units[i].param_first = U32(u[i].first);
		tb->units[i].param_count = U32(u[i].count);
		tb->units[i].sym = U32(sym(tb, b, SMMUB_SYM_UNIT, u[i].name, u[i].line, 1));
	}
}

static void fill_rules(struct testblob *tb, struct blobw *b)
{
	static const struct {
		uint64_t start, length;
		uint32_t perms, flags, owner, line, col;
	} r[7] = {
	    {0x1000, 0x2000, 3, 0, 0, 16, 1},
	    {0x80000000, 0x100000, 1, SMMUB_RULE_PERMS_GIVEN, 1, 17, 1},
	    {0, 0, 2, SMMUB_RULE_PERMS_GIVEN | SMMUB_RULE_LATE, 1, 18, 1},
	    {0x20000000, 0x10000, 3, 0, 2, 19, 1},
	    {0x20010000, 0x1000, 1, SMMUB_RULE_PERMS_GIVEN, 2, 20, 1},
	    {0x7afe0000, 0x20000, 3, SMMUB_RULE_RESERVED, 2, 23, 18},
	    {0x40000000, 0x1000, 3, SMMUB_RULE_RESERVED, 7, 28, 37},
	};
	static const char *const set_names[3] = {"audio", "dma_buf", "net"};
	static const uint32_t set_first[3] = {0, 1, 3}, set_count[3] = {1, 2, 2};
	static const uint32_t set_line[3] = {16, 17, 19};
	static const char *const res_owner[2] = {"pci:0:2.*", "mem:0xfe960000/0x10000"};
	int i;

	for (i = 0; i < 3; i++) {
		tb->sets[i].name = U32(blobw_str(b, set_names[i]));
		tb->sets[i].sym = U32(sym(tb, b, SMMUB_SYM_SET, set_names[i], set_line[i], 1));
		tb->sets[i].rule_first = U32(set_first[i]);
		tb->sets[i].rule_count = U32(set_count[i]);
	}
	for (i = 0; i < 7; i++) {
		int res = r[i].flags & SMMUB_RULE_RESERVED;

		tb->rules[i].start = U64(r[i].start);
		tb->rules[i].length = U64(r[i].length);
		tb->rules[i].perms = U32(r[i].perms);
		tb->rules[i].flags = U32(r[i].flags);
		tb->rules[i].owner = U32(r[i].owner);
		tb->rules[i].sym =
		    U32(sym(tb, b, res ? SMMUB_SYM_RESERVED : SMMUB_SYM_RULE,
			    res ? res_owner[i - 5] : set_names[r[i].owner], r[i].line, r[i].col));
	}
	tb->relocs[0].rule = U32(2);
	tb->relocs[0].field = U32(SMMUB_RELOC_START);
	tb->relocs[0].name = U32(blobw_str(b, "fb"));
	tb->relocs[1].rule = U32(2);
	tb->relocs[1].field = U32(SMMUB_RELOC_LENGTH);
	tb->relocs[1].name = U32(blobw_str(b, "fb"));
}

static void fill_devices(struct testblob *tb, struct blobw *b)
{
	static const struct {
		const char *spec;
		uint32_t kind, sid;
		uint64_t paddr, length;
		uint32_t domain, unit, set, flags;
		uint64_t use_param;
		uint32_t line, use_col;
	} d[8] = {
	    {"pci:*", SMMUB_DEV_PCI_ANY, 0, 0, 0, NONE, 0, NONE, 0, 0, 21, 14},
	    {"pci:2:*", SMMUB_DEV_PCI_BUS, 0x200, 0, 0, 0, NONE, 2, 0, 0, 22, 0},
	    {"pci:0:2.*", SMMUB_DEV_PCI_DEV, 0x10, 0, 0, 1, 1, NONE, 0, 0, 23, 46},
	    {"pci:0:18.0", SMMUB_DEV_PCI_FUNC, 0x90, 0, 0, 2, 0, 0, 0, 0, 24, 25},
	    {"pci:0:31.3", SMMUB_DEV_PCI_FUNC, 0xfb, 0, 0, 2, NONE, 0, 0, 0, 25, 0},
	    {"pci:3:0.0", SMMUB_DEV_PCI_FUNC, 0x300, 0, 0, 3, NONE, 1, 0, 0, 26, 0},
	    {"mem:0xe6ef0000/0x1000", SMMUB_DEV_MEM, 0, 0xe6ef0000, 0x1000, 0, 2, 2,
	     SMMUB_DEVF_USE_PARAM, 3, 27, 34},
	    {"mem:0xfe960000/0x10000", SMMUB_DEV_MEM, 0, 0xfe960000, 0x10000, 4, NONE, 0, 0, 0, 28,
	     0},
	};
	static const char *const unit_names[3] = {"vtd0", "vtd1", "ipmmu_vi0"};
	int i;

	for (i = 0; i < 8; i++) {
		struct smmub_device *e = &tb->devices[i];

		e->kind = U32(d[i].kind);
		e->sid = U32(d[i].sid);
		e->paddr = U64(d[i].paddr);
		e->length = U64(d[i].length);
		e->domain = U32(d[i].domain);
		e->unit = U32(d[i].unit);
		e->set = U32(d[i].set);
		e->flags = U32(d[i].flags);
		e->use_param = U64(d[i].use_param);
		e->sym = U32(sym(tb, b, SMMUB_SYM_DEVICE, d[i].spec, d[i].line, 1));
		e->use_sym = U32(NONE);
		if (d[i].unit != NONE)
			e->use_sym = U32(sym(tb, b, SMMUB_SYM_USE, unit_names[d[i].unit], d[i].line,
					     d[i].use_col));
	}
}

static void fill_domains(struct testblob *tb)
{
	static const struct {
		uint32_t first, count, flags, device_first;
	} d[5] = {
	    {0, 2, SMMUB_DOM_OWNED, 1}, {2, 1, 0, 2},
	    {3, 1, SMMUB_DOM_OWNED, 3}, {4, 0, SMMUB_DOM_OWNED | SMMUB_DOM_LATE, 5},
	    {4, 2, SMMUB_DOM_OWNED, 7},
	};
	static const struct {
		uint64_t start, length;
		uint32_t perms, flags;
	} r[6] = {
	    {0x20000000, 0x10000, 3, 0}, {0x20010000, 0x1000, 1, 0}, {0x7afe0000, 0x20000, 3, 1},
	    {0x1000, 0x2000, 3, 0},	 {0x1000, 0x2000, 3, 0},     {0x40000000, 0x1000, 3, 1},
	};
	int i;

	for (i = 0; i < 5; i++) {
		tb->domains[i].region_first = U32(d[i].first);
		tb->domains[i].region_count = U32(d[i].count);
		tb->domains[i].did = U32(i + 1);
		tb->domains[i].flags = U32(d[i].flags);
		tb->domains[i].device_first = U32(d[i].device_first);
	}
	for (i = 0; i < 6; i++) {
		tb->regions[i].start = U64(r[i].start);
		tb->regions[i].length = U64(r[i].length);
		tb->regions[i].perms = U32(r[i].perms);
		tb->regions[i].flags = U32(r[i].flags);
	}
}

void testblob_fill(struct testblob *tb, struct blobw *b)
{
	memset(tb, 0, sizeof(*tb));
	fill_settings(tb, b);
	fill_units(tb, b);
	fill_rules(tb, b);
	fill_devices(tb, b);
	fill_domains(tb);
}

#define ADD(type, arr, n) (blobw_section(b, type, arr, n, sizeof((arr)[0])))

int testblob_add(const struct testblob *tb, struct blobw *b)
{
	if (ADD(SMMUB_SEC_SYMBOLS, tb->syms, tb->nsyms) ||
	    blobw_section(b, SMMUB_SEC_SETTINGS, &tb->settings, 1, sizeof(tb->settings)) ||
	    ADD(SMMUB_SEC_SAFETY, tb->safety, 2) || ADD(SMMUB_SEC_PARAMS, tb->params, 8) ||
	    ADD(SMMUB_SEC_SMMUS, tb->smmus, 2) || ADD(SMMUB_SEC_UNITS, tb->units, 3) ||
	    ADD(SMMUB_SEC_SETS, tb->sets, 3) || ADD(SMMUB_SEC_RULES, tb->rules, 7) ||
	    ADD(SMMUB_SEC_DOMAINS, tb->domains, 5) || ADD(SMMUB_SEC_REGIONS, tb->regions, 6) ||
	    ADD(SMMUB_SEC_DEVICES, tb->devices, 8) || ADD(SMMUB_SEC_RELOCS, tb->relocs, 2))
		return -1;
	blobw_set_flags(b, SMMUB_F_LATE_BOUND);
	return 0;
}

void *testblob_build(size_t *len)
{
	struct blobw *b = blobw_new();
	struct testblob tb;
	void *out = NULL;

	if (!b)
		return NULL;
	testblob_fill(&tb, b);
	if (testblob_add(&tb, b) || blobw_finish(b, &out, len, NULL))
		out = NULL;
	blobw_free(b);
	return out;
}
