# SPDX-License-Identifier: BSD-2-Clause
# Manual pages, installed by 'make install'.
dist_man_MANS += man/smmucc.1 man/smmu.5
dist_man_MANS += man/smmuman.8 man/smmuctl.8
