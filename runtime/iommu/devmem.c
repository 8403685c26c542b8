/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /dev/mem for struct unit_io: the mappings and single, volatile register
 * accesses (VT-d's and SMMUv3's alike). io->ctx is the mapped register
 * window itself, so a unit_io can be copied freely; its length is the
 * accessor set's, one per window size.
 */
#include "iommu/devmem.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE_4K		4096u
#define FLUSH_STRIDE	64u	/* no smaller than any x86 cache line: safe */

/*
 * An offset outside the window is a driver bug; behave like an aborted bus
 * cycle (reads all ones, writes dropped) instead of touching other memory.
 */
static int bad_off(uint32_t off, uint32_t size, uint32_t len)
{
	return off > len - size || (off & (size - 1)) != 0;
}

static uint32_t rd32(void *ctx, uint32_t off, uint32_t len)
{
	return bad_off(off, 4, len) ? UINT32_MAX
				    : *(volatile uint32_t *)((volatile uint8_t *)ctx + off);
}

static uint64_t rd64(void *ctx, uint32_t off, uint32_t len)
{
	return bad_off(off, 8, len) ? UINT64_MAX
				    : *(volatile uint64_t *)((volatile uint8_t *)ctx + off);
}

static void wr32(void *ctx, uint32_t off, uint32_t val, uint32_t len)
{
	if (!bad_off(off, 4, len))
		*(volatile uint32_t *)((volatile uint8_t *)ctx + off) = val;
}

static void wr64(void *ctx, uint32_t off, uint64_t val, uint32_t len)
{
	if (!bad_off(off, 8, len))
		*(volatile uint64_t *)((volatile uint8_t *)ctx + off) = val;
}

#define WINDOW(tag, LEN)                                                                  \
	static uint32_t tag##_r32(void *c, uint32_t o) { return rd32(c, o, LEN); }         \
	static uint64_t tag##_r64(void *c, uint32_t o) { return rd64(c, o, LEN); }         \
	static void tag##_w32(void *c, uint32_t o, uint32_t v) { wr32(c, o, v, LEN); }     \
	static void tag##_w64(void *c, uint32_t o, uint64_t v) { wr64(c, o, v, LEN); }

WINDOW(w4k, IOMMU_DEVMEM_WIN_4K)
WINDOW(w128k, IOMMU_DEVMEM_WIN_128K)

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
#elif defined(__aarch64__)
	/*
	 * Table memory is a Device mapping: nothing is cached, but the stores
	 * must have completed before the register write that tells the unit
	 * to read them (a DMB orders them only among themselves).
	 */
	__asm__ __volatile__("dsb sy" ::: "memory");
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

static void *map_phys(int fd, uint64_t phys, uint64_t len, const char *what, const char *hint,
		      char *err, size_t errlen)
{
	void *p;

	if ((uint64_t)(off_t)phys != phys || phys > UINT64_MAX - len) {
		report(err, errlen, "%s at 0x%" PRIx64 ": address out of range", what, phys);
		return NULL;
	}
	p = mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)phys);
	if (p == MAP_FAILED) {
		int e = errno;

		if ((e == EPERM || e == EACCES) && hint)
			report(err, errlen, "mmap %s at 0x%" PRIx64 " via /dev/mem: %s: %s",
			       what, phys, strerror(e), hint);
		else
			report(err, errlen, "mmap %s at 0x%" PRIx64 " via /dev/mem: %s", what,
			       phys, strerror(e));
		return NULL;
	}
	return p;
}

int iommu_devmem_open(uint64_t reg_base, uint32_t reg_len, uint64_t table_phys,
		      uint64_t table_len, const char *what, const char *hint, struct unit_io *io,
		      char *err, size_t errlen)
{
	bool small = reg_len == IOMMU_DEVMEM_WIN_4K;
	void *r, *t = NULL;
	int fd;

	if (!io) {
		report(err, errlen, "%s: no unit_io", what);
		return -1;
	}
	memset(io, 0, sizeof(*io));
	if (!small && reg_len != IOMMU_DEVMEM_WIN_128K) {
		report(err, errlen, "%s: a register window of 0x%x bytes", what, reg_len);
		return -1;
	}
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
	r = map_phys(fd, reg_base, reg_len, what, hint, err, errlen);
	if (r && table_len) {
		t = map_phys(fd, table_phys, table_len, "table memory", hint, err, errlen);
		if (!t) {
			munmap(r, reg_len);
			r = NULL;
		}
	}
	close(fd);	/* the mappings outlive the descriptor */
	if (!r)
		return -1;

	io->ctx = r;
	io->read32 = small ? w4k_r32 : w128k_r32;
	io->read64 = small ? w4k_r64 : w128k_r64;
	io->write32 = small ? w4k_w32 : w128k_w32;
	io->write64 = small ? w4k_w64 : w128k_w64;
	io->flush = hw_flush;
	io->delay_us = hw_delay_us;
	io->table_mem = t;
	io->table_phys = table_phys;
	io->table_size = table_len;
	io->reg_base = reg_base;
	return 0;
}

void iommu_devmem_close(struct unit_io *io, uint32_t reg_len)
{
	if (!io)
		return;
	if (io->ctx)
		munmap(io->ctx, reg_len);
	if (io->table_mem && io->table_size)
		munmap(io->table_mem, (size_t)(io->table_size + io->table_held));
	memset(io, 0, sizeof(*io));
}

/*
 * Volatile, so the compiler can neither turn the loop into a call to
 * memset/memcpy nor pair or widen the accesses (see devmem.h).
 */
void iommu_tmem_zero(uint8_t *mem, uint64_t len)
{
	volatile uint64_t *w = (volatile uint64_t *)(void *)mem;

	for (uint64_t i = 0; i < len / 8; i++)
		w[i] = 0;
}

void iommu_tmem_read(void *dst, const uint8_t *mem, uint64_t len)
{
	const volatile uint64_t *w = (const volatile uint64_t *)(const void *)mem;
	uint8_t *d = dst;

	for (uint64_t i = 0; i < len / 8; i++) {
		uint64_t x = w[i];

		memcpy(d + i * 8, &x, 8); /* dst is the process's own memory */
	}
}
