"""Every kind of bad input we have tried, made on the fly; `python tests/app/bad_inputs.py DIR`
prints what a user sees for each (the README table)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "wg6-2021.txt"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def one_page_pdf(draw, **kwargs) -> bytes:
    """A one-page PDF drawn by ``draw(canvas)`` (reportlab); kwargs go to the canvas (encrypt=...)."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, **kwargs)
    draw(c)
    c.showPage()
    c.save()
    return out.getvalue()


def _text_pdf(**kwargs) -> bytes:
    return one_page_pdf(
        lambda c: c.drawString(72, 700, "1. The Working Group met in Vienna."), **kwargs
    )


def _tracked_docx() -> bytes:
    """A report whose paragraph 2 has a tracked insertion and deletion."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("I. Introduction")
    d.add_paragraph("1. The Working Group met in Vienna.")
    p = d.add_paragraph("2. The Working Group ")
    p._p.append(
        parse_xml(f'<w:ins {W} w:id="1" w:author="a"><w:r><w:t>adopted</w:t></w:r></w:ins>')
    )
    p._p.append(
        parse_xml(
            f'<w:del {W} w:id="2" w:author="a"><w:r><w:delText>rejected</w:delText></w:r></w:del>'
        )
    )
    p._p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve"> the report.</w:t></w:r>'))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _zip() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("report.txt", "1. The Working Group met in Vienna.")
    return out.getvalue()


HTML = """<html><head><script>alert('x')</script></head><body><h2>I. Introduction</h2>
<p>1. The Working Group met in Vienna.<script>document.write('injected')</script></p>
<p>2. It adopted its report.</p></body></html>"""


def make(folder: Path) -> dict[str, Path]:
    """Write every bad (or awkward) input into folder; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "empty file": ("empty.txt", b""),
        "random bytes named .pdf": ("random.pdf", os.urandom(4096)),
        "truncated PDF": ("truncated.pdf", _text_pdf()[:600]),
        "encrypted PDF": ("encrypted.pdf", _text_pdf(encrypt="pw")),
        "image-only PDF": ("scan.pdf", one_page_pdf(lambda c: c.rect(100, 100, 300, 500, fill=1))),
        "DOCX with tracked changes": ("tracked.docx", _tracked_docx()),
        "HTML with scripts": ("scripts.html", HTML.encode()),
        "non-UTF-8 text": ("latin1.txt", "1. Résumé des délibérations.".encode("latin-1")),
        "unknown extension": ("notes.xyz", b"1. Text."),
        "HTML without text": (
            "blank.html",
            b"<html><head><title></title></head><body> </body></html>",
        ),
        "ZIP archive named .pdf": ("archive.pdf", _zip()),
        "10,000 one-line paragraphs": (
            "long.txt",
            "\n\n".join(f"{i}. Line {i}." for i in range(1, 10001)).encode(),
        ),
    }
    out = {}
    for label, (name, data) in files.items():
        (folder / name).write_bytes(data)
        out[label] = folder / name
    big = folder / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    out["50 MB file"] = big
    out["path that does not exist"] = folder / "missing.txt"
    mixed = folder / "mixed"
    mixed.mkdir(exist_ok=True)
    shutil.copy(SEED, mixed / "wg6-2021.txt")
    shutil.copy(folder / "random.pdf", mixed / "broken.pdf")
    out["folder with a good and a bad file"] = mixed
    empty = folder / "no-documents"
    empty.mkdir(exist_ok=True)
    (empty / "notes.xyz").write_bytes(b"1. Not a document type.")
    out["folder with no documents"] = empty
    return out


def main(folder: Path) -> None:
    print("| input | what the user sees (`rapporteur ingest`) | exit |\n|---|---|---|")
    for label, path in make(folder).items():
        home = folder / f"home-{path.stem}"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "rapporteur.cli",
                "--home",
                str(home),
                "ingest",
                "--no-index",
                str(path),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        lines = [
            x for x in run.stderr.splitlines() if x.startswith("skipped:")
        ] + run.stdout.splitlines()[-1:]
        seen = "<br>".join(x.replace(str(folder) + "/", "") for x in lines)
        print(f"| {label} | {seen} | {run.returncode} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
