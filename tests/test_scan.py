"""docextract.scan: patterns tried only where their matches can start."""
import regex as re

from docextract.scan import finditer_at, word_starts


def test_word_starts_are_ascending_and_counted_once():
    low = "tỉnh lạng sơn, thành phố lạng sơn và tỉnh cao bằng"
    assert word_starts(low, ("tỉnh", "thành phố", "tỉnh")) == [0, low.index("thành"), low.rindex("tỉnh")]
    assert word_starts(low, ("hà nội",)) == []


def test_matches_at_the_word_starts_are_those_of_a_full_scan():
    text = "Giao Sở Nội vụ, tỉnh Lạng Sơn; thành phố Hà Nội và tỉnh tỉnh Cao Bằng"
    pattern = re.compile(r"(?:tỉnh|thành phố)(?:\s+tỉnh)?\s+\p{Lu}\p{Ll}+")
    starts = word_starts(text.lower(), ("tỉnh", "thành phố"))
    expected = [m.group() for m in pattern.finditer(text, 5, len(text))]
    assert [m.group() for m in finditer_at(pattern, text, 5, len(text), starts)] == expected
    assert [m.group() for m in finditer_at(pattern, text, 5, len(text))] == expected  # no starts: every position
    assert expected == ["tỉnh Lạng", "thành phố Hà", "tỉnh tỉnh Cao"]  # (the inner "tỉnh" starts no second match)
