/* SPDX-License-Identifier: BSD-2-Clause */
/* Records to builder input, for every architecture (runtime/iommu/input.c). */
#include <CUnit/Basic.h>
#include <errno.h>

#include "cu_run.h"
#include "iommu/input.h"

static void test_expand(void)
{
	uint16_t sids[300];

	CU_ASSERT_EQUAL(iommu_pci_expand(SMMUB_DEV_PCI_FUNC, 0, 3, 1, sids, 300), 1);
	CU_ASSERT_EQUAL(sids[0], 0x19);
	CU_ASSERT_EQUAL(iommu_pci_expand(SMMUB_DEV_PCI_DEV, 2, 31, 0, sids, 300), 8);
	CU_ASSERT_EQUAL(sids[0], 0x2f8);
	CU_ASSERT_EQUAL(sids[7], 0x2ff);
	CU_ASSERT_EQUAL(iommu_pci_expand(SMMUB_DEV_PCI_BUS, 255, 0, 0, sids, 300), 256);
	CU_ASSERT_EQUAL(sids[255], 0xffff);
	CU_ASSERT_EQUAL(iommu_pci_expand(SMMUB_DEV_PCI_ANY, 0, 0, 0, sids, 300), 65536);
	CU_ASSERT_EQUAL(sids[299], 299);
	CU_ASSERT_EQUAL(iommu_pci_expand(SMMUB_DEV_PCI_FUNC, 256, 0, 0, sids, 300), -EINVAL);
	CU_ASSERT_EQUAL(iommu_pci_expand(SMMUB_DEV_PCI_FUNC, 0, 32, 0, sids, 300), -EINVAL);
	CU_ASSERT_EQUAL(iommu_pci_expand(SMMUB_DEV_PCI_FUNC, 0, 0, 8, sids, 300), -EINVAL);
	CU_ASSERT_EQUAL(iommu_pci_expand(9, 0, 0, 0, sids, 300), -EINVAL);
}

static const struct cu_case cases[] = {
	{ "PCI specs to requester ids", test_expand },
};

int main(void)
{
	return CU_RUN("iommu input", cases);
}
