"""Bad input gets a clear ValueError; no kind of unicode crashes the assistant."""
import pytest

from assistant import InvalidQuestionError


@pytest.mark.parametrize("question, message", [
    ("", "question is empty"),
    ("   \n\t ", "question is empty"),
    ("\u200b\u0000", "question is empty"),
    ("x" * 1001, "1,001 characters long; the limit is 1,000"),
    (None, "question must be a string, got NoneType"),
    (42, "question must be a string, got int"),
    (b"bytes", "question must be a string, got bytes"),
    (["list"], "question must be a string, got list"),
])
def test_bad_questions(bot, question, message):
    with pytest.raises(ValueError, match=message) as caught:
        bot.ask(question)
    assert isinstance(caught.value, InvalidQuestionError)


def test_a_question_of_exactly_the_limit_is_answered(bot):
    question = "How much does a mid-level MLOps manager earn?"
    padded = question + " " * (1000 - len(question))  # 1,000 characters: allowed, and nothing is cut
    assert len(padded) == 1000
    assert bot.ask(padded).answer == "Salary Range: $160,000 - $200,000 per year"
    with pytest.raises(InvalidQuestionError, match="1,001 characters long"):
        bot.ask(padded + "?")


@pytest.mark.parametrize("history, message", [
    ("What is MLOps?", "history must be a list"),
    ([1, 2], r"history\[0\] must be a string, got int"),
    (["ok", None], r"history\[1\] must be a string, got NoneType"),
])
def test_bad_history(bot, history, message):
    with pytest.raises(ValueError, match=message):
        bot.ask("And for senior level?", history=history)


@pytest.mark.parametrize("k", [0, -1, 51, 2.5, True, "3"])
def test_bad_k(bot, k):
    with pytest.raises(ValueError, match="k must be an integer from 1 to 50"):
        bot.ask("What is MLOps?", k=k)


@pytest.mark.parametrize("mode", ["magic", "", [], 0, "HYBRID"])
def test_bad_mode(bot, mode):
    with pytest.raises(ValueError, match="mode must be one of hybrid, bm25, dense"):
        bot.ask("What is MLOps?", mode=mode)


def test_the_length_limit_holds_after_normalisation(bot):
    question = "\ufdfa" * 1000  # one character that NFKC expands to 18
    with pytest.raises(InvalidQuestionError, match="once its characters are normalised; the limit is 1,000"):
        bot.ask(question)


@pytest.mark.parametrize("question", [
    "💰💰💰 salary? 🤔",
    "ما هو راتب مدير MLOps؟",  # right-to-left
    "שכר \u202e mid-level \u202c manager",  # bidi controls
    "How\x07 much\x1b[31m does a mid-level MLOps manager earn?",
    "!!!???...,,,",
    "<script>alert(1)</script> salary",
    "a" * 999,
    "\ud800 lone surrogate",
])
def test_any_unicode_gets_a_reply(bot, question):
    reply = bot.ask(question, history=["😀", "\u202e"])
    assert isinstance(reply.abstained, bool)
    assert 0.0 <= reply.confidence <= 1.0


def test_control_characters_do_not_change_the_answer(bot):
    reply = bot.ask("How\x07 much\x1b does a mid-level MLOps manager earn?")
    assert "$160,000 - $200,000" in reply.answer


def test_a_very_long_history_is_cut_not_a_crash(bot):
    history = ["What is the salary range for a mid-level MLOps manager?"] + ["and?"] * 1200
    reply = bot.ask("And for senior level?", history=history)
    assert isinstance(reply.abstained, bool)


def test_lone_surrogates_are_dropped_from_the_reply(bot):
    import json

    reply = bot.ask("How much does a mid-level MLOps manager earn?\ud800")
    assert "\ud800" not in reply.question
    json.dumps(reply.to_dict(), ensure_ascii=False).encode("utf-8")  # printable as UTF-8
