/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake smmuman for tests/client: a thread on a temporary socket
 * ($SMMUMAN_SOCKET) that records every frame a client sends, decodes it
 * with the daemon's decoder (a frame it refuses is counted in bad), and
 * answers as told: the next request's misbehaviour is one-shot.
 */
#ifndef SMMU_TESTS_CLIENT_FAKE_SERVER_H
#define SMMU_TESTS_CLIENT_FAKE_SERVER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "proto/proto.h"

enum fake_mode {
	FAKE_NORMAL,
	FAKE_CLOSE_MID,	 /* 10 bytes of the reply, then close */
	FAKE_CLOSE,	 /* close instead of replying */
	FAKE_STALL,	 /* never reply; wait for the client to go */
	FAKE_WRONG_SEQ,	 /* the reply with the next seq */
	FAKE_BIG,	 /* a 1000-byte reply */
	FAKE_DRIP,	 /* the reply one byte per write, 200 us apart */
};

struct fake {
	pthread_mutex_t mu;
	/* how to answer the next request other than HELLO */
	enum fake_mode mode;
	int32_t err, ret;	/* err: reply with it; ret: DEV_ADD's */
	int events_before;	/* EVENT frames before the reply */
	bool event_after;	/* one EVENT frame after it */
	int32_t hello_err;	/* every HELLO's err while set */
	uint32_t nresv;		/* reserved regions the devices have */
	uint32_t resv_extra;	/* entries to add beyond the seeds' paging */
	bool status_queued;	/* one transgression record queued */
	struct smmup_status status;
	/* what was received */
	unsigned nreq, bad, bad_seq;
	uint32_t next_seq;	/* the seq the next frame must carry */
	size_t last_n, hello_n;
	uint8_t last[SMMUP_HDR_SIZE + SMMUP_MAX_PAYLOAD];
	uint8_t hello[64];
};

extern struct fake fk;

/* Starts the server on a new socket and sets $SMMUMAN_SOCKET: 0 or -1. */
int fake_start(void);
void fake_stop(void);
/* Back to answering normally, the records kept. */
void fake_reset(void);

#endif
