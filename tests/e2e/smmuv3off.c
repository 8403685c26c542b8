/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmuv3off: turn an SMMUv3 unit off again inside the aarch64 test guest,
 * as a reset would (CR0 = 0: SMMUEN and the queues off), so that one guest
 * boot can start smmuman several times: smmuman refuses to restart on a
 * unit without GBPA that is still translating. A test tool: with SMMUEN
 * off, QEMU 7.2's unit lets every DMA through.
 *
 *   smmuv3off [REG-BASE]     (default 0x9050000, QEMU virt's unit)
 *
 * Prints "SMMUV3OFF base=0x... cr0ack=0x..." and exits 0 when CR0ACK reads
 * 0, 1 when it does not within a second, 2 on a usage or mapping error.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define SMMU_CR0	0x20	/* IHI 0070: SMMU_CR0, SMMU_CR0ACK */
#define SMMU_CR0ACK	0x24

int main(int argc, char **argv)
{
	struct timespec ms = { 0, 1000000 };
	unsigned long long base = 0x9050000ull;
	volatile uint32_t *r;
	uint32_t ack;
	void *p;
	int fd, i;

	if (argc > 2 || (argc == 2 && sscanf(argv[1], "%llx", &base) != 1) || base % 4096) {
		fprintf(stderr, "usage: smmuv3off [REG-BASE]\n");
		return 2;
	}
	fd = open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0) {
		fprintf(stderr, "smmuv3off: /dev/mem: %s\n", strerror(errno));
		return 2;
	}
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)base);
	close(fd);
	if (p == MAP_FAILED) {
		fprintf(stderr, "smmuv3off: mmap 0x%llx: %s\n", base, strerror(errno));
		return 2;
	}
	r = p;
	r[SMMU_CR0 / 4] = 0;
	for (i = 0; i < 1000 && r[SMMU_CR0ACK / 4]; i++)
		nanosleep(&ms, NULL);
	ack = r[SMMU_CR0ACK / 4];
	printf("SMMUV3OFF base=0x%llx cr0ack=0x%08" PRIx32 "\n", base, ack);
	munmap(p, 4096);
	return ack ? 1 : 0;
}
