/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The policy blob (.smmub): the one definition of its layout.
 *
 * The compiler (smmucc) writes it, the reader library (runtime/blob/blob.c)
 * validates and reads it for the compiler's decompiler, JSON writer and
 * query, and for the runtime (smmuman). schemas/README.md documents every
 * field; keep the two in step.
 *
 * Rules that hold for every field:
 *  - little-endian, explicit widths, no pointers; read through le32toh and
 *    le64toh (runtime/blob/blob.h does);
 *  - every structure is a multiple of 8 bytes and every section starts on an
 *    8-byte boundary; padding and reserved fields are zero;
 *  - nothing depends on the host: no time stamps, no host paths (file names
 *    are as the user wrote them), so equal input gives equal bytes;
 *  - "index" fields count entries of the named section; SMMUB_NONE is "none";
 *    "string" fields are byte offsets into the STRINGS section, 0 is "".
 */
#ifndef SMMUB_H
#define SMMUB_H

#include <stdint.h>

#define SMMUB_MAGIC 0x424d4d53u /* bytes "SMMB" */
#define SMMUB_VERSION 1u        /* what this header describes */
#define SMMUB_LAST_COMP_VERSION 1u
#define SMMUB_NONE 0xffffffffu
#define SMMUB_ALIGN 8u
#define SMMUB_PAGE_SIZE 4096u

/* ---- header (offset 0) ---------------------------------------------- */

enum smmub_flags {
	SMMUB_F_GUEST = 1u << 0,      /* compiled with --guest */
	SMMUB_F_LATE_BOUND = 1u << 1, /* RELOCS must be resolved at boot */
};

struct smmub_header {
	uint32_t magic;             /* SMMUB_MAGIC */
	uint32_t version;           /* layout version this blob was written as */
	uint32_t last_comp_version; /* oldest reader version that can read it */
	uint32_t header_size;       /* sizeof(struct smmub_header) at writing */
	uint64_t total_size;        /* bytes, header included */
	uint64_t section_offset;    /* section table, 8-aligned */
	uint32_t section_count;
	uint32_t flags;             /* enum smmub_flags */
	uint32_t crc32c;            /* CRC32C of total_size bytes, this field 0 */
	uint32_t reserved0;
	uint64_t reserved[2];
};

/* ---- section table --------------------------------------------------- */

enum smmub_section_type {
	SMMUB_SEC_STRINGS = 1,  /* NUL-terminated strings; entry_size 1 */
	SMMUB_SEC_SYMBOLS = 2,  /* struct smmub_symbol */
	SMMUB_SEC_SETTINGS = 3, /* exactly one struct smmub_settings */
	SMMUB_SEC_SAFETY = 4,   /* struct smmub_safety, sorted by component */
	SMMUB_SEC_PARAMS = 5,   /* uint64_t, parameters of smmus and units */
	SMMUB_SEC_SMMUS = 6,    /* struct smmub_smmu, source order */
	SMMUB_SEC_UNITS = 7,    /* struct smmub_unit, source order */
	SMMUB_SEC_SETS = 8,     /* struct smmub_set, sorted by name */
	SMMUB_SEC_RULES = 9,    /* struct smmub_rule, grouped by owner */
	SMMUB_SEC_DOMAINS = 10, /* struct smmub_domain */
	SMMUB_SEC_REGIONS = 11, /* struct smmub_region, by domain then start */
	SMMUB_SEC_DEVICES = 12, /* struct smmub_device, sorted (see below) */
	SMMUB_SEC_RELOCS = 13,  /* struct smmub_reloc, late-bound references */
	SMMUB_SEC_PRODUCER = 14, /* optional, one struct smmub_producer */
	/* 16..31: Intel VT-d translation tables (runtime issue) */
	SMMUB_SEC_VTD_FIRST = 16,
	SMMUB_SEC_VTD_LAST = 31,
	/* 32..47: ARM SMMUv3 tables (later) */
};

struct smmub_section {
	uint32_t type;       /* enum smmub_section_type; unknown types skipped */
	uint32_t flags;      /* 0 */
	uint64_t offset;     /* from blob start, 8-aligned */
	uint64_t size;       /* bytes; == count * entry_size */
	uint32_t count;      /* entries */
	uint32_t entry_size; /* >= the size this reader knows: newer writers may append fields */
};

/* ---- symbols: where things were defined (for messages, decompiling) ---- */

enum smmub_symbol_kind {
	SMMUB_SYM_DEVICE = 1,   /* name: device spec as canonically spelled */
	SMMUB_SYM_SET = 2,      /* name: allow set name */
	SMMUB_SYM_UNIT = 3,     /* name: unit name */
	SMMUB_SYM_RULE = 4,     /* an allow line; name: its set */
	SMMUB_SYM_RESERVED = 5, /* a reserved line; name: its device spec */
	SMMUB_SYM_USE = 6,      /* a use line; name: the unit */
	SMMUB_SYM_SMMU = 7,     /* an smmu line; name: the type */
};

struct smmub_symbol {
	uint32_t kind;  /* enum smmub_symbol_kind */
	uint32_t name;  /* string */
	uint32_t file;  /* string: file as named by the user */
	uint32_t line;  /* from 1 */
	uint32_t col;   /* from 1, in bytes */
	uint32_t reserved;
};

/* ---- settings --------------------------------------------------------- */

enum smmub_safety_level { SMMUB_SAFETY_NONE = 0, SMMUB_SAFETY_WARN = 1, SMMUB_SAFETY_REQUIRED = 2 };

enum smmub_settings_flags {
	SMMUB_SET_FOREGROUND = 1u << 0,
	SMMUB_SET_SLOGGER2_REQUIRED = 1u << 1,
	SMMUB_SET_SAFETY_GIVEN = 1u << 2, /* global safety level written */
	SMMUB_SET_USER = 1u << 3,         /* a user line was given */
	SMMUB_SET_USER_UID = 1u << 4,     /* uid field valid */
	SMMUB_SET_USER_GID = 1u << 5,     /* gid field valid */
	SMMUB_SET_GROW_HEAP = 1u << 6,    /* grow_heap written */
	SMMUB_SET_MBT = 1u << 7,          /* message_block_timeout written */
};

#define SMMUB_MAX_GROUPS 16

struct smmub_settings {
	uint32_t flags;                 /* enum smmub_settings_flags */
	uint32_t debug;                 /* 0, 1, 2 */
	uint32_t safety;                /* global level, enum smmub_safety_level */
	uint32_t message_block_timeout; /* ms, 0 never; default 100 */
	uint64_t grow_heap;             /* bytes */
	uint32_t user_name;             /* string, 0 for the uid form */
	uint32_t uid;
	uint32_t gid;
	uint32_t ngroups;               /* <= SMMUB_MAX_GROUPS */
	uint32_t groups[SMMUB_MAX_GROUPS];
};

struct smmub_safety {
	uint32_t component; /* string, e.g. "smmu-vtd" */
	uint32_t level;     /* enum smmub_safety_level */
};

/* ---- smmu types and units ------------------------------------------- */

enum smmub_smmu_type {
	SMMUB_SMMU_VTD = 1,
	SMMUB_SMMU_ARMSMMUV3 = 2,
	SMMUB_SMMU_ARMSMMU = 3,
	SMMUB_SMMU_RCAR3 = 4,
};

enum smmub_smmu_flags {
	SMMUB_SMMU_VTD_REQUIRE = 1u << 0, /* smmu vtd require */
	SMMUB_SMMU_VTD_IGNORE = 1u << 1,  /* smmu vtd ignore */
	SMMUB_SMMU_RCAR3_MM_FAULT_BIT = 1u << 2,
};

/*
 * PARAMS of an smmu entry, by type:
 *   vtd: none
 *   rcar3: paddr, fault_irq, [mm_fault_bit if flagged], then one
 *          (socid << 32 | revid) per SoC revision
 */
struct smmub_smmu {
	uint32_t type;        /* enum smmub_smmu_type */
	uint32_t flags;       /* enum smmub_smmu_flags */
	uint32_t param_first; /* index into PARAMS */
	uint32_t param_count;
	uint32_t sym;         /* SMMUB_SYM_SMMU */
	uint32_t reserved;
};

/*
 * PARAMS of a unit entry, by its smmu's type:
 *   vtd: register base
 *   armsmmuv3: paddr, evtq_irq, gerror_irq (UINT64_MAX: not given)
 *   armsmmu: paddr, nsc_irq, nsg_irq, bypass, then one per reserved SID
 *   rcar3: paddr, intr_status_bit
 */
struct smmub_unit {
	uint32_t name;        /* string */
	uint32_t smmu;        /* index into SMMUS */
	uint32_t param_first; /* index into PARAMS */
	uint32_t param_count;
	uint32_t sym;         /* SMMUB_SYM_UNIT */
	uint32_t cfglib;      /* string (armsmmu CFGLIB), 0 none */
};

/* ---- allow sets and the rules as written ------------------------------ */

struct smmub_set {
	uint32_t name;       /* string */
	uint32_t sym;        /* SMMUB_SYM_SET: first allow line */
	uint32_t rule_first; /* index into RULES */
	uint32_t rule_count;
};

enum smmub_perm { SMMUB_PERM_R = 1u << 0 /* s */, SMMUB_PERM_W = 1u << 1 /* t */ };

enum smmub_rule_flags {
	SMMUB_RULE_RESERVED = 1u << 0,    /* a reserved line; owner is a device */
	SMMUB_RULE_PERMS_GIVEN = 1u << 1, /* permissions were written */
	SMMUB_RULE_LATE = 1u << 2,        /* start or length is in RELOCS */
};

/*
 * One allow or reserved line with its values as written (not widened), so
 * the decompiler can reproduce it and --query can name the line that
 * grants an access. RULES holds every set's rules (sets in SETS order,
 * source order within a set), then every device's reserved lines (devices
 * in DEVICES order, source order within a device).
 */
struct smmub_rule {
	uint64_t start;
	uint64_t length;
	uint32_t perms; /* enum smmub_perm */
	uint32_t flags; /* enum smmub_rule_flags */
	uint32_t owner; /* index into SETS, or into DEVICES if RESERVED */
	uint32_t sym;   /* SMMUB_SYM_RULE or SMMUB_SYM_RESERVED */
};

/* ---- domains and their regions: what the tables must grant ----------- */

enum smmub_domain_flags {
	SMMUB_DOM_OWNED = 1u << 0, /* its devices have an allow set */
	SMMUB_DOM_LATE = 1u << 1,  /* grants depend on RELOCS: see below */
};

/*
 * A translation domain: one page table shared by every device whose grants
 * are identical. did is the domain id programmed into the hardware (from 1).
 * A SMMUB_DOM_LATE domain has no REGIONS (region_count 0): its grants are
 * the RULES of device_first's set and of device_first's reserved lines,
 * taken once RELOCS are resolved at boot, widened to pages. Such a domain is
 * shared only by devices with the same set and no reserved lines.
 */
struct smmub_domain {
	uint32_t region_first; /* index into REGIONS */
	uint32_t region_count;
	uint32_t did;
	uint32_t flags;        /* enum smmub_domain_flags */
	uint32_t device_first; /* lowest DEVICES index using it (for naming) */
	uint32_t reserved;
};

enum smmub_region_flags {
	SMMUB_REG_RESERVED = 1u << 0,  /* includes a reserved line */
};

/*
 * Final grants: 4 KiB aligned, merged where adjacent or overlapping with
 * equal permissions, permissions unioned page by page where they overlap;
 * sorted by domain then start, never overlapping or touching with equal
 * permissions within a domain.
 */
struct smmub_region {
	uint64_t start;
	uint64_t length;
	uint32_t perms; /* enum smmub_perm */
	uint32_t flags; /* enum smmub_region_flags */
};

/* ---- devices ---------------------------------------------------------- */

enum smmub_device_kind {
	SMMUB_DEV_PCI_ANY = 1,
	SMMUB_DEV_PCI_BUS = 2,
	SMMUB_DEV_PCI_DEV = 3,
	SMMUB_DEV_PCI_FUNC = 4,
	SMMUB_DEV_MEM = 5,
};

enum smmub_device_flags {
	SMMUB_DEVF_USE_PARAM = 1u << 0, /* use_param valid */
};

/*
 * Sorted by (kind, sid, paddr) so a requester id is found with at most four
 * binary searches, most specific first (FUNC, DEV, BUS, ANY).
 * sid = bus << 8 | dev << 3 | fn with the parts the kind does not name 0.
 */
struct smmub_device {
	uint32_t kind;      /* enum smmub_device_kind */
	uint32_t sid;
	uint64_t paddr;     /* SMMUB_DEV_MEM */
	uint64_t length;    /* SMMUB_DEV_MEM */
	uint32_t domain;    /* index into DOMAINS, or NONE (no grants at all) */
	uint32_t unit;      /* index into UNITS, or NONE (firmware decides) */
	uint32_t set;       /* index into SETS, or NONE */
	uint32_t flags;     /* enum smmub_device_flags */
	uint64_t use_param; /* StreamID / uTLB */
	uint32_t sym;       /* SMMUB_SYM_DEVICE */
	uint32_t use_sym;   /* SMMUB_SYM_USE, or NONE */
};

/* ---- late binding ----------------------------------------------------- */

enum smmub_reloc_field { SMMUB_RELOC_START = 0, SMMUB_RELOC_LENGTH = 1 };

/* "$asinfo_start{name}" / "$asinfo_length{name}" left for boot. */
struct smmub_reloc {
	uint32_t rule;  /* index into RULES (flagged SMMUB_RULE_LATE) */
	uint32_t field; /* enum smmub_reloc_field */
	uint32_t name;  /* string: the asinfo name */
	uint32_t reserved;
};

/* ---- who wrote the blob ------------------------------------------------ */

enum smmub_producer_flags {
	/* written by the safety variant of the compiler (configure --enable-safety) */
	SMMUB_PROD_SAFETY_VARIANT = 1u << 0,
};

/*
 * The runtime's `safety` response weighs the compiler that made the blob
 * like any other component; this says which variant it was.
 */
struct smmub_producer {
	uint32_t flags; /* enum smmub_producer_flags */
	uint32_t reserved;
};

/* ---- table pages, as every architecture stores them ------------------ */

/*
 * count consecutive non-zero 64-bit words of page page from word index:
 * value, value + step, value + 2 * step, ... Runs are sorted by (page,
 * index), never overlap and never cross a page (index + count <= 512);
 * value is not 0, the last word value + (count - 1) * step does not wrap,
 * and a run of one word has step 0. (The compiler makes each run as long
 * as its step holds; a reader does not insist on that.)
 * Every offset of the architecture's relocation list names a word of
 * some run. Every architecture stores its table pages this way.
 */
struct smmub_run {
	uint32_t page;  /* < page_count */
	uint16_t index; /* first word, < 512 */
	uint16_t count; /* words, >= 1 */
	uint64_t value; /* the first word */
	uint64_t step;  /* added for each next word */
};


#endif
