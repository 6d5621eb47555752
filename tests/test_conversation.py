"""Follow-up resolution borrows the earlier turn's missing slots; standalone questions stay."""
import pytest

from assistant.conversation import buried_question, is_followup, resolve, subject_words
from assistant.parsing import title_aliases

SUBJECTS = subject_words(["Machine Learning DevOps Manager", "MLOps", "AI Python Engineer",
                          "AI/ML Software Engineer", "AI Engineering Consultant"])


def test_level_follow_up_borrows_role_and_topic():
    r = resolve("And for senior level?", ["What is the salary range for a mid-level MLOps manager?"], SUBJECTS)
    assert r.followup
    assert r.query == "And for senior level? (mlops manager salary range)"
    assert r.previous == "What is the salary range for a mid-level MLOps manager?"


def test_pronoun_follow_up_borrows_the_role():
    r = resolve("Which frameworks do they use?", ["What does an AI Python Engineer do?"], SUBJECTS)
    assert r.carried == ("ai", "python", "engineer")


def test_chains_resolve_through_earlier_turns():
    history = ["What does a Director of MLOps earn?", "And an MLOps Team Lead?"]
    r = resolve("And a regular MLOps Engineer?", history, SUBJECTS)
    assert "earn" in r.carried


def test_standalone_questions_are_unchanged():
    for q in ("What degree does an AI Python Engineer need?", "What is the capital of France with its history?"):
        assert resolve(q, ["How much does a mid-level MLOps manager earn?"], SUBJECTS).query == q
    assert resolve("And for senior level?", [], SUBJECTS).query == "And for senior level?"


def test_follow_up_detection():
    assert is_followup("what about a team lead?", SUBJECTS)
    assert is_followup("Is a master's necessary?", SUBJECTS)
    assert not is_followup("What skills does an AI Engineering Consultant need?", SUBJECTS)


def test_title_aliases_come_from_the_text():
    text = "Machine Learning DevOps (MLOps) managers use Machine Learning (ML) and CI/CD."
    assert title_aliases("Machine Learning DevOps Manager", text) == ["MLOps"]


def test_an_also_called_line_gives_the_pages_other_names():
    text = "Radiologic Technologist Salary\nAlso called: X-ray technologist, radiographer, rad tech\nUpdated May 2025\n"
    assert title_aliases("Radiologic Technologist Salary", text) == ["X-ray technologist", "radiographer", "rad tech"]
    assert title_aliases("Plumber", "Also known as — Service Plumber; Plumbing Technician") == [
        "Service Plumber", "Plumbing Technician"]


def test_a_statistic_and_a_trade_level_are_carried_like_a_level():
    r = resolve("what about the hourly wage?", ["what was the median plumber salary in may 2023"], frozenset({"plumber"}))
    assert r.query == "what about the hourly wage? (median plumber)"  # the median, by the hour
    r = resolve("and a master plumber?", ["what does a journeyman plumber make"], frozenset({"plumber"}))
    assert r.query == "and a master plumber? (make)"  # master replaces journeyman; the question stays pay
    assert r.previous == "what does a journeyman plumber make"
    r = resolve("what about hourly?", ["land surveyor 75th percentile pay"], frozenset({"land", "surveyor"}))
    assert r.query == "what about hourly? (75th percentile land surveyor)"  # a percentile is a statistic too


def test_a_trade_level_is_a_level_only_before_a_role_and_a_statistic_keeps_the_level():
    subjects = frozenset({"mlops", "manager"})
    r = resolve("and a phd?", ["do I need a master's degree to be an mlops manager"], subjects)
    assert "master" not in r.carried  # a master's degree is no level
    r = resolve("and the median?", ["what does a senior mlops manager earn?"], subjects)
    assert r.query == "and the median? (senior mlops manager earn)"  # the statistic doesn't replace the level


def test_a_place_in_place_of_the_earlier_one_keeps_what_was_asked_about_it():
    subjects = frozenset({"firefighters"})
    resolved = resolve("what about california?", ["top paying states for firefighters"], subjects)
    assert resolved.query == "what about california? (firefighters paying)"
    # a follow-up that names its own attribute doesn't borrow the earlier one
    resolved = resolve("what about the job growth?", ["top paying states for firefighters"], subjects)
    assert "paying" not in resolved.query


def test_a_continuation_with_its_own_question_borrows_no_attribute():
    resolved = resolve("and what does a senior mlops manager focus on?",
                       ["how much does a mid-level mlops manager earn?"], SUBJECTS)
    assert "earn" not in resolved.query


def test_an_acronym_defined_for_the_pages_role_is_an_alias_and_a_credential_is_not():
    text = ("Respiratory therapists (RTs) treat people who have trouble breathing. The Certified Respiratory "
            "Therapist (CRT) credential comes first, and Machine Learning (ML) is no role.")
    assert title_aliases("Respiratory Therapist Salary", text) == ["RT"]


def test_a_follow_up_asking_for_another_value_of_the_same_thing_carries_the_thing():
    subjects = frozenset({"mlops", "devops"})
    r = resolve("by what year?", ["how big is the mlops market expected to get?"], subjects)
    assert r.query == "by what year? (mlops market expected)"
    r = resolve("and how big will it get, and by when?", ["what's the mlops market cagr?"], subjects)
    assert r.query == "and how big will it get, and by when? (mlops market cagr)"


def test_a_plural_acronym_defines_its_singular_once():
    text = "Machine Learning DevOps Managers (MLDMs) and Machine Learning DevOps (MLOps) teams"
    assert title_aliases("Machine Learning DevOps Manager", text) == ["MLDM", "MLOps"]


def test_a_titles_words_for_pay_name_no_subject_so_a_pronoun_question_still_follows_up():
    subjects = subject_words(["Deckhand Salary in the United States", "First-year deckhand pay at a ferry line"])
    assert "salary" not in subjects and "pay" not in subjects and "deckhand" in subjects
    resolved = resolve("do they pay u during training?", ["harbor point deckhand starting pay"], subjects)
    assert resolved.followup and "deckhand" in resolved.query, resolved


def test_a_follow_up_s_own_words_outweigh_the_words_it_carries(bot):
    """ "and ml engineering managers?" after a question on the DevOps managers' median: the carried
    "median salary" says which figure, the new turn says whose; the DevOps line (which says
    "median") is not the answer."""
    reply = bot.ask("and ml engineering managers?", history=["what's the median salary for devops managers"])
    assert "$137,006" in reply.answer, reply.answer


def test_a_follow_up_asks_the_same_only_when_it_brings_no_topic_of_its_own():
    """"And for senior level?" asks what the last turn asked (its answer type carries over);
    "what's the focus at that stage" names a new topic ("focus"), so it asks something else."""
    history = ["exp needed for an entry level mlops manager", "and the pay?"]
    assert resolve("and for senior level?", history, SUBJECTS).asks_the_same
    assert resolve("whats the top of the range for that level", history, SUBJECTS).asks_the_same
    assert resolve("which one of them has the widest band?", history, SUBJECTS).asks_the_same
    focus = resolve("what's the focus at that stage", history, SUBJECTS)
    assert focus.followup and not focus.asks_the_same


def test_a_follow_up_about_another_year_does_not_keep_the_old_year():
    r = resolve("and back in 2024?", ["how big will the devops market be in 2028"], SUBJECTS)
    assert "2028" not in r.carried and "market" in r.carried, r


def test_a_follow_up_naming_only_another_date_asks_the_same_of_that_date():
    """ "and from aug 2026?" after a rate effective Aug 2025: the same rate, at the other date."""
    r = resolve("and from aug 2026?", ["followspot operator straight time rate aug 2025 local 648"], SUBJECTS)
    assert r.followup and r.asks_the_same
    assert {"followspot", "operator", "rate"} <= set(r.carried) and "2025" not in r.carried, r


def test_a_question_buried_after_context_sentences_is_asked_alone():
    from assistant.conversation import buried_question

    message = ("My nephew is about to start his first MLOps job. He asked me what that rung is about. "
               "How does the page describe the entry-level engineer?")
    assert buried_question(message) == ("My nephew is about to start his first MLOps job. He asked me what that rung is about.",
                                        "How does the page describe the entry-level engineer?")
    # a last sentence that opens with a question word asks, with or without its "?"
    assert buried_question("I'm switching from QA. What does a junior mlops engineer make")[1] == \
        "What does a junior mlops engineer make"
    # earlier sentences that ask something too, a last sentence that asks nothing, one sentence: left whole
    for whole in ("What does a senior earn? And a junior?", "Which tools does it list. I use Docker already.",
                  "How much does a director of MLOps earn?",
                  "Keeping environments consistent is a pain. What does the guide pair with containers to handle that?",
                  "How much does a welder make. Would be great to know!"):
        assert buried_question(whole) == ("", whole)


def test_a_buried_question_is_answered_as_if_asked_alone(bot):
    reply = bot.ask("Honestly I'm an introvert and worried about being siloed. My mentor says MLOps is a good "
                          "networking job. Who does the guide say MLOps engineers interact with?")
    assert not reply.abstained
    assert "interact with data scientists and operations teams" in reply.answer
    assert reply.question.startswith("Honestly I'm an introvert")  # the reply still echoes the whole message


@pytest.mark.parametrize("message, question", [
    ("I've built a few Grafana dashboards in my analyst job, so I'm curious - which alerting tool does the guide "
     "list next to Prometheus?", "which alerting tool does the guide list next to Prometheus?"),
    ("I'd be the one pushing new processes on a team that's new to this; what holds organisations back from "
     "adopting MLOps?", "what holds organisations back from adopting MLOps?"),
    # the words before the dash are the topic, not the user's story: the message is read whole
    ("mlops engineer vs entry-level mlops manager - who gets paid more?", None),
    ("my pay - what is it?", None),
    ("I was told the senior tier is different - is that more than the mid tier?", None),
])
def test_a_story_before_a_dash_is_context_and_the_question_after_it_is_asked(message, question):
    """A one-sentence message whose user tells a story, then a dash (or a semicolon) and the question:
    the story's words ("nervous", "dashboards") neither steer the search nor count as topics the
    documents lack."""
    context, asked = buried_question(message)
    if question is None:
        assert (context, asked) == ("", message)
    else:
        assert asked == question and context and not context.endswith(("-", ";"))
