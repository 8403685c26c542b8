/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 event queue, polled (no interrupts: QEMU 7.2 needs none and
 * the daemon polls every unit alike). Lost events are reported both ways
 * a unit says so: EVTQ_PROD.OVFLG (the specification) and
 * GERROR.EVTQ_ABT_ERR (what QEMU 7.2 toggles when its queue is full).
 */
#include <errno.h>
#include <string.h>

#include "smmuv3/smmuv3_drv.h"
#include "smmuv3/smmuv3_regs.h"

static uint64_t get64(struct unit_io *io, uint64_t off)
{
	uint64_t x = *(volatile uint64_t *)(void *)(io->table_mem + off), v = 0;
	uint8_t b[8];

	memcpy(b, &x, 8);
	for (int i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

/* The events whose record holds the input address and RnW (IHI 0070 7.3). */
static bool has_addr(unsigned type)
{
	switch (type) {
	case SMMUV3_EVT_F_UUT:
	case SMMUV3_EVT_F_TRANSL_FORBIDDEN:
	case SMMUV3_EVT_F_WALK_EABT:
	case SMMUV3_EVT_F_TRANSLATION:
	case SMMUV3_EVT_F_ADDR_SIZE:
	case SMMUV3_EVT_F_ACCESS:
	case SMMUV3_EVT_F_PERMISSION:
		return true;
	default:
		return false;
	}
}

int smmuv3_poll_events(struct unit_io *io, struct smmuv3_unit *d,
		       void (*fn)(void *arg, const struct smmuv3_event *e), void *arg,
		       bool *overflowed)
{
	unsigned log2;
	uint32_t prod, cons, mask, n;
	bool lost;
	int count = 0;

	if (overflowed)
		*overflowed = false;
	if (!io || !d || !d->queues_ready)
		return -EINVAL;
	log2 = d->evtq_log2;
	mask = (2u << log2) - 1;
	n = 1u << log2;
	prod = io->read32(io->ctx, SMMUV3_REG_EVTQ_PROD);
	cons = d->evtq_cons & mask;
	/* PROD is the unit's word: at most one queue's worth, whatever it says */
	while ((cons ^ (prod & mask)) != 0 && (uint32_t)count < n) {
		uint64_t at = d->evtq_off + (uint64_t)SMMUV3_EVT_BYTES * (cons & (n - 1));
		uint64_t d0 = get64(io, at), d1 = get64(io, at + 8);
		struct smmuv3_event e = {
		    .type = (uint8_t)(d0 & 0xff),
		    .sid = (uint32_t)(d0 >> 32),
		};

		if (has_addr(e.type)) {
			e.has_addr = true;
			e.write = !(d1 & SMMUV3_EVT1_RNW);
			e.addr = get64(io, at + 16);
		}
		if (fn)
			fn(arg, &e);
		count++;
		cons = (cons + 1) & mask;
	}
	/* OVACKFLG (the same bit) set to OVFLG acknowledges the overflow */
	lost = !(prod & SMMUV3_EVTQ_PROD_OVFLG) != !(d->evtq_cons & SMMUV3_EVTQ_CONS_OVACKFLG);
	d->evtq_cons = cons | (prod & SMMUV3_EVTQ_PROD_OVFLG ? SMMUV3_EVTQ_CONS_OVACKFLG : 0);
	io->write32(io->ctx, SMMUV3_REG_EVTQ_CONS, d->evtq_cons);
	if (smmuv3_gerror_ack(io, d) & SMMUV3_GERROR_EVTQ_ABT)
		lost = true;
	d->events += (unsigned)count;
	if (lost)
		d->overflows++;
	if (overflowed)
		*overflowed = lost;
	return count;
}

const char *smmuv3_event_name(unsigned type)
{
	static const char *const s[] = {
	    [SMMUV3_EVT_F_UUT] = "F_UUT",
	    [SMMUV3_EVT_C_BAD_STREAMID] = "C_BAD_STREAMID",
	    [SMMUV3_EVT_F_STE_FETCH] = "F_STE_FETCH",
	    [SMMUV3_EVT_C_BAD_STE] = "C_BAD_STE",
	    [SMMUV3_EVT_F_BAD_ATS_TREQ] = "F_BAD_ATS_TREQ",
	    [SMMUV3_EVT_F_STREAM_DISABLED] = "F_STREAM_DISABLED",
	    [SMMUV3_EVT_F_TRANSL_FORBIDDEN] = "F_TRANSL_FORBIDDEN",
	    [SMMUV3_EVT_C_BAD_SUBSTREAMID] = "C_BAD_SUBSTREAMID",
	    [SMMUV3_EVT_F_CD_FETCH] = "F_CD_FETCH",
	    [SMMUV3_EVT_C_BAD_CD] = "C_BAD_CD",
	    [SMMUV3_EVT_F_WALK_EABT] = "F_WALK_EABT",
	    [SMMUV3_EVT_F_TRANSLATION] = "F_TRANSLATION",
	    [SMMUV3_EVT_F_ADDR_SIZE] = "F_ADDR_SIZE",
	    [SMMUV3_EVT_F_ACCESS] = "F_ACCESS",
	    [SMMUV3_EVT_F_PERMISSION] = "F_PERMISSION",
	    [SMMUV3_EVT_F_TLB_CONFLICT] = "F_TLB_CONFLICT",
	    [SMMUV3_EVT_F_CFG_CONFLICT] = "F_CFG_CONFLICT",
	    [SMMUV3_EVT_E_PAGE_REQUEST] = "E_PAGE_REQUEST",
	    [SMMUV3_EVT_F_VMS_FETCH] = "F_VMS_FETCH",
	};

	return type < sizeof(s) / sizeof(s[0]) ? s[type] : NULL;
}
