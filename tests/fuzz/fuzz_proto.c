/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz harness for the client wire format (runtime/proto): any bytes are
 * decoded as a request, as smmuman reads a client's frame, and as a reply,
 * as libsmmu reads the daemon's. Properties: no crash, no sanitizer
 * report, nothing read past the bytes given (the input is copied to a
 * buffer of exactly its size); a frame either decoder accepts is whole
 * (its header's len is the rest), and encodes back to exactly the same
 * bytes (one spelling per request, so the daemon never acts on a frame
 * the client did not mean); every MAP entry lies inside the frame.
 *
 * Built with clang -fsanitize=fuzzer by 'make fuzz'; built with
 * -DFUZZ_STANDALONE as a plain program that runs the files named on its
 * command line (make check replays the seed corpus through it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_req(const uint8_t *in, size_t size, uint8_t *out)
{
	struct smmup_entry *ent = NULL;
	struct smmup_req r;
	uint32_t len = 0;
	long n;

	if (smmup_decode_req(in, size, &r))
		return;
	if (smmup_frame_len(in, size, &len) || len != size - SMMUP_HDR_SIZE)
		abort();
	if (r.op == SMMUP_MAP) {
		if (r.entries != in + SMMUP_HDR_SIZE + 24 || size != 40 + 16 * (size_t)r.nent)
			abort();
		ent = malloc(r.nent * sizeof(*ent) + 1);
		if (!ent)
			return;
		for (uint32_t i = 0; i < r.nent; i++)
			ent[i] = smmup_entry_at(&r, i);
	}
	n = smmup_encode_req(out, size, &r, ent);
	if (n != (long)size || memcmp(out, in, size))
		abort();
	free(ent);
}

static void check_reply(const uint8_t *in, size_t size, uint8_t *out)
{
	struct smmup_reply r;
	long n;

	if (smmup_decode_reply(in, size, &r))
		return;
	if (r.body_len && (r.body < in || r.body + r.body_len != in + size))
		abort();
	n = smmup_encode_reply(out, size, r.op, r.seq, r.err, r.ret, r.body, r.body_len);
	if (n != (long)size || memcmp(out, in, size))
		abort();
	if (r.op == SMMUP_XFER_STATUS && r.ret) {
		struct smmup_status s = smmup_get_status(r.body);

		smmup_put_status(out, &s);
		if (memcmp(out, r.body, SMMUP_STATUS_SIZE))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *in = malloc(size + 1), *out = malloc(size + 1);

	if (in && out) {
		memcpy(in, data, size);
		check_req(in, size, out);
		check_reply(in, size, out);
	}
	free(in);
	free(out);
	return 0;
}

#include "fuzz_main.h"
