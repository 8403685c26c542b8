/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The board's SMMUv3 topology from a flattened device tree: the units
 * (compatible "arm,smmu-v3"), each PCI host bridge's iommu-map (requester
 * id -> unit and StreamID, Linux's pci-iommu binding), and each memory-
 * mapped master's iommus specifiers (its first reg address -> unit and
 * StreamIDs).
 *
 * The tree comes from firmware or from a file, so it is hostile input:
 * fdt_check_full first, every property length checked against its cells,
 * cell counts above 2 refused where an address is read, every phandle
 * resolved or refused, two passes over the structure block and a work
 * bound on address translation, so time is linear in the tree's size.
 * Nothing is allocated: the caller provides the output arrays with their
 * capacities; counts are filled in even when an array is too small (or NULL
 * with capacity 0), so a counting call can size the arrays for a second
 * one, as dmar_parse() does. Names point into the tree buffer and are the
 * tree's bytes: escape them (util/esc_str.h) before a terminal or a log.
 */
#ifndef SMMU_SMMUV3_FDT_H
#define SMMU_SMMUV3_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits on hostile trees; each is an error code when exceeded. */
#define SMMUV3_FDT_MAX_DEPTH	32	/* node nesting */
#define SMMUV3_FDT_MAX_IOMMUS	256	/* nodes with #iommu-cells and a phandle */
#define SMMUV3_FDT_MAX_IOMMU_CELLS 8	/* #iommu-cells of another IOMMU (stepped over) */

/* A unit index meaning "not an available SMMUv3" (another IOMMU, or disabled). */
#define SMMUV3_FDT_NONE		((size_t)-1)

/* Error codes, all returned negated. */
#define SMMUV3_FDT_ERR_BADARG	1	/* NULL tree or info, bad index */
#define SMMUV3_FDT_ERR_TREE	2	/* fdt_check_full failed (libfdt code in fdt_err) */
#define SMMUV3_FDT_ERR_DEPTH	3	/* nodes nested deeper than SMMUV3_FDT_MAX_DEPTH */
#define SMMUV3_FDT_ERR_CELLS	4	/* #address/#size-cells: not 1 cell, > 2 if used */
#define SMMUV3_FDT_ERR_REG	5	/* reg shorter than one (address, size) entry */
#define SMMUV3_FDT_ERR_RANGES	6	/* ranges not whole (child, parent, size) entries */
#define SMMUV3_FDT_ERR_UNIT_REG	7	/* unit reg: none, not CPU, empty, unaligned */
#define SMMUV3_FDT_ERR_UNIT_CELLS 8	/* an available SMMUv3 whose #iommu-cells is not <1> */
#define SMMUV3_FDT_ERR_IOMMU_CELLS 9	/* #iommu-cells not one cell, or > MAX_IOMMU_CELLS */
#define SMMUV3_FDT_ERR_TOO_MANY	10	/* more than SMMUV3_FDT_MAX_IOMMUS IOMMU nodes */
#define SMMUV3_FDT_ERR_DUP_PHANDLE 11	/* an IOMMU's phandle is also another node's */
#define SMMUV3_FDT_ERR_PHANDLE	12	/* a reference to a phandle no node has */
#define SMMUV3_FDT_ERR_NOT_IOMMU 13	/* a reference to a node without #iommu-cells */
#define SMMUV3_FDT_ERR_IOMMUS_LEN 14	/* iommus not whole (phandle, specifier) entries */
#define SMMUV3_FDT_ERR_MAP_LEN	15	/* iommu-map not whole 4-cell entries, bad mask */
#define SMMUV3_FDT_ERR_MAP_ENTRY 16	/* map entry: length 0, wraps, base outside mask */
#define SMMUV3_FDT_ERR_BUDGET	17	/* address translation work beyond the tree's size */
#define SMMUV3_FDT_ERR_NOSPACE	18	/* an output array too small (counts valid) */
/* Answers of the lookups, not parse errors. */
#define SMMUV3_FDT_ERR_NO_MAP	19	/* host bridge without iommu-map: no IOMMU */
#define SMMUV3_FDT_ERR_UNMAPPED	20	/* no iommu-map entry covers the requester id */
#define SMMUV3_FDT_ERR_OTHER	21	/* covered, by another IOMMU or a disabled unit */
#define SMMUV3_FDT_ERR_NO_MASTER 22	/* no master's first reg starts at the address */
#define SMMUV3_FDT_ERR_AMBIGUOUS 23	/* two masters' first reg start at the address */
#define SMMUV3_FDT_ERR_MAX	23

struct smmuv3_fdt_unit {
	int node;		/* offset in the tree (fdt_get_path names it) */
	const char *name;	/* node name, in the tree buffer */
	uint32_t phandle;	/* 0: none (no master can name it) */
	uint64_t base;		/* CPU physical address of the register frame */
	uint64_t size;
	bool coherent;		/* dma-coherent on the node or an ancestor */
};

/* A PCI host bridge: device_type "pci" under a non-PCI parent, or a
 * compatible containing "pcie" with an iommu-map. */
struct smmuv3_fdt_host {
	int node;
	const char *name;
	bool has_map;		/* iommu-map present (else no IOMMU translates its masters) */
	uint32_t map_mask;	/* iommu-map-mask, 0xffffffff when absent */
	bool has_domain;
	uint32_t domain;	/* linux,pci-domain */
	size_t first_map;	/* index into maps */
	size_t n_maps;
};

/* rid in [rid_base, rid_base + length) -> StreamID rid - rid_base + sid_base. */
struct smmuv3_fdt_map {
	uint32_t rid_base;
	uint32_t sid_base;
	uint32_t length;	/* > 0; neither range wraps 32 bits */
	uint32_t phandle;
	size_t unit;		/* index into units, or SMMUV3_FDT_NONE */
};

/* A node with iommus naming at least one available SMMUv3. */
struct smmuv3_fdt_master {
	int node;
	const char *name;
	bool has_addr;		/* its first reg translated to a CPU address */
	uint64_t addr;
	uint64_t size;		/* its first reg's length (0 without addr) */
	bool coherent;
	size_t first_stream;	/* index into streams */
	size_t n_streams;	/* its specifiers for available SMMUv3 units, in order */
};

struct smmuv3_fdt_stream {
	size_t unit;
	uint32_t sid;
};

struct smmuv3_fdt_info {
	/* Set by the caller: output arrays (may be NULL with capacity 0). */
	struct smmuv3_fdt_unit *units;
	size_t units_cap;
	struct smmuv3_fdt_host *hosts;
	size_t hosts_cap;
	struct smmuv3_fdt_map *maps;
	size_t maps_cap;
	struct smmuv3_fdt_master *masters;
	size_t masters_cap;
	struct smmuv3_fdt_stream *streams;
	size_t streams_cap;

	/* Filled in by smmuv3_fdt_parse(). */
	size_t n_units;
	size_t n_hosts;
	size_t n_maps;
	size_t n_masters;
	size_t n_streams;
	size_t n_disabled;	/* units, hosts and masters whose status is not okay */
	size_t n_other;		/* specifiers and map entries not for an available unit */
	int err_node;		/* node offset of the problem, -1 if none */
	int fdt_err;		/* libfdt's code for SMMUV3_FDT_ERR_TREE */
};

/*
 * Parses the tree in fdt[0..len). Returns 0, or a negative SMMUV3_FDT_ERR_*
 * code with info->err_node set. On -SMMUV3_FDT_ERR_NOSPACE the whole tree
 * was checked and all counts are valid.
 */
int smmuv3_fdt_parse(const void *fdt, size_t len, struct smmuv3_fdt_info *info);

/*
 * Linux's pci-iommu binding on a parse that returned 0: the requester id
 * (bus << 8 | dev << 3 | fn) masked with iommu-map-mask, the first entry
 * that covers it. Returns 0 with *unit and *sid, or -SMMUV3_FDT_ERR_NO_MAP,
 * -SMMUV3_FDT_ERR_UNMAPPED, -SMMUV3_FDT_ERR_OTHER, -SMMUV3_FDT_ERR_BADARG.
 */
int smmuv3_fdt_pci_sid(const struct smmuv3_fdt_info *info, size_t host, uint32_t rid,
		       size_t *unit, uint32_t *sid);

/*
 * The master whose first reg starts at CPU address paddr: 0 with *master,
 * or -SMMUV3_FDT_ERR_NO_MASTER, -SMMUV3_FDT_ERR_AMBIGUOUS, -SMMUV3_FDT_ERR_BADARG.
 */
int smmuv3_fdt_master_at(const struct smmuv3_fdt_info *info, uint64_t paddr, size_t *master);

/* Text for a (negative) SMMUV3_FDT_ERR_* code; never NULL. */
const char *smmuv3_fdt_strerror(int err);

#endif
