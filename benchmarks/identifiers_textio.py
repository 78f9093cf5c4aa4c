"""Speed and memory of core.identifiers and core.textio (figures in docs/identifiers.md).

    .venv/bin/python -m benchmarks.identifiers_textio [--big-mb 50]

Each figure is measured in this process except the memory ones, which run in a child process
so that its peak RSS is that of the one job.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import timeit
import zipfile

LINE = "Case note: Jane Doe seen at home, NHS 943 476 5870, all well. Zoë £5\n"


def bench_identifiers() -> None:
    from safehaven.core import identifiers as ids
    from safehaven.core.identifiers import phone

    cases = [
        ("is_valid_upn", "B801200005001"),
        ("is_valid_upn", "b801 2000 0500 1"),
        ("is_valid_uln", "9276308686"),
        ("is_valid_nhs", "9434765870"),
        ("is_valid_nhs", "943 476 5871"),
        ("is_valid_chi", "0211165794"),
        ("is_valid_hc", "3811178008"),
        ("is_valid_nino", "AB123456C"),
        ("is_valid_postcode", "SW1A 1AA"),
        ("is_valid_phone", "020 7946 0123"),
    ]
    print("identifier checks (best of 3 x 100 000 calls)")
    for name, text in cases:
        fn = getattr(ids, name)
        best = min(timeit.repeat(lambda fn=fn, text=text: fn(text), number=100_000, repeat=3))
        print(f"  {name}({text!r}): {best / 100_000 * 1e6:.2f} us")

    def uncached() -> None:
        phone._valid_text.cache_clear()
        phone._lib_parse.cache_clear()
        ids.is_valid_phone("020 7946 0123")

    best = min(timeit.repeat(uncached, number=2000, repeat=3))
    print(f"  is_valid_phone uncached: {best / 2000 * 1e6:.1f} us")


def make_pdf(pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for p in range(pages):
        for line in range(45):
            c.drawString(40, 800 - line * 17, f"Line {line} of page {p}: Jane Doe, LS1 4AP.")
        c.showPage()
    c.save()
    return buf.getvalue()


def make_docx(paragraphs: int = 1) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("X")
    buf = io.BytesIO()
    document.save(buf)
    if paragraphs <= 1:
        return buf.getvalue()
    # python-docx's add_paragraph is quadratic: write the body XML directly instead.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    xml = src.read("word/document.xml").decode()
    para = f"<w:p><w:r><w:t>{LINE.strip() * 4}</w:t></w:r></w:p>"
    xml = xml.replace("<w:body>", "<w:body>" + para * paragraphs, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            body = xml if info.filename == "word/document.xml" else src.read(info.filename)
            zf.writestr(info.filename, body)
    return out.getvalue()


def bench_textio() -> None:
    from safehaven.core.textio import extract_bytes

    pdf = make_pdf(100)
    best = min(timeit.repeat(lambda: extract_bytes(pdf, name="x.pdf"), number=1, repeat=3))
    print(f"100-page text PDF: {best:.2f} s ({100 / best:.0f} pages/s)")
    docx_bytes = make_docx()
    best = min(timeit.repeat(lambda: extract_bytes(docx_bytes, name="x.docx"), number=20, repeat=3))
    print(f"small DOCX: {best / 20 * 1000:.1f} ms")


# Peak RSS from /proc (VmHWM): getrusage's ru_maxrss would include the parent's peak, which a
# child inherits across fork and exec on Linux.
HWM = "int([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]) / 1024"

CHILD = f"""
import sys, time
from safehaven.core.textio import extract_text, iter_text_chunks
path, mode = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if mode == "stream":
    n = sum(len(c.text) - c.overlap for c in iter_text_chunks(path))
else:
    n = len(extract_text(path).text)
seconds = time.perf_counter() - start
rss = {HWM}
print(f"{{n}} chars in {{seconds:.2f}} s, peak RSS {{rss:.1f}} MB")
"""


def bench_memory(big_mb: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        text_path = os.path.join(tmp, "big.txt")
        with open(text_path, "w", encoding="utf-8") as fh:
            for _ in range(big_mb * 1024 * 1024 // len(LINE.encode())):
                fh.write(LINE)
        docx_path = os.path.join(tmp, "big.docx")
        with open(docx_path, "wb") as fh:
            fh.write(make_docx(120_000))
        baseline = subprocess.run(
            [sys.executable, "-c", f"import safehaven.core.textio; print({HWM})"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        print(f"interpreter + textio import: {float(baseline.stdout):.1f} MB RSS")
        for label, path, mode in (
            (f"{big_mb} MB text, streamed", text_path, "stream"),
            ("DOCX with a 34 MB document.xml", docx_path, "extract"),
        ):
            run = subprocess.run(
                [sys.executable, "-c", CHILD, path, mode], capture_output=True, text=True
            )
            print(f"{label}: {(run.stdout or run.stderr).strip().splitlines()[-1]}")


def bench_pdf_fallback() -> None:
    """Would pdfplumber read a damaged PDF that pypdfium2 cannot? (It never did here.)"""
    import logging
    import random
    import re
    import warnings

    import pdfplumber
    import pypdfium2 as pdfium

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    base = make_pdf(3)
    variants = {
        "truncated 90%": base[: int(len(base) * 0.9)],
        "truncated 60%": base[: int(len(base) * 0.6)],
        "xref offsets zeroed": re.sub(rb"\d{10} 00000 n", b"0000000000 00000 n", base),
        "startxref wrong": re.sub(rb"startxref\s+\d+", b"startxref\n999999", base),
        "no trailer": base[: base.rfind(b"trailer")],
        "junk appended": base + b"\x00junk" * 100,
        "junk before": b"JUNK" * 50 + base,
    }
    rng = random.Random(1)
    for i in range(10):
        damaged = bytearray(base)
        for _ in range(20):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        variants[f"20 random bytes #{i}"] = bytes(damaged)
    opened = {"pypdfium2": 0, "pdfplumber": 0}
    rescued = 0
    for data in variants.values():
        try:
            pdfium.PdfDocument(data).close()
            pdfium_ok = True
        except pdfium.PdfiumError:
            pdfium_ok = False
        try:
            with warnings.catch_warnings(), pdfplumber.open(io.BytesIO(data)) as pdf:
                warnings.simplefilter("ignore")
                text = "".join(page.extract_text() or "" for page in pdf.pages)
            plumber_ok = True
        except Exception:  # noqa: BLE001 - pdfminer raises many kinds on damaged input
            plumber_ok, text = False, ""
        opened["pypdfium2"] += pdfium_ok
        opened["pdfplumber"] += plumber_ok
        rescued += plumber_ok and not pdfium_ok and bool(text.strip())
    print(
        f"damaged PDFs opened, of {len(variants)}: pypdfium2 {opened['pypdfium2']}, "
        f"pdfplumber {opened['pdfplumber']}; read by pdfplumber only: {rescued}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big-mb", type=int, default=50, help="size of the streamed text file")
    args = parser.parse_args()
    bench_identifiers()
    bench_textio()
    bench_pdf_fallback()
    bench_memory(args.big_mb)


if __name__ == "__main__":
    main()
