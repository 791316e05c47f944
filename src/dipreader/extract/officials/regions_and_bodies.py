"""Regions inside countries and national bodies (parliaments, state companies): their country."""

from __future__ import annotations

import re
from functools import cache

# Regions inside a country, named in titles ("President of the Kurdistan Region"): the country they
# belong to. Only regions whose country is undisputed.
_REGIONS = {
    "Kurdistan Region": "Iraq",
    "Kurdistan": "Iraq",
    "Catalonia": "Spain",
    "Andalusia": "Spain",
    "Basque Country": "Spain",
    "Bavaria": "Germany",
    "Saxony": "Germany",
    "Scotland": "United Kingdom",
    "Wales": "United Kingdom",
    "Northern Ireland": "United Kingdom",
    "Flanders": "Belgium",
    "Wallonia": "Belgium",
    "Quebec": "Canada",
    "Ontario": "Canada",
    "Hong Kong": "China",
    "Macau": "China",
    "Macao": "China",
    "Xinjiang": "China",
    "Tibet": "China",
    "Tatarstan": "Russia",
    "Bashkortostan": "Russia",
    "Chechnya": "Russia",
    "Dagestan": "Russia",
    "Nakhchivan": "Azerbaijan",
    "Nakhchivan Autonomous Republic": "Azerbaijan",
    "Adjara": "Georgia",
    "Karakalpakstan": "Uzbekistan",
    "Gagauzia": "Moldova",
    "Zanzibar": "Tanzania",
    "Sindh": "Pakistan",
    "Balochistan": "Pakistan",
    "Khyber Pakhtunkhwa": "Pakistan",
    "Sicily": "Italy",
    "Sardinia": "Italy",
    "Lombardy": "Italy",
    "Corsica": "France",
    "Greenland": "Denmark",
    "Faroe Islands": "Denmark",
    "Puerto Rico": "United States",
    "California": "United States",
    "Texas": "United States",
}

# Well-known state and national companies and funds, parliaments and seats of government, and
# offices of one state: "Masdar CEO", "Speaker of the Lok Sabha", "Pope" name no country, but they
# have one.
_ORGANISATIONS = {
    "Pope": "Holy See",
    "Kremlin": "Russia",
    "State Duma": "Russia",
    "White House": "United States",
    "Downing Street": "United Kingdom",
    "Élysée": "France",
    "Elysee": "France",
    "Farnesina": "Italy",
    "Milli Majlis": "Azerbaijan",
    "Mazhilis": "Kazakhstan",
    "Oliy Majlis": "Uzbekistan",
    "Jogorku Kenesh": "Kyrgyzstan",
    "Lok Sabha": "India",
    "Rajya Sabha": "India",
    "Knesset": "Israel",
    "Bundestag": "Germany",
    "Sejm": "Poland",
    "Verkhovna Rada": "Ukraine",
    "Grand National Assembly": "Türkiye",
    "Storting": "Norway",
    "Riksdag": "Sweden",
    "Folketing": "Denmark",
    "Seimas": "Lithuania",
    "Saeima": "Latvia",
    "Riigikogu": "Estonia",
    "Masdar": "United Arab Emirates",
    "ADNOC": "United Arab Emirates",
    "Mubadala": "United Arab Emirates",
    "Aramco": "Saudi Arabia",
    "QatarEnergy": "Qatar",
    "SOCAR": "Azerbaijan",
    "Gazprom": "Russia",
    "Rosneft": "Russia",
    "Rosatom": "Russia",
    "Samruk-Kazyna": "Kazakhstan",
    "KazMunayGas": "Kazakhstan",
    "Kazatomprom": "Kazakhstan",
    "TPAO": "Türkiye",
    "BOTAŞ": "Türkiye",
    "BOTAS": "Türkiye",
    "Eni": "Italy",
    "Enel": "Italy",
    "Petrobras": "Brazil",
    "Pertamina": "Indonesia",
    "Petronas": "Malaysia",
    "ONGC": "India",
    "Sinopec": "China",
    "CNPC": "China",
    "PetroChina": "China",
    "KEPCO": "South Korea",
    "Samsung": "South Korea",
    "Hyundai": "South Korea",
    "Toyota": "Japan",
    "JICA": "Japan",
    "KOICA": "South Korea",
    "TIKA": "Türkiye",
    # National development agencies and banks, and a few national groups, by their usual names.
    "GIZ": "Germany",
    "Deutsche Gesellschaft für Internationale Zusammenarbeit": "Germany",
    "KfW": "Germany",
    "USAID": "United States",
    "AFD": "France",
    "Agence Française de Développement": "France",
    "AECID": "Spain",
    "AICS": "Italy",
    "Sida": "Sweden",
    "Norad": "Norway",
    "Danida": "Denmark",
    "Enabel": "Belgium",
    "FCDO": "United Kingdom",
    "British Council": "United Kingdom",
    "Goethe-Institut": "Germany",
    "Saudi Fund for Development": "Saudi Arabia",
    "Qatar Fund for Development": "Qatar",
    "Kuwait Fund": "Kuwait",
    "Abu Dhabi Fund for Development": "United Arab Emirates",
    "Exim Bank of India": "India",
    "China Development Bank": "China",
    "State Council": "China",
    "Hanwha": "South Korea",
    "POSCO": "South Korea",
    "Mitsubishi": "Japan",
    "Tata": "India",
    "Reliance": "India",
    "Huawei": "China",
    "Uzbekneftegaz": "Uzbekistan",
    "Naftogaz": "Ukraine",
    "Equinor": "Norway",
    "TotalEnergies": "France",
}


@cache
def _named_within() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {**_ORGANISATIONS, **_REGIONS}
    names = "|".join(re.escape(name) for name in sorted(table, key=lambda name: (-len(name), name)))
    return re.compile(rf"(?<![\w-])({names})(?![\w-])"), table


def body_in_title(phrase: str) -> tuple[int, str] | None:
    """(where it starts, its country) for the first region or national body named in `phrase`."""
    pattern, table = _named_within()
    match = pattern.search(phrase)
    return (match.start(), table[match.group(1)]) if match else None
