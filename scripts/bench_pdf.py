"""PDF reading speed and memory: pages per CPU second and peak memory of ``read_path`` on a
generated text PDF (tests/hostile.py's hand-written generator), each run in a fresh process.

    .venv/bin/python scripts/bench_pdf.py                 # 600 pages of 40 lines
    .venv/bin/python scripts/bench_pdf.py --pages 100 --lines 20 --runs 3
    .venv/bin/python scripts/bench_pdf.py --file corpora/raw/original/vbhn-23-2020-vpqh-luat-ban-hanh-vbqppl.pdf

Prints one line per run: pages, CPU seconds, pages/s per core, peak resident MB.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

_CHILD = r"""
import json, resource, sys, time
from docextract.read import read_path
import pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    pages = len(pdf.pages)
start = time.process_time()
read_path(sys.argv[1])
cpu = time.process_time() - start
print(json.dumps({"pages": pages, "cpu": cpu, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=600, help="pages of the generated PDF (default 600)")
    parser.add_argument("--lines", type=int, default=40, help="text lines per generated page (default 40)")
    parser.add_argument("--file", help="time this PDF instead of a generated one")
    parser.add_argument("--runs", type=int, default=1, help="fresh processes to run (default 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        if args.file:
            pdf = Path(args.file)
        else:
            from hostile import text_pdf

            pdf = text_pdf(folder, "bench.pdf", args.pages, lines_per_page=args.lines)
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, "-c", _CHILD, str(pdf)], cwd=ROOT, capture_output=True, text=True,
                                 check=True)
            facts = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{facts['pages']} pages  {facts['cpu']:.1f} s CPU  {facts['pages'] / facts['cpu']:.1f} pages/s  "
                  f"peak {facts['peak_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
