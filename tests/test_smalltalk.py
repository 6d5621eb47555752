"""Small talk gets a short help reply, as a reply kind of its own, and is never a follow-up."""
import pytest

from assistant.smalltalk import examples_for, small_talk, with_article


@pytest.mark.parametrize("message, kind", [
    ("hi", "greeting"), ("Hello there!", "greeting"), ("good morning", "greeting"), ("thanks!", "thanks"),
    ("Thank you so much.", "thanks"), ("ok thanks", "thanks"), ("cool", "ack"), ("what can you do?", "help"),
    ("hi, what can you do?", "help"), ("hi, what does an mlops manager earn?", None),
    ("How much does an MLOps manager earn?", None), ("hiring managers", None), ("thanks to MLOps, what changed?", None),
])
def test_small_talk_is_only_a_whole_message_of_it(message, kind):
    assert small_talk(message) == kind


def test_examples_come_from_the_documents():
    assert examples_for(["Plumber", "Welder"], ["Journeyman Plumber"]) == [
        "How much does a Journeyman Plumber earn?", "What does a Plumber do?", "What does a Welder do?",
        "What skills does a Welder need?"]


@pytest.mark.parametrize("name, expected", [
    ("Plumber", "a Plumber"), ("AI Python Engineer", "an AI Python Engineer"), ("MLOps Engineer", "an MLOps Engineer"),
    ("HVAC Technician", "an HVAC Technician"), ("Machine Learning DevOps Manager", "a Machine Learning DevOps Manager"),
    ("Electrician", "an Electrician"), ("DevOps Manager", "a DevOps Manager"),
])
def test_examples_take_the_article_the_name_is_read_with(name, expected):
    assert with_article(name) == expected


def test_a_greeting_gets_help_not_passages(bot):
    reply = bot.ask("hi")
    assert (reply.kind, reply.abstained, reply.citations) == ("help", False, ())
    assert reply.answer.startswith("Hi! I answer questions about Machine Learning DevOps Manager, AI/ML Model")
    assert "• How much does an MLOps Engineer earn?" in reply.answer
    assert "• What does an AI/ML Model Business Specialist do?" in reply.answer


def test_hi_late_in_a_conversation_is_not_a_follow_up(bot):
    history = ["What does an AI/ML Software Engineer do?"] * 15
    reply = bot.ask("hi", history=history)
    assert reply.kind == "help" and reply.query == "hi"
    thanks = bot.ask("thanks!", history=history)
    assert thanks.kind == "help" and thanks.answer.startswith("You're welcome.")
