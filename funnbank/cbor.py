"""The subset of CBOR that Pagefind's metadata file is written in: read by the index check
(`indexcheck`), read and written by the renaming of its pages (`pagenames`).

Definite lengths only, as Pagefind (minicbor) writes them. `decode` reads integers, byte and text
strings, arrays, maps, tags and simple values; `encode` writes integers, text strings and arrays,
which is all a metadata file holds.
"""

from __future__ import annotations

from typing import Any


def decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    """One CBOR item from `data` at offset `at` and the offset after it."""
    if at >= len(data):
        raise ValueError("CBOR data ends early")
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        if at + size > len(data):
            raise ValueError("CBOR data ends early")
        argument, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise ValueError(f"unsupported CBOR length {info}")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        if at + argument > len(data):
            raise ValueError("CBOR data ends early")
        raw = data[at:at + argument]
        return (raw if major == 2 else raw.decode("utf-8")), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(argument):
            key, at = decode(data, at)
            mapping[key], at = decode(data, at)
        return mapping, at
    if major == 6:
        return decode(data, at)
    return {20: False, 21: True, 22: None}.get(argument, argument), at


def encode(value: Any) -> bytes:
    """`value` (an int, a str, or a list of them, nested) in CBOR, each length in its shortest form."""
    if isinstance(value, bool):
        raise ValueError("CBOR encoding of booleans is not supported")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise ValueError(f"CBOR encoding of {type(value).__name__} is not supported")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError(f"CBOR integer too large: {argument}")
