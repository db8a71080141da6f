"""reports/index.html: every manifest entry and every fact, searchable offline.

The unit half reads the page's embedded data against the library by other routes (the
public DataFrame, the built notebooks' own title cells, the files on disk) and checks
that a fresh interpreter writes the same bytes.  The browser half loads the page from
file:// in headless Chromium with a search in its URL and reads the filtered facts out of
the DOM the browser built, against a Python reimplementation of the matching rule
(NFD, marks dropped, đ → d, lower case; every word; the whole phrase first).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import comparative
from comparative.locale import i18n
from comparative.reporting import build, index, narrative
from comparative._paths import reports_dir

from .test_reports import Project, entry

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


# ================================================================== helpers

def embedded(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="index-data">(.*?)</script>', page, re.S)
    assert m, "no embedded data"
    return json.loads(m.group(1))


def fold(text: str) -> str:
    """The page's matching rule, written again in Python."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))
    return re.sub(r"\s+", " ", text.replace("đ", "d").replace("Đ", "d").lower())


def fields(f: dict, data: dict) -> list[str]:
    case, country = data["cases"][f["case"]], data["countries"][f["country"]]
    return [fold(x) for x in (f["id"], f["label"]["en"], f["label"]["vi"], f["value"]["en"],
                              f["value"]["vi"], f["period"]["en"], f["period"]["vi"], f["quote"],
                              f["locator"], f["cite"]["en"], f["cite"]["vi"], f["note"], case["en"],
                              case["vi"], country["en"], country["vi"], f["source"])]


def expected(query: str, data: dict) -> list[str]:
    words = [fold(a or b).strip() for a, b in re.findall(r'"([^"]*)"?|(\S+)', query)]
    words = [w for w in words if w]
    hits = [f for f in data["facts"] if all(any(w in x for x in fields(f, data)) for w in words)]
    phrase = fold(query.replace('"', " ")).strip()
    if len(words) > 1 and phrase:
        whole = [f for f in hits if any(phrase in x for x in fields(f, data))]
        hits = whole + [f for f in hits if f not in whole]
    return [f["id"] for f in hits]


@pytest.fixture(scope="module")
def manifest():
    return build.load_manifest()


@pytest.fixture(scope="module")
def page(manifest) -> str:
    return index.render_index(index.index_data(manifest, reports_dir()))


# ================================================================== the page's content

def test_the_index_holds_every_fact_with_its_value_quote_and_citation_in_both_languages(page):
    data = embedded(page)
    df = comparative.facts()
    assert [f["id"] for f in data["facts"]] == list(df["id"])            # every fact, in order
    rows = {r["id"]: r for r in df.to_dict("records")}
    for f in data["facts"]:
        r = rows[f["id"]]
        assert (f["label"]["en"], f["label"]["vi"]) == (r["quantity_en"], r["quantity_vi"])
        shown = r["evidence_restored"] or r["evidence"]      # article 003: the restored quote
        assert f["quote"] == shown and f["locator"] == r["locator"] and f["note"] == (r["note"] or "")
        for lang in i18n.LANGS:
            assert f["cite"][lang] == comparative.cite(f["id"], lang=lang)
            assert f["value"][lang]
    one = next(f for f in data["facts"] if f["id"] == "vn2025-communes-before-thuc")
    assert one["value"]["en"].startswith("more than ") and one["value"]["vi"].startswith("hơn ")
    assert "10,000" in one["value"]["en"] and "10.000" in one["value"]["vi"]   # each language's digits
    assert one["cite"]["en"] != one["cite"]["vi"]                             # a citation per language
    # furniture from the catalogues, both languages, nothing missing
    for lang in i18n.LANGS:
        assert data["strings"][lang]["index.title"] == i18n.t("index.title", lang)
        assert all(data["strings"][lang].values())


def test_the_index_lists_every_manifest_entry_with_its_title_and_files(page, manifest):
    data = embedded(page)
    groups = build.groups(manifest)
    combined = [r for r in data["entries"] if r["id"] in groups]
    # each combined PDF right after the last entry of its sweep, a PDF and nothing else
    assert [r["id"] for r in combined] == [g for g in groups if (reports_dir() / f"{g}.pdf").is_file()]
    for r in combined:
        i = data["entries"].index(r)
        assert data["entries"][i - 1]["id"] == groups[r["id"]][-1].id and r["files"] == {"pdf": f"{r['id']}.pdf"}
    entries = [r for r in data["entries"] if r["id"] not in groups]
    assert sorted(r["id"] for r in entries) == sorted(e.id for e in manifest)
    assert re.findall(r'<tr[^>]* data-entry="([^"]+)"', page) == [r["id"] for r in data["entries"]]
    folder = reports_dir()
    by_id = {e.id: e for e in manifest}
    for r in entries:
        e = by_id[r["id"]]
        assert (r["lang"], r["audience"], r["notebook"]) == (e.lang, e.audience, e.notebook)
        on_disk = {ext for ext in ("html", "pdf", "ipynb") if (folder / f"{e.id}.{ext}").is_file()}
        assert set(r["files"]) == on_disk
        row = re.search(rf'<tr[^>]* data-entry="{re.escape(e.id)}">(.*?)</tr>', page).group(1)
        for ext in ("html", "pdf", "ipynb"):
            assert (f'href="{e.id}.{ext}"' in row) == (ext in on_disk)
        if "ipynb" in on_disk:   # the title the edition's own title cell gives
            nb = json.loads((folder / f"{e.id}.ipynb").read_text(encoding="utf-8"))
            title = narrative.title_of(nb, e.lang)[0]
            assert r["title"] == title and f">{html.escape(title)}</td>" in row
        else:
            assert 'data-t="index.not_built"' in row
    # grouped by notebook: each notebook's editions are consecutive
    order = [r["notebook"] for r in data["entries"]]
    assert order == sorted(order, key=order.index)
    # a fact is linked to the editions whose page names its id (as a whole word)
    used = {f["id"]: {data["entries"][i]["id"] for i in f["used"]} for f in data["facts"]}
    for r in data["entries"]:
        if "html" in r["files"]:
            text = (folder / r["files"]["html"]).read_text(encoding="utf-8")
            assert {fid for fid, where in used.items() if r["id"] in where} == \
                {fid for fid in used if names(text, fid)}
    if any("html" in r["files"] for r in data["entries"]):   # reports/ is empty in a fresh clone
        assert any(used.values())


def names(text: str, word: str) -> bool:
    at = text.find(word)
    while at >= 0:
        before, after = text[at - 1:at], text[at + len(word):at + len(word) + 1]
        if not re.match(r"[a-z0-9-]", before) and not re.match(r"[a-z0-9-]", after):
            return True
        at = text.find(word, at + 1)
    return False


def test_the_index_needs_nothing_outside_itself(page):
    assert not re.search(r"<script[^>]+src=|<link|<iframe|<img|@import|url\(", page, re.I)
    for href in re.findall(r'href="([^"]*)"', page):
        assert re.fullmatch(r"\?lang=(en|vi)|[A-Za-z0-9._-]+\.(html|pdf|ipynb)", href), href
    assert "http://" not in page.split('id="index-data"')[0]


def test_a_fresh_interpreter_writes_the_same_bytes(page):
    code = ("import sys\nfrom comparative.reporting import index, build\n"
            "from comparative._paths import reports_dir\n"
            "sys.stdout.buffer.write(index.render_index(index.index_data(build.load_manifest(), "
            "reports_dir())).encode())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=600,
                         env=dict(os.environ, PYTHONHASHSEED="12345"))
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    assert out.stdout.decode("utf-8") == page


def test_comparative_reports_writes_the_index_atomically_and_only_when_inputs_change(tmp_path):
    project = Project(tmp_path / "project")
    project.manifest(entry("ok_vi", lang="vi"), entry("broken", lang="en", fail=True))
    out = project.cli("reports")
    assert out.returncode == 1 and "1 built, 0 up to date, 1 failed" in out.stdout, out.stderr
    target = project.reports / "index.html"
    page = target.read_text(encoding="utf-8")
    data = embedded(page)
    assert [r["id"] for r in data["entries"]] == ["ok_vi", "broken"]   # built or not, listed
    assert data["entries"][0]["files"] == {ext: f"ok_vi.{ext}" for ext in ("html", "pdf", "ipynb")}
    assert data["entries"][1]["files"] == {}
    nb = json.loads((project.reports / "ok_vi.ipynb").read_text(encoding="utf-8"))
    assert data["entries"][0]["title"] == narrative.title_of(nb, "vi")[0]
    assert len(data["facts"]) == len(comparative.facts())
    assert not [p for p in project.reports.rglob("*") if ".tmp-" in p.name]

    stamp = target.stat().st_mtime_ns
    project.manifest(entry("ok_vi", lang="vi"), entry("broken", lang="en", fail=True))
    assert project.cli("reports").returncode == 1
    assert target.stat().st_mtime_ns == stamp                        # nothing changed: not rewritten

    for name in (index.KEY_FILE, index.FACTS_FILE):                   # rewritten from scratch
        (project.reports / build.CACHE_DIR / name).unlink()           # (facts cited again):
        assert project.cli("reports").returncode == 1
        assert target.read_text(encoding="utf-8") == page             # the same bytes

    project.manifest(entry("ok_vi", lang="vi"))                       # an entry leaves: rewritten
    assert project.cli("reports").returncode == 0
    assert [r["id"] for r in embedded(target.read_text(encoding="utf-8"))["entries"]] == ["ok_vi"]


# ================================================================== in a real browser

def _find_browser() -> tuple[str | None, str]:
    """(the browser's path, or None and why not)."""
    named = os.environ.get("COMPARATIVE_BROWSER") or os.environ.get("CHROME_BIN")
    if named:
        exe = shutil.which(named) or (named if Path(named).is_file() else None)
        return exe, f"COMPARATIVE_BROWSER / CHROME_BIN names {named!r}, which is not there"
    return (next((p for p in map(shutil.which, BROWSERS) if p), None),
            f"none of {', '.join(BROWSERS)} is on PATH (.ci/run installs chromium)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory, page):
    exe, why = _find_browser()
    if exe is None:
        pytest.skip(f"no headless browser: {why}")
    folder = tmp_path_factory.mktemp("index")
    (folder / "index.html").write_text(page, encoding="utf-8")
    profile = folder / "profile"

    def dump(suffix: str = "") -> str:
        url = (folder / "index.html").as_uri() + suffix
        out = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu",
                              f"--user-data-dir={profile}", "--no-first-run",
                              "--host-resolver-rules=MAP * ~NOTFOUND",   # offline
                              "--virtual-time-budget=5000", "--dump-dom", url],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and "</html>" in out.stdout, out.stderr[-2000:]
        return out.stdout
    return dump


def shown(dom: str) -> list[str]:
    return re.findall(r'<li class="fact" data-id="([^"]+)"', dom)


def count_text(dom: str) -> str:
    return html.unescape(re.search(r'<p id="count"[^>]*>(.*?)</p>', dom, re.S).group(1))


def test_in_a_browser_quan_tri_finds_quan_tri_with_the_phrase_first(browser, page):
    data = embedded(page)
    dom = browser("?q=quan%20tri")
    ids = shown(dom)
    want = expected("quan tri", data)
    assert ids == want and 0 < len(ids) < len(data["facts"])
    with_diacritics = {f["id"] for f in data["facts"]
                       if any("quản trị" in x.lower() for x in (f["label"]["vi"], f["value"]["vi"],
                                                                 f["quote"], f["cite"]["vi"]))}
    assert with_diacritics and with_diacritics <= set(ids)
    assert "vnlg-governance-actors" in ids
    phrase = {f["id"] for f in data["facts"] if any("quan tri" in x for x in fields(f, data))}
    assert with_diacritics <= phrase and set(ids[:len(phrase)]) == phrase   # the phrase first
    assert count_text(dom) == f"{len(ids)} of {len(data['facts'])} facts"
    assert '<html lang="en">' in dom and len(re.findall(r"data-entry=", dom)) == len(data["entries"])


def test_in_a_browser_case_and_diacritics_do_not_matter_and_the_page_speaks_vietnamese(browser, page):
    data = embedded(page)
    plain = shown(browser("?q=quan%20tri"))
    dom = browser("?q=QU%E1%BA%A2N%20TR%E1%BB%8A&lang=vi")              # "QUẢN TRỊ"
    assert shown(dom) == plain
    assert '<html lang="vi">' in dom
    assert f'<h1 data-t="index.title">{i18n.t("index.title", "vi")}</h1>' in dom
    assert count_text(dom) == (i18n.t("index.count", "vi").replace("{shown}", str(len(plain)))
                               .replace("{total}", str(len(data["facts"]))))
    first = next(f for f in data["facts"] if f["id"] == plain[0])
    assert html.escape(first["label"]["vi"], quote=False) in dom      # the card in Vietnamese
    # đ folds to d, and the fragment works like the query string
    dac = shown(browser("#q=dac+khu"))
    assert dac == shown(browser("#q=%C4%91%E1%BA%B7c%20khu")) == expected("đặc khu", data) and dac


def test_in_a_browser_no_query_shows_every_fact_and_a_miss_says_so(browser, page):
    data = embedded(page)
    dom = browser()
    assert shown(dom) == [f["id"] for f in data["facts"]]
    dom = browser("?q=%22zzqx%20nothing%22")
    assert shown(dom) == [] and count_text(dom) == i18n.t("index.no_match", "en")
