/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * edudma: drive DMA from QEMU's "edu" PCI device, inside the test guest.
 *
 *   edudma list
 *   edudma [-s STAGE] [-b] [-w] DEVICE write IOVA LEN [PATTERN]
 *   edudma [-s STAGE] [-b] [-w] DEVICE read IOVA LEN [PATTERN]
 *   edudma [-s STAGE] [-b] [-w] [-l LEAD] DEVICE write IOVA LEN [PATTERN] -- COMMAND [ARG]...
 *
 * DEVICE is a PCI address (0000:00:04.0 or 00:04.0) or "auto" (the first
 * edu). edu has no CPU access to its 4 KiB buffer: it is filled and checked
 * only by DMA, through a staging area STAGE (default 0xc800000) that must be
 * reachable by the device too.
 *   write: STAGE -> buffer, then buffer -> IOVA; RAM at IOVA is checked.
 *   read:  STAGE -> buffer (priming), IOVA -> buffer, buffer -> STAGE;
 *          RAM at STAGE is checked.
 * CPU access to RAM goes through /dev/mem at the same physical address,
 * i.e. IOVA = PA, which holds with translation off or an identity policy;
 * both areas must lie in a memmap= carve-out (STRICT_DEVMEM).
 * -w: the device was given a 64-bit DMA mask (QEMU's edu,dma_mask=...),
 * so addresses need not stay below 0x10000000 (the aarch64 virt board's
 * RAM starts at 0x40000000).
 * With a COMMAND, the transfer to RAM is started and the command run at
 * once (fork, exec), or LEAD us after it (-l): edu carries out a transfer
 * 100 ms after it is started (QEMU's timer), so it lands while the
 * command runs, 100 ms - LEAD after the command's exec; edudma
 * then judges RAM as usual and adds the command's exit status and, on
 * CLOCK_MONOTONIC in us, when the transfer was started and when edudma
 * saw it done ("started=... done=... status=..."). The test of smmuman's
 * start-up window (guest-e2e-smmuv3.sh, case 11).
 * LEN is 1..4095 (see main). PATTERN is a byte seed (default 0xa5) for a
 * position-dependent pattern.
 *
 * Prints one line "EDUDMA <op> <dev> iova=... len=... result=ok|blocked|
 * corrupt|timeout ms=..." and exits 0 if the result is "ok" (with -b: "blocked",
 * i.e. the target did not receive the data), 1 otherwise, 2 on a usage or
 * setup error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_CNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_CMD_START	0x1
#define EDU_CMD_TO_RAM	0x2
#define EDU_BUF		0x40000u
#define EDU_BUF_LEN	0x1000u
#define EDU_DMA_LIMIT	0x10000000ull	/* edu's default 28-bit DMA mask */
#define PCI_COMMAND	0x04
#define PCI_CMD_MEM	0x2
#define PCI_CMD_MASTER	0x4
#define DMA_TIMEOUT_MS	5000
#define SYSFS_PCI	"/sys/bus/pci/devices"

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "edudma: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static long read_hex_file(const char *dir, const char *name)
{
	char path[512], buf[32];
	FILE *f;
	long v = -1;

	snprintf(path, sizeof(path), "%s/%s/%s", SYSFS_PCI, dir, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		v = strtol(buf, NULL, 16);
	fclose(f);
	return v;
}

static int is_edu(const char *dev)
{
	return read_hex_file(dev, "vendor") == EDU_VENDOR &&
	       read_hex_file(dev, "device") == EDU_DEVICE;
}

/* Lists the edu devices; returns how many, and copies the first to 'first'. */
static int find_edus(int print, char *first, size_t len)
{
	struct dirent *de;
	int n = 0;
	DIR *d = opendir(SYSFS_PCI);

	if (!d)
		die("cannot open %s (is sysfs mounted?)", SYSFS_PCI);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || !is_edu(de->d_name))
			continue;
		if (print)
			printf("EDU %s\n", de->d_name);
		/* readdir order is arbitrary: keep the lowest address. */
		if (first && strlen(de->d_name) < len &&
		    (n == 0 || strcmp(de->d_name, first) < 0))
			memcpy(first, de->d_name, strlen(de->d_name) + 1);
		n++;
	}
	closedir(d);
	return n;
}

static void resolve_device(const char *arg, char *dev, size_t len)
{
	if (strcmp(arg, "auto") == 0) {
		if (find_edus(0, dev, len) == 0)
			die("no edu device (vendor 0x1234 device 0x11e8)");
		return;
	}
	/* Accept the short form without a segment. */
	if (strlen(arg) == 7)
		snprintf(dev, len, "0000:%s", arg);
	else
		snprintf(dev, len, "%s", arg);
	if (!is_edu(dev))
		die("%s is not an edu device", dev);
}

static void enable_master(const char *dev)
{
	char path[512];
	uint8_t cmd[2];
	int fd;

	snprintf(path, sizeof(path), "%s/%s/config", SYSFS_PCI, dev);
	fd = open(path, O_RDWR);
	if (fd < 0 || pread(fd, cmd, 2, PCI_COMMAND) != 2)
		die("cannot read the command register of %s", dev);
	if ((cmd[0] & (PCI_CMD_MEM | PCI_CMD_MASTER)) != (PCI_CMD_MEM | PCI_CMD_MASTER)) {
		cmd[0] |= PCI_CMD_MEM | PCI_CMD_MASTER;
		if (pwrite(fd, cmd, 2, PCI_COMMAND) != 2)
			die("cannot enable bus mastering on %s", dev);
	}
	close(fd);
}

static volatile uint8_t *map_bar0(const char *dev)
{
	char path[512];
	void *p;
	int fd;

	snprintf(path, sizeof(path), "%s/%s/resource0", SYSFS_PCI, dev);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0)
		die("cannot open %s", path);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		die("cannot mmap BAR0 of %s", dev);
	return p;
}

/* Maps [pa, pa+len) of physical memory; *base gets the page mapping. */
static volatile uint8_t *map_ram(uint64_t pa, size_t len, void **base, size_t *maplen)
{
	uint64_t page = pa & ~0xfffull;
	void *p;
	int fd = open("/dev/mem", O_RDWR | O_SYNC);

	if (fd < 0)
		die("cannot open /dev/mem: %s", strerror(errno));
	*maplen = (size_t)(pa - page) + len;
	p = mmap(NULL, *maplen, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)page);
	close(fd);
	if (p == MAP_FAILED)
		die("cannot mmap RAM through /dev/mem (%s): boot with memmap=...$... and "
		    "iomem=relaxed, and use addresses inside the carve-out",
		    strerror(errno));
	*base = p;
	return (volatile uint8_t *)p + (pa - page);
}

static uint8_t pattern(uint8_t seed, size_t i)
{
	return (uint8_t)(seed + i * 7 + (i >> 8));
}

static void fill(volatile uint8_t *p, size_t len, uint8_t seed, int invert)
{
	for (size_t i = 0; i < len; i++)
		p[i] = invert ? (uint8_t)~pattern(seed, i) : pattern(seed, i);
}

/* Returns how many bytes equal the pattern (or its inverse). */
static size_t count_match(volatile const uint8_t *p, size_t len, uint8_t seed, int invert)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += p[i] == (invert ? (uint8_t)~pattern(seed, i) : pattern(seed, i));
	return n;
}

static size_t count_zero(volatile const uint8_t *p, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += p[i] == 0;
	return n;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void reg_write64(volatile uint8_t *bar, uint32_t off, uint64_t v)
{
	*(volatile uint64_t *)(bar + off) = v;
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Starts one transfer; 'to_ram' selects buffer -> RAM. 0, or -1 when busy. */
static int edu_start(volatile uint8_t *bar, uint64_t ram, uint32_t len, int to_ram)
{
	if (*(volatile uint64_t *)(bar + EDU_DMA_CMD) & EDU_CMD_START)
		return -1;	/* busy from someone else: do not queue behind it */
	reg_write64(bar, EDU_DMA_SRC, to_ram ? EDU_BUF : ram);
	reg_write64(bar, EDU_DMA_DST, to_ram ? ram : EDU_BUF);
	reg_write64(bar, EDU_DMA_CNT, len);
	reg_write64(bar, EDU_DMA_CMD, EDU_CMD_START | (to_ram ? EDU_CMD_TO_RAM : 0));
	return 0;
}

/* Waits, polling every poll_ms, for the transfer to be done: 0, or -1 on timeout. */
static int edu_wait(volatile uint8_t *bar, long poll_ms)
{
	uint64_t t0 = now_ms();
	struct timespec ms = { 0, poll_ms * 1000000 };

	while (*(volatile uint64_t *)(bar + EDU_DMA_CMD) & EDU_CMD_START) {
		if (now_ms() - t0 > DMA_TIMEOUT_MS)
			return -1;
		nanosleep(&ms, NULL);
	}
	return 0;
}

/* One transfer, start to end. Returns 0 when done. */
static int edu_dma(volatile uint8_t *bar, uint64_t ram, uint32_t len, int to_ram)
{
	return edu_start(bar, ram, len, to_ram) ? -1 : edu_wait(bar, 1);
}

/*
 * The transfer to RAM started and cmd run at once. The polls are 5 ms
 * apart: the guest has one CPU, and the command's start is what is timed.
 */
static int edu_dma_during(volatile uint8_t *bar, uint64_t ram, uint32_t len, char **cmd,
			  long lead_us, long long *started, long long *done, int *status)
{
	struct timespec lead = { lead_us / 1000000, lead_us % 1000000 * 1000 };
	pid_t pid;
	int ws, rc;

	if (edu_start(bar, ram, len, 1))
		return -1;
	*started = now_us();
	if (lead_us)
		nanosleep(&lead, NULL);
	pid = fork();
	if (pid == 0) {
		execvp(cmd[0], cmd);
		fprintf(stderr, "edudma: cannot run %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	rc = edu_wait(bar, 5);
	*done = now_us();
	*status = -1;
	if (pid > 0 && waitpid(pid, &ws, 0) == pid)
		*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	return rc;
}

static uint64_t parse_num(const char *s, const char *what)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || end == s)
		die("bad %s '%s'", what, s);
	return v;
}

static void usage(void)
{
	fprintf(stderr, "usage: edudma list\n"
			"       edudma [-s STAGE] [-b] [-w] DEVICE read|write IOVA LEN [PATTERN]\n"
			"       edudma [-s STAGE] [-b] [-w] [-l LEAD-US] DEVICE write IOVA LEN "
			"[PATTERN] -- COMMAND [ARG]...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	uint64_t stage = 0xc800000, iova, len, t0;
	volatile uint8_t *bar, *target, *staging;
	void *tmap, *smap;
	size_t tlen, slen, good, unchanged;
	const char *result;
	char dev[64], during[96] = "";
	char **cmd = NULL;
	int expect_blocked = 0, wide = 0, write, opt, ok;
	long lead_us = 0;
	uint8_t seed = 0xa5;

	/* '+': options only before DEVICE, so the command's own stay its */
	while ((opt = getopt(argc, argv, "+s:bwl:")) != -1) {
		if (opt == 'l')
			lead_us = (long)parse_num(optarg, "lead");
		else if (opt == 's')
			stage = parse_num(optarg, "staging address");
		else if (opt == 'b')
			expect_blocked = 1;
		else if (opt == 'w')
			wide = 1;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc == 1 && strcmp(argv[0], "list") == 0)
		return find_edus(1, NULL, 0) > 0 ? 0 : 1;
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			if (i + 1 == argc)
				usage();
			cmd = argv + i + 1;
			argc = i;
			break;
		}
	if (argc < 4 || argc > 5)
		usage();
	if (strcmp(argv[1], "write") == 0)
		write = 1;
	else if (strcmp(argv[1], "read") == 0)
		write = 0;
	else
		usage();
	if ((cmd && !write) || (lead_us && !cmd) || lead_us >= 100000)
		usage();
	iova = parse_num(argv[2], "IOVA");
	len = parse_num(argv[3], "length");
	if (argc == 5)
		seed = (uint8_t)parse_num(argv[4], "pattern");
	/*
	 * QEMU 7.2 aborts (hw_error) on a transfer leaving the buffer, and its
	 * bound check is off by one: a full 4096-byte transfer aborts too
	 * (measured), so at most 4095. edu masks addresses to 28 bits.
	 */
	if (len == 0 || len >= EDU_BUF_LEN)
		die("length must be 1..4095");
	if (!wide && (iova >= EDU_DMA_LIMIT - len || stage >= EDU_DMA_LIMIT - len))
		die("addresses must stay below 0x10000000 (edu's DMA mask)");
	if (iova > UINT64_MAX - len || stage > UINT64_MAX - len)
		die("addresses wrap around");
	if (iova < stage + len && stage < iova + len)
		die("IOVA and staging area overlap");

	resolve_device(argv[0], dev, sizeof(dev));
	enable_master(dev);
	bar = map_bar0(dev);
	target = map_ram(iova, len, &tmap, &tlen);
	staging = map_ram(stage, len, &smap, &slen);

	t0 = now_ms();
	if (write) {
		fill(staging, len, seed, 0);
		fill(target, len, seed, 1);
		ok = edu_dma(bar, stage, (uint32_t)len, 0) == 0;
		if (ok && cmd) {
			long long started = 0, done = 0;
			int status = -1;

			ok = edu_dma_during(bar, iova, (uint32_t)len, cmd, lead_us, &started,
					    &done, &status) == 0;
			snprintf(during, sizeof(during), " started=%lld done=%lld status=%d", started,
				 done, status);
		} else if (ok) {
			ok = edu_dma(bar, iova, (uint32_t)len, 1) == 0;
		}
		good = count_match(target, len, seed, 0);
		unchanged = count_match(target, len, seed, 1);
	} else {
		/*
		 * Prime the buffer with the inverse pattern first: a blocked
		 * read then leaves either that or zeros (QEMU fills a failed
		 * DMA read with zeros), never the pattern.
		 */
		fill(target, len, seed, 0);
		fill(staging, len, seed, 1);
		ok = edu_dma(bar, stage, (uint32_t)len, 0) == 0 &&
		     edu_dma(bar, iova, (uint32_t)len, 0) == 0 &&
		     edu_dma(bar, stage, (uint32_t)len, 1) == 0;
		good = count_match(staging, len, seed, 0);
		unchanged = count_match(staging, len, seed, 1);
		if (unchanged != len && count_zero(staging, len) == len)
			unchanged = len;
	}
	if (!ok)
		result = "timeout";
	else if (good == len)
		result = "ok";
	else if (unchanged == len)
		result = "blocked";
	else
		result = "corrupt";
	printf("EDUDMA %s %s iova=0x%" PRIx64 " len=%" PRIu64 " stage=0x%" PRIx64
	       " result=%s ms=%" PRIu64 "%s\n", write ? "write" : "read", dev, iova, len, stage,
	       result, now_ms() - t0, during);
	munmap(tmap, tlen);
	munmap(smap, slen);
	munmap((void *)bar, 4096);
	return strcmp(result, expect_blocked ? "blocked" : "ok") == 0 ? 0 : 1;
}
