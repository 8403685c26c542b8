/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 driver's register sequences against the software unit: probe,
 * the bring-up with no bypass window (with and without GBPA), stale caches,
 * stuck handshakes, a refused command, the Design Safe State, a restart
 * that finds the unit live (in table memory or out of its reach).
 */
#include "drvrig.h"

/* ---- probe ----------------------------------------------------------------- */

static void test_probe(void)
{
	struct smmuv3_sim_cfg c;
	struct smmuv3_caps k;
	char why[128];

	smmuv3_sim_default_cfg(&c, true);
	rig_cfg(&c);
	watch(false);
	CU_ASSERT_EQUAL(smmuv3_probe(&io, &k, why, sizeof(why)), 0);
	CU_ASSERT_STRING_EQUAL(why, "");
	CU_ASSERT_EQUAL(w.writes, 0);
	CU_ASSERT_EQUAL(k.idr0, 0x0d40101a);
	CU_ASSERT_EQUAL(k.idr1, 0x02730010);
	CU_ASSERT_EQUAL(k.idr5, 0x74);
	CU_ASSERT_TRUE(k.s1p);
	CU_ASSERT_FALSE(k.s2p);
	CU_ASSERT_TRUE(k.st_2lvl);
	CU_ASSERT_EQUAL(k.sidsize, 16);
	CU_ASSERT_EQUAL(k.oas_bits, 44);
	CU_ASSERT_EQUAL(k.cmdqs, 19);
	CU_ASSERT_EQUAL(k.evtqs, 19);
	CU_ASSERT_TRUE(k.gran4k);
	c.s1p = c.s2p = false;
	c.st_level = 0;
	c.oas = 6;
	rig_cfg(&c);
	CU_ASSERT_EQUAL(smmuv3_probe(&io, &k, why, sizeof(why)), -ENODEV);
	CU_ASSERT_STRING_EQUAL(why, "neither stage 1 nor stage 2 translation (IDR0.S1P, S2P)");
	CU_ASSERT_FALSE(k.st_2lvl);
	CU_ASSERT_EQUAL(k.oas_bits, 52);
	CU_ASSERT_EQUAL(w.writes, 0);
	c.s2p = true;
	rig_cfg(&c);
	CU_ASSERT_EQUAL(smmuv3_probe(&io, &k, NULL, 0), 0);
	CU_ASSERT_TRUE(k.s2p);
	CU_ASSERT_FALSE(k.s1p);
}

/* ---- bring-up ------------------------------------------------------------------- */

/*
 * no_gbpa: the unit bypasses from reset until SMMUEN=1 whatever software
 * does; the driver must end that window at its SMMUEN write and never
 * reopen it. With GBPA.ABORT at reset nothing may pass at any write; with
 * GBPA bypassing at reset, the window ends at the GBPA write (the second).
 */
static void bringup_case(bool qemu, bool gbpa_abort, uint32_t sid2)
{
	const struct smmuv3_sim_stats *st;

	rig(qemu, gbpa_abort);
	policy(sid2);
	watch(true);
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), 0);
	st = smmuv3_sim_stats(sim);
	CU_ASSERT_EQUAL(w.filled_early, 0);
	CU_ASSERT_EQUAL(w.en_dropped, 0);
	CU_ASSERT_EQUAL(w.ok_early, 0);
	CU_ASSERT_EQUAL(w.no_passed, 0);
	CU_ASSERT(w.first_en > 0);
	if (qemu) {
		CU_ASSERT(w.last_bypass >= 0 && w.last_bypass < w.first_en);
	} else if (gbpa_abort) {
		CU_ASSERT_EQUAL(st->dma_bypass, 0);
	} else {
		CU_ASSERT_EQUAL(w.last_bypass, 1); /* after CR0=0, not after GBPA.ABORT */
	}
	CU_ASSERT_FALSE(d.gbpa_works == qemu);
	/* the image went in after SMMUEN, and a CFGI_ALL and a CMD_SYNC followed it */
	CU_ASSERT_TRUE(w.img_seen);
	CU_ASSERT(st->cfgi_all > w.cfgi_at_img);
	CU_ASSERT(st->syncs > w.sync_at_img);
	CU_ASSERT_TRUE(region_is(image));
	CU_ASSERT_EQUAL(raw.read32(raw.ctx, SMMUV3_REG_CR0ACK), 0xd);
	CU_ASSERT_EQUAL(raw.read32(raw.ctx, SMMUV3_REG_CR2), 0x6);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
	w.on = false;
	/* the DMAs at every write recorded events: drop them, then the policy */
	CU_ASSERT(smmuv3_poll_events(&io, &d, NULL, NULL, NULL) > 0);
	policy_works();
	if (sid2) {
		CU_ASSERT_EQUAL(dma(sid2, GRANT, 4, false), 0);
		CU_ASSERT_EQUAL(dma(sid2 + 64, GRANT, 4, false), -EFAULT);
		one_event(SMMUV3_EVT_C_BAD_STREAMID, sid2 + 64, false, 0, false);
	}
}

static void test_bringup_qemu(void)
{
	bringup_case(true, false, 0);
	bringup_case(true, false, 1024); /* 2-level: L1 descriptors */
}

static void test_bringup_gbpa(void)
{
	bringup_case(false, true, 0);
	bringup_case(false, true, 1024);
	bringup_case(false, false, 0);
}

/*
 * A previous owner cached SID_OK's configuration and translations and
 * turned SMMUEN off (GBPA aborting) without invalidating: nothing of it
 * may be used once SMMUEN is back, before the new entries are in.
 */
static void test_stale_cache(void)
{
	rig(false, true);
	policy(0);
	CU_ASSERT_EQUAL_FATAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), 0);
	raw.write32(raw.ctx, SMMUV3_REG_CR0, 0);
	memset(io.table_mem + d.strtab_off, 0, d.strtab_bytes);
	watch(true);
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(w.ok_early, 0);
	CU_ASSERT_EQUAL(w.no_passed, 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 0);
	CU_ASSERT_TRUE(w.img_seen);
	w.on = false;
	smmuv3_poll_events(&io, &d, NULL, NULL, NULL);
	policy_works();

	/* the same ASID, GRANT no longer granted: its cached translation must be gone */
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), 0);
	raw.write32(raw.ctx, SMMUV3_REG_CR0, 0);
	grant.start = GRANT + 0x1000;
	grant.length = 0x1000;
	memset(io.table_mem, 0, 16 * 4096);
	policy(0);
	grant.start = GRANT;
	grant.length = 0x2000;
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT + 0x1000, 4, false), 0);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT + 0x10, 4, false), -EFAULT);
	one_event(SMMUV3_EVT_F_TRANSLATION, SID_OK, true, GRANT + 0x10, false);
}

/* Each handshake that never completes: -ETIMEDOUT within the bounded polls. */
static void stuck_case(bool qemu, size_t knob)
{
	const struct smmuv3_sim_stats *st;

	rig(qemu, true);
	policy(0);
	*(bool *)((char *)smmuv3_sim_knobs(sim) + knob) = true;
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), -ETIMEDOUT);
	st = smmuv3_sim_stats(sim);
	CU_ASSERT(st->delays >= SMMUV3_POLL_LIMIT && st->delays <= 2 * SMMUV3_POLL_LIMIT);
	CU_ASSERT_EQUAL(st->dma_bypass, 0);
	/* the DSS still closes what it can: SMMUEN over the block-all table */
	CU_ASSERT_EQUAL(smmuv3_block_all(&io, &d), -1);
	if (knob != offsetof(struct smmuv3_sim_cfg, cr0ack_stuck)) {
		CU_ASSERT_TRUE(smmuv3_translating(&io));
		CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), -EFAULT);
	}
}

static void test_stuck(void)
{
	stuck_case(false, offsetof(struct smmuv3_sim_cfg, cr0ack_stuck));
	stuck_case(false, offsetof(struct smmuv3_sim_cfg, gbpa_stuck));
	stuck_case(true, offsetof(struct smmuv3_sim_cfg, cmdq_stuck));
	stuck_case(true, offsetof(struct smmuv3_sim_cfg, sync_stuck));
}

/* A command the unit refuses: -EIO, the queue recovered and drained, GERROR acknowledged. */
static void test_illegal(void)
{
	uint32_t prod;

	rig(true, false);
	policy(0);
	w.corrupt_cmd = 1; /* the first command: CFGI_ALL */
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), -EIO);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->illegal, 1);
	CU_ASSERT_EQUAL(d.cmd_errors, 1);
	CU_ASSERT_EQUAL(d.gerror_seen, SMMUV3_GERROR_CMDQ_ERR);
	CU_ASSERT_EQUAL(raw.read32(raw.ctx, SMMUV3_REG_GERROR),
			raw.read32(raw.ctx, SMMUV3_REG_GERRORN));
	prod = raw.read32(raw.ctx, SMMUV3_REG_CMDQ_PROD);
	CU_ASSERT_EQUAL(raw.read32(raw.ctx, SMMUV3_REG_CMDQ_CONS) & 0x1ff, prod);
	CU_ASSERT_FALSE(smmuv3_translating(&io));
	/* the queue works again: a second enable, refused once more at its last command */
	w.corrupt_cmd = 4;
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), -EIO);
	CU_ASSERT_EQUAL(d.cmd_errors, 2);
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(smmuv3_poll_events(&io, &d, NULL, NULL, NULL), 0);
	policy_works();
}

/* ---- Design Safe State ---------------------------------------------------------- */

static void test_block_all_fresh(void)
{
	rig(true, false);
	watch(true); /* never probed nor carved: block_all does both */
	CU_ASSERT_EQUAL(smmuv3_block_all(&io, &d), 0);
	CU_ASSERT(w.last_bypass < w.first_en);
	CU_ASSERT_EQUAL(w.en_dropped, 0);
	w.on = false;
	CU_ASSERT_TRUE(smmuv3_translating(&io));
	CU_ASSERT_TRUE(d.carved);
	CU_ASSERT_EQUAL(raw.read32(raw.ctx, SMMUV3_REG_STRTAB_BASE_CFG), 0);
	CU_ASSERT_EQUAL(raw.read64(raw.ctx, SMMUV3_REG_STRTAB_BASE),
			SMMUV3_BASE_RA | (io.table_phys + d.blk_off));
	CU_ASSERT(smmuv3_poll_events(&io, &d, NULL, NULL, NULL) > 0);
	CU_ASSERT_EQUAL(dma(0, GRANT, 4, true), -EFAULT);
	one_event(SMMUV3_EVT_C_BAD_STE, 0, false, 0, false);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), -EFAULT);
	one_event(SMMUV3_EVT_C_BAD_STREAMID, SID_OK, false, 0, false);
	CU_ASSERT_EQUAL(mem[GRANT], 0);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

/* A live unit: blocked in place, SMMUEN never off, nothing through at any write. */
static void live_case(bool qemu)
{
	rig(qemu, false);
	policy(0);
	CU_ASSERT_EQUAL_FATAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), 0); /* cached: STE, CD, TLB */
	watch(true);
	CU_ASSERT_EQUAL(smmuv3_block_all(&io, &d), 0);
	CU_ASSERT_EQUAL(w.first_en, 1);
	CU_ASSERT_EQUAL(w.en_dropped, 0);
	CU_ASSERT_EQUAL(w.last_bypass, -1);
	w.on = false;
	CU_ASSERT_TRUE(region_is(NULL));
	smmuv3_poll_events(&io, &d, NULL, NULL, NULL);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), -EFAULT);
	one_event(SMMUV3_EVT_C_BAD_STE, SID_OK, false, 0, false);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

static void test_block_all_live(void)
{
	live_case(true);
	live_case(false);
}

static void test_block_at(void)
{
	/* GBPA aborts: blocked in place, then SMMUEN off with DMA aborted */
	rig(false, false);
	policy(0);
	CU_ASSERT_EQUAL_FATAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), 0);
	watch(true);
	CU_ASSERT_EQUAL(smmuv3_block_at(&io, &d, 0), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 0);
	w.on = false;
	CU_ASSERT_FALSE(smmuv3_translating(&io));
	CU_ASSERT_EQUAL(raw.read32(raw.ctx, SMMUV3_REG_GBPA), SMMUV3_GBPA_ABORT);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), -EFAULT);
	CU_ASSERT(smmuv3_sim_stats(sim)->dma_gbpa_abort > 0);
	CU_ASSERT_EQUAL(smmuv3_block_at(&io, &d, 0), -EINVAL); /* not live any more */
	/* the restart's enable: table zeroed again, brought up afresh */
	memset(io.table_mem + d.strtab_off, 0, d.strtab_bytes);
	watch(true);
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 0);
	CU_ASSERT_EQUAL(w.filled_early, 0);
	w.on = false;
	smmuv3_poll_events(&io, &d, NULL, NULL, NULL);
	policy_works();
	/* enable on the live unit goes through block_at: no bypass either */
	watch(true);
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 0);
	w.on = false;
	smmuv3_poll_events(&io, &d, NULL, NULL, NULL);
	policy_works();

	/* no GBPA: blocked in place and left translating */
	rig(true, false);
	policy(0);
	CU_ASSERT_EQUAL_FATAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), 0);
	watch(true);
	CU_ASSERT_EQUAL(smmuv3_block_at(&io, &d, 0), -EOPNOTSUPP);
	CU_ASSERT_EQUAL(w.last_bypass, -1);
	CU_ASSERT_EQUAL(w.en_dropped, 0);
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), -EOPNOTSUPP);
	CU_ASSERT_EQUAL(w.last_bypass, -1);
	CU_ASSERT_EQUAL(w.en_dropped, 0);
	w.on = false;
	CU_ASSERT_TRUE(smmuv3_translating(&io));
	smmuv3_poll_events(&io, &d, NULL, NULL, NULL);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), -EFAULT);
	one_event(SMMUV3_EVT_C_BAD_STE, SID_OK, false, 0, false);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

/*
 * A live unit whose stream table is outside table memory (another owner's):
 * it cannot be zeroed. With GBPA proven to abort, SMMUEN goes off behind it
 * and the block-all table comes in; without GBPA nothing is touched.
 */
static const uint64_t far = 0x200000; /* below the table window, at 8 MiB */

static uint8_t *far_rig(bool qemu)
{
	uint8_t *m;

	rig(qemu, false);
	m = smmuv3_sim_mem(sim);
	/* 16 bypass STEs (the model walks table memory only: it does not use them) */
	for (unsigned sid = 0; sid < 16; sid++)
		m[far + 64 * sid] = SMMUV3_STE0_V | SMMUV3_STE_CONFIG_BYPASS << 1;
	raw.write64(raw.ctx, SMMUV3_REG_STRTAB_BASE, far);
	raw.write32(raw.ctx, SMMUV3_REG_STRTAB_BASE_CFG, 4);
	raw.write32(raw.ctx, SMMUV3_REG_CR0, SMMUV3_CR0_SMMUEN);
	return m;
}

static void far_case(bool qemu)
{
	uint8_t *m = far_rig(qemu);

	watch(true);
	CU_ASSERT_EQUAL(smmuv3_block_all(&io, &d), qemu ? -1 : 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 0);
	CU_ASSERT_TRUE(smmuv3_translating(&io));
	w.on = false;
	CU_ASSERT_EQUAL(m[far], SMMUV3_STE0_V | SMMUV3_STE_CONFIG_BYPASS << 1);
	if (qemu) {
		CU_ASSERT_EQUAL(w.writes, 1); /* GBPA, to see whether it aborts */
		CU_ASSERT_FALSE(d.gbpa_works);
		CU_ASSERT_EQUAL(raw.read64(raw.ctx, SMMUV3_REG_STRTAB_BASE), far);
		watch(true);
		CU_ASSERT_EQUAL(smmuv3_block_at(&io, &d, 0), -EOPNOTSUPP);
		CU_ASSERT_EQUAL(w.writes, 1);
		CU_ASSERT_TRUE(smmuv3_translating(&io));
		CU_ASSERT_EQUAL(m[far], SMMUV3_STE0_V | SMMUV3_STE_CONFIG_BYPASS << 1);
		return;
	}
	CU_ASSERT_EQUAL(raw.read64(raw.ctx, SMMUV3_REG_STRTAB_BASE),
			SMMUV3_BASE_RA | (io.table_phys + d.blk_off));
	smmuv3_poll_events(&io, &d, NULL, NULL, NULL);
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT, 4, false), -EFAULT);
	one_event(SMMUV3_EVT_C_BAD_STREAMID, SID_OK, false, 0, false);
	/* from the DSS to the policy on a GBPA unit: block_at, then the bring-up */
	policy(0);
	watch(true);
	CU_ASSERT_EQUAL(smmuv3_enable(&io, &d), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 0);
	CU_ASSERT_EQUAL(w.ok_early, 0);
	CU_ASSERT_EQUAL(w.no_passed, 0);
	w.on = false;
	smmuv3_poll_events(&io, &d, NULL, NULL, NULL);
	policy_works();
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

static void test_far_table(void)
{
	uint8_t *m;

	far_case(true);
	far_case(false);
	/* block_at: SMMUEN off behind GBPA, the other owner's table untouched */
	m = far_rig(false);
	watch(true);
	CU_ASSERT_EQUAL(smmuv3_block_at(&io, &d, 0), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 0);
	CU_ASSERT_FALSE(smmuv3_translating(&io));
	CU_ASSERT_EQUAL(raw.read32(raw.ctx, SMMUV3_REG_GBPA), SMMUV3_GBPA_ABORT);
	CU_ASSERT_EQUAL(m[far], SMMUV3_STE0_V | SMMUV3_STE_CONFIG_BYPASS << 1);
}

int main(void)
{
	static const struct cu_case cases[] = {
	    {"probe", test_probe},
	    {"bring-up, QEMU (no GBPA)", test_bringup_qemu},
	    {"bring-up, GBPA", test_bringup_gbpa},
	    {"stale caches of a previous owner", test_stale_cache},
	    {"stuck handshakes", test_stuck},
	    {"illegal command", test_illegal},
	    {"block_all before enable", test_block_all_fresh},
	    {"block_all on a live unit", test_block_all_live},
	    {"block_at", test_block_at},
	    {"live table out of reach", test_far_table},
	};
	const struct cu_suite s = {"smmuv3 driver", NULL, fini, cases, CU_COUNT(cases)};

	return cu_run_suites(&s, 1);
}
