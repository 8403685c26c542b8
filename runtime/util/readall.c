/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/readall.h"

char *read_all_max(int fd, size_t max, size_t *len)
{
	struct stat st;
	size_t cap = 65536, n = 0;
	char *buf, *nb;

	/* a regular file's size is a good first guess; sysfs sizes are not */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size < max)
		cap = (size_t)st.st_size + 1;
	if (cap > max + 1)
		cap = max + 1;
	buf = malloc(cap);
	if (!buf)
		return NULL;
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			if (n >= max) {
				/* one byte more than allowed proves the file too long */
				char probe;

				do
					r = read(fd, &probe, 1);
				while (r < 0 && errno == EINTR);
				if (r == 0)
					break;
				errno = r < 0 ? errno : EFBIG;
				goto fail;
			}
			cap = cap > max / 2 ? max + 1 : cap * 2;
			nb = realloc(buf, cap);
			if (!nb)
				goto fail;
			buf = nb;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	free(buf);
	return NULL;
}

char *read_file_max(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;
	char *buf;

	if (fd < 0)
		return NULL;
	buf = read_all_max(fd, max, len);
	err = errno;
	close(fd);
	errno = err;
	return buf;
}
