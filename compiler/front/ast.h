/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The parsed configuration.
 *
 * Two layers: 'stmts' is every statement in source order exactly as written
 * (after @include expansion and -e words), with positions; the model
 * (sets, devs, smmus, units, settings) is what those statements mean, built
 * by sema_build() in one pass with the "current device" / "current smmu"
 * context of smmu(5). Checks read both; lowering reads the model.
 *
 * All strings are owned by the config and freed by config_free().
 */
#ifndef SMMU_AST_H
#define SMMU_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "front/srcfile.h"

/* ---- numbers --------------------------------------------------------- */

enum num_role { ROLE_ADDRESS, ROLE_LENGTH, ROLE_OTHER };

enum num_kind {
	NUM_LITERAL,
	NUM_ASINFO_START,  /* $asinfo_start{NAME}  */
	NUM_ASINFO_LENGTH, /* $asinfo_length{NAME} */
};

/*
 * 24 bytes: most statements hold two, and there may be millions of them.
 * The asinfo NAME is kept for the run by srcfile.c (num_asinfo()), not in
 * the number: its pointer was 8 bytes in every number, and few have one.
 */
#define NUM_NAME_MAX ((1u << 28) - 1)
struct num {
	uint64_t value;        /* meaningful only when 'resolved' */
	struct srcpos pos;
	uint32_t name : 28;    /* NAME for the asinfo kinds (srcfile_str), else 0 */
	uint32_t kind : 2;     /* enum num_kind */
	uint32_t resolved : 1; /* a valid literal, or an asinfo reference resolved */
	uint32_t bad : 1;      /* a diagnostic was already given for it */
};

/* NAME of an asinfo number, NULL for a literal (or no memory for the name). */
static inline const char *num_asinfo(const struct num *n)
{
	return srcfile_str(n->name);
}

/* ---- device specs ---------------------------------------------------- */

enum spec_kind {
	SPEC_PCI_ANY,  /* pci:*        */
	SPEC_PCI_BUS,  /* pci:B:*      */
	SPEC_PCI_DEV,  /* pci:B:D.*    */
	SPEC_PCI_FUNC, /* pci:B:D.F    */
	SPEC_MEM,      /* [mem:]PADDR[/LEN] */
};

/*
 * Kind and PCI numbers in a byte each (bus 0-255, device 0-31, function
 * 0-7): four bytes where four unsigned took sixteen, in every device line.
 */
struct devspec {
	struct num paddr, len; /* SPEC_MEM; len is 4096 when not written */
	char *text;            /* the spec as written */
	struct srcpos pos;
	uint8_t kind;          /* enum spec_kind */
	uint8_t bus, dev, fn;  /* as far as the kind uses them */
};

/* Canonical spelling ("pci:0:18.0", "mem:0xe6ef0000/0x1000"); buf >= 64. */
void devspec_format(const struct devspec *s, char *buf, size_t size);
/* 0 if a and b denote the same spec (resolved numbers compared). */
int devspec_cmp(const struct devspec *a, const struct devspec *b);

/* ---- statements ------------------------------------------------------ */

enum perm_bits { PERM_S = 1 /* read: DMA source */, PERM_T = 2 /* write */ };

enum safety_level { SAFETY_NONE, SAFETY_WARN, SAFETY_REQUIRED };

enum smmu_type {
	SMMU_UNKNOWN = 0,
	SMMU_VTD,
	SMMU_ARMSMMUV3,
	SMMU_ARMSMMU,
	SMMU_RCAR3,
};

enum stmt_kind {
	STMT_ALLOW,
	STMT_DEBUG,
	STMT_DEVICE,
	STMT_FOREGROUND,
	STMT_RESERVED,
	STMT_SAFETY,
	STMT_SET,       /* set VAR VAL */
	STMT_SET_QUERY, /* set ?       */
	STMT_SMMU,
	STMT_UNIT,
	STMT_USE,
	STMT_USER,
};

/*
 * What each kind of statement holds besides its keyword. A statement keeps
 * a pointer to its own kind's part, allocated for that kind only from the
 * config's arena (config_stmt_add): one union of all of them made every
 * statement as big as the biggest, and at 10^6 lines that was most of the
 * memory of a run.
 */
/* 'set' (sema): the index of its allow set, -1 none; in the padding there was */
struct stmt_allow {
	char *name;
	struct num start, len;
	struct srcpos name_pos;
	struct srcpos perms_pos;
	int set;
	uint8_t perms;    /* PERM_S|PERM_T; st when not given */
	bool perms_given;
};

struct stmt_debug {
	struct num level;
};

/*
 * 'dev' and 'smmu' (sema): the index of the statement's device or smmu
 * (for a device line its own, for a reserved or use line the current one;
 * for a unit line the current smmu), -1 none. Kept in the parts of the
 * kinds that have them: in every statement they cost 8 bytes a line.
 */
struct stmt_device {
	struct devspec spec;
	char *allow;      /* NULL when no allow name */
	struct srcpos allow_pos;
	int dev;
};

struct stmt_reserved {
	struct num start, len;
	int dev;
};

struct stmt_safety {
	enum safety_level level;
	char *component;  /* NULL: the global response */
	struct srcpos comp_pos;
};

struct stmt_set {
	char *var;
	char *val;
	struct srcpos var_pos, val_pos;
};

struct stmt_smmu {
	char *type;
	enum smmu_type t;
	char *param;      /* NULL when none */
	struct srcpos type_pos, param_pos;
};

struct stmt_unit {
	char *name;
	char *param;
	struct srcpos name_pos, param_pos;
	int smmu;
};

struct stmt_use {
	char *unit;
	char *param;
	struct srcpos unit_pos, param_pos;
	int dev;
};

struct stmt_user {
	char *spec;
	struct srcpos spec_pos;
};

/* 24 bytes: one per statement, and 10^6 lines hold over a million */
struct stmt {
	struct srcpos pos; /* of the keyword */
	enum stmt_kind kind;
	union {            /* the part of 'kind'; never NULL */
		void *any;
		struct stmt_allow *allow;
		struct stmt_debug *debug;
		struct stmt_device *device;
		struct stmt_reserved *reserved;
		struct stmt_safety *safety;
		struct stmt_set *set;
		struct stmt_smmu *smmu;
		struct stmt_unit *unit;
		struct stmt_use *use;
		struct stmt_user *user;
	} u;
};

/* ---- the model ------------------------------------------------------- */

/*
 * One granted range: an allow line, or a reserved line (perms = st). The
 * numbers are the statement's own (resolved in place by sema), not copies:
 * at 10^6 lines the copies were a tenth of the memory of a run. Its
 * position is its statement's (region_pos): a copy cost 12 bytes a region,
 * and a 32-bit index (config_stmt_add keeps nstmts below 2^32) makes 24.
 */
struct region {
	const struct num *start, *len;
	uint32_t stmt;     /* index into config.stmts */
	unsigned perms;
};

struct allow_set {
	char *name;
	struct region *regs;
	uint32_t nregs;     /* below nstmts (config_stmt_add): 40 bytes a set */
	struct srcpos pos;  /* first allow line, or first reference */
	unsigned users;     /* devices naming it */
	bool defined;       /* has at least one allow line */
};

enum vtd_dmar_mode { VTD_DMAR_AUTO, VTD_DMAR_REQUIRE, VTD_DMAR_IGNORE };

#define SMMU_MAX_SOC 8
#define UNIT_MAX_SIDS 16

struct smmu {
	enum smmu_type type;
	size_t stmt;
	struct srcpos pos;
	bool params_ok;
	union {
		struct {
			enum vtd_dmar_mode dmar;
		} vtd;
		struct {
			struct num paddr;
			unsigned fault_irq;
			bool has_mm_fault_bit;
			unsigned mm_fault_bit;
			unsigned nsoc;
			struct { unsigned socid, revid; } soc[SMMU_MAX_SOC];
		} rcar3;
	} p;
};

struct unit {
	char *name;
	int smmu;           /* index into smmus */
	size_t stmt;
	struct srcpos pos;
	bool params_ok;
	union {
		struct {
			struct num base;
		} vtd;
		struct {
			struct num paddr;
			int evtq_irq, gerror_irq; /* -1 when not given */
		} armsmmuv3;
		struct {
			struct num paddr;
			unsigned nsc_irq, nsg_irq, bypass;
			unsigned nsids;
			uint32_t sids[UNIT_MAX_SIDS];
			char *cfglib;     /* NULL when not given */
		} armsmmu;
		struct {
			struct num paddr;
			unsigned intr_bit;
		} rcar3;
	} p;
};

/*
 * Its position is its first statement's (device_pos), statement indexes 32
 * bits as a region's: 48 bytes, one per device line at most.
 */
struct device {
	const struct devspec *spec; /* the first device statement's, not a copy */
	struct region *reserved;
	uint64_t use_param; /* StreamID or uTLB number */
	uint32_t nreserved; /* below nstmts, so 32 bits as an index */
	uint32_t stmt;      /* first device statement naming this spec */
	uint32_t use_stmt;
	int set;            /* allow set index, -1 none */
	int unit;           /* last 'use', -1 none (firmware decides) */
	bool has_use_param;
};

#define USER_MAX_GROUPS 16

struct settings {
	unsigned debug;                  /* 0 off, 1, 2 */
	bool foreground;
	enum safety_level safety;        /* global response */
	bool safety_set;
	struct safety_comp {
		char *component;
		enum safety_level level;
		struct srcpos pos;
	} *comps;                        /* per component, last wins */
	size_t ncomps;
	uint64_t grow_heap;              /* 0: no growth */
	unsigned message_block_timeout;  /* ms; default 100; 0 = never */
	bool slogger2_required;          /* default true */
	bool set_query;                  /* 'set ?' seen */
	struct user_spec {
		bool set;
		char *name;                  /* user_name form, else NULL */
		bool has_uid, has_gid;
		uint32_t uid, gid;
		unsigned ngroups;
		uint32_t groups[USER_MAX_GROUPS];
		struct srcpos pos;
	} user;
};

struct config_chunk;

struct config {
	struct stmt *stmts;
	size_t nstmts, stmts_cap;
	struct config_chunk *arena; /* the statements' parts (config_stmt_add) */

	struct allow_set *sets;
	size_t nsets;
	/* every set's and device's regions, one block (sema: counted, then placed) */
	struct region *regions;
	struct device *devs;
	size_t ndevs;
	struct smmu *smmus;
	size_t nsmmus;
	struct unit *units;
	size_t nunits;
	struct settings settings;

	char **inputs;       /* every file read, in order: for -d */
	size_t ninputs;
	bool guest;          /* --guest */
	/* smmuman's table memory (--table-memory); length 0: not checked */
	uint64_t table_mem, table_mem_len;
};

/* The position of dv's first statement. */
static inline const struct srcpos *device_pos(const struct config *cfg, const struct device *dv)
{
	return &cfg->stmts[dv->stmt].pos;
}

/* The position of r's statement. */
static inline const struct srcpos *region_pos(const struct config *cfg, const struct region *r)
{
	return &cfg->stmts[r->stmt].pos;
}

struct config *config_new(void);
void config_free(struct config *cfg);
/*
 * Appends a zeroed statement of kind at pos with its part (dev and smmu
 * -1); NULL when out of memory, or at 2^32 - 1 statements (a region names
 * its statement in 32 bits). Pointers into cfg->stmts move with it.
 */
struct stmt *config_stmt_add(struct config *cfg, enum stmt_kind kind, const struct srcpos *pos);
/* A zeroed part for a statement of kind (dev, smmu -1), owned by cfg; NULL: no memory. */
void *config_stmt_part(struct config *cfg, enum stmt_kind kind);
/*
 * A statement's string: s[0..len) and a NUL, owned by cfg (never freed
 * alone: a malloc'd copy each cost twice its size). NULL: no memory.
 */
char *config_strndup(struct config *cfg, const char *s, size_t len);

/* Records path as read (for -d, in order). 0, or -1 when out of memory. */
int config_add_input(struct config *cfg, const char *path);


/* Index of the allow set / unit with this name, or -1. */
int config_find_set(const struct config *cfg, const char *name);
int config_find_unit(const struct config *cfg, const char *name);

#endif
