/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * output_write: temp file + rename, so that a failure, a full disk or a
 * read-only directory never leaves a truncated policy behind. No fsync, as
 * with cc, ld and dtc: durability across power loss is the image build's
 * one sync at the end, not a disk flush per output.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output.h"

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int output_write(const char *path, const void *data, size_t len)
{
	const char *slash;
	char *tmp;
	size_t dirlen;
	int fd, saved;

	if (strcmp(path, "-") == 0) {
		if (write_all(STDOUT_FILENO, data, len))
			return -1;
		return 0;
	}
	slash = strrchr(path, '/');
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	tmp = malloc(dirlen + sizeof(".smmucc-XXXXXX"));
	if (!tmp)
		return -1;
	memcpy(tmp, path, dirlen);
	memcpy(tmp + dirlen, ".smmucc-XXXXXX", sizeof(".smmucc-XXXXXX"));
	fd = mkstemp(tmp);
	if (fd < 0) {
		saved = errno;
		free(tmp);
		errno = saved;
		return -1;
	}
	/* mkstemp makes 0600; an output file gets the usual umask mode */
	{
		mode_t um = umask(0);

		umask(um);
		if (fchmod(fd, 0666 & ~um))
			goto fail;
	}
	if (write_all(fd, data, len))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path))
		goto fail;
	free(tmp);
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}
