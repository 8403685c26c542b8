/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>

#include "daemon/fault_rate.h"

static bool same(const struct fault_key *a, const struct fault_key *b)
{
	return a->unit == b->unit && a->sid == b->sid && a->page == b->page &&
	       a->write == b->write;
}

static void close_slot(struct fault_rate_slot *s, fault_rate_emit emit, void *arg)
{
	if (s->repeats)
		emit(arg, s->line, s->repeats);
	s->used = false;
	s->repeats = 0;
}

bool fault_rate_admit(struct fault_rate *r, const struct fault_key *k, const char *line,
		      uint64_t now_ms, fault_rate_emit emit, void *arg)
{
	struct fault_rate_slot *free_slot = NULL, *oldest = NULL;

	for (unsigned i = 0; i < FAULT_RATE_SLOTS; i++) {
		struct fault_rate_slot *s = &r->s[i];

		if (s->used && now_ms - s->since_ms >= FAULT_RATE_WINDOW_MS)
			close_slot(s, emit, arg);
		if (!s->used) {
			if (!free_slot)
				free_slot = s;
			continue;
		}
		if (same(&s->k, k)) {
			s->repeats++;
			return false;
		}
		if (!oldest || s->since_ms < oldest->since_ms)
			oldest = s;
	}
	if (!free_slot) {
		/* more kinds at once than slots: the oldest window closes early */
		close_slot(oldest, emit, arg);
		free_slot = oldest;
	}
	free_slot->used = true;
	free_slot->k = *k;
	free_slot->since_ms = now_ms;
	free_slot->repeats = 0;
	snprintf(free_slot->line, sizeof(free_slot->line), "%s", line);
	return true;
}

void fault_rate_flush(struct fault_rate *r, uint64_t now_ms, fault_rate_emit emit, void *arg)
{
	for (unsigned i = 0; i < FAULT_RATE_SLOTS; i++) {
		struct fault_rate_slot *s = &r->s[i];

		if (s->used && (now_ms == UINT64_MAX || now_ms - s->since_ms >= FAULT_RATE_WINDOW_MS))
			close_slot(s, emit, arg);
	}
}
