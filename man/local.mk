# SPDX-License-Identifier: BSD-2-Clause
# Manual pages, installed by 'make install'.
dist_man_MANS += man/smmucc.1 man/smmu.5
dist_man_MANS += man/smmuman.8 man/smmuctl.8
# libsmmu's, one page per family; the other names are .so links to them
dist_man_MANS += man/smmu_init.3 man/smmu_obj_create.3 man/smmu_device_add_generic.3 \
	man/smmu_mapping_add.3 man/smmu_xfer_status.3 \
	man/smmu_fini.3 man/smmu_safety.3 man/smmu_obj_destroy.3 man/smmu_device_add_pci.3 \
	man/smmu_device_add_mmio.3 man/smmu_device_report_reserved.3 man/smmu_xfer_notify.3 \
	man/smmu_xfer_fd.3
