/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM SMMUv3 (IHI 0070): the registers, commands, events and in-memory
 * structures this project uses, stated once. The builder, the independent
 * walker, the simulated unit and the driver share these constants and
 * nothing else. Bit positions are the specification's; where QEMU 7.2
 * differs, ../shared/reference/qemu-smmuv3-facts.md says how.
 */
#ifndef SMMU_SMMUV3_REGS_H
#define SMMU_SMMUV3_REGS_H

#include <stdint.h>

/* ---- registers (page 0 unless said; page 1 at +0x10000) -------------- */
#define SMMUV3_REG_IDR0		0x00
#define SMMUV3_REG_IDR1		0x04
#define SMMUV3_REG_IDR5		0x14
#define SMMUV3_REG_AIDR		0x1c
#define SMMUV3_REG_CR0		0x20
#define SMMUV3_REG_CR0ACK	0x24
#define SMMUV3_REG_CR1		0x28
#define SMMUV3_REG_CR2		0x2c
#define SMMUV3_REG_GBPA		0x44
#define SMMUV3_REG_IRQ_CTRL	0x50
#define SMMUV3_REG_IRQ_CTRLACK	0x54
#define SMMUV3_REG_GERROR	0x60
#define SMMUV3_REG_GERRORN	0x64
#define SMMUV3_REG_STRTAB_BASE	0x80 /* 64-bit */
#define SMMUV3_REG_STRTAB_BASE_CFG 0x88
#define SMMUV3_REG_CMDQ_BASE	0x90 /* 64-bit */
#define SMMUV3_REG_CMDQ_PROD	0x98
#define SMMUV3_REG_CMDQ_CONS	0x9c
#define SMMUV3_REG_EVTQ_BASE	0xa0 /* 64-bit */
#define SMMUV3_REG_EVTQ_PROD	0x100a8 /* page 1 */
#define SMMUV3_REG_EVTQ_CONS	0x100ac /* page 1 */
#define SMMUV3_REG_SPAN		0x20000 /* both pages */

/* IDR0 */
#define SMMUV3_IDR0_S2P		(1u << 0)
#define SMMUV3_IDR0_S1P		(1u << 1)
#define SMMUV3_IDR0_TTF_SHIFT	2 /* 2 bits: 2 = AArch64 */
#define SMMUV3_IDR0_COHACC	(1u << 4)
#define SMMUV3_IDR0_TTENDIAN_SHIFT 21 /* 2 bits: 0 mixed, 2 LE, 3 BE */
#define SMMUV3_IDR0_ASID16	(1u << 12)
#define SMMUV3_IDR0_VMID16	(1u << 18)
#define SMMUV3_IDR0_ST_LEVEL_SHIFT 27 /* 2 bits: 0 linear only, 1 2-level too */
#define SMMUV3_IDR0_ST_LEVEL_MASK (3u << 27)
/* IDR1 */
#define SMMUV3_IDR1_SIDSIZE_MASK 0x3fu /* bits 5:0 */
#define SMMUV3_IDR1_EVTQS_SHIFT	16     /* bits 20:16 */
#define SMMUV3_IDR1_CMDQS_SHIFT	21     /* bits 25:21 */
#define SMMUV3_IDR1_QS_MASK	0x1fu
/* IDR5 */
#define SMMUV3_IDR5_OAS_MASK	0x7u /* 0:32 1:36 2:40 3:42 4:44 5:48 6:52 bits */
#define SMMUV3_IDR5_GRAN4K	(1u << 4)

/* CR0 / CR0ACK */
#define SMMUV3_CR0_SMMUEN	(1u << 0)
#define SMMUV3_CR0_EVTQEN	(1u << 2)
#define SMMUV3_CR0_CMDQEN	(1u << 3)
/* CR1: queue and table accesses, each IC [1:0], OC [3:2], SH [5:4] (0 NC, 1 WBWA; 2 OSH, 3 ISH) */
#define SMMUV3_CR1_QUEUE_SHIFT	0
#define SMMUV3_CR1_TABLE_SHIFT	6
/* CR2 */
#define SMMUV3_CR2_RECINVSID	(1u << 1)
#define SMMUV3_CR2_PTM		(1u << 2)
/* GBPA */
#define SMMUV3_GBPA_ABORT	(1u << 20)
#define SMMUV3_GBPA_UPDATE	(1u << 31)
/* GERROR / GERRORN: a condition is active while the two bits differ */
#define SMMUV3_GERROR_CMDQ_ERR	(1u << 0)
#define SMMUV3_GERROR_EVTQ_ABT	(1u << 2)
#define SMMUV3_GERROR_MASK	0x1fdu /* every non-secure GERROR bit */

/* Queue bases (CMDQ_BASE, EVTQ_BASE) and STRTAB_BASE */
#define SMMUV3_BASE_RA		(1ull << 62)
#define SMMUV3_Q_BASE_ADDR_MASK	0x000fffffffffffe0ull /* bits 51:5 */
#define SMMUV3_Q_LOG2SIZE_MASK	0x1full
#define SMMUV3_STRTAB_ADDR_MASK	0x000fffffffffffc0ull /* bits 51:6 */
/* STRTAB_BASE_CFG */
#define SMMUV3_STRTAB_LOG2SIZE_MASK 0x3fu	/* bits 5:0 */
#define SMMUV3_STRTAB_SPLIT_SHIFT 6		/* bits 10:6 */
#define SMMUV3_STRTAB_SPLIT_MASK (0x1fu << 6)
#define SMMUV3_STRTAB_FMT_SHIFT	16		/* bits 17:16 */
#define SMMUV3_STRTAB_FMT_LINEAR 0u
#define SMMUV3_STRTAB_FMT_2LVL	1u
/* Queue PROD/CONS: index in [LOG2SIZE-1:0], wrap at bit LOG2SIZE */
#define SMMUV3_CMDQ_CONS_ERR_SHIFT 24 /* bits 30:24 */
#define SMMUV3_CMDQ_CONS_ERR_MASK (0x7fu << 24)
#define SMMUV3_CERROR_ILL	1u
#define SMMUV3_EVTQ_PROD_OVFLG	(1u << 31)
#define SMMUV3_EVTQ_CONS_OVACKFLG (1u << 31)

/* ---- stream table ----------------------------------------------------- */
#define SMMUV3_STE_BYTES	64
#define SMMUV3_STE_DWORDS	8
/* L1 descriptor of a 2-level table (8 bytes): L2Ptr [51:6], Span [4:0] */
#define SMMUV3_L1_SPAN_MASK	0x1full
#define SMMUV3_L1_ADDR_MASK	0x000fffffffffffc0ull
/* STE dword0 */
#define SMMUV3_STE0_V		(1ull << 0)
#define SMMUV3_STE0_CONFIG_SHIFT 1 /* bits 3:1 */
#define SMMUV3_STE0_CONFIG_MASK	(7ull << 1)
#define SMMUV3_STE_CONFIG_ABORT	0u
#define SMMUV3_STE_CONFIG_BYPASS 4u
#define SMMUV3_STE_CONFIG_S1	5u
#define SMMUV3_STE_CONFIG_S2	6u
#define SMMUV3_STE0_S1FMT_MASK	(3ull << 4)
#define SMMUV3_STE0_S1CTXPTR_MASK 0x000fffffffffffc0ull /* bits 51:6 */
#define SMMUV3_STE0_S1CDMAX_SHIFT 59
/* STE dword1 */
#define SMMUV3_STE1_S1DSS_MASK	(3ull << 0)
#define SMMUV3_STE1_S1CIR_SHIFT	2
#define SMMUV3_STE1_S1COR_SHIFT	4
#define SMMUV3_STE1_S1CSH_SHIFT	6
#define SMMUV3_STE1_S1STALLD	(1ull << 27)
#define SMMUV3_STE1_SHCFG_SHIFT	44
/* STE dword2: stage 2 */
#define SMMUV3_STE2_S2VMID_MASK	0xffffull	/* bits 15:0 */
#define SMMUV3_STE2_S2T0SZ_SHIFT 32		/* bits 37:32 */
#define SMMUV3_STE2_S2SL0_SHIFT	38		/* bits 39:38 */
#define SMMUV3_STE2_S2IR0_SHIFT	40
#define SMMUV3_STE2_S2OR0_SHIFT	42
#define SMMUV3_STE2_S2SH0_SHIFT	44
#define SMMUV3_STE2_S2TG_SHIFT	46		/* bits 47:46: 0 = 4K */
#define SMMUV3_STE2_S2PS_SHIFT	48		/* bits 50:48 */
#define SMMUV3_STE2_S2AA64	(1ull << 51)
#define SMMUV3_STE2_S2ENDI	(1ull << 52)
#define SMMUV3_STE2_S2AFFD	(1ull << 53)
#define SMMUV3_STE2_S2PTW	(1ull << 54)
#define SMMUV3_STE2_S2S		(1ull << 57)
#define SMMUV3_STE2_S2R		(1ull << 58) /* record faults */
/* STE dword3: S2TTB [51:4] */
#define SMMUV3_STE3_S2TTB_MASK	0x000ffffffffffff0ull

/* ---- context descriptor (64 bytes) ----------------------------------- */
#define SMMUV3_CD_BYTES		64
#define SMMUV3_CD0_T0SZ_MASK	0x3full		/* bits 5:0 */
#define SMMUV3_CD0_TG0_SHIFT	6		/* 0 = 4K */
#define SMMUV3_CD0_IRGN0_SHIFT	8
#define SMMUV3_CD0_ORGN0_SHIFT	10
#define SMMUV3_CD0_SH0_SHIFT	12
#define SMMUV3_CD0_EPD0		(1ull << 14)
#define SMMUV3_CD0_ENDI		(1ull << 15)
#define SMMUV3_CD0_T1SZ_SHIFT	16
#define SMMUV3_CD0_EPD1		(1ull << 30)
#define SMMUV3_CD0_V		(1ull << 31)
#define SMMUV3_CD0_IPS_SHIFT	32		/* bits 34:32 */
#define SMMUV3_CD0_AFFD		(1ull << 35)
#define SMMUV3_CD0_AA64		(1ull << 41)
#define SMMUV3_CD0_HD		(1ull << 42)
#define SMMUV3_CD0_HA		(1ull << 43)
#define SMMUV3_CD0_S		(1ull << 44)
#define SMMUV3_CD0_R		(1ull << 45) /* record faults */
#define SMMUV3_CD0_A		(1ull << 46) /* abort (not RAZ/WI) on fault */
#define SMMUV3_CD0_ASET		(1ull << 47)
#define SMMUV3_CD0_ASID_SHIFT	48
#define SMMUV3_CD1_TTB0_MASK	0x000ffffffffffff0ull /* bits 51:4 */

/* ---- LPAE descriptors, 4 KiB granule ---------------------------------- */
#define SMMUV3_PAGE_SHIFT	12
#define SMMUV3_PAGE_SIZE	4096ull
#define SMMUV3_PT_ENTRIES	512
#define SMMUV3_PTE_VALID	(1ull << 0)
#define SMMUV3_PTE_TABLE	(1ull << 1) /* levels 0-2: table; level 3: page */
#define SMMUV3_PTE_ADDR_MASK	0x0000fffffffff000ull /* bits 47:12 */
#define SMMUV3_PTE_AF		(1ull << 10)
#define SMMUV3_PTE_SH_IS	(3ull << 8)
/* stage 1 */
#define SMMUV3_PTE_S1_ATTRIDX_SHIFT 2
#define SMMUV3_PTE_S1_AP1	(1ull << 6) /* EL0 access */
#define SMMUV3_PTE_S1_AP2	(1ull << 7) /* read-only */
#define SMMUV3_PTE_S1_NG	(1ull << 11)
/* stage 2 */
#define SMMUV3_PTE_S2_MEMATTR_SHIFT 2 /* bits 5:2 */
#define SMMUV3_PTE_S2AP_R	(1ull << 6)
#define SMMUV3_PTE_S2AP_W	(1ull << 7)
/* upper attributes */
#define SMMUV3_PTE_XN		(1ull << 54)
/* Bytes one entry at level L maps (level 3 = 4 KiB page, 2 = 2 MiB, 1 = 1 GiB). */
#define SMMUV3_LEVEL_SPAN(level) (1ull << (12 + 9 * (3 - (level))))

/* ---- commands (16 bytes; opcode in dword0 [7:0]) ---------------------- */
#define SMMUV3_CMD_BYTES	16
#define SMMUV3_CMD_CFGI_STE	0x03 /* SID dword0 [63:32], Leaf dword1 [0] */
#define SMMUV3_CMD_CFGI_ALL	0x04 /* dword1 Range [4:0] = 31 */
#define SMMUV3_CMD_CFGI_CD	0x05
#define SMMUV3_CMD_TLBI_NH_ALL	0x10
#define SMMUV3_CMD_TLBI_NH_ASID	0x11 /* ASID dword0 [63:48] */
#define SMMUV3_CMD_TLBI_S12_VMALL 0x28 /* VMID dword0 [47:32] */
#define SMMUV3_CMD_TLBI_NSNH_ALL 0x30
#define SMMUV3_CMD_SYNC		0x46

/* ---- events (32 bytes) ------------------------------------------------ */
#define SMMUV3_EVT_BYTES	32
/* dword0: type [7:0], StreamID [63:32]; dword1: RnW [35] (1 = read); dword2: address */
#define SMMUV3_EVT1_RNW		(1ull << 35)
#define SMMUV3_EVT_F_UUT	0x01
#define SMMUV3_EVT_C_BAD_STREAMID 0x02
#define SMMUV3_EVT_F_STE_FETCH	0x03 /* external abort fetching an STE or L1STD */
#define SMMUV3_EVT_C_BAD_STE	0x04
#define SMMUV3_EVT_F_BAD_ATS_TREQ 0x05
#define SMMUV3_EVT_F_STREAM_DISABLED 0x06
#define SMMUV3_EVT_F_TRANSL_FORBIDDEN 0x07
#define SMMUV3_EVT_C_BAD_SUBSTREAMID 0x08
#define SMMUV3_EVT_F_CD_FETCH	0x09 /* external abort fetching a CD */
#define SMMUV3_EVT_C_BAD_CD	0x0a
#define SMMUV3_EVT_F_WALK_EABT	0x0b
#define SMMUV3_EVT_F_TRANSLATION 0x10
#define SMMUV3_EVT_F_ADDR_SIZE	0x11
#define SMMUV3_EVT_F_ACCESS	0x12
#define SMMUV3_EVT_F_PERMISSION	0x13
#define SMMUV3_EVT_F_TLB_CONFLICT 0x20
#define SMMUV3_EVT_F_CFG_CONFLICT 0x21
#define SMMUV3_EVT_E_PAGE_REQUEST 0x24
#define SMMUV3_EVT_F_VMS_FETCH	0x25

#endif
