"""``reports/index.html``: every report of the manifest and every fact, searchable offline.

One self-contained page, written by ``comparative reports`` once the entries are built:

* **the reports**: one row per manifest entry (its title as the edition prints it, its
  language, its audience, links to its HTML, PDF and notebook; an entry not built yet is
  listed as such), grouped by notebook;
* **the facts**: every fact of the store, embedded as JSON, with its label and its value
  (qualifier included) in both languages, the verbatim quote and its place in the
  source, the citation (``comparative.cite``) in both languages, the fact's note and the
  reports that name it.  A small inline script filters them as the reader types:
  case and Vietnamese diacritics are ignored ("quan tri" finds "quản trị"), every word
  must match, a phrase can be quoted, and facts holding the whole query as written
  come first.

No network and no external file: the stylesheet, the script and the data are inline.
The interface speaks English or Vietnamese (furniture from ``locale/*.toml``, keys
``index.*``); ``index.html?lang=vi`` (or ``#lang=vi``) opens it in Vietnamese and
``?q=quan%20tri`` (or ``#q=…``) with a search filled in, which is how a test drives it
in a headless browser.

The page is a function of the manifest, the built reports, the data and the code, so a
rebuild gives the same bytes; it is written under a temporary name and renamed, and not
rewritten at all when none of its inputs changed (key in ``reports/.cache/index.key``);
the facts' part (a citation per fact and language) is kept in ``.cache/index-facts.cache``
under a key of the data and code alone, so a rebuilt report does not cite them again.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

from .. import _files
from ..locale import i18n
from .._paths import reports_dir
from . import build

FILENAME = "index.html"
KEY_FILE = "index.key"
FACTS_FILE = "index-facts.cache"   # not *.json: those are the entries' stamps
FILES = ("html", "pdf", "ipynb")

# The furniture the page shows (the static page is written in English; the script swaps
# in the other language from the same keys), and the words of every language and
# audience the manifest's entries have.
KEYS = ("index.title", "index.intro", "index.offline", "index.interface", "index.lang_name",
        "index.reports", "index.col.title", "param.lang", "param.audience", "index.col.files",
        "index.file.html", "index.file.pdf", "index.file.ipynb", "index.not_built",
        "index.facts", "index.search", "index.search_hint", "index.search_words",
        "index.quote_hint", "index.count", "index.no_match", "index.noscript", "index.quote",
        "index.citation", "index.note", "index.used_in", "index.fact_id", "col.value",
        "col.period", "col.case", "lang.en", "lang.vi", "audience.report", "audience.seminar",
        "col.vietnam", "col.china")
COUNTRY_KEYS = {"VNM": "col.vietnam", "CHN": "col.china"}

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


# ================================================================== the data

def _title(entry: build.Entry, folder: Path) -> str:
    """The title the edition's HTML carries, or the notebook's name when not built."""
    try:
        text = (folder / f"{entry.id}.html").read_text(encoding="utf-8")
    except OSError:
        text = ""
    m = _TITLE.search(text)
    if m and m.group(1).strip():
        return html.unescape(m.group(1).strip())
    return entry.notebook.replace("_", " ").capitalize()


def _ordered(entries: list[build.Entry]) -> list[build.Entry]:
    """Grouped by notebook (in the order the manifest first names each), manifest order within."""
    first = {}
    for i, e in enumerate(entries):
        first.setdefault(e.notebook, i)
    order = sorted(range(len(entries)), key=lambda i: (first[entries[i].notebook], i))
    return [entries[i] for i in order]


def fact_records() -> list[dict]:
    """Every fact as the page holds it (without the reports that name it): label, value
    with its qualifier and period in both languages, the quote, its locator, the citation
    in both languages (``comparative.cite``), the note."""
    from ..locale import citations
    from ..store.facts import all_facts

    facts = all_facts()
    # the same text as comparative.cite(id, lang=…), in two pandoc runs per language
    cited = {lang: citations.cite_facts([f.id for f in facts], lang) for lang in i18n.LANGS}
    return [{"id": f.id, "case": f.case, "country": f.country, "source": f.source,
             "label": {"en": f.quantity_en, "vi": f.quantity_vi},
             "value": {lang: i18n.fact_value(f, lang, unit=True) for lang in i18n.LANGS},
             "period": {lang: i18n.period(f.period, lang) for lang in i18n.LANGS},
             "quote": f.display_evidence, "locator": f.locator,
             "cite": {lang: cited[lang][f.id] for lang in i18n.LANGS},
             "note": f.note} for f in facts]


def index_data(entries: list[build.Entry], folder: Path | None = None,
               records: list[dict] | None = None) -> dict:
    """What the page shows: the entries (with titles and which files exist) and the facts
    (``records``: :func:`fact_records`, computed when not given)."""
    from ..store.facts import cases

    folder = folder or reports_dir()
    records = fact_records() if records is None else records
    rows, html_text = [], {}
    for e in _ordered(entries):
        files = {ext: f"{e.id}.{ext}" for ext in FILES if (folder / f"{e.id}.{ext}").is_file()}
        rows.append({"id": e.id, "notebook": e.notebook, "lang": e.lang, "audience": e.audience,
                     "title": _title(e, folder), "files": files})
        if "html" in files:
            html_text[e.id] = (folder / files["html"]).read_text(encoding="utf-8")
    # a sweep's combined PDF, after the sweep's last entry
    for gid, members in build.groups(entries).items():
        if (folder / f"{gid}.pdf").is_file():
            last = max(i for i, r in enumerate(rows) if r["id"] in {e.id for e in members})
            e = members[0]
            rows.insert(last + 1, {"id": gid, "notebook": e.notebook, "lang": e.lang,
                                   "audience": e.audience, "files": {"pdf": f"{gid}.pdf"},
                                   "title": i18n.t("index.combined", e.lang, count=len(members))})
    ids = {r["id"] for r in records}
    # the fact ids an edition's page names (its "facts used" lines, tables' id columns)
    named = [set(_TOKEN.findall(html_text.get(r["id"], ""))) & ids for r in rows]
    facts = [{**rec, "used": [i for i in range(len(rows)) if rec["id"] in named[i]]}
             for rec in records]
    keys = list(KEYS) + sorted({f"{what}.{r[what]}" for r in rows for what in ("lang", "audience")}
                               - set(KEYS))
    return {
        "entries": rows,
        "cases": {c.id: {"en": c.en, "vi": c.vi} for c in cases().values()},
        "countries": {k: {lang: i18n.t(v, lang) for lang in i18n.LANGS} for k, v in COUNTRY_KEYS.items()},
        "strings": {lang: {k: i18n.t(k, lang) for k in keys} for lang in i18n.LANGS},
        "facts": facts,
    }


# ================================================================== the page

def _json_for_script(data) -> str:
    """JSON safe inside <script>: '<', '>' and '&' as \\u escapes (valid JSON)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


CSS = """
body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45;color:#111}
h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #bbb}
.switch{font-size:.9rem}.switch a[aria-current]{font-weight:bold;text-decoration:none;color:inherit}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #ddd}
td.word{white-space:nowrap}td.word::first-letter{text-transform:uppercase}
tr.first td{border-top:1px solid #888}
.missing{color:#777;font-style:italic}
td a{white-space:nowrap}
#q{font-size:1rem;width:100%;box-sizing:border-box;padding:.4rem;margin:.3rem 0}
.hint,#count{font-size:.88rem;color:#444}
ol#results{list-style:none;padding:0}
li.fact{border-bottom:1px solid #ddd;padding:.55rem 0}
.fact .label{font-weight:bold;margin:0}.fact .other{color:#555;margin:0;font-size:.9rem}
.fact .value{margin:.2rem 0;font-size:1.05rem}
.fact blockquote{margin:.3rem 0 .3rem 1rem;font-style:italic}.fact .loc{font-style:normal;font-size:.85rem;color:#444}
.fact .cite{margin:.2rem 0;font-size:.88rem;white-space:pre-line}
.fact .note,.fact .meta{margin:.2rem 0;font-size:.85rem;color:#444}
.fact code{font-size:.85rem}
""".strip()

# Plain ES5 plus String.normalize; every string goes in through textContent, never as markup.
SCRIPT = r"""
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("index-data").textContent);
  var box = document.getElementById("q"), list = document.getElementById("results"),
      count = document.getElementById("count");
  var lang = "en", SEP = "\u0000";
  function fold(s) {
    return String(s).normalize("NFD").replace(/\p{M}/gu, "").replace(/[\u0111\u0110]/g, "d")
      .toLowerCase().replace(/\s+/g, " ");
  }
  function t(key) { return D.strings[lang][key]; }
  D.facts.forEach(function (f) {
    var c = D.cases[f.case] || {}, k = D.countries[f.country] || {};
    f.fields = [f.id, f.label.en, f.label.vi, f.value.en, f.value.vi, f.period.en, f.period.vi,
                f.quote, f.locator, f.cite.en, f.cite.vi, f.note, c.en || "", c.vi || "",
                k.en || "", k.vi || "", f.source].map(fold);
    f.hay = f.fields.join(SEP);
  });
  function terms(query) {
    var out = [], m, re = /"([^"]*)"?|(\S+)/g;
    while ((m = re.exec(query)) !== null) {
      var w = fold(m[1] !== undefined ? m[1] : m[2]).trim();
      if (w) out.push(w);
    }
    return out;
  }
  function el(tag, cls, text, attrs) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    for (var a in (attrs || {})) e.setAttribute(a, attrs[a]);
    return e;
  }
  function num(n) { return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US").format(n); }
  function card(f) {
    var other = lang === "en" ? "vi" : "en", li = el("li", "fact", null, {"data-id": f.id});
    li.appendChild(el("p", "label", f.label[lang], {lang: lang}));
    li.appendChild(el("p", "other", f.label[other], {lang: other}));
    var v = el("p", "value");
    v.appendChild(el("strong", null, f.value[lang]));
    if (f.period[lang]) v.appendChild(document.createTextNode(" \u00b7 " + t("col.period") + ": " + f.period[lang]));
    li.appendChild(v);
    var q = el("blockquote", null, "\u201c" + f.quote + "\u201d", {lang: "vi", title: t("index.quote")});
    if (f.locator) q.appendChild(el("span", "loc", " \u2014 " + f.locator));
    li.appendChild(q);
    li.appendChild(el("p", "cite", t("index.citation") + ": " + f.cite[lang]));
    if (f.note) li.appendChild(el("p", "note", t("index.note") + ": " + f.note, {lang: "en"}));
    var meta = el("p", "meta"), c = D.cases[f.case] || {};
    meta.appendChild(document.createTextNode(t("col.case") + ": " + (c[lang] || f.case) + " \u00b7 " +
      ((D.countries[f.country] || {})[lang] || f.country) + " \u00b7 " + t("index.fact_id") + ": "));
    meta.appendChild(el("code", null, f.id));
    var seen = {}, links = [];
    f.used.forEach(function (i) {      // one link per notebook, its edition in this language first
      var e = D.entries[i];
      if (!seen[e.notebook] || (e.lang === lang && seen[e.notebook].lang !== lang)) seen[e.notebook] = e;
      if (links.indexOf(e.notebook) < 0) links.push(e.notebook);
    });
    if (links.length) {
      meta.appendChild(document.createTextNode(" \u00b7 " + t("index.used_in") + ": "));
      links.forEach(function (nb, j) {
        var e = seen[nb];
        if (j) meta.appendChild(document.createTextNode("; "));
        meta.appendChild(el("a", null, e.title, {href: e.files.html, lang: e.lang}));
      });
    }
    li.appendChild(meta);
    return li;
  }
  function search() {
    var query = box.value, ws = terms(query), phrase = fold(query.replace(/"/g, " ")).trim();
    var hits = D.facts.filter(function (f) {
      return ws.every(function (w) { return f.hay.indexOf(w) >= 0; });
    });
    if (ws.length > 1 && phrase) {      // the whole query as written, within one field, first
      var whole = function (f) { return f.fields.some(function (x) { return x.indexOf(phrase) >= 0; }); };
      hits = hits.filter(whole).concat(hits.filter(function (f) { return !whole(f); }));
    }
    while (list.firstChild) list.removeChild(list.firstChild);
    hits.forEach(function (f) { list.appendChild(card(f)); });
    count.textContent = hits.length ? t("index.count").replace("{shown}", num(hits.length))
      .replace("{total}", num(D.facts.length)) : t("index.no_match");
    count.setAttribute("data-shown", String(hits.length));
  }
  function remember() {
    var p = [];
    if (box.value) p.push("q=" + encodeURIComponent(box.value));
    if (lang !== "en") p.push("lang=" + lang);
    try { history.replaceState(null, "", location.pathname + (p.length ? "#" + p.join("&") : "")); }
    catch (err) { }
  }
  function setLang(l) {
    lang = D.strings[l] ? l : "en";
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (e) {
      e.textContent = t(e.getAttribute("data-t"));
    });
    document.title = t("index.title");
    box.setAttribute("placeholder", t("index.search"));
    Array.prototype.forEach.call(document.querySelectorAll(".switch a"), function (a) {
      if (a.getAttribute("data-lang") === lang) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    search();
  }
  function params() {
    var out = {}, parts = [location.search.slice(1), location.hash.slice(1)];
    parts.forEach(function (s) {
      s.split("&").forEach(function (kv) {
        if (!kv) return;
        var i = kv.indexOf("="), k = i < 0 ? kv : kv.slice(0, i), v = i < 0 ? "" : kv.slice(i + 1);
        try { out[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, " ")); } catch (err) { }
      });
    });
    return out;
  }
  Array.prototype.forEach.call(document.querySelectorAll(".switch a"), function (a) {
    a.addEventListener("click", function (ev) { ev.preventDefault(); setLang(a.getAttribute("data-lang")); remember(); });
  });
  box.addEventListener("input", function () { search(); remember(); });
  var p = params();
  if (p.q) box.value = p.q;
  setLang(p.lang || "en");
})();
""".strip()


def render_index(data: dict) -> str:
    """The page (English furniture as written; the script switches language)."""
    s = data["strings"]["en"]
    esc = html.escape

    def t(key, tag="span", cls=""):
        c = f' class="{cls}"' if cls else ""
        return f'<{tag}{c} data-t="{key}">{esc(s[key])}</{tag}>'

    rows, last = [], None
    for e in data["entries"]:
        links = " · ".join(f'<a href="{esc(name)}" data-t="index.file.{ext}">{esc(s[f"index.file.{ext}"])}</a>'
                           for ext, name in e["files"].items())
        files = links or t("index.not_built", cls="missing")
        first = ' class="first"' if e["notebook"] != last else ""
        last = e["notebook"]
        rows.append(f'<tr{first} data-entry="{esc(e["id"])}"><td lang="{e["lang"]}">{esc(e["title"])}</td>'
                    f'{t("lang." + e["lang"], "td", "word")}{t("audience." + e["audience"], "td", "word")}'
                    f"<td>{files}</td></tr>")
    current = {lang: ' aria-current="true"' if lang == "en" else "" for lang in i18n.LANGS}
    switch = " · ".join(f'<a href="?lang={lang}" data-lang="{lang}" lang="{lang}"{current[lang]}>'
                        f'{esc(data["strings"][lang]["index.lang_name"])}</a>' for lang in i18n.LANGS)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{esc(s["index.title"])}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n'
        f'<header>\n{t("index.title", "h1")}\n'
        f'<p class="switch">{t("index.interface")}: {switch}</p>\n'
        f'<p>{t("index.intro")} {t("index.offline")}</p>\n</header>\n'
        f'<section id="reports">\n{t("index.reports", "h2")}\n<table>\n<thead><tr>'
        f'{t("index.col.title", "th")}{t("param.lang", "th")}{t("param.audience", "th")}{t("index.col.files", "th")}'
        f'</tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</section>\n"
        f'<section id="facts">\n{t("index.facts", "h2")}\n'
        f'<label for="q" data-t="index.search">{esc(s["index.search"])}</label>\n'
        f'<input id="q" type="search" autocomplete="off" spellcheck="false" placeholder="{esc(s["index.search"])}">\n'
        f'<p class="hint">{t("index.search_hint")} {t("index.search_words")} {t("index.quote_hint")}</p>\n'
        f'<p id="count" aria-live="polite"></p>\n'
        f'<noscript>{t("index.noscript", "p")}</noscript>\n<ol id="results"></ol>\n</section>\n'
        f'<script type="application/json" id="index-data">{_json_for_script(data)}</script>\n'
        f"<script>\n{SCRIPT}\n</script>\n</body>\n</html>\n")


# ================================================================== writing it

def _facts_key() -> str:
    """What the fact records depend on: the data, the reporting and locale code (citations
    included) and the environment (the build's global key), and the fact store's code."""
    h = hashlib.sha256(build.global_key().encode())
    build._digest_tree(h, Path(__file__).resolve().parent.parent / "store", build.CODE_SUFFIXES)
    return h.hexdigest()


def _key(entries: list[build.Entry], folder: Path, facts_key: str) -> str:
    """Everything the page is made of: the facts' key, the entries and their reports."""
    h = hashlib.sha256(facts_key.encode())
    for e in _ordered(entries):
        h.update(json.dumps([e.id, e.notebook, e.lang, e.audience]).encode())
        for ext in FILES:
            p = folder / f"{e.id}.{ext}"
            h.update(hashlib.sha256(p.read_bytes()).digest() if ext == "html" and p.is_file()
                     else str(p.is_file()).encode())
    for gid, members in build.groups(entries).items():
        h.update(f"{gid} {len(members)} {(folder / f'{gid}.pdf').is_file()}".encode())
    return h.hexdigest()


def _records(facts_key: str, path: Path) -> list[dict]:
    """The fact records, from ``path`` when it was written under ``facts_key``: citing
    every fact runs pandoc some hundred times, and a rebuilt report changes none of them."""
    try:
        key, _, text = path.read_text(encoding="utf-8").partition("\n")
        if key == facts_key:
            return json.loads(text)
    except (OSError, ValueError):
        pass
    records = fact_records()
    text = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
    _files.replace_file(path, f"{facts_key}\n{text}\n".encode())
    return records


def write_index(entries: list[build.Entry] | None = None) -> Path:
    """Write ``reports/index.html`` for ``entries`` (default: the whole manifest) under a
    temporary name, then rename; left as it is when none of its inputs changed."""
    entries = build.load_manifest() if entries is None else entries
    folder = reports_dir()
    cache = folder / build.CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    target, key_path = folder / FILENAME, cache / KEY_FILE
    facts_key = _facts_key()
    key = _key(entries, folder, facts_key)
    try:
        old_key, old_digest = key_path.read_text(encoding="utf-8").split()
        if old_key == key and hashlib.sha256(target.read_bytes()).hexdigest() == old_digest:
            return target
    except (OSError, ValueError):
        pass
    records = _records(facts_key, cache / FACTS_FILE)
    data = render_index(index_data(entries, folder, records)).encode("utf-8")
    _files.replace_all({target: data,
                        key_path: f"{key} {hashlib.sha256(data).hexdigest()}\n".encode()},
                       journal=cache / f".{FILENAME}{_files.JOURNAL_SUFFIX}")
    return target
