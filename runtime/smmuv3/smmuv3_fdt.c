/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 topology of a device tree. Facts: the Devicetree Specification
 * (cells, reg, ranges, status, phandles), the Linux bindings iommu/iommu.txt
 * (iommus, #iommu-cells), iommu/arm,smmu-v3 (#iommu-cells = <1>, the
 * StreamID) and pci/pci-iommu.txt (iommu-map, iommu-map-mask).
 *
 * Pass 1 finds the units and every referenceable IOMMU (a small table on
 * the stack, sorted by phandle); pass 2 reads host bridges and masters and
 * resolves their phandles in that table. libfdt's own phandle and parent
 * lookups scan the whole tree per call, so they are used only on the error
 * path; ancestors' cells and ranges live on a stack indexed by depth. Each
 * pass reads a node's properties once, into struct props: fdt_getprop
 * rescans them per name, and that was most of smmuman's start-up.
 */
#include <libfdt.h>
#include <string.h>

#include "iommu/fdt_regions.h"
#include "smmuv3/smmuv3_fdt.h"

#define UNIT_ALIGN	0x10000ULL	/* SMMUv3 register pages are 64 KiB */
#define CELLS_DEFAULT_AC 2		/* Devicetree Specification 2.3.5 */
#define CELLS_DEFAULT_SC 1

struct level {
	int node;
	uint32_t ac, sc;	/* this node's #address-cells / #size-cells */
	const fdt32_t *ranges;	/* NULL: absent (not translatable) */
	int ranges_len;
	bool pci;		/* device_type "pci" */
	bool coherent;		/* dma-coherent here or above */
};

/* The properties the parse reads, in the order of prop_names[]. */
enum {
	P_ADDR_CELLS,
	P_SIZE_CELLS,
	P_RANGES,
	P_DEVICE_TYPE,
	P_DMA_COHERENT,
	P_COMPATIBLE,
	P_IOMMU_CELLS,
	P_STATUS,
	P_REG,
	P_IOMMU_MAP,
	P_MAP_MASK,
	P_IOMMUS,
	P_PCI_DOMAIN,
	P_PHANDLE,
	P_LINUX_PHANDLE,
	P_MAX
};

static const char *const prop_names[P_MAX] = {
	[P_ADDR_CELLS] = "#address-cells",
	[P_SIZE_CELLS] = "#size-cells",
	[P_RANGES] = "ranges",
	[P_DEVICE_TYPE] = "device_type",
	[P_DMA_COHERENT] = "dma-coherent",
	[P_COMPATIBLE] = "compatible",
	[P_IOMMU_CELLS] = "#iommu-cells",
	[P_STATUS] = "status",
	[P_REG] = "reg",
	[P_IOMMU_MAP] = "iommu-map",
	[P_MAP_MASK] = "iommu-map-mask",
	[P_IOMMUS] = "iommus",
	[P_PCI_DOMAIN] = "linux,pci-domain",
	[P_PHANDLE] = "phandle",
	[P_LINUX_PHANDLE] = "linux,phandle",
};

/*
 * One node's properties of those names: NULL if absent. A name given twice
 * (a hostile tree; dtc refuses it) is its first, as fdt_getprop finds it.
 */
struct props {
	const void *val[P_MAX];
	int len[P_MAX];
};

struct iommu {
	uint32_t phandle;
	uint32_t cells;
	int node;
	size_t unit;
};

struct walk {
	const void *fdt;
	struct smmuv3_fdt_info *info;
	struct level lvl[SMMUV3_FDT_MAX_DEPTH + 1];
	struct props pr;	/* of the node entered last */
	struct iommu iommus[SMMUV3_FDT_MAX_IOMMUS];
	size_t n_iommus;
	uint64_t budget;	/* ranges entries translation may still visit */
};

static int fail(struct walk *w, int node, int code)
{
	w->info->err_node = node;
	return -code;
}

static uint64_t cells(const fdt32_t *p, uint32_t n)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

/* Reads node's properties of prop_names[] into pr, each property once. */
static void read_props(const void *fdt, int node, struct props *pr)
{
	int off;

	memset(pr, 0, sizeof(*pr));
	fdt_for_each_property_offset(off, fdt, node) {
		const char *name = NULL;
		int len;
		const void *val = fdt_getprop_by_offset(fdt, off, &name, &len);

		for (int k = 0; val && name && k < P_MAX; k++) {
			if (strcmp(name, prop_names[k]))
				continue;
			if (!pr->val[k]) {
				pr->val[k] = val;
				pr->len[k] = len;
			}
			break;
		}
	}
}

/* A one-cell property: 1 and *v, 0 if absent, <0 if not exactly one cell. */
static int get_u32(const struct props *pr, int k, uint32_t *v)
{
	if (!pr->val[k])
		return 0;
	if (pr->len[k] != 4)
		return -1;
	*v = fdt32_to_cpu(*(const fdt32_t *)pr->val[k]);
	return 1;
}

static bool prop_is(const struct props *pr, int k, const char *val)
{
	return pr->val[k] && (size_t)pr->len[k] == strlen(val) + 1 &&
	       !memcmp(pr->val[k], val, (size_t)pr->len[k]);
}

/* The Devicetree Specification's status: absent, "okay" or "ok" is available. */
static bool available(const struct props *pr)
{
	return !pr->val[P_STATUS] || prop_is(pr, P_STATUS, "okay") || prop_is(pr, P_STATUS, "ok");
}

/* fdt_get_phandle's answer: phandle, else linux,phandle, each only if one cell. */
static uint32_t phandle_of(const struct props *pr)
{
	uint32_t v;

	if (get_u32(pr, P_PHANDLE, &v) > 0 || get_u32(pr, P_LINUX_PHANDLE, &v) > 0)
		return v;
	return 0;
}

/* One string of the compatible list contains sub; an unterminated tail is no string. */
static bool compatible_has(const struct props *pr, const char *sub)
{
	int len = pr->len[P_COMPATIBLE];
	const char *p = pr->val[P_COMPATIBLE];

	while (p && len > 0) {
		size_t n = strnlen(p, (size_t)len);

		if (n == (size_t)len)
			return false;
		if (strstr(p, sub))
			return true;
		p += n + 1;
		len -= (int)n + 1;
	}
	return false;
}

/*
 * Translates addr, an address in the child space of level d's parent, up
 * to the root through each ancestor's ranges. 0 with *addr, 1 if some
 * ancestor has no ranges or none covers it (a bus-local address), <0.
 */
static int translate(struct walk *w, int d, uint64_t *addr)
{
	uint64_t a = *addr;

	for (int k = d - 1; k >= 1; k--) {
		const struct level *p = &w->lvl[k], *pp = &w->lvl[k - 1];
		uint32_t ent;
		int n;

		if (!p->ranges)
			return 1;
		if (p->ranges_len == 0)
			continue;
		if (p->ac > 2 || p->sc > 2 || pp->ac > 2 || p->ac == 0 || pp->ac == 0)
			return fail(w, p->node, SMMUV3_FDT_ERR_CELLS);
		ent = p->ac + pp->ac + p->sc;
		if (p->ranges_len % (int)(ent * 4))
			return fail(w, p->node, SMMUV3_FDT_ERR_RANGES);
		n = p->ranges_len / (int)(ent * 4);
		for (int i = 0;; i++) {
			const fdt32_t *e = p->ranges + (size_t)i * ent;
			uint64_t cb, pb, sz;

			if (i == n)
				return 1;
			if (w->budget == 0)
				return fail(w, p->node, SMMUV3_FDT_ERR_BUDGET);
			w->budget--;
			cb = cells(e, p->ac);
			pb = cells(e + p->ac, pp->ac);
			sz = cells(e + p->ac + pp->ac, p->sc);
			if (a < cb || a - cb >= sz)
				continue;
			if (pb + (a - cb) < pb)
				return 1;
			a = pb + (a - cb);
			break;
		}
	}
	*addr = a;
	return 0;
}

/* The first (address, size) of reg at level d: 0, 1 if none, <0. */
static int first_reg(struct walk *w, int d, uint64_t *addr, uint64_t *size, bool *cpu)
{
	const struct level *p = &w->lvl[d - 1];
	int node = w->lvl[d].node, len = w->pr.len[P_REG], rc;
	const fdt32_t *reg = w->pr.val[P_REG];

	if (!reg || p->ac == 0)
		return 1;
	if (p->ac > 2 || p->sc > 2)
		return fail(w, p->node, SMMUV3_FDT_ERR_CELLS);
	if ((uint32_t)len < (p->ac + p->sc) * 4)
		return fail(w, node, SMMUV3_FDT_ERR_REG);
	*addr = cells(reg, p->ac);
	*size = cells(reg + p->ac, p->sc);
	rc = translate(w, d, addr);
	if (rc < 0)
		return rc;
	*cpu = rc == 0;
	return 0;
}

/* Enters the node at depth d: its cells, ranges and what it inherits. */
static int enter(struct walk *w, int node, int d)
{
	struct level *l;
	uint32_t v;
	int rc;

	if (d > SMMUV3_FDT_MAX_DEPTH)
		return fail(w, node, SMMUV3_FDT_ERR_DEPTH);
	l = &w->lvl[d];
	l->node = node;
	l->ac = CELLS_DEFAULT_AC;
	l->sc = CELLS_DEFAULT_SC;
	read_props(w->fdt, node, &w->pr);
	rc = get_u32(&w->pr, P_ADDR_CELLS, &v);
	if (rc < 0)
		return fail(w, node, SMMUV3_FDT_ERR_CELLS);
	if (rc)
		l->ac = v;
	rc = get_u32(&w->pr, P_SIZE_CELLS, &v);
	if (rc < 0)
		return fail(w, node, SMMUV3_FDT_ERR_CELLS);
	if (rc)
		l->sc = v;
	l->ranges = w->pr.val[P_RANGES];
	l->ranges_len = w->pr.len[P_RANGES];
	l->pci = prop_is(&w->pr, P_DEVICE_TYPE, "pci");
	l->coherent = w->pr.val[P_DMA_COHERENT] ||
		      (d > 0 && w->lvl[d - 1].coherent);
	return 0;
}

static int add_unit(struct walk *w, int d, size_t *index)
{
	struct smmuv3_fdt_info *info = w->info;
	int node = w->lvl[d].node, rc;
	struct smmuv3_fdt_unit u;
	bool cpu = false;

	memset(&u, 0, sizeof(u));
	rc = d > 0 ? first_reg(w, d, &u.base, &u.size, &cpu) : 1;
	if (rc < 0)
		return rc;
	if (rc || !cpu || u.size == 0 || u.base + (u.size - 1) < u.base ||
	    (u.base & (UNIT_ALIGN - 1)))
		return fail(w, node, SMMUV3_FDT_ERR_UNIT_REG);
	u.node = node;
	u.name = fdt_get_name(w->fdt, node, NULL);
	u.phandle = phandle_of(&w->pr);
	if (u.phandle == (uint32_t)-1)
		u.phandle = 0;
	u.coherent = w->lvl[d].coherent;
	if (info->units && info->n_units < info->units_cap)
		info->units[info->n_units] = u;
	*index = info->n_units++;
	return 0;
}

/* Pass 1: every unit, and every IOMMU a phandle can name. */
static int pass_iommus(struct walk *w, int node, int d)
{
	const struct props *pr = &w->pr;
	bool smmuv3 = pr->val[P_COMPATIBLE] &&
		      fdt_stringlist_contains(pr->val[P_COMPATIBLE], pr->len[P_COMPATIBLE],
					      "arm,smmu-v3");
	size_t unit = SMMUV3_FDT_NONE, i;
	uint32_t ph, nc = 0;
	int rc;

	rc = get_u32(pr, P_IOMMU_CELLS, &nc);
	if (rc < 0 || (rc && nc > SMMUV3_FDT_MAX_IOMMU_CELLS))
		return fail(w, node, SMMUV3_FDT_ERR_IOMMU_CELLS);
	if (smmuv3 && !available(pr)) {
		w->info->n_disabled++;
	} else if (smmuv3) {
		if (rc == 0 || nc != 1)
			return fail(w, node, SMMUV3_FDT_ERR_UNIT_CELLS);
		rc = add_unit(w, d, &unit);
		if (rc < 0)
			return rc;
		rc = 1;
	}
	ph = phandle_of(pr);
	if (rc == 0 || ph == 0 || ph == (uint32_t)-1)
		return 0;
	if (w->n_iommus == SMMUV3_FDT_MAX_IOMMUS)
		return fail(w, node, SMMUV3_FDT_ERR_TOO_MANY);
	/* Insertion keeps the table sorted; at most MAX_IOMMUS^2 / 2 moves. */
	for (i = w->n_iommus++; i > 0 && w->iommus[i - 1].phandle > ph; i--)
		w->iommus[i] = w->iommus[i - 1];
	if (i > 0 && w->iommus[i - 1].phandle == ph)
		return fail(w, node, SMMUV3_FDT_ERR_DUP_PHANDLE);
	w->iommus[i] = (struct iommu){ .phandle = ph, .cells = nc, .node = node, .unit = unit };
	return 0;
}

static const struct iommu *find_iommu(const struct walk *w, uint32_t ph)
{
	size_t lo = 0, hi = w->n_iommus;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (w->iommus[mid].phandle == ph)
			return &w->iommus[mid];
		if (w->iommus[mid].phandle < ph)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A reference from node to phandle ph: the IOMMU, or an error. */
static int resolve(struct walk *w, int node, uint32_t ph, const struct iommu **out)
{
	*out = find_iommu(w, ph);
	if (*out)
		return 0;
	/* The error path only: libfdt's lookup scans the whole tree. */
	if (ph == 0 || ph == (uint32_t)-1 || fdt_node_offset_by_phandle(w->fdt, ph) < 0)
		return fail(w, node, SMMUV3_FDT_ERR_PHANDLE);
	return fail(w, node, SMMUV3_FDT_ERR_NOT_IOMMU);
}

static int add_host(struct walk *w, int d)
{
	struct smmuv3_fdt_info *info = w->info;
	int node = w->lvl[d].node, len = w->pr.len[P_IOMMU_MAP], rc;
	const fdt32_t *map = w->pr.val[P_IOMMU_MAP];
	struct smmuv3_fdt_host h;

	memset(&h, 0, sizeof(h));
	h.node = node;
	h.name = fdt_get_name(w->fdt, node, NULL);
	h.map_mask = 0xffffffff;
	h.first_map = info->n_maps;
	rc = get_u32(&w->pr, P_PCI_DOMAIN, &h.domain);
	h.has_domain = rc > 0;
	if (get_u32(&w->pr, P_MAP_MASK, &h.map_mask) < 0 || (map && len % 16))
		return fail(w, node, SMMUV3_FDT_ERR_MAP_LEN);
	h.has_map = map != NULL;
	for (int i = 0; map && i < len / 16; i++) {
		const fdt32_t *e = map + 4 * i;
		struct smmuv3_fdt_map m;
		const struct iommu *io;

		m.rid_base = fdt32_to_cpu(e[0]);
		m.phandle = fdt32_to_cpu(e[1]);
		m.sid_base = fdt32_to_cpu(e[2]);
		m.length = fdt32_to_cpu(e[3]);
		/* Linux refuses a base with bits the mask clears: it never matches. */
		if (m.length == 0 || m.rid_base > UINT32_MAX - (m.length - 1) ||
		    m.sid_base > UINT32_MAX - (m.length - 1) || (m.rid_base & ~h.map_mask))
			return fail(w, node, SMMUV3_FDT_ERR_MAP_ENTRY);
		rc = resolve(w, node, m.phandle, &io);
		if (rc < 0)
			return rc;
		m.unit = io->unit;
		if (m.unit == SMMUV3_FDT_NONE)
			info->n_other++;
		if (info->maps && info->n_maps < info->maps_cap)
			info->maps[info->n_maps] = m;
		info->n_maps++;
		h.n_maps++;
	}
	if (info->hosts && info->n_hosts < info->hosts_cap)
		info->hosts[info->n_hosts] = h;
	info->n_hosts++;
	return 0;
}

static int add_master(struct walk *w, int d)
{
	struct smmuv3_fdt_info *info = w->info;
	int node = w->lvl[d].node, len = w->pr.len[P_IOMMUS], rc;
	const fdt32_t *p = w->pr.val[P_IOMMUS];
	struct smmuv3_fdt_master m;
	size_t n, i;
	uint64_t size = 0;

	if (len % 4)
		return fail(w, node, SMMUV3_FDT_ERR_IOMMUS_LEN);
	memset(&m, 0, sizeof(m));
	m.first_stream = info->n_streams;
	n = (size_t)len / 4;
	for (i = 0; i < n;) {
		const struct iommu *io;

		rc = resolve(w, node, fdt32_to_cpu(p[i]), &io);
		if (rc < 0)
			return rc;
		if (n - i - 1 < io->cells)
			return fail(w, node, SMMUV3_FDT_ERR_IOMMUS_LEN);
		if (io->unit == SMMUV3_FDT_NONE) {
			info->n_other++;
		} else {
			struct smmuv3_fdt_stream st = { io->unit, fdt32_to_cpu(p[i + 1]) };

			if (info->streams && info->n_streams < info->streams_cap)
				info->streams[info->n_streams] = st;
			info->n_streams++;
			m.n_streams++;
		}
		i += 1 + io->cells;
	}
	if (m.n_streams == 0)
		return 0;
	rc = first_reg(w, d, &m.addr, &size, &m.has_addr);
	if (rc < 0)
		return rc;
	if (rc)
		m.has_addr = false;
	if (!m.has_addr)
		m.addr = 0;
	m.size = m.has_addr ? size : 0;
	m.node = node;
	m.name = fdt_get_name(w->fdt, node, NULL);
	m.coherent = w->lvl[d].coherent;
	if (info->masters && info->n_masters < info->masters_cap)
		info->masters[info->n_masters] = m;
	info->n_masters++;
	return 0;
}

/* Pass 2: host bridges and masters; every phandle checked for a twin IOMMU. */
static int pass_masters(struct walk *w, int node, int d)
{
	const struct props *pr = &w->pr;
	uint32_t ph = phandle_of(pr);
	const struct iommu *io = find_iommu(w, ph);
	bool parent_pci = d > 0 && w->lvl[d - 1].pci;
	bool avail = available(pr);
	bool has_map = pr->val[P_IOMMU_MAP] != NULL;
	bool has_iommus = pr->val[P_IOMMUS] != NULL;
	int rc;

	if (ph && io && io->node != node)
		return fail(w, node, SMMUV3_FDT_ERR_DUP_PHANDLE);
	if (!parent_pci && (w->lvl[d].pci || (has_map && compatible_has(pr, "pcie")))) {
		if (!avail) {
			w->info->n_disabled++;
		} else {
			rc = add_host(w, d);
			if (rc < 0)
				return rc;
		}
	}
	if (!has_iommus)
		return 0;
	if (!avail) {
		w->info->n_disabled++;
		return 0;
	}
	return add_master(w, d);
}

static int walk_tree(struct walk *w, int (*fn)(struct walk *, int, int))
{
	int node = 0, depth = 0, rc;

	while (node >= 0) {
		rc = enter(w, node, depth);
		if (rc < 0)
			return rc;
		rc = fn(w, node, depth);
		if (rc < 0)
			return rc;
		node = fdt_next_node(w->fdt, node, &depth);
		if (node >= 0 && depth < 0)
			break;
	}
	if (node < 0 && node != -FDT_ERR_NOTFOUND) {
		w->info->fdt_err = node;
		return fail(w, -1, SMMUV3_FDT_ERR_TREE);
	}
	return 0;
}

int smmuv3_fdt_parse(const void *fdt, size_t len, struct smmuv3_fdt_info *info)
{
	static struct walk zero;
	struct walk w = zero;
	int rc;

	if (!info)
		return -SMMUV3_FDT_ERR_BADARG;
	info->n_units = info->n_hosts = info->n_maps = info->n_masters = info->n_streams = 0;
	info->n_disabled = info->n_other = 0;
	info->err_node = -1;
	info->fdt_err = 0;
	if (!fdt)
		return -SMMUV3_FDT_ERR_BADARG;
	w.fdt = fdt;
	w.info = info;
	/* Every honest tree needs a handful of visits per master; this is linear. */
	w.budget = 16 * (uint64_t)len + 4096;
	rc = fdt_tree_check(fdt, len);
	if (rc) {
		info->fdt_err = rc;
		return -SMMUV3_FDT_ERR_TREE;
	}
	rc = walk_tree(&w, pass_iommus);
	if (rc == 0)
		rc = walk_tree(&w, pass_masters);
	if (rc == 0 && (info->n_units > info->units_cap || info->n_hosts > info->hosts_cap ||
			info->n_maps > info->maps_cap || info->n_masters > info->masters_cap ||
			info->n_streams > info->streams_cap))
		rc = -SMMUV3_FDT_ERR_NOSPACE;
	return rc;
}
