/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rate limit for the fault log. A device hammering one page would
 * otherwise write a line per fault record, thousands a second, and bury
 * everything else. The first fault of a kind (unit, requester id, address
 * page, access) is logged at once; the same kind again within
 * FAULT_RATE_WINDOW_MS is counted, and when the window closes one line
 * says how often: "<fault> (repeated 37 times)".
 */
#ifndef SMMU_FAULT_RATE_H
#define SMMU_FAULT_RATE_H

#include <stdbool.h>
#include <stdint.h>

#define FAULT_RATE_SLOTS 16
#define FAULT_RATE_WINDOW_MS 10000u
#define FAULT_RATE_LINE 1400

struct fault_key {
	unsigned unit;
	uint32_t sid;
	uint64_t page; /* address >> 12 */
	bool write;
};

struct fault_rate_slot {
	bool used;
	struct fault_key k;
	uint64_t since_ms; /* when the window opened (the logged fault) */
	uint64_t repeats;  /* counted, not yet logged */
	char line[FAULT_RATE_LINE];
};

struct fault_rate {
	struct fault_rate_slot s[FAULT_RATE_SLOTS];
};

typedef void (*fault_rate_emit)(void *arg, const char *line, uint64_t repeats);

/*
 * A fault of kind k, decoded as line, at now_ms. Returns true if it is to
 * be logged now; false if it was counted. A slot taken from an older kind
 * first emits that kind's count.
 */
bool fault_rate_admit(struct fault_rate *r, const struct fault_key *k, const char *line,
		      uint64_t now_ms, fault_rate_emit emit, void *arg);

/*
 * Emits the count of every window that has closed by now_ms (all of them
 * for UINT64_MAX, at exit), and frees those slots.
 */
void fault_rate_flush(struct fault_rate *r, uint64_t now_ms, fault_rate_emit emit, void *arg);

#endif
