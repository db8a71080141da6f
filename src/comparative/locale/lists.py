"""List items by address: ``fact_id#n`` is the n-th item (1-based) of a list fact, with
its display forms in both languages (``locale/items.toml``), so that a report can cite one
item.

>>> import comparative as c
>>> c.item("vnlg-characteristics#3").en        # doctest: +SKIP
'drawing in the private business sector'
>>> c.fact("cndg-technology-pillars#4").vi     # doctest: +SKIP
'công nghệ liên kết chuỗi (blockchain)'
"""

from __future__ import annotations

from dataclasses import replace

from ..store import facts as _facts
from ..store.facts import Item
from . import i18n

__all__ = ["Item", "fact", "item"]


def item(address: str, n: int | None = None) -> Item:
    """The item at ``address`` ('vnlg-characteristics#3', or the id and ``n``), with its
    English and Vietnamese display forms.  An address that is not a number, out of range
    or of a fact that is not a list is refused with a one-line BadAddress."""
    found = _facts.list_item(address, n)
    return replace(found, en=i18n.item(found.text, "en"), vi=i18n.item(found.text, "vi"))


def fact(fact_id: str):
    """One fact by its id; an item address ('id#3') gives that item of a list fact (see
    :func:`item`)."""
    if isinstance(fact_id, str) and "#" in fact_id:
        return item(fact_id)
    return _facts.fact(fact_id)
