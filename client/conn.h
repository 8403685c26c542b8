/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A connection to smmuman: libsmmu's and smmuctl's one way to the socket.
 * Each call is one request frame and one reply; EVENT frames read while
 * waiting are dropped (the daemon sends one when it queues a
 * transgression, so the socket turns readable). Every call ends within
 * the connection's timeout: a daemon that stops, closes or sends a frame
 * that is not the reply gives an error, never a hang. Not thread-safe:
 * libsmmu holds its lock around each call.
 */
#ifndef SMMU_CLIENT_CONN_H
#define SMMU_CLIENT_CONN_H

#include <stddef.h>
#include <stdint.h>
#include "proto/proto.h"

/* How long a call (or the connect and HELLO) may take. */
#define SMMUC_TIMEOUT_MS 5000

struct smmuc;

/* $SMMUMAN_SOCKET when set and not empty, else SMMU_DEFAULT_SOCKET. */
const char *smmuc_socket_path(void);

/*
 * Connects to path (NULL: smmuc_socket_path()) and says HELLO with want
 * (SMMUP_WANT_*); *hello_ret (may be NULL) is the reply's ret, the
 * daemon's safety status. NULL with errno: the socket's (ENOENT,
 * ECONNREFUSED, EACCES, ENAMETOOLONG), the daemon's refusal (EPERM), or a
 * call's (below).
 */
struct smmuc *smmuc_open(const char *path, uint32_t want, int32_t *hello_ret);

/*
 * Sends req (its seq is the connection's: req->seq is ignored; entries
 * for MAP) and waits for its reply, read into buf (cap bytes, at least
 * SMMUP_HDR_SIZE + 8); rep->body points into buf. 0 when the reply came,
 * whatever its err; -1 with errno: EINVAL, E2BIG (a request the encoder
 * refuses: nothing sent), EMSGSIZE (a reply longer than cap, read and
 * dropped), ENOMEM; or the connection is broken and every later call
 * fails with ENOTCONN: EPIPE (the daemon closed), ECONNRESET, ETIMEDOUT
 * (no reply within the timeout), EPROTO (a frame that is not the reply).
 */
int smmuc_call(struct smmuc *c, const struct smmup_req *req, const struct smmup_entry *entries,
	       struct smmup_reply *rep, void *buf, size_t cap);

/* The socket, for poll(): readable when an EVENT (or a stray frame) waits. */
int smmuc_fd(const struct smmuc *c);
/* A call's bound, in milliseconds (> 0); SMMUC_TIMEOUT_MS until set. */
void smmuc_set_timeout(struct smmuc *c, int ms);
void smmuc_close(struct smmuc *c);

#endif
