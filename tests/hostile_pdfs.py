"""Hostile PDFs, generated: what an attacker uploads as a CV to stall a web worker.

Used at full size by `make bench-cv` (tests/bench/cv.py) and at small sizes by tests/talents. Each
is a syntactically plausible PDF (it starts with %PDF- and has a cross-reference section) whose
parsing costs far more than its size suggests. `KINDS` lists them with the sizes the benchmark uses.
"""

import zlib

CHUNK = 1 << 20
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"


def _deflate(parts):
    """zlib-compress an iterable of byte strings without holding the whole inflated text."""
    compressor = zlib.compressobj(9)
    out = bytearray()
    for part in parts:
        out += compressor.compress(part)
    out += compressor.flush()
    return bytes(out)


def _padding(size):
    while size > 0:
        step = min(size, CHUNK)
        yield b" " * step
        size -= step


def _stream(dictionary, data):
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def _classic(objects, *, root=1, trailer=b""):
    """A PDF with a classic xref table. objects: {number: body}."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    size = max(offsets) + 1
    xref_at = len(out)
    out += b"xref\n0 %d\n" % size
    out += b"0000000000 65535 f \n"
    out += b"".join(
        b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n" for n in range(1, size)
    )
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer, xref_at)
    return bytes(out)


def _with_object_streams(objects, object_streams, *, root=1, xref_extra=b""):
    """A PDF 1.5 file: `objects` written plainly, `object_streams` a list of
    (stream number, [(number, body), ...], padding bytes after the objects, extra dictionary entries),
    and a cross-reference stream listing both kinds."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    entries = {}
    for number, body in sorted(objects.items()):
        entries[number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    for stream_number, members, padding, extra in object_streams:
        bodies, pairs, at = [], [], 0
        for index, (number, body) in enumerate(members):
            pairs.append(b"%d %d" % (number, at))
            bodies.append(body + b"\n")
            at += len(body) + 1
            entries[number] = (2, stream_number, index)
        header = b" ".join(pairs) + b"\n"
        data = _deflate([header, *bodies, *_padding(padding)])
        dictionary = b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode %s" % (len(members), len(header), extra)
        entries[stream_number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (stream_number, _stream(dictionary, data))
    xref_number = max(entries) + 1
    entries[xref_number] = (1, len(out), 0)
    size = xref_number + 1
    rows = b"".join(
        bytes([entries.get(n, (0, 0, 0))[0]])
        + entries.get(n, (0, 0, 0))[1].to_bytes(4, "big")
        + entries.get(n, (0, 0, 0))[2].to_bytes(4, "big")
        for n in range(size)
    )
    dictionary = b"/Type /XRef /Size %d /W [1 4 4] /Root %d 0 R /Filter /FlateDecode %s" % (size, root, xref_extra)
    xref_at = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (xref_number, _stream(dictionary, zlib.compress(rows)))
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


# --- the kinds --------------------------------------------------------------------------------------


def objstm_bomb(*, megabytes=40, streams=3):
    """Each page sits in its own object stream padded to `megabytes` when inflated (~40 KB each on disk)."""
    pages = list(range(10, 10 + streams))
    kids = b" ".join(b"%d 0 R" % n for n in pages)
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, streams)}
    object_streams = [(100 + i, [(page, PAGE)], megabytes << 20, b"") for i, page in enumerate(pages)]
    return _with_object_streams(objects, object_streams)


def objstm_many_objects(*, count=400_000):
    """One object stream holding `count` tiny objects, every one listed in the cross-reference stream."""
    members = [(3, PAGE)] + [(n, b"null") for n in range(4, count + 4)]
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"}
    return _with_object_streams(objects, [(count + 10, members, 0, b"")])


def content_bomb(*, megabytes=300):
    """A one-page CV whose page content inflates to `megabytes` (about 1 KB on disk per MB)."""
    data = _deflate(_padding(megabytes << 20))
    return _classic(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            4: _stream(b"/Filter /FlateDecode", data),
        }
    )


def deep_arrays(*, depth=100_000):
    """A page whose /Annots is an array nested `depth` deep: [[[[ … ]]]]."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots %s%s >>" % (b"[" * depth, b"]" * depth)
    return _classic({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 3: page})


def deep_dictionaries(*, depth=50_000):
    """A catalog with a dictionary nested `depth` deep: << /A << /A … >> >>, outside the page tree."""
    nested = b"<< /A " * depth + b"0" + b" >>" * depth
    return _classic(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /Extra 4 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: PAGE,
            4: nested,
        }
    )


def wide_arrays(*, objects=25, elements=99_000):
    """`objects` objects outside the page tree, each an array of `elements` numbers: ~5 MB of tokens."""
    numbers = b"[" + b"0 " * elements + b"]"
    body = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 3: PAGE}
    body.update(dict.fromkeys(range(4, 4 + objects), numbers))
    return _classic(body)


def many_pages(*, pages=62_000, honest_count=True):
    """`pages` pages in one flat page tree (~4.7 MB at 62,000); /Count says 1 unless honest_count."""
    first = 3
    numbers = range(first, first + pages)
    kids = b" ".join(b"%d 0 R" % n for n in numbers)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages if honest_count else 1),
    }
    objects.update(dict.fromkeys(numbers, b"<</Type/Page/Parent 2 0 R>>"))
    return _classic(objects)


def cyclic_page_tree():
    """A page tree whose inner node lists its own parent among its kids: 2 → 3 → 2 → …"""
    return _classic(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
            3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R] /Count 2 >>",
            4: b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] >>",
        }
    )


def cyclic_xref_chain():
    """Two cross-reference sections whose trailers name each other as /Prev: A → B → A → …"""
    body = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: PAGE,
    }
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number, text in body.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, text)
    rows = b"0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offsets[n] for n in (1, 2, 3))
    first = len(out)
    width = len(b"xref\n0 4\n") + len(rows) + len(b"trailer\n<< /Size 4 /Root 1 0 R /Prev 0000000000 >>\n")
    second = first + width
    out += b"xref\n0 4\n%strailer\n<< /Size 4 /Root 1 0 R /Prev %010d >>\n" % (rows, second)
    out += b"xref\n0 4\n%strailer\n<< /Size 4 /Root 1 0 R /Prev %010d >>\n" % (rows, first)
    out += b"startxref\n%d\n%%%%EOF\n" % second
    return bytes(out)


def self_referencing_objects():
    """Every value is a reference to itself or its neighbour: the catalog's /Pages is 5 0 R, which is 6 0 R, …"""
    return _classic(
        {
            1: b"<< /Type /Catalog /Pages 5 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: PAGE,
            5: b"6 0 R",
            6: b"5 0 R",
        }
    )


def huge_xref_stream(*, entries=60_000_000):
    """A cross-reference stream declaring `entries` objects, its zeros deflated to ~0.4 MB."""
    row_bytes = 7 * entries
    data = _deflate(b"\x00" * min(CHUNK, row_bytes - done) for done in range(0, row_bytes, CHUNK))
    out = bytearray(b"%PDF-1.7\n")
    out += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    out += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    xref_at = len(out)
    dictionary = b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode" % entries
    out += b"3 0 obj\n%s\nendobj\n" % _stream(dictionary, data)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def huge_xref_table(*, entries=240_000):
    """A classic xref table of `entries` rows (~4.8 MB), all but three pointing at nothing."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 3: PAGE}
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % entries
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in (1, 2, 3))
    out += b"%010d 00000 n \n" % 9 * (entries - 4)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (entries, xref_at)
    return bytes(out)


# (kind, how it is built at the benchmark's size)
KINDS = [
    ("object-stream bomb (3 x 40 MB)", objstm_bomb),
    ("object stream, 400,000 objects", objstm_many_objects),
    ("content stream bomb (300 MB)", content_bomb),
    ("nested arrays, 100,000 deep", deep_arrays),
    ("nested dictionaries, 50,000 deep", deep_dictionaries),
    ("25 arrays of 99,000 numbers", wide_arrays),
    ("62,000 pages", many_pages),
    ("62,000 pages, /Count 1", lambda: many_pages(honest_count=False)),
    ("cyclic page tree", cyclic_page_tree),
    ("cyclic cross-reference chain", cyclic_xref_chain),
    ("self-referencing objects", self_referencing_objects),
    ("xref stream, 60 M entries", huge_xref_stream),
    ("xref table, 240,000 entries", huge_xref_table),
]
