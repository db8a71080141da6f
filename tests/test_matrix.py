"""The model matrix: every claim coded as practice or proposal, no figure typed into it
(each comes from a fact that exists and carries it), proposals told apart from practice
against the article's own sections, and a real table with no '…' in either edition; the
glossary's terms occur in the articles it names."""

from __future__ import annotations

import re
import tomllib

import pytest

from comparative.errors import DataError
from comparative.store.facts import all_facts, fact
from comparative.store.provenance import fold
from comparative.store.sources import source
from comparative.views import matrix
from comparative.views.matrix import glossary, matrix_claims, model_matrix, numbers_in

from .conftest import ROOT, run_cli

RAW = ROOT / "data" / "raw" / "model_matrix.toml"
DIMENSIONS = ["levels", "fiscal", "innovation", "digital_stage", "digital_institutions", "accountability"]
# the placeholder of a figure, read here with its own pattern (not the loader's)
FIGURE = re.compile(r"\{([a-z0-9-]+)(?::[a-z]+)?\}")


def _raw() -> dict:
    return tomllib.loads(RAW.read_text(encoding="utf-8"))


def _raw_claims():
    for key, dim in _raw().items():
        for country in ("vn", "cn"):
            for n, claim in enumerate(dim[country], start=1):
                yield key, country, n, claim


# ------------------------------------------------------------------ coding

def test_every_claim_is_coded_practice_or_proposal():
    claims = matrix_claims()
    raw = list(_raw_claims())
    assert len(claims) == len(raw) >= 2 * len(DIMENSIONS)
    assert [c["coding"] for *_, c in raw] == list(claims["coding"])     # none dropped, none re-coded
    assert set(claims["coding"]) == {"practice", "proposal"}
    cells = claims.groupby(["dimension", "country"]).size()
    assert len(cells) == 2 * len(DIMENSIONS)                             # every cell has a claim
    # the rendered cell carries one marker per claim, in the edition's language
    m = model_matrix().set_index("dimension")
    for (dim, country), n in cells.items():
        cell = {"VNM": "vn", "CHN": "cn"}[country]                      # the matrix's columns
        en = m.loc[dim, f"{cell}_en"]
        vi = m.loc[dim, f"{cell}_vi"]
        assert en.count("[practice]") + en.count("[proposal]") == n, (dim, country)
        assert vi.count("[thực\u00a0tiễn]") + vi.count("[đề\u00a0xuất]") == n, (dim, country)
        assert "[practice]" not in vi and "[proposal]" not in vi and "tiễn]" not in en


def _section(text: str, heading: str, next_heading: str) -> str:
    """The folded text of one section of an article, from its heading to the next one."""
    folded = fold(text)
    start = folded.index(fold(heading))
    return folded[start:folded.index(fold(next_heading), start + 1)] if next_heading else folded[start:]


def test_vietnams_accountability_proposal_cites_thong2025_section_3_3(sources_dir):
    """Issue 9: the channels of oversight are the article's fifth solution ('Thứ năm, xây
    dựng cơ chế…' in '3.3. Về giải pháp'), a proposal, not current practice."""
    claims = matrix_claims()
    cell = claims[(claims["dimension"] == "accountability") & (claims["country"] == "VNM")]
    proposals = cell[cell["coding"] == "proposal"]
    assert len(proposals) == 1
    ids = proposals.iloc[0]["fact_ids"].split(";")
    assert "vndec-central-oversight-channels-thong" in ids and "vndec-citizen-oversight-channels-thong" in ids
    text = (sources_dir / source("thong2025").file).read_text(encoding="utf-8")
    solutions = _section(text, "3.3. Về giải pháp", "")
    assert fold("Thứ năm, xây dựng cơ chế kiểm tra, giám sát và giải trình hai chiều") in solutions
    for fid in ids:
        f = fact(fid)
        assert f.source == "thong2025" and f.locator.startswith("3.3."), fid
        assert fold(f.evidence) in solutions, fid            # the quote really sits in §3.3
        assert fold(f.evidence) not in _section(text, "2. Phân quyền giữa chính quyền Trung", "3.3. Về giải pháp")
    # and the cell keeps what the article does describe as practice
    practice = cell[cell["coding"] == "practice"]
    cited = {i for ids in practice["fact_ids"] for i in ids.split(";")}
    assert {"vndec-formal-oversight-bodies-thong", "vndec-overlapping-tasks-thong"} <= cited


def test_no_claim_coded_practice_rests_on_a_section_of_solutions():
    """A claim drawn from a passage that proposes is not practice: the solutions of 004
    (3.3) and the proposals Chinese scholars make (000, the cell's names facts) are coded
    proposal wherever the matrix uses them."""
    proposing = {f.id for f in all_facts() if f.source == "thong2025" and f.locator.startswith("3.3.")}
    proposing |= {"cnlds-transition-solutions", "cnlds-transition-solutions-count", "cnlds-governance-capacities",
                  "vndec-fiscal-tools-thong", "cndg-vn-digital-gov-year"}
    for _, c in matrix_claims().iterrows():
        if c["coding"] == "practice":
            assert not set(c["fact_ids"].split(";")) & proposing, (c["dimension"], c["country"], c["claim"])


BAD = [
    ('coding = "practice"', 'coding = "practise"', "levels", "vn[1].coding",
     "'practise' is not a coding; allowed: practice, proposal"),
    ('coding = "practice"', 'coding = ""', "levels", "vn[1].coding", "allowed: practice, proposal"),
    ("{vn2025-provinces-after-thuc} provincial-level", "34 provincial-level", "levels", "vn[1].en",
     "figure '34' typed into the text"),
    ("{cndg-provinces-total} provincial-level", "{cndg-provinces-totl} provincial-level", "levels", "cn[1].en",
     "unknown fact id 'cndg-provinces-totl'"),
    ("{cndg-provinces-total} đơn vị cấp tỉnh", "ba mươi mốt đơn vị cấp tỉnh", "levels", "cn[1]",
     "English and Vietnamese write different figures (only in en: cndg-provinces-total:value"),
    ("{cndg-stage3-period:start}, the last", "{cndg-stage3-period}, the last", "digital_stage", "cn[1]",
     "different figures"),
    ('facts = ["cnlds-provinces-adopting-new-countryside"]', 'facts = ["no-such-fact"]', "levels",
     "cn[1].facts", "unknown fact id 'no-such-fact'"),
    ('coding = "practice"\nen = "{vn2025', 'coding = "practice"\ncodng = "x"\nen = "{vn2025', "levels",
     "vn[1].codng", "unknown field"),
]


@pytest.mark.parametrize("old, new, record, field, words", BAD, ids=[b[4][:30] for b in BAD])
def test_a_bad_claim_is_refused_with_one_clear_line(tmp_path, old, new, record, field, words):
    text = RAW.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "model_matrix.toml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        matrix._matrix(str(bad))
    msg = str(err.value)
    assert "\n" not in msg
    assert f"record '{record}', field '{field}'" in msg and words in msg, msg


def test_an_open_range_is_written_in_words_not_as_an_ellipsis(tmp_path):
    """'2019–…' reads as a cut; a whole open period is written 'since'-wise in each
    language, and an ellipsis that still reached a cell would be refused."""
    text = RAW.read_text(encoding="utf-8").replace("{cndg-stage3-period:start}", "{cndg-stage3-period}")
    bad = tmp_path / "model_matrix.toml"
    bad.write_text(text, encoding="utf-8")
    cells = [claim for row in matrix._matrix(str(bad)) for side in ("vn", "cn") for claim in row[side]]
    written = [(c["en"], c["vi"]) for c in cells if "cndg-stage3-period" in c["template_en"]]
    assert written and all("…" not in en + vi for en, vi in written)
    assert any("2019 onwards" in en and "từ năm 2019" in vi for en, vi in written)


# ------------------------------------------------------------------ figures and facts

def test_no_figure_is_typed_into_a_claim():
    for key, country, n, claim in _raw_claims():
        for lang in ("en", "vi"):
            bare = FIGURE.sub("", claim[lang])
            assert not re.search(r"\d", bare), (key, country, n, lang, bare)


def test_every_cited_fact_exists():
    ids = {f.id for f in all_facts()}
    for key, country, n, claim in _raw_claims():
        cited = FIGURE.findall(claim["en"]) + FIGURE.findall(claim["vi"]) + claim.get("facts", [])
        assert cited, (key, country, n)
        assert set(cited) <= ids, (key, country, n, set(cited) - ids)
    for col in ("vn_fact_ids", "cn_fact_ids"):
        for joined in model_matrix()[col]:
            assert all(fact(i).id == i for i in joined.split(";"))


def _readings(token: str) -> set[float]:
    """'3.321' / '3,321' may be 3321 (grouping) or 3.321 (decimal); '73,8' is 73.8."""
    out = {float(token.replace(".", "").replace(",", ""))}
    if token.count(",") == 1 and "." not in token:
        out.add(float(token.replace(",", ".")))
    if token.count(".") == 1 and "," not in token:
        out.add(float(token))
    return out


def _allowed(fact_ids: str) -> set[float]:
    allowed: set[float] = set()
    for fid in fact_ids.split(";"):
        f = fact(fid)
        if f.kind == "number":
            allowed.add(abs(float(f.value)))
        values = [f.value] if f.kind == "date" else (list(f.value) if f.kind == "date_range" else [])
        for text in values + [f.period] + [f.quantity_en, f.quantity_vi]:
            for token in numbers_in(str(text).replace("-", " ")):
                allowed |= _readings(token)
    return allowed


def test_every_figure_in_a_claim_is_carried_by_its_facts():
    claims = matrix_claims()
    assert len(claims) >= len(DIMENSIONS)
    for _, c in claims.iterrows():
        allowed = _allowed(c["fact_ids"])
        for lang in ("en", "vi"):
            for token in numbers_in(c[lang]):
                assert _readings(token) & allowed, (c["dimension"], c["country"], c["claim"], lang, token)


def test_the_figures_are_written_the_way_each_language_writes_them():
    m = model_matrix().set_index("dimension")
    assert "3,321 commune-level units" in m.loc["levels", "vn_en"]
    assert "3.321 đơn vị hành chính cấp xã" in m.loc["levels", "vn_vi"]
    assert "more than 65% of budget revenue" in m.loc["fiscal", "vn_en"]
    assert "hơn 65% nguồn thu" in m.loc["fiscal", "vn_vi"]
    assert "from 84,094 in 2015 to 14,475 in 2020" in m.loc["digital_institutions", "cn_en"]
    assert "Digital government since 2019, the last of 3 stages" in m.loc["digital_stage", "cn_en"]


def test_chinas_cells_carry_the_figures_the_sources_give():
    """Where an article gives China a count or a share, the cell writes it from the fact."""
    m = model_matrix().set_index("dimension")
    for dim, ids in {"digital_stage": ["cndg-provinces-strategy-docs-pct", "cndg-syu-willing-pct",
                                       "cndg-syu-actual-use-pct"],
                     "digital_institutions": ["cndg-big-data-bureaus-provinces-count", "cndg-national-platform-provinces",
                                              "cndg-data-mgmt-bodies-provinces", "cndg-gov-websites-2015",
                                              "cndg-gov-websites-2020"],
                     "innovation": ["huzhou-rural-residents-covered-2005", "cq-land-rights-retained-years"]}.items():
        cited = m.loc[dim, "cn_fact_ids"].split(";")
        for fid in ids:
            assert fid in cited, (dim, fid)
            v = fact(fid).value
            assert float(v).is_integer() and f"{int(v):,}" in m.loc[dim, "cn_en"], (dim, fid)
            assert f"{int(v):,}".replace(",", ".") in m.loc[dim, "cn_vi"], (dim, fid)


def test_a_figure_not_carried_by_the_facts_would_be_caught():
    allowed = _allowed("vn2025-communes-after-thuc")
    assert _readings("3.321") & allowed
    assert not (_readings("3.312") & allowed)


def test_matrix_has_both_languages_and_facts_for_every_cell():
    m = model_matrix()
    assert list(m["dimension"]) == DIMENSIONS
    for col in ("dimension_en", "dimension_vi", "vn_en", "vn_vi", "cn_en", "cn_vi", "vn_fact_ids", "cn_fact_ids"):
        assert m[col].str.len().min() > 0, col
    for _, row in m.iterrows():
        assert all(fact(i).country == "VNM" for i in row["vn_fact_ids"].split(";")) or row["dimension"] == "digital_stage"
        assert all(fact(i).country == "CHN" for i in row["cn_fact_ids"].split(";"))


# ------------------------------------------------------------------ the table in the reports

def _matrix_table_html(lang: str) -> str:
    """The matrix table as the overview notebook draws it (same call), captured."""
    from comparative.reporting import page

    R = page.start("comparative_overview", lang=lang, audience="report", dimension="all")
    shown = model_matrix()
    out = []
    R._show_html = lambda text, plain: out.append(text)
    R.table(shown, columns={R.col("dimension"): R.w.word("col.dimension"), R.col("vn"): R.w.word("col.vietnam"),
                            R.col("cn"): R.w.word("col.china")},
            fact_ids=list(shown["vn_fact_ids"]) + list(shown["cn_fact_ids"]))
    return out[0]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_matrix_table_has_no_ellipsis_and_every_claim_in_full(lang):
    html = _matrix_table_html(lang)
    assert "…" not in html and "..." not in html
    body = html[html.index("<tbody>"):]
    for text in matrix_claims()[lang]:
        assert text.rstrip(".")[1:] in body.replace("&#x27;", "'"), text
    assert "<img" not in html


def _section_html(html: str, heading: str) -> str:
    start = html.index(heading)
    end = html.find("<h2", start)
    return html[start:end if end > 0 else None]


@pytest.mark.notebooks
@pytest.mark.parametrize("lang, heading", [("en", "The matrix at a glance"), ("vi", "Tổng quan ma trận")])
def test_the_built_editions_show_the_matrix_as_one_table_without_ellipsis(tmp_path, lang, heading):
    """Built through papermill as `comparative run` builds it: the section on the matrix
    holds one table (no picture of text, no second copy), and the table has no '…'."""
    root = tmp_path / "build"
    root.mkdir()
    (root / "notebooks").symlink_to(ROOT / "notebooks", target_is_directory=True)
    (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    env = {"COMPARATIVE_ROOT": str(root)}
    if (ROOT.parent / "shared").is_dir():
        env["COMPARATIVE_SHARED"] = str(ROOT.parent / "shared")
    out = run_cli("run", "comparative_overview", "-p", "lang", lang, cwd=root, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    html = (root / "reports" / f"comparative_overview.{lang}.html").read_text(encoding="utf-8")
    section = _section_html(html, heading)
    assert section.count("<table") == 1 and "<img" not in section
    table = section[section.index("<table"):section.index("</table>")]
    assert "…" not in table and "..." not in table
    marker = "[practice]" if lang == "en" else "[thực\u00a0tiễn]"
    assert table.count(marker) == int((matrix_claims()["coding"] == "practice").sum())


# ------------------------------------------------------------------ the glossary

def test_glossary_terms_occur_in_the_articles_they_name(sources_dir):
    g = glossary()
    assert {"phân quyền", "phân cấp", "ủy quyền", "hộ khẩu", "quản trị địa phương"} <= set(g["vi"])
    for _, term in g.iterrows():
        for sid in term["sources"].split(";"):
            text = fold((sources_dir / source(sid).file).read_text(encoding="utf-8"))
            printed = term["as_printed"] or term["vi"]
            assert fold(term["vi"]) in text or fold(printed) in text, (term["term"], sid)
