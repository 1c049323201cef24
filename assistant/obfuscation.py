"""Undo the disguises that hide text from pattern matching: look-alike letters, spaced letters, leetspeak.

People do not write policy in spaced-out letters, digits-for-letters or Cyrillic letters inside English words;
text written so is written for a machine to read and a filter to miss. :func:`reveal` returns the plain
reading of such a sentence (or ``None`` when there is no disguise), so the injection detector can assess what
the sentence says, and the disguise itself counts as a signal there.
"""

from __future__ import annotations

import re
import unicodedata

#: Cyrillic and Greek letters that look like Latin ones (a subset of Unicode TR39 confusables). Only applied
#: inside a word that mixes them with Latin letters: whole Russian or Greek words are left as they are.
CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
        "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "һ": "h",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
        "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
        "α": "a", "ο": "o", "ρ": "p", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "τ": "t", "υ": "u", "χ": "x",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
        "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)
_CONFUSABLE_CHARS = frozenset(k for k in CONFUSABLES if isinstance(k, int)) | frozenset(
    chr(k) for k in CONFUSABLES
)
#: Digits and symbols read as letters inside a word that also holds letters (5umm4r1s3r -> summariser).
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"})
#: A word in which letters and leet digits mix (at least one of each), e.g. "1gn0re", "pr1or".
_LEET_WORD = re.compile(r"(?<![\w@$])(?=[\w@$]*[a-z])(?=[\w@$]*[013457@$])[a-z013457@$]{3,}(?![\w@$])", re.I)
#: Letters spaced or dotted out one by one: "i g n o r e", "r.e.v.e.a.l" (three letters at least, so "e.g."
#: stays). A wider gap between runs is a word break.
_SPACED = re.compile(r"(?<!\w)(?:[^\W\d_][ .\u00b7_-]){2,}[^\W\d_](?!\w)")


def _mixed_script_words(text: str) -> int:
    count = 0
    for word in re.findall(r"\w+", text):
        has_latin = any("a" <= ch.lower() <= "z" for ch in word)
        if has_latin and any(ch in _CONFUSABLE_CHARS for ch in word):
            count += 1
    return count


def _unspace(match: re.Match[str]) -> str:
    run = match.group(0)
    if sum(ch.islower() for ch in run) < 3:  # initials and labels ("U.S.A.", "A B C D") are not a disguise
        return run
    # Dotted letters ("r.e.v.e.a.l y.o.u.r"): the dots join letters and the spaces are word breaks.
    if re.search(r"[.\u00b7_-]", run):
        return re.sub(r"[.\u00b7_-]", "", run)
    return run.replace(" ", "")


def reveal(text: str) -> str | None:
    """The sentence with its disguises undone, or ``None`` when it has none worth undoing.

    A disguise counts when two or more words mix scripts or use leet digits, or a run of spaced-out letters
    spells a word; a single product code ("ISO27001", "P4ssw0rd") is not one.
    """
    plain = unicodedata.normalize("NFKC", text)
    changed = False
    if _mixed_script_words(plain) >= 1:
        plain = " ".join(
            w.translate(CONFUSABLES) if any("a" <= c.lower() <= "z" for c in w) else w for w in plain.split(" ")
        )
        changed = True
    # Wide gaps (two spaces or more) between spaced-out words are the word breaks: mark them first.
    if _SPACED.search(plain):
        marked = re.sub(r" {2,}", " \u2063 ", plain)
        unspaced = _SPACED.sub(_unspace, marked).replace(" \u2063 ", " ").replace("\u2063", " ")
        unspaced = re.sub(r" {2,}", " ", unspaced)
        if unspaced != plain:
            plain, changed = unspaced, True
    leet = [m for m in _LEET_WORD.finditer(plain) if not m.group(0).isdigit()]
    if len(leet) >= 2:
        plain = _LEET_WORD.sub(lambda m: m.group(0).translate(LEET) if not m.group(0).isdigit() else m.group(0), plain)
        changed = True
    return plain if changed and plain != text else None
