"""OPML 2.0 feed lists in and out; entity declarations are refused on the way in."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError, SubElement, tostring


class OpmlError(Exception):
    """An OPML document that cannot be read; the message is one line."""


@dataclass(frozen=True)
class Outline:
    """A feed as an OPML outline gives it; `tag` is its category or the folder it sits in."""

    name: str | None
    url: str
    tag: str | None


def parse_opml(data: str | bytes) -> list[Outline]:
    """The feeds of an OPML document, in document order; raises OpmlError for broken or hostile XML."""
    import defusedxml
    import defusedxml.ElementTree

    try:
        root = defusedxml.ElementTree.fromstring(data)
    except ParseError as error:
        raise OpmlError(f"broken OPML: {error}") from None
    except defusedxml.DefusedXmlException:
        raise OpmlError("OPML refused: it declares XML entities") from None
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise OpmlError("not an OPML document (no <opml><body>)")
    found: list[Outline] = []

    def walk(element: Element, folder: str | None) -> None:
        for outline in element.findall("outline"):
            attributes = {key.lower(): value for key, value in outline.attrib.items()}
            url = (attributes.get("xmlurl") or "").strip()
            title = (attributes.get("title") or attributes.get("text") or "").strip() or None
            if url:
                category = (attributes.get("category") or "").strip().strip("/") or None
                found.append(Outline(title, url, category or folder))
                walk(outline, folder)
            else:
                walk(outline, title or folder)

    walk(body, None)
    return found


def render_opml(
    outlines: Sequence[Outline], title: str = "dipreader feeds", now: _dt.datetime | None = None
) -> str:
    """An OPML 2.0 document listing the feeds."""
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    created = (now or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC)
    SubElement(head, "dateCreated").text = created.strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = SubElement(root, "body")
    for outline in outlines:
        name = outline.name or outline.url
        attributes = {"type": "rss", "text": name, "title": name, "xmlUrl": outline.url}
        if outline.tag:
            attributes["category"] = outline.tag
        SubElement(body, "outline", attributes)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
