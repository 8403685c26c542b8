/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The named checks, in the manner of dtc: every diagnostic belongs to a
 * check with a stable name, a default level and prerequisites.
 */
#include <string.h>
#include "blob/blob.h"
#include "front/diag.h"

/*
 * The catalogue of checks: name, default level, description and
 * prerequisites. Diagnostics need it from the first scanned byte (levels,
 * -W names, --list-checks), so it is the front end's; the check functions
 * that run over a parsed configuration are in checks/checks.c.
 */
struct check_info {
	const char *name;
	enum diag_level level;
	const char *desc;
	enum check_id prereq[4]; /* terminated by CHK_COUNT */
};

#define NONE   { CHK_COUNT }
#define E      DIAG_ERROR
#define W      DIAG_WARNING
#define N      DIAG_NOTE

static const struct check_info check_table[CHK_COUNT] = {
	[CHK_SYNTAX] = { "syntax", E, "the input does not follow the grammar", NONE },
	[CHK_UNKNOWN_STATEMENT] = { "unknown-statement", E,
		"a word where a statement starts is not a statement keyword", NONE },
	[CHK_BAD_NUMBER] = { "bad-number", E,
		"a malformed number, or a digit its radix does not have", NONE },
	[CHK_NUMBER_OVERFLOW] = { "number-overflow", E,
		"a number, or a number times its K/M/G multiplier, exceeds 64 bits", NONE },
	[CHK_REGION_OVERFLOW] = { "region-overflow", E,
		"start + length of a region wraps past the 64-bit address space", NONE },
	[CHK_ZERO_LENGTH] = { "zero-length", E, "a region of length 0", NONE },
	[CHK_AMBIGUOUS_RADIX] = { "ambiguous-radix", W,
		"an unprefixed address with K/M/G reads differently in hex and decimal", NONE },
	[CHK_SPACE_IN_LIST] = { "space-in-list", E,
		"white space inside a comma-separated argument list", NONE },
	[CHK_BAD_PERMISSIONS] = { "bad-permissions", E,
		"permissions other than the letters s and t", NONE },
	[CHK_UNDEFINED_ALLOW] = { "undefined-allow", E,
		"a device names an allow set that no allow line defines", NONE },
	[CHK_UNUSED_ALLOW] = { "unused-allow", W, "an allow set that no device names", NONE },
	[CHK_ALLOW_NAME_KEYWORD] = { "allow-name-keyword", E,
		"an allow set name that is a statement keyword", NONE },
	[CHK_DEVICE_CONFLICT] = { "device-conflict", E,
		"the same device spec is given two different allow sets", NONE },
	[CHK_DUPLICATE_DEVICE] = { "duplicate-device", W,
		"the same device spec is given the same allow set again", NONE },
	[CHK_SHADOWED_SPEC] = { "shadowed-spec", N,
		"a PCI wildcard spec that a more specific spec overrides for some devices",
		{ CHK_BAD_DEVICE_SPEC, CHK_DEVICE_CONFLICT, CHK_COUNT } },
	[CHK_BAD_DEVICE_SPEC] = { "bad-device-spec", E,
		"a malformed device spec, or a PCI bus/device/function out of range", NONE },
	[CHK_NO_CURRENT_DEVICE] = { "no-current-device", E,
		"reserved or use before any device line", NONE },
	[CHK_NO_CURRENT_SMMU] = { "no-current-smmu", E, "unit before any smmu line", NONE },
	[CHK_UNKNOWN_SMMU_TYPE] = { "unknown-smmu-type", E,
		"an smmu type other than " SMMUB_NAME_VTD ", " SMMUB_NAME_ARMSMMUV3 ", "
		SMMUB_NAME_ARMSMMU " and " SMMUB_NAME_RCAR3, NONE },
	[CHK_BAD_SMMU_PARAM] = { "bad-smmu-param", E,
		"an smmu parameter its type does not accept", NONE },
	[CHK_BAD_UNIT_PARAM] = { "bad-unit-param", E,
		"a unit parameter its smmu type does not accept", NONE },
	[CHK_BAD_USE_PARAM] = { "bad-use-param", E,
		"a use parameter the unit's smmu type does not accept", NONE },
	[CHK_UNDEFINED_UNIT] = { "undefined-unit", E,
		"use names a unit that no earlier unit line declares", NONE },
	[CHK_DUPLICATE_UNIT] = { "duplicate-unit", E, "a unit name declared twice", NONE },
	[CHK_UNALIGNED_REGION] = { "unaligned-region", W,
		"a region not 4 KiB aligned in start or length is widened to whole pages",
		{ CHK_REGION_OVERFLOW, CHK_ZERO_LENGTH, CHK_COUNT } },
	[CHK_OVERLAP_PERMS] = { "overlap-perms", W,
		"overlapping regions of one allow set with different permissions",
		{ CHK_REGION_OVERFLOW, CHK_ZERO_LENGTH, CHK_COUNT } },
	[CHK_WRITE_IMPLIES_READ] = { "write-implies-read", W,
		"a write-only region reaches an R-Car IPMMU or an SMMUv3 at stage 1, which grant read "
		"with write",
		{ CHK_UNDEFINED_UNIT, CHK_COUNT } },
	[CHK_BYPASS_ENABLED] = { "bypass-enabled", W,
		"an armsmmu unit lets unconfigured streams bypass translation",
		{ CHK_BAD_UNIT_PARAM, CHK_COUNT } },
	[CHK_BROAD_GRANT] = { "broad-grant", W,
		"a region of 1 GiB or more or over address 0, or a PCI wildcard spec given "
		"an allow set", { CHK_REGION_OVERFLOW, CHK_COUNT } },
	[CHK_UNKNOWN_SET_VAR] = { "unknown-set-var", E, "set names an unknown variable", NONE },
	[CHK_SET_OUT_OF_RANGE] = { "set-out-of-range", E,
		"a set value outside its variable's range", NONE },
	[CHK_BAD_SAFETY] = { "bad-safety", E,
		"a safety level other than none, warn and required", NONE },
	[CHK_BAD_USER] = { "bad-user", E, "a malformed user specification", NONE },
	[CHK_UNRESOLVED_ASINFO] = { "unresolved-asinfo", E,
		"an $asinfo name that the asinfo map does not have", NONE },
	[CHK_INCLUDE_CYCLE] = { "include-cycle", E,
		"an @include cycle, includes nested deeper than 16, or past 1024 files or "
		"64 MiB read in one run", NONE },
	[CHK_GUEST_IGNORED] = { "guest-ignored", N,
		"with --guest: a reserved, smmu, unit or use line, which a guest ignores", NONE },
	[CHK_TABLE_MEMORY_GRANT] = { "table-memory-grant", E,
		"a region grants smmuman's own table memory (--table-memory) to devices",
		{ CHK_REGION_OVERFLOW, CHK_ZERO_LENGTH, CHK_COUNT } },
	[CHK_MIXED_SMMU_TYPES] = { "mixed-smmu-types", E,
		"smmu lines of two IOMMU architectures: smmuman drives one",
		{ CHK_UNKNOWN_SMMU_TYPE, CHK_COUNT } },
	[CHK_BOARD_UNMAPPED] = { "board-unmapped", W,
		"with --board: the tree puts a device behind no SMMUv3; it keeps the StreamID "
		"it had (PCI: its requester id; mem: none)", NONE },
	[CHK_BOARD_STREAM_MAP] = { "board-stream-map", E,
		"with --board: the tree gives a device no single StreamID range on one SMMUv3 "
		"(a PCI spec across iommu-map entries or a mask, a master with several StreamIDs)",
		NONE },
	[CHK_BOARD_UNIT_MISSING] = { "board-unit-missing", E,
		"with --board: the tree puts a device behind an SMMUv3 that no unit line declares",
		NONE },
	[CHK_NO_UNITS] = { "no-units", E,
		"smmu armsmmuv3 require, and neither a unit line nor the --board tree gives a unit",
		{ CHK_BAD_SMMU_PARAM, CHK_COUNT } },
	[CHK_STREAM_ID_MISSING] = { "stream-id-missing", E,
		"an SMMU policy grants a mem: master that has no StreamID (use UNIT SID)",
		{ CHK_BOARD_STREAM_MAP, CHK_COUNT } },
	[CHK_STREAM_ID_CONFLICT] = { "stream-id-conflict", E,
		"an SMMU policy gives one StreamID to two devices with different grants", NONE },
};

#undef NONE
#undef E
#undef W
#undef N

static bool valid_id(enum check_id id)
{
	return (unsigned)id < CHK_COUNT;
}

const char *check_name(enum check_id id)
{
	return valid_id(id) ? check_table[id].name : "?";
}

enum diag_level check_default_level(enum check_id id)
{
	return valid_id(id) ? check_table[id].level : DIAG_OFF;
}

const char *check_description(enum check_id id)
{
	return valid_id(id) ? check_table[id].desc : "";
}

const enum check_id *check_prereqs(enum check_id id)
{
	static const enum check_id none[1] = { CHK_COUNT };

	return valid_id(id) ? check_table[id].prereq : none;
}

int check_lookup(const char *name)
{
	for (int i = 0; i < CHK_COUNT; i++)
		if (strcmp(check_table[i].name, name) == 0)
			return i;
	return -1;
}
