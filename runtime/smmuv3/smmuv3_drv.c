/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 unit driver: the register sequences, in the order of IHI 0070
 * (6.3.9, "initialization") with one rule above it: no DMA may pass
 * untranslated because of something written here. A unit without GBPA
 * (QEMU 7.2) bypasses while SMMUEN=0, so it is enabled over a stream table
 * of invalid STEs first and the policy's entries go in afterwards. Every
 * wait is bounded. Table memory is written with aligned 64-bit stores
 * only: on hardware it is a Device mapping, where memset may fault.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "smmuv3/smmuv3_drv.h"
#include "smmuv3/smmuv3_regs.h"

#define CR0_ENABLES (SMMUV3_CR0_SMMUEN | SMMUV3_CR0_EVTQEN | SMMUV3_CR0_CMDQEN | (1u << 1))
#define Q_ON	    (SMMUV3_CR0_CMDQEN | SMMUV3_CR0_EVTQEN)
/* Non-cacheable, outer shareable: the unit must not see a stale cached copy of uncached writes. */
#define CR1_NC	    (2u << (SMMUV3_CR1_QUEUE_SHIFT + 4) | 2u << (SMMUV3_CR1_TABLE_SHIFT + 4))
#define CR2_VAL	    (SMMUV3_CR2_PTM | SMMUV3_CR2_RECINVSID)
#define TTF_AA64    2u
#define TTENDIAN_BE 3u

/* ---- table memory ------------------------------------------------------ */

static volatile uint64_t *word(struct unit_io *io, uint64_t off)
{
	return (volatile uint64_t *)(void *)(io->table_mem + off);
}

/* The unit reads little-endian words: the bytes are stored as they are meant. */
static void put64(struct unit_io *io, uint64_t off, uint64_t v)
{
	uint8_t b[8];
	uint64_t x;

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	memcpy(&x, b, 8);
	*word(io, off) = x;
}

static void flush(struct unit_io *io, uint64_t off, uint64_t len)
{
	if (io->flush && len)
		io->flush(io->ctx, io->table_mem + off, (size_t)len);
}

static void zero(struct unit_io *io, uint64_t off, uint64_t len)
{
	for (uint64_t i = 0; i < len; i += 8)
		*word(io, off + i) = 0;
}

static uint64_t phys(const struct unit_io *io, uint64_t off)
{
	return io->table_phys + off;
}

/* ---- probe and carve ------------------------------------------------------ */

static void decode(struct unit_io *io, struct smmuv3_caps *c)
{
	static const unsigned oas[8] = {32, 36, 40, 42, 44, 48, 52, 0};

	memset(c, 0, sizeof(*c));
	c->idr0 = io->read32(io->ctx, SMMUV3_REG_IDR0);
	c->idr1 = io->read32(io->ctx, SMMUV3_REG_IDR1);
	c->idr5 = io->read32(io->ctx, SMMUV3_REG_IDR5);
	c->s1p = !!(c->idr0 & SMMUV3_IDR0_S1P);
	c->s2p = !!(c->idr0 & SMMUV3_IDR0_S2P);
	c->st_2lvl = (c->idr0 & SMMUV3_IDR0_ST_LEVEL_MASK) >> SMMUV3_IDR0_ST_LEVEL_SHIFT == 1;
	c->sidsize = c->idr1 & SMMUV3_IDR1_SIDSIZE_MASK;
	c->oas_bits = oas[c->idr5 & SMMUV3_IDR5_OAS_MASK];
	c->cmdqs = (c->idr1 >> SMMUV3_IDR1_CMDQS_SHIFT) & SMMUV3_IDR1_QS_MASK;
	c->evtqs = (c->idr1 >> SMMUV3_IDR1_EVTQS_SHIFT) & SMMUV3_IDR1_QS_MASK;
	c->gran4k = !!(c->idr5 & SMMUV3_IDR5_GRAN4K);
}

int smmuv3_probe(struct unit_io *io, struct smmuv3_caps *c, char *why, size_t whylen)
{
	const char *r = NULL;
	unsigned ttf, endian;

	if (!io || !c)
		return -EINVAL;
	decode(io, c);
	ttf = (c->idr0 >> SMMUV3_IDR0_TTF_SHIFT) & 3;
	endian = (c->idr0 >> SMMUV3_IDR0_TTENDIAN_SHIFT) & 3;
	if (!(ttf & TTF_AA64))
		r = "no AArch64 translation table format (IDR0.TTF)";
	else if (!c->s1p && !c->s2p)
		r = "neither stage 1 nor stage 2 translation (IDR0.S1P, S2P)";
	else if (!c->gran4k)
		r = "no 4 KiB translation granule (IDR5.GRAN4K)";
	else if (endian == TTENDIAN_BE || endian == 1)
		r = "no little-endian translation tables (IDR0.TTENDIAN)";
	else if (!c->oas_bits)
		r = "reserved output address size (IDR5.OAS)";
	else if (c->sidsize > 32)
		r = "reserved StreamID size (IDR1.SIDSIZE)";
	if (why && whylen)
		snprintf(why, whylen, "%s", r ? r : "");
	return r ? -ENODEV : 0;
}

int smmuv3_carve(struct unit_io *io, struct smmuv3_unit *d)
{
	uint64_t at;

	if (!io || !d || !io->table_mem || (io->table_size & 4095) || (io->table_phys & 4095) ||
	    ((uintptr_t)io->table_mem & 7))
		return -EINVAL;
	if (d->carved)
		return 0;
	if (io->table_size < SMMUV3_DRV_AREA_BYTES)
		return -ENOSPC;
	io->table_size -= SMMUV3_DRV_AREA_BYTES;
	io->table_held += SMMUV3_DRV_AREA_BYTES;
	at = d->area_off = io->table_size;
	/* the event queue is aligned to its 8 KiB: pages 0-1 or 1-2 */
	if (!(phys(io, at) & 8191)) {
		d->evtq_off = at;
		d->blk_off = at + 8192;
	} else {
		d->blk_off = at;
		d->evtq_off = at + 4096;
	}
	d->cmdq_off = at + 12288;
	d->carved = true;
	return 0;
}

/* ---- handshakes ----------------------------------------------------------- */

static int wait32(struct unit_io *io, uint32_t off, uint32_t mask, uint32_t want)
{
	for (unsigned i = 0; i < SMMUV3_POLL_LIMIT; i++) {
		if ((io->read32(io->ctx, off) & mask) == want)
			return 0;
		io->delay_us(io->ctx, SMMUV3_POLL_US);
	}
	return -ETIMEDOUT;
}

static int cr0_set(struct unit_io *io, uint32_t v)
{
	io->write32(io->ctx, SMMUV3_REG_CR0, v);
	return wait32(io, SMMUV3_REG_CR0ACK, CR0_ENABLES, v);
}

/* Writes GBPA.ABORT with UPDATE; whether ABORT reads back set (QEMU: GBPA reads 0). */
static int gbpa_abort(struct unit_io *io, struct smmuv3_unit *d)
{
	int err = wait32(io, SMMUV3_REG_GBPA, SMMUV3_GBPA_UPDATE, 0);

	d->gbpa_works = false;
	if (err)
		return err;
	io->write32(io->ctx, SMMUV3_REG_GBPA, SMMUV3_GBPA_ABORT | SMMUV3_GBPA_UPDATE);
	err = wait32(io, SMMUV3_REG_GBPA, SMMUV3_GBPA_UPDATE, 0);
	if (err)
		return err;
	d->gbpa_works = !!(io->read32(io->ctx, SMMUV3_REG_GBPA) & SMMUV3_GBPA_ABORT);
	return 0;
}

/* ---- command queue -------------------------------------------------------- */

static uint32_t q_wrap(uint32_t v, unsigned log2)
{
	return v & ((2u << log2) - 1);
}

static bool gerror_active(struct unit_io *io, uint32_t bit)
{
	return ((io->read32(io->ctx, SMMUV3_REG_GERROR) ^ io->read32(io->ctx, SMMUV3_REG_GERRORN)) &
		bit) != 0;
}

uint32_t smmuv3_gerror_ack(struct unit_io *io, struct smmuv3_unit *d)
{
	uint32_t g = io->read32(io->ctx, SMMUV3_REG_GERROR);
	uint32_t gn = io->read32(io->ctx, SMMUV3_REG_GERRORN);
	uint32_t act = (g ^ gn) & SMMUV3_GERROR_MASK;

	if (!act)
		return 0;
	if ((act & SMMUV3_GERROR_CMDQ_ERR) && d->queues_ready) {
		/* the queue stopped on the refused entry: a CMD_SYNC in its place resumes it */
		uint32_t cons = io->read32(io->ctx, SMMUV3_REG_CMDQ_CONS);
		uint64_t at = d->cmdq_off + SMMUV3_CMD_BYTES * (cons & ((1u << d->cmdq_log2) - 1));

		put64(io, at, SMMUV3_CMD_SYNC);
		put64(io, at + 8, 0);
		flush(io, at, SMMUV3_CMD_BYTES);
		d->cmd_errors++;
	}
	d->gerror_seen |= act;
	for (uint32_t b = act; b; b &= b - 1)
		d->gerror_acks++;
	io->write32(io->ctx, SMMUV3_REG_GERRORN, gn ^ act);
	return act;
}

/* An error stops the queue: recover it, let it drain (bounded), -EIO. */
static int cmdq_error(struct unit_io *io, struct smmuv3_unit *d)
{
	smmuv3_gerror_ack(io, d);
	wait32(io, SMMUV3_REG_CMDQ_CONS, (2u << d->cmdq_log2) - 1, d->cmdq_prod);
	return -EIO;
}

static int cmd(struct unit_io *io, struct smmuv3_unit *d, uint64_t d0, uint64_t d1)
{
	uint32_t n = 1u << d->cmdq_log2, cons;
	uint64_t at;
	unsigned i;

	for (i = 0; i < SMMUV3_POLL_LIMIT; i++) {
		if (gerror_active(io, SMMUV3_GERROR_CMDQ_ERR))
			return cmdq_error(io, d);
		cons = q_wrap(io->read32(io->ctx, SMMUV3_REG_CMDQ_CONS), d->cmdq_log2);
		if ((cons ^ d->cmdq_prod) != n) /* not full */
			break;
		io->delay_us(io->ctx, SMMUV3_POLL_US);
	}
	if (i == SMMUV3_POLL_LIMIT)
		return -ETIMEDOUT;
	at = d->cmdq_off + SMMUV3_CMD_BYTES * (d->cmdq_prod & (n - 1));
	put64(io, at, d0);
	put64(io, at + 8, d1);
	flush(io, at, SMMUV3_CMD_BYTES);
	d->cmdq_prod = q_wrap(d->cmdq_prod + 1, d->cmdq_log2);
	io->write32(io->ctx, SMMUV3_REG_CMDQ_PROD, d->cmdq_prod);
	return 0;
}

/* CMD_SYNC (no interrupt, no MSI), then CONS reaching PROD. */
static int sync(struct unit_io *io, struct smmuv3_unit *d)
{
	int err = cmd(io, d, SMMUV3_CMD_SYNC, 0);
	uint32_t mask = (2u << d->cmdq_log2) - 1;

	if (err)
		return err;
	for (unsigned i = 0; i < SMMUV3_POLL_LIMIT; i++) {
		if (gerror_active(io, SMMUV3_GERROR_CMDQ_ERR))
			return cmdq_error(io, d);
		if ((io->read32(io->ctx, SMMUV3_REG_CMDQ_CONS) & mask) == d->cmdq_prod)
			return 0;
		io->delay_us(io->ctx, SMMUV3_POLL_US);
	}
	return -ETIMEDOUT;
}

/*
 * Every cached configuration and translation: CFGI_ALL (Range 31: every
 * StreamID), TLBI_NSNH_ALL (both stages, every VMID and ASID, so no
 * S12_VMALL per VMID), TLBI_NH_ALL where stage 1 exists (ILLEGAL without).
 */
static int inval_all(struct unit_io *io, struct smmuv3_unit *d)
{
	int err = cmd(io, d, SMMUV3_CMD_CFGI_ALL, 31);

	if (!err)
		err = cmd(io, d, SMMUV3_CMD_TLBI_NSNH_ALL, 0);
	if (!err && d->caps.s1p)
		err = cmd(io, d, SMMUV3_CMD_TLBI_NH_ALL, 0);
	return err ? err : sync(io, d);
}

/* The queues in the driver area, empty; CMDQEN and EVTQEN must be off. */
static void queues_set(struct unit_io *io, struct smmuv3_unit *d)
{
	d->cmdq_log2 = d->caps.cmdqs < SMMUV3_DRV_CMDQ_LOG2 ? d->caps.cmdqs : SMMUV3_DRV_CMDQ_LOG2;
	d->evtq_log2 = d->caps.evtqs < SMMUV3_DRV_EVTQ_LOG2 ? d->caps.evtqs : SMMUV3_DRV_EVTQ_LOG2;
	io->write64(io->ctx, SMMUV3_REG_CMDQ_BASE,
		    SMMUV3_BASE_RA | (phys(io, d->cmdq_off) & SMMUV3_Q_BASE_ADDR_MASK) |
			d->cmdq_log2);
	io->write32(io->ctx, SMMUV3_REG_CMDQ_PROD, 0);
	io->write32(io->ctx, SMMUV3_REG_CMDQ_CONS, 0);
	io->write64(io->ctx, SMMUV3_REG_EVTQ_BASE,
		    SMMUV3_BASE_RA | (phys(io, d->evtq_off) & SMMUV3_Q_BASE_ADDR_MASK) |
			d->evtq_log2);
	io->write32(io->ctx, SMMUV3_REG_EVTQ_PROD, 0);
	io->write32(io->ctx, SMMUV3_REG_EVTQ_CONS, 0);
	d->cmdq_prod = d->evtq_cons = 0;
	d->queues_ready = true;
}

/* The live unit's queues become the driver's; SMMUEN is not touched. */
static int queues_take(struct unit_io *io, struct smmuv3_unit *d, uint32_t smmuen)
{
	int err = cr0_set(io, smmuen);

	if (err)
		return err;
	queues_set(io, d);
	smmuv3_gerror_ack(io, d); /* an old command error would stop the new queue */
	return cr0_set(io, smmuen | Q_ON);
}

/*
 * CR0=0 up to SMMUEN=1 over the stream table at base with cfg (all its
 * entries invalid). With fail_closed, a step that times out does not stop
 * the sequence: SMMUEN is still asked for, the first error returned.
 */
static int bringup(struct unit_io *io, struct smmuv3_unit *d, uint64_t base, uint32_t cfg,
		   bool fail_closed)
{
	int err, first = 0;

#define STEP(x)                                                                                    \
	do {                                                                                       \
		err = (x);                                                                         \
		if (err && !first)                                                                 \
			first = err;                                                               \
		if (err && !fail_closed)                                                           \
			return err;                                                                \
	} while (0)
	STEP(cr0_set(io, 0));
	STEP(gbpa_abort(io, d));
	io->write32(io->ctx, SMMUV3_REG_CR1, CR1_NC);
	io->write32(io->ctx, SMMUV3_REG_CR2, CR2_VAL);
	io->write32(io->ctx, SMMUV3_REG_IRQ_CTRL, 0);
	STEP(wait32(io, SMMUV3_REG_IRQ_CTRLACK, 7, 0));
	io->write64(io->ctx, SMMUV3_REG_STRTAB_BASE,
		    SMMUV3_BASE_RA | (base & SMMUV3_STRTAB_ADDR_MASK));
	io->write32(io->ctx, SMMUV3_REG_STRTAB_BASE_CFG, cfg);
	queues_set(io, d);
	smmuv3_gerror_ack(io, d);
	STEP(cr0_set(io, Q_ON));
	STEP(inval_all(io, d));
	STEP(cr0_set(io, Q_ON | SMMUV3_CR0_SMMUEN));
#undef STEP
	return first;
}

int smmuv3_cmd(struct unit_io *io, struct smmuv3_unit *d, uint64_t d0, uint64_t d1)
{
	if (!io || !d || !d->queues_ready)
		return -EINVAL;
	return cmd(io, d, d0, d1);
}

int smmuv3_cmd_sync(struct unit_io *io, struct smmuv3_unit *d)
{
	if (!io || !d || !d->queues_ready)
		return -EINVAL;
	return sync(io, d);
}

/* ---- the live stream table -------------------------------------------------- */

/*
 * Where the live stream table is, as the unit walks it (base aligned down
 * to its size, LOG2SIZE capped by SIDSIZE, a reserved SPLIT read as 6, the
 * largest L1 table), as table memory offsets; false if any of it lies
 * outside table memory (the driver area included).
 */
static bool live_table(struct unit_io *io, const struct smmuv3_unit *d, uint64_t *off,
		       uint64_t *len, bool *two)
{
	uint64_t base = io->read64(io->ctx, SMMUV3_REG_STRTAB_BASE) & SMMUV3_STRTAB_ADDR_MASK;
	uint32_t cfg = io->read32(io->ctx, SMMUV3_REG_STRTAB_BASE_CFG);
	unsigned log2 = cfg & SMMUV3_STRTAB_LOG2SIZE_MASK, eff, al;
	unsigned split = (cfg & SMMUV3_STRTAB_SPLIT_MASK) >> SMMUV3_STRTAB_SPLIT_SHIFT;
	uint64_t end = io->table_size + io->table_held;

	eff = log2 < d->caps.sidsize ? log2 : d->caps.sidsize;
	if (eff > 32)
		eff = 32; /* a reserved SIDSIZE: 2^32 STEs reach beyond any table memory */
	*two = (cfg >> SMMUV3_STRTAB_FMT_SHIFT & 3) == SMMUV3_STRTAB_FMT_2LVL;
	if (*two) {
		if (split != 8 && split != 10)
			split = 6;
		al = log2 > split ? log2 - split + 3 : 0;
		*len = 8ull << (eff > split ? eff - split : 0);
	} else {
		al = log2 + 6;
		*len = 64ull << eff;
	}
	if (al > 6)
		base &= ~((1ull << (al > 52 ? 52 : al)) - 1);
	if (base < io->table_phys || base - io->table_phys > end ||
	    *len > end - (base - io->table_phys))
		return false;
	*off = base - io->table_phys;
	return true;
}

/* Every STE's dword0 (V) first, so no half-zeroed entry is ever valid. */
static void zero_table(struct unit_io *io, uint64_t off, uint64_t len, bool two)
{
	if (!two) {
		for (uint64_t i = 0; i < len; i += SMMUV3_STE_BYTES)
			*word(io, off + i) = 0;
		flush(io, off, len);
	}
	zero(io, off, len);
	flush(io, off, len);
}

static bool caps_known(struct unit_io *io, struct smmuv3_unit *d)
{
	if (!d->probed) {
		decode(io, &d->caps);
		d->probed = true;
	}
	return smmuv3_carve(io, d) == 0;
}

int smmuv3_abort_bypass(struct unit_io *io, struct smmuv3_unit *d)
{
	if (!io || !d || !caps_known(io, d))
		return -EINVAL;
	if (smmuv3_translating(io))
		return 0;
	return gbpa_abort(io, d);
}

bool smmuv3_translating(struct unit_io *io)
{
	return io->read32(io->ctx, SMMUV3_REG_CR0ACK) & SMMUV3_CR0_SMMUEN;
}

int smmuv3_block_at(struct unit_io *io, struct smmuv3_unit *d, uint64_t off)
{
	uint64_t toff, len;
	bool two;
	int err;

	(void)off;
	if (!io || !d || !caps_known(io, d) || !smmuv3_translating(io))
		return -EINVAL;
	/* a table out of reach stays live (and its owner's policy with it) unless GBPA aborts */
	if (live_table(io, d, &toff, &len, &two)) {
		zero_table(io, toff, len, two);
		err = queues_take(io, d, SMMUV3_CR0_SMMUEN);
		if (!err)
			err = inval_all(io, d);
		if (err)
			return err;
	}
	err = gbpa_abort(io, d);
	if (err)
		return err;
	if (!d->gbpa_works)
		return -EOPNOTSUPP;
	return cr0_set(io, 0);
}

int smmuv3_block_all(struct unit_io *io, struct smmuv3_unit *d)
{
	uint64_t toff, len;
	bool two;

	if (!io || !d || !caps_known(io, d))
		return -1;
	if (smmuv3_translating(io)) {
		if (live_table(io, d, &toff, &len, &two)) {
			int err;

			zero_table(io, toff, len, two);
			err = queues_take(io, d, SMMUV3_CR0_SMMUEN);
			if (!err)
				err = inval_all(io, d);
			return err ? -1 : 0;
		}
		/* out of reach: SMMUEN may go off only with GBPA proven to abort */
		if (gbpa_abort(io, d) || !d->gbpa_works)
			return -1;
	}
	zero(io, d->blk_off, SMMUV3_STE_BYTES);
	flush(io, d->blk_off, SMMUV3_STE_BYTES);
	return bringup(io, d, phys(io, d->blk_off), SMMUV3_STRTAB_FMT_LINEAR, true) ? -1 : 0;
}

/* ---- enable ------------------------------------------------------------------- */

/* The policy's stream table: where the unit can walk it, and its image fits. */
static bool strtab_ok(const struct unit_io *io, const struct smmuv3_unit *d)
{
	uint32_t c = d->strtab_cfg;
	unsigned log2 = c & SMMUV3_STRTAB_LOG2SIZE_MASK;
	unsigned split = (c & SMMUV3_STRTAB_SPLIT_MASK) >> SMMUV3_STRTAB_SPLIT_SHIFT;
	unsigned fmt = c >> SMMUV3_STRTAB_FMT_SHIFT & 3;
	uint64_t size;

	if (c & ~(SMMUV3_STRTAB_LOG2SIZE_MASK | SMMUV3_STRTAB_SPLIT_MASK |
		  3u << SMMUV3_STRTAB_FMT_SHIFT) ||
	    !d->strtab_image || !d->strtab_bytes || log2 > 32 || d->strtab_bytes % 8)
		return false;
	if (fmt == SMMUV3_STRTAB_FMT_2LVL) {
		if (!d->caps.st_2lvl || (split != 6 && split != 8 && split != 10))
			return false;
		size = 8ull << (log2 > split ? log2 - split : 0);
	} else if (fmt == SMMUV3_STRTAB_FMT_LINEAR) {
		size = 64ull << log2;
		if (d->strtab_bytes % SMMUV3_STE_BYTES)
			return false;
	} else {
		return false;
	}
	/* the unit ignores address bits below the table's size */
	if (size < 64)
		size = 64;
	return d->strtab_bytes <= size && !(phys(io, d->strtab_off) & (size - 1)) &&
	       d->strtab_off <= io->table_size && d->strtab_bytes <= io->table_size - d->strtab_off;
}

/* Entries become valid only whole: every STE's dwords 1-7, then (flushed) every dword0. */
static void image_write(struct unit_io *io, const struct smmuv3_unit *d)
{
	const uint8_t *img = d->strtab_image;
	uint64_t off = d->strtab_off, n = d->strtab_bytes, x;
	bool two = (d->strtab_cfg >> SMMUV3_STRTAB_FMT_SHIFT & 3) == SMMUV3_STRTAB_FMT_2LVL;
	size_t i;

	for (i = 0; !two && i < n; i += 8) {
		if (i % SMMUV3_STE_BYTES == 0)
			continue;
		memcpy(&x, img + i, 8);
		*word(io, off + i) = x;
	}
	flush(io, off, n);
	for (i = 0; i < n; i += two ? 8 : SMMUV3_STE_BYTES) {
		memcpy(&x, img + i, 8);
		*word(io, off + i) = x;
	}
	flush(io, off, n);
}

int smmuv3_enable(struct unit_io *io, struct smmuv3_unit *d)
{
	int err;

	if (!io || !d || !caps_known(io, d) || !strtab_ok(io, d))
		return -EINVAL;
	if (smmuv3_translating(io)) {
		err = smmuv3_block_at(io, d, 0);
		if (err)
			return err;
	}
	/* what the policy's entries point to is visible before anything points to it */
	flush(io, 0, io->table_size);
	zero(io, d->strtab_off, d->strtab_bytes);
	flush(io, d->strtab_off, d->strtab_bytes);
	err = bringup(io, d, phys(io, d->strtab_off), d->strtab_cfg, false);
	if (err)
		return err;
	/* blocked and recorded from here on: now the policy */
	image_write(io, d);
	err = cmd(io, d, SMMUV3_CMD_CFGI_ALL, 31);
	return err ? err : sync(io, d);
}
