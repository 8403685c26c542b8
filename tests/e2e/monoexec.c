/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * monoexec: print the monotonic clock in microseconds, then become the
 * given command. The test guest's shell has no monotonic clock; smmuman
 * stamps "translation enabled" with the same clock, so the difference is
 * the time from exec to TE.
 *
 *   monoexec COMMAND [ARG]...
 *
 * Prints "MONO <us>" on standard error. Exit status: the command's, or
 * 127 when it cannot be run.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec ts;

	if (argc < 2) {
		fprintf(stderr, "usage: monoexec COMMAND [ARG]...\n");
		return 127;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(stderr, "MONO %lld\n", (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
	execvp(argv[1], argv + 1);
	fprintf(stderr, "monoexec: cannot run %s: %s\n", argv[1], strerror(errno));
	return 127;
}
