/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmuman's log. During start-up every line goes to stderr and to the
 * system log; once start-up is over (log_startup_done), to the system log
 * only, as the seeds specify. The system log is syslog(3) through its
 * socket, or a file named with --log-file for systems without one.
 * Control bytes in a line are written as \ooo (escape.h): a line is one
 * line, whatever a name in it holds.
 */
#ifndef SMMU_LOG_H
#define SMMU_LOG_H

#include <stdbool.h>

enum log_level { LOG_LVL_ERR, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG1, LOG_LVL_DEBUG2 };

/*
 * Opens the system log: socket_path (NULL: /dev/log) through syslog(3),
 * or, if file is not NULL, that file. Returns true if the system log is
 * reachable (slogger2-required depends on it).
 */
bool log_open(const char *ident, const char *socket_path, const char *file);
/*
 * Reopens the --log-file (SIGHUP, after a rotation); the old file stays
 * in use if the new one cannot be opened. Returns false then.
 */
bool log_reopen(void);
void log_set_debug(unsigned level); /* 0, 1, 2 */
void log_startup_done(void);        /* stderr no longer gets lines */
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * The Design Safe State line: "DSS: reason", exactly so at the start of the
 * line on stderr (even after start-up) and in the system log.
 */
void log_dss(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_close(void);

#endif
