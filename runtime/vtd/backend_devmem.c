/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The "devmem" access method of VT-d: real units through /dev/mem. Units come from the
 * ACPI DMAR table (each DRHD), or from the policy's unit lines, which
 * override the firmware; `smmu vtd ignore` reads no DMAR at all and
 * `smmu vtd require` makes a missing DMAR a Design Safe State.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iommu/backend.h"
#include "vtd/vtd_arch.h"
#include "vtd/vtd_firmware.h"
#include "vtd/vtd_hw.h"

/* The policy's vtd smmu flags: require / ignore (0 when none is declared). */
static uint32_t vtd_mode(const struct smmub_view *v)
{
	uint32_t n = v ? smmub_count(v, SMMUB_SEC_SMMUS) : 0, flags = 0;

	for (uint32_t i = 0; i < n; i++) {
		const struct smmub_smmu *s = smmub_smmu(v, i);

		if (smmub_le32(s->type) == SMMUB_SMMU_VTD)
			flags = smmub_le32(s->flags);
	}
	return flags;
}

static struct rt_firmware fw;

static size_t hw_reserved(const struct rt_rmrr **out)
{
	*out = fw.rmrrs;
	return fw.nrmrrs;
}

/*
 * A bridge's secondary bus from its configuration space in sysfs, for
 * DMAR scope paths that cross bridges (read-only).
 */
static int sysfs_secondary_bus(void *arg, uint16_t seg, uint8_t bus, uint8_t dev, uint8_t fn)
{
	char path[96];
	uint8_t sec;
	ssize_t n;
	int fd;

	(void)arg;
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%04x:%02x:%02x.%x/config", seg, bus,
		 dev, fn);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = pread(fd, &sec, 1, 0x19); /* PCI_SECONDARY_BUS */
	close(fd);
	return n == 1 ? sec : -1;
}

static int hw_open(const struct backend_args *a, const struct smmub_view *v, struct rt_unit **up,
		   char *why, size_t whylen)
{
	const char *path = a->firmware ? a->firmware : "/sys/firmware/acpi/tables/DMAR";
	uint32_t mode = a->guest ? 0 : vtd_mode(v);
	struct rt_unit *u = NULL;
	char note[256];
	int n = a->guest ? 0 : backend_policy_units(v, SMMUB_SMMU_VTD, &u);

	*up = NULL;
	if (n < 0) {
		snprintf(why, whylen, "out of memory for the policy's units");
		return -1;
	}
	if (mode & SMMUB_SMMU_VTD_IGNORE) {
		if (!n) {
			snprintf(why, whylen, "smmu vtd ignore, and the policy declares no unit");
			return -1;
		}
	} else if (n == 0) {
		/* no unit lines: the firmware decides, if it can; every DRHD it lists */
		backend_firmware_free(&fw); /* opened again: the table read again */
		if (backend_read_dmar(path, sysfs_secondary_bus, NULL, &fw, why, whylen) == 0) {
			u = fw.units;
			n = (int)fw.nunits;
			fw.units = NULL;
			fw.nunits = 0;
		} else if (mode & SMMUB_SMMU_VTD_REQUIRE) {
			return -1;
		}
		if (backend_other_segment(&fw, note, sizeof(note)))
			iommu_log(IOMMU_LOG_WARN, "%s", note);
	} else if (access(path, R_OK) != 0 && (mode & SMMUB_SMMU_VTD_REQUIRE)) {
		snprintf(why, whylen, "smmu vtd require, and there is no ACPI DMAR table at %s",
			 path);
		free(u);
		return -1;
	}
	int k = 0;

	for (int i = 0; i < n; i++) {
		char err[256];
		struct rt_unit t = u[i];

		if (vtd_hw_open(t.reg_base, a->table_phys, a->table_len, &t.io, err, sizeof(err))) {
			/* keep the others: they must be blocked */
			if (!*why)
				snprintf(why, whylen, "unit %s at 0x%llx: %s", t.name,
					 (unsigned long long)t.reg_base, err);
			continue;
		}
		u[k++] = t;
	}
	*up = u;
	return k;
}

static void hw_close(struct rt_unit *u, size_t n)
{
	for (size_t i = 0; i < n; i++)
		vtd_hw_close(&u[i].io);
	backend_firmware_free(&fw);
}

const struct backend vtd_backend_devmem = {
	.name = "devmem",
	.component = "smmu-vtd",
	/* a safety variant when smmuman is one: libsmmurt is built once for both */
	.model = false,
	.shared_table_memory = true, /* one carve-out, mapped once per unit */
	.open = hw_open,
	.close = hw_close,
	.dma = NULL,
	.firmware_reserved = hw_reserved,
	.unit_for = NULL,
};
