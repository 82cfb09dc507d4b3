"""Text encodings of Shapefile DBFs and CSV tables.

Honour ``encoding=`` and the ``.cpg``, else detect UTF-8 vs. cp1252/latin-1
from the bytes, and never return mojibake ("BrÃ¼ckviertel").

Shared building blocks (public names for the other modules of the package, not part of
the user-facing ``__all__``): ``decode_text``, ``normalise_encoding``,
``shapefile_encoding``.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np

from ..errors import DataFileError
from ..schema import ValidationReport

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ASCII = bytes(range(128))
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def _guess_encoding(chunks: Iterator[bytes]) -> str:
    """``"ascii"``, ``"utf-8"``, ``"cp1252"`` or ``"latin-1"`` from the bytes.

    UTF-8 when every non-ASCII byte belongs to a well-formed UTF-8 sequence (or
    nearly all: fixed-width DBF fields can cut a sequence in two); otherwise the
    Windows code page 1252 (latin-1 if bytes undefined in cp1252 occur).
    German text in cp1252 is practically never valid UTF-8: "ö" is the single
    byte 0xF6, which UTF-8 only allows as the first byte of a 4-byte sequence.
    """
    high = valid_bytes = valid_seqs = 0
    cp1252_ok = True
    for chunk in chunks:
        n_high = len(chunk.translate(None, _ASCII))
        if not n_high:
            continue
        seqs = _UTF8_MULTIBYTE.findall(chunk)
        high += n_high
        valid_seqs += len(seqs)
        valid_bytes += sum(len(s) for s in seqs)
        cp1252_ok = cp1252_ok and not _CP1252_UNDEFINED.search(chunk)
    invalid = high - valid_bytes
    if high == 0:
        return "ascii"
    if invalid == 0 or valid_seqs > 10 * invalid:
        return "utf-8"
    return "cp1252" if cp1252_ok else "latin-1"


def _dbf_chunks(f: IO[bytes], chunk_size: int = 1 << 22) -> Iterator[bytes]:
    """The text of a DBF: its field names, then the bytes of its character fields.

    In chunks that end on record boundaries.

    The binary parts are left out: the field descriptors hold each field's width as one byte
    (a text field of 128 to 254 characters, common in ALKIS ``lagebeztxt``, has a width byte
    0x80–0xFE, which is no UTF-8), and numbers, dates and flags are no text either. Taken as
    text they made valid UTF-8 look like cp1252 and a correct ``.cpg`` look wrong.
    """
    header = f.read(32)
    if len(header) < 32:
        return
    header_len = int.from_bytes(header[8:10], "little")
    record_len = max(int.from_bytes(header[10:12], "little"), 1)
    descriptors = f.read(max(header_len - 32, 0))
    names: list[bytes] = []
    text_bytes = np.zeros(record_len, dtype=bool)
    offset = 1  # each record starts with the deletion flag
    for start in range(0, len(descriptors) - 31, 32):
        field = descriptors[start : start + 32]
        if field[0] == 0x0D:  # end of the field descriptors
            break
        names.append(field[:11].split(b"\x00", 1)[0])
        width = field[16]
        if field[11:12].upper() == b"C":
            text_bytes[offset : offset + width] = True
        offset += width
    if offset != record_len:  # descriptors not understood: every byte of the records
        text_bytes[1:] = True
    yield b" ".join(names)
    step = max(chunk_size // record_len, 1) * record_len
    while chunk := f.read(step):
        n = len(chunk) // record_len  # a rest shorter than a record: the end-of-file mark
        records = np.frombuffer(chunk, dtype=np.uint8, count=n * record_len)
        yield records.reshape(n, record_len)[:, text_bytes].tobytes()


def normalise_encoding(encoding: str) -> str:
    """Python's canonical codec name ('latin-1' → 'iso8859-1'); pyogrio/GDAL reject some aliases."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(
            f"unknown encoding {encoding!r}; use e.g. 'utf-8', 'cp1252' or 'latin-1'"
        ) from None


_CPG_ALIASES = {
    "65001": "utf-8",
    "utf8": "utf-8",
    "88591": "latin-1",
    "iso88591": "latin-1",
    "885915": "iso8859-15",
    "iso885915": "iso8859-15",
    "ansi1252": "cp1252",
    "ansi": "cp1252",
}


def _codec_from_cpg(text: str) -> str | None:
    key = re.sub(r"[\s_\-]", "", text.strip().lower())
    name = _CPG_ALIASES.get(key) or (f"cp{key}" if key.isdigit() else text.strip())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decodes(chunks: Iterator[bytes], codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    try:
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


#: Lead bytes of two-byte UTF-8 sequences for Latin letters (Ã = 0xC3, Â = 0xC2, Å = 0xC5 …)
_MOJIBAKE = re.compile(rb"[\xc2-\xc5][\x80-\xbf]")


def _mojibake_sample(open_dbf: Any, codec: str) -> tuple[str, str] | None:
    """A misread word when text declared as a single-byte code page is really UTF-8.

    When text declared as ``codec`` is really UTF-8, a word as it would be
    misread ("BrÃ¼ckviertel") and as it is ("Brückviertel"); else None.

    The ``codec`` decoding must show the typical "Ã"/"Â" pairs and the bytes must be UTF-8
    by :func:`_guess_encoding`. German text in cp1252 is practically never valid UTF-8.
    Reads the DBF in chunks (twice at most), never whole.
    """
    if len("ü".encode().decode(codec, errors="replace")) != 2:
        return None  # codec is UTF-8 itself or multi-byte: nothing to misread this way
    sample = None
    with open_dbf() as f:
        for chunk in _dbf_chunks(f):
            for m in _MOJIBAKE.finditer(chunk):
                start = max(chunk.rfind(b" ", 0, m.start()) + 1, m.start() - 30)
                end = chunk.find(b" ", m.end())
                end = m.end() + 30 if end < 0 else min(end, m.end() + 30)
                word = chunk[start:end].strip(b"\x00")
                misread = word.decode(codec, errors="replace")
                if "Ã" in misread or "Â" in misread or "Å" in misread:
                    sample = misread, word.decode("utf-8", errors="replace")
                    break
            if sample is not None:
                break
    if sample is None:
        return None
    with open_dbf() as f:
        if _guess_encoding(_dbf_chunks(f)) != "utf-8":
            return None
    return sample


def shapefile_encoding(
    name: str,
    open_dbf: Any,
    cpg_text: str | None,
    encoding: str | None,
    pre: ValidationReport,
) -> str:
    """Encoding of a Shapefile's DBF: ``encoding=``, else the .cpg, else detected from the bytes."""
    if encoding is not None:
        return normalise_encoding(encoding)
    if cpg_text is not None:
        codec = _codec_from_cpg(cpg_text)
        if codec is not None:
            with open_dbf() as f:
                decodes = _decodes(_dbf_chunks(f), codec)
            if decodes:
                sample = _mojibake_sample(open_dbf, codec)
                if sample is None:
                    return codec
                pre.warn(
                    None,
                    None,
                    f"{name}: the .cpg file says {cpg_text.strip()!r} ({codec}), but the DBF "
                    f"text is UTF-8: read as {codec} it would show {sample[0]!r} instead of "
                    f"{sample[1]!r}; read as UTF-8",
                    f"write UTF-8 into the .cpg file ({Path(name).stem}.cpg), or pass "
                    "encoding='utf-8'",
                )
                return "utf-8"
            with open_dbf() as f:
                detected = _guess_encoding(_dbf_chunks(f))
            pre.warn(
                None,
                None,
                f"{name}: the .cpg says {cpg_text.strip()!r}, but the DBF text is not valid "
                f"{codec}; read as {detected} instead",
                "fix the .cpg file or pass encoding=",
            )
            return detected
        pre.warn(
            None,
            None,
            f"{name}: unknown code page {cpg_text.strip()!r} in the .cpg file; detecting the encoding",
            "pass encoding= (e.g. 'cp1252' or 'utf-8')",
        )
    with open_dbf() as f:
        detected = _guess_encoding(_dbf_chunks(f))
    if detected == "ascii":
        return "utf-8"
    pre.note(f"{name}: no .cpg file; the DBF text was detected as {detected}")
    return detected


def decode_text(data: bytes, encoding: str | None, name: str, pre: ValidationReport) -> str:
    """Decode a CSV: ``encoding=`` or UTF-8 (with or without BOM), else cp1252/latin-1."""
    if encoding is not None:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DataFileError(
                f"{name}: cannot decode the file as {encoding!r} ({exc})", name
            ) from None
    with contextlib.suppress(UnicodeDecodeError):
        return data.decode("utf-8-sig")  # also without BOM
    guess = _guess_encoding(iter([data]))
    pre.note(f"{name}: the text is not UTF-8; read as {guess}")
    return data.decode(guess)
