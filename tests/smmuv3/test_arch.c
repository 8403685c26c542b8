/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 through its entry in the architecture table, as smmuman's boot
 * drives it: a policy compiled in process, the unit probed, the tables
 * installed and the unit enabled on the model, then faults as the daemon
 * receives them. QEMU's unit records a blocked DMA as one event per 4
 * bytes: they must reach the log as one fault with its count.
 */
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "../vtd/fixture.h"
#include "faultlog.h"
#include "iommu/arch.h"
#include "smmuv3/smmuv3_arch.h"
#include "smmuv3/smmuv3_sim.h"

#define TABLES 0x800000ull
#define TSIZE (4ull << 20)

static const char policy[] =
	"smmu armsmmuv3\n"
	"unit smmu0 0x09050000\n"
	"allow a 0x100000,0x1000,st\n"
	"allow r 0x200000,0x1000,s\n"
	"device pci:0:2.0 a use smmu0\n"
	"device mem:0xa000000 r use smmu0 7\n";

static struct smmuv3_sim *sim;
static struct rt_unit unit;
static void *blob;
static struct smmub_view view;
static struct fault_log fl;

/* A unit like QEMU's (qemu: true) or the specification's, the policy's tables live. */
static int boot(bool qemu)
{
	const struct iommu_arch *a = iommu_arch_by_type(SMMUB_SMMU_ARMSMMUV3);
	struct smmuv3_sim_cfg c;
	struct iommu_tables_in in = { 0 };
	struct iommu_tables_out out = { 0 };
	size_t len;
	char why[256];

	if (!blob && (fixture_compile(policy, &blob, &len) ||
		      smmub_validate(blob, len, &view, NULL)))
		return -1;
	smmuv3_sim_default_cfg(&c, qemu);
	c.table_base = TABLES;
	c.table_size = TSIZE;
	if (sim) {
		a->unit_release(&unit);
		smmuv3_sim_free(sim);
	}
	sim = smmuv3_sim_new(&c);
	memset(&unit, 0, sizeof(unit));
	strcpy(unit.name, "smmu0");
	smmuv3_sim_io(sim, &unit.io);
	in = (struct iommu_tables_in){ .v = &view, .blob_path = "test", .units = &unit,
				       .nunits = 1 };
	fl.n = 0;
	if (a->unit_probe(&unit, why, sizeof(why)) || a->tables_install(&in, &out) ||
	    a->unit_enable(&unit))
		return -1;
	return 0;
}

static int poll(bool *overflowed)
{
	fl.n = 0;
	return iommu_arch_smmuv3.unit_poll_faults(&unit, fault_log_add, &fl, overflowed);
}

static void test_streams(void)
{
	uint8_t buf[256] = { 0 };

	CU_ASSERT_FATAL(boot(false) == 0);
	/* StreamID 16 (pci:0:2.0) reads and writes its page; mem:0xa000000 (7) reads its own */
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 16, 0x100000, 256, true, buf), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 7, 0x200000, 256, false, buf), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 7, 0x200000, 8, true, buf), -EFAULT);
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 7, 0x100000, 8, false, buf), -EFAULT);
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 16, 0x200000, 8, false, buf), -EFAULT);
}

static void test_one_line_per_access(void)
{
	uint8_t buf[256] = { 0 };
	bool ov = true;
	char line[512];

	CU_ASSERT_FATAL(boot(true) == 0);
	/* QEMU: 64 records of 4 bytes each, one fault */
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 16, 0x101000, 256, true, buf), -EFAULT);
	CU_ASSERT_EQUAL(poll(&ov), 64);
	CU_ASSERT_FALSE(ov);
	CU_ASSERT_EQUAL_FATAL(fl.n, 1);
	CU_ASSERT_EQUAL(fl.f[0].count, 64);
	CU_ASSERT_EQUAL(fl.f[0].addr, 0x101000);
	CU_ASSERT_EQUAL(fl.f[0].last_addr, 0x1010fc);
	CU_ASSERT_TRUE(fl.f[0].write && fl.f[0].stream && fl.f[0].has_addr);
	fault_format(&view, &fl.f[0], line, sizeof(line));
	CU_ASSERT_STRING_EQUAL(line, "pci:0:2.0 (StreamID 16, allow a, <command line>:5) denied "
				     "write at 0x101000: F_TRANSLATION (event 0x10); outside its "
				     "grants (64 records, to 0x1010fc)");
	/* two accesses, and one from a StreamID without an STE: three faults */
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 7, 0x200000, 8, true, buf), -EFAULT);
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 7, 0x200800, 8, true, buf), -EFAULT);
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 9, 0x200000, 16, false, buf), -EFAULT);
	CU_ASSERT_EQUAL(poll(&ov), 2 + 2 + 4);
	CU_ASSERT_EQUAL_FATAL(fl.n, 3);
	CU_ASSERT_EQUAL(fl.f[0].count, 2);
	CU_ASSERT_EQUAL(fl.f[1].addr, 0x200800);
	CU_ASSERT_EQUAL(fl.f[2].count, 4);
	fault_format(&view, &fl.f[1], line, sizeof(line));
	CU_ASSERT_STRING_EQUAL(line, "mem:0xa000000 (StreamID 7, allow r, <command line>:6) "
				     "denied write at 0x200800: F_PERMISSION (event 0x13); r "
				     "<command line>:4 grants read only (2 records, to 0x200804)");
	fault_format(&view, &fl.f[2], line, sizeof(line));
	/* no device of the policy sends 9: the requester id it would be, by the rule */
	CU_ASSERT_STRING_EQUAL(line, "pci:0:1.1 (StreamID 9, not in the policy) denied: C_BAD_STE "
				     "(event 0x4) (4 records)");
}

static void test_overflow(void)
{
	uint8_t *buf = calloc(1, 4096);
	bool ov = false;
	int n;

	CU_ASSERT_FATAL(boot(true) == 0);
	/* 1024 records into a queue of 256: QEMU's EVTQ_ABT_ERR, said once */
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 16, 0x102000, 4096, false, buf), -EFAULT);
	n = poll(&ov);
	CU_ASSERT_TRUE(ov);
	CU_ASSERT_TRUE(n > 0 && n <= 256);
	CU_ASSERT_EQUAL(fl.n, 1);
	CU_ASSERT_EQUAL(poll(&ov), 0);
	CU_ASSERT_FALSE(ov);
	/* the specification's unit: OVFLG, said once too */
	CU_ASSERT_FATAL(boot(false) == 0);
	for (int i = 0; i < 300; i++)
		smmuv3_sim_dma(sim, 16, 0x400000 + 0x1000ull * (unsigned)i, 4, false, buf);
	n = poll(&ov);
	CU_ASSERT_TRUE(ov);
	CU_ASSERT_TRUE(n > 0 && n <= 256);
	CU_ASSERT_EQUAL(poll(&ov), 0);
	CU_ASSERT_FALSE(ov);
	free(buf);
}

/*
 * Probing a unit ends its bypass where it can: GBPA.ABORT, before any table
 * is read; QEMU's unit has no GBPA and lets DMA through until SMMUEN.
 */
static void probe_only(bool qemu, char *why, size_t whylen)
{
	struct smmuv3_sim_cfg c;

	smmuv3_sim_default_cfg(&c, qemu);
	c.table_base = TABLES;
	c.table_size = TSIZE;
	c.gbpa_abort = false; /* out of reset: bypass */
	if (sim) {
		iommu_arch_smmuv3.unit_release(&unit);
		smmuv3_sim_free(sim);
	}
	sim = smmuv3_sim_new(&c);
	CU_ASSERT_FATAL(sim != NULL);
	memset(&unit, 0, sizeof(unit));
	strcpy(unit.name, "smmu0");
	smmuv3_sim_io(sim, &unit.io);
	CU_ASSERT_EQUAL_FATAL(iommu_arch_smmuv3.unit_probe(&unit, why, whylen), 0);
}

static void test_probe_ends_bypass(void)
{
	uint8_t buf[8] = { 0 };
	char why[256];

	probe_only(false, why, sizeof(why));
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "; GBPA aborts from here"));
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 16, 0x100000, 8, true, buf), -EFAULT);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_gbpa_abort, 1);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 0);
	probe_only(true, why, sizeof(why));
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "; no GBPA: it bypasses until SMMUEN"));
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 16, 0x100000, 8, true, buf), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 1);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "StreamIDs of PCI and mem: masters", test_streams },
		{ "QEMU's 4-byte records: one fault per access", test_one_line_per_access },
		{ "event queue overflow, both ways", test_overflow },
		{ "probe ends the bypass where GBPA can", test_probe_ends_bypass },
	};
	int rc = CU_RUN("smmuv3 arch", cases);

	if (sim) {
		iommu_arch_smmuv3.unit_release(&unit);
		smmuv3_sim_free(sim);
	}
	free(blob);
	return rc;
}
