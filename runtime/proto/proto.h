/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The wire format between smmuman and its clients (libsmmu, smmuctl),
 * stated once; schemas/smmu-proto.md is its prose. Used by both ends:
 * compiled into libsmmu and into smmuman, never anything else.
 *
 * Over a Unix stream socket, a request is one frame and its reply one
 * frame; the daemon may also send an unsolicited EVENT frame (seq 0) to
 * say transgressions are queued, which a client drops when it reads it
 * while waiting for a reply (its socket turns readable: what poll() sees).
 *
 * A frame: a 16-byte header, then len bytes of payload, all integers
 * little-endian.
 *
 *   u32 magic   SMMUP_MAGIC
 *   u16 version SMMUP_VERSION (a reply carries the daemon's)
 *   u16 op      enum smmup_op; a reply sets SMMUP_REPLY
 *   u32 seq     the request's, echoed by its reply; 0 for EVENT
 *   u32 len     payload bytes, at most SMMUP_MAX_PAYLOAD
 *
 * A reply's payload starts with i32 err (0, or a positive errno) and i32
 * ret (the call's non-negative result), then the op's own part.
 *
 * The decoders take hostile bytes: every length, count and enum checked
 * against the bytes present, never reading past them, in time linear in
 * the frame; each returns 0 or a negative smmup error code
 * (smmup_strerror), never a partial result.
 */
#ifndef SMMU_PROTO_H
#define SMMU_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SMMUP_MAGIC	  0x504d4d53u /* "SMMP" */
#define SMMUP_VERSION	  1u
#define SMMUP_HDR_SIZE	  16u
#define SMMUP_MAX_PAYLOAD (1u << 20)
#define SMMUP_REPLY	  0x8000u
/* map entries one MAP frame holds */
#define SMMUP_MAX_ENTRIES ((SMMUP_MAX_PAYLOAD - 32u) / 16u)
/* reserved regions one RESERVED reply holds */
#define SMMUP_MAX_RESV	  ((SMMUP_MAX_PAYLOAD - 8u) / 16u)

enum smmup_op {
	SMMUP_HELLO = 1,       /* u32 want (SMMUP_WANT_*) -> ret: daemon's safety status */
	SMMUP_OBJ_CREATE,      /* u32 flags (SOCF_*) -> ret: object id (>= 1) */
	SMMUP_OBJ_DESTROY,     /* u32 obj */
	SMMUP_DEV_ADD,	       /* u32 obj (0: detach), devid -> ret 0 or 1 */
	SMMUP_RESERVED,	       /* devid, u32 offset, u32 max -> ret: remaining; n entries */
	SMMUP_MAP,	       /* u32 obj, u32 flags, u32 pid, u32 n, u64 target, n entries */
	SMMUP_XFER_STATUS,     /* -> ret 1 and a status record, or ret 0 (none queued) */
	SMMUP_XFER_NOTIFY,     /* u32 kind (SMMUP_NOTIFY_*), i32 signo, u64 value */
	SMMUP_SAFETY,	       /* -> ret: safety status */
	SMMUP_STATUS,	       /* u32 format -> text */
	SMMUP_FAULTS,	       /* u32 format -> text */
	SMMUP_PROBE,	       /* devid, u64 addr, u32 write, u32 format -> text */
	SMMUP_EVENT,	       /* daemon to client, no payload: transgressions queued */
	SMMUP_NOPS
};

/* HELLO: what the client means to do. */
#define SMMUP_WANT_READ	  0u /* smmuctl: read-only requests */
#define SMMUP_WANT_ATTACH 1u /* libsmmu: objects, devices, mappings */

/* The flag bits the seeds define (<smmu.h> SOCF_*, SMF_*); others are refused. */
#define SMMUP_SOCF_ALL	  0x01u /* SOCF_RESERVED_MANUAL */
#define SMMUP_SMF_ALL	  0x1fu /* SMF_READ, WRITE, EXEC, VIRT, TARGET */

/* STATUS, FAULTS, PROBE: how the daemon renders the text. */
enum smmup_format { SMMUP_FMT_TEXT = 0, SMMUP_FMT_JSON = 1 };

/* XFER_NOTIFY kinds (a struct sigevent's, as far as they cross a socket). */
enum smmup_notify { SMMUP_NOTIFY_NONE = 0, SMMUP_NOTIFY_SIGNAL = 1 };

/* A device as the seeds' union smmu_devid names it: 24 bytes on the wire. */
struct smmup_devid {
	uint32_t type; /* 0 PCI (SDT_PCI), 1 MMIO (SDT_MMIO) */
	uint32_t bus, dev, func; /* PCI; each may be SMMUP_FIELD_ANY */
	uint64_t phys; /* MMIO register base */
	uint32_t length; /* MMIO register block length */
};
#define SMMUP_DEVID_SIZE 24u
#define SMMUP_FIELD_ANY	 0xffffffffu

struct smmup_entry {
	uint64_t phys, len;
};

/* A transgression record, as struct smmu_status: 48 bytes on the wire. */
struct smmup_status {
	uint64_t hw_specific;
	uint64_t fault_addr;
	struct smmup_devid devid;
	uint32_t flags;
};

/* A decoded request (pointers into the frame: valid while it is). */
struct smmup_req {
	uint16_t op;
	uint32_t seq;
	uint32_t obj, flags, pid, want, format, kind, offset, max, nent;
	int32_t signo;
	uint64_t target, value, addr;
	bool write;
	struct smmup_devid devid;
	const uint8_t *entries; /* nent x 16 bytes: smmup_entry_at */
};

/* A decoded reply. */
struct smmup_reply {
	uint16_t op;	/* without SMMUP_REPLY */
	uint32_t seq;
	int32_t err;	/* 0 or a positive errno */
	int32_t ret;
	const uint8_t *body; /* the op's part, body_len bytes */
	uint32_t body_len;
};

enum smmup_error {
	SMMUP_E_SHORT = -1,    /* fewer bytes than the header or its len */
	SMMUP_E_MAGIC = -2,
	SMMUP_E_VERSION = -3,
	SMMUP_E_OP = -4,       /* unknown op, or a reply where a request belongs */
	SMMUP_E_LEN = -5,      /* len beyond SMMUP_MAX_PAYLOAD, or not the op's size */
	SMMUP_E_COUNT = -6,    /* a count the payload does not hold */
	SMMUP_E_VALUE = -7,    /* an enum or flag out of range */
};
const char *smmup_strerror(int err);

/*
 * The payload length the header at buf announces, once SMMUP_HDR_SIZE
 * bytes are there: 0 and *len, or SMMUP_E_MAGIC/VERSION/LEN. A reader
 * reads the header, checks it, then reads exactly len more.
 */
int smmup_frame_len(const uint8_t *buf, size_t n, uint32_t *len);

/* Decodes one whole request frame (header and payload, n bytes). */
int smmup_decode_req(const uint8_t *buf, size_t n, struct smmup_req *r);
/* Decodes one whole reply or EVENT frame. */
int smmup_decode_reply(const uint8_t *buf, size_t n, struct smmup_reply *r);

/*
 * Encoders: write the whole frame into buf (cap bytes) and return its
 * length, or SMMUP_E_LEN when it does not fit, or the error the decoder
 * would give the frame (never a frame the other end must refuse). A
 * request's fields are those its op uses (struct smmup_req; entries
 * points at nent struct smmup_entry for MAP, encoded here).
 */
long smmup_encode_req(uint8_t *buf, size_t cap, const struct smmup_req *r,
		      const struct smmup_entry *entries);
/*
 * A reply: err, ret, then body_len bytes of body (may be NULL when 0).
 * op SMMUP_EVENT (seq, err, ret and body_len 0) gives the EVENT frame:
 * the header alone, without SMMUP_REPLY. SMMUP_E_VALUE/OP/COUNT for what
 * the decoder would refuse.
 */
long smmup_encode_reply(uint8_t *buf, size_t cap, uint16_t op, uint32_t seq, int32_t err,
			int32_t ret, const void *body, uint32_t body_len);

/* Entry i of a decoded MAP request (i < nent). */
struct smmup_entry smmup_entry_at(const struct smmup_req *r, uint32_t i);
/* Reserved regions and status records in reply bodies. */
void smmup_put_entry(uint8_t *p, const struct smmup_entry *e);	    /* 16 bytes */
struct smmup_entry smmup_get_entry(const uint8_t *p);
void smmup_put_status(uint8_t *p, const struct smmup_status *s);   /* 48 bytes */
struct smmup_status smmup_get_status(const uint8_t *p);
#define SMMUP_STATUS_SIZE 48u

#endif
