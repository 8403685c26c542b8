/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A flattened device tree read up to the end of its used blocks (see
 * readall.h). QEMU gives Linux a tree of 1 MiB of which 8 KiB is used,
 * and sysfs hands /sys/firmware/fdt out 4 KiB a read: reading the free
 * space was 60 of smmuman's first 100 ms in a TCG guest. The header is
 * the tree's own account of where its blocks end. The header is parsed
 * here by hand (no libfdt in util), only to know how much to read; what
 * it says is checked by libfdt on the copy, whose totalsize is set to the
 * bytes read, so a header that lies fails there, never here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/readall.h"

#define FDT_MAGIC	0xd00dfeedu
#define HDR_LEN		40u	/* the version 17 header */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Up to n bytes; fewer only at end of file. -1 with errno on an error. */
static ssize_t read_full(int fd, unsigned char *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/*
 * The end of the used blocks, or 0 when the header does not say it
 * plainly (no v17 header, a reservation map after the blocks): then the
 * whole file is read and libfdt judges it.
 */
static size_t fdt_used_len(const unsigned char *h, size_t n)
{
	uint64_t total, rsv, st_end, str_end, end;

	if (n < HDR_LEN || be32(h) != FDT_MAGIC || be32(h + 20) < 17)
		return 0;
	total = be32(h + 4);
	rsv = be32(h + 16);
	st_end = (uint64_t)be32(h + 8) + be32(h + 36);
	str_end = (uint64_t)be32(h + 12) + be32(h + 32);
	end = st_end > str_end ? st_end : str_end;
	if (end < HDR_LEN || end > total || rsv >= end)
		return 0;
	return (size_t)end;
}

char *read_fdt_max(const char *path, size_t max, size_t *len)
{
	unsigned char h[HDR_LEN];
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;
	ssize_t got, more;
	size_t used;
	char *buf = NULL;

	if (fd < 0)
		return NULL;
	got = read_full(fd, h, sizeof(h));
	if (got < 0)
		goto out;
	used = fdt_used_len(h, (size_t)got);
	if (!used) {
		/* not a tree this reader can size: all of it, for libfdt to judge */
		if (lseek(fd, 0, SEEK_SET) == 0)
			buf = read_all_max(fd, max, len);
		goto out;
	}
	if (used > max) {
		errno = EFBIG;
		goto out;
	}
	buf = malloc(used + 1);
	if (!buf)
		goto out;
	memcpy(buf, h, HDR_LEN);
	more = read_full(fd, (unsigned char *)buf + HDR_LEN, used - HDR_LEN);
	if (more < 0) {
		free(buf);
		buf = NULL;
		goto out;
	}
	*len = HDR_LEN + (size_t)more;
	buf[*len] = '\0';
	/* the copy is the tree: its size is what was read */
	put_be32((unsigned char *)buf + 4, (uint32_t)*len);
out:
	err = errno;
	close(fd);
	errno = err;
	return buf;
}
