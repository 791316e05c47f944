"""Pages and stories written for the sources tests, in the house styles of invented outlets."""

from __future__ import annotations

from sources_site import article_page

# The Caspian Courier: Open Graph meta tags, an AP story with an undated dateline.
COURIER_TITLE = "Azerbaijan and Italy agree to widen energy cooperation"
COURIER_PAGE = article_page(
    title=COURIER_TITLE,
    site_name="The Caspian Courier",
    published="2024-09-13T09:30:00+04:00",
    author="Leyla Hasanova",
    canonical="https://courier.example/world/azerbaijan-italy-energy",
    paragraphs=[
        "BAKU (AP) — Azerbaijan and Italy agreed on Friday to widen their cooperation on gas supplies and "
        "renewable energy, the foreign ministers of the two countries said after talks in Baku.",
        "The ministers discussed the Southern Gas Corridor, which carries Caspian gas to southern Europe, "
        "and a plan to build wind farms along the coast with Italian companies.",
        "Officials said the sides also spoke about the transport routes linking the Caspian Sea with the "
        "Black Sea ports, and about a cultural year to be held in both countries.",
        "The next round of consultations is planned for the spring in Rome, a ministry spokesperson said.",
    ],
)

# Adriatic Wire: schema.org JSON-LD only, a Reuters-style dateline with day and month.
ADRIATIC_TITLE = "Italy and Albania sign a migration accord in Rome"
ADRIATIC_PAGE = article_page(
    title=ADRIATIC_TITLE,
    site_name="Adriatic Wire",
    published="2024-11-06",
    author="Marco Bellini",
    json_ld=True,
    paragraphs=[
        "ROME, Nov 6 (Reuters) - Italy and Albania signed an accord on Wednesday on the processing of "
        "asylum requests, the Italian government said in a statement after the meeting of the two prime "
        "ministers.",
        "Under the accord, centres will be run in two Albanian ports, with Italian staff handling the "
        "requests under Italian law, the statement said.",
        "Human rights groups criticised the arrangement, saying it would make it harder for people to "
        "reach lawyers, while the governments said the centres would respect international standards.",
        "The accord still has to be ratified by the parliaments of both countries.",
    ],
)

# Steppe Telegraph: no metadata beyond the <title>; a Trend-style lead with "Trend reports".
STEPPE_TITLE = "Kazakhstan and Azerbaijan discuss the Middle Corridor"
STEPPE_PAGE = (
    "<html><head><title>Kazakhstan and Azerbaijan discuss the Middle Corridor</title></head><body>"
    '<div id="top"><a href="/">Steppe Telegraph</a> | <a href="/news">News</a></div>'
    '<div class="story"><h2>Kazakhstan and Azerbaijan discuss the Middle Corridor</h2>'
    "<p>BAKU, Azerbaijan, March 12. The foreign ministers of Kazakhstan and Azerbaijan met in Baku on "
    "March 11, 2025 to discuss freight along the Middle Corridor, Trend reports, referring to the "
    "ministry.</p>"
    "<p>The ministers noted that the volume of cargo crossing the Caspian Sea had grown, and discussed new "
    "ferries and the modernisation of the ports of Aktau and Alat.</p>"
    "<p>They also spoke about digital customs procedures that would shorten the time trains wait at "
    "the borders of the countries along the route.</p></div>"
    '<div id="bottom">Steppe Telegraph 2025</div></body></html>'
)

# A page in windows-1251, declared only in its <meta>.
CYRILLIC_TITLE = "Министры обсудили сотрудничество"
CYRILLIC_PAGE = article_page(
    title=CYRILLIC_TITLE,
    site_name="Каспийский вестник",
    published="2024-05-20",
    charset="windows-1251",
    paragraphs=[
        "Министры иностранных дел двух стран обсудили в понедельник вопросы энергетического "
        "сотрудничества и транспортных коридоров, сообщило министерство.",
        "Стороны договорились продолжить консультации и подготовить новое соглашение о торговле, "
        "которое планируется подписать до конца года.",
        "Также обсуждались вопросы культурного обмена и сотрудничества в области образования.",
    ],
).encode("windows-1251")

# A pasted AP story: no front matter, the dateline undated, the full date in the body.
AP_STORY = (
    "BERLIN (AP) — German and Polish foreign ministers met in Berlin on Friday to discuss border "
    "controls and support for Ukraine, officials said.\n\n"
    "The meeting, held on September 13, 2024, followed weeks of tension over migration checks at the "
    "border. The ministers said they would keep talking.\n\n"
    "A further meeting is planned for October 30, 2024 in Warsaw.\n"
)
