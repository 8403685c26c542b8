/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d unit driver: register-based (no invalidation queue), legacy mode.
 * The sequence follows the specification's order; every wait is bounded.
 */
#include <errno.h>
#include <string.h>

#include "vtd/vtd_drv.h"
#include "vtd/vtd_regs.h"

static void decode(const struct unit_io *io, struct vtd_caps *c)
{
	memset(c, 0, sizeof(*c));
	c->ver = io->read32(io->ctx, VTD_REG_VER);
	c->cap = io->read64(io->ctx, VTD_REG_CAP);
	c->ecap = io->read64(io->ctx, VTD_REG_ECAP);
	c->sagaw = (unsigned)((c->cap >> VTD_CAP_SAGAW_SHIFT) & VTD_CAP_SAGAW_MASK);
	c->mgaw = (unsigned)((c->cap >> VTD_CAP_MGAW_SHIFT) & VTD_CAP_MGAW_MASK) + 1;
	c->sp2m = !!(c->cap & VTD_CAP_SLLPS_2M);
	c->sp1g = !!(c->cap & VTD_CAP_SLLPS_1G);
	c->nfr = (unsigned)((c->cap >> VTD_CAP_NFR_SHIFT) & VTD_CAP_NFR_MASK) + 1;
	c->fro = (uint32_t)((c->cap >> VTD_CAP_FRO_SHIFT) & VTD_CAP_FRO_MASK) * 16;
	c->iro = (uint32_t)((c->ecap >> VTD_ECAP_IRO_SHIFT) & VTD_ECAP_IRO_MASK) * 16;
	c->nd = (unsigned)((c->cap >> VTD_CAP_ND_SHIFT) & VTD_CAP_ND_MASK);
	c->ndoms = c->nd <= 6 ? 1u << (4 + 2 * c->nd) : 0;
	c->cm = !!(c->cap & VTD_CAP_CM);
	c->rwbf = !!(c->cap & VTD_CAP_RWBF);
}

int vtd_probe(const struct unit_io *io, struct vtd_caps *caps)
{
	decode(io, caps);
	if (VTD_VER_MAJOR(caps->ver) < 1)
		return -ENODEV;
	/* the driver maps one 4 KiB register page */
	if (caps->fro < 0x50 || caps->fro + 16ull * caps->nfr > 0x1000 || caps->iro < 0x50 ||
	    caps->iro + 16u > 0x1000)
		return -ENODEV;
	if (!(caps->sagaw & (VTD_SAGAW_39 | VTD_SAGAW_48)))
		return -ENODEV;
	return 0;
}

unsigned vtd_caps_fit(const struct vtd_caps *caps, unsigned levels, unsigned sizes_used)
{
	unsigned need = levels == 3 ? VTD_SAGAW_39 : levels == 4 ? VTD_SAGAW_48 : 0;

	/*
	 * The format only: MGAW bounds the addresses the unit translates, and
	 * one beyond it faults (denied), whatever the tables hold.
	 */
	if (!need || !(caps->sagaw & need))
		return VTD_FIT_LEVELS;
	if ((sizes_used & VTD_PGSZ_1G) && !caps->sp1g)
		return VTD_PGSZ_1G;
	if ((sizes_used & VTD_PGSZ_2M) && !caps->sp2m)
		return VTD_PGSZ_2M;
	return 0;
}

int vtd_caps_common(const struct vtd_caps *const *caps, size_t n, const struct vtd_profile *want,
		    struct vtd_profile *prof)
{
	unsigned sagaw = VTD_SAGAW_39 | VTD_SAGAW_48;
	bool sp2m = want->sp2m, sp1g = want->sp1g;

	for (size_t i = 0; i < n; i++) {
		sagaw &= caps[i]->sagaw;
		sp2m = sp2m && caps[i]->sp2m;
		sp1g = sp1g && caps[i]->sp1g;
	}
	/* the levels asked for if offered; else 4, which reaches every address */
	if (sagaw & (want->levels == 3 ? VTD_SAGAW_39 : want->levels == 4 ? VTD_SAGAW_48 : 0))
		prof->levels = want->levels;
	else if (sagaw & VTD_SAGAW_48)
		prof->levels = 4;
	else if (sagaw & VTD_SAGAW_39)
		prof->levels = 3;
	else
		return -ENODEV;
	prof->sp2m = sp2m;
	prof->sp1g = sp1g;
	return 0;
}

/* ---- bounded waits and commands ------------------------------------ */

static int wait32(const struct unit_io *io, uint32_t off, uint32_t mask, uint32_t want)
{
	unsigned i;

	for (i = 0; i < VTD_POLL_LIMIT; i++) {
		if ((io->read32(io->ctx, off) & mask) == want)
			return 0;
		io->delay_us(io->ctx, VTD_POLL_US);
	}
	return -ETIMEDOUT;
}

static int wait64_clear(const struct unit_io *io, uint32_t off, uint64_t bit)
{
	unsigned i;

	for (i = 0; i < VTD_POLL_LIMIT; i++) {
		if (!(io->read64(io->ctx, off) & bit))
			return 0;
		io->delay_us(io->ctx, VTD_POLL_US);
	}
	return -ETIMEDOUT;
}

/*
 * One GCMD command. GCMD is write-only and each write restates every
 * enable, so the current ones are read back from GSTS first.
 */
static void gcmd(const struct unit_io *io, uint32_t cmd)
{
	uint32_t gsts = io->read32(io->ctx, VTD_REG_GSTS);

	io->write32(io->ctx, VTD_REG_GCMD, (gsts & VTD_GSTS_PERSIST) | cmd);
}

int vtd_inv_all(const struct unit_io *io, const struct vtd_caps *caps)
{
	int err;

	io->write64(io->ctx, VTD_REG_CCMD, VTD_CCMD_ICC | VTD_CCMD_GLOBAL);
	err = wait64_clear(io, VTD_REG_CCMD, VTD_CCMD_ICC);
	if (err)
		return err;
	io->write64(io->ctx, caps->iro + VTD_REG_IOTLB_OFF, VTD_IOTLB_IVT | VTD_IOTLB_GLOBAL);
	err = wait64_clear(io, caps->iro + VTD_REG_IOTLB_OFF, VTD_IOTLB_IVT);
	if (err)
		return err;
	return vtd_flush_write_buffer(io, caps);
}

/* Latches root_phys and drops every cached translation. */
static int set_root(const struct unit_io *io, const struct vtd_caps *caps, uint64_t root_phys)
{
	int err;

	io->write64(io->ctx, VTD_REG_RTADDR, root_phys & VTD_RTADDR_ADDR_MASK);
	gcmd(io, VTD_GCMD_SRTP);
	err = wait32(io, VTD_REG_GSTS, VTD_GSTS_RTPS, VTD_GSTS_RTPS);
	if (err)
		return err;
	return vtd_inv_all(io, caps);
}

/* ---- live updates: selective invalidation ---------------------------- */

int vtd_flush_write_buffer(const struct unit_io *io, const struct vtd_caps *caps)
{
	if (!caps->rwbf)
		return 0;
	gcmd(io, VTD_GCMD_WBF);
	return wait32(io, VTD_REG_GSTS, VTD_GSTS_WBFS, 0);
}

int vtd_inv_context_dev(const struct unit_io *io, const struct vtd_caps *caps, uint16_t did,
			uint16_t sid)
{
	(void)caps;
	/* function mask 0: this one requester id */
	io->write64(io->ctx, VTD_REG_CCMD, VTD_CCMD_ICC | VTD_CCMD_DEVICE |
			(uint64_t)sid << VTD_CCMD_SID_SHIFT | (did & VTD_CCMD_DID_MASK));
	return wait64_clear(io, VTD_REG_CCMD, VTD_CCMD_ICC);
}

/* Drain the unit's reads and writes where it can (the bits are reserved otherwise). */
static uint64_t drain(const struct vtd_caps *caps)
{
	return (caps->cap & VTD_CAP_DRD ? VTD_IOTLB_DR : 0) |
	       (caps->cap & VTD_CAP_DWD ? VTD_IOTLB_DW : 0);
}

int vtd_inv_iotlb_domain(const struct unit_io *io, const struct vtd_caps *caps, uint16_t did)
{
	uint32_t reg = caps->iro + VTD_REG_IOTLB_OFF;

	io->write64(io->ctx, reg, VTD_IOTLB_IVT | VTD_IOTLB_DOMAIN | drain(caps) |
			(uint64_t)did << VTD_IOTLB_DID_SHIFT);
	return wait64_clear(io, reg, VTD_IOTLB_IVT);
}

int vtd_inv_iotlb_range(const struct unit_io *io, const struct vtd_caps *caps, uint16_t did,
			uint64_t iova, uint64_t len)
{
	unsigned mamv = (unsigned)((caps->cap >> VTD_CAP_MAMV_SHIFT) & VTD_CAP_MAMV_MASK);
	uint64_t first = iova >> VTD_PAGE_SHIFT, last, mask;
	uint32_t reg = caps->iro + VTD_REG_IOTLB_OFF;
	unsigned am = 0;

	if (!len || iova + len - 1 < iova)
		return -EINVAL;
	last = (iova + len - 1) >> VTD_PAGE_SHIFT;
	/* the smallest naturally aligned block of 2^am pages holding the range */
	while (am < 52 && first >> am != last >> am)
		am++;
	if (!(caps->cap & VTD_CAP_PSI) || am > mamv)
		return vtd_inv_iotlb_domain(io, caps, did);
	mask = ((uint64_t)1 << am) - 1;
	/* IVA first: the command in the IOTLB register starts the invalidation */
	io->write64(io->ctx, caps->iro + VTD_REG_IVA_OFF,
		    ((first & ~mask) << VTD_PAGE_SHIFT & VTD_IVA_ADDR_MASK) | am);
	io->write64(io->ctx, reg, VTD_IOTLB_IVT | VTD_IOTLB_PAGE | drain(caps) |
			(uint64_t)did << VTD_IOTLB_DID_SHIFT);
	return wait64_clear(io, reg, VTD_IOTLB_IVT);
}

static void clear_faults(const struct unit_io *io, const struct vtd_caps *caps)
{
	unsigned i;

	for (i = 0; i < caps->nfr; i++)
		io->write32(io->ctx, caps->fro + i * VTD_FRCD_SIZE + VTD_FRCD_HI_TOP,
			    VTD_FRCD_TOP_F);
	io->write32(io->ctx, VTD_REG_FSTS, VTD_FSTS_PFO);
}

int vtd_enable(const struct unit_io *io, const struct vtd_caps *caps, uint64_t root_phys)
{
	int err;

	if (!io || !caps || (root_phys & (VTD_PAGE_SIZE - 1)))
		return -EINVAL;
	if (io->read32(io->ctx, VTD_REG_GSTS) & VTD_GSTS_TES)
		return -EBUSY;
	clear_faults(io, caps);
	err = set_root(io, caps, root_phys);
	if (err)
		return err;
	gcmd(io, VTD_GCMD_TE);
	return wait32(io, VTD_REG_GSTS, VTD_GSTS_TES, VTD_GSTS_TES);
}

bool vtd_translating(const struct unit_io *io)
{
	return io->read32(io->ctx, VTD_REG_GSTS) & VTD_GSTS_TES;
}

int vtd_switch_root(const struct unit_io *io, const struct vtd_caps *caps, uint64_t root_phys)
{
	if (!io || !caps || (root_phys & (VTD_PAGE_SIZE - 1)) || !vtd_translating(io))
		return -EINVAL;
	/* SRTP with TE on is the specification's way; TE is never written here */
	return set_root(io, caps, root_phys);
}

int vtd_block_at(const struct unit_io *io, const struct vtd_caps *caps, uint64_t off)
{
	if (!io || !io->table_mem || (off & (VTD_PAGE_SIZE - 1)) ||
	    off + VTD_PAGE_SIZE > io->table_size + io->table_held)
		return -EINVAL;
	memset(io->table_mem + off, 0, VTD_PAGE_SIZE);
	if (io->flush)
		io->flush(io->ctx, io->table_mem + off, VTD_PAGE_SIZE);
	return vtd_switch_root(io, caps, io->table_phys + off);
}

int vtd_block_all(const struct unit_io *io, const struct vtd_caps *caps)
{
	struct vtd_caps own;
	int err;

	if (!io || !io->table_mem || io->table_size < VTD_PAGE_SIZE ||
	    (io->table_phys & (VTD_PAGE_SIZE - 1)))
		return -EINVAL;
	if (!caps) {
		decode(io, &own);
		caps = &own;
	}
	/* with translation on, zeroing the live root already blocks; then latch it */
	memset(io->table_mem, 0, VTD_PAGE_SIZE);
	io->flush(io->ctx, io->table_mem, VTD_PAGE_SIZE);
	if (io->read32(io->ctx, VTD_REG_GSTS) & VTD_GSTS_TES)
		return set_root(io, caps, io->table_phys);
	err = vtd_enable(io, caps, io->table_phys);
	if (err == -ETIMEDOUT && (io->read32(io->ctx, VTD_REG_GSTS) & VTD_GSTS_RTPS) &&
	    !(io->read32(io->ctx, VTD_REG_GSTS) & VTD_GSTS_TES)) {
		/*
		 * Fail closed: an invalidation that never completes must not
		 * leave translation off. The empty root table is latched and,
		 * translation never having been on, nothing of it is cached.
		 */
		gcmd(io, VTD_GCMD_TE);
		wait32(io, VTD_REG_GSTS, VTD_GSTS_TES, VTD_GSTS_TES);
	}
	return err;
}

/* ---- faults --------------------------------------------------------- */

int vtd_poll_faults(const struct unit_io *io, const struct vtd_caps *caps, vtd_fault_cb cb,
		    void *arg, struct vtd_fault_stats *log)
{
	struct vtd_caps own;
	uint32_t fsts, ack;
	unsigned k, fri;
	int n = 0;

	if (!io)
		return -EINVAL;
	if (!caps) {
		decode(io, &own);
		caps = &own;
	}
	fsts = io->read32(io->ctx, VTD_REG_FSTS);
	fri = (fsts >> VTD_FSTS_FRI_SHIFT) & VTD_FSTS_FRI_MASK;
	if (fsts & VTD_FSTS_PPF) {
		for (k = 0; k < caps->nfr; k++) {
			unsigned i = (fri + k) % caps->nfr;
			uint32_t off = caps->fro + i * VTD_FRCD_SIZE;
			uint64_t hi = io->read64(io->ctx, off + VTD_FRCD_HI), lo;
			struct vtd_fault f;

			if (!(hi & VTD_FRCD_HI_F))
				continue;
			lo = io->read64(io->ctx, off + VTD_FRCD_LO);
			f.sid = (uint16_t)(hi & VTD_FRCD_HI_SID_MASK);
			f.reason =
			    (uint8_t)((hi >> VTD_FRCD_HI_REASON_SHIFT) & VTD_FRCD_HI_REASON_MASK);
			f.write = !(hi & VTD_FRCD_HI_T);
			f.addr = lo & VTD_FRCD_LO_ADDR_MASK;
			f.index = i;
			if (cb)
				cb(arg, &f);
			if (log)
				log->total++;
			/* bit 127 only: the top dword with nothing but F */
			io->write32(io->ctx, off + VTD_FRCD_HI_TOP, VTD_FRCD_TOP_F);
			n++;
		}
	}
	ack = fsts & VTD_FSTS_W1C;
	if (log && (fsts & VTD_FSTS_PFO))
		log->overflows++;
	if (log)
		log->fsts_errors |= fsts & (VTD_FSTS_IQE | VTD_FSTS_ICE | VTD_FSTS_ITE);
	if (ack)
		io->write32(io->ctx, VTD_REG_FSTS, ack);
	return n;
}

const char *vtd_fault_reason_str(unsigned reason)
{
	static const char *const s[] = {
	    [VTD_FR_ROOT_NP] = "root entry not present",
	    [VTD_FR_CTX_NP] = "context entry not present",
	    [VTD_FR_CTX_INV] = "invalid context entry",
	    [VTD_FR_ADDR_BEYOND] = "address beyond the address width",
	    [VTD_FR_WRITE] = "write denied",
	    [VTD_FR_READ] = "read denied",
	    [VTD_FR_PT_ACCESS] = "paging entry could not be accessed",
	    [VTD_FR_ROOT_TBL] = "root table could not be accessed",
	    [VTD_FR_CTX_TBL] = "context table could not be accessed",
	    [VTD_FR_ROOT_RSVD] = "reserved bits set in root entry",
	    [VTD_FR_CTX_RSVD] = "reserved bits set in context entry",
	    [VTD_FR_PT_RSVD] = "reserved bits set in paging entry",
	    [VTD_FR_CTX_TT] = "translation type blocks the request",
	};

	if (reason < sizeof(s) / sizeof(s[0]) && s[reason])
		return s[reason];
	return "unknown fault reason";
}

const char *vtd_drv_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
	case -ENODEV:
		return "unit unusable (version below 1.0 or unsupported capabilities)";
	case -EBUSY:
		return "translation already enabled";
	case -ETIMEDOUT:
		return "unit did not complete a command in time";
	case -EINVAL:
		return "invalid argument";
	default:
		return "unknown error";
	}
}
