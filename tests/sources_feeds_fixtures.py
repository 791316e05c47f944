"""Feeds written for the sources tests: RSS 2.0 with summaries, Atom with full text, RSS 1.0, broken XML."""

from __future__ import annotations

from sources_site import article_page

_COUNTRIES = [
    "Azerbaijan",
    "Italy",
    "Georgia",
    "Kazakhstan",
    "Turkey",
    "Albania",
    "Poland",
    "Greece",
    "Uzbekistan",
]
_TOPICS = ["gas supplies", "rail freight", "port investment", "visa rules", "wind power", "grain exports"]


def item_title(number: int) -> str:
    first = _COUNTRIES[number % len(_COUNTRIES)]
    second = _COUNTRIES[(number * 5 + 1) % len(_COUNTRIES)]
    return f"{first} and {second} talk {_TOPICS[number % len(_TOPICS)]}, round {number}"


def item_page(number: int, site_name: str = "Meridian Daily") -> str:
    """A distinct article page for feed item `number`."""
    first = _COUNTRIES[number % len(_COUNTRIES)]
    second = _COUNTRIES[(number * 5 + 1) % len(_COUNTRIES)]
    topic = _TOPICS[number % len(_TOPICS)]
    return article_page(
        title=item_title(number),
        site_name=site_name,
        published=f"2024-{number % 12 + 1:02d}-{number % 27 + 1:02d}",
        paragraphs=[
            f"Officials from {first} and {second} met for round {number} of their talks on {topic}, "
            f"the foreign ministries of both countries said in a joint statement after the meeting.",
            f"The delegations reviewed {number * 3 + 7} proposals and agreed to set up a working group "
            f"that will report back within {number % 9 + 2} months, the statement said.",
            f"Round {number} followed earlier contacts between the two governments on {topic}, which both "
            "sides described as constructive and open.",
        ],
    )


def rss2(base: str, numbers: range, title: str = "Meridian Daily - World") -> str:
    """RSS 2.0 whose items carry a one-line summary and link to a page each."""
    items = "".join(
        f"<item><title>{item_title(n)}</title><link>{base}/news/{n}.html</link>"
        f'<guid isPermaLink="false">meridian-{n}</guid>'
        f"<pubDate>Fri, {n % 27 + 1:02d} Sep 2024 10:00:00 GMT</pubDate>"
        f"<description>Round {n} of the talks.</description></item>"
        for n in numbers
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{base}/</link><description>World news</description>{items}"
        "</channel></rss>"
    )


def atom_full_text(base: str, count: int) -> str:
    """Atom whose entries carry the whole article as HTML content."""
    entries = []
    for n in range(count):
        paragraphs = "".join(
            f"&lt;p&gt;Entry {n}, paragraph {p}: the envoys of Greece and Albania discussed the maritime "
            f"border, fishing rights in the Ionian Sea and the schedule of the next {p + n} meetings, "
            "according to a statement issued by both delegations after the talks.&lt;/p&gt;"
            for p in range(6)
        )
        entries.append(
            f"<entry><title>Ionian talks, entry {n}</title>"
            f'<link rel="alternate" href="{base}/ionian/{n}"/><id>urn:ionian:{n}</id>'
            f"<updated>2024-10-{n + 1:02d}T08:00:00Z</updated><author><name>Eleni Pappas</name></author>"
            f'<content type="html">{paragraphs}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Ionian Observer</title><id>urn:ionian</id><updated>2024-10-09T08:00:00Z</updated>{''.join(entries)}"
        "</feed>"
    )


def rss1(base: str) -> str:
    """An RSS 1.0 (RDF) feed with two items that link to pages."""
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="{base}/rdf"><title>Balkan Digest</title><link>{base}/</link>'
        "<description>Digest</description></channel>"
        f'<item rdf:about="{base}/news/500.html"><title>{item_title(500)}</title>'
        f"<link>{base}/news/500.html</link><dc:date>2024-06-01</dc:date></item>"
        f'<item rdf:about="{base}/news/501.html"><title>{item_title(501)}</title>'
        f"<link>{base}/news/501.html</link><dc:date>2024-06-02</dc:date></item>"
        "</rdf:RDF>"
    )


BROKEN_XML = '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Half'
