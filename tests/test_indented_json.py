"""The indented JSON the batch writes (docextract/indented_json.py) is json.dumps's, character for
character, written in chunks."""
from __future__ import annotations

import json
import math

import pytest

from docextract import batch, extract, to_dict
from docextract.indented_json import PIECES_PER_CHUNK, dumps_indented, iter_indented

from conftest import CORPORA


def _standard(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("name", ["ct-02-2011-ubnd-lao-cai.txt", "kh-249-ubnd-lang-son-2021.txt",
                                  "tin-ha-tinh-cchc-2014.txt"])
def test_records_of_real_documents_are_encoded_as_json_dumps_does(name):
    record = to_dict(extract(CORPORA / "seeds" / name))
    assert dumps_indented(record) == _standard(record)


def test_every_kind_of_value_a_record_may_hold():
    values = [
        {}, [], (), "", "dòng\n\"trích\"\t\\ \u2028 \x00", 0, -17, 10 ** 30, 1.5, -0.0, 1e-300, 1e300,
        math.nan, math.inf, -math.inf, True, False, None,
        {"a": [], "b": {}, "c": [[], [{}], {"d": ()}], "e": (1, (2, [3]))},
        {1: "int key", 2.5: "float key", None: "null key", False: "false key"},
        [{"span": [0, 12], "confidence": 0.9616, "assignees": [{"agency": "Sở Nội vụ", "role": "lead"}]}],
    ]
    for value in values:
        assert dumps_indented(value) == _standard(value), value


def test_long_lists_are_cut_into_chunks_that_join_to_the_whole():
    value = {"items": [{"n": i, "text": f"mục {i}"} for i in range(3 * PIECES_PER_CHUNK)]}
    chunks = list(iter_indented(value))
    assert len(chunks) >= 3
    assert "".join(chunks) == _standard(value)


def test_what_json_cannot_encode_is_refused():
    with pytest.raises(TypeError):
        dumps_indented({"a": object()})
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): "tuple key"})


def test_the_batch_writes_the_same_bytes_as_before(tmp_path):
    record = to_dict(extract(CORPORA / "seeds" / "ct-hai-duong-cchc-2018.txt"))
    content = batch.IndentedJSON(record)
    batch.write_atomically(tmp_path / "out.json", content)
    expected = _standard(record).encode("utf-8")
    assert (tmp_path / "out.json").read_bytes() == expected
    assert content.size == len(expected)
