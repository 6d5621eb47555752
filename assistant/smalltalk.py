"""Greetings, thanks and "what can you do?": answered with a short help message, never searched.

Small talk is recognised before follow-up resolution, so "hi" late in a conversation is a
greeting, not a follow-up of the last question, and never "the documents don't cover that".
"""
from __future__ import annotations

import re


_OPENERS = r"(?:hi+|hello+|hey+|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day))"
_THANKS = r"(?:(?:great|perfect|awesome|ok(?:ay)?)?[\s,!.]*(?:thanks?(?: you)?(?: (?:so|very) much| a lot| again)?|thx|ty|cheers|much appreciated))"
_ACK = r"(?:ok(?:ay)?|cool|nice|great|perfect|awesome|got it|i see|alright)"
_HELP = (r"(?:help|what can (?:you|i) (?:do|ask(?: you)?)|what do you (?:know|cover)|who are you|what are you"
         r"|how does this work|what can you answer)")
_TAIL = r"(?:\s+(?:there|everyone|all|bot|assistant|again))?[\s!.,?:)(-]*"
_PATTERNS = {
    "greeting": re.compile(rf"^\s*{_OPENERS}{_TAIL}$", re.I),
    "thanks": re.compile(rf"^\s*{_THANKS}{_TAIL}$", re.I),
    "ack": re.compile(rf"^\s*{_ACK}{_TAIL}$", re.I),
    "help": re.compile(rf"^\s*(?:{_OPENERS}[\s,!.]*)?{_HELP}{_TAIL}$", re.I),
}


def small_talk(question: str) -> str | None:
    """"greeting", "thanks", "ack" or "help" when the whole message is small talk, else None. Only
    whole-message matches count: "hi, what does an MLOps manager earn?" is a question."""
    if not isinstance(question, str):
        return None  # not a question at all: the pipeline's validation says so
    for kind, pattern in _PATTERNS.items():
        if pattern.match(question):
            return kind
    return None


def help_text(kind: str, titles: list[str], examples: list[str]) -> str:
    """A short help message: what can be asked, and examples (one per line, bulleted)."""
    opening = {"greeting": "Hi!", "thanks": "You're welcome.", "ack": "Sure.", "help": "Here is what I can do."}[kind]
    about = f" I answer questions about {', '.join(titles)}" if titles else " I answer questions about the documents"
    lines = [f"{opening}{about}: roles, skills, salaries and career paths, quoted from the documents with "
             "their sources. When the documents don't say, I tell you.", "For example:"]
    return "\n".join(lines + [f"• {example}" for example in examples])


def with_article(name: str) -> str:
    """"a Plumber", "an AI Python Engineer", "an MLOps Engineer": an initialism (two capitals first)
    is read letter by letter, so its first letter's name decides; otherwise the first letter does."""
    initialism = len(name) > 1 and name[0].isupper() and name[1].isupper()
    vowel_sound = name[:1] in ("AEFHILMNORSX" if initialism else "AEIOUaeiou")
    return f"{'an' if vowel_sound else 'a'} {name}"


def examples_for(titles: list[str], salary_subjects: list[str]) -> list[str]:
    """Example questions drawn from what the documents hold: a pay question for a subject with a
    salary figure, a duties question and a skills question for the pages."""
    examples = []
    if salary_subjects:
        examples.append(f"How much does {with_article(salary_subjects[0])} earn?")
    for title in titles[:2]:
        examples.append(f"What does {with_article(title)} do?")
    if titles:
        examples.append(f"What skills does {with_article(titles[-1])} need?")
    return examples[:4]
