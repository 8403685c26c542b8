#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Random .smmu policies and DMA probes around every region edge.

randpolicy.py SEED OUT.smmu OUT.probes: the same seed gives the same files,
so a failure is reproduced by its seed. Policies mix exact, device and bus
wildcards, shared allow sets, overlapping regions with differing
permissions, unaligned regions, 2 MiB and 1 GiB aligned runs, and reserved
lines; probes hit one byte either side of every region edge, page edges
and superpage edges, for devices in the policy and devices not in it.
"""
import random
import sys

G = 1 << 30
M2 = 1 << 21
K4 = 4096


# smmuman's default table memory (0xc000000,16M): it refuses a grant there
TABLES = (0xC000000, 0xCFFFFFF)


def reaches_tables(start, size):
    return start & ~(K4 - 1) <= TABLES[1] and (start + size - 1) | (K4 - 1) >= TABLES[0]


def region(r):
    while True:
        kind = r.random()
        if kind < 0.15:  # a superpage-able run
            size = r.choice([M2, 2 * M2, 3 * M2, G])
            start = r.randrange(1, 64) * (G if size == G else M2)
        elif kind < 0.3:  # unaligned: widened to pages
            start = r.randrange(0x100000, 0x40000000)
            size = r.randrange(1, 5 * K4)
        else:
            start = r.randrange(0x100, 0x40000) * K4
            size = r.randrange(1, 40) * K4
        if not reaches_tables(start, size):
            return start, size


def spec_of(bus, dev, fn):
    return f"pci:{bus}:{dev}.{fn}"


def main():
    seed, smmu_path, probe_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    r = random.Random(seed)
    lines = [f"# random policy, seed {seed}"]
    sets = {}
    for i in range(r.randrange(1, 6)):
        name = f"s{i}"
        regs = []
        for _ in range(r.randrange(1, 5)):
            start, size = region(r)
            if regs and r.random() < 0.3:  # overlap the previous one
                ps, pz, _ = regs[-1]
                moved = ps + r.randrange(0, max(1, pz // K4)) * K4
                start = start if reaches_tables(moved, size) else moved
            perms = r.choice(["", ",s", ",t", ",st"])
            regs.append((start, size, perms))
            lines.append(f"allow {name} 0x{start:x},0x{size:x}{perms}")
        sets[name] = regs

    buses = [0, r.randrange(1, 256)]
    devices = []
    for _ in range(r.randrange(1, 8)):
        bus, dev, fn = r.choice(buses), r.randrange(0, 32), r.randrange(0, 8)
        devices.append((bus, dev, fn))
    devices = sorted(set(devices))
    for bus, dev, fn in devices:
        s = r.choice(list(sets) + [None])
        lines.append(f"device {spec_of(bus, dev, fn)}" + (f" {s}" if s else ""))
        if r.random() < 0.25:
            start, size = region(r)
            lines.append(f"reserved 0x{start:x},0x{size:x}")
    if r.random() < 0.4:  # a wildcard under the exact specs
        wb = r.choice(buses)
        lines.append(f"device pci:{wb}:* {r.choice(list(sets))}")
    if r.random() < 0.3:
        wd = r.randrange(0, 32)
        lines.append(f"device pci:{buses[0]}:{wd}.* {r.choice(list(sets))}")

    addrs = set()
    for regs in sets.values():
        for start, size, _ in regs:
            end = start + size
            for a in (start, end):
                page = a & ~(K4 - 1)
                for x in (a - 1, a, page - 1, page, page + K4 - 1, page + K4,
                          (a & ~(M2 - 1)) - 1, (a | (M2 - 1)) + 1):
                    if 0 <= x < 1 << 48:
                        addrs.add(x)
    addrs = sorted(addrs)
    probes = []
    targets = devices + [(buses[0], r.randrange(0, 32), r.randrange(0, 8)),
                         (r.randrange(0, 256), 1, 0)]
    for bus, dev, fn in targets:
        for a in r.sample(addrs, min(len(addrs), 24)):
            for acc in "rw":
                probes.append(f"{spec_of(bus, dev, fn)} 0x{a:x} {acc}")
    with open(smmu_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(probe_path, "w") as f:
        f.write("\n".join(probes) + "\n")


main()
