"""Whether a name-like phrase in a post is a person: the evidence, weighed.

A name list decides nothing alone (book titles, companies and places start
with given names too), so a phrase is a person when it reads as a name and
two signs agree, one of them a given name or a profile (LinkedIn, GitHub, X,
Scholar, a university's or company's profile page): the others are a site
named after them, words that describe a person, a nested item that links an
episode, being a book's author. A given name backed only by leading the list
item (``Ann Lee``, ``Ann Lee - MLxtend``) is weak evidence: decided, and
reported for the host to confirm. No Sphinx here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from .names import given_name, looks_like_name, name_key

# Words that describe a person: "Jay Alammar, Cohere, Director", "Ann Lee - professor at X".
_PERSON_WORDS = re.compile(r"""\b(?:
    professor|prof|researcher|scientist|engineer|founder|co-?founder|ceo|cto|cso|coo|cfo
    |vp|vice\ president|director|head\ of|lead|author|writer|journalist|player|manager
    |phd|ph\.d|student|postdoc|lecturer|fellow|advisor|adviser|investor|creator|inventor
    |pioneer|economist|psychologist|philosopher|physicist|mathematician|statistician|chief
    |president|partner|developer|designer|evangelist|advocate|educator|teacher|instructor
    |host|co-?host|speaker|winner|laureate|consultant|analyst|architect|entrepreneur
    |executive|maintainer|colleague|mentor|his|her|he|she|known\ for|godfather|godmother
)s?\b""", re.IGNORECASE | re.VERBOSE)
# Path segments of a person's profile on a university's or company's site.
_PROFILE_SEGMENTS = frozenset("""profile profiles people person faculty staff team members
    member directory bio researchers experts expert about author authors""".split())
_SOCIAL_HOSTS = ("twitter.com", "x.com", "github.com", "mastodon.social", "bsky.app")
_PROFILES = frozenset({"a LinkedIn profile", "a Google Scholar profile", "a profile",
                       "a profile page"})
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
    address = re.sub(r"[^a-z0-9]+", " ", f"{host} {parts.path}".casefold())
    surname = words[-1]
    profile_site = {segment.casefold() for segment in segments} & _PROFILE_SEGMENTS or (
        re.search(r"\.(?:edu|ac\.[a-z]{2}|edu\.[a-z]{2})$", host))
    if profile_site and len(surname) > 2 and surname in address:
        return "a profile page"
    # own site: karpathy.ai, andrewng.org, nils-reimers.de, a path /debora-marks
    if len(segments) <= 1 and (surname in host.replace("-", "") or host.split(".")[0] in words):
        return "their own site"
    slug = segments[-1].casefold() if segments else ""
    if len(surname) > 2 and re.search(rf"(?:^|[-_]){re.escape(surname)}(?:$|[-_])", slug):
        return "a page named after them"
    return None


def describes_person(text: str) -> bool:
    return _PERSON_WORDS.search(text) is not None


def judge(name: str, *, url: str = "", description: str = "", leading: bool = False,
          episode_child: bool = False, author: bool = False) -> Verdict:
    """Is ``name`` a person? ``url``: the link beside it; ``description``: what the
    item says besides the name; ``leading``: the item starts with the name, alone or
    before `` - ``, ``,`` or ``:``; ``episode_child``: a nested item links an
    episode; ``author``: it stands as a book's author."""
    if not looks_like_name(name):
        return Verdict(False)
    reasons = []
    if given_name(name):
        reasons.append("a given name")
    page = personal_page(url, name) if url else None
    if page:
        reasons.append(page)
    if description and describes_person(description):
        reasons.append("words that describe a person")
    if episode_child:
        reasons.append("a nested item links an episode")
    if author:
        reasons.append("a book's author")
    # a site named after a phrase, or words about it, may be a company's
    anchored = "a given name" in reasons or page in _PROFILES
    if anchored and len(reasons) >= 2:
        return Verdict(True, False, tuple(reasons))
    if leading and reasons == ["a given name"]:
        return Verdict(True, True, ("a given name", "the list item leads with them"))
    return Verdict(False, reasons=tuple(reasons))
