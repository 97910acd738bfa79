"""The built-in question bank: questions worth asking in a career conversation, and the reflection
prompts to answer afterwards. A note's section whose heading matches a question (its text or an
alias) gets the question's id as its key, so answers from different people line up."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

TOPICS = (
    ("path", "Their path"),
    ("day-to-day", "The job day to day"),
    ("skills", "Skills and qualifications"),
    ("company", "The organization"),
    ("future", "The field's future"),
    ("advice", "Advice"),
    ("referrals", "Who else to talk to"),
    ("reflection", "Reflection"),
)


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    topic: str
    aliases: tuple[str, ...] = ()


BUILTIN: tuple[Question, ...] = (
    Question(
        "how-started",
        "How did you get started in this field?",
        "path",
        ("What led you to this field?", "How did you get into this work?", "Your path"),
    ),
    Question(
        "education",
        "What did you study, and how well did it prepare you?",
        "path",
        ("What did you study?", "Education"),
    ),
    Question(
        "do-differently",
        "What would you do differently if you started over?",
        "path",
        ("What do you wish you had done differently?",),
    ),
    Question(
        "typical-week",
        "What is a typical week like?",
        "day-to-day",
        ("What does a typical day look like?", "Typical week", "Typical day", "A normal week"),
    ),
    Question(
        "best-part",
        "What do you enjoy most about the work?",
        "day-to-day",
        ("What is the best part of the job?", "Best part"),
    ),
    Question(
        "hardest-part",
        "What is the hardest part of the job?",
        "day-to-day",
        ("What are the biggest challenges?", "Challenges", "Hardest part"),
    ),
    Question(
        "skills-needed",
        "Which skills matter most in this work?",
        "skills",
        ("What skills do you need?", "Skills"),
    ),
    Question(
        "qualifications",
        "What qualifications, degrees or certifications are required?",
        "skills",
        ("What qualifications do you need?", "Qualifications", "Education and training"),
    ),
    Question(
        "entry-experience",
        "How much experience do employers expect from a beginner?",
        "skills",
        ("How much experience do I need?", "Experience"),
    ),
    Question(
        "company-culture",
        "What is it like to work at your organization?",
        "company",
        ("What is the culture like?", "Culture", "The company"),
    ),
    Question(
        "advancement",
        "How much room is there to grow or advance?",
        "company",
        ("What are the chances for advancement?", "Advancement"),
    ),
    Question(
        "field-future",
        "Where is the field heading in the next few years?",
        "future",
        ("What is the future of the field?", "The future of the field", "Future"),
    ),
    Question(
        "job-market",
        "How hard is it to find a first job, and where are the openings?",
        "future",
        ("What is the job market like?", "Job market"),
    ),
    Question(
        "advice",
        "What advice would you give someone starting out?",
        "advice",
        ("What advice do you have for me?", "Advice"),
    ),
    Question(
        "should-have-asked",
        "What should I have asked but didn't?",
        "advice",
        ("Anything I should have asked?",),
    ),
    Question(
        "who-else",
        "Who else should I talk to?",
        "referrals",
        ("Who else should I contact?", "Who else", "Referrals"),
    ),
    Question("learned-job", "What did I learn about the job?", "reflection"),
    Question("learned-field", "What did I learn about the larger career field?", "reflection"),
    Question("learned-company", "What did I learn about the company?", "reflection"),
    Question(
        "learned-skills",
        "What did I learn about the skills and competencies needed?",
        "reflection",
        ("What did I learn about the skills needed?",),
    ),
    Question(
        "next-steps",
        "What are my next steps?",
        "reflection",
        ("What are some next steps that I might take?", "Next steps"),
    ),
)

REFLECTION_PROMPTS = tuple(q for q in BUILTIN if q.topic == "reflection")

# Letters that Unicode does not decompose into an ASCII letter plus accents.
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)
_NOT_WORD = re.compile(r"-+")
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")
_ASCII_LETTER = frozenset("abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Heading text as a key: no case, punctuation or extra spaces, and no accents on Latin letters
    ("What's up?" → whats-up). Letters of every script stay (Кем вы работаете? → кем-вы-работаете),
    so questions written in Cyrillic, Greek, CJK or Arabic are compared like English ones."""
    if text.isascii():  # most headings: the same result, five times faster
        return _NOT_ASCII_WORD.sub("-", text.lower().replace("'", "")).strip("-")
    folded = unicodedata.normalize("NFKC", text.translate(_LETTERS)).casefold()
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", folded.replace("'", "").replace("’", "")):
        if unicodedata.combining(char) and kept and kept[-1] in _ASCII_LETTER:
            continue  # an accent on a Latin letter: Núñez is nunez
        kept.append(char if _is_word(char) else "-")
    return _NOT_WORD.sub("-", unicodedata.normalize("NFC", "".join(kept))).strip("-")


def _is_word(char: str) -> bool:
    # Letters, digits and the marks that belong to them (Devanagari vowel signs, Hangul jamo…).
    return unicodedata.category(char)[0] in "LMN"


@dataclass(frozen=True, slots=True)
class QuestionBank:
    questions: tuple[Question, ...]
    by_text: Mapping[str, Question]
    # heading as written → (text, key, explicit): journals repeat the same headings in every note
    headings: dict[str, tuple[str, str, bool]] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, extra: Iterable[Question] = ()) -> QuestionBank:
        questions = (*BUILTIN, *extra)
        by_text: dict[str, Question] = {}
        for question in questions:
            for text in (question.text, *question.aliases, question.id):
                by_text[normalise(text)] = question
        return cls(questions, by_text)

    def match(self, heading: str) -> Question | None:
        return self.by_text.get(normalise(heading))


DEFAULT_BANK = QuestionBank.build()
