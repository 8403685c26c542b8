/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The software SMMUv3's registers, command queue and event records, driven
 * register by register (not through the driver): the model is the
 * referee, so it is checked against the specification's rules directly.
 */
#include "simfix.h"
#include "cu_run.h"

/* ---- registers -------------------------------------------------------- */

static void test_id_regs(void)
{
	struct smmuv3_sim_cfg c;

	smmuv3_sim_default_cfg(&c, true);
	fresh_cfg(&c, 2);
	/* QEMU 7.2's values, from qemu-smmuv3-facts.md */
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_IDR0), 0x0d40101a);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_IDR1), 0x02730010);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_IDR5), 0x74);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_AIDR), 1);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CR0), 0);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CR0ACK), 0);
	c.s2p = true;
	c.st_level = 0;
	c.sidsize = 8;
	c.oas = 5;
	c.cmdqs = 8;
	c.evtqs = 7;
	fresh_cfg(&c, 2);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_IDR0), (0x0d40101au & ~SMMUV3_IDR0_ST_LEVEL_MASK) |
						  SMMUV3_IDR0_S2P | SMMUV3_IDR0_VMID16);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_IDR1), 8u << 21 | 7u << 16 | 8);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_IDR5), 0x75);
	c.oas = 7;
	CU_ASSERT_PTR_NULL(smmuv3_sim_new(&c));
	c.oas = 4;
	c.table_size = c.mem_size;
	CU_ASSERT_PTR_NULL(smmuv3_sim_new(&c));
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

static void test_cr0ack(void)
{
	fresh(false, 2);
	w32(SMMUV3_REG_CR0, 0xffffffff); /* only the enables this unit has */
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CR0), 0xd);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CR0ACK), 0xd);
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CR0ACK), SMMUV3_CR0_CMDQEN);
	w32(SMMUV3_REG_CR0, 0);
	/* stuck: CR0 changes, CR0ACK and the behaviour do not */
	smmuv3_sim_knobs(sim)->cr0ack_stuck = true;
	w32(SMMUV3_REG_CR0, 0xd);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CR0), 0xd);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CR0ACK), 0);
	CU_ASSERT_EQUAL(dma(SID_ABT, PAGE, 8, true), 0); /* still SMMUEN=0: GBPA bypass */
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 1);
}

static void test_gbpa(void)
{
	static const uint8_t a5[8] = {0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5};
	struct smmuv3_sim_cfg c;
	uint8_t buf[8];

	fresh(false, 2);
	/* bypass after reset: the write lands */
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GBPA), 0);
	CU_ASSERT_EQUAL(dma(SID_ABT, PAGE, 8, true), 0);
	CU_ASSERT_EQUAL(memcmp(mem + PAGE, a5, 8), 0);
	memset(mem + PAGE, 0, 8);
	w32(SMMUV3_REG_GBPA, SMMUV3_GBPA_ABORT); /* without Update: no effect */
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GBPA), 0);
	w32(SMMUV3_REG_GBPA, SMMUV3_GBPA_ABORT | SMMUV3_GBPA_UPDATE);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GBPA), SMMUV3_GBPA_ABORT);
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_EVTQEN);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), -EFAULT);
	CU_ASSERT_EQUAL(mem[PAGE], 0);
	memset(buf, 0x5a, sizeof(buf));
	mem[PAGE] = 0x77;
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, SID_S1, PAGE, 8, false, buf), -EFAULT);
	CU_ASSERT_EQUAL(buf[0], 0);	 /* the device reads zeros */
	CU_ASSERT_EQUAL(evtq_prod(), 0); /* and nothing is recorded */
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_gbpa_abort, 2);

	/* an update that never completes changes nothing */
	fresh(false, 2);
	smmuv3_sim_knobs(sim)->gbpa_stuck = true;
	w32(SMMUV3_REG_GBPA, SMMUV3_GBPA_ABORT | SMMUV3_GBPA_UPDATE);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GBPA), SMMUV3_GBPA_UPDATE);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);

	/* reset value abort */
	smmuv3_sim_default_cfg(&c, false);
	c.gbpa_abort = true;
	fresh_cfg(&c, 2);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GBPA), SMMUV3_GBPA_ABORT);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), -EFAULT);

	/* QEMU: GBPA reads 0, ignores writes, SMMUEN=0 bypasses */
	fresh(true, 2);
	w32(SMMUV3_REG_GBPA, SMMUV3_GBPA_ABORT | SMMUV3_GBPA_UPDATE);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GBPA), 0);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	CU_ASSERT_EQUAL(memcmp(mem + PAGE, a5, 8), 0);
	CU_ASSERT_EQUAL(dma(SID_S1, 64ull << 20, 8, true), -ERANGE);
}

static void test_bad_access(void)
{
	fresh(false, 2);
	CU_ASSERT_EQUAL(io.read64(io.ctx, SMMUV3_REG_CR0), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), SMMUV3_SIM_ERR_BAD_REG);
	fresh(false, 2);
	w32(0xa8, 0); /* EVTQ_PROD is in page 1 only */
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), SMMUV3_SIM_ERR_BAD_REG);
	fresh(false, 2);
	CU_ASSERT_EQUAL(r32(SMMUV3_SIM_REG_SIZE), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), SMMUV3_SIM_ERR_BAD_REG);
	fresh(false, 2);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CR0 + 2), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), SMMUV3_SIM_ERR_BAD_REG);
	/* 64-bit registers: halves reach the same state */
	fresh(false, 2);
	w32(SMMUV3_REG_STRTAB_BASE + 4, 0x12);
	CU_ASSERT_EQUAL(io.read64(io.ctx, SMMUV3_REG_STRTAB_BASE), 0x12ull << 32 | STRTAB);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
	/* a live stream table is not moved */
	fresh(false, 2);
	enable();
	w64(SMMUV3_REG_STRTAB_BASE, 0);
	w32(SMMUV3_REG_STRTAB_BASE_CFG, 0);
	w64(SMMUV3_REG_CMDQ_BASE, 0);
	CU_ASSERT_EQUAL(io.read64(io.ctx, SMMUV3_REG_STRTAB_BASE), SMMUV3_BASE_RA | STRTAB);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_STRTAB_BASE_CFG), 8);
	CU_ASSERT_EQUAL(io.read64(io.ctx, SMMUV3_REG_CMDQ_BASE), SMMUV3_BASE_RA | CMDQ | 2);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), SMMUV3_SIM_ERR_LIVE_WRITE);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
}

/* ---- command queue ---------------------------------------------------- */

static void test_queue_wrap(void)
{
	unsigned i;

	fresh(false, 2);
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN);
	for (i = 1; i <= 10; i++) {
		sync();
		/* index in bits 1:0, the wrap bit at bit 2 */
		CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), i & 7);
	}
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->syncs, 10);
	/* a full queue (indices equal, wraps differ) filled while disabled */
	w32(SMMUV3_REG_CR0, 0);
	for (i = 0; i < 4; i++)
		cmd(SMMUV3_CMD_SYNC, 0);
	CU_ASSERT_EQUAL(prod, 6);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 2);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->syncs, 10);
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN); /* consumed on enable */
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 6);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->syncs, 14);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->cmds, 14);
	/* CONS is the unit's while the queue is on */
	w32(SMMUV3_REG_CMDQ_CONS, 0);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 6);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), SMMUV3_SIM_ERR_LIVE_WRITE);
}

static void test_commands(void)
{
	const struct smmuv3_sim_stats *s;

	fresh(false, 2);
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN);
	s = smmuv3_sim_stats(sim);
	cmd(SMMUV3_CMD_CFGI_STE | (uint64_t)SID_S1 << 32, 1);
	CU_ASSERT_EQUAL(s->cfgi_ste, 1);
	cmd(SMMUV3_CMD_CFGI_ALL, 31);
	CU_ASSERT_EQUAL(s->cfgi_all, 1);
	cmd(SMMUV3_CMD_CFGI_CD | (uint64_t)SID_S1 << 32, 1);
	CU_ASSERT_EQUAL(s->cfgi_cd, 1);
	cmd(SMMUV3_CMD_TLBI_NH_ALL, 0);
	CU_ASSERT_EQUAL(s->tlbi_nh_all, 1);
	cmd(SMMUV3_CMD_TLBI_NH_ASID | (uint64_t)ASID << 48, 0);
	CU_ASSERT_EQUAL(s->tlbi_nh_asid, 1);
	cmd(SMMUV3_CMD_TLBI_S12_VMALL | (uint64_t)VMID << 32, 0);
	CU_ASSERT_EQUAL(s->tlbi_s12_vmall, 1);
	cmd(SMMUV3_CMD_TLBI_NSNH_ALL, 0);
	CU_ASSERT_EQUAL(s->tlbi_nsnh_all, 1);
	sync();
	CU_ASSERT_EQUAL(s->syncs, 1);
	CU_ASSERT_EQUAL(s->cmds, 8);
	CU_ASSERT_EQUAL(s->illegal, 0);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), prod);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GERROR), 0);
}

static void test_illegal(void)
{
	fresh(false, 2);
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN);
	sync();
	cmd(0x7f, 0); /* slot 1 */
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 0x01000001);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GERROR), SMMUV3_GERROR_CMDQ_ERR);
	sync(); /* stopped: not consumed */
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 0x01000001);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->syncs, 1);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->illegal, 1);
	/* recovery: fix the slot, acknowledge; CONS.ERR keeps its value */
	st(CMDQ + 16, SMMUV3_CMD_SYNC);
	w32(SMMUV3_REG_GERRORN, SMMUV3_GERROR_CMDQ_ERR);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 0x01000003);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->syncs, 3);
	/* a second error toggles GERROR back */
	cmd(0xff, 0);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GERROR), 0);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GERRORN), SMMUV3_GERROR_CMDQ_ERR);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 0x01000003);
	/* while disabled and re-enabled the error still holds the queue */
	w32(SMMUV3_REG_CR0, 0);
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 0x01000003);
	st(CMDQ + 48, SMMUV3_CMD_SYNC);
	w32(SMMUV3_REG_GERRORN, 0);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 0x01000004);
}

static void test_cmd_abort(void)
{
	fresh(false, 2);
	w64(SMMUV3_REG_CMDQ_BASE, (64ull << 20) | 2); /* past the memory */
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN);
	w32(SMMUV3_REG_CMDQ_PROD, 1);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 2u << 24);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GERROR), SMMUV3_GERROR_CMDQ_ERR);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->cmd_abort, 1);
}

static void test_stuck(void)
{
	fresh(false, 2);
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN);
	smmuv3_sim_knobs(sim)->sync_stuck = true;
	cmd(SMMUV3_CMD_TLBI_NSNH_ALL, 0);
	sync();
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 1); /* the TLBI done, on the SYNC */
	smmuv3_sim_knobs(sim)->sync_stuck = false;
	smmuv3_sim_knobs(sim)->cmdq_stuck = true;
	cmd(SMMUV3_CMD_TLBI_NSNH_ALL, 0);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 1);
	smmuv3_sim_knobs(sim)->cmdq_stuck = false;
	sync();
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), 4);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->syncs, 2);
}

/* ---- events ------------------------------------------------------------ */

static void test_event_layout(void)
{
	const uint64_t ro = PAGE + 0x1000, none = PAGE + 0x2000;

	fresh(false, 3);
	enable();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 8, 8, true), 0);
	CU_ASSERT_EQUAL(mem[PAGE + 8], 0xa5);
	CU_ASSERT_EQUAL(dma(SID_S1, ro + 0x800, 4, false), 0);
	CU_ASSERT_EQUAL(dma(SID_S1, ro + 0x800, 4, true), -EFAULT);
	CU_ASSERT_EQUAL(mem[ro + 0x800], 0);
	CU_ASSERT_EQUAL(dma(SID_S1, none, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(dma(SID_BAD, PAGE, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(dma(0x100, PAGE, 4, false), -EFAULT);  /* beyond 2^LOG2SIZE */
	CU_ASSERT_EQUAL(dma(SID_ABT, PAGE, 4, true), -EFAULT); /* silently */
	CU_ASSERT_EQUAL(dma(SID_BYP, 0x300000, 4, true), 0);
	CU_ASSERT_EQUAL(mem[0x300000], 0xa5);
	CU_ASSERT_EQUAL(evtq_prod(), 4);
	/* the records QEMU writes for the same accesses (qemu-smmuv3-facts.md) */
	evt_is(0, 0x0000000800000013, 0, ro + 0x800, 0);
	evt_is(1, 0x0000000800000010, SMMUV3_EVT1_RNW, none, 0);
	evt_is(2, 0x0000002000000004, 0, 0, 0);
	evt_is(3, 0x0000010000000002, 0, 0, 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->events, 4);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_ok, 3);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_fault, 5);
	/* EVTQEN off: blocked, nothing recorded */
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN | SMMUV3_CR0_SMMUEN);
	CU_ASSERT_EQUAL(dma(SID_S1, none, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(evtq_prod(), 4);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->evt_off, 1);
	/* CD.R = 0: blocked, nothing recorded */
	w32(SMMUV3_REG_CR0, 0xd);
	st(CD, CD0 & ~SMMUV3_CD0_R);
	cmd(SMMUV3_CMD_CFGI_CD | (uint64_t)SID_S1 << 32, 0);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, none, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(evtq_prod(), 4);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

static void test_event_s2(void)
{
	fresh(false, 2);
	enable();
	CU_ASSERT_EQUAL(dma(SID_S2, PAGE, 8, true), 0);
	CU_ASSERT_EQUAL(dma(SID_S2, PAGE + 0x1010, 8, true), -EFAULT);
	CU_ASSERT_EQUAL(evtq_prod(), 1);
	/* S2 [39], CLASS=IN [41:40], the IPA in dword 3 */
	evt_is(0, 0x0000002800000010, 1ull << 39 | 2ull << 40, PAGE + 0x1010, PAGE + 0x1000);
}

static void test_event_per_4b(void)
{
	uint8_t buf[16];

	fresh(true, 3);
	enable();
	memset(buf, 0x5a, sizeof(buf));
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, SID_S1, PAGE + 0x2000, 14, false, buf), -EFAULT);
	CU_ASSERT_EQUAL(buf[0], 0);
	CU_ASSERT_EQUAL(buf[13], 0);
	CU_ASSERT_EQUAL(buf[14], 0x5a);
	CU_ASSERT_EQUAL(evtq_prod(), 4);
	for (unsigned i = 0; i < 4; i++)
		evt_is(i, 0x0000000800000010, SMMUV3_EVT1_RNW, PAGE + 0x2000 + 4 * i, 0);
}

static void test_evtq_abort(void)
{
	fresh(false, 2);
	enable();
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN | SMMUV3_CR0_SMMUEN);
	w64(SMMUV3_REG_EVTQ_BASE, (64ull << 20) | 2); /* past the memory */
	w32(SMMUV3_REG_CR0, 0xd);
	CU_ASSERT_EQUAL(dma(SID_BAD, PAGE, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GERROR), SMMUV3_GERROR_EVTQ_ABT);
	CU_ASSERT_EQUAL(evtq_prod(), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->evt_abort, 1);
	/* the other handshakes: IRQ_CTRLACK, prefetch accepted as a hint */
	w32(SMMUV3_REG_IRQ_CTRL, 0xff);
	CU_ASSERT_EQUAL(r32(0x54), 7);
	cmd(0x01 | (uint64_t)SID_S1 << 32, 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->prefetch, 1);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), prod);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

/* Every register and DMA with hostile values: the model neither crashes nor reads out of bounds. */
static void test_hostile(void)
{
	static uint8_t buf[2 * 4096 + 8];
	uint64_t x = 0x9e3779b97f4a7c15ull;
	unsigned i, ok = 0;

	fresh(false, 2);
	enable();
	for (i = 0; i < 200000; i++) {
		uint32_t off;
		uint64_t v;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		off = (uint32_t)(x % 0x200) & ~3u;
		v = x * 0x2545f4914f6cdd1dull;
		if (x & (1ull << 40))
			off |= 0x10000;
		switch (x >> 61) {
		case 0:
			io.write64(io.ctx, off & ~7u, v);
			break;
		case 1:
			(void)io.read64(io.ctx, off & ~7u);
			break;
		case 2:
		case 3:
			w32(off, (uint32_t)v);
			break;
		case 4:
			/* the tables and queues too, now and then */
			st(STRTAB + (v % (0x40000 / 8)) * 8, x);
			break;
		default:
			ok += smmuv3_sim_dma(sim, (uint32_t)(v >> 32) % 0x40, v % (80ull << 20),
					     (size_t)(x % sizeof(buf)) + 1, x & 1, buf) == 0;
			break;
		}
	}
	CU_ASSERT(ok > 0);
}

static const struct cu_case cases[] = {
    {"ID registers from the configuration", test_id_regs},
    {"CR0ACK follows CR0, or is stuck", test_cr0ack},
    {"GBPA: Update, abort, QEMU's RAZ/WI", test_gbpa},
    {"bad register accesses are errors", test_bad_access},
    {"command queue wraps", test_queue_wrap},
    {"each command", test_commands},
    {"illegal command stops the queue until GERRORN", test_illegal},
    {"command queue outside memory: CERROR_ABT", test_cmd_abort},
    {"SYNC or the queue stuck", test_stuck},
    {"event records as laid out", test_event_layout},
    {"stage-2 event record", test_event_s2},
    {"QEMU: one event per 4 bytes", test_event_per_4b},
    {"event queue outside memory, IRQ_CTRLACK, prefetch", test_evtq_abort},
    {"hostile registers, tables and DMA", test_hostile},
};

int main(void)
{
	int rc = CU_RUN("smmuv3_sim", cases);

	fini();
	return rc;
}
