#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Writes an ACPI DMAR table: remapping units (DRHDs) and RMRRs.

mkdmar.py OUT [--drhd BASE[,seg=S][,scopes=K]]... [BASE,LIMIT,BUS:DEV.FN[,seg=S]]...

Each --drhd is one DRHD at register base BASE on PCI segment S (default 0)
listing K PCI endpoint scopes (00:00.0, 00:00.1, ... then bus 1...), or with
K = 0 (the default) INCLUDE_PCI_ALL. Without --drhd: one INCLUDE_PCI_ALL
DRHD at 0xfed90000 on segment 0. Each other argument is one RMRR with one
PCI endpoint scope, on segment S (default 0). Layout per the VT-d
specification: the ACPI header, host address width and flags, then
remapping structures.
"""
import struct
import sys


def scope(bus, dev, fn):
    # type 1 (PCI endpoint), length, reserved, enumeration id, start bus, path
    return struct.pack("<BBHBB", 1, 8, 0, 0, bus) + struct.pack("<BB", dev, fn)


def opts(parts):
    kv = {}
    for p in parts:
        k, v = p.split("=")
        kv[k] = int(v, 0)
    return kv


def drhd(spec):
    parts = spec.split(",")
    kv = opts(parts[1:])
    seg, n = kv.get("seg", 0), kv.get("scopes", 0)
    scopes = b"".join(scope(i >> 8, (i >> 3) & 31, i & 7) for i in range(n))
    flags = 0 if n else 1  # INCLUDE_PCI_ALL when it lists no device
    body = struct.pack("<HHBBHQ", 0, 16 + len(scopes), flags, 0, seg, int(parts[0], 0))
    return body + scopes


def rmrr(spec):
    parts = spec.split(",")
    base, limit, bdf = parts[:3]
    seg = opts(parts[3:]).get("seg", 0)
    bus, devfn = bdf.split(":")
    dev, fn = devfn.split(".")
    sc = scope(int(bus), int(dev), int(fn))
    return struct.pack("<HHHHQQ", 1, 24 + len(sc), 0, seg, int(base, 0), int(limit, 0)) + sc


def main():
    out, args = sys.argv[1], sys.argv[2:]
    units, rmrrs = [], []
    while args:
        a = args.pop(0)
        if a == "--drhd":
            units.append(drhd(args.pop(0)))
        else:
            rmrrs.append(rmrr(a))
    if not units:
        units.append(drhd("0xfed90000"))
    body = struct.pack("<BB10x", 47, 0)  # HAW 48 bits, flags
    body += b"".join(units) + b"".join(rmrrs)
    hdr = struct.pack("<4sIBB6s8sI4sI", b"DMAR", 36 + len(body), 1, 0, b"SMMU  ",
                      b"TESTDMAR", 1, b"SMMU", 1)
    table = bytearray(hdr + body)
    table[9] = (256 - sum(table) % 256) % 256  # checksum: all bytes sum to 0
    with open(out, "wb") as f:
        f.write(table)


main()
