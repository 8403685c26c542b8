/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include "util/escape.h"
#include "daemon/log.h"

static struct {
	bool startup;
	bool sys;     /* syslog(3) reachable */
	FILE *file;   /* --log-file instead of syslog */
	const char *path; /* its name, for log_reopen */
	unsigned debug;
	const char *ident;
} lg = { .startup = true, .ident = "smmuman" };

/* syslog(3) says nothing when its socket is missing: probe it ourselves. */
static bool socket_reachable(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd, rc;

	if (strlen(path) >= sizeof(a.sun_path))
		return false;
	strcpy(a.sun_path, path);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	rc = connect(fd, (struct sockaddr *)&a, sizeof(a));
	if (rc < 0 && errno == EPROTOTYPE) {
		close(fd);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		rc = fd < 0 ? -1 : connect(fd, (struct sockaddr *)&a, sizeof(a));
	}
	if (fd >= 0)
		close(fd);
	return rc == 0;
}

bool log_open(const char *ident, const char *socket_path, const char *file)
{
	lg.ident = ident;
	if (file) {
		lg.path = file;
		lg.file = fopen(file, "ae");
		if (lg.file)
			setvbuf(lg.file, NULL, _IOLBF, 0);
		return lg.file != NULL;
	}
	lg.sys = socket_reachable(socket_path ? socket_path : "/dev/log");
	if (lg.sys)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
	return lg.sys;
}

bool log_reopen(void)
{
	FILE *f;

	if (!lg.path)
		return true;
	/* the old file keeps the lines until the new one is open: none is lost */
	f = fopen(lg.path, "ae");
	if (!f)
		return false;
	setvbuf(f, NULL, _IOLBF, 0);
	if (lg.file)
		fclose(lg.file);
	lg.file = f;
	return true;
}

void log_set_debug(unsigned level)
{
	lg.debug = level;
}

void log_startup_done(void)
{
	lg.startup = false;
}

static const char *const words[] = { "error", "warning", "info", "debug", "debug" };
static const int prios[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG, LOG_DEBUG };

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	if (lvl == LOG_LVL_DEBUG1 && lg.debug < 1)
		return;
	if (lvl == LOG_LVL_DEBUG2 && lg.debug < 2)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* one line each, whatever a name let through */
	esc_controls(line, sizeof(line));
	if (lg.startup)
		fprintf(stderr, "%s: %s%s%s\n", lg.ident, lvl == LOG_LVL_INFO ? "" : words[lvl],
			lvl == LOG_LVL_INFO ? "" : ": ", line);
	if (lg.sys)
		syslog(prios[lvl], "%s", line);
	if (lg.file)
		fprintf(lg.file, "%s[%d]: %s: %s\n", lg.ident, (int)getpid(), words[lvl], line);
}

void log_dss(const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	esc_controls(line, sizeof(line));
	/* a DSS is always said on stderr: whoever started us must see it */
	fprintf(stderr, "DSS: %s\n", line);
	if (lg.sys)
		syslog(LOG_CRIT, "DSS: %s", line);
	if (lg.file)
		fprintf(lg.file, "DSS: %s\n", line);
}

void log_close(void)
{
	if (lg.sys)
		closelog();
	if (lg.file)
		fclose(lg.file);
	lg.sys = false;
	lg.file = NULL;
}
