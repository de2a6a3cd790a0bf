"""Whether a name-like phrase in a post is a person: the evidence, weighed.

A name list decides nothing alone (book titles, companies and places start
with given names too), so a phrase is a person when it reads as a name and
two signs agree, one of them a given or family name, a profile, or words
right after it that say who they are (``, Cohere, Head of Product``); the
others: a site or page named after them, words about a person, a nested item
that links an episode, being a book's author. A LinkedIn or Scholar profile is
enough alone (those sites have only people's pages). A university's or
company's page whose path repeats the phrase is a profile only most of the
time (a course, a blog post and a paper are named so too): it needs a given or
family name, or words that say who they are. A name from
the lists backed only by leading the list item (``Ann Lee``,
``Ann Lee - MLxtend``) is weak evidence: decided, and reported for the host
to confirm. No Sphinx here.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from ..text.names import family_name, given_name, looks_like_name, name_key

# Roles that say who someone is: "Jay Alammar, Cohere, Director", "Ann Lee - professor".
_ROLES = r"""professor|prof|researcher|scientist|engineer|founder|co-?founder|ceo|cto|cso
    |coo|cfo|vp|director|lead|author|writer|journalist|player|manager|phd|student|postdoc
    |lecturer|fellow|advisor|adviser|investor|creator|inventor|pioneer|economist
    |psychologist|philosopher|physicist|mathematician|statistician|chief|president|partner
    |developer|designer|evangelist|advocate|educator|teacher|instructor|host|co-?host
    |speaker|winner|laureate|consultant|analyst|architect|entrepreneur|executive|maintainer
    |godfather|godmother|rapporteur|co-?rapporteur|minister|senator|commissioner|politician
    |chair|chairman|chairwoman|secretary|ambassador|judge|lawyer|attorney|activist|artist
    |musician|novelist|poet|doctor|physician|surgeon|nurse|coach|athlete|editor|reporter"""
_ROLE_WORDS = re.compile(rf"(?:{_ROLES})s?", re.IGNORECASE | re.VERBOSE)
_ROLE_PHRASES = re.compile(r"(?i)(?:head|vice president) of\b|known for\b")
# ...and words anywhere in an item that speak of a person.
_PERSON_WORDS = re.compile(rf"""\b(?:{_ROLES}|colleague|mentor|his|her|he|she|known\ for
    |head\ of|vice\ president)s?\b""", re.IGNORECASE | re.VERBOSE)
# Path segments of a person's profile on a university's or company's site.
_PROFILE_SEGMENTS = frozenset("""profile profiles people person faculty staff team members
    member directory bio researchers experts expert about author authors""".split())
_SOCIAL_HOSTS = ("twitter.com", "x.com", "github.com", "mastodon.social", "bsky.app")
_PROFILES = frozenset({"a LinkedIn profile", "a Google Scholar profile", "a profile"})
# Pages only a person has: enough on their own for a name that links to them. (A
# university's or company's page whose path repeats the phrase, "a profile page", is
# not one: a course, a blog post or a paper is named so as often; with neither a
# given or family name nor words that say who they are, it is nobody.)
_PERSON_ONLY = frozenset({"a LinkedIn profile", "a Google Scholar profile"})
# A part about a thing, not a person: "the company whose CEO ...".
_THINGS = frozenset("""company startup library framework platform tool tools lab labs model
    models paper book website site blog podcast product project team group conference
    organisation organization nonprofit institute university course video talk""".split())
# Words after which a role is someone else's: "Causal Inference, taught by Prof. Ann Lee".
_SOMEONE_ELSE = frozenset("by with under from".split())
_NOT_A_USER = frozenset("""i home search hashtag intent explore orgs topics features about
    sponsors settings login marketplace""".split())


@dataclass(frozen=True)
class Verdict:
    """What the evidence says of one phrase."""

    person: bool
    weak: bool = False  # decided on a given name and leading the item alone
    reasons: tuple[str, ...] = ()


def _host(parts) -> str:
    return (parts.hostname or "").casefold().removeprefix("www.")


def _words(name: str) -> list[str]:
    return [word for word in name_key(name).split() if len(word) > 1]


def personal_page(url: str, name: str) -> str | None:
    """Why ``url`` is ``name``'s own page, or ``None``: a LinkedIn, GitHub, X or
    Twitter profile, Google Scholar, a profile on a university's or company's
    site, or a site whose address carries the name."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = _host(parts)
    segments = [segment for segment in parts.path.split("/") if segment]
    if host.endswith("linkedin.com") and segments[:1] == ["in"]:
        return "a LinkedIn profile"
    if host.startswith("scholar.google.") and "user" in parse_qs(parts.query):
        return "a Google Scholar profile"
    if host in _SOCIAL_HOSTS and len(segments) == 1 and segments[0].casefold() not in (
            _NOT_A_USER):
        return "a profile"
    words = _words(name)
    if not words:
        return None
    first, surname = words[0], words[-1]
    # a profile on a university's or company's site: /faculty/scott-strobel,
    # /~zkolter/, /profiles/?profile=birhanea (the name in the path, not the host)
    where = re.sub(r"[^a-z0-9~]+", " ", f"{parts.path} {parts.query}".casefold())
    profile_site = {segment.casefold() for segment in segments} & _PROFILE_SEGMENTS or (
        re.search(r"\.(?:edu|ac\.[a-z]{2}|edu\.[a-z]{2})$", host) and (
            first[:4] in where or "~" in where))
    if profile_site and len(surname) > 2 and surname in where:
        return "a profile page"
    # their own site: karpathy.ai, andrewng.org, nils-reimers.de, jalammar.github.io,
    # ines.io; a product's site is named after the product, not a first and last name
    label = host.split(".")[0].replace("-", "")
    if len(segments) <= 1 and (label == first or (surname in label and label.replace(
            surname, "", 1) in ("", first, first[0]) or first in label and surname in label)):
        return "their own site"
    # a page named after them: /debora-marks, /arthur-g-palmer-iii-phd
    slug = segments[-1].casefold() if segments else ""
    if len(surname) > 2 and first[:4] in slug and re.search(
            rf"(?:^|[-_]){re.escape(surname)}(?:$|[-_])", slug):
        return "a page named after them"
    return None


def describes_person(text: str) -> bool:
    return _PERSON_WORDS.search(text) is not None


def introduces_person(text: str) -> bool:
    """Words right after a name that say who they are: ``, Cohere, Head of Product``,
    `` - co-founder of DeepMind``, `` - Turing Award winner`` (a role within a part's
    first words, the part not about a thing: `` - the company whose CEO ...``, nor the
    role someone else's: ``, taught by Prof. Ann Lee``)."""
    for part in re.split(r"[,;:|()\[\]]|\s[-–—]\s", text):
        words = [word for word in part.split() if word.casefold() not in ("a", "an", "the")]
        words = list(itertools.takewhile(lambda word: word.casefold() not in _SOMEONE_ELSE,
                                         words))
        if not words or any(word.casefold() in _THINGS for word in words[:2]):
            continue
        if any(_ROLE_WORDS.fullmatch(word.strip(".")) for word in words[:4]) or (
                _ROLE_PHRASES.match(" ".join(words))):
            return True
    return False


def judge(name: str, *, url: str = "", rest: str = "", notes: tuple[str, ...] = (),
          leading: bool = False, episode_child: bool = False, author: bool = False) -> Verdict:
    """Is ``name`` a person? ``url``: the link beside it; ``rest``: what the item
    says after the name; ``notes``: the items nested under it; ``leading``: the
    item starts with the name (``Ann Lee``, ``Ann Lee - MLxtend``, ``Ann Lee's blog``);
    ``episode_child``: a nested item links an episode; ``author``: it stands as a
    book's author."""
    if not looks_like_name(name):
        return Verdict(False)
    reasons = []
    # the name lists count once, whichever of them know the name
    if given_name(name):
        reasons.append("a given name")
    elif family_name(name):
        reasons.append("a family name")
    page = personal_page(url, name) if url else None
    if page:
        reasons.append(page)
    introduced = any(introduces_person(text) for text in (rest, *notes))
    if introduced:
        reasons.append("words that say who they are")
    elif any(describes_person(text) for text in (rest, *notes)):
        reasons.append("words about a person")
    if episode_child:
        reasons.append("a nested item links an episode")
    if author:
        reasons.append("a book's author")
    # a site named after a phrase, or words about it, may be a company's, and a
    # university's or company's page that repeats it a course, a post or a paper: a
    # name list or words that say who they are must agree (or another sign, for a
    # profile on a site of users)
    anchored = bool({"a given name", "a family name"} & set(reasons)) or introduced
    if page in _PERSON_ONLY or (anchored and len(reasons) >= 2) or (
            page in _PROFILES and len(reasons) >= 2):
        return Verdict(True, False, tuple(reasons))
    if leading and anchored and len(reasons) == 1:
        return Verdict(True, True, (*reasons, "the list item leads with them"))
    return Verdict(False, reasons=tuple(reasons))
