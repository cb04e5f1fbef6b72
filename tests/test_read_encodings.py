"""Legacy Vietnamese encodings: TCVN3, VNI, VIQR, Windows-1258, UTF-16 (docextract.read.legacy/text).

Samples are the seeds run backwards through the converters (corpora/seeds/*.txt) and the
worked examples of vn-doc-conventions.md §6.
"""
import unicodedata
from pathlib import Path

import pytest

from docextract.read import read_bytes, read_path
from docextract.read.legacy import (
    SYLLABLE_RE, decode_tcvn3, decode_tcvn3_bytes, decode_viqr, decode_vni, detect_unicode_text,
    encode_tcvn3, encode_tcvn3_bytes, encode_viqr, encode_vni, encode_vni_bytes, encoding_for_font,
    is_syllable, vietnamese_score,
)
from docextract.read.text import decode_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
RAW = sorted((ROOT / "corpora" / "raw").glob("*.txt"))

# Characters a TCVN3 byte file cannot hold (their bytes are Vietnamese letters there); a TCVN3
# editor typed them as plain ASCII.
NOT_IN_TCVN3 = str.maketrans({"“": '"', "”": '"', "…": "...", "¹": "1", "²": "2", "\u00a0": " "})


def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# vn-doc-conventions.md §6.1, computed with glibc iconv TCVN5712-1
@pytest.mark.parametrize("raw,expected", [
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("§iÒu 1.", "Điều 1."),
    ("Ch\u00ad¬ng II", "Chương II"),
    ("NghÞ ®Þnh", "Nghị định"),
    ("ngµy 05 th¸ng 01 n¨m 2020", "ngày 05 tháng 01 năm 2020"),
    ("N¬i nhËn", "Nơi nhận"),
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
])
def test_tcvn3_examples(raw, expected):
    assert decode_tcvn3(raw) == expected


# vn-doc-conventions.md §6.2
@pytest.mark.parametrize("raw,expected", [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Ñieàu 1.", "Điều 1."),
    ("Nghò ñònh", "Nghị định"),
    ("Quyeát ñònh", "Quyết định"),
    ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
    ("ngöôøi", "người"),
    ("Soá:", "Số:"),
])
def test_vni_examples(raw, expected):
    assert decode_vni(raw) == expected


def test_viqr_examples():
    # RFC 1456's example, with escaped punctuation
    assert decode_viqr("O^ng te^n gi`\\? To^i te^n la` Tra^`n Va(n Hie^'u\\.") == "Ông tên gì? Tôi tên là Trần Văn Hiếu."
    assert decode_viqr("Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert decode_viqr("DDie^`u 1. Ddo^.c la^.p") == "Điều 1. Độc lập"
    # a sentence-final '.' after a vowel is punctuation when a capital follows
    assert decode_viqr("Ha` No^.i. Sau ddo'") == "Hà Nội. Sau đó"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_tcvn3_seed_round_trip(path, tmp_path):
    """A TCVN3 file made from the seed with the converter run backwards reads back exactly."""
    seed = seed_text(path).translate(NOT_IN_TCVN3)
    legacy = encode_tcvn3_bytes(seed)
    assert decode_tcvn3_bytes(legacy) == seed
    sample = tmp_path / f"{path.stem}.tcvn3.txt"
    sample.write_bytes(legacy)
    raw = read_path(sample)  # detected by content, no hint
    assert raw.encoding == "tcvn3"
    assert raw.text == seed


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_tcvn3_surface_round_trip(path):
    """TCVN3 text pasted into a Unicode file (what .VnTime text becomes) converts back exactly."""
    seed = seed_text(path).replace("¹", "1")  # U+00B9 is TCVN3 "ạ"
    text, encoding = detect_unicode_text(encode_tcvn3(seed))
    assert encoding == "tcvn3"
    assert text == seed


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_vni_seed_round_trip(path, tmp_path):
    seed = seed_text(path)
    assert decode_vni(encode_vni(seed)) == seed
    sample = tmp_path / f"{path.stem}.vni.txt"
    sample.write_bytes(encode_vni_bytes(seed))
    raw = read_path(sample)
    assert raw.encoding == "vni"
    assert raw.text == seed
    text, encoding = detect_unicode_text(encode_vni(seed))
    assert (text, encoding) == (seed, "vni")


def _cp1258(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:  # cp1258 stores the letter (ô, ơ, ư ...) then the tone mark
            decomposed = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
            letter = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            out += (letter + tones).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_cp1258_and_utf16_seeds(path):
    seed = seed_text(path)
    text, encoding = decode_text(_cp1258(seed), path.name)
    assert encoding == "cp1258" and text == seed
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):  # with BOM, and without one
        text, encoding = decode_text(seed.encode(codec), path.name)
        assert encoding == "utf-16" and text == seed


def test_viqr_file_is_detected():
    # a VIQR e-mail made from the opening of a seed (ct-hai-duong-cchc-2018.txt)
    seed = seed_text(ROOT / "corpora/seeds/ct-hai-duong-cchc-2018.txt").split("\n")[2]
    raw = read_bytes(encode_viqr(seed).encode("ascii"), "mail.txt")
    assert raw.encoding == "utf-8+viqr"
    assert raw.text.split(" ")[:12] == seed.split(" ")[:12]


@pytest.mark.parametrize("path", RAW + SEEDS, ids=lambda p: p.stem)
def test_unicode_corpus_left_alone(path):
    """No real Unicode document is mistaken for a legacy encoding."""
    raw = read_path(path)
    assert raw.encoding == "utf-8"


def test_soft_hyphen_is_tcvn3_u_horn():
    # "người" in TCVN3 is "ng" + U+00AD + "êi": the soft hyphen must become ư, not vanish
    assert decode_tcvn3("ng\u00adêi") == "người"
    assert read_bytes("Ng\xadêi ®øng ®Çu c¬ quan, ®¬n vÞ".encode("latin-1"), "a.txt").text == "Người đứng đầu cơ quan, đơn vị"


def test_utf8_read_as_cp1252_is_repaired():
    # vn-doc-conventions.md §6.5
    good = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc"
    mojibake = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in good.encode("utf-8"))
    text, encoding = detect_unicode_text(mojibake)
    assert encoding == "utf-8-as-cp1252"
    assert text == good


def test_syllable_regex():
    assert SYLLABLE_RE.match("nghiêng") and SYLLABLE_RE.match("khuya")  # toneless, lower case
    assert not SYLLABLE_RE.match("nghieng")  # ie needs the circumflex
    assert is_syllable("Nghiêng") and is_syllable("người") and is_syllable("khuya") and is_syllable("ĐỒNG")
    assert not is_syllable("hßa") and not is_syllable("ViÖt") and not is_syllable("chñ")
    assert not is_syllable("strength") and not is_syllable("cóà")


def test_score_prefers_vietnamese():
    good = "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert vietnamese_score(good).value > vietnamese_score(encode_tcvn3(good)).value + 1
    assert vietnamese_score(good).value > vietnamese_score(encode_vni(good)).value + 1


@pytest.mark.parametrize("font,expected", [
    (".VnTime", "tcvn3"), (".VnTimeH", "tcvn3-upper"), ("ABCDEF+.VnArial", "tcvn3"), (".VnArialH", "tcvn3-upper"),
    ("VNI-Times", "vni"), ("Times New Roman", None), (None, None), ("VnTime", "tcvn3"),
])
def test_legacy_fonts(font, expected):
    assert encoding_for_font(font) == expected


@pytest.mark.parametrize("sample", [
    "Ủy ban nhân dân tỉnh § 3",  # a stray sign in Unicode text
    "Tr\u00e1\u00bb\u00a5 s\u00e1\u00bb\u0178",  # UTF-8 read as cp1252: "á»" holds the sign "»"
    "\u00c3\u00a9 \u00c3 x",  # "Ã©", and a lone "Ã"
    "Uû ban nh©n d©n tØnh",  # TCVN3 read as Latin-1
])
def test_quick_giveaway_count_is_an_upper_bound(sample):  # _GIVEAWAYS, _GIVEAWAY_LATIN1_CHAR
    from docextract.read.legacy import _count_giveaways, _count_giveaways_at_most

    assert _count_giveaways(sample) > 0
    assert _count_giveaways_at_most(sample) >= _count_giveaways(sample)
