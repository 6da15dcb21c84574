"""Inspect one uploaded CV in a process of its own, under CPU and memory limits.

talents/cv.py runs this file as `python -I talents/cv_check.py --cpu-seconds 3 --memory-mb 256
--max-pages 30` with the PDF on standard input, and reads one JSON line from standard output:
{"verdict": "ok" | "not_pdf" | "encrypted" | "unreadable" | "too_many_pages" | "too_complex",
"pages": n, "detail": which check or limit said no (for the log)}.

Why a process: pypdf is pure Python, and a small hostile PDF (an object stream that inflates to
tens of megabytes, a 62,000-page tree, nesting thousands deep) costs seconds of CPU and hundreds of
megabytes. Here the kernel stops it (RLIMIT_CPU, RLIMIT_AS) and the parent kills it after a
wall-clock timeout, so a web worker only ever waits. This module imports nothing from Django or the
portal: it starts in about 0.1 s and never sees settings, secrets or the database.

The checks below refuse the known shapes early, with a precise verdict; the limits catch the rest.
"""

import argparse
import contextlib
import io
import json
import logging
import os
import re
import resource
import sys
import warnings
import zlib

import pypdf
from pypdf import PdfReader
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

PDF_MAGIC = b"%PDF-"
MAX_OBJECTS = 50_000  # cross-reference entries; a long CV has a few thousand
# Looked for in the raw bytes before pypdf, whose Python loops are what a crafted file makes slow.
XREF_ROW = re.compile(rb"\d{10} \d{5} [fn]")  # one entry of a classic cross-reference table
DECLARED_SIZE = re.compile(rb"/Size\s+(\d{1,12})")  # a trailer's or cross-reference stream's object count
PAGES_NODE = re.compile(rb"<<[^<>]*?/Type\s*/Pages\b[^<>]*?>>")  # a page-tree node without nested dictionaries
PAGES_COUNT = re.compile(rb"/Count\s+(\d{1,12})")
MAX_PAGE_TREE_DEPTH = 32
MAX_NESTING = 64  # arrays and dictionaries inside each other; real files stay under ten
MAX_STRUCTURE_INFLATED = 16 << 20  # one object or cross-reference stream, inflated
# All other streams together, counted while inflating (never held in memory): 64 times the file, within bounds.
MIN_TOTAL_INFLATED, MAX_TOTAL_INFLATED, INFLATION_RATIO = 64 << 20, 256 << 20, 64
INFLATE_CHUNK = 1 << 20


class Verdict(Exception):
    def __init__(self, verdict, *, pages=None, detail=""):
        super().__init__(verdict)
        self.verdict = verdict
        self.pages = pages
        self.detail = detail  # for the log: which limit or check said no


def limit_resources(*, cpu_seconds, memory_bytes):
    """The kernel's limits for this process: past them it is stopped (SIGXCPU) or allocations fail."""

    def lower(kind, value):
        hard = resource.getrlimit(kind)[1]
        hard = value + 1 if hard == resource.RLIM_INFINITY else hard
        value = min(value, hard)
        # RLIMIT_CPU: SIGXCPU at the soft limit, SIGKILL a second later should it be caught.
        # macOS refuses some (RLIMIT_AS); the parent's wall-clock timeout holds everywhere.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(kind, (value, min(value + 1, hard) if kind == resource.RLIMIT_CPU else value))

    lower(resource.RLIMIT_CPU, cpu_seconds)
    lower(resource.RLIMIT_AS, memory_bytes)
    lower(resource.RLIMIT_CORE, 0)
    # Below the web processes, so checking CVs never starves /healthz or other pages of CPU.
    os.nice(10)


class CycleWarnings(logging.Handler):
    """pypdf steps around some cycles (a /Prev chain that loops) with only a warning: note them."""

    seen = False

    def emit(self, record):
        message = record.getMessage().lower()
        CycleWarnings.seen |= "circular" in message or "cycl" in message


def configure_pypdf():
    """Tighter decompression limits than pypdf's defaults for what pypdf itself inflates here (object
    and cross-reference streams), no external decoders, and pypdf's warnings kept off standard error."""
    log = logging.getLogger("pypdf")
    log.setLevel(logging.WARNING)
    log.propagate = False
    log.addHandler(CycleWarnings())
    warnings.simplefilter("ignore")
    if hasattr(pypdf, "overwrite_configuration"):  # pypdf 6.x; older versions rely on the limits alone
        pypdf.overwrite_configuration(
            zlib_maximum_output_length=MAX_STRUCTURE_INFLATED,
            lzw_maximum_output_length=MAX_STRUCTURE_INFLATED,
            run_length_maximum_output_length=MAX_STRUCTURE_INFLATED,
            page_tree_maximum_depth=MAX_PAGE_TREE_DEPTH,
            jbig2dec_binary=None,
        )


def count_pages(reader, max_pages):
    """Walk the page tree without pypdf's flattening: stop past max_pages, refuse cycles and odd depth."""
    root = reader.trailer["/Root"].get_object()
    pages_ref = root["/Pages"]
    declared = pages_ref.get_object().get("/Count")
    if isinstance(declared, IndirectObject):
        declared = declared.get_object()
    if isinstance(declared, int) and declared > max_pages:
        raise Verdict("too_many_pages", pages=int(declared), detail="declared /Count")
    stack, seen, nodes, pages = [(pages_ref, 0)], set(), 0, 0
    while stack:
        ref, depth = stack.pop()
        if isinstance(ref, IndirectObject):
            if (ref.idnum, ref.generation) in seen:  # a cycle, or one page listed twice: a broken tree
                raise Verdict("unreadable", detail="page tree cycle")
            seen.add((ref.idnum, ref.generation))
        nodes += 1
        if depth > MAX_PAGE_TREE_DEPTH or nodes > 4 * max_pages + 64:
            raise Verdict("too_complex", detail="page tree too deep or too wide")
        node = ref.get_object()
        if not isinstance(node, DictionaryObject):
            raise Verdict("unreadable", detail="page tree node is not a dictionary")
        kids = node.get("/Kids")
        if node.get("/Type") == "/Pages" or kids is not None:
            kids = kids.get_object() if isinstance(kids, IndirectObject) else kids
            if not isinstance(kids, ArrayObject):
                raise Verdict("unreadable", detail="/Kids is not an array")
            stack.extend((kid, depth + 1) for kid in reversed(kids))
        else:
            pages += 1
            if pages > max_pages:
                raise Verdict("too_many_pages", detail="counted in the page tree")
    if pages < 1:
        raise Verdict("unreadable", detail="no pages")
    return pages


def inflated_size(stream, budget):
    """How many bytes a FlateDecode stream inflates to, counted chunk by chunk; Verdict past `budget`."""
    filters = stream.get("/Filter")
    if isinstance(filters, IndirectObject):
        filters = filters.get_object()
    first = filters[0] if isinstance(filters, ArrayObject) and filters else filters
    if first not in ("/FlateDecode", "/Fl"):
        return 0  # images (DCT, JPX) and rare filters: nothing here decodes them
    # pypdf keeps the encoded bytes in _data; get_data() would inflate all of them into memory at once.
    pending = getattr(stream, "_data", b"")
    inflater, size = zlib.decompressobj(), 0
    while pending or not inflater.eof:
        try:
            out = inflater.decompress(pending, INFLATE_CHUNK)
        except zlib.error:
            break  # viewers tolerate a truncated stream; so does this count
        size += len(out)
        if size > budget:
            raise Verdict("too_complex", detail="inflates past its budget")
        pending = inflater.unconsumed_tail
        if not out and not pending:
            break
    return size


def too_deep(obj):
    """True when arrays and dictionaries nest past MAX_NESTING (walked without recursion)."""
    stack = [(obj, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_NESTING:
            return True
        if isinstance(item, dict):
            stack.extend((value, depth + 1) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, depth + 1) for value in item)
    return False


def check_objects(reader, *, file_size):
    """Read every object written outside object streams, count what every stream inflates to, and
    refuse deep nesting in anything read so far (object-stream members included)."""
    plain = [(number, generation) for generation, table in reader.xref.items() for number in table]
    if len(plain) + len(reader.xref_objStm) > MAX_OBJECTS:
        raise Verdict("too_complex", detail="too many objects")
    # Real pages compress 2 to 40 times; a bomb a thousand times. Small files get a floor to grow into.
    content_budget, total = min(MAX_TOTAL_INFLATED, max(MIN_TOTAL_INFLATED, INFLATION_RATIO * file_size)), 0
    for number, generation in plain:
        obj = reader.get_object(IndirectObject(number, generation, reader))
        if isinstance(obj, StreamObject):
            structure = obj.get("/Type") in ("/ObjStm", "/XRef")
            budget = MAX_STRUCTURE_INFLATED if structure else content_budget - total
            total += inflated_size(obj, budget)
    if any(too_deep(obj) for obj in list(reader.resolved_objects.values())):
        raise Verdict("too_complex", detail="nested too deep")


def limit_behind(error):
    """The limit that stopped pypdf (a decompression limit, the recursion limit, RLIMIT_AS), which
    pypdf often wraps in a PdfReadError; None when the file is simply broken."""
    for _ in range(16):
        if error is None:
            return None
        if isinstance(error, (LimitReachedError, RecursionError, MemoryError)):
            return type(error).__name__
        error = error.__cause__ or error.__context__
    return None


def prescan(data, *, max_pages):
    """Refuse, at C speed, what pypdf would spend seconds on before any check below could run: a
    cross-reference table or stream of hundreds of thousands of entries, a page tree declaring
    thousands of pages."""
    if any(index > 2 * MAX_OBJECTS for index, _ in enumerate(XREF_ROW.finditer(data))):
        raise Verdict("too_complex", detail="cross-reference table too long")
    if any(int(size) > 2 * MAX_OBJECTS for size in DECLARED_SIZE.findall(data)):
        raise Verdict("too_complex", detail="declares too many objects")
    for node in PAGES_NODE.finditer(data):
        if (count := PAGES_COUNT.search(node.group())) and int(count.group(1)) > max_pages:
            raise Verdict("too_many_pages", pages=int(count.group(1)), detail="declared /Count, raw")


def check(data, *, max_pages):
    """The number of pages of a PDF that passes every check; raises Verdict otherwise."""
    if not data.startswith(PDF_MAGIC):
        raise Verdict("not_pdf")
    configure_pypdf()
    prescan(data, max_pages=max_pages)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Verdict("encrypted")
        if len(reader.xref_objStm) > MAX_OBJECTS:  # before anything makes pypdf parse them all
            raise Verdict("too_complex", detail="too many objects in object streams")
        pages = count_pages(reader, max_pages)
        check_objects(reader, file_size=len(data))
        if CycleWarnings.seen:
            raise Verdict("unreadable", detail="pypdf warned of a cycle")
    except Verdict:
        raise
    except Exception as error:  # pypdf raises many kinds on broken files; each means "unreadable"
        limit = limit_behind(error)
        verdict = "too_complex" if limit else "unreadable"
        raise Verdict(verdict, detail=limit or f"{type(error).__name__}: {str(error)[:200]}") from None
    return pages


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check a CV (PDF on standard input) under resource limits.")
    parser.add_argument("--cpu-seconds", type=int, required=True)
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--max-pages", type=int, required=True)
    parser.add_argument("--max-bytes", type=int, default=5 * 1024 * 1024)
    args = parser.parse_args(argv)
    limit_resources(cpu_seconds=args.cpu_seconds, memory_bytes=args.memory_mb << 20)
    data = sys.stdin.buffer.read(args.max_bytes + 1)
    try:
        if len(data) > args.max_bytes:
            raise Verdict("too_complex", detail="larger than the size cap")
        result = {"verdict": "ok", "pages": check(data, max_pages=args.max_pages), "detail": ""}
    except Verdict as verdict:
        result = {"verdict": verdict.verdict, "pages": verdict.pages, "detail": verdict.detail}
    except MemoryError:
        result = {"verdict": "too_complex", "pages": None, "detail": "MemoryError"}
    del data
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
