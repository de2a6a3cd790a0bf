"""People's names: how they are split, cleaned, compared and made into slugs,
what reads as one, and the given names of many languages. No Sphinx here."""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
import unicodedata

from .encoding import visible

_GUEST_SEPARATORS = re.compile(r"\s*(?:,|&|\band\b)\s*")
# What surrounds a guest's name in a title but is not the name: "(Weights & Biases)",
# "(Part 2)", "Dr.", ", PhD".
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HONORIFIC = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|sir)\b\.?\s+", re.IGNORECASE)
_PART = r"(?:part|pt\.?)\s*(?:\d+|[ivx]+)"
_TRAILING_PART = re.compile(rf"\s+{_PART}$", re.IGNORECASE)
_NOT_A_NAME = re.compile(rf"^(?:ph\.?\s?d\.?|m\.?d\.?|mba|jr\.?|sr\.?|{_PART})$",
                         re.IGNORECASE)
# Words that make a capitalised phrase something other than a person's name.
_NOT_NAME_WORDS = frozenset("""
    a an and the of for in on at to with from by vs
    website site homepage page profile blog newsletter podcast channel documentation docs
    paper papers article book books course talk keynote video interview episode
    github linkedin twitter medium substack youtube google scholar
    learning machine deep data science research lab labs institute university college school
    company inc ltd foundation group team project library framework model models network
    networks engine tools toolkit platform cloud api open source home
    conference summit award prize lecture lectures series workshop meetup festival celebration
    center centre hospital academy museum journal review magazine press times news weekly
    report guide handbook notes cookbook primer tutorial introduction fundamentals principles
    dataset datasets benchmark leaderboard challenge competition hackathon street avenue road
    park station bridge island valley river city county state tech technologies labs studio
    ventures capital partners systems solutions software analytics robotics studios games
    new north south east west san los las
    health care medical clinic bank insurance energy motors pharma therapeutics sciences
    dynamics publications publishing books media records
""".split())
# Words that end product names: "Claude Code", "Ray Tune", "Gemini Pro" (never first:
# "Max Tegmark" is a person).
_PRODUCT_WORDS = frozenset("""
    code tune serve train data core pro plus max mini nano micro flash ultra lite turbo
    chat copilot assistant agent agents bot notebook notebooks hub app apps kit sdk cli os
    studio cloud desktop mobile web server client edge vision voice search lens maps drive
    docs sheets slides forms translate one two three prime premium enterprise online
    opus sonnet haiku large small medium instruct
""".split())
# Name prefixes that keep a capital inside a word: McDonald, MacKay, LeCun, DiCaprio, O'Neil.
_INNER_CAPITAL_NAME = re.compile(r"^(?:Mc|Mac|Le|La|De|Di|Da|Du|Van|Von|O['’]|D['’])[A-Z]")
_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "la", "le",
                             "du", "dos", "bin", "al", "ter", "ten", "y", "jr.", "sr."})
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?$")


def normalise_space(text: str) -> str:
    """Collapse the doubled spaces and line breaks that wrapped YAML titles carry,
    and drop invisible characters (zero-width, direction controls, soft hyphens)."""
    return " ".join(visible(text).split())


def split_names(text: str) -> tuple[str, ...]:
    """``"Ann Lee & Bo Chen"`` -> both names; a single name stays whole.

    Asides are no part of a name: ``"Dr. Ann Lee (Part 2)"`` is Ann Lee.
    """
    names = map(clean_name, _GUEST_SEPARATORS.split(_ASIDE.sub(" ", visible(text))))
    return tuple(name for name in names if name and not _NOT_A_NAME.match(name))


def clean_name(name: str) -> str:
    """``Dr. Ann Lee Part 2`` -> ``Ann Lee``."""
    return _TRAILING_PART.sub("", _HONORIFIC.sub("", normalise_space(name)))


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """How names compare: case, accents, punctuation and spacing do not matter
    (asked for again and again while classifying: cached)."""
    decomposed = unicodedata.normalize("NFKD", visible(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.findall(r"\w+", bare.casefold())
    return " ".join(words)


def slugify(text: str) -> str:
    """A URL-safe, readable slug: ``José Núñez`` -> ``jose-nunez``."""
    ascii_slug = "-".join(name_key(text).encode("ascii", "ignore").decode().split())
    text = visible(text)
    ascii_slug = re.sub(r"[^a-z0-9-]+", "", ascii_slug).strip("-")
    if ascii_slug:
        return ascii_slug
    # a name in a script with no ASCII letters keeps its own letters
    return "-".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())) or "x"


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words, such as ``Art Palmer`` or ``Chris Van Pelt``."""
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    capitalised = 0
    for word in words:
        if word.casefold() in _NAME_PARTICLES or re.fullmatch(r"[^\W\d_]\.", word):
            continue  # "van", "de", an initial such as "J."
        if not _NAME_WORD.match(word) or word.casefold() in _NOT_NAME_WORDS:
            return False
        if re.search(r"['’]s$", word):  # "Sebastian's Magazine" is his, not him
            return False
        if len(word) > 1 and word.isupper():  # an acronym: "Explosion AI"
            return False
        if not word[0].isupper():
            return False
        if any(any(char.isupper() for char in part[1:]) and not _INNER_CAPITAL_NAME.match(part)
               for part in re.split(r"[-'’]", word)):
            return False  # a product's camel case: "AlphaFold", "LangChain" (not "Fei-Fei")
        if capitalised and word.casefold() in _PRODUCT_WORDS:
            return False
        capitalised += 1
    return capitalised >= 2


@functools.cache
def _names_list(kind: str) -> frozenset[str]:
    """The ``first`` or ``last`` names of every language Faker knows (about 31,000
    and 30,000, MIT licensed), as ``name_key`` compares them. Loaded once, when
    first asked for."""
    import faker.providers.person as person  # its locales are modules of this package

    prefixes = (f"{kind}_name", f"{kind}_romanized")
    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"),
                           "Provider", None)
        for attribute, names in vars(provider).items() if provider else ():
            if attribute.startswith(prefixes) and isinstance(
                    names, tuple | list | dict | set | frozenset):
                found.update(name_key(name) for name in names if isinstance(name, str))
    found.discard("")
    return frozenset(found)


def _name_words(name: str) -> list[str]:
    """A name's words past initials (``J.``) and suffixes (``Jr.``, ``III``)."""
    return [word for word in name.split() if len(word.rstrip(".")) > 1
            and not _NOT_A_NAME.match(word) and word.casefold() not in ("ii", "iii", "iv")]


def given_name(name: str) -> bool:
    """The name's first word (or the first part of a double one) is a given name."""
    words = _name_words(name)
    firsts = _names_list("first")
    return bool(words) and (name_key(words[0]) in firsts
                            or name_key(re.split(r"[-‐]", words[0])[0]) in firsts)


def family_name(name: str) -> bool:
    """The name's last word is a family name."""
    words = _name_words(name)
    return len(words) > 1 and name_key(words[-1]) in _names_list("last")
