"""Tables that cannot collide, on every page of every built PDF, and the downloads of the
HTML reports.

The PDF test reads what the reader sees: pdfplumber gives every glyph's box, and typst's
tagged PDF says which table cell a glyph belongs to (its marked-content id sits under a
TD/TH of the structure tree).  A report fails when

* glyphs of different words overprint: two glyph boxes on the same line overlap by more
  than OVERLAP points, and the glyphs are not neighbours within one word (kerning pulls a
  letter under the one before it: 'Tr' overlaps by 1.2 pt);
* two cells of a table row touch: their glyphs on the same line are closer than GAP
  points (cells are laid out with an inset of 5 pt each side, so at least 10 pt apart);
* a table's caption ends a page on which none of the table's rows is.

The detector is shown to fail on PDFs built to collide (a number in a column too narrow
for it, cells set edge to edge, a caption pushed away from its table), and to pass their
clean twins.
"""

from __future__ import annotations

import base64
import csv
import io
import re
from pathlib import Path
from urllib.parse import unquote

import pdfplumber
import pytest

from comparative.locale import i18n
from comparative.reporting import render

OVERLAP = 0.5      # pt: glyphs of different words may touch, never cover each other
GAP = 2.5          # pt: less than a space of the table font (8.4 pt DejaVu Sans: 2.67 pt)


# ------------------------------------------------------------------ the detector

def _same_line(a, b, share: float = 0.5) -> bool:
    """Two glyph boxes share at least ``share`` of the smaller one's height."""
    overlap = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return overlap > share * min(a["height"], b["height"])


def _words(chars) -> list[int]:
    """A word number for every glyph, in content-stream order: a glyph continues the word
    of the one before it when it has the same marked-content id, stands on the same line
    and starts no further left than that glyph's start (a new line or a new text object
    starts a new word).  Neighbouring glyphs of one word may overlap (kerning, marks)."""
    word, out, prev = -1, [], None
    for c in chars:
        if prev is None or c.get("mcid") != prev.get("mcid") or not _same_line(c, prev, 0.8) \
                or c["x0"] < prev["x0"] - 0.01 or c["x0"] > prev["x1"] + 0.5:
            word += 1
        out.append(word)
        prev = c
    return out


def overprints(page) -> list[str]:
    """Glyphs of different words whose boxes cover each other."""
    chars = [c for c in page.chars if c["text"].strip() and c["x1"] - c["x0"] > 0.05]
    words = _words(chars)
    order = sorted(range(len(chars)), key=lambda i: chars[i]["x0"])
    found = []
    for k, i in enumerate(order):
        a = chars[i]
        for j in order[k + 1:]:
            b = chars[j]
            if b["x0"] >= a["x1"] - OVERLAP:
                break
            if words[i] == words[j] or not _same_line(a, b):
                continue
            over = min(a["x1"], b["x1"]) - b["x0"]
            if over > OVERLAP:
                found.append(f"page {page.page_number}: '{a['text']}' and '{b['text']}' overprint "
                             f"by {over:.1f} pt at y={a['top']:.0f} ({_context(chars, i)} / {_context(chars, j)})")
    return found


def _context(chars, i: int, n: int = 12) -> str:
    return "".join(c["text"] for c in chars[max(0, i - n):i + n])


def _walk(element):
    yield element
    for child in element.get("children", []):
        yield from _walk(child)


def _mcids(element) -> list[int]:
    return [m for e in _walk(element) for m in e.get("mcids", [])]


def touching_cells(page) -> list[str]:
    """Cells of one table row whose text comes closer than GAP on a line they share."""
    by_mcid: dict = {}
    for c in page.chars:
        if c.get("mcid") is not None:
            by_mcid.setdefault(c["mcid"], []).append(c)
    found = []
    for root in page.structure_tree:
        for row in (e for e in _walk(root) if e["type"] == "TR"):
            cells = [[c for m in _mcids(td) for c in by_mcid.get(m, [])]
                     for td in row.get("children", []) if td["type"] in ("TD", "TH")]
            for x in range(len(cells)):
                for y in range(x + 1, len(cells)):
                    gap = min((max(b["x0"] - a["x1"], a["x0"] - b["x1"])
                               for a in cells[x] for b in cells[y]
                               if a["text"].strip() and b["text"].strip() and _same_line(a, b, 0.3)),
                              default=None)
                    if gap is not None and gap < GAP:
                        text = [" ".join("".join(c["text"] for c in cell).split()) for cell in (cells[x], cells[y])]
                        found.append(f"page {page.page_number}: cells '{text[0]}' and '{text[1]}' "
                                     f"{'overlap' if gap < -0.05 else 'touch'} (gap {gap:.1f} pt)")
    return found


def stranded_captions(page) -> list[str]:
    """Tables whose caption is on this page but none of whose body cells is."""
    found = []
    for root in page.structure_tree:
        for table in (e for e in _walk(root) if e["type"] == "Table"):
            captions = [e for e in _walk(table) if e["type"] == "Caption"]
            cells = [e for e in _walk(table) if e["type"] == "TD" and e.get("mcids")]
            if captions and _mcids(captions[0]) and not cells:
                text = "".join(c["text"] for c in page.chars if c.get("mcid") in set(_mcids(captions[0])))
                found.append(f"page {page.page_number}: caption without its table: '{text[:60]}…'")
    return found


def layout_problems(pdf) -> list[str]:
    """Every overprint, touching pair of cells and stranded caption of a PDF (path or bytes)."""
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    problems = []
    with pdfplumber.open(source) as doc:
        for page in doc.pages:
            problems += overprints(page) + touching_cells(page) + stranded_captions(page)
    return problems


def _typst(source: str) -> bytes:
    import typst

    return typst.compile(source.encode("utf-8"), font_paths=render.font_dirs(),
                         ignore_system_fonts=True, timestamp=0)


# ------------------------------------------------------------------ the detector, tried

TABLE = '#set text(font: "DejaVu Sans", size: 8.4pt)\n#table(columns: {columns}, inset: {inset}, {cells})\n'
CELLS = '[Đặc khu], [Dân số], [Hồ Chí Minh], [14.002.598], [Lâm Đồng], [3.872.999]'


def test_a_number_in_a_column_too_narrow_for_it_is_caught():
    pdf = _typst(TABLE.format(columns="(60pt, 20pt, 40pt)", inset="5pt",
                              cells='[Hồ Chí Minh], [14.002.598], [1], [Lâm Đồng], [3.872.999], [1]'))
    problems = layout_problems(pdf)
    assert any("overprint" in p for p in problems), problems
    assert any("cells '14.002.598' and '1' overlap" in p for p in problems), problems


def test_cells_set_edge_to_edge_are_caught():
    pdf = _typst(TABLE.format(columns="(auto, auto)", inset="0pt", cells=CELLS))
    problems = layout_problems(pdf)
    assert problems and all("touch" in p for p in problems), problems
    assert any("'Hồ Chí Minh' and '14.002.598' touch" in p for p in problems), problems


def test_the_same_tables_laid_out_with_room_pass():
    assert layout_problems(_typst(TABLE.format(columns="(auto, auto)", inset="5pt", cells=CELLS))) == []
    assert layout_problems(_typst(TABLE.format(columns="(60pt, 70pt, 20pt)", inset="5pt",
                                               cells='[Hồ Chí Minh], [14.002.598], [1]'))) == []


def test_kerning_and_justified_prose_are_not_collisions():
    pdf = _typst('#set par(justify: true)\n#set text(font: "DejaVu Sans")\n'
                 "Tr Tu Te Ty Ta Tw To AV Wa Yo. " * 40)
    assert layout_problems(pdf) == []


def test_a_caption_stranded_at_the_foot_of_a_page_is_caught():
    table = ('#figure(kind: table, caption: figure.caption(position: top)[Table 1. Stranded.],\n'
             '  table(columns: 2, table.header[A][B], ..range(6).map(i => ([row #i], block(height: 3cm)[x])).flatten()))\n')
    # A4 with 2.5 cm margins: 23.5 cm of space leaves room for the caption, not the first row
    setup = '#set figure(numbering: none)\n#show figure: set block(breakable: true)\n'
    stranded = _typst(setup + '#v(23.5cm)\n' + table)
    assert any("caption without its table: 'Table 1. Stranded." in p for p in layout_problems(stranded))
    kept = _typst(setup + '#show figure.caption: c => block(sticky: true, c)\n#v(23.5cm)\n' + table)
    assert layout_problems(kept) == []
    with pdfplumber.open(io.BytesIO(kept)) as doc:
        assert doc.pages[0].extract_text().strip() == ""             # the caption went over with its table


# ------------------------------------------------------------------ the renderer's tables

def _table_html(head, rows, caption="Table 1. A table.") -> str:
    th = "".join(f'<th align="{a}">{h}</th>' for h, a in head)
    body = "".join("<tr>" + "".join(f'<td align="{a}">{v}</td>' for v, (_, a) in zip(r, head)) + "</tr>"
                   for r in rows)
    return f"<table>\n<caption>{caption}</caption>\n<thead><tr>{th}</tr></thead>\n<tbody>{body}</tbody>\n</table>"


def _layout(head, rows) -> dict:
    """render.table_layout of a head and rows of plain strings (aligned as their heads)."""
    return render.table_layout(head, [[(v, a) for v, (_, a) in zip(r, head)] for r in rows])


def _pdf(fragment: str) -> bytes:
    return render.pdf_bytes(fragment, {"title": "Layout", "lang": "vi", "title_rows": []})


PROVINCES = ([("Đơn vị", "left"), ("Các tỉnh cũ", "left"), ("xã", "right"), ("đặc khu", "right"),
              ("Dân số", "right"), ("Diện tích (km²)", "right")],
             [["Hồ Chí Minh", "Bình Dương, Bà Rịa - Vũng Tàu, Hồ Chí Minh", "54", "1", "14.002.598", "6.773"],
              ["Lâm Đồng", "Bình Thuận, Đắk Nông, Lâm Đồng", "103", "1", "3.872.999", "24.233"]])


def test_a_report_table_forced_into_narrow_columns_is_caught(monkeypatch):
    """The real route (HTML -> pandoc -> typst) with the widths forced: the detector sees it."""
    head, rows = PROVINCES
    fragment = _table_html(head, rows)
    assert layout_problems(_pdf(fragment)) == []
    monkeypatch.setattr(render, "fit_columns", lambda cols, floor, width: [24.0] * len(floor))
    problems = layout_problems(_pdf(fragment))
    assert any("14.002.598" in p for p in problems), problems


def test_columns_are_at_least_as_wide_as_their_longest_word_and_numbers_stay_whole():
    head, rows = PROVINCES
    layout = _layout(head, rows)
    (part,) = layout["parts"]
    assert not layout["flip"] and sum(part["widths"]) <= render.TEXT_WIDTH + 1e-6
    for i, width in enumerate(part["widths"]):
        whole = head[i][1] == "right"                                  # a number: the cell is one word
        words = head[i][0].split() + [w for r in rows for w in ([r[i]] if whole else r[i].split())]
        assert width >= max(render.text_width(w) for w in words) + 2 * render.TABLE_INSET
    assert layout["rows"][0][4] == [["14.002.598", True]]            # one unbreakable word
    assert layout["rows"][0][1][:3] == [["Bình", True], ["Dương,", True], ["Bà", True]]   # words kept whole
    # measured with the font itself: 'M' is wider than 'i', a digit as wide as another
    assert render.text_width("MMMM") > 2 * render.text_width("iiii")
    assert render.text_width("14.002.598") == pytest.approx(render.text_width("98.765.432"))


def test_a_table_too_wide_for_the_page_turns_or_splits():
    wide = [(f"Cột {i}", "left") for i in range(7)]
    text = "một đoạn văn bản dài có nhiều chữ để điền vào ô của bảng này " * 2
    layout = _layout(wide, [[text] * 7, [text] * 7])
    assert layout["flip"] and len(layout["parts"]) == 1
    assert render.TEXT_WIDTH < sum(layout["parts"][0]["widths"]) <= render.LANDSCAPE_WIDTH + 1e-6
    numbers = [(f"Năm {i}", "right") for i in range(40)]
    layout = _layout([("Tỉnh", "left")] + numbers, [["Hồ Chí Minh"] + ["14.002.598"] * 40])
    parts = layout["parts"]
    assert len(parts) > 1 and all(p["cols"][0] == 0 for p in parts)        # every part names its rows
    assert sorted({c for p in parts for c in p["cols"]}) == list(range(41))
    width = render.LANDSCAPE_WIDTH if layout["flip"] else render.TEXT_WIDTH
    assert all(sum(p["widths"]) <= width + 1e-6 for p in parts)
    pdf = _pdf(_table_html([("Tỉnh", "left")] + numbers, [["Hồ Chí Minh"] + ["14.002.598"] * 40]))
    assert layout_problems(pdf) == []


def test_a_landscape_table_is_on_a_landscape_page_and_the_prose_stays_portrait():
    wide = [(f"Cột {i}", "left") for i in range(7)]
    text = "một đoạn văn bản dài có nhiều chữ để điền vào ô của bảng này " * 2
    pdf = _pdf("<p>Trước bảng.</p>" + _table_html(wide, [[text] * 7] * 3) + "<p>Sau bảng.</p>")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        shapes = [(p.width > p.height, "Cột 0" in p.extract_text()) for p in doc.pages]
    assert shapes == [(False, False), (True, True), (False, False)]
    assert layout_problems(pdf) == []


def test_the_caption_stays_with_its_table_wherever_the_page_ends():
    rows = [[f"Hàng {i} có vài chữ", f"{i * 1000}"] for i in range(40)]
    table = _table_html([("Tên", "left"), ("Số", "right")], rows,
                        caption="Bảng 1. Một chú thích đủ dài để chiếm một hoặc hai dòng ở cuối trang.")
    for n in range(12, 24):        # around the page boundary (n = 17 once stranded it)
        pdf = _pdf("<p>" + "chữ " * (40 * n + 200) + "</p>" + table)
        assert layout_problems(pdf) == [], n


def test_the_pdf_drops_the_download_links():
    fragment = ('<p>Văn bản.</p>\n<p class="downloads"><a download="x.csv" href="data:text/csv;base64,YQo=">'
                "Tải dữ liệu của bảng (CSV)</a></p>\n<p>Tiếp.</p>")
    with pdfplumber.open(io.BytesIO(_pdf(fragment))) as doc:
        text = "".join(p.extract_text() for p in doc.pages)
    assert "Văn bản." in text and "Tiếp." in text and "CSV" not in text


# ------------------------------------------------------------------ every built report

@pytest.mark.notebooks
def test_no_built_pdf_has_overprinted_text_touching_cells_or_a_stranded_caption(built):
    assert built["out"].returncode == 0, built["out"].stderr[-2000:]
    problems = {e.id: layout_problems(built["dir"] / f"{e.id}.pdf") for e in built["entries"]}
    assert {k: v[:5] for k, v in problems.items() if v} == {}


_LINK = re.compile(r'<a download="([^"]+)" href="data:([^;,]+)(?:;charset=utf-8)?;base64,([^"]+)">([^<]*)</a>')


def _downloads(page: str) -> dict:
    return {m.group(1): (m.group(2), base64.b64decode(m.group(3)), m.group(4)) for m in _LINK.finditer(page)}


def _number(text: str, lang: str):
    """'hơn 10.000' -> 10000.0, '−33,3' -> -33.3, with the decimals written; None for text."""
    for q in i18n.QUALIFIERS.values():
        word = q[0 if lang == "en" else 1]
        if word and text.startswith(word + " "):
            text = text[len(word) + 1:]
    group, point = (",", ".") if lang == "en" else (".", ",")
    t = text.rstrip("%").replace("\u2212", "-").replace(group, "").replace(point, ".")
    try:
        return float(t), len(t.split(".")[1]) if "." in t else 0
    except ValueError:
        return None


@pytest.mark.notebooks
def test_every_table_and_figure_of_the_html_links_its_data(built):
    """Each table links a CSV whose rows are the table's rows (numbers as the table shows
    them, up to its rounding), each figure an SVG (the figure itself) and a PNG; the link
    texts are the edition's language; the PDF shows none of them."""
    for e in built["entries"]:
        page = (built["dir"] / f"{e.id}.html").read_text(encoding="utf-8")
        files = _downloads(page)
        tables = re.findall(r"<table>.*?</table>", page, re.S)
        figures = re.findall(r'<figure>\s*<img [^>]*src="data:image/svg\+xml;base64,([^"]+)"', page)
        base = f"{e.notebook}.{e.lang}"
        assert [n for n in files if ".table-" in n] == [f"{base}.table-{i}.csv" for i in range(1, len(tables) + 1)]
        assert [n for n in files if ".figure-" in n] == [f"{base}.figure-{i}.{x}" for i in range(1, len(figures) + 1)
                                                          for x in ("svg", "png")]
        for i, svg in enumerate(figures, 1):
            assert files[f"{base}.figure-{i}.svg"][:2] == ("image/svg+xml", base64.b64decode(svg))
            mime, png, label = files[f"{base}.figure-{i}.png"]
            assert mime == "image/png" and png.startswith(b"\x89PNG") and label == i18n.t("download.figure_png", e.lang)
        for i, table in enumerate(tables, 1):
            mime, data, label = files[f"{base}.table-{i}.csv"]
            assert mime == "text/csv" and label == i18n.t("download.table_csv", e.lang)
            text = data.decode("utf-8")
            assert not text.startswith("\ufeff") and "\r" not in text
            _csv_matches_table(list(csv.reader(io.StringIO(text))), table, e.lang, f"{e.id} table {i}")
        pdf = render_text(built["dir"] / f"{e.id}.pdf")
        for key in ("download.table_csv", "download.figure_svg", "download.figure_png"):
            assert i18n.t(key, e.lang) not in pdf, f"{e.id}: '{i18n.t(key, e.lang)}' in the PDF"


def render_text(path: Path) -> str:
    with pdfplumber.open(path) as doc:
        return " ".join(" ".join((p.extract_text() or "").split()) for p in doc.pages)


def _cells(row_html: str) -> list[str]:
    import html

    return [html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row_html, re.S)]


def _csv_matches_table(rows, table: str, lang: str, where: str) -> None:
    head = _cells(re.search(r"<thead>(.*?)</thead>", table, re.S).group(1))
    body = [_cells(r) for r in re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1))]
    qualifier = i18n.t("download.qualifier", lang, column="")
    keep = [j for j, h in enumerate(rows[0]) if not h.endswith(qualifier)]
    assert [rows[0][j] for j in keep] == head, where
    assert len(rows) - 1 == len(body), where
    for csv_row, shown in zip(rows[1:], body):
        for j, cell in zip(keep, shown):
            value, number = csv_row[j], _number(cell, lang)
            if value == cell:                        # text, or a value the table writes as is
                continue
            if number is not None and value not in ("True", "False"):
                (x, decimals) = number
                assert abs(float(value) - x) <= 0.5 * 10 ** -decimals + 1e-9, (where, value, cell)
            elif cell == "–":
                assert value in ("", "–"), (where, value)
            elif value in ("True", "False"):
                assert cell == i18n.t(f"bool.{value}", lang), (where, value, cell)
            else:
                assert value == cell, (where, value, cell)


def test_curly_quotes_and_apostrophes_reach_the_pdf_as_written():
    """pandoc writes ’ as a straight quote by default, and typst then opens it: 'the ‘90s'."""
    fragment = "<p>from late in the ’90s, the city’s “own” rules</p>"
    with pdfplumber.open(io.BytesIO(_pdf(fragment))) as doc:
        text = doc.pages[0].extract_text()
    assert "the ’90s" in text and "city’s" in text and "“own”" in text
