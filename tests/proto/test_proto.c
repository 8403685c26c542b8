/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit tests for runtime/proto/proto.c, the wire format between smmuman
 * and its clients: the exact bytes of one frame of each op (written out by
 * hand from schemas/smmu-proto.md, not from the encoder), round trips,
 * every error code from both decoders and both encoders, a MAP whose count
 * times 16 wraps 32 bits, every truncation of every frame, and every
 * one-byte change of every frame either refused or decoded to a request
 * that encodes back to the same bytes (no two spellings of one request).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "proto/hex.h"
#include "proto/proto.h"

/* One request of each op and its frame. */
struct req_case {
	struct smmup_req r;
	struct smmup_entry ent[2];
	const char *bytes;
};

static const struct req_case reqs[] = {
	{ { .op = SMMUP_HELLO, .seq = 1, .want = SMMUP_WANT_ATTACH }, { { 0, 0 } },
	  HDR("0100", "01000000", "04000000") "01000000" },
	{ { .op = SMMUP_OBJ_CREATE, .seq = 2, .flags = 1 }, { { 0, 0 } },
	  HDR("0200", "02000000", "04000000") "01000000" },
	{ { .op = SMMUP_OBJ_DESTROY, .seq = 3, .obj = 5 }, { { 0, 0 } },
	  HDR("0300", "03000000", "04000000") "05000000" },
	{ { .op = SMMUP_DEV_ADD, .seq = 4, .obj = 5, .devid = { 0, 0, 18, 0, 0, 0 } },
	  { { 0, 0 } },
	  HDR("0400", "04000000", "1c000000") "05000000"
					      "00000000 00000000 12000000 00000000 0000000000000000" },
	{ { .op = SMMUP_RESERVED, .seq = 5, .offset = 2, .max = 8,
	    .devid = { 1, 0, 0, 0, 0xe6ef0000, 0x1000 } },
	  { { 0, 0 } },
	  HDR("0500", "05000000", "20000000") "01000000 00100000 0000efe600000000 0000000000000000"
					      "02000000 08000000" },
	{ { .op = SMMUP_MAP, .seq = 6, .obj = 5, .flags = 3, .pid = 77, .nent = 2 },
	  { { 0x1000, 0x2000 }, { 0xf8000000, 0x1000 } },
	  HDR("0600", "06000000", "38000000") "05000000 03000000 4d000000 02000000 0000000000000000"
					      "0010000000000000 0020000000000000"
					      "000000f800000000 0010000000000000" },
	{ { .op = SMMUP_XFER_STATUS, .seq = 7 }, { { 0, 0 } },
	  HDR("0700", "07000000", "00000000") },
	{ { .op = SMMUP_XFER_NOTIFY, .seq = 8, .kind = SMMUP_NOTIFY_SIGNAL, .signo = 10,
	    .value = 0x1122334455667788ull },
	  { { 0, 0 } },
	  HDR("0800", "08000000", "10000000") "01000000 0a000000 8877665544332211" },
	{ { .op = SMMUP_SAFETY, .seq = 9 }, { { 0, 0 } }, HDR("0900", "09000000", "00000000") },
	{ { .op = SMMUP_STATUS, .seq = 10, .format = SMMUP_FMT_JSON }, { { 0, 0 } },
	  HDR("0a00", "0a000000", "04000000") "01000000" },
	{ { .op = SMMUP_FAULTS, .seq = 11, .format = SMMUP_FMT_TEXT }, { { 0, 0 } },
	  HDR("0b00", "0b000000", "04000000") "00000000" },
	{ { .op = SMMUP_PROBE, .seq = 12, .devid = { 0, 0, 26, 2, 0, 0 }, .addr = 0xf8004000,
	    .write = true },
	  { { 0, 0 } },
	  HDR("0c00", "0c000000", "28000000") "00000000 00000000 1a000000 02000000 0000000000000000"
					      "004000f800000000 01000000 00000000" },
};

static uint8_t buf[SMMUP_HDR_SIZE + SMMUP_MAX_PAYLOAD + 64];
static uint8_t want[1024];

static void test_req_bytes(void)
{
	for (size_t i = 0; i < CU_COUNT(reqs); i++) {
		size_t n = hex(reqs[i].bytes, want);
		long got = smmup_encode_req(buf, sizeof(buf), &reqs[i].r, reqs[i].ent);

		CU_ASSERT_EQUAL_FATAL(got, (long)n);
		CU_ASSERT(memcmp(buf, want, n) == 0);
		/* exactly the frame's size is enough, one byte less is not */
		CU_ASSERT_EQUAL(smmup_encode_req(buf, n, &reqs[i].r, reqs[i].ent), (long)n);
		CU_ASSERT_EQUAL(smmup_encode_req(buf, n - 1, &reqs[i].r, reqs[i].ent),
				SMMUP_E_LEN);
	}
}

static bool devid_eq(const struct smmup_devid *a, const struct smmup_devid *b)
{
	return a->type == b->type && a->bus == b->bus && a->dev == b->dev &&
	       a->func == b->func && a->phys == b->phys && a->length == b->length;
}

static void test_req_roundtrip(void)
{
	for (size_t i = 0; i < CU_COUNT(reqs); i++) {
		const struct smmup_req *a = &reqs[i].r;
		size_t n = hex(reqs[i].bytes, want);
		struct smmup_req d;

		memset(&d, 0xa5, sizeof(d));
		CU_ASSERT_EQUAL_FATAL(smmup_decode_req(want, n, &d), 0);
		CU_ASSERT(d.op == a->op && d.seq == a->seq && d.obj == a->obj);
		CU_ASSERT(d.flags == a->flags && d.pid == a->pid && d.want == a->want);
		CU_ASSERT(d.format == a->format && d.kind == a->kind && d.signo == a->signo);
		CU_ASSERT(d.offset == a->offset && d.max == a->max && d.nent == a->nent);
		CU_ASSERT(d.target == a->target && d.value == a->value && d.addr == a->addr);
		CU_ASSERT(d.write == a->write && devid_eq(&d.devid, &a->devid));
		for (uint32_t k = 0; k < d.nent; k++) {
			struct smmup_entry e = smmup_entry_at(&d, k);

			CU_ASSERT(e.phys == reqs[i].ent[k].phys && e.len == reqs[i].ent[k].len);
		}
		/* past the count: nothing read, zero given */
		CU_ASSERT_EQUAL(smmup_entry_at(&d, d.nent).len, 0);
	}
}

/* A frame cut anywhere, or its len field made to say the cut: refused. */
static void test_req_truncated(void)
{
	for (size_t i = 0; i < CU_COUNT(reqs); i++) {
		size_t n = hex(reqs[i].bytes, want);
		struct smmup_req d = { .op = 0 };

		for (size_t k = 0; k < n; k++) {
			uint32_t len = 0;
			int rc = smmup_decode_req(want, k, &d);

			CU_ASSERT_EQUAL(rc, SMMUP_E_SHORT);
			if (k < SMMUP_HDR_SIZE) {
				CU_ASSERT_EQUAL(smmup_frame_len(want, k, &len), SMMUP_E_SHORT);
				continue;
			}
			memcpy(buf, want, k);
			buf[12] = (uint8_t)(k - SMMUP_HDR_SIZE);
			rc = smmup_decode_req(buf, k, &d);
			CU_ASSERT(rc == SMMUP_E_LEN || (rc == SMMUP_E_COUNT && d.op == 0));
		}
		CU_ASSERT_EQUAL(d.op, 0); /* never a partial result */
		/* one byte more than the frame */
		memcpy(buf, want, n);
		CU_ASSERT_EQUAL(smmup_decode_req(buf, n + 1, &d), SMMUP_E_LEN);
	}
}

/*
 * Every byte of every frame changed (each of 8 bit flips): refused, or it
 * decodes to a request that encodes back to exactly those bytes.
 */
static void test_req_canonical(void)
{
	static uint8_t again[1024];
	unsigned accepted = 0, refused = 0;

	for (size_t i = 0; i < CU_COUNT(reqs); i++) {
		size_t n = hex(reqs[i].bytes, want);

		for (size_t k = 0; k < n * 8; k++) {
			struct smmup_entry ent[2];
			struct smmup_req d;
			long m;

			want[k / 8] ^= (uint8_t)(1u << (k % 8));
			if (smmup_decode_req(want, n, &d) == 0) {
				for (uint32_t j = 0; j < d.nent && j < 2; j++)
					ent[j] = smmup_entry_at(&d, j);
				m = smmup_encode_req(again, sizeof(again), &d, ent);
				CU_ASSERT(m == (long)n && memcmp(again, want, n) == 0);
				accepted++;
			} else {
				refused++;
			}
			want[k / 8] ^= (uint8_t)(1u << (k % 8));
		}
	}
	CU_ASSERT(accepted > 100 && refused > 1000);
}

static int dec(const char *h)
{
	struct smmup_req d;

	return smmup_decode_req(want, hex(h, want), &d);
}

/* Each error code of the request decoder, from the smallest frame showing it. */
static void test_req_errors(void)
{
	CU_ASSERT_EQUAL(dec("534d4d50 0100 0900 01000000 000000"), SMMUP_E_SHORT);
	CU_ASSERT_EQUAL(dec("534d4d51 0100 0900 01000000 00000000"), SMMUP_E_MAGIC);
	CU_ASSERT_EQUAL(dec("534d4d50 0200 0900 01000000 00000000"), SMMUP_E_VERSION);
	CU_ASSERT_EQUAL(dec("534d4d50 0000 0900 01000000 00000000"), SMMUP_E_VERSION);
	CU_ASSERT_EQUAL(dec(HDR("0000", "01000000", "00000000")), SMMUP_E_OP);
	CU_ASSERT_EQUAL(dec(HDR("0d00", "01000000", "00000000")), SMMUP_E_OP); /* EVENT */
	CU_ASSERT_EQUAL(dec(HDR("0e00", "01000000", "00000000")), SMMUP_E_OP);
	CU_ASSERT_EQUAL(dec(HDR("0980", "01000000", "08000000") "0000000000000000"),
			SMMUP_E_OP); /* a reply */
	CU_ASSERT_EQUAL(dec(HDR("0900", "01000000", "01001000")), SMMUP_E_LEN); /* > 1 MiB */
	CU_ASSERT_EQUAL(dec(HDR("0900", "01000000", "04000000") "00000000"), SMMUP_E_LEN);
	CU_ASSERT_EQUAL(dec(HDR("0100", "01000000", "08000000") "0100000000000000"),
			SMMUP_E_LEN);
	CU_ASSERT_EQUAL(dec(HDR("0100", "01000000", "00000000")), SMMUP_E_LEN);
	/* values: each enum and flag word one past its range */
	CU_ASSERT_EQUAL(dec(HDR("0100", "01000000", "04000000") "02000000"), SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(dec(HDR("0200", "01000000", "04000000") "02000000"), SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(dec(HDR("0a00", "01000000", "04000000") "02000000"), SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(dec(HDR("0b00", "01000000", "04000000") "ffffffff"), SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(dec(HDR("0400", "01000000", "1c000000") "01000000"
						"02000000 00000000 00000000 00000000 0000000000000000"),
			SMMUP_E_VALUE); /* devid type 2 */
	CU_ASSERT_EQUAL(dec(HDR("0400", "01000000", "1c000000") "01000000"
						"00000000 00000000 00000000 00000000 0000000000000001"),
			SMMUP_E_VALUE); /* devid reserved bytes */
	CU_ASSERT_EQUAL(dec(HDR("0600", "01000000", "18000000") "01000000 20000000 00000000 "
								"00000000 0000000000000000"),
			SMMUP_E_VALUE); /* SMF bit 5 */
	CU_ASSERT_EQUAL(dec(HDR("0600", "01000000", "18000000") "01000000 1f000000 00000000 "
								"00000000 0000000000000000"),
			0); /* every seeds' SMF bit */
	CU_ASSERT_EQUAL(dec(HDR("0800", "01000000", "10000000") "02000000 00000000 "
								"0000000000000000"),
			SMMUP_E_VALUE); /* notify kind 2 */
	CU_ASSERT_EQUAL(dec(HDR("0800", "01000000", "10000000") "01000000 00000000 "
								"0000000000000000"),
			SMMUP_E_VALUE); /* signal 0 */
	CU_ASSERT_EQUAL(dec(HDR("0800", "01000000", "10000000") "01000000 41000000 "
								"0000000000000000"),
			SMMUP_E_VALUE); /* signal 65 */
	CU_ASSERT_EQUAL(dec(HDR("0800", "01000000", "10000000") "01000000 40000000 "
								"0000000000000000"),
			0); /* signal 64 */
	CU_ASSERT_EQUAL(dec(HDR("0800", "01000000", "10000000") "00000000 0a000000 "
								"0000000000000000"),
			SMMUP_E_VALUE); /* NONE with a signal */
	CU_ASSERT_EQUAL(dec(HDR("0800", "01000000", "10000000") "00000000 00000000 "
								"0100000000000000"),
			SMMUP_E_VALUE); /* NONE with a value */
	CU_ASSERT_EQUAL(dec(HDR("0c00", "01000000", "28000000") "00000000 00000000 00000000 "
			    "00000000 0000000000000000 0000000000000000 02000000 00000000"),
			SMMUP_E_VALUE); /* write 2 */
	CU_ASSERT_EQUAL(dec(HDR("0500", "01000000", "20000000") "00000000 00000000 00000000 "
			    "00000000 0000000000000000 00000000 00000100"),
			SMMUP_E_COUNT); /* max 65536 > SMMUP_MAX_RESV */
	CU_ASSERT_EQUAL(dec(HDR("0500", "01000000", "20000000") "00000000 00000000 00000000 "
			    "00000000 0000000000000000 00000000 ffff0000"),
			0); /* max 65535 */
}

static int map_frame(uint32_t nent, uint32_t nbytes)
{
	struct smmup_req d = { .op = 0 };
	uint8_t *p = buf + SMMUP_HDR_SIZE;
	int rc;

	hex(HDR("0600", "01000000", "00000000") "01000000 01000000 00000000 00000000"
						"0000000000000000",
	    buf);
	buf[12] = (uint8_t)(24 + nbytes);
	buf[13] = (uint8_t)((24 + nbytes) >> 8);
	p[12] = (uint8_t)nent;
	p[13] = (uint8_t)(nent >> 8);
	p[14] = (uint8_t)(nent >> 16);
	p[15] = (uint8_t)(nent >> 24);
	memset(p + 24, 0x11, nbytes);
	rc = smmup_decode_req(buf, SMMUP_HDR_SIZE + 24 + nbytes, &d);
	CU_ASSERT(rc != 0 || d.nent == nent);
	return rc;
}

/* MAP: the count against the bytes, where count x 16 wraps 32 bits. */
static void test_map_count(void)
{
	CU_ASSERT_EQUAL(map_frame(0, 0), 0);
	CU_ASSERT_EQUAL(map_frame(2, 32), 0);
	CU_ASSERT_EQUAL(map_frame(3, 32), SMMUP_E_COUNT);
	CU_ASSERT_EQUAL(map_frame(1, 32), SMMUP_E_LEN);	 /* bytes the count leaves */
	CU_ASSERT_EQUAL(map_frame(2, 33), SMMUP_E_LEN);	 /* not whole entries */
	CU_ASSERT_EQUAL(map_frame(0x10000002u, 32), SMMUP_E_COUNT); /* x16 = 32 mod 2^32 */
	CU_ASSERT_EQUAL(map_frame(0x10000000u, 0), SMMUP_E_COUNT);  /* x16 = 0 mod 2^32 */
	CU_ASSERT_EQUAL(map_frame(0xffffffffu, 32), SMMUP_E_COUNT);
	CU_ASSERT_EQUAL(map_frame(1, 15), SMMUP_E_COUNT);
}

/* The largest MAP there is, and one entry more. */
static void test_map_max(void)
{
	static struct smmup_entry ent[SMMUP_MAX_ENTRIES + 1];
	struct smmup_req r = { .op = SMMUP_MAP, .seq = 1, .obj = 1, .flags = 1 };
	struct smmup_req d;
	long n;

	for (uint32_t i = 0; i <= SMMUP_MAX_ENTRIES; i++)
		ent[i] = (struct smmup_entry){ (uint64_t)i << 12, 4096 };
	r.nent = SMMUP_MAX_ENTRIES;
	n = smmup_encode_req(buf, sizeof(buf), &r, ent);
	CU_ASSERT_EQUAL_FATAL(n, (long)(SMMUP_HDR_SIZE + 24 + 16 * SMMUP_MAX_ENTRIES));
	CU_ASSERT_EQUAL_FATAL(smmup_decode_req(buf, (size_t)n, &d), 0);
	CU_ASSERT_EQUAL(smmup_entry_at(&d, SMMUP_MAX_ENTRIES - 1).phys,
			(uint64_t)(SMMUP_MAX_ENTRIES - 1) << 12);
	r.nent = SMMUP_MAX_ENTRIES + 1;
	CU_ASSERT_EQUAL(smmup_encode_req(buf, sizeof(buf), &r, ent), SMMUP_E_COUNT);
	r.nent = 1;
	CU_ASSERT_EQUAL(smmup_encode_req(buf, sizeof(buf), &r, NULL), SMMUP_E_COUNT);
}

/* The encoder refuses what the decoder would, with the same code. */
static void test_req_encode_errors(void)
{
	struct smmup_req r = { .op = 0 };

	CU_ASSERT_EQUAL(smmup_encode_req(buf, sizeof(buf), &r, NULL), SMMUP_E_OP);
	r.op = SMMUP_EVENT;
	CU_ASSERT_EQUAL(smmup_encode_req(buf, sizeof(buf), &r, NULL), SMMUP_E_OP);
	r.op = SMMUP_HELLO | SMMUP_REPLY;
	CU_ASSERT_EQUAL(smmup_encode_req(buf, sizeof(buf), &r, NULL), SMMUP_E_OP);
	r = (struct smmup_req){ .op = SMMUP_OBJ_CREATE, .flags = 2 };
	CU_ASSERT_EQUAL(smmup_encode_req(buf, sizeof(buf), &r, NULL), SMMUP_E_VALUE);
	r = (struct smmup_req){ .op = SMMUP_DEV_ADD, .devid = { .type = 2 } };
	CU_ASSERT_EQUAL(smmup_encode_req(buf, sizeof(buf), &r, NULL), SMMUP_E_VALUE);
	r = (struct smmup_req){ .op = SMMUP_XFER_NOTIFY, .kind = 1, .signo = -1 };
	CU_ASSERT_EQUAL(smmup_encode_req(buf, sizeof(buf), &r, NULL), SMMUP_E_VALUE);
	r = (struct smmup_req){ .op = SMMUP_RESERVED, .max = SMMUP_MAX_RESV + 1 };
	CU_ASSERT_EQUAL(smmup_encode_req(buf, sizeof(buf), &r, NULL), SMMUP_E_COUNT);
	r = (struct smmup_req){ .op = SMMUP_SAFETY };
	CU_ASSERT_EQUAL(smmup_encode_req(buf, SMMUP_HDR_SIZE - 1, &r, NULL), SMMUP_E_LEN);
	CU_ASSERT_EQUAL(smmup_encode_req(buf, 0, &r, NULL), SMMUP_E_LEN);
}

/* Replies: one of each shape, and the EVENT frame. */
struct reply_case {
	uint16_t op;
	uint32_t seq;
	int32_t err, ret;
	const char *body; /* hex */
	const char *bytes;
};

static const struct reply_case replies[] = {
	{ SMMUP_OBJ_CREATE, 2, 0, 7, "", HDR("0280", "02000000", "08000000") "00000000 07000000" },
	{ SMMUP_DEV_ADD, 4, EBUSY, 0, "", HDR("0480", "04000000", "08000000") "10000000 00000000" },
	{ SMMUP_DEV_ADD, 4, 0, 1, "", HDR("0480", "04000000", "08000000") "00000000 01000000" },
	{ SMMUP_RESERVED, 5, 0, 3,
	  "0000008000000000 0000100000000000 0000009000000000 0020000000000000",
	  HDR("0580", "05000000", "28000000") "00000000 03000000"
					      "0000008000000000 0000100000000000"
					      "0000009000000000 0020000000000000" },
	{ SMMUP_XFER_STATUS, 7, 0, 1,
	  "0500000000000000 000000f800000000 00000000 00000000 12000000 00000000 "
	  "0000000000000000 00000080 00000000",
	  HDR("0780", "07000000", "38000000") "00000000 01000000"
					      "0500000000000000 000000f800000000 00000000 00000000 "
					      "12000000 00000000 0000000000000000 00000080 00000000" },
	{ SMMUP_XFER_STATUS, 7, 0, 0, "", HDR("0780", "07000000", "08000000") "00000000 00000000" },
	{ SMMUP_STATUS, 10, 0, 0, "6f6b0a",
	  HDR("0a80", "0a000000", "0b000000") "00000000 00000000 6f6b0a" },
	{ SMMUP_EVENT, 0, 0, 0, "", HDR("0d00", "00000000", "00000000") },
};

static void test_reply_bytes(void)
{
	static uint8_t body[256];

	for (size_t i = 0; i < CU_COUNT(replies); i++) {
		const struct reply_case *c = &replies[i];
		size_t n = hex(c->bytes, want), bl = hex(c->body, body);
		long got = smmup_encode_reply(buf, sizeof(buf), c->op, c->seq, c->err, c->ret,
					      bl ? body : NULL, (uint32_t)bl);
		struct smmup_reply r;

		CU_ASSERT_EQUAL_FATAL(got, (long)n);
		CU_ASSERT(memcmp(buf, want, n) == 0);
		CU_ASSERT_EQUAL(smmup_encode_reply(buf, n - 1, c->op, c->seq, c->err, c->ret, body,
						   (uint32_t)bl),
				SMMUP_E_LEN);
		memset(&r, 0xa5, sizeof(r));
		CU_ASSERT_EQUAL_FATAL(smmup_decode_reply(want, n, &r), 0);
		CU_ASSERT(r.op == c->op && r.seq == c->seq && r.err == c->err && r.ret == c->ret);
		CU_ASSERT_EQUAL(r.body_len, bl);
		CU_ASSERT(bl ? r.body == want + 24 && !memcmp(r.body, body, bl) : r.body == NULL);
	}
}

/* Cut anywhere: short; the len field made to say the cut: never read past it. */
static void test_reply_truncated(void)
{
	for (size_t i = 0; i < CU_COUNT(replies); i++) {
		size_t n = hex(replies[i].bytes, want);
		struct smmup_reply r = { .op = 0 };

		for (size_t k = 0; k < n; k++) {
			CU_ASSERT_EQUAL(smmup_decode_reply(want, k, &r), SMMUP_E_SHORT);
			if (k < SMMUP_HDR_SIZE)
				continue;
			memcpy(buf, want, k);
			buf[12] = (uint8_t)(k - SMMUP_HDR_SIZE);
			if (smmup_decode_reply(buf, k, &r) == 0)
				CU_ASSERT(r.body_len == k - 24 &&
					  (replies[i].op == SMMUP_STATUS ||
					   replies[i].op == SMMUP_RESERVED));
		}
		memcpy(buf, want, n);
		CU_ASSERT_EQUAL(smmup_decode_reply(buf, n + 1, &r), SMMUP_E_LEN);
	}
}

static int rdec(const char *h)
{
	struct smmup_reply r;

	return smmup_decode_reply(want, hex(h, want), &r);
}

#define REC(devtype, rsvd, pad)                                                              \
	"0500000000000000 000000f800000000 " devtype " 00000000 12000000 00000000 " rsvd   \
	" 00000080 " pad

static void test_reply_errors(void)
{
	CU_ASSERT_EQUAL(rdec("534d4d50 0100 0280 02000000 08000000 00000000 070000"),
			SMMUP_E_SHORT);
	CU_ASSERT_EQUAL(rdec("534d4d50 0100 0280 02000000 0800"), SMMUP_E_SHORT);
	CU_ASSERT_EQUAL(rdec("00000000 0100 0280 02000000 08000000 00000000 07000000"),
			SMMUP_E_MAGIC);
	CU_ASSERT_EQUAL(rdec("534d4d50 0200 0280 02000000 08000000 00000000 07000000"),
			SMMUP_E_VERSION);
	CU_ASSERT_EQUAL(rdec(HDR("0200", "02000000", "08000000") "00000000 07000000"),
			SMMUP_E_OP); /* a request */
	CU_ASSERT_EQUAL(rdec(HDR("0080", "02000000", "08000000") "00000000 00000000"), SMMUP_E_OP);
	CU_ASSERT_EQUAL(rdec(HDR("0d80", "00000000", "08000000") "00000000 00000000"), SMMUP_E_OP);
	CU_ASSERT_EQUAL(rdec(HDR("0e80", "02000000", "08000000") "00000000 00000000"), SMMUP_E_OP);
	CU_ASSERT_EQUAL(rdec(HDR("0d00", "00000000", "04000000") "00000000"), SMMUP_E_LEN);
	CU_ASSERT_EQUAL(rdec(HDR("0d00", "01000000", "00000000")), SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(rdec(HDR("0980", "02000000", "04000000") "00000000"), SMMUP_E_LEN);
	CU_ASSERT_EQUAL(rdec(HDR("0380", "02000000", "09000000") "00000000 00000000 00"),
			SMMUP_E_LEN); /* a body where the op has none */
	CU_ASSERT_EQUAL(rdec(HDR("0a80", "02000000", "09000000") "16000000 00000000 00"),
			SMMUP_E_LEN); /* a body with an error */
	CU_ASSERT_EQUAL(rdec(HDR("0580", "02000000", "19000000") "00000000 01000000 "
						"00000000000000000000000000000000 00"),
			SMMUP_E_LEN); /* not whole entries */
	CU_ASSERT_EQUAL(rdec(HDR("0580", "02000000", "28000000") "00000000 01000000 "
			     "00000000000000000000000000000000 00000000000000000000000000000000"),
			SMMUP_E_COUNT); /* more entries than remain */
	CU_ASSERT_EQUAL(rdec(HDR("0780", "02000000", "08000000") "00000000 01000000"),
			SMMUP_E_LEN); /* ret 1 without its record */
	CU_ASSERT_EQUAL(rdec(HDR("0780", "02000000", "08000000") "00000000 02000000"),
			SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(rdec(HDR("0980", "02000000", "08000000") "ffffffff 00000000"),
			SMMUP_E_VALUE); /* err < 0 */
	CU_ASSERT_EQUAL(rdec(HDR("0980", "02000000", "08000000") "00100000 00000000"),
			SMMUP_E_VALUE); /* err 4096 */
	CU_ASSERT_EQUAL(rdec(HDR("0980", "02000000", "08000000") "ff0f0000 00000000"), 0);
	CU_ASSERT_EQUAL(rdec(HDR("0980", "02000000", "08000000") "00000000 ffffffff"),
			SMMUP_E_VALUE); /* ret < 0 */
	CU_ASSERT_EQUAL(rdec(HDR("0980", "02000000", "08000000") "01000000 01000000"),
			SMMUP_E_VALUE); /* a result with an error */
	CU_ASSERT_EQUAL(rdec(HDR("0280", "02000000", "08000000") "00000000 00000000"),
			SMMUP_E_VALUE); /* object id 0 */
	CU_ASSERT_EQUAL(rdec(HDR("0480", "02000000", "08000000") "00000000 02000000"),
			SMMUP_E_VALUE); /* attach gives 0 or 1 */
	CU_ASSERT_EQUAL(rdec(HDR("0780", "02000000", "38000000") "00000000 01000000 " REC(
				     "02000000", "0000000000000000", "00000000")),
			SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(rdec(HDR("0780", "02000000", "38000000") "00000000 01000000 " REC(
				     "00000000", "0000000000000100", "00000000")),
			SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(rdec(HDR("0780", "02000000", "38000000") "00000000 01000000 " REC(
				     "00000000", "0000000000000000", "00000001")),
			SMMUP_E_VALUE);
}

static void test_reply_encode_errors(void)
{
	static uint8_t big[SMMUP_MAX_PAYLOAD];
	uint8_t body[64] = { 0 };

	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), 0, 1, 0, 0, NULL, 0), SMMUP_E_OP);
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), SMMUP_NOPS, 1, 0, 0, NULL, 0),
			SMMUP_E_OP);
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), SMMUP_EVENT, 1, 0, 0, NULL, 0),
			SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, 15, SMMUP_EVENT, 0, 0, 0, NULL, 0), SMMUP_E_LEN);
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), SMMUP_SAFETY, 1, -EPERM, 0, NULL, 0),
			SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), SMMUP_SAFETY, 1, 0, -1, NULL, 0),
			SMMUP_E_VALUE);
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), SMMUP_SAFETY, 1, 0, 0, body, 1),
			SMMUP_E_LEN);
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), SMMUP_STATUS, 1, 0, 0, NULL, 1),
			SMMUP_E_LEN);
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), SMMUP_STATUS, 1, 0, 0, big,
					   SMMUP_MAX_PAYLOAD - 7),
			SMMUP_E_LEN);
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), SMMUP_STATUS, 1, 0, 0, big,
					   SMMUP_MAX_PAYLOAD - 8),
			(long)(SMMUP_HDR_SIZE + SMMUP_MAX_PAYLOAD));
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), SMMUP_RESERVED, 1, 0, 0, body, 16),
			SMMUP_E_COUNT);
	body[16] = 2; /* a status record's devid type */
	CU_ASSERT_EQUAL(smmup_encode_reply(buf, sizeof(buf), SMMUP_XFER_STATUS, 1, 0, 1, body, 48),
			SMMUP_E_VALUE);
}

/* A status record with an MMIO device, field by field. */
static void test_status_record(void)
{
	struct smmup_status s = { 0x1234, 0xfedcba9876543210ull,
				  { 1, 0, 0, 0, 0xe6ef0000, 0x1000 }, 0x80000000u };
	struct smmup_status t;
	uint8_t rec[48];
	size_t n = hex("3412000000000000 1032547698badcfe 01000000 00100000 0000efe600000000 "
		       "0000000000000000 00000080 00000000",
		       want);

	memset(rec, 0xee, sizeof(rec));
	smmup_put_status(rec, &s);
	CU_ASSERT_EQUAL(n, SMMUP_STATUS_SIZE);
	CU_ASSERT(memcmp(rec, want, n) == 0);
	t = smmup_get_status(rec);
	CU_ASSERT(t.hw_specific == s.hw_specific && t.fault_addr == s.fault_addr);
	CU_ASSERT(t.flags == s.flags && devid_eq(&t.devid, &s.devid));
}

static void test_strerror(void)
{
	CU_ASSERT_STRING_EQUAL(smmup_strerror(0), "success");
	CU_ASSERT_STRING_EQUAL(smmup_strerror(SMMUP_E_SHORT),
			       "frame shorter than its header or its length");
	CU_ASSERT_STRING_EQUAL(smmup_strerror(SMMUP_E_MAGIC), "not a smmuman frame (bad magic)");
	CU_ASSERT_STRING_EQUAL(smmup_strerror(SMMUP_E_VERSION), "unsupported protocol version");
	CU_ASSERT_STRING_EQUAL(smmup_strerror(SMMUP_E_OP),
			       "unknown operation, or a reply where a request belongs");
	CU_ASSERT_STRING_EQUAL(smmup_strerror(SMMUP_E_LEN),
			       "payload length wrong for the operation");
	CU_ASSERT_STRING_EQUAL(smmup_strerror(SMMUP_E_COUNT),
			       "count beyond what the payload holds");
	CU_ASSERT_STRING_EQUAL(smmup_strerror(SMMUP_E_VALUE), "field value out of range");
	CU_ASSERT_STRING_EQUAL(smmup_strerror(-8), "unknown protocol error");
	CU_ASSERT_STRING_EQUAL(smmup_strerror(1), "unknown protocol error");
	CU_ASSERT_STRING_EQUAL(smmup_strerror(-2147483647 - 1), "unknown protocol error");
}

static const struct cu_case cases[] = {
	{ "request bytes of each op", test_req_bytes },
	{ "request round trips", test_req_roundtrip },
	{ "request truncated at every length", test_req_truncated },
	{ "request bit flips: refused or canonical", test_req_canonical },
	{ "request decoder errors", test_req_errors },
	{ "MAP count against the bytes, overflow", test_map_count },
	{ "MAP of SMMUP_MAX_ENTRIES", test_map_max },
	{ "request encoder errors", test_req_encode_errors },
	{ "reply bytes", test_reply_bytes },
	{ "reply round trips and truncation", test_reply_truncated },
	{ "reply decoder errors", test_reply_errors },
	{ "reply encoder errors", test_reply_encode_errors },
	{ "status record", test_status_record },
	{ "strerror", test_strerror },
};

/* test_proto --seeds DIR: each frame above as a file, the fuzz harness's seeds. */
static int write_seeds(const char *dir)
{
	char path[4096];
	int rc = 0;

	for (size_t i = 0; i < CU_COUNT(reqs) + CU_COUNT(replies); i++) {
		const char *h = i < CU_COUNT(reqs) ? reqs[i].bytes : replies[i - CU_COUNT(reqs)].bytes;
		size_t n = hex(h, want);
		FILE *f;

		snprintf(path, sizeof(path), "%s/frame-%02zu", dir, i);
		f = fopen(path, "wb");
		if (!f || fwrite(want, 1, n, f) != n)
			rc = 1;
		if (f && fclose(f))
			rc = 1;
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--seeds"))
		return write_seeds(argv[2]);
	return CU_RUN("proto", cases);
}
