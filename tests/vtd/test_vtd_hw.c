/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit tests for the parts of runtime/vtd/vtd_hw.c that need no hardware: the
 * argument checks (which must refuse before /dev/mem is touched) and close,
 * on anonymous pages standing in for the /dev/mem mappings. Mapping real
 * registers is tested in the QEMU guest (tests/e2e/bringup.sh, case vtd-regs).
 */
#include <CUnit/Basic.h>
#include <string.h>
#include <sys/mman.h>

#include "cu_run.h"
#include "vtd/vtd_hw.h"

#define PG 4096u

static void test_misaligned(void)
{
	struct unit_io io;
	char err[256];

	memset(&io, 0x5a, sizeof(io));
	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90010, 0xc000000, 0x1000, &io, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "register base 0xfed90010, table memory 0xc000000+0x1000: "
				    "not 4 KiB aligned");
	CU_ASSERT_PTR_NULL(io.ctx);
	CU_ASSERT_PTR_NULL(io.read32);
	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90000, 0xc000800, 0x1000, &io, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90000, 0xc000000, 0x1800, &io, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "register base 0xfed90000, table memory 0xc000000+0x1800: "
				    "not 4 KiB aligned");
	/* A short message buffer truncates, never overflows. */
	memset(err, 'x', sizeof(err));
	CU_ASSERT_EQUAL(vtd_hw_open(1, 0, 0, &io, err, 9), -1);
	CU_ASSERT_STRING_EQUAL(err, "register");
	CU_ASSERT_EQUAL(err[9], 'x');
}

static void test_no_io(void)
{
	char err[64];

	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90000, 0, 0, NULL, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "vtd_hw_open: no unit_io");
	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90000, 0, 0, NULL, NULL, 0), -1);
}

/* Whether the page at p is mapped in this process (mincore: ENOMEM if not). */
static int mapped(const void *p)
{
	unsigned char v;

	return mincore((void *)p, PG, &v) == 0;
}

static uint8_t *map_pages(size_t n)
{
	void *p = mmap(NULL, n * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* An io as open fills it, over our pages; the other bytes are fill. */
static void fake_io(struct unit_io *io, int fill, uint8_t *reg, uint8_t *tab, uint64_t size,
		    uint64_t held)
{
	memset(io, fill, sizeof(*io));
	io->ctx = reg;
	io->table_mem = tab;
	io->table_size = size;
	io->table_held = held;
}

static int cleared(const struct unit_io *io)
{
	static const struct unit_io zero;

	return memcmp(io, &zero, sizeof(*io)) == 0;
}

/*
 * A failed open leaves nothing for close to unmap: the io it was given held
 * pointers to live pages of ours, and close after the failure must leave
 * them mapped (open clears the io before any check can fail).
 */
static void test_close_after_failed_open(void)
{
	struct unit_io io;
	uint8_t *reg = map_pages(1), *tab = map_pages(2);

	CU_ASSERT_FATAL(reg && tab);
	fake_io(&io, 0x5a, reg, tab, 2 * PG, 0);
	CU_ASSERT_EQUAL(vtd_hw_open(0xfed90010, 0xc000000, 0x1000, &io, NULL, 0), -1);
	CU_ASSERT(cleared(&io));
	vtd_hw_close(&io);
	CU_ASSERT(cleared(&io));
	CU_ASSERT(mapped(reg));
	CU_ASSERT(mapped(tab));
	CU_ASSERT(mapped(tab + PG));
	vtd_hw_close(NULL);
	munmap(reg, PG);
	munmap(tab, 2 * PG);
}

/*
 * Close unmaps the register page and the table memory with the pages held
 * back after it (a restart's), nothing beyond, and clears the io: a second
 * close is a no-op.
 */
static void test_close_unmaps_exactly(void)
{
	struct unit_io io;
	uint8_t *reg = map_pages(2), *tab = map_pages(4);

	CU_ASSERT_FATAL(reg && tab);
	fake_io(&io, 0, reg, tab, 2 * PG, PG);
	vtd_hw_close(&io);
	CU_ASSERT(cleared(&io));
	CU_ASSERT(!mapped(reg));
	CU_ASSERT(mapped(reg + PG));
	CU_ASSERT(!mapped(tab));
	CU_ASSERT(!mapped(tab + PG));
	CU_ASSERT(!mapped(tab + 2 * PG));
	CU_ASSERT(mapped(tab + 3 * PG));
	vtd_hw_close(&io);
	CU_ASSERT(mapped(reg + PG));
	CU_ASSERT(mapped(tab + 3 * PG));
	munmap(reg + PG, PG);
	munmap(tab + 3 * PG, PG);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{"misaligned arguments", test_misaligned},
		{"no unit_io", test_no_io},
		{"close after a failed open", test_close_after_failed_open},
		{"close unmaps exactly its pages", test_close_unmaps_exactly},
	};

	return CU_RUN("vtd_hw", cases);
}
