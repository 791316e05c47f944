"""Person-name rules: honorifics, name parts, and when two spellings name the same person."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "he",
        "h.e",
        "madam",
        "madame",
        "mme",
        "m",
        "sr",
        "sra",
        "sig",
        "signor",
        "herr",
        "frau",
        "sayin",
        "sayın",
        "hon",
        "rev",
        "lord",
        "lady",
        "hh",
        "eng",
        "amb",
        "datuk",
        "datin",
        "dato",
        "seri",
        "tun",
        "sheikh",
        "sheikha",
        "shaikh",
        "shaikha",
        "prince",
        "princess",
        "excellency",
        "his",
        "her",
        "royal",
        "highness",
        "majesty",
    }
)
# Generational suffixes: part of the written name, never its surname ("Ramon Dela Cruz Jr."); a
# regnal numeral ("Abdullah II") is kept: it tells a king from his father.
SUFFIXES = frozenset({"jr", "sr", "jnr", "snr"})
# Lower-case particles that belong inside a surname: "La Russa", "da Silva", "van der Leyen".
PARTICLES = frozenset(
    {
        "de",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "delle",
        "dei",
        "di",
        "du",
        "des",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "la",
        "le",
        "el",
        "al",
        "bin",
        "ibn",
        "bint",
        "y",
        "e",
        "mac",
        "st",
    }
)


# Letters that Unicode does not decompose into a base letter and a mark ("Đức", "Łukasz").
_UNDECOMPOSED = str.maketrans({"đ": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i",
                               "ħ": "h", "þ": "th", "ð": "d"})  # fmt: skip
_QUOTE_MARKS = re.compile("[\"“”‘']")
# A nickname in quotes inside a name: 'Jose Antonio "Tony" Villarama'.
_NICKNAME = re.compile(r"\s*[\"“”‘'][^\"“”’']{1,20}[\"“”’']\s*")
# Dotted initials are initials each: "K.V. Subramaniam" -> k, v, subramaniam.
_DOTTED_INITIALS = re.compile(r"(?<=\b\w)\.(?=\w\b|\w\.)")


def _fold(word: str) -> str:
    """Lower case without diacritics or punctuation: "Erdoğan" -> "erdogan", "Đức" -> "duc"."""
    if word.isascii() and word.isalnum():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if ch.isalnum())


def letters_folded(text: str) -> str:
    """The letters and digits of `text`, lower case, without diacritics: "Hà Nội" -> "hanoi"."""
    return _fold(text)


# "Hussein bin Abdullah": what follows names the father, not the person.
PATRONYMIC_LINKS = frozenset({"bin", "ibn", "bint", "ben"})


def _surnames(text: str) -> frozenset[str]:
    return frozenset(_fold(word) for word in text.split())


# The commonest family names of the languages that write them first (folded, so "Lê" is "le"). A
# name that starts with one and goes on in syllables of that language ("Park Jong-hoon", "Okada
# Masaru", "Zhou Lihong") is read family name first; "Masaru Okada" given name first.
CHINESE_SURNAMES = _surnames(
    """
    Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang
    Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su
    Lu Ding Ren Shen Yao Fu Zhong Cui Tan Fan Liao Shi Jin Jia Xia Fang Zou Xiong Bai Meng Qin Qiu
    Hou Yin Xue Yan Duan Lei Long Tao Mao Hao Gu Gong Shao Wan Qian Dai Kong Xing Chang Qi Lai Mo
    Xiang Hua Kang Bao Zuo Niu Shang Geng Guan Lan Ni Wen Zhan Ou Lou Xi Yi Ji Lyu
    Wong Chan Cheung Leung Ng Lau Tsang Yeung Chow Lam Tse Kwok Fung Siu Mak Yip Chiu Lui Kwan Tong
    Sze Teo Goh Ong Chua Koh Seah Yeo Foo Toh Hsu Tsai Chiang Chou Hsieh Kuo Tseng
    """
)
KOREAN_SURNAMES = _surnames(
    """
    Kim Lee Park Choi Jung Jeong Kang Cho Jo Yoon Yun Jang Lim Im Han Oh Seo Shin Kwon Hwang Ahn Song
    Yoo Hong Jeon Jun Ko Moon Yang Son Bae Baek Heo Nam Noh Roh Ha Kwak Sung Cha Joo Woo Min Ryu Na
    Jin Chae Won Cheon Bang Hyun Ham Byun Yeom Yeo Chu Choo Do Seong Pyo Gil
    """
)
JAPANESE_SURNAMES = _surnames(
    """
    Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki
    Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Yamashita
    Ishikawa Nakajima Maeda Fujita Ogawa Goto Okada Hasegawa Murakami Kondo Ishii Saito Sakamoto Endo
    Aoki Fujii Nishimura Fukuda Ota Miura Fujiwara Okamoto Matsuda Nakagawa Nakano Harada Ono Tamura
    Takeuchi Kaneko Wada Nakayama Ishida Ueda Morita Hara Shibata Sakai Kudo Yokoyama Miyazaki
    Miyamoto Uchida Takagi Ando Taniguchi Ohno Maruyama Imai Takada Fujimoto Takeda Murata Ueno
    Sugiyama Masuda Sugawara Hirano Otsuka Chiba Kubo Matsui Iwasaki Sakurai Kinoshita Noguchi Matsuo
    Nomura Kikuchi Sano Onishi Sugimoto Arai Kamikawa Kishida Motegi Iwaya Hamada Suga Koizumi Aso
    Ishiba Kono Takaichi Kamikawa Hagiuda Hirai Kawaguchi Komura Okuda Takei Tsuji Uemura Yokota
    """
)
# Vietnamese names are family name first too, but people are called by the last given name ("Do
# Minh Tuan", "Tuan"), so their order is kept for comparing.
VIETNAMESE_SURNAMES = _surnames(
    """
    Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh Đinh Lâm Mai
    Trương Hà Lương Cao Chu Quách Tạ Thái Kiều Tôn Đào Đoàn Vương Lưu Triệu Hầu
    """
)
FAMILY_FIRST_SURNAMES = CHINESE_SURNAMES | KOREAN_SURNAMES | JAPANESE_SURNAMES
# A syllable of romanised Chinese, Korean or Japanese: "jong", "hoon", "zhi", "qiang", "ka", "zu".
_SYLLABLE = (
    r"(?:zh|ch|sh|ts|ky|gy|ny|hy|my|ry|by|py|kw|gw|hw|ng|[bcdfghjklmnpqrstwxyz])?"
    r"(?:[aeiou]{1,3}|y[aeiou]{1,2})(?:ng|n|m|k|p|t|l)?"
)
_EAST_ASIAN_GIVEN = re.compile(rf"(?:{_SYLLABLE}){{1,4}}")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name in its parts, honorifics, nickname and suffix dropped from the others:
    "Ferdinand 'Bongbong' Marcos Jr." -> given ("Ferdinand",), family ("Marcos",), suffix "Jr.";
    "Park Jong-hoon" -> given ("Jong-hoon",), family ("Park",), family_first; "Pieter van der
    Meulen" -> particles ("van", "der")."""

    given: tuple[str, ...]
    family: tuple[str, ...]
    particles: tuple[str, ...] = ()
    suffix: str = ""
    family_first: bool = False

    def comparison_tokens(self) -> list[str]:
        """Folded tokens with the name a person is called by last: given names, then the family
        name; a Vietnamese name as written ("Do Minh Tuan" is called Tuan)."""
        return list(_comparison_tokens_of(self))

    def _keeps_written_order(self) -> bool:
        return self.family_first and bool(self.family) and _fold(self.family[0]) in VIETNAMESE_SURNAMES


@lru_cache(maxsize=8192)
def _comparison_tokens_of(parts: NameParts) -> tuple[str, ...]:
    words = [*parts.family, *parts.given] if parts._keeps_written_order() else [*parts.given, *parts.family]
    return tuple(token for word in words for token in _fold_parts(word))


def _fold_parts(word: str) -> list[str]:
    return [token for token in (_fold(part) for part in word.replace("-", " ").split()) if token]


def _looks_east_asian_given(words: list[str]) -> bool:
    return bool(words) and all(_EAST_ASIAN_GIVEN.fullmatch(_fold(word)) for word in words)


def _written_words(name: str) -> tuple[list[str], str]:
    """The words of a name without honorifics and nickname, and the suffix apart."""
    text = _NICKNAME.sub(" ", name) if _QUOTE_MARKS.search(name) else name
    words = text.split()
    while len(words) > 1 and _fold(words[0]) in HONORIFICS:
        words.pop(0)
    suffix = ""
    if len(words) > 1 and _fold(words[-1]) in SUFFIXES:
        suffix = words.pop()
    return words, suffix


@lru_cache(maxsize=4096)
def name_parts(name: str) -> NameParts:
    """The parts of a written name. Family name first when one word is written in capitals and the
    others are not ("NAKAMURA Kazuhiro"), or when the first word is a common family name of a
    language that writes it first and the rest reads as given names of that language ("Okada
    Masaru", "Kim Hyun-joo"), or a Vietnamese family name starts a name of three words or more."""
    words, suffix = _written_words(name)
    if not words:
        return NameParts((), (), suffix=suffix)
    capitals = [
        i for i, word in enumerate(words) if word.isupper() and len(_fold(word)) > 2 and "." not in word
    ]
    if len(words) >= 2 and len(capitals) == 1 and not all(word.isupper() for word in words):
        index = capitals[0]
        family = (words[index],)
        given = tuple(word for i, word in enumerate(words) if i != index)
        return NameParts(given, family, suffix=suffix, family_first=index == 0)
    first = _fold(words[0])
    # "Ren Takeda": a Japanese family name last is written given name first, whatever "Ren" is.
    japanese_last = _fold(words[-1]) in JAPANESE_SURNAMES and first not in JAPANESE_SURNAMES
    if (
        2 <= len(words) <= 3
        and first in FAMILY_FIRST_SURNAMES
        and _looks_east_asian_given(words[1:])
        and not japanese_last
    ):
        return NameParts(tuple(words[1:]), (words[0],), suffix=suffix, family_first=True)
    if len(words) >= 3 and first in VIETNAMESE_SURNAMES:
        return NameParts(tuple(words[1:]), (words[0],), suffix=suffix, family_first=True)
    family_at = len(words) - 1
    particles_at = family_at
    while particles_at > 1 and words[particles_at - 1].casefold() in PARTICLES:
        particles_at -= 1
    return NameParts(
        tuple(words[:particles_at]),
        (words[family_at],),
        tuple(words[particles_at:family_at]),
        suffix,
    )


def comparison_tokens(name: str) -> list[str]:
    """Folded tokens of a name, the name the person is called by last ("Okada Masaru" and
    "Masaru Okada" -> ["masaru", "okada"])."""
    return list(_comparison_tokens_of(name_parts(name)))


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a name without honorifics, nickname or suffix, in the order written:
    "Mr. Ilham Aliyev" -> ["ilham", "aliyev"]."""
    return list(_name_tokens(name))


@lru_cache(maxsize=8192)
def _name_tokens(name: str) -> tuple[str, ...]:
    text = _NICKNAME.sub(" ", name) if any(mark in name for mark in "\"“”‘'") else name
    if "." in text:
        text = strip_honorific(text)  # before initials are split: "H.E." is a courtesy, not "H. E."
        text = _DOTTED_INITIALS.sub(". ", text)
    tokens = [_fold(part) for part in text.replace("-", " ").replace("’", "'").split()]
    tokens = [token for token in tokens if token]
    while tokens and tokens[0] in HONORIFICS:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens.pop()
    return tuple(tokens)


def strip_honorific(name: str) -> str:
    """The name without a leading "Mr." / "Mrs." / "H.E." and the like."""
    parts = name.split()
    while len(parts) > 1 and _fold(parts[0]) in HONORIFICS:
        parts.pop(0)
    return " ".join(parts)


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), giving up above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b and previous_previous:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def _gender_pair(a: str, b: str) -> bool:
    """Aliyev / Aliyeva, Mario / Maria: a final feminine "a" makes a different person."""
    if a + "a" == b or b + "a" == a:
        return True
    if len(a) == len(b) and a[:-1] == b[:-1] and {a[-1], b[-1]} & {"a"} and a[-1] != b[-1]:
        return True
    # Slavic adjectival surnames: -sky / -skaya, -skiy / -skaya.
    return (a.endswith("skaya") and b.startswith(a[:-5]) and b[len(a) - 5 :] in {"sky", "skiy", "ski"}) or (
        b.endswith("skaya") and a.startswith(b[:-5]) and a[len(b) - 5 :] in {"sky", "skiy", "ski"}
    )


def similar_tokens(a: str, b: str) -> bool:
    """Two folded name tokens that are the same word or a plausible misspelling of it."""
    if a == b:
        return True
    return _similar_tokens(a, b)


# An article compares the same pairs of tokens again and again (each name against each person).
@lru_cache(maxsize=32768)
def _similar_tokens(a: str, b: str) -> bool:
    if _gender_pair(a, b):
        return False
    if len(a) == 1 or len(b) == 1:  # an initial: "I. La Russa"
        return a[0] == b[0]
    shortest = min(len(a), len(b))
    if shortest < 4:
        return False
    limit = 1 if shortest < 7 else 2
    return _edit_distance(a, b, limit) <= limit


def _subsequence_match(short: list[str], long: list[str]) -> bool:
    """Every token of `short` matches a token of `long`, in order."""
    position = 0
    for token in short:
        while position < len(long) and not similar_tokens(token, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def same_parts(parts_a: NameParts, parts_b: NameParts) -> bool:
    """`same_person` on names already in their parts (so capitals that marked a family name in the
    text still count after the shown name lost them)."""
    return _same_tokens(list(_comparison_tokens_of(parts_a)), list(_comparison_tokens_of(parts_b)))


def same_person(name_a: str, name_b: str) -> bool:
    """Whether two names can be spellings of one person: last names alike, given names alike
    when both are given. "Edmondo Cirielli" ~ "Edmondo Chirielli", "Ignacio La Russa" ~
    "Ignazio La Russa", "Aliyev" ~ "Ilham Aliyev"; but "Ilham Aliyev" !~ "Heydar Aliyev" !~
    "Mehriban Aliyeva"."""
    return _same_tokens(
        list(_comparison_tokens_of(name_parts(name_a))), list(_comparison_tokens_of(name_parts(name_b)))
    )


def _same_tokens(folded_a: list[str], folded_b: list[str]) -> bool:
    tokens_a = [t for t in folded_a if t not in PARTICLES]
    tokens_b = [t for t in folded_b if t not in PARTICLES]
    if not tokens_a or not tokens_b:
        return False
    # "Park Jong-hoon" ~ "Jonghoon Park": the same given name, written in one word or two.
    joined_given = "".join(tokens_a[:-1]) == "".join(tokens_b[:-1])
    if len(tokens_a) >= 2 and len(tokens_b) >= 2 and tokens_a[-1] == tokens_b[-1] and joined_given:
        return True
    if not similar_tokens(tokens_a[-1], tokens_b[-1]):
        return _spanish_paternal_match(tokens_a, tokens_b) or _split_surname_match(tokens_a, tokens_b)
    short, long = sorted((tokens_a, tokens_b), key=len)
    if len(short) == 1:
        return True
    if not similar_tokens(short[0], long[0]):
        # "Lula da Silva" ~ "Luiz Inácio Lula da Silva": the short form is the long one's tail;
        # but "Abdullah II" is not "Al Hussein bin Abdullah II", his son.
        patronymic = any(token in PATRONYMIC_LINKS for token in folded_a + folded_b)
        return len(short) < len(long) and not patronymic and _subsequence_match(short, long[1:])
    return _subsequence_match(short[1:-1], long[1:-1])


def _spanish_paternal_match(tokens_a: list[str], tokens_b: list[str]) -> bool:
    """Andrés Manuel López Obrador ~ Andrés López: the short form drops the maternal surname."""
    short, long = sorted((tokens_a, tokens_b), key=len)
    if len(long) < 3 or len(short) < 2 or len(short) >= len(long):
        return False
    return similar_tokens(short[0], long[0]) and similar_tokens(short[-1], long[-2])


def _split_surname_match(tokens_a: list[str], tokens_b: list[str]) -> bool:
    """ "Abdel Aty" ~ "Badr Abdelatty": a surname written in two words or in one."""
    return _joined_tail_matches(tokens_a, tokens_b) or _joined_tail_matches(tokens_b, tokens_a)


def _joined_tail_matches(short: list[str], long: list[str]) -> bool:
    if len(short) > 3 or len(long) < 2:
        return False
    joined_short = "".join(short)
    tails = ("".join(long[start:]) for start in range(1, len(long)))
    # Whole words only: an initial ("S") is no surname written in one word.
    return len(joined_short) > 1 and any(
        len(tail) > 1 and similar_tokens(joined_short, tail) for tail in tails
    )


def canonical_choice(names: Iterable[str]) -> str:
    """The spelling to show for one person: the most frequent, then the fullest, then with
    diacritics, then alphabetical (so the choice never depends on order)."""
    return _preferred(Counter(strip_honorific(name.strip()) for name in names if name.strip()))


def weighted_canonical_choice(weights: Mapping[str, int]) -> str:
    """`canonical_choice` of each name repeated its weight's times (without repeating it)."""
    counts: Counter[str] = Counter()
    for name, weight in weights.items():
        if weight > 0 and name.strip():
            counts[strip_honorific(name.strip())] += weight
    return _preferred(counts)


def _preferred(counts: Counter[str]) -> str:
    if not counts:
        raise ValueError("canonical_choice needs at least one name")

    def preference(name: str) -> tuple[int, int, int, str]:
        has_diacritics = name != unicodedata.normalize("NFKD", name)
        return (-counts[name], -len(name.split()), -int(has_diacritics), name)

    return min(counts, key=preference)
