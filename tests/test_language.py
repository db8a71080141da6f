"""One language per edition, for list items and Chinese place names.

The fact store keeps list items as the articles give them (pinyin place names, English
paraphrases of article 003, the Vietnamese words of the other articles); the display
catalogue ``locale/items.toml`` says how each edition shows them.  These tests check the
catalogue against the facts and the dataset, and the displays against the letters of the
other language."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

import pytest

from comparative.errors import DataError
from comparative.locale import i18n
from comparative.store.datasets import dataset
from comparative.store.facts import all_facts

CATALOGUE = Path(i18n.__file__).resolve().parent / "items.toml"

# Letters English never uses but Vietnamese does: ă â đ ê ô ơ ư and the five tone marks
# (grave, acute, hook above, tilde, dot below), found on the decomposed text.
_VI_MARKS = {"\u0306", "\u0302", "\u031b", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
# a quoted original, which an English edition may show beside its gloss
_QUOTED = re.compile(r"“[^”]*”")


def vietnamese_letters(text: str) -> list[str]:
    """The characters of ``text`` (outside “quoted originals”) that only Vietnamese uses."""
    bare = _QUOTED.sub("", text)
    found = []
    for ch in bare:
        if ch in "đĐ" or any(m in _VI_MARKS for m in unicodedata.normalize("NFD", ch)):
            found.append(ch)
    return found


def list_facts():
    return [f for f in all_facts() if f.kind == "names"]


def stored_items() -> set[str]:
    return {x for f in list_facts() for x in f.value}


def test_the_detector_tells_the_languages_apart():
    assert vietnamese_letters("lao động nông thôn của chính thành phố")
    assert vietnamese_letters("HĐND") == ["Đ"]
    assert vietnamese_letters("Quảng Đông")
    assert vietnamese_letters("rural workers of the city itself (Guangdong, Inner Mongolia)") == []
    assert vietnamese_letters("being given “thực quyền”, real powers") == []


def test_every_item_of_every_list_fact_has_both_languages():
    facts = list_facts()
    assert len(facts) > 100                       # the store's lists, not an empty loop
    for f in facts:
        for x in f.value:
            en, vi = i18n.item(x, "en"), i18n.item(x, "vi")
            assert en.strip() and vi.strip(), (f.id, x)


def test_the_catalogue_file_has_exactly_en_and_vi_for_each_entry():
    cat = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert set(cat) == {"places", "items"}
    entries = {**cat["places"], **cat["items"]}
    assert len(entries) == len(cat["places"]) + len(cat["items"])      # no key in both
    for key, entry in entries.items():
        assert set(entry) == {"en", "vi"}, key
        for text in (key, entry["en"], entry["vi"]):
            assert text == unicodedata.normalize("NFC", text), key


def test_the_catalogue_holds_no_item_that_no_fact_lists():
    """Places may name provinces no list names (the dataset's 31); other entries are items."""
    cat = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    stale = set(cat["items"]) - stored_items()
    assert not stale, f"entries no list fact uses: {sorted(stale)}"


def test_english_display_of_lists_has_no_vietnamese_letters():
    raw_vietnamese = 0
    for f in list_facts():
        if any(vietnamese_letters(x) for x in f.value):
            raw_vietnamese += 1                   # as stored, many lists are Vietnamese
        shown = i18n.fact_value(f, "en")
        assert vietnamese_letters(shown) == [], (f.id, shown)
    assert raw_vietnamese > 50


def test_writer_names_shows_the_edition_language():
    from comparative.reporting.page import Report

    r = Report("test_language", {"lang": "en"})
    assert str(r.en.names("cq-rights-exchanged")) == "property rights in land and welfare rights"
    assert str(r.vi.names("cq-rights-exchanged")) == "quyền tài sản (đất) và quyền phúc lợi"
    assert str(r.vi.names("cndg-guangdong-cooperation-partners")) == "Đức và Hoa Kỳ"
    assert str(r.vi.names("cnlds-case-localities")) == "Hồ Châu và Trùng Khánh"
    assert str(r.en.names("cq-coverage-chongqing-policy")) == "the city's own rural workers"


def _initial_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def test_items_stored_in_english_are_translated_for_vietnamese():
    """An English paraphrase must not reach a Vietnamese edition as it is."""
    same_in_both = {"Internet", "PPP"}           # words Vietnamese writes the same way
    english = [x for x in stored_items() if x not in i18n.PLACES and x not in same_in_both
               and _initial_lower(i18n.item(x, "en")) == _initial_lower(x)]
    # stored in English: shown as stored in en, but for a lower-case first letter
    assert len(english) > 30                      # article 003's paraphrases, and countries
    for x in english:
        assert i18n.item(x, "vi") != x, x
        assert vietnamese_letters(i18n.item(x, "vi")), x


def _pinyin_pattern():
    names = sorted({en for en, _ in i18n.PLACES.values()}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


def test_vietnamese_display_of_chinese_places_has_no_pinyin():
    pinyin = _pinyin_pattern()
    assert pinyin.search(", ".join(dataset("cn_provinces_2019")["province"]))   # the control
    for name, (en, vi) in i18n.PLACES.items():
        assert en == name                                 # en: pinyin, as stored
        assert not pinyin.search(vi), (name, vi)
        assert vietnamese_letters(vi) or vi in ("An Huy",), (name, vi)
    for f in list_facts():
        shown = i18n.fact_value(f, "vi")
        assert not pinyin.search(shown), (f.id, shown)


def test_the_31_provinces_of_the_dataset_are_all_named():
    provinces = list(dataset("cn_provinces_2019")["province"])
    assert len(provinces) == 31
    vi = [i18n.place(p, "vi") for p in provinces]
    assert len(set(vi)) == 31                               # no two provinces share a name
    assert [i18n.place(p, "en") for p in provinces] == provinces
    # names easy to confuse, checked against the usual Sino-Vietnamese forms
    known = {"Shanxi": "Sơn Tây", "Shaanxi": "Thiểm Tây", "Shandong": "Sơn Đông",
             "Guangdong": "Quảng Đông", "Guangxi": "Quảng Tây", "Henan": "Hà Nam",
             "Hainan": "Hải Nam", "Hunan": "Hồ Nam", "Hubei": "Hồ Bắc", "Hebei": "Hà Bắc",
             "Inner Mongolia": "Nội Mông", "Chongqing": "Trùng Khánh", "Zhejiang": "Chiết Giang",
             "Tibet": "Tây Tạng", "Xinjiang": "Tân Cương"}
    for p, name in known.items():
        assert i18n.place(p, "vi") == name


def test_sino_vietnamese_names_match_article_000(sources_dir):
    """Article 000 writes its Chinese places in Vietnamese, with full diacritics."""
    text = (sources_dir / "000_1cc13584fd9619de.txt").read_text(encoding="utf-8")
    text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))
    for pinyin in ("Huzhou", "Chongqing", "Zhejiang"):
        assert i18n.place(pinyin, "vi") in text, pinyin


def test_views_carry_both_languages():
    from comparative import cases

    dg = cases.china_digital_government()
    for table in (dg.tiers, dg.institutions):
        assert list(table["province_en"]) == list(table["province"])
        assert list(table["province_vi"]) == [i18n.place(p, "vi") for p in table["province"]]
        assert not any(_pinyin_pattern().search(v) for v in table["province_vi"])
    assert list(dg.stages["name_vi"]) == ["Chính phủ điện tử", "Internet + dịch vụ Chính phủ",
                                          "Chính phủ số"]
    for case in ("vietnam_decentralization", "vietnam_local_governance",
                 "china_local_developmental_state"):
        lists = cases.view(case).lists
        assert len(lists) > 0
        assert not any(vietnamese_letters(v) for v in lists["item_en"]), case
        assert list(lists["item_vi"]) == [i18n.item(x, "vi") for x in lists["item"]]


def test_one_spelling_of_hoa_in_vietnamese_displays():
    # the tone on the second vowel of a closing "oa/oe/uy" ('hòa', 'thủy'); 'quý' is right
    old = re.compile(r"(?<![qQ])(oà|oá|oả|oã|oạ|oè|oé|oẻ|oẽ|oẹ|uỳ|uý|uỷ|uỹ|uỵ)(?![a-zà-ỹđ])")
    assert old.search("xã hội chủ nghĩa hài hoà")            # the control
    assert not old.search("hoàn thiện") and not old.search("Quý Châu")
    for x in stored_items():
        assert not old.search(i18n.item(x, "vi")), x


def test_an_unknown_item_raises_naming_it():
    text = "một mục chưa có trong danh mục"
    with pytest.raises(DataError, match=re.escape(text)):
        i18n.item(text, "en")
    with pytest.raises(DataError, match="Atlantis"):
        i18n.place("Atlantis", "vi")
    with pytest.raises(DataError, match="lao động"):      # an item, not a place
        i18n.place("lao động nông thôn của chính thành phố", "en")


@pytest.mark.parametrize("written, ours", [
    ("Hoà Bình", "Hòa Bình"), ("Thanh Hoá", "Thanh Hóa"), ("Thuỷ Nguyên", "Thủy Nguyên"),
    ("hài hoà.", "hài hòa."), ("Khánh Hòa", "Khánh Hòa"),
    # a syllable that goes on, or "qu", keeps its tone where it is
    ("hoàn thiện", "hoàn thiện"), ("kiểm soát", "kiểm soát"), ("quý", "quý"), ("Quý", "Quý")])
def test_our_spelling_puts_the_tone_of_a_final_oa_oe_uy_on_its_first_vowel(written, ours):
    assert i18n.vi_spelling(written) == ours


def test_the_34_new_units_show_one_spelling_of_hoa():
    """The GSO list writes 'Hoà Bình' beside 'Khánh Hòa'; the data keeps it, a report shows
    one convention."""
    from comparative.analysis.charts import province_rows

    raw = dataset("vn_units_2025")
    assert raw["predecessor_old_names"].str.contains("Hoà Bình").any()   # the publisher's spelling
    for lang in ("en", "vi"):
        shown = province_rows(raw, lang)
        text = " ".join(shown["predecessors"]) + " ".join(shown["name_vi"])
        assert "Hòa Bình" in text and "Hoà" not in text


@pytest.mark.parametrize("iso, en, vi", [
    ("2000/2014", "2000–2014", "2000–2014"),
    ("2025-07-01/2025-08", "1 July – August 2025", "từ 1/7 đến tháng 8/2025"),
    ("2025-07/2025-08", "July–August 2025", "tháng 7–8/2025"),
    ("2019/..", "2019 onwards", "từ năm 2019"),
    ("2019-03/2021-05", "March 2019 – May 2021", "từ tháng 3/2019 đến tháng 5/2021")])
def test_a_period_says_its_year_once_and_an_open_end_in_words(iso, en, vi):
    assert (i18n.period(iso, "en"), i18n.period(iso, "vi")) == (en, vi)


@pytest.mark.parametrize("iso, en, vi", [
    ("2025-07-01/2025-08", "from 1 July to August 2025", "từ 1/7 đến tháng 8/2025"),
    ("2000/2014", "from 2000 to 2014", "từ năm 2000 đến năm 2014"),
    ("2019/..", "since 2019", "từ năm 2019"),
    ("2025-07-01", "on 1 July 2025", "ngày 1/7/2025"), ("2019", "in 2019", "năm 2019"),
    ("199X", "in the 1990s", "những năm 1990"), ("1998~", "in about 1998", "khoảng năm 1998")])
def test_a_period_in_prose_is_a_phrase_of_time(iso, en, vi):
    assert (i18n.during(iso, "en"), i18n.during(iso, "vi")) == (en, vi)


def test_item_display_forms_begin_in_lower_case_unless_a_proper_name():
    """Items stand inside sentences and comma-separated lists: 'coi trọng vai trò của xã
    hội …, nhận thức rõ …', never 'Coi trọng …, Nhận thức rõ …' (items.toml's rule)."""
    proper = ("Internet", "PPP", "GIS", "Germany", "United States", "Đức", "Hoa Kỳ", "HĐND",
              "People's Councils", "Party", "Quốc hội", "Kiểm toán nhà nước", "Mặt trận Tổ quốc",
              "Luật ", "Law ", "Đảng", "Nhà nước", "Nhân dân", "Chính phủ số", "Chính phủ điện tử",
              "Vietnam", "Việt Nam", "Big Data", "Cục Quản lý Big Data")
    cat = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    capitalized = [(key, text) for key, entry in cat["items"].items() for text in entry.values()
                   if text[:1].isupper() and not text.startswith(proper)]
    assert capitalized == []


def test_names_sort_as_a_reader_of_the_edition_expects():
    """The combined handouts' order: the Vietnamese alphabet (a ă â … d đ …, word by
    word, tones last, 'TP.' not counted) in Vietnamese, letters without marks in English."""
    from comparative.locale import i18n

    vi = ["Cần Thơ", "Đà Nẵng", "Hải Phòng", "Cao Bằng", "TP. Hồ Chí Minh", "Hà Nội", "Dak Lak",
          "Huế", "Hà Tĩnh", "An Giang", "Bắc Ninh"]
    assert sorted(vi, key=lambda t: i18n.sort_key(t, "vi")) == [
        "An Giang", "Bắc Ninh", "Cao Bằng", "Cần Thơ", "Dak Lak", "Đà Nẵng", "Hà Nội", "Hà Tĩnh",
        "Hải Phòng", "TP. Hồ Chí Minh", "Huế"]
    en = ["Cao Bằng", "Cần Thơ", "Ho Chi Minh City", "Đà Nẵng", "Hà Nội"]
    assert sorted(en, key=lambda t: i18n.sort_key(t, "en")) == [
        "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Hà Nội", "Ho Chi Minh City"]
