#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Writes an ACPI DMAR table: one DRHD (INCLUDE_PCI_ALL) and RMRRs.

mkdmar.py OUT BASE,LIMIT,BUS:DEV.FN [...]: each argument is one RMRR with
one PCI endpoint scope. Layout per the VT-d specification: the ACPI header,
host address width and flags, then remapping structures.
"""
import struct
import sys


def scope(bus, dev, fn):
    # type 1 (PCI endpoint), length, reserved, enumeration id, start bus, path
    return struct.pack("<BBHBB", 1, 8, 0, 0, bus) + struct.pack("<BB", dev, fn)


def main():
    out, specs = sys.argv[1], sys.argv[2:]
    body = struct.pack("<BB10x", 47, 0)  # HAW 48 bits, flags
    body += struct.pack("<HHBBHQ", 0, 16, 1, 0, 0, 0xFED90000)  # DRHD, include all
    for spec in specs:
        base, limit, bdf = spec.split(",")
        bus, devfn = bdf.split(":")
        dev, fn = devfn.split(".")
        sc = scope(int(bus), int(dev), int(fn))
        body += struct.pack("<HHHHQQ", 1, 24 + len(sc), 0, 0, int(base, 0), int(limit, 0)) + sc
    hdr = struct.pack("<4sIBB6s8sI4sI", b"DMAR", 36 + len(body), 1, 0, b"SMMU  ",
                      b"TESTDMAR", 1, b"SMMU", 1)
    table = bytearray(hdr + body)
    table[9] = (256 - sum(table) % 256) % 256  # checksum: all bytes sum to 0
    with open(out, "wb") as f:
        f.write(table)


main()
