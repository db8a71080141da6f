"""Bilingual strings (English / Vietnamese): titles, headings, captions, prose templates,
discussion questions, and numbers written the way each language writes them.

Every key has both languages (a test checks it).  Templates take ``{name}`` fields that the
notebooks fill with values from the library; no number is ever written into a string
here.

>>> from comparative import i18n
>>> i18n.number(10035, "vi"), i18n.number(66.9, "vi"), i18n.number(10035, "en")
('10.035', '66,9', '10,035')
"""

from __future__ import annotations

import math

from ..errors import UnknownName

LANGS = ("en", "vi")


# ================================================================== numbers

def number(x, lang: str, decimals: int | None = None) -> str:
    """10035 -> '10,035' (en) / '10.035' (vi); 66.9 -> '66.9' / '66,9'.

    Grouping and decimal signs are CLDR's (Babel) for en-US and vi-VN; the minus is the
    typographic one."""
    _check_lang(lang)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    from babel.numbers import format_decimal

    x = float(x)
    if decimals is None:
        decimals = 0 if x.is_integer() else min(len(repr(abs(x)).split(".")[1]), 2)
    from decimal import ROUND_HALF_UP, Decimal

    # Rounded half away from zero on the number as written (2.675 -> 2.68), as a reader
    # rounds by hand, not on its binary approximation.
    q = Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(q, format=pattern, locale=_LOCALES[lang], decimal_quantization=True)
    return text.replace("-", "−")


_LOCALES = {"en": "en_US", "vi": "vi_VN"}


QUALIFIERS = {
    "exact": ("", ""),
    "about": ("about", "khoảng"),
    "more than": ("more than", "hơn"),
    "less than": ("less than", "chưa đến"),
    "at least": ("at least", "ít nhất"),
    "at most": ("at most", "nhiều nhất"),
    "nearly": ("nearly", "gần"),
}


def pvalue(p: float, lang: str) -> str:
    """A p-value as reported: three decimals, '< 0.001' below that."""
    return f"< {number(0.001, lang, 3)}" if p < 0.001 else number(p, lang, 3)


def qualified(text: str, qualifier: str, lang: str) -> str:
    word = QUALIFIERS[qualifier][LANGS.index(lang)]
    return f"{word} {text}" if word else text


def fact_value(f, lang: str, decimals: int | None = None, unit: bool = False) -> str:
    """A fact's value as text with its qualifier (and unit): 'more than 10,000 communes'."""
    from ..store.facts import units

    if f.kind == "number" and f.unit in ("document_number", "ordinal"):
        text = str(int(f.value))   # an identifier, not a quantity: no grouping
    elif f.kind == "number":
        text = number(f.value, lang, decimals)
        if unit and f.unit == "count":
            pass                   # a bare count: the sentence names what is counted
        elif unit:
            u = units()[f.unit]
            label = u.vi if lang == "vi" else u.en
            text = f"{text}%" if f.unit == "percent" else f"{text} {label}"
        elif f.unit == "percent":
            text += "%"
    elif f.kind == "date":
        text = date(f.value, lang)
    elif f.kind == "date_range":
        start, end = f.value
        text = f"{date(start, lang) if start != '..' else '…'}–{date(end, lang) if end != '..' else '…'}"
    else:
        text = ", ".join(f.value)
    return qualified(text, f.qualifier, lang)


def date(iso: str, lang: str) -> str:
    """'2025-07-01' -> '1 July 2025' / 'ngày 1/7/2025'; '2025-07' -> 'July 2025' / 'tháng 7/2025'."""
    _check_lang(lang)
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    y, m = parts[0], int(parts[1])
    if lang == "vi":
        return f"{int(parts[2])}/{m}/{y}" if len(parts) == 3 else f"tháng {m}/{y}"
    month = _MONTHS[m - 1]
    return f"{int(parts[2])} {month} {y}" if len(parts) == 3 else f"{month} {y}"


def period(text: str, lang: str) -> str:
    """A reference date or period ('2025-07-01/2025-08', '2019/..') written in ``lang``."""
    if not text:
        return ""
    if "/" in text:
        a, _, b = text.partition("/")
        return "–".join(date(x, lang) if x != ".." else "…" for x in (a, b))
    return date(text, lang)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


# ================================================================== strings

# key -> (en, vi)
STRINGS: dict[str, tuple[str, str]] = {
    # ---- title block and common report furniture
    "title.data_version": ("Data version", "Phiên bản dữ liệu"),
    "title.notebook": ("Notebook", "Notebook"),
    "title.edition": ("Edition", "Ấn bản"),
    "audience.report": ("report", "báo cáo"),
    "audience.seminar": ("seminar", "thảo luận (seminar)"),
    "lang.en": ("English", "tiếng Anh"),
    "lang.vi": ("Vietnamese", "tiếng Việt"),
    "param.lang": ("Language", "Ngôn ngữ"),
    "param.audience": ("Audience", "Đối tượng"),
    "bool.True": ("yes", "có"),
    "bool.False": ("no", "không"),
    "caption.figure": ("Figure", "Hình"),
    "caption.table": ("Table", "Bảng"),
    "caption.source": ("Source", "Nguồn"),
    "cite.no_date": ("n.d.", "không rõ năm"),
    "report.parameters": ("Parameters of this edition: {list}.", "Tham số của ấn bản này: {list}."),
    "report.questions": ("Questions for discussion", "Câu hỏi thảo luận"),
    "report.references": ("References", "Tài liệu tham khảo"),
    "report.facts_used": ("Facts used", "Dữ kiện sử dụng"),
    "render.cjk": ("[Chinese text]", "[chữ Hán]"),
    "report.no_references": ("No source was cited.", "Không trích dẫn nguồn nào."),
}

# notebook -> ((title en, title vi), (subtitle en, subtitle vi))
TITLES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {}

# notebook -> (questions en, questions vi)
QUESTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

# parameter name -> (label en, label vi); parameter name -> value -> (en, vi)
PARAM_LABELS: dict[str, tuple[str, str]] = {}
PARAM_VALUES: dict[str, dict[str, tuple[str, str]]] = {}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise UnknownName("language", lang, LANGS)


def t(key: str, lang: str, **fields) -> str:
    """The string ``key`` in ``lang``, with ``{fields}`` filled in."""
    _check_lang(lang)
    try:
        text = STRINGS[key][LANGS.index(lang)]
    except KeyError:
        raise UnknownName("text key", key, sorted(STRINGS)) from None
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    return key in STRINGS


def title(notebook: str, lang: str) -> str:
    _check_lang(lang)
    if notebook in TITLES:
        return TITLES[notebook][0][LANGS.index(lang)]
    return notebook.replace("_", " ").capitalize()


def subtitle(notebook: str, lang: str) -> str:
    _check_lang(lang)
    return TITLES[notebook][1][LANGS.index(lang)] if notebook in TITLES else ""


def questions(notebook: str, lang: str) -> list[str]:
    _check_lang(lang)
    return list(QUESTIONS.get(notebook, ((), ()))[LANGS.index(lang)])


def param_label(name: str, lang: str, fallback: str = "") -> str:
    """How the title block names a parameter; the parameter's own description, else its name."""
    _check_lang(lang)
    key = f"param.{name}"
    if key in STRINGS:
        return t(key, lang)
    if name in PARAM_LABELS:
        return PARAM_LABELS[name][LANGS.index(lang)]
    return (fallback or name).split(";")[0].strip().capitalize() or name


def param_value(name: str, value, lang: str) -> str:
    _check_lang(lang)
    if name == "lang":
        return t(f"lang.{value}", lang)
    if name == "audience":
        return t(f"audience.{value}", lang)
    if name in PARAM_VALUES and str(value) in PARAM_VALUES[name]:
        return PARAM_VALUES[name][str(value)][LANGS.index(lang)]
    if isinstance(value, bool):
        return t(f"bool.{value}", lang)
    if isinstance(value, (int, float)):
        return str(value)
    return str(value)


def missing() -> list[str]:
    """Keys with an empty string in either language (a test keeps this empty)."""
    out = [k for k, v in STRINGS.items() if len(v) != 2 or not all(v)]
    out += [f"title {k}" for k, (a, b) in TITLES.items() if not (all(a) and len(a) == 2 and len(b) == 2)]
    out += [f"questions {k}" for k, (a, b) in QUESTIONS.items() if len(a) != len(b) or not all(a + b)]
    return out


# ================================================================== the notebooks' texts
# Kept apart from the furniture above; each notebook's keys start with its prefix.

STRINGS.update({
    # ---- shared by several notebooks
    "common.lab_note": (
        "Run all cells to see this notebook with its default parameters; change them in the "
        "cell tagged `parameters`. `comparative params {notebook}` lists what is allowed.",
        "Chạy tất cả các ô để xem notebook với tham số mặc định; thay đổi tham số trong ô "
        "gắn thẻ `parameters`. Lệnh `comparative params {notebook}` liệt kê các giá trị được phép."),
    "col.level": ("Level", "Cấp"),
    "col.quantity": ("Quantity", "Chỉ tiêu"),
    "col.value": ("Value", "Giá trị"),
    "col.period": ("Period", "Thời điểm"),
    "col.before": ("Before", "Trước"),
    "col.after": ("After", "Sau"),
    "col.change": ("Change", "Thay đổi"),
    "col.change_pct": ("Change (%)", "Thay đổi (%)"),
    "col.stated_change_pct": ("Change stated (%)", "Mức giảm nêu trong bài (%)"),
    "col.date": ("Date", "Thời gian"),
    "col.event": ("Event", "Sự kiện"),
    "col.unit": ("Unit", "Đơn vị"),
    "col.type": ("Type", "Loại"),
    "col.merged": ("Merged", "Hợp nhất"),
    "col.predecessors": ("Former provinces", "Các tỉnh cũ"),
    "col.communes": ("Commune-level units", "Đơn vị cấp xã"),
    "col.xa": ("xã", "xã"),
    "col.phuong": ("phường", "phường"),
    "col.dac_khu": ("đặc khu", "đặc khu"),
    "col.population": ("Population", "Dân số"),
    "col.area": ("Area (km²)", "Diện tích (km²)"),
    "col.count": ("Count", "Số lượng"),
    "col.share": ("Share (%)", "Tỷ lệ (%)"),
    "col.stage": ("Stage", "Giai đoạn"),
    "col.province": ("Province", "Tỉnh"),
    "col.provinces": ("Provinces", "Các tỉnh"),
    "col.tier": ("Tier", "Nhóm"),
    "col.list": ("List", "Danh sách"),
    "col.case": ("Case", "Trường hợp"),
    "col.local_event": ("Local measure", "Biện pháp địa phương"),
    "col.central_event": ("Central policy", "Chính sách trung ương"),
    "col.local_year": ("Local year", "Năm (địa phương)"),
    "col.central_year": ("Central year", "Năm (trung ương)"),
    "col.years_ahead": ("Years local measure came first", "Số năm địa phương đi trước"),
    "col.first": ("First", "Đi trước"),
    "col.dimension": ("Dimension", "Khía cạnh"),
    "col.vietnam": ("Vietnam", "Việt Nam"),
    "col.china": ("China", "Trung Quốc"),
    "col.description": ("What it compares", "Nội dung so sánh"),
    "col.stated": ("Stated intention (%)", "Ý định (%)"),
    "col.actual": ("Actual use (%)", "Thực tế (%)"),
    "col.gap": ("Gap (points)", "Chênh lệch (điểm %)"),
    "first.local": ("local", "địa phương"),
    "first.central": ("central", "trung ương"),
    "first.same year": ("same year", "cùng năm"),
    "level.tiers": ("Tiers of local government", "Số cấp chính quyền địa phương"),
    "level.province": ("Provincial level", "Cấp tỉnh"),
    "level.provinces": ("Provincial level", "Cấp tỉnh"),
    "level.district": ("District level", "Cấp huyện"),
    "level.commune": ("Commune level", "Cấp xã"),
    "level.communes": ("Commune level", "Cấp xã"),
    "case.huzhou_pension": ("Huzhou: rural pension insurance", "Hồ Châu (Huzhou): bảo hiểm dưỡng lão nông thôn"),
    "case.chongqing_hukou": ("Chongqing: hukou reform", "Trùng Khánh (Chongqing): cải cách hộ khẩu"),
    "names_note": ("as written in the Vietnamese source", "theo nguyên văn bài viết"),

    # ---- chart labels
    "chart.before": ("before", "trước"),
    "chart.after": ("after", "sau"),
    "chart.communes": ("Commune-level units", "Đơn vị cấp xã"),
    "chart.population_m": ("Population (million)", "Dân số (triệu người)"),
    "chart.area_k": ("Area (thousand km²)", "Diện tích (nghìn km²)"),
    "chart.merged": ("merged", "hợp nhất"),
    "chart.unchanged": ("unchanged", "giữ nguyên"),
    "chart.local": ("local", "địa phương"),
    "chart.central": ("central", "trung ương"),
    "chart.year": ("year", "năm"),
    "chart.local_first": ("local first by {years} years", "địa phương đi trước {years} năm"),
    "chart.central_first": ("centre first by {years} years", "trung ương đi trước {years} năm"),
    "chart.same_year": ("same year", "cùng năm"),
    "chart.china": ("China", "Trung Quốc"),
    "chart.vietnam": ("Vietnam", "Việt Nam"),
    "chart.stated": ("stated intention", "ý định"),
    "chart.actual": ("actual use", "thực tế"),
    "chart.gap": ("gap {points} points", "chênh {points} điểm"),
    "chart.estimate": ("estimate (95% confidence interval)", "ước lượng (khoảng tin cậy 95%)"),

    # ---- 1. vietnam_2025_reorganization
    "vn25.intro": (
        "On {start} Vietnam's local government went from {tiers_before} tiers to {tiers_after}: "
        "the district tier ended, and provinces and communes were merged {cite}. This report sets "
        "out the units before and after, the new provincial-level units one by one, and what "
        "the first months of operation show about staffing, administrative dossiers and the "
        "tasks moved to the communes.",
        "Từ ngày {start}, chính quyền địa phương ở Việt Nam chuyển từ {tiers_before} cấp sang "
        "{tiers_after} cấp: cấp huyện kết thúc hoạt động, các tỉnh và các xã được sắp xếp, hợp nhất "
        "{cite}. Báo cáo này trình bày các đơn vị hành chính trước và sau sắp xếp, từng đơn vị "
        "hành chính cấp tỉnh mới, và những gì các tháng vận hành đầu tiên cho thấy về nhân sự, "
        "hồ sơ thủ tục hành chính và các nhiệm vụ chuyển về cấp xã."),
    "vn25.h.units": ("Tiers and units before and after", "Các cấp và đơn vị hành chính trước và sau sắp xếp"),
    "vn25.units": (
        "The article counts {prov_before} provincial-level units before and {prov_after} after, "
        "and {com_before} commune-level units before and {com_after} after, a change it puts at "
        "{com_pct} {cite}. The official lists of units give the exact totals and the district "
        "level, which went from {dist_before} units to {dist_after} {cite_lists}.",
        "Bài viết nêu {prov_before} đơn vị hành chính cấp tỉnh trước và {prov_after} đơn vị sau "
        "sắp xếp; {com_before} đơn vị cấp xã trước và {com_after} đơn vị sau, tức mức thay đổi "
        "{com_pct} {cite}. Danh mục đơn vị hành chính chính thức cho biết tổng số chính xác và cả "
        "cấp huyện, từ {dist_before} đơn vị xuống {dist_after} {cite_lists}."),
    "vn25.cap.units_table": (
        "Tiers and units before and after the reorganization, as the article states them; the "
        "change is computed only where both counts are exact",
        "Số cấp và số đơn vị hành chính trước và sau sắp xếp theo bài viết; mức thay đổi chỉ "
        "được tính khi cả hai số liệu đều chính xác"),
    "vn25.cap.levels": (
        "Units per level before and after {date}, from the official lists of units "
        "(change in per cent above each panel)",
        "Số đơn vị hành chính mỗi cấp trước và sau ngày {date} theo danh mục chính thức "
        "(tỷ lệ thay đổi ghi phía trên mỗi ô)"),
    "vn25.h.composition": ("The new provincial and commune-level units", "Các đơn vị hành chính cấp tỉnh và cấp xã mới"),
    "vn25.composition": (
        "Of the {prov} provincial-level units, {tinh} are provinces (tỉnh) and {cities} centrally "
        "run cities (thành phố trực thuộc trung ương); of the {com} commune-level units, {xa} are "
        "rural communes (xã), {phuong} wards (phường) and {dac_khu} special zones (đặc khu) {cite}.",
        "Trong {prov} đơn vị hành chính cấp tỉnh có {tinh} tỉnh và {cities} thành phố trực thuộc "
        "trung ương; trong {com} đơn vị hành chính cấp xã có {xa} xã, {phuong} phường và "
        "{dac_khu} đặc khu {cite}."),
    "vn25.cap.composition": (
        "The parts of the provincial-level and commune-level units after the reorganization, "
        "with their shares of the total",
        "Cơ cấu đơn vị hành chính cấp tỉnh và cấp xã sau sắp xếp, kèm tỷ lệ trong tổng số"),
    "part.vn2025-provinces-tinh-after-thong": ("provinces (tỉnh)", "tỉnh"),
    "part.vn2025-cities-after-thong": ("cities (thành phố)", "thành phố"),
    "part.vn2025-communes-xa-after-thong": ("communes (xã)", "xã"),
    "part.vn2025-wards-after-thong": ("wards (phường)", "phường"),
    "part.vn2025-special-zones-after-thong": ("special zones (đặc khu)", "đặc khu"),
    "vn25.h.provinces": ("The {n} new provincial-level units", "{n} đơn vị hành chính cấp tỉnh mới"),
    "vn25.provinces": (
        "{merged} of the {total} units were formed by merging {predecessors} former provinces; "
        "{unchanged} kept their borders. A merged unit has on average {pop_m} inhabitants, "
        "{area_m} km² and {com_m} commune-level units, against {pop_u} inhabitants, {area_u} km² "
        "and {com_u} commune-level units for an unchanged one {cite}. The figure and the table "
        "below show {selection}, {order}.",
        "{merged} trong số {total} đơn vị được hình thành do hợp nhất {predecessors} tỉnh, thành "
        "phố cũ; {unchanged} đơn vị giữ nguyên địa giới. Bình quân một đơn vị hợp nhất có "
        "{pop_m} người, {area_m} km² và {com_m} đơn vị cấp xã, so với {pop_u} người, {area_u} km² "
        "và {com_u} đơn vị cấp xã ở một đơn vị giữ nguyên {cite}. Hình và bảng dưới đây trình bày "
        "{selection}, {order}."),
    "vn25.order.population": ("largest population first", "xếp theo dân số giảm dần"),
    "vn25.order.area": ("largest area first", "xếp theo diện tích giảm dần"),
    "vn25.order.communes": ("most commune-level units first", "xếp theo số đơn vị cấp xã giảm dần"),
    "vn25.order.name": ("in alphabetical order", "xếp theo tên"),
    "vn25.show.all": ("all units", "tất cả các đơn vị"),
    "vn25.show.merged": ("the merged units only", "chỉ các đơn vị hợp nhất"),
    "vn25.show.unchanged": ("the unchanged units only", "chỉ các đơn vị giữ nguyên"),
    "vn25.cap.provinces": (
        "Commune-level units, population and area of each provincial-level unit ({selection}, "
        "{order}); merged units in colour. Area and population of the unchanged units rest on "
        "one map portal only (confidence: medium)",
        "Số đơn vị cấp xã, dân số và diện tích của từng đơn vị hành chính cấp tỉnh ({selection}, "
        "{order}); đơn vị hợp nhất tô màu. Diện tích và dân số của các đơn vị giữ nguyên chỉ dựa "
        "trên một cổng bản đồ (độ tin cậy: trung bình)"),
    "vn25.cap.provinces_table": (
        "The provincial-level units after the reorganization ({selection}, {order})",
        "Các đơn vị hành chính cấp tỉnh sau sắp xếp ({selection}, {order})"),
    "vn25.cap.summary": (
        "Merged and unchanged units compared (totals and means)",
        "So sánh đơn vị hợp nhất và đơn vị giữ nguyên (tổng và bình quân)"),
    "col.group": ("Group", "Nhóm"),
    "col.units": ("Units", "Số đơn vị"),
    "col.communes_mean": ("Commune-level units, mean", "Đơn vị cấp xã, bình quân"),
    "col.population_mean": ("Population, mean", "Dân số, bình quân"),
    "col.area_mean": ("Area (km²), mean", "Diện tích (km²), bình quân"),
    "vn25.h.operations": ("The first months of operation", "Những tháng vận hành đầu tiên"),
    "vn25.operations": (
        "By {agencies_period}, {agencies} provincial specialized agencies and {offices} "
        "commune-level specialized offices had been set up. {left} left their jobs in the "
        "reorganization; by {paid_period}, {paid_pct} of them had received their policy "
        "payments {cite}.",
        "Đến {agencies_period}, đã thành lập {agencies} cơ quan chuyên môn cấp tỉnh và {offices} "
        "phòng chuyên môn cấp xã. {left} đã nghỉ việc do sắp xếp; đến {paid_period}, {paid_pct} "
        "trong số đó đã nhận chi trả chính sách {cite}."),
    "vn25.dossiers": (
        "Between {dossier_period} the provinces received {dossiers}, {dossiers_commune} of them at "
        "commune level; {online} were submitted online, results were returned for {resolved} and "
        "{ontime} were resolved on time or early {cite}.",
        "Trong thời gian {dossier_period}, các tỉnh đã tiếp nhận {dossiers}, trong đó {dossiers_commune} "
        "ở cấp xã; {online} hồ sơ được nộp trực tuyến, {resolved} hồ sơ đã được trả kết quả và "
        "{ontime} hồ sơ được giải quyết đúng hoặc trước hạn {cite}."),
    "vn25.tasks": (
        "{tasks_pct} of the former district-level tasks moved to the communes. A commune's "
        "economic–infrastructure–urban office now carries {econ} tasks and its cultural–social "
        "office {culture}, each working with {dmin} to {dmax} provincial departments {cite}.",
        "{tasks_pct} nhiệm vụ của cấp huyện trước đây được chuyển về cấp xã. Phòng kinh tế – hạ "
        "tầng – đô thị cấp xã nay đảm nhận {econ} nhiệm vụ, phòng văn hóa – xã hội {culture} nhiệm "
        "vụ, mỗi phòng phối hợp với {dmin} đến {dmax} sở, ngành cấp tỉnh {cite}."),
    "vn25.cap.shares": (
        "Shares reported for the first months of operation",
        "Các tỷ lệ được báo cáo trong những tháng vận hành đầu tiên"),
    "vn25.cap.operations": (
        "Staffing, public services and tasks in the first months of the two-tier model",
        "Nhân sự, dịch vụ công và nhiệm vụ trong những tháng đầu vận hành mô hình hai cấp"),
    "vn25.h.timeline": ("The path to the two-tier model", "Lộ trình đến mô hình hai cấp"),
    "vn25.cap.timeline": ("Party and state decisions on the way to the two-tier model",
                          "Các quyết định của Đảng và Nhà nước trên lộ trình đến mô hình hai cấp"),

    # ---- 2. local_initiative_china
    "li.intro": (
        "The article reads China's local governments as developmental actors that can move "
        "before the centre. It sets two cases against the central policy of their field: "
        "Huzhou's extension of pension insurance to rural residents, and Chongqing's reform of "
        "household registration (hukou) {cite}. This report shows, for each, which came first "
        "and by how many years, and whom each policy covered.",
        "Bài viết xem chính quyền địa phương ở Trung Quốc như những chủ thể kiến tạo phát triển, "
        "có thể đi trước trung ương. Bài viết đặt hai trường hợp bên cạnh chính sách trung ương "
        "cùng lĩnh vực: Hồ Châu (Huzhou) mở rộng bảo hiểm dưỡng lão cho cư dân nông thôn, và "
        "Trùng Khánh (Chongqing) cải cách chế độ hộ khẩu {cite}. Báo cáo này cho thấy, với mỗi "
        "trường hợp, bên nào đi trước và trước bao nhiêu năm, và mỗi chính sách áp dụng cho ai."),
    "li.h.timeline": ("Who came first", "Ai đi trước"),
    "li.lead.local": (
        "{place}: the local measure of {local_year} came {years} years before the central policy "
        "of {central_year} ({central}) {cite}.",
        "{place}: biện pháp địa phương năm {local_year} đi trước chính sách trung ương năm "
        "{central_year} ({central}) {years} năm {cite}."),
    "li.lead.central": (
        "{place}: the central policy of {central_year} ({central}) came {years} years before the "
        "local reform of {local_year} {cite}.",
        "{place}: chính sách trung ương năm {central_year} ({central}) đi trước cải cách địa "
        "phương năm {local_year} {years} năm {cite}."),
    "li.lead.same year": (
        "{place}: the local measure and the central policy ({central}) came in the same year, "
        "{local_year} {cite}.",
        "{place}: biện pháp địa phương và chính sách trung ương ({central}) cùng năm {local_year} {cite}."),
    "li.place.huzhou_pension": ("Huzhou", "Hồ Châu"),
    "li.place.chongqing_hukou": ("Chongqing", "Trùng Khánh"),
    "li.cap.timeline": (
        "Local measures and central policies on one time axis; each arrow joins a local measure "
        "to the central policy it is compared with, labelled with who came first",
        "Biện pháp địa phương và chính sách trung ương trên cùng một trục thời gian; mỗi mũi tên "
        "nối một biện pháp địa phương với chính sách trung ương được so sánh, ghi rõ bên đi trước"),
    "li.cap.leads": ("Which came first, and by how many years (negative: the centre came first)",
                     "Bên nào đi trước và trước bao nhiêu năm (số âm: trung ương đi trước)"),
    "li.cap.events": ("The dated measures and policies of each case", "Các biện pháp và chính sách có mốc thời gian của từng trường hợp"),
    "li.h.coverage": ("Whom the policies covered", "Chính sách áp dụng cho ai"),
    "li.coverage.huzhou_pension": (
        "In {year}, {persons} rural residents of Huzhou were paid from the urban workers' "
        "pension insurance fund, {share} of all persons insured {cite}.",
        "Năm {year}, {persons} cư dân nông thôn Hồ Châu được chi trả từ quỹ bảo hiểm dưỡng lão "
        "của công nhân thành thị, chiếm {share} tổng số người tham gia bảo hiểm {cite}."),
    "li.coverage.chongqing_hukou": (
        "Chongqing's reform applied to the city's own rural workers, where the central policy "
        "aimed at rural migrants from other provinces; converted workers kept their land rights "
        "for {years} years, after which they chose between {options} options {cite}.",
        "Cải cách của Trùng Khánh áp dụng cho lao động nông thôn của chính thành phố, trong khi "
        "chính sách trung ương hướng tới lao động nông thôn di cư từ các tỉnh khác; người đã "
        "chuyển hộ khẩu được giữ quyền đối với đất trong {years} năm, sau đó chọn một trong {options} "
        "khả năng {cite}."),
    "li.cap.coverage": ("Coverage and conditions of the policies of each case",
                        "Phạm vi áp dụng và điều kiện của các chính sách trong từng trường hợp"),

    # ---- 3. digital_government_stages
    "dg.intro": (
        "The article divides China's construction of digital government into {n} stages: "
        "{stages} {cite}. It sets Vietnam's path beside them, from the strategy approved by "
        "Decision {decision_no}/QĐ-TTg; this report adds the first figures of Vietnam's two-tier "
        "local government.",
        "Bài viết chia quá trình xây dựng Chính phủ số ở Trung Quốc thành {n} giai đoạn: "
        "{stages} {cite}. Bài viết đặt con đường của Việt Nam bên cạnh, từ Chiến lược được phê "
        "duyệt theo Quyết định số {decision_no}/QĐ-TTg; báo cáo này bổ sung những số liệu đầu tiên "
        "của chính quyền địa phương hai cấp ở Việt Nam."),
    "dg.stage_item": ("{label} ({period})", "{label} ({period})"),
    "dg.h.stages": ("Three stages and their milestones", "Ba giai đoạn và các mốc chính"),
    "dg.stages": (
        "The article dates {n_milestones} Chinese policies and events; {selection}.",
        "Bài viết nêu mốc thời gian của {n_milestones} chính sách và sự kiện ở Trung Quốc; {selection}."),
    "dg.stage_sel.all": ("the table lists all of them", "bảng dưới đây liệt kê tất cả"),
    "dg.stage_sel.one": ("the table lists those of stage {stage}", "bảng dưới đây liệt kê các mốc của giai đoạn {stage}"),
    "dg.cap.timeline": (
        "China's stages of digital government (bands) with one dot per dated milestone; "
        "Vietnam's dated steps on the lower lane",
        "Các giai đoạn xây dựng Chính phủ số ở Trung Quốc (dải màu), mỗi chấm là một mốc; các "
        "mốc của Việt Nam ở hàng dưới"),
    "dg.cap.timeline_cn": (
        "China's stages of digital government (bands) with one dot per dated milestone",
        "Các giai đoạn xây dựng Chính phủ số ở Trung Quốc (dải màu), mỗi chấm là một mốc"),
    "dg.cap.milestones": ("Dated milestones of China's digital government ({selection})",
                          "Các mốc xây dựng Chính phủ số ở Trung Quốc ({selection})"),
    "dg.all_stages": ("all stages", "tất cả các giai đoạn"),
    "dg.one_stage": ("stage {stage}", "giai đoạn {stage}"),
    "dg.h.vietnam": ("Vietnam's path", "Con đường của Việt Nam"),
    "dg.vietnam": (
        "Decision {decision_no}/QĐ-TTg of {decision} approved Vietnam's strategy for e-government towards "
        "digital government for {period}, with an orientation to {horizon} {cite}. In the first "
        "months of the two-tier local government, {online} of administrative dossiers were "
        "submitted online and {digitized} of dossiers were digitized {cite_vn}.",
        "Quyết định số {decision_no}/QĐ-TTg ngày {decision} phê duyệt Chiến lược phát triển Chính phủ điện "
        "tử hướng tới Chính phủ số giai đoạn {period}, định hướng đến năm {horizon} {cite}. Trong "
        "những tháng đầu vận hành chính quyền địa phương hai cấp, {online} hồ sơ thủ tục hành chính "
        "được nộp trực tuyến và tỷ lệ số hóa hồ sơ đạt {digitized} {cite_vn}."),
    "dg.cap.vietnam": ("Vietnam's dated steps towards digital government, as the article sets them beside China's",
                       "Các mốc của Việt Nam hướng tới Chính phủ số, được bài viết đặt bên cạnh Trung Quốc"),
    "dg.h.gaps": ("What people say and what they do", "Ý định và thực tế sử dụng"),
    "dg.gaps": (
        "A {year} survey by Sun Yat-sen University in {provinces} provinces and {cities} cities "
        "found {willing} of people willing to use digital government but {actual} actually using "
        "it; {want} wanted to handle administrative matters online but {did} did {cite}.",
        "Khảo sát năm {year} của Đại học Trung Sơn tại {provinces} tỉnh và {cities} thành phố cho "
        "thấy {willing} người dân đồng ý sử dụng Chính phủ số nhưng chỉ {actual} thực tế sử dụng; "
        "{want} muốn giải quyết công việc hành chính trực tuyến nhưng chỉ {did} đã làm như vậy {cite}."),
    "dg.cap.gaps": ("Stated intention against actual use of digital government (gap computed from the two shares)",
                    "Ý định so với thực tế sử dụng Chính phủ số (chênh lệch tính từ hai tỷ lệ)"),
    "dg.h.websites": ("Fewer, consolidated government websites", "Hợp nhất, tinh giản trang web chính phủ"),
    "dg.websites": (
        "Government websites went from {w0} in {y0} to {w1} in {y1}, a change of {pct} {cite}.",
        "Số trang web chính phủ giảm từ {w0} năm {y0} xuống {w1} năm {y1}, tức thay đổi {pct} {cite}."),
    "dg.cap.websites": ("Government websites in China before and after consolidation (change computed)",
                        "Số trang web chính phủ ở Trung Quốc trước và sau hợp nhất (mức thay đổi được tính toán)"),
    "dg.h.provinces": ("Provinces in front", "Các tỉnh đi đầu"),
    "dg.cap.tiers": ("Provinces in the top tiers of the CCID 2020 digital-government application index, and other lists the article names",
                     "Các tỉnh thuộc nhóm đầu của chỉ số ứng dụng Chính phủ số CCID 2020 và các danh sách khác mà bài viết nêu"),
    "dg.tier": ("CCID 2020 tier {tier}", "Nhóm {tier} chỉ số CCID 2020"),

    # ---- 4. digital_government_regression
    "rg.intro": (
        "Two questions about digital-government indices, answered with the project's regression "
        "module. First, across the {n_countries} Asian countries of the UN panel, has Viet Nam's "
        "E-Government Development Index (EGDI) risen faster or slower per survey year than China's "
        "and than the other countries'? Second, {second}",
        "Hai câu hỏi về các chỉ số Chính phủ số, được trả lời bằng mô-đun hồi quy của dự án. Thứ "
        "nhất, trong {n_countries} nước châu Á của bộ dữ liệu Liên Hợp Quốc, chỉ số phát triển "
        "Chính phủ điện tử (EGDI) của Việt Nam tăng nhanh hơn hay chậm hơn mỗi năm khảo sát so với "
        "Trung Quốc và các nước khác? Thứ hai, {second}"),
    "rg.second.cn_osi_institutions": (
        "across China's provinces, do those with a Big Data bureau or a named digital-government "
        "leading group score higher on the provincial online government-service index?",
        "giữa các tỉnh của Trung Quốc, các tỉnh có Cục Big Data hoặc được nêu là có tiểu tổ lãnh "
        "đạo Chính phủ số có điểm chỉ số năng lực dịch vụ Chính phủ trực tuyến cao hơn không?"),
    "rg.second.vn_papi_merged": (
        "across Vietnam's former provinces, did those that were later merged into larger units "
        "score differently on PAPI's access to e-government portals?",
        "giữa các tỉnh cũ của Việt Nam, các tỉnh về sau được hợp nhất thành đơn vị lớn hơn có điểm "
        "tiếp cận cổng thông tin điện tử (PAPI) khác biệt không?"),
    "rg.surveys.egdi": (
        "The trajectory uses the surveys from {first} on, the first with the index's components; "
        "earlier surveys are composites only.",
        "Quỹ đạo dùng các kỳ khảo sát từ năm {first}, kỳ đầu tiên có các chỉ số thành phần; các kỳ "
        "trước chỉ có chỉ số tổng hợp."),
    "rg.surveys.all": (
        "The trajectory uses every survey of the panel, from {first} on; the surveys before {components} "
        "are composites only and not strictly comparable with later ones.",
        "Quỹ đạo dùng mọi kỳ khảo sát của bộ dữ liệu, từ năm {first}; các kỳ trước năm {components} chỉ "
        "có chỉ số tổng hợp và không hoàn toàn so sánh được với các kỳ sau."),
    "rg.h.slopes": ("Viet Nam's EGDI trajectory", "Quỹ đạo EGDI của Việt Nam"),
    "rg.slopes": (
        "Per survey year, Viet Nam's index rose by {vn} and China's by {cn} on the 0–1 scale; the "
        "difference is {diff} (95% confidence interval {lo} to {hi}, p {p}). Against the mean "
        "slope of the other countries the difference is {diff_mean} (p {p_mean}). The model "
        "uses {n} country-surveys.",
        "Mỗi năm khảo sát, chỉ số của Việt Nam tăng {vn} và của Trung Quốc tăng {cn} trên thang "
        "0–1; chênh lệch là {diff} (khoảng tin cậy 95% từ {lo} đến {hi}, p {p}). So với hệ số góc "
        "bình quân của các nước còn lại, chênh lệch là {diff_mean} (p {p_mean}). Mô hình dùng {n} "
        "quan sát quốc gia – kỳ khảo sát."),
    "rg.cap.egdi": ("EGDI by survey year: Viet Nam and China against the other countries of the panel (grey)",
                    "EGDI theo năm khảo sát: Việt Nam và Trung Quốc so với các nước khác trong bộ dữ liệu (màu xám)"),
    "rg.cap.slopes": ("Change of the EGDI per survey year, and the differences (OLS with one intercept and one slope per country, HC3 standard errors)",
                      "Mức thay đổi EGDI mỗi năm khảo sát và các chênh lệch (OLS với hệ số chặn và hệ số góc riêng cho từng nước, sai số chuẩn HC3)"),
    "rg.contrast.0": ("slope: {focus}", "hệ số góc: {focus}"),
    "rg.contrast.1": ("slope: {compare}", "hệ số góc: {compare}"),
    "rg.contrast.2": ("slope: mean of the other {k} countries", "hệ số góc: bình quân {k} nước còn lại"),
    "rg.contrast.3": ("{focus} − {compare}", "{focus} − {compare}"),
    "rg.contrast.4": ("{focus} − mean of the other {k} countries", "{focus} − bình quân {k} nước còn lại"),
    "country.Viet Nam": ("Viet Nam", "Việt Nam"),
    "country.China": ("China", "Trung Quốc"),
    "rg.h.preset.cn_osi_institutions": ("China's provinces", "Các tỉnh của Trung Quốc"),
    "rg.h.preset.vn_papi_merged": ("Vietnam's former provinces", "Các tỉnh cũ của Việt Nam"),
    "rg.se.HC3": ("HC3 robust standard errors", "sai số chuẩn vững HC3"),
    "rg.se.nonrobust": ("classical standard errors", "sai số chuẩn thông thường"),
    "rg.cap.coef": ("Estimates with their 95% confidence intervals ({left_out} left out)",
                    "Các ước lượng với khoảng tin cậy 95% (không gồm {left_out})"),
    "rg.cap.table": ("Regression estimates", "Các ước lượng hồi quy"),
    "term.const": ("intercept", "hệ số chặn"),
    "term.online_service_index": ("the provincial online government-service index (0–100)",
                                  "chỉ số năng lực dịch vụ Chính phủ trực tuyến cấp tỉnh (0–100)"),
    "term.big_data_bureau_2018": ("Big Data bureau (as the article dates it)", "có Cục Big Data (theo mốc của bài viết)"),
    "term.dg_leading_group_named": ("named digital-government leading group", "được nêu có tiểu tổ lãnh đạo Chính phủ số"),
    "term.region": ("region (NBS, against East)", "vùng (theo NBS, so với miền Đông)"),
    "term.region[Central]": ("region: Central (against East)", "vùng: miền Trung (so với miền Đông)"),
    "term.region[West]": ("region: West (against East)", "vùng: miền Tây (so với miền Đông)"),
    "term.region[Northeast]": ("region: Northeast (against East)", "vùng: Đông Bắc (so với miền Đông)"),
    "term.papi_egov_sc81_access_egov_portals": ("PAPI access to e-government portals", "điểm tiếp cận cổng thông tin điện tử (PAPI)"),
    "term.year": ("survey year (trend)", "năm khảo sát (xu hướng)"),
    "term.merged_2025": ("later merged", "về sau được hợp nhất"),
    "col.term": ("Term", "Biến"),
    "col.coef": ("Estimate", "Ước lượng"),
    "col.se": ("Std. error", "Sai số chuẩn"),
    "col.p": ("p", "p"),
    "col.ci_low": ("95% CI, low", "KTC 95%, dưới"),
    "col.ci_high": ("95% CI, high", "KTC 95%, trên"),
    "col.contrast": ("Contrast", "So sánh"),
    "col.estimate": ("Per survey year", "Mỗi năm khảo sát"),

    # ---- 5. comparative_overview
    "ov.intro": (
        "The matrix sets Vietnam's and China's models of local government side by side on {n} "
        "dimensions. Each cell is a short coded reading of the articles, and every figure in it "
        "is the value of a fact cited below the table.",
        "Ma trận đặt mô hình chính quyền địa phương của Việt Nam và Trung Quốc cạnh nhau theo {n} "
        "khía cạnh. Mỗi ô là một nhận định ngắn rút ra từ các bài viết, và mọi con số trong ô đều là "
        "giá trị của một dữ kiện được trích dẫn bên dưới bảng."),
    "ov.selection.all": ("All dimensions are shown.", "Trình bày tất cả các khía cạnh."),
    "ov.selection.one": ("Only the dimension “{label}” is shown.", "Chỉ trình bày khía cạnh “{label}”."),
    "ov.h.matrix": ("The Vietnam–China model matrix", "Ma trận mô hình Việt Nam – Trung Quốc"),
    "ov.cap.chart": ("The model matrix at a glance: Vietnam (left) and China (right) on each dimension",
                     "Ma trận mô hình tóm tắt: Việt Nam (trái) và Trung Quốc (phải) theo từng khía cạnh"),
    "ov.cap.table": ("The model matrix, with what each dimension compares",
                     "Ma trận mô hình và nội dung so sánh của từng khía cạnh"),
    "ov.h.evidence": ("The facts behind each cell", "Các dữ kiện làm căn cứ cho từng ô"),
    "ov.cap.evidence": ("Facts cited by the cells of “{label}”", "Các dữ kiện được trích dẫn trong khía cạnh “{label}”"),
    "col.country": ("Country", "Quốc gia"),
})

TITLES.update({
    "vietnam_2025_reorganization": (
        ("Vietnam's 2025 reorganization of local government",
         "Sắp xếp chính quyền địa phương ở Việt Nam năm 2025"),
        ("From three tiers to two: units before and after, the new provinces, the first months",
         "Từ ba cấp xuống hai cấp: đơn vị trước và sau sắp xếp, các tỉnh mới, những tháng đầu vận hành")),
    "local_initiative_china": (
        ("Local initiative in China: Huzhou and Chongqing",
         "Sáng kiến địa phương ở Trung Quốc: Hồ Châu và Trùng Khánh"),
        ("Local measures against central policy: who came first, and whom they covered",
         "Biện pháp địa phương và chính sách trung ương: ai đi trước, áp dụng cho ai")),
    "digital_government_stages": (
        ("Digital government: China's three stages and Vietnam's path",
         "Chính phủ số: ba giai đoạn của Trung Quốc và con đường của Việt Nam"),
        ("Policies and milestones, survey gaps, the consolidation of government websites",
         "Chính sách và các mốc chính, khoảng cách trong khảo sát, hợp nhất trang web chính phủ")),
    "digital_government_regression": (
        ("Regressions on digital-government indices",
         "Hồi quy trên các chỉ số Chính phủ số"),
        ("Viet Nam's EGDI trajectory against China and the region; one model of an index in detail",
         "Quỹ đạo EGDI của Việt Nam so với Trung Quốc và khu vực; phân tích chi tiết một mô hình chỉ số")),
    "comparative_overview": (
        ("Vietnam and China: an overview of two models of local government",
         "Việt Nam và Trung Quốc: tổng quan hai mô hình chính quyền địa phương"),
        ("The model matrix, with the facts behind each cell",
         "Ma trận mô hình và các dữ kiện làm căn cứ")),
}.items())

PARAM_LABELS.update({
    "sort_by": ("Order", "Thứ tự"),
    "show": ("Units shown", "Đơn vị trình bày"),
    "case": ("Case", "Trường hợp"),
    "stage": ("Stage", "Giai đoạn"),
    "vietnam": ("Vietnam beside China", "Đặt Việt Nam bên cạnh"),
    "dimension": ("Dimension", "Khía cạnh"),
    "province_model": ("Provincial model", "Mô hình cấp tỉnh"),
    "surveys": ("EGDI surveys", "Các kỳ khảo sát EGDI"),
})

PARAM_VALUES.update({
    "sort_by": {"population": ("population", "dân số"), "area": ("area", "diện tích"),
                "communes": ("commune-level units", "số đơn vị cấp xã"), "name": ("name", "tên")},
    "show": {"all": ("all", "tất cả"), "merged": ("merged", "hợp nhất"), "unchanged": ("unchanged", "giữ nguyên")},
    "case": {"both": ("both", "cả hai"), "huzhou_pension": ("Huzhou", "Hồ Châu"),
             "chongqing_hukou": ("Chongqing", "Trùng Khánh")},
    "stage": {"all": ("all", "tất cả")},
    "dimension": {"all": ("all", "tất cả")},
    "province_model": {"cn": ("China's provinces", "các tỉnh Trung Quốc"),
                       "vn": ("Vietnam's former provinces", "các tỉnh cũ của Việt Nam")},
    "surveys": {"egdi": ("with components", "có chỉ số thành phần"), "all": ("all", "tất cả")},
})

QUESTIONS.update({
    "vietnam_2025_reorganization": (
        ("The district tier ended while provinces and communes were merged. Which tasks of the "
         "former districts would you expect communes to struggle with first, and which figures "
         "of the operations section support your answer?",
         "Merged units are on average much larger than unchanged ones. Does size alone explain "
         "their number of commune-level units, or do the figures point to other criteria?",
         "The dossier figures cover only the first weeks of operation. What would you need to "
         "know before reading them as evidence that the two-tier model works?"),
        ("Cấp huyện kết thúc hoạt động trong khi các tỉnh và các xã được hợp nhất. Theo anh/chị, "
         "cấp xã sẽ gặp khó khăn trước hết với những nhiệm vụ nào của cấp huyện cũ, và số liệu nào "
         "trong phần vận hành ủng hộ nhận định đó?",
         "Các đơn vị hợp nhất trung bình lớn hơn nhiều so với các đơn vị giữ nguyên. Riêng quy mô có "
         "giải thích được số đơn vị cấp xã của chúng không, hay số liệu gợi ý những tiêu chí khác?",
         "Số liệu về hồ sơ chỉ bao quát những tuần đầu vận hành. Cần biết thêm điều gì trước khi "
         "coi chúng là bằng chứng cho thấy mô hình hai cấp vận hành hiệu quả?")),
    "local_initiative_china": (
        ("Huzhou moved years before the centre; Chongqing moved years after it. Do both cases "
         "show the same kind of local initiative?",
         "Chongqing's reform covered only the city's own rural workers. Why might a local "
         "government choose a narrower group than the central policy?",
         "What would a Vietnamese province need, in law and in budget, to act as Huzhou did?"),
        ("Hồ Châu đi trước trung ương nhiều năm; Trùng Khánh đi sau. Hai trường hợp có thể hiện "
         "cùng một kiểu sáng kiến địa phương không?",
         "Cải cách của Trùng Khánh chỉ áp dụng cho lao động nông thôn của chính thành phố. Vì sao "
         "một chính quyền địa phương có thể chọn nhóm đối tượng hẹp hơn chính sách trung ương?",
         "Một tỉnh của Việt Nam cần những điều kiện gì về pháp luật và ngân sách để hành động như "
         "Hồ Châu?")),
    "digital_government_stages": (
        ("China's stages are named after the central policy of each period. Where in the "
         "milestones do you see provinces moving before the centre?",
         "The survey finds a large gap between willingness and actual use. What would you "
         "measure in Vietnam to know whether the same gap exists there?",
         "China cut its government websites sharply. What does consolidation gain, and what "
         "might local governments lose?"),
        ("Các giai đoạn của Trung Quốc được đặt tên theo chính sách trung ương của từng thời kỳ. "
         "Trong các mốc, anh/chị thấy các tỉnh đi trước trung ương ở đâu?",
         "Khảo sát cho thấy khoảng cách lớn giữa ý định và thực tế sử dụng. Cần đo lường điều gì "
         "ở Việt Nam để biết khoảng cách tương tự có tồn tại hay không?",
         "Trung Quốc cắt giảm mạnh số trang web chính phủ. Việc hợp nhất mang lại gì, và chính "
         "quyền địa phương có thể mất gì?")),
    "digital_government_regression": (
        ("The EGDI is a national composite. What can a faster national trajectory tell us about "
         "local government, and what can it not?",
         "Which other provincial characteristics would you want to control for before reading "
         "the provincial estimate as an effect of the bureaus?",
         "How would you design a comparison of Vietnamese provinces before and after the 2025 "
         "merger once new index data appear?"),
        ("EGDI là chỉ số tổng hợp cấp quốc gia. Quỹ đạo tăng nhanh hơn ở cấp quốc gia cho biết gì, "
         "và không cho biết gì, về chính quyền địa phương?",
         "Cần kiểm soát thêm những đặc điểm nào của các tỉnh trước khi coi ước lượng cấp tỉnh là "
         "tác động của các cơ quan này?",
         "Khi có dữ liệu chỉ số mới, anh/chị sẽ thiết kế so sánh các tỉnh của Việt Nam trước và "
         "sau hợp nhất năm 2025 như thế nào?")),
    "comparative_overview": (
        ("On which dimension do the two models differ most, and is the difference one of "
         "design or of stage of development?",
         "Which cell of the matrix rests on the thinnest evidence, and what source would you add?",
         "If Vietnam adopted one feature of the Chinese model, which would fit its two-tier "
         "structure best?"),
        ("Hai mô hình khác nhau nhiều nhất ở khía cạnh nào, và đó là khác biệt về thiết kế hay về "
         "giai đoạn phát triển?",
         "Ô nào trong ma trận có căn cứ mỏng nhất, và anh/chị sẽ bổ sung nguồn nào?",
         "Nếu Việt Nam tiếp nhận một đặc điểm của mô hình Trung Quốc, đặc điểm nào phù hợp nhất với "
         "cấu trúc hai cấp?")),
})


# ================================================================== the regression notebook's chosen model
# The model a reader picks with the parameters dataset, outcome, covariates, fixed_effects,
# years, countries and se: its headings, specification, plain reading and caveats (composed
# by comparative.regression), chart labels, and a name for every column it may use.

STRINGS.update({
    # ---- headings, intros and captions
    "rg.h.preset.panel_osi": ("Online services, infrastructure and human capital across the panel",
                              "Dịch vụ trực tuyến, hạ tầng viễn thông và nguồn nhân lực trong bộ dữ liệu"),
    "rg.h.preset.cn_ccid_tier_ologit": ("China's provinces: CCID tiers", "Các tỉnh của Trung Quốc: các nhóm CCID"),
    "rg.h.preset.vn_dti_rank_merged": ("Vietnam's former provinces: the 2022 Digital Transformation Index",
                                       "Các tỉnh cũ của Việt Nam: Chỉ số chuyển đổi số (DTI) 2022"),
    "rg.h.preset.vn_mic_it_merged": ("Vietnam's former provinces: IT application in 2017",
                                     "Các tỉnh cũ của Việt Nam: mức độ ứng dụng công nghệ thông tin năm 2017"),
    "rg.h.custom": ("The model chosen for this edition", "Mô hình được chọn cho ấn bản này"),
    "rg.h.fit": ("Fit and residuals", "Độ khớp và phần dư"),
    "rg.h.reading": ("Reading the estimates", "Diễn giải các ước lượng"),
    "rg.h.caveats": ("Caveats", "Những điểm cần lưu ý"),
    "rg.second.panel_osi": (
        "across the same countries and surveys, do countries with better telecommunication "
        "infrastructure and human capital offer more online services, once country and survey-year "
        "effects are taken out?",
        "trong cùng các nước và các kỳ khảo sát đó, những nước có hạ tầng viễn thông và nguồn nhân lực "
        "tốt hơn có cung cấp nhiều dịch vụ trực tuyến hơn không, khi đã loại trừ hiệu ứng quốc gia và "
        "năm khảo sát?"),
    "rg.second.cn_ccid_tier_ologit": (
        "across China's provinces, are those with a Big Data bureau in higher tiers of the CCID 2020 "
        "digital-government application index?",
        "giữa các tỉnh của Trung Quốc, các tỉnh có Cục Big Data có thuộc nhóm cao hơn của chỉ số ứng "
        "dụng Chính phủ số CCID 2020 không?"),
    "rg.second.vn_dti_rank_merged": (
        "across Vietnam's former provinces, did those that were later merged into larger units rank "
        "differently on the 2022 Digital Transformation Index (DTI)?",
        "giữa các tỉnh cũ của Việt Nam, các tỉnh về sau được hợp nhất thành đơn vị lớn hơn có thứ hạng "
        "Chỉ số chuyển đổi số (DTI) 2022 khác biệt không?"),
    "rg.second.vn_mic_it_merged": (
        "across Vietnam's former provinces, did those that were later merged into larger units score "
        "differently on the 2017 IT-application index of the Ministry of Information and Communications?",
        "giữa các tỉnh cũ của Việt Nam, các tỉnh về sau được hợp nhất thành đơn vị lớn hơn có điểm chỉ "
        "số ứng dụng công nghệ thông tin năm 2017 của Bộ Thông tin và Truyền thông khác biệt không?"),
    "rg.second.custom": (
        "what does the model chosen for this edition show about {y} in {dataset}?",
        "mô hình được chọn cho ấn bản này cho thấy gì về {y} trong {dataset}?"),
    "rg.cap.estimates": ("Regression estimates; {note}", "Các ước lượng hồi quy; {note}"),
    "rg.cap.fitted": (
        "Fitted against actual values of {y}, one dot per row used; on the dashed line the fit equals "
        "the actual value, and the rows furthest from it are named",
        "Giá trị khớp so với giá trị thực tế của {y}, mỗi điểm là một quan sát được sử dụng; trên đường "
        "nét đứt giá trị khớp bằng giá trị thực tế, các quan sát xa đường này nhất được ghi tên"),
    "rg.cap.residuals": (
        "Residual diagnostics: residuals against fitted values (left) and a normal Q–Q plot of the "
        "studentized residuals (right)",
        "Chẩn đoán phần dư: phần dư theo giá trị khớp (trái) và biểu đồ Q–Q chuẩn của phần dư chuẩn "
        "hóa (phải)"),
    "rg.cap.predicted": (
        "Predicted against actual category of {y}: rows in each cell; on the diagonal the model "
        "predicts the actual category",
        "Nhóm dự báo so với nhóm thực tế của {y}: số quan sát trong mỗi ô; trên đường chéo mô hình "
        "dự báo đúng nhóm thực tế"),
    "rg.fit.residuals": (
        "The residuals should scatter evenly around zero whatever the fitted value, and the Q–Q "
        "points should lie near the line; a funnel, a curve or points far off the line at either "
        "end are reasons to distrust the standard errors.",
        "Phần dư nên phân tán đều quanh giá trị 0 ở mọi mức giá trị khớp, và các điểm Q–Q nên nằm "
        "gần đường thẳng; hình phễu, hình cong hoặc các điểm lệch xa đường thẳng ở hai đầu là lý do "
        "để thận trọng với sai số chuẩn."),
    "rg.fit.ologit": (
        "An ordered logit has no residuals in the OLS sense, so the table of predicted against actual "
        "categories takes the place of the residual plots.",
        "Mô hình logit thứ bậc không có phần dư theo nghĩa của OLS, nên biểu đồ nhóm dự báo so với "
        "nhóm thực tế thay cho các biểu đồ phần dư."),

    # ---- the specification (comparative.regression.specification and friends)
    "rg.spec": (
        "{model} of {y} on {x}{fe}; {se}; N = {n}, {dropped} left out for a missing value; {fit}.",
        "{model} của {y} theo {x}{fe}; {se}; N = {n}, {dropped} quan sát bị loại do thiếu giá trị; {fit}."),
    "rg.model_name.ols": ("OLS", "Hồi quy OLS"),
    "rg.model_name.ologit": ("Ordered logit", "Hồi quy logit thứ bậc"),
    "rg.fit.r2": ("R² = {r2}", "R² = {r2}"),
    "rg.fit.pseudo_r2": ("McFadden pseudo-R² = {r2}", "pseudo-R² McFadden = {r2}"),
    "rg.intercept_only": ("an intercept only", "chỉ hệ số chặn"),
    "rg.with_fe": (", with fixed effects for {fe}", ", có hiệu ứng cố định theo {fe}"),
    "rg.se.cluster_by": ("standard errors clustered by {unit} ({k} clusters)",
                         "sai số chuẩn cụm theo {unit} ({k} cụm)"),
    "rg.sel.years": ("years {years}", "các năm {years}"),
    "rg.sel.countries": ("countries: {countries}", "các nước: {countries}"),
    "rg.note": ("N = {n}, {dropped} left out for a missing value; {fit}; {se}",
                "N = {n}, {dropped} quan sát bị loại do thiếu giá trị; {fit}; {se}"),
    "rg.note.fe": ("fixed effects for {fe} not shown", "không trình bày các hiệu ứng cố định theo {fe}"),
    "rg.and": ("and", "và"),
    "rg.kind.intercept": ("intercept", "hệ số chặn"),
    "rg.kind.fixed effect": ("fixed effects", "các hiệu ứng cố định"),
    "rg.kind.threshold": ("thresholds", "các ngưỡng"),
    "rg.term.threshold": ("threshold {levels}", "ngưỡng {levels}"),
    "rg.term.level": ("{column}: {level} (against {ref})", "{column}: {level} (so với {ref})"),

    # ---- the plain reading (comparative.regression.reading)
    "rg.dir.ols.higher": ("higher", "cao hơn"),
    "rg.dir.ols.lower": ("lower", "thấp hơn"),
    "rg.dir.ologit.higher": ("higher", "tăng"),
    "rg.dir.ologit.lower": ("lower", "giảm"),
    "rg.read.ols.unit": (
        "Per unit of {term}, {y} is {abs} {dir} on average, other terms held fixed (95% confidence "
        "interval {lo} to {hi}; p {p}).",
        "Mỗi đơn vị tăng thêm của {term} đi kèm với {y} {dir} trung bình {abs}, khi giữ nguyên các "
        "biến khác (khoảng tin cậy 95% từ {lo} đến {hi}; p {p})."),
    "rg.read.ols.binary": (
        "Where “{term}” applies, {y} is on average {abs} {dir} than where it does not, other terms "
        "held fixed (95% confidence interval {lo} to {hi}; p {p}).",
        "Ở các quan sát thỏa “{term}”, {y} trung bình {dir} {abs} so với các quan sát còn lại, khi "
        "giữ nguyên các biến khác (khoảng tin cậy 95% từ {lo} đến {hi}; p {p})."),
    "rg.read.ols.level": (
        "For {term}, {y} is on average {abs} {dir}, other terms held fixed (95% confidence interval "
        "{lo} to {hi}; p {p}).",
        "Với {term}, {y} trung bình {dir} {abs}, khi giữ nguyên các biến khác (khoảng tin cậy 95% "
        "từ {lo} đến {hi}; p {p})."),
    "rg.read.ologit.unit": (
        "Per unit of {term}, the log-odds of a higher category of {y} are {abs} {dir} (odds ratio "
        "{odds}; 95% confidence interval of the log-odds {lo} to {hi}; p {p}).",
        "Mỗi đơn vị tăng thêm của {term} làm log-odds thuộc nhóm cao hơn của {y} {dir} {abs} (tỷ số "
        "odds {odds}; khoảng tin cậy 95% của log-odds từ {lo} đến {hi}; p {p})."),
    "rg.read.ologit.binary": (
        "Where “{term}” applies, the log-odds of a higher category of {y} are {abs} {dir} than where "
        "it does not (odds ratio {odds}; 95% confidence interval of the log-odds {lo} to {hi}; p {p}).",
        "Ở các quan sát thỏa “{term}”, log-odds thuộc nhóm cao hơn của {y} {dir} {abs} so với các "
        "quan sát còn lại (tỷ số odds {odds}; khoảng tin cậy 95% của log-odds từ {lo} đến {hi}; p {p})."),
    "rg.read.ologit.level": (
        "For {term}, the log-odds of a higher category of {y} are {abs} {dir} (odds ratio {odds}; 95% "
        "confidence interval of the log-odds {lo} to {hi}; p {p}).",
        "Với {term}, log-odds thuộc nhóm cao hơn của {y} {dir} {abs} (tỷ số odds {odds}; khoảng tin "
        "cậy 95% của log-odds từ {lo} đến {hi}; p {p})."),
    "rg.read.clear": ("The interval excludes zero.", "Khoảng tin cậy không chứa giá trị 0."),
    "rg.read.unclear": (
        "The interval includes zero: the data are consistent with no association, or with one in "
        "either direction.",
        "Khoảng tin cậy chứa giá trị 0: dữ liệu phù hợp với cả khả năng không có mối liên hệ lẫn mối "
        "liên hệ theo chiều này hay chiều kia."),
    "rg.read.none": (
        "The model has no covariate to read: it estimates the level of the outcome only.",
        "Mô hình không có biến giải thích nào để diễn giải: mô hình chỉ ước lượng mức của biến phụ thuộc."),

    # ---- caveats (comparative.regression.caveats)
    "rg.cav.size": ("{n} rows for {k} estimated parameters (about {ratio} rows per parameter).",
                    "{n} quan sát cho {k} tham số ước lượng (khoảng {ratio} quan sát cho mỗi tham số)."),
    "rg.cav.small": (
        "Small sample: {n} rows for {k} estimated parameters (about {ratio} rows per parameter), so "
        "the estimates are imprecise and one or two rows can move them.",
        "Mẫu nhỏ: {n} quan sát cho {k} tham số ước lượng (khoảng {ratio} quan sát cho mỗi tham số), "
        "nên các ước lượng kém chính xác và chỉ một hai quan sát cũng có thể làm chúng thay đổi."),
    "rg.cav.furthest": ("; the rows furthest from the fit are {names}.",
                        "; các quan sát xa giá trị khớp nhất là {names}."),
    "rg.cav.clusters": (
        "Only {k} clusters ({unit}): clustered standard errors are unreliable with so few clusters "
        "and tend to be too small.",
        "Chỉ có {k} cụm (theo {unit}): sai số chuẩn cụm kém tin cậy khi có ít cụm như vậy và thường "
        "nhỏ hơn thực tế."),
    "rg.cav.repeated": (
        "The same {unit} appears in several years, but these standard errors treat the rows as "
        "independent; clustered standard errors (se cluster) allow for that.",
        "Cùng một {unit} xuất hiện trong nhiều năm, nhưng sai số chuẩn ở đây coi các quan sát là độc "
        "lập; sai số chuẩn cụm (se cluster) tính đến điều đó."),
    "rg.cav.years": (
        "The model pools {k} survey years ({years}); an index's method changes between editions, so "
        "scores of different years are not strictly comparable.",
        "Mô hình gộp {k} năm khảo sát ({years}); phương pháp tính chỉ số thay đổi giữa các kỳ, nên "
        "điểm số của các năm khác nhau không hoàn toàn so sánh được với nhau."),
    "rg.cav.one_year": (
        "All rows come from one year ({year}): the model compares units, not change over time.",
        "Mọi quan sát đều thuộc một năm ({year}): mô hình so sánh giữa các đơn vị, không phải sự "
        "thay đổi theo thời gian."),
    "rg.cav.confidence": (
        "Confidence flags of the {n} rows used, as the dataset records them: {flags}.",
        "Mức độ tin cậy của {n} quan sát được sử dụng, theo ghi nhận của bộ dữ liệu: {flags}."),
    "rg.cav.rank": (
        "The outcome is a rank, where a smaller number is a better place: a negative estimate means "
        "a better rank, and the steps between ranks are not equal in score.",
        "Biến phụ thuộc là thứ hạng, số càng nhỏ thì thứ hạng càng cao: ước lượng âm nghĩa là thứ "
        "hạng tốt hơn, và khoảng cách giữa các hạng không bằng nhau về điểm số."),
    "rg.cav.association": (
        "These are associations, not effects: units that differ on the covariates differ in many "
        "other ways too.",
        "Đây là các mối liên hệ, không phải tác động nhân quả: các đơn vị khác nhau về các biến giải "
        "thích cũng khác nhau ở nhiều mặt khác."),
    "rg.confcol.confidence": ("index figures", "số liệu chỉ số"),
    "rg.confcol.region_confidence": ("NBS regions", "phân vùng của NBS"),
    "rg.confcol.mapping_confidence": ("2025 province mapping", "đối chiếu tỉnh năm 2025"),
    "confidence.high": ("high", "cao"),
    "confidence.medium-high": ("medium-high", "trung bình – cao"),
    "confidence.medium": ("medium", "trung bình"),
    "confidence.medium-low": ("medium-low", "trung bình – thấp"),
    "confidence.medium / low": ("medium / low", "trung bình / thấp"),
    "confidence.low": ("low", "thấp"),

    # ---- chart labels
    "chart.actual_of": ("actual: {label}", "thực tế: {label}"),
    "chart.fitted": ("fitted", "giá trị khớp"),
    "chart.fit_equals": ("fitted = actual", "giá trị khớp = thực tế"),
    "chart.residual": ("residual", "phần dư"),
    "chart.residuals_vs_fitted": ("Residuals against fitted", "Phần dư theo giá trị khớp"),
    "chart.qq": ("Normal Q–Q", "Q–Q chuẩn"),
    "chart.normal_quantile": ("normal quantile", "phân vị chuẩn"),
    "chart.studentized": ("studentized residual", "phần dư chuẩn hóa"),
    "chart.predicted_cat": ("predicted", "dự báo"),
    "chart.actual_cat": ("actual", "thực tế"),

    # ---- the datasets a reader may model
    "dataset.un_egdi": ("the UN E-Government Development Index panel",
                        "bộ dữ liệu chỉ số phát triển Chính phủ điện tử (EGDI) của Liên Hợp Quốc"),
    "dataset.cn_provinces_2019": ("China's provinces in 2019", "các tỉnh của Trung Quốc năm 2019"),
    "dataset.vn_papi": ("PAPI e-governance scores of Vietnam's former provinces",
                        "điểm quản trị điện tử PAPI của các tỉnh cũ của Việt Nam"),
    "dataset.vn_dti_2022": ("the 2022 Digital Transformation Index of Vietnam's former provinces",
                            "Chỉ số chuyển đổi số (DTI) 2022 của các tỉnh cũ của Việt Nam"),
    "dataset.vn_mic_it_2017": ("the 2017 IT-application index of Vietnam's former provinces",
                               "chỉ số ứng dụng công nghệ thông tin năm 2017 của các tỉnh cũ của Việt Nam"),

    # ---- units, fixed effects and clusters
    "unit.country": ("country", "quốc gia"),
    "unit.survey_year": ("survey year", "năm khảo sát"),
    "unit.year": ("year", "năm"),
    "unit.old_code": ("former province", "tỉnh cũ"),
    "unit.province": ("province", "tỉnh"),
    "unit.region": ("region", "vùng"),
    "unit.new_code": ("provincial unit from 2025", "đơn vị cấp tỉnh từ năm 2025"),

    # ---- levels of categorical columns
    "category.East": ("East", "miền Đông"),
    "category.Central": ("Central", "miền Trung"),
    "category.West": ("West", "miền Tây"),
    "category.Northeast": ("Northeast", "Đông Bắc"),
    "category.below tier 2": ("below tier 2", "dưới nhóm 2"),
    "category.tier 2": ("tier 2", "nhóm 2"),
    "category.tier 1": ("tier 1", "nhóm 1"),

    # ---- countries of the UN panel, as the UN writes them
    "country.Brunei Darussalam": ("Brunei Darussalam", "Brunei"),
    "country.Cambodia": ("Cambodia", "Campuchia"),
    "country.Indonesia": ("Indonesia", "Indonesia"),
    "country.Lao People's Democratic Republic": ("Lao People's Democratic Republic", "Lào"),
    "country.Malaysia": ("Malaysia", "Malaysia"),
    "country.Myanmar": ("Myanmar", "Myanmar"),
    "country.Philippines": ("Philippines", "Philippines"),
    "country.Republic of Korea": ("Republic of Korea", "Hàn Quốc"),
    "country.Singapore": ("Singapore", "Singapore"),
    "country.Thailand": ("Thailand", "Thái Lan"),

    # ---- columns a model may use (term.<column>)
    "term.egdi": ("the E-Government Development Index (EGDI, 0–1)",
                  "chỉ số phát triển Chính phủ điện tử (EGDI, 0–1)"),
    "term.osi": ("the Online Service Index (OSI, 0–1)", "chỉ số dịch vụ trực tuyến (OSI, 0–1)"),
    "term.tii": ("the Telecommunication Infrastructure Index (TII, 0–1)",
                 "chỉ số hạ tầng viễn thông (TII, 0–1)"),
    "term.hci": ("the Human Capital Index (HCI, 0–1)", "chỉ số nguồn nhân lực (HCI, 0–1)"),
    "term.epi": ("the E-Participation Index (EPI, 0–1)", "chỉ số tham gia điện tử (EPI, 0–1)"),
    "term.egdi_rank": ("EGDI rank among UN member states", "thứ hạng EGDI trong các nước thành viên Liên Hợp Quốc"),
    "term.osi_rank": ("OSI rank among UN member states", "thứ hạng OSI trong các nước thành viên Liên Hợp Quốc"),
    "term.hci_rank": ("HCI rank among UN member states", "thứ hạng HCI trong các nước thành viên Liên Hợp Quốc"),
    "term.tii_rank": ("TII rank among UN member states", "thứ hạng TII trong các nước thành viên Liên Hợp Quốc"),
    "term.epi_rank": ("EPI rank among UN member states", "thứ hạng EPI trong các nước thành viên Liên Hợp Quốc"),
    "term.survey_year": ("survey year (trend)", "năm khảo sát (xu hướng)"),
    "term.rank_as_published": ("the provincial online government-service rank, as published",
                               "thứ hạng năng lực dịch vụ Chính phủ trực tuyến cấp tỉnh theo công bố"),
    "term.ccid_tier": ("the CCID 2020 digital-government application tier",
                       "nhóm chỉ số ứng dụng Chính phủ số CCID 2020"),
    "term.guomai_leader": ("named a leader by the Guomai Institute (2020)",
                           "được Viện Guomai xếp vào nhóm dẫn đầu (2020)"),
    "term.papi_egov_sc82_access_internet": ("PAPI access to the internet", "điểm tiếp cận Internet (PAPI)"),
    "term.papi_egov_sc83_e_responsiveness": ("PAPI e-responsiveness", "điểm phản hồi trực tuyến (PAPI)"),
    "term.papi_egov_sum": ("PAPI e-governance (sum of the three sub-dimensions)",
                           "điểm quản trị điện tử PAPI (tổng ba nội dung thành phần)"),
    "term.n_predecessors": ("former provinces in the 2025 unit", "số tỉnh cũ hợp thành đơn vị năm 2025"),
    "term.dti_rank": ("the provincial Digital Transformation Index rank (of 63)",
                      "thứ hạng Chỉ số chuyển đổi số cấp tỉnh (trên 63)"),
    "term.dti_score": ("the provincial Digital Transformation Index (0–1)",
                       "Chỉ số chuyển đổi số cấp tỉnh (0–1)"),
    "term.sub_nhan_thuc_so_awareness": ("DTI sub-index: digital awareness", "chỉ số thành phần DTI: nhận thức số"),
    "term.sub_the_che_so_institutions": ("DTI sub-index: digital institutions", "chỉ số thành phần DTI: thể chế số"),
    "term.sub_ha_tang_so_infrastructure": ("DTI sub-index: digital infrastructure", "chỉ số thành phần DTI: hạ tầng số"),
    "term.sub_nhan_luc_so_human_resources": ("DTI sub-index: digital human resources",
                                             "chỉ số thành phần DTI: nhân lực số"),
    "term.sub_attt_cybersecurity": ("DTI sub-index: information security", "chỉ số thành phần DTI: an toàn thông tin"),
    "term.sub_hd_chinh_quyen_so_digital_gov_activity": ("DTI sub-index: digital-government activity",
                                                        "chỉ số thành phần DTI: hoạt động chính quyền số"),
    "term.sub_hd_kinh_te_so_digital_econ_activity": ("DTI sub-index: digital-economy activity",
                                                     "chỉ số thành phần DTI: hoạt động kinh tế số"),
    "term.sub_hd_xa_hoi_so_digital_society_activity": ("DTI sub-index: digital-society activity",
                                                       "chỉ số thành phần DTI: hoạt động xã hội số"),
    "term.pillar_chinh_quyen_so_score": ("DTI pillar: digital government (0–1)", "trụ cột DTI: chính quyền số (0–1)"),
    "term.pillar_chinh_quyen_so_rank": ("DTI pillar rank: digital government", "thứ hạng trụ cột DTI: chính quyền số"),
    "term.pillar_kinh_te_so_score": ("DTI pillar: digital economy (0–1)", "trụ cột DTI: kinh tế số (0–1)"),
    "term.pillar_kinh_te_so_rank": ("DTI pillar rank: digital economy", "thứ hạng trụ cột DTI: kinh tế số"),
    "term.pillar_xa_hoi_so_score": ("DTI pillar: digital society (0–1)", "trụ cột DTI: xã hội số (0–1)"),
    "term.pillar_xa_hoi_so_rank": ("DTI pillar rank: digital society", "thứ hạng trụ cột DTI: xã hội số"),
    "term.rank": ("rank as published (of 63)", "thứ hạng theo công bố (trên 63)"),
    "term.index_value": ("the 2017 IT-application index (0–1)", "chỉ số ứng dụng công nghệ thông tin năm 2017 (0–1)"),
})

PARAM_LABELS.update({
    "dataset": ("Dataset", "Bộ dữ liệu"),
    "outcome": ("Outcome", "Biến phụ thuộc"),
    "covariates": ("Covariates", "Biến giải thích"),
    "fixed_effects": ("Fixed effects", "Hiệu ứng cố định"),
    "years": ("Years", "Các năm"),
    "countries": ("Countries", "Các nước"),
    "se": ("Standard errors", "Sai số chuẩn"),
})

_DEFAULT_MODELS = ("as in the default model", "theo mô hình mặc định")
PARAM_VALUES.update({
    "dataset": {"auto": ("as in the provincial model", "theo mô hình cấp tỉnh")},
    "outcome": {"auto": _DEFAULT_MODELS},
    "covariates": {"auto": _DEFAULT_MODELS, "none": ("none", "không có")},
    "fixed_effects": {"auto": _DEFAULT_MODELS, "none": ("none", "không có")},
    "years": {"all": ("all", "tất cả")},
    "countries": {"all": ("all", "tất cả")},
    "se": {"auto": _DEFAULT_MODELS, "nonrobust": ("classical", "thông thường"),
           "HC3": ("HC3 robust", "vững HC3"), "cluster": ("clustered", "sai số chuẩn cụm")},
})


# ================================================================== the catalogues
# The furniture lives in data files, one per language (locale/en.toml, locale/vi.toml);
# what is left above of the notebooks' old texts is being retired as each notebook carries
# its own argument.

def _load_catalogues() -> None:
    import tomllib
    from pathlib import Path

    here = Path(__file__).resolve().parent
    cats = {lang: tomllib.loads((here / f"{lang}.toml").read_text(encoding="utf-8")) for lang in LANGS}
    en, vi = cats["en"], cats["vi"]
    for key in en["strings"]:
        STRINGS[key] = (en["strings"][key], vi["strings"].get(key, ""))
    for key in vi["strings"]:
        STRINGS.setdefault(key, ("", vi["strings"][key]))
    for key in en["qualifiers"]:
        QUALIFIERS[key] = (en["qualifiers"][key], vi["qualifiers"].get(key, ""))
    for key in en["param_labels"]:
        PARAM_LABELS[key] = (en["param_labels"][key], vi["param_labels"].get(key, ""))
    for name, values in en["param_values"].items():
        PARAM_VALUES[name] = {k: (v, vi["param_values"].get(name, {}).get(k, "")) for k, v in values.items()}


_load_catalogues()
