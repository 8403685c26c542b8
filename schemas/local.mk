# SPDX-License-Identifier: BSD-2-Clause
dist_noinst_DATA += schemas/policy.schema.json schemas/smmub.h schemas/README.md
# The client protocol's prose (runtime/proto/proto.h states it).
dist_noinst_DATA += schemas/smmu-proto.md
# The asinfo map format read by 'smmucc --asinfo' (compiler/front/asinfo_yaml.c).
dist_noinst_DATA += schemas/asinfo.schema.yaml
