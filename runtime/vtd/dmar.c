/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ACPI DMAR table parser. Layout facts: ACPI specification (common table
 * header) and Intel VT-d specification chapter 8 (DMAR, DRHD, RMRR, device
 * scopes). All multi-byte fields are little-endian and unaligned.
 */
#include "vtd/dmar.h"

#include <string.h>

#define ACPI_HDR_LEN		36
#define STRUCT_HDR_LEN		4
#define DRHD_MIN_LEN		16
#define RMRR_MIN_LEN		24
#define SCOPE_HDR_LEN		6
#define DRHD_F_INCLUDE_ALL	0x01
#define PAGE_MASK_4K		0xfffULL

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

struct walk {
	const uint8_t *t;	/* the table */
	struct dmar_info *info;
	size_t err_off;
};

static int fail(struct walk *w, size_t off, int code)
{
	w->err_off = off;
	return -code;
}

/*
 * Resolves one scope's path to its last (bus, dev, fn). Each element but the
 * last names a bridge whose secondary bus is where the next element lives.
 */
static int resolve_path(struct walk *w, size_t off, uint8_t npairs, uint16_t seg,
			struct dmar_scope *s)
{
	const uint8_t *path = w->t + off + SCOPE_HDR_LEN;
	uint8_t bus = w->t[off + 5];

	for (uint8_t i = 0; i < npairs; i++) {
		uint8_t dev = path[2 * i], fn = path[2 * i + 1];

		if (dev > 31 || fn > 7)
			return fail(w, off + SCOPE_HDR_LEN + 2 * (size_t)i, DMAR_ERR_PATH);
		if (i + 1 < npairs) {
			int sec;

			if (!w->info->secondary_bus)
				return fail(w, off, DMAR_ERR_PATH_UNSUP);
			sec = w->info->secondary_bus(w->info->secondary_bus_arg, seg, bus,
						     dev, fn);
			if (sec < 0 || sec > 255)
				return fail(w, off + SCOPE_HDR_LEN + 2 * (size_t)i,
					    DMAR_ERR_BRIDGE);
			bus = (uint8_t)sec;
			continue;
		}
		s->bus = bus;
		s->dev = dev;
		s->fn = fn;
	}
	return 0;
}

/*
 * Walks the device scopes in [off, end) of a DRHD or RMRR; 'end' was already
 * checked to lie inside the table. Stores the kept scopes and counts them.
 */
static int walk_scopes(struct walk *w, size_t off, size_t end, uint16_t seg, size_t *kept)
{
	struct dmar_info *info = w->info;

	*kept = 0;
	while (off < end) {
		struct dmar_scope s;
		uint8_t len;
		int rc;

		if (end - off < 2)
			return fail(w, off, DMAR_ERR_SCOPE_END);
		len = w->t[off + 1];
		/* A scope with no path names nothing: at least one pair. */
		if (len < SCOPE_HDR_LEN + 2 || (len - SCOPE_HDR_LEN) % 2 != 0)
			return fail(w, off, DMAR_ERR_SCOPE_LEN);
		if (len > end - off)
			return fail(w, off, DMAR_ERR_SCOPE_END);

		memset(&s, 0, sizeof(s));
		s.type = w->t[off];
		s.enum_id = w->t[off + 4];
		s.start_bus = w->t[off + 5];
		s.path_len = (uint8_t)((len - SCOPE_HDR_LEN) / 2);
		s.segment = seg;
		if (s.type < DMAR_SCOPE_PCI_ENDPOINT || s.type > DMAR_SCOPE_ACPI_NS) {
			info->n_scopes_skipped++;
			off += len;
			continue;
		}
		rc = resolve_path(w, off, s.path_len, seg, &s);
		if (rc < 0)
			return rc;
		if (info->n_scopes < info->scopes_cap && info->scopes)
			info->scopes[info->n_scopes] = s;
		info->n_scopes++;
		(*kept)++;
		off += len;
	}
	return 0;
}

static int parse_drhd(struct walk *w, size_t off, size_t len)
{
	struct dmar_info *info = w->info;
	struct dmar_unit u;
	int rc;

	if (len < DRHD_MIN_LEN)
		return fail(w, off + 2, DMAR_ERR_STRUCT_LEN);
	memset(&u, 0, sizeof(u));
	u.include_all = (w->t[off + 4] & DRHD_F_INCLUDE_ALL) != 0;
	u.reg_size_log2 = w->t[off + 5] & 0x0f;
	u.segment = get16(w->t + off + 6);
	u.reg_base = get64(w->t + off + 8);
	if (u.reg_base & PAGE_MASK_4K)
		return fail(w, off + 8, DMAR_ERR_REG_BASE);
	u.first_scope = info->n_scopes;
	rc = walk_scopes(w, off + DRHD_MIN_LEN, off + len, u.segment, &u.n_scopes);
	if (rc < 0)
		return rc;
	if (info->n_units < info->units_cap && info->units)
		info->units[info->n_units] = u;
	info->n_units++;
	return 0;
}

static int parse_rmrr(struct walk *w, size_t off, size_t len)
{
	struct dmar_info *info = w->info;
	struct dmar_rmrr r;
	int rc;

	if (len < RMRR_MIN_LEN)
		return fail(w, off + 2, DMAR_ERR_STRUCT_LEN);
	memset(&r, 0, sizeof(r));
	r.segment = get16(w->t + off + 6);
	r.base = get64(w->t + off + 8);
	r.limit = get64(w->t + off + 16);
	/* The region is whole 4 KiB pages: base aligned, limit + 1 aligned. */
	if (r.base > r.limit || (r.base & PAGE_MASK_4K) ||
	    (r.limit & PAGE_MASK_4K) != PAGE_MASK_4K)
		return fail(w, off + 8, DMAR_ERR_RMRR_RANGE);
	r.first_scope = info->n_scopes;
	rc = walk_scopes(w, off + RMRR_MIN_LEN, off + len, r.segment, &r.n_scopes);
	if (rc < 0)
		return rc;
	if (info->n_rmrrs < info->rmrrs_cap && info->rmrrs)
		info->rmrrs[info->n_rmrrs] = r;
	info->n_rmrrs++;
	return 0;
}

static int check_header(struct walk *w, size_t buflen)
{
	struct dmar_info *info = w->info;
	uint32_t tlen;
	uint8_t sum = 0;

	if (buflen < DMAR_HEADER_LEN)
		return fail(w, buflen, DMAR_ERR_TRUNCATED);
	if (memcmp(w->t, "DMAR", 4) != 0)
		return fail(w, 0, DMAR_ERR_SIGNATURE);
	tlen = get32(w->t + 4);
	if (tlen < DMAR_HEADER_LEN || tlen > buflen)
		return fail(w, 4, DMAR_ERR_LENGTH);
	for (uint32_t i = 0; i < tlen; i++)
		sum = (uint8_t)(sum + w->t[i]);
	if (sum != 0)
		return fail(w, 9, DMAR_ERR_CHECKSUM);

	info->table_len = tlen;
	info->revision = w->t[8];
	memcpy(info->oem_id, w->t + 10, 6);
	info->oem_id[6] = '\0';
	info->haw = (uint8_t)(w->t[ACPI_HDR_LEN] + 1);
	info->flags = w->t[ACPI_HDR_LEN + 1];
	return 0;
}

int dmar_parse(const void *buf, size_t len, struct dmar_info *info, size_t *err_off)
{
	struct walk w = { .t = buf, .info = info, .err_off = 0 };
	size_t off, end;
	int rc;

	if (!buf || !info) {
		if (err_off)
			*err_off = 0;
		return -DMAR_ERR_BADARG;
	}
	info->table_len = 0;
	info->revision = info->haw = info->flags = 0;
	memset(info->oem_id, 0, sizeof(info->oem_id));
	info->n_units = info->n_rmrrs = info->n_scopes = 0;
	info->n_skipped = info->n_scopes_skipped = 0;

	rc = check_header(&w, len);
	for (off = DMAR_HEADER_LEN, end = info->table_len; rc == 0 && off < end;) {
		uint16_t type, slen;

		if (end - off < STRUCT_HDR_LEN) {
			rc = fail(&w, off, DMAR_ERR_STRUCT_END);
			break;
		}
		type = get16(w.t + off);
		slen = get16(w.t + off + 2);
		/* Length 0 would loop forever; every structure has a header. */
		if (slen < STRUCT_HDR_LEN) {
			rc = fail(&w, off + 2, DMAR_ERR_STRUCT_LEN);
			break;
		}
		if (slen > end - off) {
			rc = fail(&w, off + 2, DMAR_ERR_STRUCT_END);
			break;
		}
		if (type == DMAR_TYPE_DRHD)
			rc = parse_drhd(&w, off, slen);
		else if (type == DMAR_TYPE_RMRR)
			rc = parse_rmrr(&w, off, slen);
		else
			info->n_skipped++;
		off += slen;
	}
	if (rc == 0 && (info->n_units > info->units_cap || info->n_rmrrs > info->rmrrs_cap ||
			info->n_scopes > info->scopes_cap))
		rc = fail(&w, 0, DMAR_ERR_NOSPACE);
	if (err_off)
		*err_off = rc < 0 ? w.err_off : 0;
	return rc;
}

static const char *const errtext[DMAR_ERR_MAX + 1] = {
	[0] = "success",
	[DMAR_ERR_BADARG] = "invalid argument",
	[DMAR_ERR_TRUNCATED] = "buffer shorter than the DMAR header",
	[DMAR_ERR_SIGNATURE] = "signature is not DMAR",
	[DMAR_ERR_LENGTH] = "table length smaller than the header or larger than the buffer",
	[DMAR_ERR_CHECKSUM] = "bad checksum",
	[DMAR_ERR_STRUCT_LEN] = "remapping structure length too small",
	[DMAR_ERR_STRUCT_END] = "remapping structure runs past the end of the table",
	[DMAR_ERR_SCOPE_LEN] = "bad device scope length",
	[DMAR_ERR_SCOPE_END] = "device scope runs past the end of its structure",
	[DMAR_ERR_PATH] = "device scope path has device > 31 or function > 7",
	[DMAR_ERR_PATH_UNSUP] = "device scope path crosses a bridge, no PCI config reader",
	[DMAR_ERR_BRIDGE] = "cannot read the secondary bus of a bridge on a scope path",
	[DMAR_ERR_REG_BASE] = "DRHD register base is not 4 KiB aligned",
	[DMAR_ERR_RMRR_RANGE] = "RMRR base above limit or not whole 4 KiB pages",
	[DMAR_ERR_NOSPACE] = "output arrays too small",
};

const char *dmar_strerror(int err)
{
	int e = err < 0 ? -err : err;

	if (err > 0 || e > DMAR_ERR_MAX || !errtext[e])
		return "unknown DMAR error";
	return errtext[e];
}

const char *dmar_scope_type_name(uint8_t type)
{
	switch (type) {
	case DMAR_SCOPE_PCI_ENDPOINT:
		return "pci-endpoint";
	case DMAR_SCOPE_PCI_SUBTREE:
		return "pci-subtree";
	case DMAR_SCOPE_IOAPIC:
		return "ioapic";
	case DMAR_SCOPE_HPET:
		return "hpet";
	case DMAR_SCOPE_ACPI_NS:
		return "acpi-namespace";
	default:
		return "unknown";
	}
}
