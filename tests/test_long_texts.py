"""Long texts: the shortcuts that keep time and memory linear give what the plain computations give,
and a text too long for a worker's memory is refused as soon as it is read, in plain words."""
from __future__ import annotations

import json
import unicodedata

from docextract import batch
from docextract.errors import TextTooLong
from docextract.pipeline import extract
from docextract.read import text as text_reader
from docextract.references import pinpoints
from docextract.references.resolve import TITLE_SHARE, PrefixSet, TitleIndex, _prefix_related, tokens, tokens_match_title

from conftest import CORPORA, bundled_documents


def test_nfc_in_pieces_is_nfc_of_the_whole(monkeypatch):
    monkeypatch.setattr(text_reader, "NFC_PIECE", 64)  # many pieces even for a short text
    decomposed = unicodedata.normalize("NFD", (CORPORA / "seeds" / "ct-02-2011-ubnd-lao-cai.txt").read_text("utf-8"))
    # combining marks right after a line feed, before and after a cut, a line longer than a piece
    awkward = "\n\u0301a\u0323\u0302\n" + "x" * 200 + "\u0300\n\u0301\u0323" + "e\u0302\u0301\n" * 50
    for text in (decomposed, awkward, decomposed + awkward, "", "\n", "a\u0301" * 100):
        assert text_reader.nfc(text) == unicodedata.normalize("NFC", text)
    for path in bundled_documents()[:20]:
        text = path.read_text("utf-8")
        assert text_reader.nfc(text) == unicodedata.normalize("NFC", text)


def _titles_of_the_corpus() -> list[str]:
    """The titles of the references of a few real documents, and the names that cite documents."""
    titles = []
    for name in ("qd-2629-ttg-2025.txt", "kh-179-ubnd-dong-nai-2025.txt", "nq-84-cp-2020.txt"):
        record = extract(CORPORA / "raw" / name)
        titles += [r.title for r in record.references if r.title] + [r.name for r in record.references if r.name]
    return titles


def test_title_index_finds_the_titles_a_scan_of_all_of_them_finds():
    titles = _titles_of_the_corpus()
    assert len(titles) > 50
    index = TitleIndex(titles, {})
    title_tokens = [tokens(t) for t in titles]
    for name in titles + ["Kế hoạch thực hiện Chương trình cải cách hành chính nhà nước giai đoạn 2021 - 2030"]:
        words = tokens(name)
        if len(words) < 5:
            continue
        distinct = set(words)
        scanned = [i for i, t in enumerate(title_tokens) if len(distinct & set(t)) >= TITLE_SHARE * len(distinct)]
        assert index.candidates(words) == scanned, name
        assert [i for i in scanned if tokens_match_title(words, title_tokens[i])] == \
            [i for i in index.candidates(words) if tokens_match_title(words, index.tokens[i])]


def test_pinpoint_unit_words_hold_their_tails():
    # the quick test before PINPOINT_BEFORE looks for these tails: each unit word must hold one
    for unit, tail in zip((pinpoints._DIEM, pinpoints._KHOAN, pinpoints._DIEU, pinpoints._MUC, pinpoints._CHUONG,
                           pinpoints._PHAN), pinpoints.UNIT_WORD_TAILS):
        assert unit.endswith(tail), (unit, tail)
    text = "theo quy định tại điểm a khoản 2 Điều 5 Nghị định số 61/2018/NĐ-CP"
    assert pinpoints.pinpoint_before(text, 0, text.index("Nghị định")) == {"dieu": "5", "khoan": "2", "diem": "a"}
    assert pinpoints.pinpoint_before(text, 0, text.index("quy định")) is None


def test_a_text_longer_than_the_limit_is_refused_before_any_stage(tmp_path):
    path = CORPORA / "seeds" / "ct-02-2011-ubnd-lao-cai.txt"
    length = len(extract(path).text)
    try:
        extract(path, max_characters=100)
    except TextTooLong as exc:
        assert exc.characters >= length and exc.limit == 100
        assert str(path) in str(exc) and "split the document" in str(exc)
    else:
        raise AssertionError("not refused")
    assert extract(path, max_characters=10 * length).text  # under the limit: extracted


def test_a_worker_refuses_a_text_too_long_for_its_memory_in_plain_words(tmp_path):
    path = CORPORA / "seeds" / "ct-02-2011-ubnd-lao-cai.txt"
    small = batch.WORKER_BASE_MEMORY + 1000 * batch.MEMORY_PER_CHARACTER  # room for 1,000 characters
    options = batch.Options(out_dir=str(tmp_path), max_memory=small)
    result = batch.process_job(batch.Job(0, str(path), "out.json"), options)
    assert not result["ok"] and not result.get("retire"), result
    assert result["error"].startswith(f"needs more memory than a worker may use (--max-memory {small >> 20} MB)")
    assert " characters needs about " in result["error"] and "--retry-failed" in result["error"]
    assert not (tmp_path / "out.json").exists()
    roomy = batch.Options(out_dir=str(tmp_path), max_memory=1 << 30)
    assert batch.process_job(batch.Job(0, str(path), "out.json"), roomy)["ok"]
    assert json.loads((tmp_path / "out.json").read_text("utf-8"))["text"]


def test_prefix_set_answers_what_a_scan_of_every_kept_name_answers():
    # names of the corpus as word lists, kept one by one; each asked before it is kept, as resolve does
    names = [tokens(t) for t in _titles_of_the_corpus()]
    names += [["kế", "hoạch"], ["kế", "hoạch", "cải"], ["kế", "hoạch", "cải", "cách", "hành"], [], ["đề", "án"]]
    names += [n[:k] for n in names[:40] for k in (1, 2, 3, 4)]  # prefixes of every length, shorter than 3 too
    kept, prefixes = [], PrefixSet()
    for i, words in enumerate(names):
        assert prefixes.prefix_related(words) == any(_prefix_related(words, c) for c in kept), words
        if i % 3 == 0:
            kept.append(words)
            prefixes.add(words)
    assert any(prefixes.prefix_related(w) for w in names) and not all(prefixes.prefix_related(w) for w in names)
