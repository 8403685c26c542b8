/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 driver's event queue against the software unit: records
 * decoded exactly, the queue wrapping over several polls, overflow both
 * ways (OVFLG; QEMU's GERROR.EVTQ_ABT_ERR), a hostile PROD; the event
 * names; arguments the driver refuses.
 */
#include "drvrig.h"

/* A PROD the unit should never show: at most one queue's worth, no crash. */
static void test_hostile_prod(void)
{
	int n;

	rig(false, false);
	policy(0);
	CU_ASSERT_EQUAL_FATAL(smmuv3_enable(&io, &d), 0);
	raw.write32(raw.ctx, SMMUV3_REG_CR0, SMMUV3_CR0_SMMUEN | SMMUV3_CR0_CMDQEN);
	raw.write32(raw.ctx, SMMUV3_REG_EVTQ_PROD, 0xffffffff);
	raw.write32(raw.ctx, SMMUV3_REG_CR0, 0xd);
	n = smmuv3_poll_events(&io, &d, NULL, NULL, NULL);
	CU_ASSERT(n > 0 && n <= 1 << SMMUV3_DRV_EVTQ_LOG2);
	CU_ASSERT_EQUAL(d.evtq_log2, SMMUV3_DRV_EVTQ_LOG2);
}

/* ---- events --------------------------------------------------------------------- */

static void test_events_exact(void)
{
	rig(false, false);
	policy(0);
	CU_ASSERT_EQUAL_FATAL(smmuv3_enable(&io, &d), 0);
	policy_works(); /* a write inside the grant; C_BAD_STE for SID_NO */
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT + 0x2468, 4, false), -EFAULT); /* beyond the grant */
	one_event(SMMUV3_EVT_F_TRANSLATION, SID_OK, true, GRANT + 0x2468, false);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT + 0x2ffc, 4, true), -EFAULT);
	one_event(SMMUV3_EVT_F_TRANSLATION, SID_OK, true, GRANT + 0x2ffc, true);
	CU_ASSERT_EQUAL(dma(SID_NO, GRANT, 4, true), -EFAULT);
	one_event(SMMUV3_EVT_C_BAD_STE, SID_NO, false, 0, false);
	CU_ASSERT_EQUAL(dma(0xffff, GRANT, 4, true), -EFAULT);
	one_event(SMMUV3_EVT_C_BAD_STREAMID, 0xffff, false, 0, false);
	CU_ASSERT_EQUAL(smmuv3_poll_events(&io, &d, NULL, NULL, NULL), 0);
	CU_ASSERT_EQUAL(d.events, 5);
}

/* More events than entries over several polls: nothing lost, order kept. */
static void test_events_wrap(void)
{
	struct smmuv3_sim_cfg c;
	uint64_t next = 0;

	smmuv3_sim_default_cfg(&c, false);
	c.evtqs = 3; /* 8 entries */
	rig_cfg(&c);
	policy(0);
	CU_ASSERT_EQUAL_FATAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(d.evtq_log2, 3);
	for (unsigned round = 0; round < 7; round++) {
		struct seen s = {0};
		bool ovf = true;

		for (unsigned k = 0; k < 5 + round % 4; k++)
			dma(SID_OK, GRANT + 0x2000 + 4 * (next + k), 4, round & 1);
		CU_ASSERT_EQUAL(smmuv3_poll_events(&io, &d, keep, &s, &ovf), (int)(5 + round % 4));
		CU_ASSERT_FALSE(ovf);
		for (unsigned k = 0; k < s.n; k++) {
			CU_ASSERT_EQUAL(s.e[k].addr, GRANT + 0x2000 + 4 * (next + k));
			CU_ASSERT_EQUAL(s.e[k].write, (round & 1) != 0);
		}
		next += s.n;
	}
	CU_ASSERT_EQUAL(next, 7 * 5 + 0 + 1 + 2 + 3 + 0 + 1 + 2);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->evt_overflow, 0);
	CU_ASSERT_EQUAL(raw.read32(raw.ctx, SMMUV3_REG_EVTQ_CONS), d.evtq_cons);
	CU_ASSERT_EQUAL(d.evtq_cons & 0xf, next & 0xf); /* index and wrap bit */
}

/* A full queue, then more: reported once, acknowledged, the next poll clean. */
static void overflow_case(bool qemu)
{
	struct smmuv3_sim_cfg c;
	struct seen s = {0};
	bool ovf = false;

	smmuv3_sim_default_cfg(&c, qemu);
	c.event_per_4b = false;
	c.evtqs = 2; /* 4 entries */
	rig_cfg(&c);
	policy(0);
	CU_ASSERT_EQUAL_FATAL(smmuv3_enable(&io, &d), 0);
	for (unsigned k = 0; k < 6; k++)
		dma(SID_OK, GRANT + 0x2000 + 4 * k, 4, false);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->evt_overflow, 2);
	CU_ASSERT_EQUAL(smmuv3_poll_events(&io, &d, keep, &s, &ovf), 4);
	CU_ASSERT_TRUE(ovf);
	CU_ASSERT_EQUAL(s.e[3].addr, GRANT + 0x200c);
	CU_ASSERT_EQUAL(d.overflows, 1);
	CU_ASSERT_EQUAL(d.gerror_seen, qemu ? SMMUV3_GERROR_EVTQ_ABT : 0);
	CU_ASSERT_EQUAL(raw.read32(raw.ctx, SMMUV3_REG_GERROR),
			raw.read32(raw.ctx, SMMUV3_REG_GERRORN));
	CU_ASSERT_EQUAL(smmuv3_poll_events(&io, &d, NULL, NULL, &ovf), 0);
	CU_ASSERT_FALSE(ovf);
	dma(SID_OK, GRANT + 0x2100, 4, true);
	one_event(SMMUV3_EVT_F_TRANSLATION, SID_OK, true, GRANT + 0x2100, true);
	CU_ASSERT_EQUAL(d.overflows, 1);
}

static void test_overflow(void)
{
	overflow_case(false);
	overflow_case(true);
}

static void test_names(void)
{
	static const struct {
		unsigned t;
		const char *s;
	} k[] = {
	    {0x01, "F_UUT"},
	    {0x02, "C_BAD_STREAMID"},
	    {0x03, "F_STE_FETCH"},
	    {0x04, "C_BAD_STE"},
	    {0x05, "F_BAD_ATS_TREQ"},
	    {0x06, "F_STREAM_DISABLED"},
	    {0x07, "F_TRANSL_FORBIDDEN"},
	    {0x08, "C_BAD_SUBSTREAMID"},
	    {0x09, "F_CD_FETCH"},
	    {0x0a, "C_BAD_CD"},
	    {0x0b, "F_WALK_EABT"},
	    {0x10, "F_TRANSLATION"},
	    {0x11, "F_ADDR_SIZE"},
	    {0x12, "F_ACCESS"},
	    {0x13, "F_PERMISSION"},
	    {0x20, "F_TLB_CONFLICT"},
	    {0x21, "F_CFG_CONFLICT"},
	    {0x24, "E_PAGE_REQUEST"},
	    {0x25, "F_VMS_FETCH"},
	};
	unsigned named = 0;

	for (size_t i = 0; i < CU_COUNT(k); i++)
		CU_ASSERT_STRING_EQUAL(smmuv3_event_name(k[i].t), k[i].s);
	for (unsigned t = 0; t < 0x200; t++)
		named += smmuv3_event_name(t) != NULL;
	CU_ASSERT_EQUAL(named, CU_COUNT(k));
	CU_ASSERT_PTR_NULL(smmuv3_event_name(~0u));
}

static void test_args(void)
{
	struct smmuv3_sim_cfg c;

	smmuv3_sim_default_cfg(&c, true);
	c.table_size = 12288; /* smaller than the driver area */
	rig_cfg(&c);
	CU_ASSERT_EQUAL(smmuv3_carve(&io, &d), -ENOSPC);
	CU_ASSERT_EQUAL(io.table_size, 12288);
	CU_ASSERT_EQUAL(smmuv3_block_all(&io, &d), -1);
	CU_ASSERT_EQUAL(smmuv3_poll_events(&io, &d, NULL, NULL, NULL), -EINVAL);
	rig(true, false);
	policy(0);
	CU_ASSERT_EQUAL(smmuv3_carve(&io, &d), 0); /* once only */
	CU_ASSERT_EQUAL(io.table_size, (4u << 20) - SMMUV3_DRV_AREA_BYTES);
	CU_ASSERT_EQUAL(io.table_held, SMMUV3_DRV_AREA_BYTES);
	d.strtab_off += 64; /* not aligned to the table's size */
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), -EINVAL);
	d.strtab_off -= 64;
	d.strtab_cfg |= 1u << 20;
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), -EINVAL);
	d.strtab_cfg &= ~(1u << 20);
	d.strtab_bytes = (size_t)(io.table_size - d.strtab_off + 64);
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), -EINVAL);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->cmds, 0);
	CU_ASSERT_FALSE(smmuv3_translating(&io));
}

int main(void)
{
	static const struct cu_case cases[] = {
	    {"hostile EVTQ_PROD", test_hostile_prod},
	    {"events exact", test_events_exact},
	    {"event queue wraps", test_events_wrap},
	    {"overflow both ways", test_overflow},
	    {"event names", test_names},
	    {"arguments", test_args},
	};
	const struct cu_suite s = {"smmuv3 driver: events", NULL, fini, cases, CU_COUNT(cases)};

	return cu_run_suites(&s, 1);
}
