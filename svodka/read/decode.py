"""Bytes → str: UTF-8 (with or without BOM), Windows-1251 and KOI8-R, detected.

Russian archives mix the three. UTF-8 is tried strictly first. For single-byte data both
Cyrillic code pages decode any byte, so the choice is made by how Russian the result
looks: in real text most Cyrillic letters are lower case and the commonest letters are
о, е, а, и, н, т, с; the wrong code page turns lower case into upper case and back.
"""

from __future__ import annotations

import codecs

BINARY_CONTROL_SHARE = 0.05  # more control characters than this: not text
COMMON_LETTERS = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё")
CYRILLIC_ENCODINGS = ("cp1251", "koi8_r")


class DecodeError(ValueError):
    """Bytes that are not text in any supported encoding; the message is the reason."""


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > BINARY_CONTROL_SHARE


def russian_score(text: str) -> float:
    """How much `text` looks like Russian prose: share of Cyrillic letters that are
    lower-case common letters (1.0 for ordinary text, low for a wrong code page)."""
    cyrillic = [ch for ch in text if "\u0400" <= ch <= "\u04ff"]
    if not cyrillic:
        return 0.0
    common = sum(1 for ch in cyrillic if ch in COMMON_LETTERS)
    return common / len(cyrillic)


def decode(data: bytes) -> tuple[str, str]:
    """Decode `data`; returns (text, encoding). Raises DecodeError with the reason."""
    if looks_binary(data):
        raise DecodeError("binary file (not text)")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise DecodeError(
                f"undecodable bytes: UTF-8 BOM but invalid UTF-8 at byte {error.start}"
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    if _mostly_utf8(data):
        raise DecodeError(f"undecodable bytes: invalid UTF-8 at byte {utf8_error.start}")
    best: tuple[float, str, str] | None = None
    for encoding in CYRILLIC_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = russian_score(text)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is None or best[0] < 0.5:
        raise DecodeError(
            f"undecodable bytes: not UTF-8 (byte {utf8_error.start}), "
            "nor Windows-1251 or KOI8-R Russian text"
        )
    return best[1], best[2]


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are UTF-8 with a few corrupt places (not a single-byte page)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return good > 0 and bad * 10 < good
