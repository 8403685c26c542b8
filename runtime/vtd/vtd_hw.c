/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /dev/mem backend for struct unit_io. No driver logic lives here: this file
 * only maps memory and performs single, volatile register accesses.
 */
#include "vtd/vtd_hw.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE_4K		4096u
#define FLUSH_STRIDE	64u	/* no smaller than any x86 cache line: safe */

/* io->ctx is the mapped register page itself: no allocation needed. */
static volatile uint8_t *regs(void *ctx)
{
	return (volatile uint8_t *)ctx;
}

/*
 * An offset outside the page is a driver bug; behave like an aborted bus
 * cycle (reads all ones, writes dropped) instead of touching other memory.
 */
static int bad_off(uint32_t off, uint32_t size)
{
	return off > VTD_HW_REG_LEN - size || (off & (size - 1)) != 0;
}

static uint32_t hw_read32(void *ctx, uint32_t off)
{
	if (bad_off(off, 4))
		return UINT32_MAX;
	return *(volatile uint32_t *)(regs(ctx) + off);
}

static uint64_t hw_read64(void *ctx, uint32_t off)
{
	if (bad_off(off, 8))
		return UINT64_MAX;
	return *(volatile uint64_t *)(regs(ctx) + off);
}

static void hw_write32(void *ctx, uint32_t off, uint32_t val)
{
	if (!bad_off(off, 4))
		*(volatile uint32_t *)(regs(ctx) + off) = val;
}

static void hw_write64(void *ctx, uint32_t off, uint64_t val)
{
	if (!bad_off(off, 8))
		*(volatile uint64_t *)(regs(ctx) + off) = val;
}

static void hw_flush(void *ctx, const void *p, size_t len)
{
	(void)ctx;
	if (!p || len == 0)
		return;
	__asm__ __volatile__("" ::: "memory");
#if defined(__x86_64__) || defined(__i386__)
	{
		uintptr_t a = (uintptr_t)p & ~(uintptr_t)(FLUSH_STRIDE - 1);
		uintptr_t end = (uintptr_t)p + len;

		for (; a < end; a += FLUSH_STRIDE)
			__builtin_ia32_clflush((const void *)a);
		__builtin_ia32_mfence();
	}
#else
	{
		uintptr_t a = (uintptr_t)p & ~(uintptr_t)(PAGE_4K - 1);

		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		msync((void *)a, (uintptr_t)p + len - a, MS_SYNC);
	}
#endif
}

static void hw_delay_us(void *ctx, unsigned us)
{
	struct timespec ts = { .tv_sec = us / 1000000u, .tv_nsec = (long)(us % 1000000u) * 1000 };

	(void)ctx;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void report(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static const char kargs_hint[] =
	"boot Linux with intel_iommu=off intremap=off iomem=relaxed "
	"memmap=<size>$<table address> so it leaves the unit and the carve-out alone";

static void *map_phys(int fd, uint64_t phys, uint64_t len, const char *what, char *err,
		      size_t errlen)
{
	void *p;

	if ((uint64_t)(off_t)phys != phys || phys > UINT64_MAX - len) {
		report(err, errlen, "%s at 0x%" PRIx64 ": address out of range", what, phys);
		return NULL;
	}
	p = mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)phys);
	if (p == MAP_FAILED) {
		int e = errno;

		if (e == EPERM || e == EACCES)
			report(err, errlen, "mmap %s at 0x%" PRIx64 " via /dev/mem: %s: %s",
			       what, phys, strerror(e), kargs_hint);
		else
			report(err, errlen, "mmap %s at 0x%" PRIx64 " via /dev/mem: %s", what,
			       phys, strerror(e));
		return NULL;
	}
	return p;
}

int vtd_hw_open(uint64_t reg_base, uint64_t table_phys, uint64_t table_len,
		struct unit_io *io, char *err, size_t errlen)
{
	void *r, *t = NULL;
	int fd;

	if (!io) {
		report(err, errlen, "vtd_hw_open: no unit_io");
		return -1;
	}
	memset(io, 0, sizeof(*io));
	if (reg_base % PAGE_4K || table_phys % PAGE_4K || table_len % PAGE_4K ||
	    table_len > SIZE_MAX) {
		report(err, errlen, "register base 0x%" PRIx64 ", table memory 0x%" PRIx64
		       "+0x%" PRIx64 ": not 4 KiB aligned", reg_base, table_phys, table_len);
		return -1;
	}
	fd = open("/dev/mem", O_RDWR | O_SYNC | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		report(err, errlen, "open /dev/mem: %s%s", strerror(e),
		       e == EACCES || e == EPERM ? " (needs root: CAP_SYS_RAWIO)" : "");
		return -1;
	}
	r = map_phys(fd, reg_base, VTD_HW_REG_LEN, "VT-d registers", err, errlen);
	if (r && table_len) {
		t = map_phys(fd, table_phys, table_len, "table memory", err, errlen);
		if (!t) {
			munmap(r, VTD_HW_REG_LEN);
			r = NULL;
		}
	}
	close(fd);	/* the mappings outlive the descriptor */
	if (!r)
		return -1;

	io->ctx = r;
	io->read32 = hw_read32;
	io->read64 = hw_read64;
	io->write32 = hw_write32;
	io->write64 = hw_write64;
	io->flush = hw_flush;
	io->delay_us = hw_delay_us;
	io->table_mem = t;
	io->table_phys = table_phys;
	io->table_size = table_len;
	io->reg_base = reg_base;
	return 0;
}

void vtd_hw_close(struct unit_io *io)
{
	if (!io)
		return;
	if (io->ctx)
		munmap(io->ctx, VTD_HW_REG_LEN);
	if (io->table_mem && io->table_size)
		munmap(io->table_mem, (size_t)(io->table_size + io->table_held));
	memset(io, 0, sizeof(*io));
}
