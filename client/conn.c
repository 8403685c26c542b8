/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The connection (conn.h). The socket is non-blocking and every wait is
 * a poll() against one deadline per call, so a daemon that stops reading
 * or writing costs the caller the timeout, not a hang; reads and writes
 * resume after EINTR and short counts. A frame that breaks the stream
 * (EOF, timeout, a reply that is not the one asked for) closes the way
 * for every later call: a late reply must never be taken for the answer
 * to another request.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "client/conn.h"
#include "client/smmu.h"

struct smmuc {
	int fd;
	uint32_t seq;
	int timeout_ms;
	int broken; /* the errno that broke the stream, 0 while it holds */
};

const char *smmuc_socket_path(void)
{
	const char *p = getenv("SMMUMAN_SOCKET");

	return p && *p ? p : SMMU_DEFAULT_SOCKET;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for events on fd until deadline: 0, or -1 with errno (ETIMEDOUT). */
static int wait_fd(int fd, short events, int64_t deadline)
{
	for (;;) {
		struct pollfd p = { fd, events, 0 };
		int64_t left = deadline - now_ms();
		int rc;

		if (left <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		rc = poll(&p, 1, (int)left);
		if (rc > 0)
			return 0; /* POLLHUP, POLLERR: the read or write says which */
		if (rc < 0 && errno != EINTR)
			return -1;
	}
}

static int send_all(int fd, const uint8_t *p, size_t n, int64_t deadline)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);

		if (k > 0) {
			p += k;
			n -= (size_t)k;
		} else if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (wait_fd(fd, POLLOUT, deadline))
				return -1;
		} else if (k < 0 && errno != EINTR) {
			return -1;
		}
	}
	return 0;
}

/* Exactly n bytes; into p, or dropped when p is NULL. EOF is EPIPE. */
static int recv_all(int fd, uint8_t *p, size_t n, int64_t deadline)
{
	uint8_t sink[4096];

	while (n) {
		size_t want = p ? n : n < sizeof(sink) ? n : sizeof(sink);
		ssize_t k = recv(fd, p ? p : sink, want, 0);

		if (k > 0) {
			if (p)
				p += k;
			n -= (size_t)k;
		} else if (k == 0) {
			errno = EPIPE;
			return -1;
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			if (wait_fd(fd, POLLIN, deadline))
				return -1;
		} else if (errno != EINTR) {
			return -1;
		}
	}
	return 0;
}

static int broken(struct smmuc *c, int err)
{
	c->broken = err;
	errno = err;
	return -1;
}

/*
 * One frame into buf: 0 and its size in *n; EMSGSIZE when longer than
 * cap (read to its end and dropped, so the stream holds); EPROTO for a
 * header that is not smmuman's.
 */
static int read_frame(struct smmuc *c, uint8_t *buf, size_t cap, size_t *n, int64_t deadline)
{
	uint32_t len;

	if (recv_all(c->fd, buf, SMMUP_HDR_SIZE, deadline))
		return broken(c, errno);
	if (smmup_frame_len(buf, SMMUP_HDR_SIZE, &len))
		return broken(c, EPROTO);
	if (cap - SMMUP_HDR_SIZE < len) {
		if (recv_all(c->fd, NULL, len, deadline))
			return broken(c, errno);
		errno = EMSGSIZE;
		return -1;
	}
	if (recv_all(c->fd, buf + SMMUP_HDR_SIZE, len, deadline))
		return broken(c, errno);
	*n = SMMUP_HDR_SIZE + len;
	return 0;
}

static int encode_errno(long rc)
{
	return rc == SMMUP_E_COUNT ? E2BIG : rc == SMMUP_E_LEN ? EMSGSIZE : EINVAL;
}

int smmuc_call(struct smmuc *c, const struct smmup_req *req, const struct smmup_entry *entries,
	       struct smmup_reply *rep, void *buf, size_t cap)
{
	int64_t deadline = now_ms() + c->timeout_ms;
	uint8_t small[256], *out = small;
	struct smmup_req q = *req;
	size_t outcap = sizeof(small), n;
	long len;
	int rc;

	if (c->broken) {
		errno = ENOTCONN;
		return -1;
	}
	if (cap < SMMUP_HDR_SIZE + 8) {
		errno = EINVAL;
		return -1;
	}
	/* 0 is the EVENT frame's; a request the encoder refuses uses none */
	q.seq = c->seq == UINT32_MAX ? 1 : c->seq + 1;
	if (q.op == SMMUP_MAP && q.nent <= SMMUP_MAX_ENTRIES &&
	    SMMUP_HDR_SIZE + 24 + 16 * (size_t)q.nent > sizeof(small)) {
		outcap = SMMUP_HDR_SIZE + 24 + 16 * (size_t)q.nent;
		out = malloc(outcap);
		if (!out)
			return -1;
	}
	len = smmup_encode_req(out, outcap, &q, entries);
	if (len < 0) {
		errno = encode_errno(len);
		rc = -1;
	} else {
		c->seq = q.seq;
		rc = send_all(c->fd, out, (size_t)len, deadline) ? broken(c, errno) : 0;
	}
	if (out != small)
		free(out);
	while (!rc) {
		rc = read_frame(c, buf, cap, &n, deadline);
		if (rc)
			break;
		if (smmup_decode_reply(buf, n, rep))
			return broken(c, EPROTO);
		if (rep->op == SMMUP_EVENT)
			continue;
		if (rep->op != q.op || rep->seq != q.seq)
			return broken(c, EPROTO);
		return 0;
	}
	return -1;
}

static int connect_to(int fd, const char *path, int64_t deadline)
{
	struct sockaddr_un sa;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path));
	for (;;) {
		const struct timespec pause = { 0, 10 * 1000 * 1000 };

		if (!connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
			return 0;
		if (errno == EINTR)
			continue;
		/* a full backlog: the daemon is busy, not gone; try until the deadline */
		if (errno != EAGAIN)
			return -1;
		if (now_ms() >= deadline) {
			errno = ETIMEDOUT;
			return -1;
		}
		nanosleep(&pause, NULL);
	}
}

struct smmuc *smmuc_open(const char *path, uint32_t want, int32_t *hello_ret)
{
	struct smmup_req hello = { .op = SMMUP_HELLO, .want = want };
	struct smmup_reply rep;
	uint8_t buf[SMMUP_HDR_SIZE + 8];
	struct smmuc *c = calloc(1, sizeof(*c));
	int err;

	if (!c)
		return NULL;
	c->timeout_ms = SMMUC_TIMEOUT_MS;
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (c->fd >= 0 && !connect_to(c->fd, path ? path : smmuc_socket_path(),
				      now_ms() + c->timeout_ms) &&
	    !smmuc_call(c, &hello, NULL, &rep, buf, sizeof(buf))) {
		if (!rep.err) {
			if (hello_ret)
				*hello_ret = rep.ret;
			return c;
		}
		errno = rep.err;
	}
	err = errno;
	smmuc_close(c);
	errno = err;
	return NULL;
}

int smmuc_fd(const struct smmuc *c)
{
	return c->fd;
}

void smmuc_set_timeout(struct smmuc *c, int ms)
{
	if (ms > 0)
		c->timeout_ms = ms;
}

void smmuc_close(struct smmuc *c)
{
	if (!c)
		return;
	if (c->fd >= 0)
		close(c->fd);
	free(c);
}
