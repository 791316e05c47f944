"""Every country with its other names, demonyms and capital: reads "Italian" or "of Italy"."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from dipreader.model.names import letters_folded

# name | other names | demonyms | capital(s)
_TABLE = """
Afghanistan||Afghan|Kabul
Albania||Albanian|Tirana
Algeria||Algerian|Algiers
Andorra||Andorran|Andorra la Vella
Angola||Angolan|Luanda
Antigua and Barbuda||Antiguan|Saint John's
Argentina||Argentine;Argentinian;Argentinean|Buenos Aires
Armenia||Armenian|Yerevan
Australia||Australian|Canberra
Austria||Austrian|Vienna
Azerbaijan||Azerbaijani;Azeri;Azerbaijanian|Baku
Bahamas|The Bahamas|Bahamian|Nassau
Bahrain||Bahraini|Manama
Bangladesh||Bangladeshi|Dhaka
Barbados||Barbadian|Bridgetown
Belarus||Belarusian|Minsk
Belgium||Belgian|Brussels
Belize||Belizean|Belmopan
Benin||Beninese|Porto-Novo;Cotonou
Bhutan||Bhutanese|Thimphu
Bolivia||Bolivian|La Paz;Sucre
Bosnia and Herzegovina|Bosnia|Bosnian|Sarajevo
Botswana||Motswana;Botswanan|Gaborone
Brazil||Brazilian|Brasilia;Brasília
Brunei||Bruneian|Bandar Seri Begawan
Bulgaria||Bulgarian|Sofia
Burkina Faso||Burkinabe|Ouagadougou
Burundi||Burundian|Gitega
Cabo Verde|Cape Verde|Cabo Verdean;Cape Verdean|Praia
Cambodia||Cambodian|Phnom Penh
Cameroon||Cameroonian|Yaounde;Yaoundé
Canada||Canadian|Ottawa
Central African Republic||Central African|Bangui
Chad||Chadian|N'Djamena
Chile||Chilean|Santiago
China|People's Republic of China;PRC|Chinese|Beijing
Colombia||Colombian|Bogota;Bogotá
Comoros||Comorian|Moroni
Congo|Republic of the Congo;Congo-Brazzaville|Congolese|Brazzaville
Democratic Republic of the Congo|DRC;DR Congo;Congo-Kinshasa|Congolese|Kinshasa
Costa Rica||Costa Rican|San Jose;San José
Cote d'Ivoire|Côte d'Ivoire;Ivory Coast|Ivorian|Yamoussoukro;Abidjan
Croatia||Croatian|Zagreb
Cuba||Cuban|Havana
Cyprus||Cypriot|Nicosia
Czechia|Czech Republic|Czech|Prague
Denmark||Danish|Copenhagen
Djibouti||Djiboutian|Djibouti
Dominica|||Roseau
Dominican Republic||Dominican|Santo Domingo
Ecuador||Ecuadorian|Quito
Egypt||Egyptian|Cairo
El Salvador||Salvadoran|San Salvador
Equatorial Guinea||Equatoguinean|Malabo
Eritrea||Eritrean|Asmara
Estonia||Estonian|Tallinn
Eswatini|Swaziland|Swazi|Mbabane
Ethiopia||Ethiopian|Addis Ababa
Fiji||Fijian|Suva
Finland||Finnish|Helsinki
France||French|Paris
Gabon||Gabonese|Libreville
Gambia|The Gambia|Gambian|Banjul
Georgia||Georgian|Tbilisi
Germany||German|Berlin
Ghana||Ghanaian|Accra
Greece||Greek;Hellenic|Athens
Grenada||Grenadian|St. George's
Guatemala||Guatemalan|Guatemala City
Guinea||Guinean|Conakry
Guinea-Bissau||Bissau-Guinean|Bissau
Guyana||Guyanese|Georgetown
Haiti||Haitian|Port-au-Prince
Holy See|Vatican|Vatican|Vatican City
Honduras||Honduran|Tegucigalpa
Hungary||Hungarian|Budapest
Iceland||Icelandic|Reykjavik
India||Indian|New Delhi;Delhi
Indonesia||Indonesian|Jakarta
Iran|Islamic Republic of Iran|Iranian|Tehran
Iraq||Iraqi|Baghdad
Ireland||Irish|Dublin
Israel||Israeli|Jerusalem;Tel Aviv
Italy|Italian Republic|Italian|Rome
Jamaica||Jamaican|Kingston
Japan||Japanese|Tokyo
Jordan||Jordanian|Amman
Kazakhstan||Kazakh;Kazakhstani|Astana
Kenya||Kenyan|Nairobi
Kiribati||I-Kiribati|Tarawa
Kuwait||Kuwaiti|Kuwait City
Kyrgyzstan|Kyrgyz Republic|Kyrgyz|Bishkek
Laos|Lao PDR|Lao;Laotian|Vientiane
Latvia||Latvian|Riga
Lebanon||Lebanese|Beirut
Lesotho||Basotho|Maseru
Liberia||Liberian|Monrovia
Libya||Libyan|Tripoli
Liechtenstein||Liechtensteiner|Vaduz
Lithuania||Lithuanian|Vilnius
Luxembourg||Luxembourgish;Luxembourger|Luxembourg
Madagascar||Malagasy|Antananarivo
Malawi||Malawian|Lilongwe
Malaysia||Malaysian|Kuala Lumpur
Maldives||Maldivian|Male
Mali||Malian|Bamako
Malta||Maltese|Valletta
Marshall Islands||Marshallese|Majuro
Mauritania||Mauritanian|Nouakchott
Mauritius||Mauritian|Port Louis
Mexico||Mexican|Mexico City
Micronesia||Micronesian|Palikir
Moldova||Moldovan|Chisinau;Chișinău
Monaco||Monegasque|Monaco
Mongolia||Mongolian|Ulaanbaatar;Ulan Bator
Montenegro||Montenegrin|Podgorica
Morocco||Moroccan|Rabat
Mozambique||Mozambican|Maputo
Myanmar|Burma|Myanmar;Burmese|Naypyidaw
Namibia||Namibian|Windhoek
Nauru||Nauruan|Yaren
Nepal||Nepalese;Nepali|Kathmandu
Netherlands|The Netherlands;Holland|Dutch|Amsterdam;The Hague
New Zealand||New Zealand|Wellington
Nicaragua||Nicaraguan|Managua
Niger||Nigerien|Niamey
Nigeria||Nigerian|Abuja
North Korea|DPRK;Democratic People's Republic of Korea|North Korean|Pyongyang
North Macedonia|Macedonia|Macedonian;North Macedonian|Skopje
Norway||Norwegian|Oslo
Oman||Omani|Muscat
Pakistan||Pakistani|Islamabad
Palau||Palauan|Ngerulmud
Palestine|State of Palestine|Palestinian|Ramallah
Panama||Panamanian|Panama City
Papua New Guinea||Papua New Guinean|Port Moresby
Paraguay||Paraguayan|Asuncion;Asunción
Peru||Peruvian|Lima
Philippines|The Philippines|Philippine;Filipino|Manila
Poland||Polish|Warsaw
Portugal||Portuguese|Lisbon
Qatar||Qatari|Doha
Romania||Romanian|Bucharest
Russia|Russian Federation|Russian|Moscow
Rwanda||Rwandan|Kigali
Saint Kitts and Nevis||Kittitian|Basseterre
Saint Lucia||Saint Lucian|Castries
Saint Vincent and the Grenadines||Vincentian|Kingstown
Samoa||Samoan|Apia
San Marino||Sammarinese|San Marino
Sao Tome and Principe|São Tomé and Príncipe|Santomean|Sao Tome
Saudi Arabia|Kingdom of Saudi Arabia|Saudi;Saudi Arabian|Riyadh
Senegal||Senegalese|Dakar
Serbia||Serbian|Belgrade
Seychelles||Seychellois|Victoria
Sierra Leone||Sierra Leonean|Freetown
Singapore||Singaporean|Singapore
Slovakia|Slovak Republic|Slovak|Bratislava
Slovenia||Slovenian;Slovene|Ljubljana
Solomon Islands||Solomon Islander|Honiara
Somalia||Somali|Mogadishu
South Africa||South African|Pretoria;Cape Town
South Korea|Republic of Korea;Korea;ROK|South Korean;Korean|Seoul
South Sudan||South Sudanese|Juba
Spain||Spanish|Madrid
Sri Lanka||Sri Lankan|Colombo
Sudan||Sudanese|Khartoum
Suriname||Surinamese|Paramaribo
Sweden||Swedish|Stockholm
Switzerland|Swiss Confederation|Swiss|Bern
Syria|Syrian Arab Republic|Syrian|Damascus
Taiwan||Taiwanese|Taipei
Tajikistan||Tajik;Tajikistani|Dushanbe
Tanzania||Tanzanian|Dodoma;Dar es Salaam
Thailand||Thai|Bangkok
Timor-Leste|East Timor|Timorese|Dili
Togo||Togolese|Lome;Lomé
Tonga||Tongan|Nuku'alofa
Trinidad and Tobago||Trinidadian|Port of Spain
Tunisia||Tunisian|Tunis
Türkiye|Turkiye;Turkey;Republic of Türkiye|Turkish|Ankara
Turkmenistan||Turkmen|Ashgabat
Tuvalu||Tuvaluan|Funafuti
Uganda||Ugandan|Kampala
Ukraine||Ukrainian|Kyiv;Kiev
United Arab Emirates|UAE;Emirates|Emirati|Abu Dhabi;Dubai
United Kingdom|UK;U.K.;Britain;Great Britain|British|London
United States|US;U.S.;USA;United States of America;America|American|Washington
Uruguay||Uruguayan|Montevideo
Uzbekistan||Uzbek;Uzbekistani|Tashkent
Vanuatu||Ni-Vanuatu|Port Vila
Venezuela||Venezuelan|Caracas
Vietnam|Viet Nam|Vietnamese|Hanoi
Yemen||Yemeni|Sanaa;Sana'a
Zambia||Zambian|Lusaka
Zimbabwe||Zimbabwean|Harare
European Union|EU|European|Brussels
United Nations|UN;U.N.||
"""


# Cities of several words that are not capitals: never a person's name ("New York" is not "York").
MULTIWORD_CITIES = {
    "New York": "United States",
    "Los Angeles": "United States",
    "San Francisco": "United States",
    "New Orleans": "United States",
    "Las Vegas": "United States",
    "Hong Kong": "China",
    "Ho Chi Minh City": "Vietnam",
    "Rio de Janeiro": "Brazil",
    "São Paulo": "Brazil",
    "Sao Paulo": "Brazil",
    "St. Petersburg": "Russia",
    "Saint Petersburg": "Russia",
    "Sharm el-Sheikh": "Egypt",
    "Port Said": "Egypt",
    "Santa Cruz": "Bolivia",
    "Chiang Mai": "Thailand",
    "Da Nang": "Vietnam",
    "Johor Bahru": "Malaysia",
    "Kota Kinabalu": "Malaysia",
    "Cox's Bazar": "Bangladesh",
}


# International bodies stand where a country would in a title ("EU High Representative", "UN
# Secretary-General"), but never count as one of the countries an article is about.
INTERNATIONAL_BODIES = frozenset({"European Union", "United Nations"})


@cache
def country_by_word() -> dict[str, str]:
    """Country name, other name or demonym ("Italian") -> canonical country name."""
    table: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        name, others, demonyms, _capitals = line.split("|")
        for word in [name, *others.split(";"), *demonyms.split(";")]:
            if word:
                table.setdefault(word, name)
    return table


@cache
def country_by_capital() -> dict[str, str]:
    """Capital city -> country: "Governor of Tokyo", "BRASÍLIA —" name a country."""
    table: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        name, _others, _demonyms, capitals = line.split("|")
        for capital in capitals.split(";"):
            if capital and name != "European Union":
                table.setdefault(capital, name)
    return table


@cache
def demonyms() -> frozenset[str]:
    """Every demonym adjective ("Italian", "Azerbaijani")."""
    return frozenset(
        demonym
        for line in _TABLE.strip().splitlines()
        for demonym in line.split("|")[2].split(";")
        if demonym
    )


# Words of place names that are also parts of people's names ("António Costa", "Santiago Peña").
_ALSO_PERSON_NAMES = frozenset(
    """
    La San Saint St. Port New City Abu Louis Jose José The Cape Town Salvador Santo Domingo Dar Tel
    Costa Sierra Leone Marino Lucia Vincent Kitts Nevis Marshall Solomon Paz Santiago Sofia Victoria
    Kingston Male Colombo Lima Juba Apia Praia Roseau Castries Georgetown Rica Grenada Islands
    Islander South North East Central Equatorial Coast Ivory United Great Arab People's Democratic
    Republic Kingdom State Federation Confederation Islamic Czech
    """.split()  # noqa: SIM905
)


@cache
def place_words() -> frozenset[str]:
    """Single words of countries, demonyms and capitals: never part of a person's name."""
    words: set[str] = set()
    for line in _TABLE.strip().splitlines():
        name, others, demonyms_, capitals = line.split("|")
        for phrase in [name, *others.split(";"), *demonyms_.split(";"), *capitals.split(";")]:
            parts = phrase.split()
            if len(parts) == 1:
                words.add(phrase)
            else:
                words.update(p for p in parts if p[:1].isupper() and p not in _ALSO_PERSON_NAMES)
    return frozenset(words - {"Santiago", "Sofia", "Victoria", "Kingston", "Male", "Colombo", "Lima"})


@cache
def multiword_places_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Place names of several words ("Viet Nam", "Sri Lanka", "Abu Dhabi") by their first word."""
    phrases: dict[str, set[tuple[str, ...]]] = {}
    for line in [*_TABLE.strip().splitlines(), ";".join(MULTIWORD_CITIES)]:
        for phrase in line.replace("|", ";").split(";"):
            words = tuple(phrase.split())
            if len(words) > 1:
                phrases.setdefault(words[0], set()).add(words)
    return {first: tuple(sorted(group)) for first, group in phrases.items()}


@cache
def country_names_longest_first() -> tuple[str, ...]:
    """Every country name, other name and demonym, longest first (for a regex alternation)."""
    words = set(country_by_word()) | set(country_by_capital())
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


def takes_article(word: str) -> bool:
    """ "the UAE", "the US", "the Netherlands": a country's name that is written after "the", so
    that "the UAE Akio Isomata" is a country, then a person."""
    country = country_by_word().get(word)
    if country is None or word in demonyms():
        return False
    return word.replace(".", "").isupper() or word in {"Netherlands", "Philippines", "Bahamas", "Gambia"}


def country_of(word: str) -> str | None:
    """The country a name, other name, demonym or capital stands for, else None; written with
    diacritics or in capitals as the country's own press writes it too ("Việt Nam", "HÀ NỘI")."""
    found = country_by_word().get(word) or country_by_capital().get(word)
    if found is None and not word.isascii():
        return _country_by_spelling(word)
    return found


@lru_cache(maxsize=4096)
def _country_by_spelling(word: str) -> str | None:
    return _country_by_letters().get(letters_folded(word))


@cache
def _country_by_letters() -> dict[str, str]:
    """Every name, other name, demonym and capital by its letters alone ("Viet Nam" -> "vietnam",
    "Hanoi" -> "hanoi"), so that a spelling with diacritics or spaces of its own is found."""
    table: dict[str, str] = {}
    for words in (country_by_word(), country_by_capital()):
        for word, country in words.items():
            table.setdefault(letters_folded(word), country)
    return table


# After a country's word, what makes it name a currency: "US$2.1 billion", "S$ 40 million", "US
# dollars", "Japanese yen". Words that are also English words ("won", "real") are left out.
_CURRENCY_AFTER = re.compile(
    r"\s?\$|\s+(?:dollars?|euros?|pounds?|yen|yuan|renminbi|rupees?|ringgit|tenge|roubles?|rubles?"
    r"|pesos?|riyals?|rials?|dirhams?|dinars?|liras?|francs?|shillings?|naira|cedis?|dong|kip|soms?"
    r"|manats?|lari|tugriks?|baht|rupiah|taka|kwacha|kwanza|rand|somoni|leva?|zloty|forints?|kroner?"
    r"|kronor|krona|hryvnias?|drams?|afghanis?|kyats?|riels?|ouguiyas?)\b"
)


def names_a_currency(text: str, end: int) -> bool:
    """The country word that ends at `end` names a currency, not the country."""
    return _CURRENCY_AFTER.match(text, end) is not None
