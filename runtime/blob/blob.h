/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The policy blob reader: one definition of a valid blob, shared by the
 * compiler and the runtime. Modelled on libfdt: no allocation, the caller
 * owns the buffer and the view, every offset and size is checked against
 * overflow, and one full validation pass (smmub_validate) comes before any
 * other use. Errors are negative SMMUB_ERR_* codes; smmub_strerror names
 * them. Entry fields are little-endian: read them with smmub_le32/le64.
 */
#ifndef SMMU_BLOB_H
#define SMMU_BLOB_H

#include <endian.h>
#include <stddef.h>
#include <stdint.h>
#include "smmub.h"

enum smmub_err {
	SMMUB_ERR_TRUNCATED = 1, /* buffer shorter than the header or total_size */
	SMMUB_ERR_BADMAGIC,	 /* not a policy blob */
	SMMUB_ERR_BADVERSION,	 /* written for a newer reader, or nonsense */
	SMMUB_ERR_BADHEADER,	 /* header field out of range, reserved not zero */
	SMMUB_ERR_ALIGNMENT,	 /* buffer, section or size not 8-aligned */
	SMMUB_ERR_BADSECTION,	 /* section table entry wrong or outside the blob */
	SMMUB_ERR_OVERLAP,	 /* two sections, or a section and header/table */
	SMMUB_ERR_MISSING,	 /* a required section is absent */
	SMMUB_ERR_DUPLICATE,	 /* a known section type given twice */
	SMMUB_ERR_BADINDEX,	 /* an index out of range or of the wrong kind */
	SMMUB_ERR_BADSTRING,	 /* string offset or string contents wrong */
	SMMUB_ERR_BADORDER,	 /* a promised sort order or grouping broken */
	SMMUB_ERR_BADVALUE,	 /* enum, flag, reserved field or value wrong */
	SMMUB_ERR_BADCRC,	 /* checksum mismatch (checked last) */
	SMMUB_ERR_NOTFOUND,	 /* lookup: no such entry */
	SMMUB_ERR_NOSPACE,	 /* writer: out of memory */
	SMMUB_ERR_MAX
};

/* Text for a (negative or positive) error code; never NULL. */
const char *smmub_strerror(int err);

/* Highest known section type that the view indexes directly. */
#define SMMUB_SEC_KNOWN_MAX 14
/* A reader limit: the section table is scanned pairwise for overlaps. */
#define SMMUB_MAX_SECTIONS 256u
/* A reader limit, as libfdt's INT_MAX: indices then fit an int. */
#define SMMUB_MAX_TOTAL_SIZE 0x7fffffffu
/*
 * The largest blob smmuman and smmucc read into memory (smmuman(8)): more
 * than any policy smmucc writes (100,000 regions: about 21 MiB), far less
 * than a device or an endless pipe would hand out.
 */
#define SMMUB_MAX_READ (128u << 20)

struct smmub_secinfo {
	const unsigned char *data; /* NULL when absent */
	uint64_t offset;	   /* from the blob start */
	uint64_t size;
	uint32_t count;
	uint32_t stride; /* entry_size as written: >= what this reader knows */
};

/* Filled by smmub_validate; the buffer must outlive it. */
struct smmub_view {
	const unsigned char *base;
	uint64_t size; /* total_size */
	uint32_t version;
	uint32_t flags;					   /* enum smmub_flags */
	struct smmub_secinfo sec[SMMUB_SEC_KNOWN_MAX + 1]; /* by type */
};

/*
 * Validates the whole blob (structure first, CRC32C last) and fills *v.
 * buf must be 8-aligned; bufsize must be total_size (a byte after it is
 * SMMUB_ERR_BADHEADER at offset total_size: the CRC does not cover it). On error returns
 * -SMMUB_ERR_* and, if bad_offset is not NULL, the byte offset of the field
 * (or byte) that broke the first rule found; *v is then unusable.
 */
int smmub_validate(const void *buf, size_t bufsize, struct smmub_view *v, uint64_t *bad_offset);

/*
 * smmub_validate without the CRC, for a loader that checks the CRC
 * (smmub_compute_crc) at the point where it would first use the blob's
 * contents. Such a caller must compare the CRC with the header's before it
 * writes anything derived from the blob or uses any record beyond what
 * shapes its start-up report.
 */
int smmub_validate_structure(const void *buf, size_t bufsize, struct smmub_view *v,
			     uint64_t *bad_offset);

/* CRC32C of total bytes of buf with the header's crc32c field taken as 0. */
uint32_t smmub_compute_crc(const void *buf, size_t total);

static inline uint32_t smmub_le32(uint32_t x)
{
	return le32toh(x);
}

static inline uint64_t smmub_le64(uint64_t x)
{
	return le64toh(x);
}

/* The short forms, for code that reads many fields (the reader, the outputs). */
#define L32(x) smmub_le32(x)
#define L64(x) smmub_le64(x)

/*
 * The smmu types of SMMUS entries (enum smmub_smmu_type): names as the
 * language spells them, and the PARAMS count of a UNITS entry of each. This
 * is the one table of them; the compiler's enum smmu_type has the same
 * values, and its messages name the types through these macros.
 */
#define SMMUB_NAME_VTD "vtd"
#define SMMUB_NAME_ARMSMMUV3 "armsmmuv3"
#define SMMUB_NAME_ARMSMMU "armsmmu"
#define SMMUB_NAME_RCAR3 "rcar3"
#define SMMUB_SMMU_TYPE_MAX SMMUB_SMMU_RCAR3

struct smmub_type_info {
	const char *name;
	uint32_t unit_params_min, unit_params_max;
};

/* The type's entry, or NULL for a type this reader does not know. */
const struct smmub_type_info *smmub_smmu_type_info(uint32_t type);
/* The type's name, or NULL for a type this reader does not know. */
const char *smmub_smmu_type_name(uint32_t type);
/* The type of that name, or 0 (no type) for an unknown name. */
uint32_t smmub_smmu_type_of(const char *name);

/* Number of entries of a known section type (0 if absent or unknown). */
uint32_t smmub_count(const struct smmub_view *v, uint32_t type);

/*
 * Any section by type, including types this reader does not know (VT-d
 * tables 16..31): 0 and *out; -SMMUB_ERR_NOTFOUND and *out zeroed; or
 * -SMMUB_ERR_DUPLICATE with *out the second section of the type (a caller
 * asking by type wants exactly one). Only on a view that smmub_validate
 * filled; bounds and overlap are checked for every type.
 */
int smmub_find_section(const struct smmub_view *v, uint32_t type, struct smmub_secinfo *out);

/* Entry accessors: NULL when i is out of range. */
const struct smmub_settings *smmub_settings(const struct smmub_view *v);
const struct smmub_symbol *smmub_sym(const struct smmub_view *v, uint32_t i);
const struct smmub_safety *smmub_safety(const struct smmub_view *v, uint32_t i);
const struct smmub_smmu *smmub_smmu(const struct smmub_view *v, uint32_t i);
const struct smmub_unit *smmub_unit(const struct smmub_view *v, uint32_t i);
const struct smmub_set *smmub_set(const struct smmub_view *v, uint32_t i);
const struct smmub_rule *smmub_rule(const struct smmub_view *v, uint32_t i);
const struct smmub_domain *smmub_domain(const struct smmub_view *v, uint32_t i);
const struct smmub_region *smmub_region(const struct smmub_view *v, uint32_t i);
const struct smmub_device *smmub_device(const struct smmub_view *v, uint32_t i);
const struct smmub_reloc *smmub_reloc(const struct smmub_view *v, uint32_t i);
/* The PRODUCER entry, or NULL when the (optional) section is absent. */
const struct smmub_producer *smmub_producer(const struct smmub_view *v);

/* PARAMS[i] in host order; 0 and *out, or -SMMUB_ERR_NOTFOUND. */
int smmub_param(const struct smmub_view *v, uint32_t i, uint64_t *out);

/* The string at offset off of STRINGS, or NULL if off is not valid. */
const char *smmub_str(const struct smmub_view *v, uint32_t off);

/*
 * Device index of the most specific PCI spec matching requester id sid
 * (FUNC, then DEV, BUS, ANY), or -SMMUB_ERR_NOTFOUND.
 */
int smmub_lookup_pci(const struct smmub_view *v, uint32_t sid);

/*
 * Device index of the memory-mapped master whose [paddr, paddr+length)
 * contains addr: the one with the greatest paddr <= addr. Or
 * -SMMUB_ERR_NOTFOUND.
 */
int smmub_lookup_mem(const struct smmub_view *v, uint64_t addr);

/* Region index of domain dom that contains addr, or -SMMUB_ERR_NOTFOUND. */
int smmub_domain_find(const struct smmub_view *v, uint32_t dom, uint64_t addr);

/* Set index with this name (binary search), or -SMMUB_ERR_NOTFOUND. */
int smmub_set_find(const struct smmub_view *v, const char *name);

/*
 * The reserved lines of device dev: their RULES range. Returns 0 (count may
 * be 0) or -SMMUB_ERR_NOTFOUND if dev is out of range.
 */
int smmub_device_reserved(const struct smmub_view *v, uint32_t dev, uint32_t *first,
			  uint32_t *count);

/* First RULES index of the reserved lines (the sets' rules come before). */
uint32_t smmub_reserved_first(const struct smmub_view *v);

/* Relocations of rule r: their RELOCS range (sorted by rule, field). */
int smmub_rule_relocs(const struct smmub_view *v, uint32_t r, uint32_t *first, uint32_t *count);

/*
 * Resolves an asinfo name for late binding: 0 and start/length, or a
 * negative SMMUB_ASINFO_* saying why not (any other negative value reads
 * as SMMUB_ASINFO_NONE).
 */
typedef int (*smmub_asinfo_fn)(void *arg, const char *name, uint64_t *start, uint64_t *length);

enum {
	SMMUB_ASINFO_NONE = -1,      /* no region has the name */
	SMMUB_ASINFO_AMBIGUOUS = -2, /* several regions have it */
	SMMUB_ASINFO_NO_PLACE = -3,  /* its region gives no usable address */
};

/*
 * Rule ri as bound: its start and length with its late names resolved by
 * fn (a rule without relocations as written). Returns 0, or -1 with a
 * message in err (an unresolved name, an empty or wrapping region).
 */
int smmub_rule_bound(const struct smmub_view *v, uint32_t ri, smmub_asinfo_fn fn, void *arg,
		     uint64_t *start, uint64_t *length, char *err, size_t errlen);

#endif
