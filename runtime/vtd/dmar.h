/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ACPI DMAR (DMA remapping reporting) table parser.
 *
 * The table comes from firmware, so it is treated as hostile input: every
 * length and offset is checked against the table and the buffer before use,
 * the walk always advances, and nothing is allocated. The caller provides
 * the output arrays with their capacities; counts are filled in even when an
 * array is too small (or NULL with capacity 0), so a first call can size the
 * arrays for a second one.
 */
#ifndef SMMU_DMAR_H
#define SMMU_DMAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DMAR_HEADER_LEN		48	/* ACPI header (36) + HAW, flags, reserved */

/* Table flags (byte 37). */
#define DMAR_F_INTR_REMAP	0x01
#define DMAR_F_X2APIC_OPT_OUT	0x02
#define DMAR_F_DMA_CTRL_OPT_IN	0x04

/* Remapping structure types. */
#define DMAR_TYPE_DRHD		0
#define DMAR_TYPE_RMRR		1
#define DMAR_TYPE_ATSR		2
#define DMAR_TYPE_RHSA		3
#define DMAR_TYPE_ANDD		4
#define DMAR_TYPE_SATC		5

/* Device scope types. */
#define DMAR_SCOPE_PCI_ENDPOINT	1
#define DMAR_SCOPE_PCI_SUBTREE	2
#define DMAR_SCOPE_IOAPIC	3
#define DMAR_SCOPE_HPET		4
#define DMAR_SCOPE_ACPI_NS	5

/* Error codes, all returned negated. */
#define DMAR_ERR_BADARG		1	/* NULL buffer or info */
#define DMAR_ERR_TRUNCATED	2	/* buffer shorter than the DMAR header */
#define DMAR_ERR_SIGNATURE	3	/* signature is not "DMAR" */
#define DMAR_ERR_LENGTH		4	/* header length < header or > buffer */
#define DMAR_ERR_CHECKSUM	5	/* bytes do not sum to 0 mod 256 */
#define DMAR_ERR_STRUCT_LEN	6	/* structure length < 4 or < its type's minimum */
#define DMAR_ERR_STRUCT_END	7	/* structure runs past the end of the table */
#define DMAR_ERR_SCOPE_LEN	8	/* scope length < 8 or path not whole pairs */
#define DMAR_ERR_SCOPE_END	9	/* scope runs past the end of its structure */
#define DMAR_ERR_PATH		10	/* path element with device > 31 or function > 7 */
#define DMAR_ERR_PATH_UNSUP	11	/* path longer than 1 and no secondary-bus reader */
#define DMAR_ERR_BRIDGE		12	/* secondary-bus reader failed for a path bridge */
#define DMAR_ERR_REG_BASE	13	/* DRHD register base not 4 KiB aligned */
#define DMAR_ERR_RMRR_RANGE	14	/* RMRR base > limit or not 4 KiB granular */
#define DMAR_ERR_NOSPACE	15	/* an output array is too small (counts are valid) */
#define DMAR_ERR_MAX		15

struct dmar_scope {
	uint8_t type;		/* DMAR_SCOPE_* */
	uint8_t enum_id;	/* IOAPIC id, HPET number, ACPI device number */
	uint8_t start_bus;
	uint8_t path_len;	/* (device, function) pairs in the table */
	uint16_t segment;	/* from the enclosing structure */
	/* The path resolved to its last element: the device, or the bridge of
	 * a sub-hierarchy. */
	uint8_t bus;
	uint8_t dev;
	uint8_t fn;
};

struct dmar_unit {
	uint64_t reg_base;
	uint16_t segment;
	bool include_all;	/* INCLUDE_PCI_ALL: every device not claimed elsewhere */
	uint8_t reg_size_log2;	/* register set is 2^n 4 KiB pages (0 on old tables) */
	size_t first_scope;	/* index into dmar_info.scopes */
	size_t n_scopes;
};

struct dmar_rmrr {
	uint64_t base;
	uint64_t limit;		/* inclusive */
	uint16_t segment;
	size_t first_scope;
	size_t n_scopes;
};

/*
 * Reads the secondary bus number of the bridge at seg:bus:dev.fn from PCI
 * configuration space. Returns 0..255, or a negative value on failure.
 */
typedef int (*dmar_secondary_bus_fn)(void *arg, uint16_t seg, uint8_t bus, uint8_t dev,
				     uint8_t fn);

struct dmar_info {
	/* Set by the caller: output arrays (may be NULL with capacity 0). */
	struct dmar_unit *units;
	size_t units_cap;
	struct dmar_rmrr *rmrrs;
	size_t rmrrs_cap;
	struct dmar_scope *scopes;
	size_t scopes_cap;
	dmar_secondary_bus_fn secondary_bus;	/* may be NULL */
	void *secondary_bus_arg;

	/* Filled in by dmar_parse(). */
	uint32_t table_len;
	uint8_t revision;
	uint8_t haw;		/* host address width in bits (field + 1) */
	uint8_t flags;		/* DMAR_F_* */
	char oem_id[7];		/* NUL-terminated */
	size_t n_units;
	size_t n_rmrrs;
	size_t n_scopes;
	size_t n_skipped;	/* ATSR, RHSA, ANDD, SATC and unknown structures */
	size_t n_scopes_skipped; /* scopes of reserved types (checked, not kept) */
};

/*
 * Parses the DMAR table in buf[0..len). Returns 0, or a negative DMAR_ERR_*
 * code with *err_off (if not NULL) set to the byte offset of the problem.
 * On -DMAR_ERR_NOSPACE the whole table was checked and all counts are valid.
 */
int dmar_parse(const void *buf, size_t len, struct dmar_info *info, size_t *err_off);

/* Text for a (negative) DMAR_ERR_* code; never NULL. */
const char *dmar_strerror(int err);

/* Name of a DMAR_SCOPE_* type ("pci-endpoint", ...), or "unknown". */
const char *dmar_scope_type_name(uint8_t type);

#endif
