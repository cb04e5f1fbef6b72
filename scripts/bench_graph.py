#!/usr/bin/env python3
"""Benchmark of the citation graph store (not a test): a synthetic graph of one million edges.

    python scripts/bench_graph.py [--edges 1000000] [--per-doc 10] [--db /tmp/bench-graph.sqlite]

Builds documents that each cite ``--per-doc`` others (targets drawn with a heavy tail, as real
citations are: a few decrees are cited by everybody), stores them through the same
``GraphStore`` code path as ``docextract index`` (one document replaced at a time, several per
transaction), then reports the index time and the median / p95 latency of ``cited_by``,
``cites`` and ``search`` over random keys. cited-by must stay under 20 ms (median).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docextract.graph import GraphStore  # noqa: E402
from docextract.model import DocumentInfo, DocumentRecord, Reference, Source  # noqa: E402

TYPES = [("Nghị định", "NĐ-CP", "Chính phủ", False), ("Quyết định", "QĐ-TTg", "Thủ tướng Chính phủ", False),
         ("Thông tư", "TT-BTC", "Bộ Tài chính", False), ("Quyết định", "QĐ-UBND", "Ủy ban nhân dân", True),
         ("Kế hoạch", "KH-UBND", "Ủy ban nhân dân", True), ("Nghị quyết", "NQ-HĐND", "Hội đồng nhân dân", True)]
PROVINCES = ["Hà Nội", "Lạng Sơn", "Hải Dương", "Quảng Ngãi", "Nghệ An", "Cần Thơ", "Đồng Nai", "Hà Tĩnh"]
RELATIONS = ["based_on", "implements", "implements", "implements", "mentions", "mentions", "guides", "amends"]
WORDS = ("cải cách hành chính thủ tục một cửa liên thông chuyển đổi số ngân sách đầu tư công tổ chức bộ máy "
         "cán bộ công chức viên chức dữ liệu an toàn thông tin kế hoạch phát triển kinh tế xã hội").split()


def node(i: int, rng: random.Random) -> dict:
    """The i-th synthetic document: type, symbol, key, title."""
    doc_type, code, issuer, local = TYPES[i % len(TYPES)]
    year = 2005 + (i * 7919) % 20
    symbol = f"{i}/{year}/{code}" if code in ("NĐ-CP", "TT-BTC", "QĐ-UBND", "NQ-HĐND") else f"{i}/{code}"
    province = PROVINCES[i % len(PROVINCES)]
    key = f"{symbol}@tỉnh {province}" if local else symbol
    title = "về " + " ".join(rng.choice(WORDS) for _ in range(8))
    return {"type": doc_type, "symbol": symbol, "key": key, "year": year, "issuer": issuer, "title": title,
            "province": province if local else None}


def make_record(i: int, n_nodes: int, per_doc: int, rng: random.Random, alpha: float = 1.1) -> DocumentRecord:
    me = node(i, rng)
    chunks, refs, pos = [], [], 0
    seen = set()
    while len(refs) < per_doc:
        # heavy tail: target index ~ n_nodes * u^alpha' (small indices cited far more often)
        j = int(n_nodes * (rng.random() ** (alpha * 3)))
        if j == i or j in seen:
            continue
        seen.add(j)
        target = node(j, rng)
        relation = rng.choice(RELATIONS)
        mention = f"{target['type']} số {target['symbol']} của {target['issuer']}"
        sentence = f"Triển khai thực hiện {mention} {target['title']}. "
        start = pos + len("Triển khai thực hiện ")
        refs.append(Reference(id=f"r{len(refs) + 1}", text=mention, span=(start, start + len(mention)),
                              type=target["type"], symbol=target["symbol"], year=target["year"],
                              issuer=target["issuer"], title=target["title"], relation=relation, target=target["key"]))
        chunks.append(sentence)
        pos += len(sentence)
    text = "".join(chunks)
    info = DocumentInfo(type=me["type"], number=me["symbol"], issuer=me["issuer"],
                        issued_date=f"{me['year']}-06-15", title=me["title"][3:], province=me["province"])
    return DocumentRecord(source=Source(path=f"synthetic/{i}.txt", format="txt", sha256=f"{i:064x}"),
                          text=text, document=info, references=refs)


def timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t) * 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--per-doc", type=int, default=10)
    ap.add_argument("--nodes", type=int, default=None, help="distinct documents (default: 2x the citing ones)")
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=1000, help="documents per transaction while loading")
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    n_docs = args.edges // args.per_doc
    n_nodes = args.nodes or 2 * n_docs
    db = args.db or Path(tempfile.mkdtemp(prefix="bench-graph-")) / "graph.sqlite"
    if db.exists():
        db.unlink()
    rng = random.Random(args.seed)
    print(f"synthetic graph: {n_docs:,} citing documents x {args.per_doc} references = {n_docs * args.per_doc:,} edges; "
          f"{n_nodes:,} possible targets; database {db}")

    with GraphStore(db) as store:
        t0 = time.perf_counter()
        items = ((make_record(i, n_nodes, args.per_doc, rng), f"synthetic/{i}.txt", f"{i:064x}") for i in range(n_docs))
        edges = store.index_records(items, batch_size=args.batch)
        index_s = time.perf_counter() - t0
        store.conn.execute("PRAGMA optimize")
        stats = store.stats()
    size_mb = db.stat().st_size / 1e6
    print(f"index: {edges:,} edges in {index_s:.1f} s ({edges / index_s:,.0f} edges/s, "
          f"{n_docs / index_s:,.0f} documents/s); {stats['nodes']:,} nodes, {stats['mentions']:,} mentions; "
          f"{size_mb:,.0f} MB")

    qrng = random.Random(args.seed + 1)
    with GraphStore(db, readonly=True) as store:
        cited_keys = [node(int(n_nodes * (qrng.random() ** 3.3)), qrng)["key"] for _ in range(args.queries)]
        citing_keys = [node(qrng.randrange(n_docs), qrng)["key"] for _ in range(args.queries)]
        partials = [f"{qrng.randrange(n_nodes)}/20" for _ in range(args.queries // 2)]
        partials += [" ".join(qrng.sample(WORDS, 2)) for _ in range(args.queries // 2)]
        store.cited_by(cited_keys[0])  # warm the page cache
        results = {}
        for name, fn, keys in (("cited-by", store.cited_by, cited_keys), ("cites", store.cites, citing_keys),
                               ("search", store.search, partials)):
            times = sorted(timed(fn, k) for k in keys)
            results[name] = times
        rows = [len(store.cited_by(k)) for k in cited_keys[:200]]
    print(f"{'query':<10} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for name, times in results.items():
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{name:<10} {statistics.median(times):>10.2f} {p95:>8.2f} {times[-1]:>8.2f}")
    print(f"(cited-by over keys drawn with the same heavy tail: median {statistics.median(rows):.0f} citing documents per "
          f"answer, max {max(rows)})")
    ok = statistics.median(results["cited-by"]) < 20
    print("cited-by median under 20 ms:", "yes" if ok else "NO")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
