"""Words as search compares them: case and diacritics folded, English inflections stemmed (Porter, step 1)."""

from __future__ import annotations

import re
import unicodedata

# Letters and digits, as SQLite's unicode61 tokenizer counts them (underscore is a separator).
_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # the same on folded ASCII text, and faster
_VOWELS = frozenset("aeiou")


def fold(text: str) -> str:
    """Lower case without diacritics: "Çavuşoğlu" -> "cavusoglu"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words_of(text: str) -> list[str]:
    """The folded words of `text`, split where unicode61 would split them."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    return _WORD.findall(fold(text))


def has_words(text: str) -> bool:
    """Whether `text` holds anything to search for (not only punctuation)."""
    return _WORD.search(fold(text)) is not None


def _consonant(word: str, index: int) -> bool:
    char = word[index]
    if char in _VOWELS:
        return False
    if char == "y":
        return index == 0 or not _consonant(word, index - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: how many vowel-consonant runs follow the first consonants."""
    runs, previous_vowel = 0, False
    for index in range(len(stem)):
        vowel = not _consonant(stem, index)
        if previous_vowel and not vowel:
            runs += 1
        previous_vowel = vowel
    return runs


def _has_vowel(stem: str) -> bool:
    return any(not _consonant(stem, index) for index in range(len(stem)))


def _ends_cvc(word: str) -> bool:
    """Consonant, vowel, consonant at the end, the last not w, x or y ("hop", not "snow")."""
    return (
        len(word) >= 3
        and _consonant(word, len(word) - 3)
        and not _consonant(word, len(word) - 2)
        and _consonant(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


def stem(word: str) -> str:
    """Porter's step 1 on a folded word: plurals, -ed and -ing ("meetings" -> "meet", "ponies" -> "poni")."""
    if len(word) <= 2 or not (word.isascii() and word.isalpha()):
        return word
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = _after_suffix(word[: -len(suffix)])
                break
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    return word


def _after_suffix(word: str) -> str:
    """Step 1b's repairs once -ed or -ing is gone: "hop(p)ing" -> "hop", "rat(e)d" -> "rate"."""
    if word.endswith(("at", "bl", "iz")):
        return word + "e"
    if len(word) >= 2 and word[-1] == word[-2] and _consonant(word, len(word) - 1) and word[-1] not in "lsz":
        return word[:-1]
    if _measure(word) == 1 and _ends_cvc(word):
        return word + "e"
    return word
