/* SPDX-License-Identifier: BSD-2-Clause */
/* The fake smmuman of tests/client (fake_server.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "client/fake_server.h"

struct fake fk = { .mu = PTHREAD_MUTEX_INITIALIZER };

static int lfd = -1;
static pthread_t thread;
static char dir[64], path[96];
static uint8_t out[SMMUP_HDR_SIZE + 8 + 2048 * 16];

static int read_n(int fd, uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = read(fd, p, n);

		if (k <= 0 && !(k < 0 && errno == EINTR))
			return -1;
		if (k > 0) {
			p += k;
			n -= (size_t)k;
		}
	}
	return 0;
}

static void write_n(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;
		p += k;
		n -= (size_t)k;
	}
}

static void event(int fd)
{
	uint8_t ev[SMMUP_HDR_SIZE];

	smmup_encode_reply(ev, sizeof(ev), SMMUP_EVENT, 0, 0, 0, NULL, 0);
	write_n(fd, ev, sizeof(ev));
}

/* The normal reply to a decoded request, into out: its length. */
static long answer(const struct smmup_req *r)
{
	static uint8_t body[2048 * 16];
	static int32_t next_id = 7;
	uint32_t n = 0, left;
	int32_t ret = 0;

	if (fk.err)
		return smmup_encode_reply(out, sizeof(out), r->op, r->seq, fk.err, 0, NULL, 0);
	switch (r->op) {
	case SMMUP_HELLO:
	case SMMUP_SAFETY:
		ret = 0xffff;
		break;
	case SMMUP_OBJ_CREATE:
		ret = next_id++;
		break;
	case SMMUP_DEV_ADD:
		ret = fk.ret;
		break;
	case SMMUP_RESERVED:
		left = r->offset < fk.nresv ? fk.nresv - r->offset : 0;
		n = (left < r->max ? left : r->max) + fk.resv_extra;
		for (uint32_t i = 0; i < n && i < 2048; i++) {
			struct smmup_entry e = { 0x80000000u + 0x10000u * (r->offset + i),
						 0x1000u * (r->offset + i + 1) };

			smmup_put_entry(body + 16 * i, &e);
		}
		ret = (int32_t)left;
		n *= 16;
		break;
	case SMMUP_XFER_STATUS:
		if (fk.status_queued) {
			smmup_put_status(body, &fk.status);
			fk.status_queued = false;
			ret = 1;
			n = SMMUP_STATUS_SIZE;
		}
		break;
	}
	return smmup_encode_reply(out, sizeof(out), r->op, r->seq, 0, ret, body, n);
}

/* One client until it goes, or until a mode says close. */
static void serve_conn(int fd)
{
	for (;;) {
		struct smmup_req r;
		enum fake_mode mode = FAKE_NORMAL;
		int events = 0;
		bool after = false;
		uint32_t len;
		long n;

		if (read_n(fd, fk.last, SMMUP_HDR_SIZE) ||
		    smmup_frame_len(fk.last, SMMUP_HDR_SIZE, &len) ||
		    read_n(fd, fk.last + SMMUP_HDR_SIZE, len))
			return;
		pthread_mutex_lock(&fk.mu);
		fk.last_n = SMMUP_HDR_SIZE + len;
		fk.nreq++;
		if (smmup_decode_req(fk.last, fk.last_n, &r)) {
			fk.bad++;
			pthread_mutex_unlock(&fk.mu);
			return;
		}
		if (r.seq != fk.next_seq)
			fk.bad_seq++;
		fk.next_seq = r.seq + 1;
		if (r.op == SMMUP_HELLO) {
			memcpy(fk.hello, fk.last, fk.last_n);
			fk.hello_n = fk.last_n;
			n = fk.hello_err ? smmup_encode_reply(out, sizeof(out), r.op, r.seq,
							      fk.hello_err, 0, NULL, 0)
					 : answer(&r);
		} else {
			mode = fk.mode;
			events = fk.events_before;
			after = fk.event_after;
			n = answer(&r);
			fk.mode = FAKE_NORMAL;
			fk.err = fk.ret = 0;
			fk.events_before = 0;
			fk.event_after = false;
			fk.resv_extra = 0;
		}
		pthread_mutex_unlock(&fk.mu);
		while (events-- > 0)
			event(fd);
		if (mode == FAKE_WRONG_SEQ)
			out[8]++;
		if (mode == FAKE_BIG) {
			static uint8_t big[SMMUP_HDR_SIZE + 1000];

			memcpy(big, out, SMMUP_HDR_SIZE);
			big[12] = 1000 & 0xff;
			big[13] = 1000 >> 8;
			write_n(fd, big, sizeof(big));
			continue;
		}
		if (mode == FAKE_CLOSE_MID)
			write_n(fd, out, 10);
		if (mode == FAKE_CLOSE || mode == FAKE_CLOSE_MID)
			return;
		if (mode == FAKE_STALL) {
			uint8_t sink[64];

			while (read(fd, sink, sizeof(sink)) > 0)
				;
			return;
		}
		for (long i = 0; mode == FAKE_DRIP && i < n; i++) {
			const struct timespec ts = { 0, 200 * 1000 };

			write_n(fd, out + i, 1);
			nanosleep(&ts, NULL);
		}
		if (mode != FAKE_DRIP && n > 0)
			write_n(fd, out, (size_t)n);
		if (after)
			event(fd);
	}
}

static void *serve(void *arg)
{
	(void)arg;
	for (;;) {
		int fd = accept(lfd, NULL, NULL);

		if (fd < 0 && errno == EINTR)
			continue;
		if (fd < 0)
			return NULL;
		pthread_mutex_lock(&fk.mu);
		fk.next_seq = 1;
		pthread_mutex_unlock(&fk.mu);
		serve_conn(fd);
		close(fd);
	}
}

int fake_start(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	snprintf(dir, sizeof(dir), "%s", "/tmp/test_libsmmu.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/smmuman.sock", dir);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) || listen(lfd, 4) ||
	    setenv("SMMUMAN_SOCKET", path, 1))
		return -1;
	return pthread_create(&thread, NULL, serve, NULL) ? -1 : 0;
}

void fake_stop(void)
{
	shutdown(lfd, SHUT_RDWR);
	pthread_join(thread, NULL);
	close(lfd);
	unlink(path);
	rmdir(dir);
}

void fake_reset(void)
{
	pthread_mutex_lock(&fk.mu);
	fk.mode = FAKE_NORMAL;
	fk.err = fk.ret = fk.hello_err = 0;
	fk.events_before = 0;
	fk.event_after = false;
	fk.status_queued = false;
	fk.resv_extra = 0;
	pthread_mutex_unlock(&fk.mu);
}
