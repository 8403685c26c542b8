/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * <smmu.h>: libsmmu, the client API of smmuman (man smmu_init(3)).
 *
 * Types, constants and functions as the QNX seeds define them, so that a
 * driver written for them builds here; one Linux addition, smmu_xfer_fd().
 * A client talks to smmuman over a Unix socket: SMMU_DEFAULT_SOCKET, or
 * the path in $SMMUMAN_SOCKET.
 */
#ifndef SMMU_H
#define SMMU_H

#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SMMU_DEFAULT_SOCKET "/run/smmuman/smmuman.sock"

/* The seeds' abilities; on Linux the daemon checks the peer's uid and group. */
#define SMMU_ABILITY_ATTACH_NAME "smmu/attach"
#define SMMU_ABILITY_TARGET_NAME "smmu/target"

#define SMMUMAN_SAFETY_ERROR (-1)
#define SMMUMAN_SAFETY_NO    0
#define SMMUMAN_SAFETY_YES   0xffff

enum smmu_devid_type { SDT_PCI = 0, SDT_MMIO = 1, SDT_NUM_TYPES = 2 };

/* bus, dev, func: each a number or SMMU_PCI_FIELD_ANY */
struct smmu_devid_pci {
	unsigned type;
	unsigned bus, dev, func;
};

struct smmu_devid_mmio {
	unsigned type;
	unsigned length; /* of the register block */
	uint64_t phys;	 /* register base */
};

union smmu_devid {
	unsigned type;
	struct smmu_devid_pci pci;
	struct smmu_devid_mmio mmio;
	uint64_t __spacer[4];
};

#define SMMU_PCI_FIELD_ANY (~0u)

enum smmu_mapping_flags {
	SMF_NONE = 0x00,   /* remove */
	SMF_READ = 0x01,   /* the devices may read */
	SMF_WRITE = 0x02,  /* the devices may write */
	SMF_EXEC = 0x04,
	SMF_VIRT = 0x08,   /* reserved */
	SMF_TARGET = 0x10, /* phys translates to target: privileged clients */
};

struct smmu_map_entry {
	union {
		void *virt;	 /* reserved */
		uint32_t virt32; /* reserved */
		uint64_t virt64; /* reserved */
		uint64_t phys;
	};
	uint64_t len;
};

#define SSF_DROPPED_FAULTS 0x80000000u

struct smmu_status {
	uint64_t hw_specific;
	uint64_t fault_addr;
	union smmu_devid devid;
	unsigned flags; /* SSF_DROPPED_FAULTS */
};

enum smmu_obj_create_flags { SOCF_NONE = 0, SOCF_RESERVED_MANUAL = 1 };

struct smmu_object;
struct sigevent;

int smmu_init(unsigned flags);
void smmu_fini(void);
int smmu_safety(void);

struct smmu_object *smmu_obj_create(unsigned flags);
void smmu_obj_destroy(struct smmu_object *sop);

int smmu_device_add_generic(struct smmu_object *sop, const union smmu_devid *devid);
unsigned smmu_device_report_reserved(const union smmu_devid *devid, unsigned offset,
				     struct smmu_map_entry *resv, unsigned nresv);

int smmu_mapping_add(struct smmu_object *sop, unsigned flags, pid_t pid, unsigned num_entries,
		     const struct smmu_map_entry *entries, uint64_t target);

int smmu_xfer_notify(const struct sigevent *evp);
int smmu_xfer_status(struct smmu_status *ssp);
/* Linux: the connection's descriptor, readable when transgressions are queued. */
int smmu_xfer_fd(void);

static inline int smmu_device_add_pci(struct smmu_object *const sop, unsigned pbus,
				      unsigned pdev, unsigned pfunc)
{
	union smmu_devid devid;

	devid.__spacer[0] = devid.__spacer[1] = devid.__spacer[2] = devid.__spacer[3] = 0;
	devid.pci.type = SDT_PCI;
	devid.pci.bus = pbus;
	devid.pci.dev = pdev;
	devid.pci.func = pfunc;
	return smmu_device_add_generic(sop, &devid);
}

static inline int smmu_device_add_mmio(struct smmu_object *const sop, uint64_t phys,
				       unsigned len)
{
	union smmu_devid devid;

	devid.__spacer[0] = devid.__spacer[1] = devid.__spacer[2] = devid.__spacer[3] = 0;
	devid.mmio.type = SDT_MMIO;
	devid.mmio.length = len;
	devid.mmio.phys = phys;
	return smmu_device_add_generic(sop, &devid);
}

#ifdef __cplusplus
}
#endif

#endif
