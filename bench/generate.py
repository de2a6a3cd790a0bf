"""Write N synthetic episodes in the host's exact post shapes (fixed seed).

Jekyll front matter (both title shapes, titles wrapped over two lines, Jekyll
dates with offsets), "Connect with" links, books sections, references that
mention other guests (nested too), links to earlier episodes' videos, people
who are never guests (linked to a profile, bare, ``Name, Company, Role``,
``Name - Product``, authors of books in both shapes), companies and products
that are nobody, and timestamp lists in every shape the host writes.

    python bench/generate.py 1000 out/episodes [--seed 7]
"""

from __future__ import annotations

import argparse
import itertools
import random
import string
from datetime import datetime, timedelta
from pathlib import Path

FIRST = """Ada Alan Grace Maarten Nils Sebastian Ines Michelle Chris Aman Maxime Andrew Andrej
Paige Art Patrick Scott Alexander Deborah Moshe Yann Fei Geoffrey Daphne Cynthia Judea Jeff
Sara Omar Priya Kenji Lucia Tomas Amara Ravi Elena Jonas Mei Hugo Nadia Felix Zoe Jose Ingrid
Kwame Leila Mateo Sofia Arjun Hana Viktor Chloe Diego Freya Idris""".split()
LAST = """Lovelace Turing Hopper Grootendorst Reimers Raschka Montani Gill Pelt Khan Labonne Ng
Karpathy Bailey Palmer Loria Strobel Rives Marks Wasserblat LeCun Li Hinton Koller Rudin Pearl
Dean Hooker Haddad Iyer Tanaka Moreno Novak Okafor Rao Petrova Berg Chen Laurent Haddad Weber
Muller Nunez Larsen Mensah Farouk Rossi Costa Gupta Sato Ivanov Dubois Santos Nilsson
Idrisov""".split()
TOPICS = """Transformers, Search, NLP, Generative AI, Evaluation, MLOps, Data Quality,
Responsible AI, AGI, Topic Modeling, Embeddings, Drug Discovery, Robotics, Recommender
Systems, Causality, Open Source, Entrepreneurship, Research Teams, Edge AI, Fine-Tuning,
Reinforcement Learning, Computer Vision, Speech, Time Series, Interpretability""".replace(
    "\n", " ").split(", ")
WORDS = """machine learning model data insight career research practitioners experts field
industry advice journey lessons future systems evaluation open source community product team
building training inference deployment curiosity learning life algorithms experiments""".split()
COMPANIES = "Intel NVIDIA Cohere Explosion Arize Lightning Google Meta Hugging Face".split()
ROLES = ["Research Manager", "Director of Engineering", "co-founder", "Professor",
         "Staff Engineer", "Head of Product"]
PRODUCTS = ["MLxtend", "BERTopic", "spaCy", "BioPandas", "Sentence-BERT", "Confection"]
# What the host lists that is nobody: companies, products, papers, conferences.
NOBODY = ["- [Explosion AI](https://explosion.ai/)", "- [Hugging Face](https://huggingface.co/)",
          "- Claude Code", "- [NeurIPS](https://nips.cc/)", "- AlexNet",
          "- [Lightning AI](https://lightning.ai/)", "- Grace Hopper Celebration"]
MENTIONED = 600  # people named in the lists who are never guests


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, rng.randint(10, 22)) for _ in range(rng.randint(3, 5)))


def video_id(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(11))


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def timestamp(seconds: int, rng: random.Random) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}" if rng.random() < 0.5 else (
            f"{hours:02d}:{minutes:02d}:{secs:02d}")
    return f"{minutes:02d}:{secs:02d}"


def timestamps(rng: random.Random, video: str) -> list[str]:
    lines, seconds = [], rng.randint(20, 90)
    shape = rng.choice(["dash", "link", "bare", "mixed"])
    for _ in range(rng.randint(12, 24)):
        label = timestamp(seconds, rng)
        title = rng.choice([
            "What attracted you to machine learning?", "Career Background",
            "Industry vs. Academia", "Advice for someone starting out",
            "Production and Real-World Applications - Don't reinvent the wheel",
            "What has a career in ML taught you about life?", "Hype vs. Reality",
            f"{rng.choice(TOPICS)} in practice",
        ])
        kind = shape if shape != "mixed" else rng.choice(["dash", "link", "bare"])
        if kind == "link":
            lines.append(f"- [{label}](https://www.youtube.com/watch?v={video}&t={seconds}s)"
                         f" - {title}")
        elif kind == "bare":
            lines.append(f"- {label} {title}")
        else:
            lines.append(f"- {label} {rng.choice(['-', '–', '—'])} {title}")
        seconds += rng.randint(60, 420)
    return lines


def mention(rng: random.Random, name: str, number: int) -> str:
    """A person who is no guest, named as the host names them."""
    book = f"{rng.choice(TOPICS)} for {rng.choice(WORDS).title()}"
    return rng.choice([
        f"- [{name}](https://www.example.edu/faculty/{slug(name)})",
        f"- {name}",
        f"- {name}, {rng.choice(COMPANIES)}, {rng.choice(ROLES)}",
        f"- {name} - known for {rng.choice(TOPICS)}",
        f"- {name} - {rng.choice(PRODUCTS)}",
        f"- [{book} - {name}](https://amzn.to/{slug(book)}-{number})",
        f"- {name} - [{book}](https://bookshop.org/a/{slug(book)})",
    ])


SYLLABLES = "ka lo mi ne su ta ri po de va lu se mo ni ra te bo fi gu ze".split()
# Speech's own words, the most frequent first: they lead the vocabulary, then the show's
# words, then made-up rare ones (a vocabulary as large as speech's).
SPOKEN = """the I and to you a that it of so is we in like know was this think
what but for they just it's that's really on be have do there with about not can one
people are at my if or all me get our kind more how would your when from an as go
were going lot because been actually thing then also say even them other right out""".split()
VOCABULARY = SPOKEN + WORDS + [word.lower() for topic in TOPICS for word in topic.split()] + [
    a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES[:12]]
# Zipf-Mandelbrot, as English is fitted (s = 1, q = 2.7): "the" is about one word in
# thirty, "learning" one in a few hundred, and most of the vocabulary is said rarely.
ZIPF = list(itertools.accumulate(1 / (rank + 2.7) for rank in range(1, len(VOCABULARY) + 1)))


def transcript(rng: random.Random, guest: str, host: str = "Seth Levine",
               minutes: int = 60) -> str:
    """A WebVTT transcript of about 150 words a minute, host and guest by turns."""
    cues, second, speaker = ["WEBVTT", ""], 0, host
    while second < minutes * 60:
        if rng.random() < 0.15:
            speaker = guest if speaker == host else host
        words = rng.choices(VOCABULARY, cum_weights=ZIPF, k=10)
        start, end = second, second + 4
        cues.append(f"{start // 3600:02d}:{start // 60 % 60:02d}:{start % 60:02d}.000 --> "
                    f"{end // 3600:02d}:{end // 60 % 60:02d}:{end % 60:02d}.000")
        cues.append(f"<v {speaker}>{' '.join(words).capitalize()}.")
        cues.append("")
        second = end
    return "\n".join(cues)


def generate(count: int, folder: Path, seed: int = 7, transcripts: bool = False) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    people = list(dict.fromkeys(f"{first} {last}" for first in FIRST for last in LAST))
    rng.shuffle(people)
    mentioned, people = people[:MENTIONED], people[MENTIONED:]
    guests: list[tuple[str, str]] = []  # (name, video id) of earlier episodes
    start = datetime(2019, 1, 7, 16, 26, 41)
    written = []
    for number in range(1, count + 1):
        if guests and rng.random() < 0.1:
            name = rng.choice(guests)[0]  # a guest who comes back
        else:
            name = people[number % len(people)]
        topics = rng.sample(TOPICS, rng.randint(1, 3))
        video = video_id(rng)
        moment = start + timedelta(days=3 * number, minutes=rng.randint(0, 600))
        offset = rng.choice(["-0500", "+0000", "-0400"])
        if rng.random() < 0.5:
            title = f"{name}: {', '.join(topics)} | Learning from Machine Learning #{number}"
        else:
            title = f"{name} | {topics[0]} | Learning from Machine Learning #{number}"
        wrapped = title.replace(" Machine Learning #", "\n  Machine Learning #") if (
            rng.random() < 0.5) else title
        first = name.split()[0]
        lines = [
            "---",
            "categories: machine learning updates",
            f"date: {moment:%Y-%m-%d %H:%M:%S} {offset}",
            "layout: post",
            "title: '" + wrapped.replace("'", "''") + "'",
            f"youtubeID: {video}",
            f"substack_url: https://mindfulmachines.substack.com/p/{slug(name)}-{number}",
            "---",
            "",
            paragraph(rng),
            "",
            paragraph(rng),
            "",
            f"## Connect with {name}",
            "",
            f"- [{name}'s Website](https://example.org/{slug(name)})",
            f"- [LinkedIn](https://www.linkedin.com/in/{slug(name)})",
            "",
        ]
        if rng.random() < 0.4:
            lines += [f"## {first}'s Books", ""]
            for _ in range(rng.randint(1, 2)):
                book = f"{rng.choice(TOPICS)} with {rng.choice(TOPICS)}"
                shop = rng.choice(["https://amzn.to/", "https://leanpub.com/"])
                lines.append(f"- [{book}]({shop}{slug(book)})")
            lines.append("")
        lines += [rng.choice(["## References from the Episode", "## References and Resources"]),
                  ""]
        for other, other_video in rng.sample(guests, min(len(guests), rng.randint(1, 4))):
            lines.append(rng.choice([
                f"- [{other}](https://example.org/{slug(other)})",
                f"- {other}, {rng.choice(COMPANIES)}, Research Manager",
                f"- [{other} - Keynote](https://youtu.be/{other_video}?si=share)",
            ]))
        lines += [mention(rng, rng.choice(mentioned), number)
                  for _ in range(rng.randint(0, 3))]
        lines += rng.sample(NOBODY, rng.randint(0, 2))
        lines += [
            "- Colleagues",
            f"  - {rng.choice(people)}, {rng.choice(COMPANIES)}",
            f"- [{rng.choice(TOPICS)} paper](https://arxiv.org/abs/{number:04d}."
            f"{rng.randint(1000, 9999)})",
            f"- {rng.choice(TOPICS)} Handbook - {rng.choice(guests)[0] if guests else name}",
            "",
            "## Episode Timestamps",
            "",
            *timestamps(rng, video),
        ]
        path = folder / (f"{moment:%Y-%m-%d}-{slug(name)}-{slug(topics[0])}"
                         f"-learning-from-machine-learning-{number}.markdown")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if transcripts:
            path.with_suffix(".vtt").write_text(transcript(rng, name), encoding="utf-8")
        written.append(path)
        guests.append((name, video))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--transcripts", action="store_true",
                        help="a one-hour WebVTT transcript beside each post")
    arguments = parser.parse_args()
    written = generate(arguments.count, arguments.folder, arguments.seed, arguments.transcripts)
    print(f"{len(written)} episodes in {arguments.folder}")


if __name__ == "__main__":
    main()
