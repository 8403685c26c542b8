/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Intel VT-d remapping unit registers: every offset and bit this project
 * uses, stated once (Intel VT-d specification, chapter 11). The driver
 * (vtd_drv.c) and the software unit (vtd_sim.c) both take their numbers
 * from here; the table format lives in vtd_pt.h.
 */
#ifndef SMMU_VTD_REGS_H
#define SMMU_VTD_REGS_H

#include <stdint.h>

/* ---- offsets from the unit's register base -------------------------- */
#define VTD_REG_VER	0x00u /* 32: major 7:4, minor 3:0 */
#define VTD_REG_CAP	0x08u /* 64 */
#define VTD_REG_ECAP	0x10u /* 64 */
#define VTD_REG_GCMD	0x18u /* 32, write-only */
#define VTD_REG_GSTS	0x1cu /* 32, read-only */
#define VTD_REG_RTADDR	0x20u /* 64 */
#define VTD_REG_CCMD	0x28u /* 64 */
#define VTD_REG_FSTS	0x34u /* 32 */
#define VTD_REG_FECTL	0x38u /* 32 */
#define VTD_REG_FEDATA	0x3cu /* 32 */
#define VTD_REG_FEADDR	0x40u /* 32 */
#define VTD_REG_FEUADDR 0x44u /* 32 */
/* IVA at ECAP.IRO*16, the IOTLB invalidate register 8 bytes after it. */
#define VTD_REG_IVA_OFF	  0x0u
#define VTD_REG_IOTLB_OFF 0x8u
/* Fault recording register n: 128 bits at CAP.FRO*16 + 16*n. */
#define VTD_FRCD_SIZE	16u
#define VTD_FRCD_LO	0x0u /* fault info: address bits 63:12 */
#define VTD_FRCD_HI	0x8u /* SID, reason, T, F */
#define VTD_FRCD_HI_TOP 0xcu /* the dword holding F (bit 127) */

/* ---- VER ------------------------------------------------------------ */
#define VTD_VER_MAJOR(v) (((v) >> 4) & 0xfu)
#define VTD_VER_MINOR(v) ((v)&0xfu)

/* ---- CAP ------------------------------------------------------------ */
#define VTD_CAP_ND_SHIFT    0 /* number of domain ids: 1 << (4 + 2*ND) */
#define VTD_CAP_ND_MASK	    0x7ull
#define VTD_CAP_RWBF	    (1ull << 4)
#define VTD_CAP_CM	    (1ull << 7)
#define VTD_CAP_SAGAW_SHIFT 8
#define VTD_CAP_SAGAW_MASK  0x1full
#define VTD_SAGAW_39	    (1u << 1) /* 3-level tables */
#define VTD_SAGAW_48	    (1u << 2) /* 4-level tables */
#define VTD_CAP_MGAW_SHIFT  16	      /* MGAW - 1 */
#define VTD_CAP_MGAW_MASK   0x3full
#define VTD_CAP_FRO_SHIFT   24 /* in 16-byte units */
#define VTD_CAP_FRO_MASK    0x3ffull
#define VTD_CAP_SLLPS_SHIFT 34
#define VTD_CAP_SLLPS_2M    (1ull << 34)
#define VTD_CAP_SLLPS_1G    (1ull << 35)
#define VTD_CAP_PSI	    (1ull << 39)
#define VTD_CAP_NFR_SHIFT   40 /* records - 1 */
#define VTD_CAP_NFR_MASK    0xffull
#define VTD_CAP_MAMV_SHIFT  48 /* largest page-selective address mask */
#define VTD_CAP_MAMV_MASK   0x3full
#define VTD_CAP_DWD	    (1ull << 54) /* write draining */
#define VTD_CAP_DRD	    (1ull << 55) /* read draining */

/* ---- ECAP ----------------------------------------------------------- */
#define VTD_ECAP_QI	   (1ull << 1)
#define VTD_ECAP_IR	   (1ull << 3)
#define VTD_ECAP_PT	   (1ull << 6)
#define VTD_ECAP_SC	   (1ull << 7)
#define VTD_ECAP_IRO_SHIFT 8 /* in 16-byte units */
#define VTD_ECAP_IRO_MASK  0x3ffull

/* ---- GCMD / GSTS (same bit positions) -------------------------------- */
#define VTD_GCMD_TE    (1u << 31)
#define VTD_GCMD_SRTP  (1u << 30)
#define VTD_GCMD_SFL   (1u << 29)
#define VTD_GCMD_EAFL  (1u << 28)
#define VTD_GCMD_WBF   (1u << 27)
#define VTD_GCMD_QIE   (1u << 26)
#define VTD_GCMD_IRE   (1u << 25)
#define VTD_GCMD_SIRTP (1u << 24)
#define VTD_GCMD_CFI   (1u << 23)
#define VTD_GSTS_TES   VTD_GCMD_TE
#define VTD_GSTS_RTPS  VTD_GCMD_SRTP
#define VTD_GSTS_FLS   VTD_GCMD_SFL
#define VTD_GSTS_AFLS  VTD_GCMD_EAFL
#define VTD_GSTS_WBFS  VTD_GCMD_WBF
#define VTD_GSTS_QIES  VTD_GCMD_QIE
#define VTD_GSTS_IRES  VTD_GCMD_IRE
#define VTD_GSTS_IRTPS VTD_GCMD_SIRTP
#define VTD_GSTS_CFIS  VTD_GCMD_CFI
/*
 * GCMD is write-only and every write states every enable: a command is
 * written as (GSTS & VTD_GSTS_PERSIST) | command. The mask drops the
 * one-shot status bits (RTPS, FLS, WBFS, IRTPS), keeping TE, EAFL, QIE,
 * IRE, CFI.
 */
#define VTD_GSTS_PERSIST 0x96ffffffu

/* ---- RTADDR --------------------------------------------------------- */
#define VTD_RTADDR_TTM_SHIFT 10 /* 00 legacy root table */
#define VTD_RTADDR_ADDR_MASK 0xfffffffffffff000ull

/* ---- CCMD (context-command) ---------------------------------------- */
#define VTD_CCMD_ICC	    (1ull << 63)
#define VTD_CCMD_CIRG_SHIFT 61
#define VTD_CCMD_CAIG_SHIFT 59
#define VTD_CCMD_G_MASK	    0x3ull
#define VTD_CCMD_GLOBAL	    (1ull << VTD_CCMD_CIRG_SHIFT)
#define VTD_CCMD_DOMAIN	    (2ull << VTD_CCMD_CIRG_SHIFT)
#define VTD_CCMD_DEVICE	    (3ull << VTD_CCMD_CIRG_SHIFT)
#define VTD_CCMD_FM_SHIFT   32 /* function mask, 2 bits */
#define VTD_CCMD_SID_SHIFT  16
#define VTD_CCMD_DID_MASK   0xffffull

/* ---- IOTLB invalidate register -------------------------------------- */
#define VTD_IOTLB_IVT	     (1ull << 63)
#define VTD_IOTLB_IIRG_SHIFT 60
#define VTD_IOTLB_IAIG_SHIFT 57
#define VTD_IOTLB_G_MASK     0x3ull
#define VTD_IOTLB_GLOBAL     (1ull << VTD_IOTLB_IIRG_SHIFT)
#define VTD_IOTLB_DOMAIN     (2ull << VTD_IOTLB_IIRG_SHIFT)
#define VTD_IOTLB_PAGE	     (3ull << VTD_IOTLB_IIRG_SHIFT)
#define VTD_IOTLB_DR	     (1ull << 49)
#define VTD_IOTLB_DW	     (1ull << 48)
#define VTD_IOTLB_DID_SHIFT  32
/* IVA: the page-selective invalidation's address, address mask and hint */
#define VTD_IVA_ADDR_MASK 0xfffffffffffff000ull
#define VTD_IVA_IH	  (1ull << 6)
#define VTD_IVA_AM_MASK	  0x3full

/* ---- FSTS ----------------------------------------------------------- */
#define VTD_FSTS_PFO	   (1u << 0) /* W1C */
#define VTD_FSTS_PPF	   (1u << 1) /* read-only: some FRCD has F set */
#define VTD_FSTS_IQE	   (1u << 4) /* W1C */
#define VTD_FSTS_ICE	   (1u << 5) /* W1C */
#define VTD_FSTS_ITE	   (1u << 6) /* W1C */
#define VTD_FSTS_W1C	   (VTD_FSTS_PFO | VTD_FSTS_IQE | VTD_FSTS_ICE | VTD_FSTS_ITE)
#define VTD_FSTS_FRI_SHIFT 8
#define VTD_FSTS_FRI_MASK  0xffu

/* ---- FECTL ---------------------------------------------------------- */
#define VTD_FECTL_IM (1u << 31)
#define VTD_FECTL_IP (1u << 30)

/* ---- FRCD, as two 64-bit halves -------------------------------------- */
#define VTD_FRCD_LO_ADDR_MASK	 0xfffffffffffff000ull
#define VTD_FRCD_HI_SID_MASK	 0xffffull
#define VTD_FRCD_HI_REASON_SHIFT 32
#define VTD_FRCD_HI_REASON_MASK	 0xffull
#define VTD_FRCD_HI_T		 (1ull << 62) /* 1: read request, 0: write */
#define VTD_FRCD_HI_F		 (1ull << 63) /* W1C */
#define VTD_FRCD_TOP_F		 (1u << 31)   /* F as seen in the top dword */

/* ---- fault reasons (spec table "non-recoverable fault conditions") ---- */
enum vtd_fault_reason {
	VTD_FR_NONE = 0x0,
	VTD_FR_ROOT_NP = 0x1,	  /* root entry not present */
	VTD_FR_CTX_NP = 0x2,	  /* context entry not present */
	VTD_FR_CTX_INV = 0x3,	  /* invalid context entry (AW, TT) */
	VTD_FR_ADDR_BEYOND = 0x4, /* input address beyond the AGAW */
	VTD_FR_WRITE = 0x5,	  /* write denied (QEMU: also non-present leaf) */
	VTD_FR_READ = 0x6,	  /* read denied (QEMU: also non-present leaf) */
	VTD_FR_PT_ACCESS = 0x7,	  /* paging entry could not be read */
	VTD_FR_ROOT_TBL = 0x8,	  /* root table address could not be read */
	VTD_FR_CTX_TBL = 0x9,	  /* context table pointer could not be read */
	VTD_FR_ROOT_RSVD = 0xa,	  /* reserved bits set in a root entry */
	VTD_FR_CTX_RSVD = 0xb,	  /* reserved bits set in a context entry */
	VTD_FR_PT_RSVD = 0xc,	  /* reserved bits set in a paging entry */
	VTD_FR_CTX_TT = 0xd,	  /* translation type blocks the request */
};

#endif
