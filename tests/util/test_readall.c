/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit tests for runtime/util/readall.c, the reader smmuman uses for the ACPI
 * DMAR table and the device tree: sources that deliver a few bytes per
 * read() (a pipe fed slowly by a child), the size bound exactly, signals
 * that interrupt a blocked read().
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cu_run.h"
#include "util/readall.h"

/* Byte i of the test content: not periodic in 3, so a lost or doubled chunk shows. */
static char content(size_t i)
{
	return (char)('a' + (i * 7 + i / 251) % 26);
}

/*
 * A pipe whose writer (a child) sends n bytes of content(), chunk bytes per
 * write(), sleeping pause_us after each. Returns the read end.
 */
static int slow_pipe(size_t n, size_t chunk, long pause_us, pid_t *pid)
{
	int p[2];

	if (pipe(p))
		return -1;
	*pid = fork();
	if (*pid < 0)
		return -1;
	if (*pid == 0) {
		struct timespec ts = { 0, pause_us * 1000 };
		char buf[64];

		close(p[0]);
		for (size_t off = 0; off < n; off += chunk) {
			size_t k = n - off < chunk ? n - off : chunk;

			for (size_t i = 0; i < k; i++)
				buf[i] = content(off + i);
			if (write(p[1], buf, k) != (ssize_t)k)
				_exit(1);
			if (pause_us)
				nanosleep(&ts, NULL);
		}
		_exit(0);
	}
	close(p[1]);
	return p[0];
}

static int reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void check_content(const char *buf, size_t len, size_t want)
{
	size_t bad = 0;

	CU_ASSERT_EQUAL_FATAL(len, want);
	for (size_t i = 0; i < len; i++)
		bad += buf[i] != content(i);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(buf[len], '\0');
}

/* Reads slow_pipe(n, chunk, pause_us) under the bound max: exactly its n bytes. */
static void check_piped(size_t n, size_t chunk, long pause_us, size_t max)
{
	size_t len = 12345;
	pid_t pid;
	int fd = slow_pipe(n, chunk, pause_us, &pid);
	char *buf;

	CU_ASSERT_FATAL(fd >= 0);
	buf = read_all_max(fd, max, &len);
	close(fd);
	CU_ASSERT_EQUAL(reap(pid), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	check_content(buf, len, n);
	free(buf);
}

/* 5000 bytes, 3 per write(), every write a pause: over a page, in dribbles. */
static void test_dribble(void)
{
	check_piped(5000, 3, 50, 1 << 20);
}

/* More than the 64 KiB first guess, through a pipe: the buffer grows. */
static void test_grows(void)
{
	check_piped(200000, 64, 0, 200000);
}

/* Exactly max bytes is fine; one more is EFBIG, from a pipe and from a file. */
static void test_bound(void)
{
	static const size_t sizes[] = { 100, 101, 4096, 4097 };
	char path[] = "/tmp/smmu-readall-XXXXXX";
	size_t len;
	char *buf;
	pid_t pid;
	int fd;

	for (size_t k = 0; k < 4; k++) {
		size_t n = sizes[k], max = n & 1 ? n - 1 : n;

		fd = slow_pipe(n, 3, 0, &pid);
		CU_ASSERT_FATAL(fd >= 0);
		errno = 0;
		len = 7;
		buf = read_all_max(fd, max, &len);
		/* the writer may block on a full pipe: let it go */
		close(fd);
		reap(pid);
		if (n == max) {
			CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
			check_content(buf, len, n);
		} else {
			CU_ASSERT_PTR_NULL(buf);
			CU_ASSERT_EQUAL(errno, EFBIG);
			CU_ASSERT_EQUAL(len, 7); /* untouched on failure */
		}
		free(buf);
	}

	/* a regular file: its size is known up front */
	fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	for (size_t i = 0; i < 101; i++) {
		char c = content(i);

		CU_ASSERT_FATAL(write(fd, &c, 1) == 1);
	}
	close(fd);
	buf = read_file_max(path, 101, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	check_content(buf, len, 101);
	free(buf);
	errno = 0;
	CU_ASSERT_PTR_NULL(read_file_max(path, 100, &len));
	CU_ASSERT_EQUAL(errno, EFBIG);
	unlink(path);

	/* empty, with a bound of 0 */
	fd = slow_pipe(0, 3, 0, &pid);
	CU_ASSERT_FATAL(fd >= 0);
	buf = read_all_max(fd, 0, &len);
	close(fd);
	reap(pid);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_EQUAL(buf[0], '\0');
	free(buf);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* A timer signal without SA_RESTART interrupts the blocked read()s: retried. */
static void test_eintr(void)
{
	struct sigaction sa, old;
	struct itimerval it = { { 0, 500 }, { 0, 500 } }, off = { { 0, 0 }, { 0, 0 } };
	size_t len = 0;
	pid_t pid;
	int fd;
	char *buf;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: read() fails with EINTR */
	CU_ASSERT_FATAL(sigaction(SIGALRM, &sa, &old) == 0);
	fd = slow_pipe(600, 3, 2000, &pid);
	CU_ASSERT_FATAL(fd >= 0);
	alarms = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	buf = read_all_max(fd, 1 << 20, &len);
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old, NULL);
	close(fd);
	CU_ASSERT_EQUAL(reap(pid), 0);
	CU_ASSERT(alarms > 10);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	check_content(buf, len, 600);
	free(buf);
}

static void test_errors(void)
{
	size_t len;

	errno = 0;
	CU_ASSERT_PTR_NULL(read_file_max("/nonexistent/smmu-readall", 100, &len));
	CU_ASSERT_EQUAL(errno, ENOENT);
	errno = 0;
	CU_ASSERT_PTR_NULL(read_all_max(-1, 100, &len));
	CU_ASSERT_EQUAL(errno, EBADF);
	/* a directory: read() says EISDIR */
	errno = 0;
	CU_ASSERT_PTR_NULL(read_file_max("/", 100, &len));
	CU_ASSERT_EQUAL(errno, EISDIR);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "3 bytes per write, paused", test_dribble },
		{ "growing past the first guess", test_grows },
		{ "the size bound, exactly", test_bound },
		{ "EINTR is retried", test_eintr },
		{ "errors", test_errors },
	};

	return CU_RUN("readall", cases);
}
