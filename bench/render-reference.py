"""The same document built with python-docx (Debian python3-docx), as a reference for `npm run bench`.

Reads the layout document jixiao made for the 001 example (as JSON: blocks; tables as placed cells with their
spans), builds it with python-docx — headings, paragraphs, bordered tables with merged cells, A4 — N times, and
prints the median milliseconds per document (interpreter start excluded). Usage: python3 render-reference.py DOC.json N
With N = 0 it builds the document once and writes it to OUT.docx (python3 render-reference.py DOC.json 0 OUT.docx), so
that the bench can time the whole process, interpreter start and imports included, as a user would run it.
"""
import io
import json
import statistics
import sys
import time

from docx import Document
from docx.shared import Mm, Pt


def build(doc):
    d = Document()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for block in doc["blocks"]:
        kind = block["kind"]
        if kind == "title":
            p = d.add_paragraph()
            p.add_run("\n".join(block["lines"])).bold = True
        elif kind == "heading":
            d.add_heading(block["text"], level=block["level"])
        elif kind in ("paragraph", "note"):
            run = d.add_paragraph().add_run(block["text"])
            run.font.size = Pt(16 if kind == "paragraph" else 10.5)
        elif kind == "table":
            t = block["table"]
            table = d.add_table(rows=t["rows"], cols=t["columns"])
            table.style = "Table Grid"
            for c in t["cells"]:
                cell = table.cell(c["row"], c["col"])
                if c["rowSpan"] > 1 or c["colSpan"] > 1:
                    cell = cell.merge(table.cell(c["row"] + c["rowSpan"] - 1, c["col"] + c["colSpan"] - 1))
                cell.text = c["text"]
            for r in range(t["headerRows"]):
                table.rows[r].cells[0]._tc  # header rows exist; python-docx has no API to repeat them
        elif kind == "pageBreak":
            d.add_page_break()
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def main():
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    n = int(sys.argv[2])
    if n == 0:
        with open(sys.argv[3], "wb") as f:
            f.write(build(doc))
        return
    build(doc)  # warm-up
    times = []
    size = 0
    for _ in range(n):
        t0 = time.perf_counter()
        size = len(build(doc))
        times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"median_ms": statistics.median(times), "best_ms": min(times), "bytes": size}))


main()
