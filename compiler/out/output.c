/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * output_write: temp file + rename, so that a failure, a full disk or a
 * read-only directory never leaves a truncated policy behind. No fsync, as
 * with cc, ld and dtc: durability across power loss is the image build's
 * one sync at the end, not a disk flush per output.
 *
 * Only a regular file is replaced that way. A rename over anything else
 * would swap it for a regular file: /dev/null as root, a FIFO a build
 * reads from. Those are written through, as cc's open() would. A symlink
 * is followed, so the link stays and its target gets the content.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "out/output.h"

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

/*
 * A new file at path through a temp file in its directory; old (NULL: no
 * file there) is the regular file it replaces, whose mode, and owner when
 * we may set it, the new one keeps.
 */
static int replace(const char *path, const struct stat *old, const void *data, size_t len)
{
	const char *slash;
	char *tmp;
	size_t dirlen;
	int fd, saved;

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
	if (old) {
		/* owner first: chown clears the set-id bits the mode may carry */
		if (geteuid() == 0 && fchown(fd, old->st_uid, old->st_gid))
			goto fail;
		if (fchmod(fd, old->st_mode & 07777))
			goto fail;
	} else {
		/* mkstemp makes 0600; a new output file gets the usual umask mode */
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

int output_write(const char *path, const void *data, size_t len)
{
	char *target = NULL;
	struct stat st;
	int fd, rc, saved;

	if (strcmp(path, "-") == 0) {
		if (write_all(STDOUT_FILENO, data, len))
			return -1;
		return 0;
	}
	if (lstat(path, &st)) {
		if (errno != ENOENT)
			return -1;
		return replace(path, NULL, data, len);
	}
	if (S_ISLNK(st.st_mode)) {
		/* the end of the chain; a dangling link names nothing to write */
		target = realpath(path, NULL);
		if (!target || stat(target, &st)) {
			saved = errno;
			free(target);
			errno = saved;
			return -1;
		}
		path = target;
	}
	if (S_ISDIR(st.st_mode)) {
		free(target);
		errno = EISDIR;
		return -1;
	}
	if (S_ISREG(st.st_mode)) {
		rc = replace(path, &st, data, len);
	} else {
		/* a device or FIFO: no O_CREAT, no O_TRUNC; a socket fails (ENXIO) */
		fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		rc = fd < 0 || write_all(fd, data, len) ? -1 : 0;
		saved = errno;
		if (fd >= 0 && close(fd) && !rc) {
			rc = -1;
			saved = errno;
		}
		errno = saved;
	}
	saved = errno;
	free(target);
	errno = saved;
	return rc;
}

char *output_string(int (*fn)(const struct smmub_view *v, FILE *out),
		    const struct smmub_view *v, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		return NULL;
	if (fn(v, f) | fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}
