/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmuman's life, below the command line: a restart on a unit that is
 * already translating (the simulated unit models TES and the caches),
 * the fault log's rate limit, and the one escaping rule.
 */
#include <CUnit/Basic.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>
#include <unistd.h>

#include "daemon/boot.h"
#include "daemon/boot_int.h"
#include "cu_run.h"
#include "daemon/log.h"
#include "util/escape.h"
#include "daemon/fault_rate.h"
#include "vtd/vtd_arch.h"
#include "vtd/vtd_drv.h"
#include "vtd/vtd_regs.h"
#include "vtd/vtd_sim.h"

static struct vtd_sim *sim;
static struct unit_io simio, io; /* io: every register write checks TES after it */
static bool watch;
static unsigned te_off; /* writes after which translation was off */

static void check_te(void)
{
	if (watch && !(simio.read32(simio.ctx, VTD_REG_GSTS) & VTD_GSTS_TES))
		te_off++;
}

static void spy_w32(void *ctx, uint32_t off, uint32_t v)
{
	simio.write32(ctx, off, v);
	check_te();
}

static void spy_w64(void *ctx, uint32_t off, uint64_t v)
{
	simio.write64(ctx, off, v);
	check_te();
}

/* Builds pol into the first pages of table memory, size bytes of it at most. */
static int build(const struct vtd_policy *pol, uint64_t size)
{
	uint64_t relocs[256];
	struct vtd_build_out out = { io.table_mem, (size_t)(size / VTD_PAGE_SIZE), relocs, 256,
				     NULL, 0, 0, 0 };

	if (vtd_build(pol, &out))
		return -1;
	return vtd_relocate(io.table_mem, out.npages, relocs, out.nrelocs, io.table_phys);
}

/* 0: the access went through; else the unit faulted (fault records cleared). */
static int dma(uint16_t sid, uint64_t addr, bool write)
{
	unsigned char byte = 0x5a;
	int rc = vtd_sim_dma(sim, sid, addr, 1, write, &byte);

	vtd_poll_faults(&simio, NULL, NULL, NULL, NULL);
	return rc;
}

static const struct vtd_range a_r[] = { { 0x200000, 0x1000, VTD_PERM_R | VTD_PERM_W } };
static const struct vtd_domain_in a_d[] = { { 1, a_r, 1 } };
static const struct vtd_device_in a_dev[] = { { 0x0018, 0 } };
static const struct vtd_range b_r0[] = { { 0x400000, 0x1000, VTD_PERM_R } };
static const struct vtd_range b_r1[] = { { 0x200000, 0x1000, VTD_PERM_R | VTD_PERM_W } };
static const struct vtd_domain_in b_d[] = { { 1, b_r0, 1 }, { 2, b_r1, 1 } };
static const struct vtd_device_in b_dev[] = { { 0x0018, 0 }, { 0x0019, 1 } };

/*
 * The old policy translating; the restart holds the unit on an empty root
 * in the last page, writes the new tables in the others, switches over.
 * TE is on after every single register write, and no access goes through
 * that neither policy grants at that moment.
 */
static void test_restart(void)
{
	struct vtd_sim_cfg c;
	struct vtd_caps caps;
	struct vtd_policy pa = { { 3, false, false }, a_d, 1, a_dev, 1 };
	struct vtd_policy pb = { { 3, false, false }, b_d, 2, b_dev, 2 };
	uint64_t last;

	vtd_sim_default_cfg(&c, 3);
	sim = vtd_sim_new(&c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	vtd_sim_io(sim, &simio);
	io = simio;
	io.write32 = spy_w32;
	io.write64 = spy_w64;
	CU_ASSERT_EQUAL_FATAL(vtd_probe(&io, &caps), 0);
	last = io.table_size - VTD_PAGE_SIZE;
	CU_ASSERT_EQUAL_FATAL(build(&pa, last), 0);
	CU_ASSERT_EQUAL_FATAL(vtd_enable(&io, &caps, io.table_phys), 0);
	CU_ASSERT_TRUE(vtd_translating(&io));
	CU_ASSERT_EQUAL(dma(0x18, 0x200000, true), 0);
	CU_ASSERT_NOT_EQUAL(dma(0x19, 0x200000, true), 0);

	/* the restart */
	watch = true;
	CU_ASSERT_EQUAL(vtd_enable(&io, &caps, io.table_phys), -EBUSY);
	CU_ASSERT_EQUAL(vtd_block_at(&io, &caps, last), 0);
	CU_ASSERT_NOT_EQUAL(dma(0x18, 0x200000, true), 0);
	CU_ASSERT_EQUAL_FATAL(build(&pb, last), 0);
	/* the new tables are written, the unit still walks the empty root */
	CU_ASSERT_NOT_EQUAL(dma(0x18, 0x400000, false), 0);
	CU_ASSERT_NOT_EQUAL(dma(0x19, 0x200000, true), 0);
	CU_ASSERT_EQUAL(vtd_switch_root(&io, &caps, io.table_phys), 0);
	CU_ASSERT_EQUAL(dma(0x18, 0x400000, false), 0);
	CU_ASSERT_NOT_EQUAL(dma(0x18, 0x400000, true), 0);
	CU_ASSERT_NOT_EQUAL(dma(0x18, 0x200000, true), 0);
	CU_ASSERT_EQUAL(dma(0x19, 0x200000, true), 0);
	watch = false;
	CU_ASSERT_EQUAL(te_off, 0);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), 0);
	/* never an enable through the back door */
	CU_ASSERT_EQUAL(vtd_block_at(&io, &caps, last + 8), -EINVAL);
	CU_ASSERT_EQUAL(vtd_block_at(&io, &caps, io.table_size), -EINVAL);
	vtd_sim_reset(sim);
	CU_ASSERT_EQUAL(vtd_switch_root(&io, &caps, io.table_phys), -EINVAL);
	vtd_sim_free(sim);
	sim = NULL;
}

static char got[8][FAULT_RATE_LINE];
static uint64_t got_n[8];
static unsigned ngot;

static void emit(void *arg, const char *line, uint64_t n)
{
	(void)arg;
	if (ngot < 8) {
		snprintf(got[ngot], sizeof(got[ngot]), "%s", line);
		got_n[ngot++] = n;
	}
}

static void test_rate(void)
{
	static struct fault_rate r;
	struct fault_key k = { 0, 0x18, 0xf8000, true }, k2 = k, k3 = k;

	k2.write = false;
	k3.page++;
	CU_ASSERT_TRUE(fault_rate_admit(&r, &k, "A", 1000, emit, NULL));
	for (int i = 0; i < 37; i++)
		CU_ASSERT_FALSE(fault_rate_admit(&r, &k, "A", 1000 + (uint64_t)i, emit, NULL));
	/* another access, another page: kinds of their own */
	CU_ASSERT_TRUE(fault_rate_admit(&r, &k2, "B", 1500, emit, NULL));
	CU_ASSERT_TRUE(fault_rate_admit(&r, &k3, "C", 1500, emit, NULL));
	fault_rate_flush(&r, 1000 + FAULT_RATE_WINDOW_MS - 1, emit, NULL);
	CU_ASSERT_EQUAL(ngot, 0);
	fault_rate_flush(&r, 1000 + FAULT_RATE_WINDOW_MS, emit, NULL);
	CU_ASSERT_EQUAL_FATAL(ngot, 1);
	CU_ASSERT_STRING_EQUAL(got[0], "A");
	CU_ASSERT_EQUAL(got_n[0], 37);
	/* the window closed: the next one is logged again */
	CU_ASSERT_TRUE(fault_rate_admit(&r, &k, "A", 1000 + FAULT_RATE_WINDOW_MS, emit, NULL));
	/* B and C were never repeated: nothing to say at exit */
	fault_rate_flush(&r, UINT64_MAX, emit, NULL);
	CU_ASSERT_EQUAL(ngot, 1);
	/* more kinds than slots: the oldest closes early, its count said */
	ngot = 0;
	k.page = 0;
	CU_ASSERT_TRUE(fault_rate_admit(&r, &k, "first", 5, emit, NULL));
	CU_ASSERT_FALSE(fault_rate_admit(&r, &k, "first", 6, emit, NULL));
	for (unsigned i = 1; i < FAULT_RATE_SLOTS; i++) {
		k2 = k;
		k2.page = i;
		CU_ASSERT_TRUE(fault_rate_admit(&r, &k2, "other", 7, emit, NULL));
	}
	CU_ASSERT_EQUAL(ngot, 0);
	k2.page = 999;
	CU_ASSERT_TRUE(fault_rate_admit(&r, &k2, "new", 8, emit, NULL));
	CU_ASSERT_EQUAL_FATAL(ngot, 1);
	CU_ASSERT_STRING_EQUAL(got[0], "first");
	CU_ASSERT_EQUAL(got_n[0], 1);
}

static void test_escape(void)
{
	char buf[64], line[32];

	CU_ASSERT_STRING_EQUAL(esc_str("b\033[1m\rDSS: x\n\\y\177\377", buf, sizeof(buf)),
			       "b\\033[1m\\015DSS: x\\012\\\\y\\177\\377");
	CU_ASSERT_STRING_EQUAL(esc_str(NULL, buf, sizeof(buf)), "?");
	/* an escape that does not fit is left out whole */
	CU_ASSERT_STRING_EQUAL(esc_str("ab\033", buf, 6), "ab");
	CU_ASSERT_STRING_EQUAL(esc_str("ab\033", buf, 7), "ab\\033");
	snprintf(line, sizeof(line), "a\\b\rc\033d");
	esc_controls(line, sizeof(line));
	CU_ASSERT_STRING_EQUAL(line, "a\\b\\015c\\033d");
	/* the backstop truncates at the capacity, whole escapes only */
	snprintf(line, sizeof(line), "0123456789012345678901234\n\n");
	esc_controls(line, sizeof(line));
	CU_ASSERT_STRING_EQUAL(line, "0123456789012345678901234\\012");
}

static char *slurp(const char *path)
{
	static char buf[8192];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = 0;
	return buf;
}

/*
 * The monitor (boot_poll_faults) on a unit blocking everything: a device
 * hammering one page is logged once, then counted; a second device while
 * the only fault record is taken overflows, and that is said.
 */
static void test_monitor(void)
{
	char path[] = "/tmp/smmu-test-daemon-XXXXXX", want[2048], *text;
	struct boot b = { 0 };
	struct vtd_sim_cfg c;
	struct rt_unit u = { .name = "dmar0" };
	char why[256];
	int fd = mkstemp(path);
	pid_t pid = getpid();

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	CU_ASSERT_TRUE_FATAL(log_open("t", NULL, path));
	log_startup_done();
	vtd_sim_default_cfg(&c, 3);
	sim = vtd_sim_new(&c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	vtd_sim_io(sim, &u.io);
	b.units = &u;
	b.nunits = 1;
	b.arch = &iommu_arch_vtd;
	CU_ASSERT_EQUAL_FATAL(drv_probe(&b, 0, why, sizeof(why)), 0);
	CU_ASSERT_EQUAL_FATAL(drv_block_all(&b, 0), 0);
	for (int i = 0; i < 38; i++) {
		unsigned char x = 0;

		vtd_sim_dma(sim, 0x18, 0xf8000000 + (uint64_t)(i % 2) * 8, 1, true, &x);
		boot_poll_faults(&b, false);
	}
	/* the record is taken by 0x18: 0x19's fault is lost, PFO set */
	{
		unsigned char x = 0;

		vtd_sim_dma(sim, 0x18, 0xf8000000, 1, false, &x);
		vtd_sim_dma(sim, 0x19, 0xf8000000, 1, false, &x);
	}
	boot_poll_faults(&b, false);
	boot_poll_faults(&b, true);
	log_close();
	snprintf(want, sizeof(want),
		 "t[%d]: warning: unit dmar0: 00:03.0 denied write at 0xf8000000: root entry not "
		 "present (reason 0x1)\n"
		 "t[%d]: warning: unit dmar0: 00:03.0 denied read at 0xf8000000: root entry not "
		 "present (reason 0x1)\n"
		 "t[%d]: warning: unit dmar0: fault records overflowed (FSTS.PFO): faults were "
		 "lost\n"
		 "t[%d]: warning: unit dmar0: 00:03.0 denied write at 0xf8000000: root entry not "
		 "present (reason 0x1) (repeated 37 times)\n",
		 (int)pid, (int)pid, (int)pid, (int)pid);
	text = slurp(path);
	CU_ASSERT_STRING_EQUAL(text, want);
	if (strcmp(text, want))
		printf("\n--- got\n%s--- want\n%s", text, want);
	CU_ASSERT_EQUAL(b.nfaults, 39);
	unlink(path);
	iommu_arch_vtd.unit_release(&u);
	vtd_sim_free(sim);
	sim = NULL;
}

static const struct cu_case cases[] = {
	{ "monitor: repeats counted, overflow said", test_monitor },
	{ "restart on a translating unit: TE never off", test_restart },
	{ "fault log rate limit", test_rate },
	{ "escaping names", test_escape },
};

int main(void)
{
	return CU_RUN("smmuman life", cases);
}
