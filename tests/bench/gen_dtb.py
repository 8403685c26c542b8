#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Writes a flattened device tree of N /reserved-memory regions, all named
memory@ADDR, each labelled lN in /__symbols__ (dtc's parser runs out of
stack on so many sibling nodes in source form).
Usage: gen_dtb.py N OUT.dtb"""
import struct
import sys

BEGIN, END, PROP, FINISH = 1, 2, 3, 9
BASE = 0x40000000  # clear of every default table memory


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    strings = bytearray()
    offs = {}

    def name_off(s):
        if s not in offs:
            offs[s] = len(strings)
            strings.extend(s.encode() + b"\0")
        return offs[s]

    st = bytearray()

    def pad():
        st.extend(b"\0" * (-len(st) % 4))

    def begin(name):
        st.extend(struct.pack(">I", BEGIN) + name.encode() + b"\0")
        pad()

    def prop(name, value):
        st.extend(struct.pack(">III", PROP, len(value), name_off(name)) + value)
        pad()

    def cells(*v):
        return b"".join(struct.pack(">I", x) for x in v)

    begin("")
    prop("#address-cells", cells(1))
    prop("#size-cells", cells(1))
    begin("reserved-memory")
    prop("#address-cells", cells(1))
    prop("#size-cells", cells(1))
    prop("ranges", b"")
    for i in range(1, n + 1):
        begin("memory@%x" % (BASE + i * 4096))
        prop("reg", cells(BASE + i * 4096, 0x1000))
        st.extend(struct.pack(">I", END))
    st.extend(struct.pack(">I", END))
    begin("__symbols__")
    for i in range(1, n + 1):
        prop("l%d" % i, b"/reserved-memory/memory@%x\0" % (BASE + i * 4096))
    st.extend(struct.pack(">I", END))
    st.extend(struct.pack(">II", END, FINISH))
    off_rsv = 40
    off_struct = off_rsv + 16
    off_strings = off_struct + len(st)
    total = off_strings + len(strings)
    hdr = struct.pack(">10I", 0xD00DFEED, total, off_struct, off_strings, off_rsv,
                      17, 16, 0, len(strings), len(st))
    with open(out, "wb") as f:
        f.write(hdr + b"\0" * 16 + st + strings)


main()
