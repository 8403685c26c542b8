/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The client socket: listening, sessions, frames in and out, the peer's
 * credentials, dispatch. What a request does to objects and tables is
 * server_obj.c; what smmuctl reads is server_text.c.
 */
#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "daemon/boot_int.h"
#include "daemon/log.h"
#include "daemon/server_int.h"
#include "util/escape.h"

/* The group's members may attach: the peer's primary or supplementary groups. */
static bool in_group(const struct server *s, int fd, gid_t gid)
{
	gid_t groups[256];
	socklen_t len = sizeof(groups);

	if (!s->has_group)
		return false;
	if (gid == s->group)
		return true;
	/* the groups the peer had when it connected, not what /proc says now */
	if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len))
		return false;
	for (size_t i = 0; i < len / sizeof(gid_t); i++)
		if (groups[i] == s->group)
			return true;
	return false;
}

static void client_free(struct sclient *c)
{
	if (c->fd >= 0)
		close(c->fd);
	free(c->in);
	free(c->out);
	free(c->objs);
	free(c);
}

static void drop(struct server *s, size_t i, const char *why)
{
	struct sclient *c = s->cl[i];

	/* smmuctl and clients that held nothing come and go: debug only */
	log_msg(why ? LOG_LVL_WARN : c->nobjs || c->attach ? LOG_LVL_INFO : LOG_LVL_DEBUG1,
		"client pid %ld uid %ld: %s", (long)c->pid, (long)c->uid,
		why ? why : "disconnected");
	srv_client_release(s, c);
	client_free(c);
	s->cl[i] = s->cl[--s->ncl];
}

static void accept_one(struct server *s)
{
	struct ucred cr;
	socklen_t len = sizeof(cr);
	struct sclient *c;
	int fd = accept4(s->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (fd < 0)
		return;
	if (s->ncl == SRV_MAX_CLIENTS || getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len)) {
		log_msg(LOG_LVL_WARN, "client refused: %s", s->ncl == SRV_MAX_CLIENTS
			? "too many clients (64)" : "no peer credentials");
		close(fd);
		return;
	}
	if (!(c = calloc(1, sizeof(*c)))) {
		close(fd);
		return;
	}
	c->fd = fd;
	c->pid = cr.pid;
	c->uid = cr.uid;
	c->gid = cr.gid;
	c->may_target = cr.uid == 0;
	c->may_attach = cr.uid == 0 || in_group(s, fd, cr.gid);
	c->may_read = c->may_attach;
	c->next_id = 1;
	s->cl[s->ncl++] = c;
	log_msg(LOG_LVL_DEBUG1, "client pid %ld uid %ld connected%s", (long)cr.pid,
		(long)cr.uid, c->may_read ? "" : " (not permitted: every request EPERM)");
}

/* Queues a frame for c and sends what the socket takes now. -1: drop it. */
static int send_frame(struct sclient *c, const uint8_t *f, size_t n)
{
	if (c->outlen - c->outoff + n > SRV_OUT_MAX)
		return -1;
	if (c->outoff && c->outoff == c->outlen)
		c->outoff = c->outlen = 0;
	if (c->outlen + n > c->outcap) {
		size_t cap = c->outlen + n + 4096;
		uint8_t *p = realloc(c->out, cap);

		if (!p)
			return -1;
		c->out = p;
		c->outcap = cap;
	}
	if (n)
		memcpy(c->out + c->outlen, f, n);
	c->outlen += n;
	while (c->outoff < c->outlen) {
		ssize_t w = send(c->fd, c->out + c->outoff, c->outlen - c->outoff,
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (w <= 0)
			return -1;
		c->outoff += (size_t)w;
	}
	return 0;
}

static int reply(struct server *s, struct sclient *c, uint16_t op, uint32_t seq, int rc,
		 uint32_t body_len)
{
	static uint8_t frame[SMMUP_HDR_SIZE + SMMUP_MAX_PAYLOAD];
	long n = smmup_encode_reply(frame, sizeof(frame), op, seq, rc < 0 ? -rc : 0,
				    rc < 0 ? 0 : rc, rc < 0 ? NULL : s->reply,
				    rc < 0 ? 0 : body_len);

	return n < 0 ? -1 : send_frame(c, frame, (size_t)n);
}

/*
 * Tells c that transgressions are queued: one EVENT when its queue turns
 * non-empty, so a client that never pops gets one, and its socket holds
 * at most one unread EVENT per time it emptied the queue.
 */
static void event(struct sclient *c)
{
	uint8_t f[SMMUP_HDR_SIZE + 8];
	long n = smmup_encode_reply(f, sizeof(f), SMMUP_EVENT, 0, 0, 0, NULL, 0);

	if (n > 0)
		send_frame(c, f, (size_t)n);
}

static void notify(struct sclient *c)
{
	union sigval v;

	if (!c->notify)
		return;
	c->notify = false; /* one-shot, as the seeds' smmu_xfer_notify */
	if (c->notify_kind != SMMUP_NOTIFY_SIGNAL)
		return;
	v.sival_ptr = (void *)(uintptr_t)c->value;
	if (sigqueue(c->pid, c->signo, v))
		log_msg(LOG_LVL_WARN, "client pid %ld: cannot signal it (%s)", (long)c->pid,
			strerror(errno));
}

/* Pops the oldest transgression of c into s->reply: 1, or 0 when none is queued. */
static int pop_status(struct server *s, struct sclient *c)
{
	struct smmup_status st;

	if (!c->count)
		return 0;
	st = c->ring[c->head];
	c->head = (c->head + 1) % SRV_RING;
	c->count--;
	smmup_put_status(s->reply, &st);
	return 1;
}

static int safety_status(const struct server *s)
{
	return s->b->safe ? 0xffff : 0; /* SMMUMAN_SAFETY_YES, _NO */
}

/* One request of c: its reply queued. -1: drop the client (why set). */
static int serve_req(struct server *s, struct sclient *c, const char **why)
{
	struct smmup_req r;
	uint32_t blen = 0;
	int rc = smmup_decode_req(c->in, SMMUP_HDR_SIZE + c->inlen, &r);

	c->requests++;
	*why = "its replies are not read";
	if (rc == SMMUP_E_OP) {
		/* no reply frame can carry an op nobody defined */
		*why = "a request of an unknown op";
		return -1;
	}
	if (rc) {
		/* the header held (its length was read): say so, and go on */
		log_msg(LOG_LVL_DEBUG1, "client pid %ld: bad request: %s", (long)c->pid,
			smmup_strerror(rc));
		return reply(s, c, (uint16_t)((c->in[6] | c->in[7] << 8) & 0x7fff),
			     (uint32_t)c->in[8] | (uint32_t)c->in[9] << 8 |
				     (uint32_t)c->in[10] << 16 | (uint32_t)c->in[11] << 24,
			     -EINVAL, 0);
	}
	if (!c->may_read)
		return reply(s, c, r.op, r.seq, -EPERM, 0);
	if (r.op == SMMUP_HELLO) {
		if (r.want == SMMUP_WANT_ATTACH && !c->may_attach)
			return reply(s, c, r.op, r.seq, -EPERM, 0);
		c->hello = true;
		c->attach = r.want == SMMUP_WANT_ATTACH;
		return reply(s, c, r.op, r.seq, safety_status(s), 0);
	}
	if (!c->hello)
		return reply(s, c, r.op, r.seq, -EPROTO, 0);
	switch (r.op) {
	case SMMUP_SAFETY:
		rc = safety_status(s);
		break;
	case SMMUP_STATUS:
		blen = srv_status_text(s, r.format);
		break;
	case SMMUP_FAULTS:
		blen = srv_faults_text(s, r.format);
		break;
	case SMMUP_PROBE:
		rc = srv_probe(s, &r, &blen);
		break;
	default:
		if (!c->attach)
			return reply(s, c, r.op, r.seq, -EPERM, 0);
		switch (r.op) {
		case SMMUP_OBJ_CREATE:
			rc = srv_obj_create(s, c, r.flags);
			break;
		case SMMUP_OBJ_DESTROY:
			rc = srv_obj_destroy(s, c, r.obj);
			break;
		case SMMUP_DEV_ADD:
			rc = srv_dev_add(s, c, r.obj, &r.devid);
			break;
		case SMMUP_RESERVED:
			rc = srv_reserved(s, &r.devid, r.offset, r.max, s->reply, &blen);
			break;
		case SMMUP_MAP:
			rc = srv_map(s, c, &r);
			break;
		case SMMUP_XFER_STATUS:
			rc = pop_status(s, c);
			blen = rc ? SMMUP_STATUS_SIZE : 0;
			break;
		case SMMUP_XFER_NOTIFY:
			if (r.kind == SMMUP_NOTIFY_SIGNAL && (r.signo <= 0 || r.signo >= NSIG)) {
				rc = -EINVAL;
				break;
			}
			c->notify = true;
			c->notify_kind = r.kind;
			c->signo = r.signo;
			c->value = r.value;
			rc = 0;
			if (c->count)
				notify(c);
			break;
		default:
			rc = -ENOSYS;
		}
	}
	return reply(s, c, r.op, r.seq, rc, blen);
}

/* Reads what c sent; serves a whole frame. -1: drop the client (why set). */
static int client_read(struct server *s, struct sclient *c, const char **why)
{
	for (;;) {
		size_t want = c->got < SMMUP_HDR_SIZE ? SMMUP_HDR_SIZE : SMMUP_HDR_SIZE + c->inlen;
		uint8_t *dst = c->got < SMMUP_HDR_SIZE ? c->hdr + c->got : c->in + c->got;
		ssize_t n = recv(c->fd, dst, want - c->got, MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n <= 0) {
			*why = c->got ? "disconnected in the middle of a request" : NULL;
			return -1;
		}
		c->got += (size_t)n;
		if (c->got == SMMUP_HDR_SIZE && !c->in) {
			int rc = smmup_frame_len(c->hdr, SMMUP_HDR_SIZE, &c->inlen);

			if (rc) {
				*why = smmup_strerror(rc);
				return -1;
			}
			if (!(c->in = malloc(SMMUP_HDR_SIZE + c->inlen))) {
				*why = "out of memory";
				return -1;
			}
			memcpy(c->in, c->hdr, SMMUP_HDR_SIZE);
		}
		if (c->in && c->got == SMMUP_HDR_SIZE + c->inlen) {
			int rc = serve_req(s, c, why);

			free(c->in);
			c->in = NULL;
			c->got = 0;
			if (rc)
				return -1;
			return 0; /* one request a turn: the others go on */
		}
	}
}

void server_serve(struct boot *b, int ms)
{
	struct server *s = b->srv;
	struct pollfd pfd[SRV_MAX_CLIENTS + 1];
	size_t n;

	if (!s) {
		struct timespec nap = { ms / 1000, (long)(ms % 1000) * 1000000L };

		nanosleep(&nap, NULL);
		return;
	}
	pfd[0] = (struct pollfd){ .fd = s->lfd, .events = POLLIN };
	for (n = 0; n < s->ncl; n++) {
		struct sclient *c = s->cl[n];

		/* a client whose reply is unsent is not read: it holds up only itself */
		pfd[n + 1] = (struct pollfd){ .fd = c->fd,
					      .events = c->outoff < c->outlen ? POLLOUT : POLLIN };
	}
	if (poll(pfd, n + 1, ms) <= 0)
		return;
	for (size_t i = n; i-- > 0;) {
		struct sclient *c = s->cl[i];
		const char *why = NULL;
		int rc = 0;

		if (pfd[i + 1].revents & POLLOUT)
			rc = send_frame(c, NULL, 0);
		else if (pfd[i + 1].revents & (POLLIN | POLLHUP | POLLERR))
			rc = client_read(s, c, &why);
		if (rc)
			drop(s, i, why);
		if (s->fatal)
			return;
	}
	if (pfd[0].revents & POLLIN)
		accept_one(s);
}

int server_fatal(const struct boot *b)
{
	return b->srv ? b->srv->fatal : 0;
}

void server_fault(struct boot *b, int unit, const struct iommu_fault *f, const char *text)
{
	struct server *s = b->srv;
	struct sfault *sf;
	struct sclient *c;
	struct sdev *d;

	if (!s)
		return;
	c = srv_owner(s, (size_t)unit, f->sid, &d, NULL);
	sf = &s->faults[(s->fhead + s->fcount) % SRV_FAULT_LOG];
	if (s->fcount == SRV_FAULT_LOG)
		s->fhead = (s->fhead + 1) % SRV_FAULT_LOG;
	else
		s->fcount++;
	s->nfaults++;
	*sf = (struct sfault){ .unit = unit, .f = *f, .owner = c ? c->pid : 0 };
	sf->f.reason_text = NULL;
	snprintf(sf->text, sizeof(sf->text), "%s", text);
	if (!c)
		return;
	c->faults++;
	if (c->count == SRV_RING) {
		/* the oldest goes; the next record popped says records were lost */
		c->head = (c->head + 1) % SRV_RING;
		c->count--;
		c->dropped = true;
	}
	c->ring[(c->head + c->count) % SRV_RING] = (struct smmup_status){
		.hw_specific = f->reason,
		.fault_addr = f->addr,
		.devid = d->id,
		.flags = c->dropped ? 0x80000000u : 0, /* SSF_DROPPED_FAULTS */
	};
	c->dropped = false;
	if (!c->count++)
		event(c);
	notify(c);
}

/* The socket's directory: /run/smmuman is made if missing, nothing else. */
static void make_dir(const char *path)
{
	char dir[108];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return;
	*slash = 0;
	if (mkdir(dir, 0755) && errno != EEXIST)
		log_msg(LOG_LVL_WARN, "cannot make %s: %s", dir, strerror(errno));
}

/* Binds the socket: a stale one (nobody answers) is replaced, a live one left alone. */
static int listen_on(struct server *s, const char *path, char *why, size_t whylen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st;
	mode_t old;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(why, whylen, "the path is longer than %zu bytes", sizeof(sa.sun_path) - 1);
		return -1;
	}
	strcpy(sa.sun_path, path);
	make_dir(path);
	if (!lstat(path, &st)) {
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

		if (!S_ISSOCK(st.st_mode)) {
			snprintf(why, whylen, "it exists and is not a socket");
			close(fd);
			return -1;
		}
		if (fd >= 0 && !connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
			snprintf(why, whylen, "another smmuman serves it");
			close(fd);
			return -1;
		}
		close(fd);
		unlink(path);
	}
	s->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->lfd < 0) {
		snprintf(why, whylen, "%s", strerror(errno));
		return -1;
	}
	/* anyone may connect: the daemon answers EPERM by credentials (SO_PEERCRED) */
	old = umask(0111);
	if (bind(s->lfd, (struct sockaddr *)&sa, sizeof(sa)) || listen(s->lfd, 16)) {
		snprintf(why, whylen, "%s", strerror(errno));
		umask(old);
		close(s->lfd);
		s->lfd = -1;
		return -1;
	}
	umask(old);
	snprintf(s->path, sizeof(s->path), "%s", path);
	return 0;
}

/* The pool: grow-heap when the policy sets it, else what the tables leave. */
static void pool_range(const struct boot *b, uint64_t *off, uint64_t *len)
{
	const struct smmub_settings *st = smmub_settings(&b->v);
	uint64_t size = b->units[0].io.table_size;
	uint64_t first = (b->pool_first + 4095) & ~4095ull;

	if (smmub_le32(st->flags) & SMMUB_SET_GROW_HEAP)
		first = (size - smmub_le64(st->grow_heap) + 4095) & ~4095ull;
	*off = first < size ? first : size;
	*len = size - *off;
}

int server_open(struct boot *b)
{
	struct server *s;
	const char *path = b->o.socket;
	char why[256], name[4 * sizeof(s->path)];

	if (!path)
		return 0;
	if (!(s = calloc(1, sizeof(*s))) || !(s->reply = malloc(SMMUP_MAX_PAYLOAD))) {
		free(s);
		log_msg(LOG_LVL_ERR, "clients: out of memory: none can attach");
		return 0;
	}
	s->b = b;
	s->lfd = -1;
	if (b->o.client_group) {
		struct group *g = getgrnam(b->o.client_group);

		if (!g) {
			log_msg(LOG_LVL_ERR, "--client-group %s: no such group: only root may attach",
				esc_str(b->o.client_group, name, sizeof(name)));
		} else {
			s->group = g->gr_gid;
			s->has_group = true;
		}
	}
	if (listen_on(s, path, why, sizeof(why))) {
		log_msg(LOG_LVL_ERR, "cannot serve clients on %s: %s; translation stays on "
			"with the policy, no client can attach", esc_str(path, name, sizeof(name)),
			why);
		free(s->reply);
		free(s);
		return 0;
	}
	s->ops = b->arch->live;
	if (!s->ops) {
		snprintf(s->live_why, sizeof(s->live_why), "the %s architecture has no live updates",
			 b->arch->name);
	} else {
		struct iommu_live_in in = { .units = b->units, .nunits = (size_t)b->nunits,
					    .shared_table_memory = b->be->shared_table_memory,
					    .v = &b->v, .args = &b->o.args, .be = b->be };
		int rc;

		pool_range(b, &in.pool_off, &in.pool_len);
		rc = s->ops->open(&in, &s->live, s->live_why, sizeof(s->live_why));
		if (rc) {
			s->live = NULL;
		} else {
			s->ngroups = (size_t)b->nunits;
			log_msg(LOG_LVL_DEBUG1, "clients: %llu KiB of table memory for their tables",
				(unsigned long long)(in.pool_len >> 10));
		}
	}
	if (!s->live)
		log_msg(LOG_LVL_WARN, "clients cannot attach devices: %s", s->live_why);
	log_msg(LOG_LVL_DEBUG1, "serving clients on %s", esc_str(path, name, sizeof(name)));
	b->srv = s;
	return 0;
}

void server_close(struct boot *b)
{
	struct server *s = b->srv;

	if (!s)
		return;
	while (s->ncl)
		drop(s, s->ncl - 1, NULL);
	if (s->live)
		s->ops->close(s->live);
	if (s->lfd >= 0) {
		close(s->lfd);
		unlink(s->path);
	}
	free(s->reply);
	free(s);
	b->srv = NULL;
}
