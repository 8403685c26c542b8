/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * DMA probes: "SPEC ADDR r|w" lines, and what the policy says of them.
 *
 * smmucc --query answers from the policy records of a blob; smmuman --probe
 * sends the same probe through a unit and reports what the unit did. Both
 * parse probes and name grants here, so their answers can be compared word
 * for word.
 */
#ifndef SMMU_PROBE_H
#define SMMU_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "blob/blob.h"

struct probe {
	bool mem;       /* a memory-mapped master (mem:PADDR) */
	uint32_t sid;   /* PCI requester id: bus << 8 | dev << 3 | fn */
	uint64_t mmio;  /* mem: master's register address */
	uint64_t addr;  /* the DMA address */
	bool write;     /* w: the device writes memory (t); r: reads it (s) */
};

/*
 * Parses "SPEC ADDR r|w": SPEC is pci:B:D.F (decimal unless 0x/0d) or
 * [mem:]PADDR (hexadecimal unless 0d), ADDR hexadecimal unless 0d. Returns 0,
 * or -1 with a message in err.
 */
int probe_parse(const char *line, struct probe *p, char *err, size_t errlen);

enum probe_verdict {
	PROBE_ALLOW,
	PROBE_DENY_NO_DEVICE, /* device not in the policy */
	PROBE_DENY_OUTSIDE,   /* address outside its grants */
	PROBE_DENY_PERM,      /* permission missing */
	PROBE_LATE,           /* late-bound grants decide, and no binding is known */
};

struct probe_answer {
	enum probe_verdict verdict;
	int device;    /* DEVICES index, or -1 */
	uint32_t rule; /* granting rule (allow) or the rule covering addr (perm), or SMMUB_NONE */
	uint32_t region_perms; /* permissions of the region at addr (0 if none) */
};

/*
 * One line of a probe file, trimmed in place: NULL for a blank line or a
 * '#' comment, else the probe text.
 */
char *probe_line(char *line);

/*
 * What the policy records of a validated blob say of p. Late-bound rules
 * have no address in the blob: when the resolved records do not allow p
 * and the device has late rules, the verdict is PROBE_LATE.
 */
void probe_policy(const struct smmub_view *v, const struct probe *p, struct probe_answer *a);

/*
 * The same with late-bound rules bound by fn (as the boot bound them):
 * never PROBE_LATE; a late rule that does not resolve grants nothing.
 */
void probe_policy_bound(const struct smmub_view *v, const struct probe *p, smmub_asinfo_fn fn,
			void *arg, struct probe_answer *a);

/*
 * The answer line (no newline): "allow SET FILE:LINE", "allow reserved
 * FILE:LINE", "deny REASON (details)", or "late SPEC ADDR r|w: ..." when
 * only the boot-time binding can answer. Returns the length snprintf gave.
 */
int probe_format(const struct smmub_view *v, const struct probe *p,
		 const struct probe_answer *a, char *buf, size_t size);

/* "pci:B:D.F" or "mem:0x..." for the probe's device. */
void probe_device_name(const struct probe *p, char *buf, size_t size);

/* "SET FILE:LINE" or "reserved FILE:LINE" naming a rule, for messages. */
int probe_rule_name(const struct smmub_view *v, uint32_t rule, char *buf, size_t size);

#endif
