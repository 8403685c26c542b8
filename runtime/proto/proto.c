/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The client wire format (proto.h; schemas/smmu-proto.md is its prose).
 *
 * One rule set per direction, used by the decoder on hostile bytes and by
 * the encoder before it writes: whatever the encoder produces the decoder
 * accepts, and what the decoder refuses the encoder refuses too, so
 * neither end can put a frame on the wire the other must reject.
 * Nothing here allocates or keeps state; a MAP's count is compared with
 * the bytes present by division, never multiplied first.
 */
#include <string.h>
#include "proto/proto.h"
#include "util/le.h"

/* Highest signal number a Linux kernel delivers (_NSIG - 1). */
#define SIGNO_MAX 64
/* Highest errno a reply carries: the kernel's error range. */
#define ERRNO_MAX 4095

/* Payload bytes of each request op (MAP: its fixed part, before entries). */
static const uint32_t req_size[SMMUP_NOPS] = {
	[SMMUP_HELLO] = 4,
	[SMMUP_OBJ_CREATE] = 4,
	[SMMUP_OBJ_DESTROY] = 4,
	[SMMUP_DEV_ADD] = 4 + SMMUP_DEVID_SIZE,
	[SMMUP_RESERVED] = SMMUP_DEVID_SIZE + 8,
	[SMMUP_MAP] = 24,
	[SMMUP_XFER_STATUS] = 0,
	[SMMUP_XFER_NOTIFY] = 16,
	[SMMUP_SAFETY] = 0,
	[SMMUP_STATUS] = 4,
	[SMMUP_FAULTS] = 4,
	[SMMUP_PROBE] = SMMUP_DEVID_SIZE + 16,
};

static const char *const err_text[] = {
	[0] = "success",
	[-SMMUP_E_SHORT] = "frame shorter than its header or its length",
	[-SMMUP_E_MAGIC] = "not a smmuman frame (bad magic)",
	[-SMMUP_E_VERSION] = "unsupported protocol version",
	[-SMMUP_E_OP] = "unknown operation, or a reply where a request belongs",
	[-SMMUP_E_LEN] = "payload length wrong for the operation",
	[-SMMUP_E_COUNT] = "count beyond what the payload holds",
	[-SMMUP_E_VALUE] = "field value out of range",
};

const char *smmup_strerror(int err)
{
	if (err > 0 || err <= -(int)(sizeof(err_text) / sizeof(err_text[0])))
		return "unknown protocol error";
	return err_text[-err];
}

static bool is_request(uint32_t op)
{
	return op >= SMMUP_HELLO && op < SMMUP_EVENT;
}

/*
 * A devid is the seeds' union, little-endian, cut to 24 bytes: type at 0;
 * PCI bus, dev, func at 4, 8, 12; MMIO length at 4 and phys at 8; bytes
 * 16..23 reserved, zero. So only the fields of its type are on the wire.
 */
static void put_devid(uint8_t *p, const struct smmup_devid *d)
{
	memset(p, 0, SMMUP_DEVID_SIZE);
	le32_put(p, d->type);
	if (d->type == 1) {
		le32_put(p + 4, d->length);
		le64_put(p + 8, d->phys);
	} else {
		le32_put(p + 4, d->bus);
		le32_put(p + 8, d->dev);
		le32_put(p + 12, d->func);
	}
}

static int get_devid(const uint8_t *p, struct smmup_devid *d)
{
	memset(d, 0, sizeof(*d));
	d->type = le32_get(p);
	if (d->type == 1) {
		d->length = le32_get(p + 4);
		d->phys = le64_get(p + 8);
	} else {
		d->bus = le32_get(p + 4);
		d->dev = le32_get(p + 8);
		d->func = le32_get(p + 12);
	}
	return d->type > 1 || le64_get(p + 16) ? SMMUP_E_VALUE : 0;
}

/* The request rules on decoded fields: the decoder's and the encoder's. */
static int check_req(const struct smmup_req *r)
{
	switch (r->op) {
	case SMMUP_HELLO:
		return r->want > SMMUP_WANT_ATTACH ? SMMUP_E_VALUE : 0;
	case SMMUP_OBJ_CREATE:
		return r->flags & ~SMMUP_SOCF_ALL ? SMMUP_E_VALUE : 0;
	case SMMUP_DEV_ADD:
		return r->devid.type > 1 ? SMMUP_E_VALUE : 0;
	case SMMUP_RESERVED:
		if (r->devid.type > 1)
			return SMMUP_E_VALUE;
		return r->max > SMMUP_MAX_RESV ? SMMUP_E_COUNT : 0;
	case SMMUP_MAP:
		if (r->nent > SMMUP_MAX_ENTRIES)
			return SMMUP_E_COUNT;
		return r->flags & ~SMMUP_SMF_ALL ? SMMUP_E_VALUE : 0;
	case SMMUP_XFER_NOTIFY:
		if (r->kind == SMMUP_NOTIFY_NONE)
			return r->signo || r->value ? SMMUP_E_VALUE : 0;
		if (r->kind == SMMUP_NOTIFY_SIGNAL)
			return r->signo < 1 || r->signo > SIGNO_MAX ? SMMUP_E_VALUE : 0;
		return SMMUP_E_VALUE;
	case SMMUP_PROBE:
		if (r->devid.type > 1)
			return SMMUP_E_VALUE;
		/* fall through */
	case SMMUP_STATUS:
	case SMMUP_FAULTS:
		return r->format > SMMUP_FMT_JSON ? SMMUP_E_VALUE : 0;
	default:
		return 0;
	}
}

int smmup_frame_len(const uint8_t *buf, size_t n, uint32_t *len)
{
	uint32_t l;

	if (n < SMMUP_HDR_SIZE)
		return SMMUP_E_SHORT;
	if (le32_get(buf) != SMMUP_MAGIC)
		return SMMUP_E_MAGIC;
	if (le16_get(buf + 4) != SMMUP_VERSION)
		return SMMUP_E_VERSION;
	l = le32_get(buf + 12);
	if (l > SMMUP_MAX_PAYLOAD)
		return SMMUP_E_LEN;
	*len = l;
	return 0;
}

/* A whole frame: its header right and exactly its len bytes after it. */
static int frame_whole(const uint8_t *buf, size_t n, uint32_t *len)
{
	int rc = smmup_frame_len(buf, n, len);

	if (rc)
		return rc;
	if (n - SMMUP_HDR_SIZE < *len)
		return SMMUP_E_SHORT;
	return n - SMMUP_HDR_SIZE > *len ? SMMUP_E_LEN : 0;
}

/* A MAP's payload: its count against the bytes after the fixed part. */
static int map_len(uint32_t len, uint32_t nent)
{
	uint32_t room;

	if (len < req_size[SMMUP_MAP])
		return SMMUP_E_LEN;
	room = len - req_size[SMMUP_MAP];
	if (nent > room / 16)
		return SMMUP_E_COUNT;
	return nent < room / 16 || room % 16 ? SMMUP_E_LEN : 0;
}

int smmup_decode_req(const uint8_t *buf, size_t n, struct smmup_req *r)
{
	struct smmup_req q;
	const uint8_t *p = buf + SMMUP_HDR_SIZE;
	uint32_t len;
	int rc = frame_whole(buf, n, &len);

	if (rc)
		return rc;
	memset(&q, 0, sizeof(q));
	q.op = le16_get(buf + 6);
	q.seq = le32_get(buf + 8);
	if (!is_request(q.op))
		return SMMUP_E_OP;
	if (q.op == SMMUP_MAP) {
		rc = map_len(len, len >= 16 ? le32_get(p + 12) : 0);
		if (rc)
			return rc;
	} else if (len != req_size[q.op]) {
		return SMMUP_E_LEN;
	}
	switch (q.op) {
	case SMMUP_HELLO:
		q.want = le32_get(p);
		break;
	case SMMUP_OBJ_CREATE:
		q.flags = le32_get(p);
		break;
	case SMMUP_OBJ_DESTROY:
		q.obj = le32_get(p);
		break;
	case SMMUP_DEV_ADD:
		q.obj = le32_get(p);
		rc = get_devid(p + 4, &q.devid);
		break;
	case SMMUP_RESERVED:
		rc = get_devid(p, &q.devid);
		q.offset = le32_get(p + 24);
		q.max = le32_get(p + 28);
		break;
	case SMMUP_MAP:
		q.obj = le32_get(p);
		q.flags = le32_get(p + 4);
		q.pid = le32_get(p + 8);
		q.nent = le32_get(p + 12);
		q.target = le64_get(p + 16);
		q.entries = p + 24;
		break;
	case SMMUP_XFER_NOTIFY:
		q.kind = le32_get(p);
		q.signo = (int32_t)le32_get(p + 4);
		q.value = le64_get(p + 8);
		break;
	case SMMUP_STATUS:
	case SMMUP_FAULTS:
		q.format = le32_get(p);
		break;
	case SMMUP_PROBE:
		rc = get_devid(p, &q.devid);
		q.addr = le64_get(p + 24);
		if (le32_get(p + 32) > 1)
			rc = SMMUP_E_VALUE;
		q.write = le32_get(p + 32);
		q.format = le32_get(p + 36);
		break;
	}
	if (!rc)
		rc = check_req(&q);
	if (rc)
		return rc;
	*r = q;
	return 0;
}

static void put_header(uint8_t *buf, uint16_t op, uint32_t seq, uint32_t len)
{
	le32_put(buf, SMMUP_MAGIC);
	le16_put(buf + 4, SMMUP_VERSION);
	le16_put(buf + 6, op);
	le32_put(buf + 8, seq);
	le32_put(buf + 12, len);
}

long smmup_encode_req(uint8_t *buf, size_t cap, const struct smmup_req *r,
		      const struct smmup_entry *entries)
{
	uint8_t *p = buf + SMMUP_HDR_SIZE;
	uint32_t len;
	int rc;

	if (!is_request(r->op))
		return SMMUP_E_OP;
	rc = check_req(r);
	if (rc)
		return rc;
	len = req_size[r->op];
	if (r->op == SMMUP_MAP) {
		if (r->nent && !entries)
			return SMMUP_E_COUNT;
		len += r->nent * 16; /* nent <= SMMUP_MAX_ENTRIES: no wrap */
	}
	if (cap < SMMUP_HDR_SIZE || cap - SMMUP_HDR_SIZE < len)
		return SMMUP_E_LEN;
	put_header(buf, r->op, r->seq, len);
	switch (r->op) {
	case SMMUP_HELLO:
		le32_put(p, r->want);
		break;
	case SMMUP_OBJ_CREATE:
		le32_put(p, r->flags);
		break;
	case SMMUP_OBJ_DESTROY:
		le32_put(p, r->obj);
		break;
	case SMMUP_DEV_ADD:
		le32_put(p, r->obj);
		put_devid(p + 4, &r->devid);
		break;
	case SMMUP_RESERVED:
		put_devid(p, &r->devid);
		le32_put(p + 24, r->offset);
		le32_put(p + 28, r->max);
		break;
	case SMMUP_MAP:
		le32_put(p, r->obj);
		le32_put(p + 4, r->flags);
		le32_put(p + 8, r->pid);
		le32_put(p + 12, r->nent);
		le64_put(p + 16, r->target);
		for (uint32_t i = 0; i < r->nent; i++)
			smmup_put_entry(p + 24 + 16 * (size_t)i, &entries[i]);
		break;
	case SMMUP_XFER_NOTIFY:
		le32_put(p, r->kind);
		le32_put(p + 4, (uint32_t)r->signo);
		le64_put(p + 8, r->value);
		break;
	case SMMUP_STATUS:
	case SMMUP_FAULTS:
		le32_put(p, r->format);
		break;
	case SMMUP_PROBE:
		put_devid(p, &r->devid);
		le64_put(p + 24, r->addr);
		le32_put(p + 32, r->write);
		le32_put(p + 36, r->format);
		break;
	}
	return SMMUP_HDR_SIZE + (long)len;
}

/* A status record's own rules: its devid, and its padding zero. */
static int check_status(const uint8_t *p)
{
	struct smmup_devid d;

	if (get_devid(p + 16, &d))
		return SMMUP_E_VALUE;
	return le32_get(p + 44) ? SMMUP_E_VALUE : 0;
}

/* The reply rules (op without SMMUP_REPLY): the decoder's and the encoder's. */
static int check_reply(uint16_t op, int32_t err, int32_t ret, const uint8_t *body,
		       uint32_t body_len)
{
	if (!is_request(op))
		return SMMUP_E_OP;
	if (body_len > SMMUP_MAX_PAYLOAD - 8)
		return SMMUP_E_LEN;
	if (err < 0 || err > ERRNO_MAX || ret < 0)
		return SMMUP_E_VALUE;
	if (err)
		return ret ? SMMUP_E_VALUE : body_len ? SMMUP_E_LEN : 0;
	switch (op) {
	case SMMUP_STATUS:
	case SMMUP_FAULTS:
	case SMMUP_PROBE:
		return 0; /* text */
	case SMMUP_RESERVED:
		if (body_len % 16)
			return SMMUP_E_LEN;
		return body_len / 16 > (uint32_t)ret ? SMMUP_E_COUNT : 0;
	case SMMUP_XFER_STATUS:
		if (ret > 1)
			return SMMUP_E_VALUE;
		if (body_len != (uint32_t)ret * SMMUP_STATUS_SIZE)
			return SMMUP_E_LEN;
		return ret ? check_status(body) : 0;
	case SMMUP_OBJ_CREATE:
		if (!ret)
			return SMMUP_E_VALUE;
		break;
	case SMMUP_DEV_ADD:
		if (ret > 1)
			return SMMUP_E_VALUE;
		break;
	default:
		break;
	}
	return body_len ? SMMUP_E_LEN : 0;
}

int smmup_decode_reply(const uint8_t *buf, size_t n, struct smmup_reply *r)
{
	struct smmup_reply q;
	uint32_t len;
	uint16_t op;
	int rc = frame_whole(buf, n, &len);

	if (rc)
		return rc;
	memset(&q, 0, sizeof(q));
	op = le16_get(buf + 6);
	q.seq = le32_get(buf + 8);
	if (op == SMMUP_EVENT) {
		if (len)
			return SMMUP_E_LEN;
		if (q.seq)
			return SMMUP_E_VALUE;
		q.op = SMMUP_EVENT;
		*r = q;
		return 0;
	}
	if (!(op & SMMUP_REPLY))
		return SMMUP_E_OP;
	q.op = op & ~SMMUP_REPLY;
	if (!is_request(q.op))
		return SMMUP_E_OP;
	if (len < 8)
		return SMMUP_E_LEN;
	q.err = (int32_t)le32_get(buf + SMMUP_HDR_SIZE);
	q.ret = (int32_t)le32_get(buf + SMMUP_HDR_SIZE + 4);
	q.body_len = len - 8;
	q.body = q.body_len ? buf + SMMUP_HDR_SIZE + 8 : NULL;
	rc = check_reply(q.op, q.err, q.ret, q.body, q.body_len);
	if (rc)
		return rc;
	*r = q;
	return 0;
}

long smmup_encode_reply(uint8_t *buf, size_t cap, uint16_t op, uint32_t seq, int32_t err,
			int32_t ret, const void *body, uint32_t body_len)
{
	int rc;

	if (op == SMMUP_EVENT) {
		if (seq || err || ret || body_len)
			return SMMUP_E_VALUE;
		if (cap < SMMUP_HDR_SIZE)
			return SMMUP_E_LEN;
		put_header(buf, SMMUP_EVENT, 0, 0);
		return SMMUP_HDR_SIZE;
	}
	if (body_len && !body)
		return SMMUP_E_LEN;
	rc = check_reply(op, err, ret, body, body_len);
	if (rc)
		return rc;
	if (cap < SMMUP_HDR_SIZE + 8 || cap - SMMUP_HDR_SIZE - 8 < body_len)
		return SMMUP_E_LEN;
	put_header(buf, op | SMMUP_REPLY, seq, 8 + body_len);
	le32_put(buf + SMMUP_HDR_SIZE, (uint32_t)err);
	le32_put(buf + SMMUP_HDR_SIZE + 4, (uint32_t)ret);
	if (body_len)
		memcpy(buf + SMMUP_HDR_SIZE + 8, body, body_len);
	return SMMUP_HDR_SIZE + 8 + (long)body_len;
}

struct smmup_entry smmup_entry_at(const struct smmup_req *r, uint32_t i)
{
	struct smmup_entry e = { 0, 0 };

	if (r->op == SMMUP_MAP && i < r->nent)
		e = smmup_get_entry(r->entries + 16 * (size_t)i);
	return e;
}

void smmup_put_entry(uint8_t *p, const struct smmup_entry *e)
{
	le64_put(p, e->phys);
	le64_put(p + 8, e->len);
}

struct smmup_entry smmup_get_entry(const uint8_t *p)
{
	struct smmup_entry e = { le64_get(p), le64_get(p + 8) };

	return e;
}

/* hw_specific at 0, fault_addr at 8, devid at 16, flags at 40, 4 zero bytes. */
void smmup_put_status(uint8_t *p, const struct smmup_status *s)
{
	le64_put(p, s->hw_specific);
	le64_put(p + 8, s->fault_addr);
	put_devid(p + 16, &s->devid);
	le32_put(p + 40, s->flags);
	le32_put(p + 44, 0);
}

struct smmup_status smmup_get_status(const uint8_t *p)
{
	struct smmup_status s;

	s.hw_specific = le64_get(p);
	s.fault_addr = le64_get(p + 8);
	get_devid(p + 16, &s.devid);
	s.flags = le32_get(p + 40);
	return s;
}
