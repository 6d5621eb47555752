"""How replies look (ui/view.py), checked on Reply objects built here: layout is about the shape of a
reply, not about retrieval."""
import html
import re

from assistant.render import ABSTAIN_MESSAGE
from assistant.types import Citation, Fact, Reply
from ui import view
from assistant.smalltalk import help_text

SALARY_PASSAGE = ("• Salary Range: $160,000 - $200,000 per year\n• Generally requires 3-7 years of experience\n"
                  "• Involves managing more complex ML models and DevOps processes")
SALARY_ANSWER = "Salary Range: $160,000 - $200,000 per year"


def citation(n, text=SALARY_PASSAGE, spans=(), title="Machine Learning DevOps Manager",
             section=("Salary Ranges (US Market, 2024)", "Mid-Level MLOps Manager"), page=None):
    first = spans[0] if spans else (None, None)
    return Citation(n, "guide", title, section, " › ".join((title, *section)), text, 0.8, 0, len(text),
                    first[0], first[1], tuple(spans), page)


def answer_span(text=SALARY_PASSAGE, answer=SALARY_ANSWER):
    start = text.index(answer)
    return ((start, start + len(answer)),)


def reply(answer=SALARY_ANSWER, label="high", kind="answer", citations=None, subject="Mid-Level MLOps Manager",
          facts=(), notes=(), abstained=False):
    if citations is None:
        citations = (citation(1, spans=answer_span()), citation(2, "Other passage text.", section=("Overview",)))
    return Reply("q", "q", answer, abstained, {"high": 0.8, "medium": 0.6, "low": 0.45}[label], "money",
                 tuple(citations), kind=kind, confidence_label=label, subject=subject, facts=tuple(facts),
                 notes=tuple(notes))


def visible_text(markup: str) -> str:
    """The words a reader sees: tags dropped, the hidden copy text left out."""
    markup = re.sub(r'<span class="copy-text" hidden>.*?</span>', "", markup)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip())


def test_a_confident_answer_leads_with_its_subject_and_a_compact_marker():
    shown = view.render_reply(reply(), 3, "How much does a mid-level MLOps manager earn?", ["Guide"])
    assert 'class="reply reply-single reply-high rid-3"' in shown.bubble
    assert visible_text(shown.bubble).startswith(
        "Mid-Level MLOps Manager — Salary Range: $160,000 - $200,000 per year [1]")
    assert '<a class="cite" href="#ev-3-1"' in shown.bubble
    assert "Confidence" not in shown.bubble and "Other passage text" not in shown.bubble  # the passage is in the panel
    assert shown.text == ("Mid-Level MLOps Manager — Salary Range: $160,000 - $200,000 per year\n"
                          "Source: Machine Learning DevOps Manager › Salary Ranges (US Market, 2024) › "
                          "Mid-Level MLOps Manager")


def test_what_was_searched_is_shown_when_it_differs_from_what_was_typed():
    typed = "how much does a senoir mlops manger make"
    corrected = Reply(typed, "how much does a senior mlops manager make", SALARY_ANSWER, False, 0.6, "money",
                      (citation(1, spans=answer_span()),), kind="answer", confidence_label="medium")
    shown = view.render_reply(corrected, 1, typed, ["Guide"])
    assert visible_text(shown.bubble).endswith("Searched as: how much does a senior mlops manager make")
    assert "Searched as" not in shown.text  # the copy is the answer and its sources
    assert "Searched as" not in view.render_reply(reply(), 2, "q", ["Guide"]).bubble  # typed = searched: no line


def test_the_subject_is_not_repeated_when_the_answer_names_it():
    shown = view.render_reply(reply(subject="salary range"), 1, "q", [])
    assert shown.text.startswith(SALARY_ANSWER)


def test_a_list_answer_becomes_a_list_under_its_subject():
    passage = "Communication: bridge teams.\nLeadership: guide teams."
    shown = view.render_reply(reply(answer=passage, subject="Essential Soft Skills",
                                    citations=[citation(1, passage, ((0, len(passage)),))]), 1, "q", [])
    assert "<li>Communication: bridge teams.</li><li>Leadership: guide teams.</li>" in shown.bubble
    assert shown.text.startswith("Essential Soft Skills:\n• Communication: bridge teams.\n• Leadership: guide teams.")


def test_a_lead_line_stays_above_the_list_and_a_computed_line_goes_under_it():
    answer = ("7 items, by name:\n• “Data Management” [1]\n• “Automation” [1]\n"
              "Computed from [1]: the second figure is higher by $10,000.")
    shown = view.render_reply(reply(answer=answer, subject="", kind="composed"), 1, "q", [])
    assert '<p class="reply-answer">7 items, by name:' in shown.bubble
    assert shown.bubble.count("<li>") == 2  # only the quoted items are listed
    assert '<p class="reply-computed">Computed from' in shown.bubble
    assert shown.text.splitlines()[:4] == ["7 items, by name:", "• “Data Management” [1]", "• “Automation” [1]",
                                           "Computed from [1]: the second figure is higher by $10,000."]


def test_confidence_changes_how_a_reply_is_presented():
    high = view.render_reply(reply(label="high"), 1, "q", [])
    medium = view.render_reply(reply(label="medium"), 2, "q", [])
    low = view.render_reply(reply(label="low"), 3, "q", [])
    assert view.CAVEAT not in high.bubble and "reply-high" in high.bubble
    assert "reply-medium" in medium.bubble and view.CAVEAT in medium.bubble and view.CAVEAT in medium.text
    assert "reply-low" in low.bubble and view.LOW_KICKER in low.bubble
    assert "reply-subject" not in low.bubble  # a passage offered, not an answer about a subject
    assert low.text.startswith(f"{view.LOW_KICKER}: “{SALARY_ANSWER}”")
    assert "Closest passage" in low.evidence


def test_an_abstention_says_what_the_documents_cover_and_offers_the_closest_passages():
    cites = [citation(1, "First passage."), citation(2, "Second passage.")]
    shown = view.render_reply(reply(answer=None, abstained=True, kind="abstain", citations=cites, subject=None),
                              4, "capital of France?", ["Guide A", "Guide B"])
    assert visible_text(shown.bubble).startswith(ABSTAIN_MESSAGE)
    assert "The documents are about: Guide A; Guide B." in shown.bubble
    assert 'href="#ev-4-1"' in shown.bubble and 'href="#ev-4-2"' in shown.bubble
    assert "Closest passages (2)" in shown.evidence and "Second passage." in shown.evidence
    noted = view.render_reply(reply(answer=None, abstained=True, kind="abstain", citations=cites, subject=None,
                                    notes=["The documents give US salary figures for 2024 only."]), 5, "q", ["A"])
    assert "US salary figures for 2024 only" in noted.text and "The documents are about" not in noted.text


def test_a_help_reply_lists_its_examples_and_has_no_passages():
    help_reply = Reply("hi!", "hi!", help_text("greeting", ["Guide"], ["How much does a mid-level MLOps manager earn?"]),
                       False, 1.0, "help", (), "hybrid", kind="help", confidence_label="high")
    shown = view.render_reply(help_reply, 1, "hi!", ["Guide"])
    assert help_reply.kind == "help" and help_reply.citations == ()
    assert "<li>How much does a mid-level MLOps manager earn?</li>" in shown.bubble
    assert shown.text.startswith("Hi! I answer questions about Guide")
    assert "small talk" in shown.evidence


SALARIES = [("Entry-Level MLOps Manager", "$120,000 - $150,000 per year", 120000, 150000),
            ("Mid-Level MLOps Manager", "$160,000 - $200,000 per year", 160000, 200000),
            ("Senior-Level MLOps Manager", "$200,000 - $250,000+ per year", 200000, None)]


def composed_reply():
    cites, facts = [], []
    for n, (subject, value, low, high) in enumerate(SALARIES, start=1):
        text = f"• Salary Range: {value}\n• Something else"
        start = text.index(value)
        cites.append(citation(n, text, ((start, start + len(value)),), section=("Salary Ranges", subject)))
        facts.append(Fact(subject, "salary range", value, low, high, "USD", "year", "US Market, 2024", n, "guide",
                          start, start + len(value)))
    answer = "; ".join(f"{s}: {v} [{n}]" for n, (s, v, _, _) in enumerate(SALARIES, start=1))
    return reply(answer=answer, kind="composed", citations=cites, facts=facts, subject=None,
                 notes=["Ranges are for the US market in 2024."])


def test_a_composed_answer_shows_a_table_and_a_range_chart_with_the_figures_as_text():
    shown = view.render_reply(composed_reply(), 7, "compare", [])
    assert "reply-composed" in shown.bubble
    assert shown.bubble.count('<a class="cite" href="#ev-7-') == 6  # three in the answer, three in the table
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td>', shown.bubble)
    assert rows == [(s, v) for s, v, _, _ in SALARIES]
    assert "<caption>Salary range · US Market, 2024</caption>" in shown.bubble
    bars = re.findall(r'class="rc-bar( rc-open)?" style="left:([\d.]+)%;width:([\d.]+)%"', shown.bubble)
    assert len(bars) == 3 and bars[2][0] == " rc-open"  # "$200,000+": open-ended
    lefts = [float(b[1]) for b in bars]
    assert lefts[0] < lefts[1] < lefts[2]
    assert all(f'<span class="rc-value">{v}</span>' in shown.bubble for _, v, _, _ in SALARIES)
    assert "Ranges are for the US market in 2024." in shown.text
    assert shown.text.splitlines()[-3:] == [
        "Source [1]: Machine Learning DevOps Manager › Salary Ranges › Entry-Level MLOps Manager",
        "Source [2]: Machine Learning DevOps Manager › Salary Ranges › Mid-Level MLOps Manager",
        "Source [3]: Machine Learning DevOps Manager › Salary Ranges › Senior-Level MLOps Manager"]
    assert "Cited passages (3)" in shown.evidence and shown.evidence.count("<mark>") == 3


def test_a_chart_needs_two_subjects_with_figures_of_one_unit():
    facts = composed_reply().facts
    assert view.chartable(facts[:1]) == []
    years = Fact("Mid-Level MLOps Manager", "experience", "3-7 years", 3, 7, "years", "", "", 1, "guide", 0, 1)
    assert [f.unit for f in view.chartable((facts[0], years))] == []
    assert len(view.chartable(facts)) == 3
    assert view.format_amount(160000, "USD") == "$160,000" and view.format_amount(7, "years") == "7 years"


def test_every_quoted_span_is_highlighted_and_overlaps_merge():
    text = "alpha beta gamma delta"
    c = citation(1, text, ((0, 5), (3, 10), (17, 22)))
    assert view.highlight(c) == "<mark>alpha beta</mark> gamma <mark>delta</mark>"


def test_document_and_user_text_are_shown_literally():
    hostile = "**bold** [link](http://x) <img src=x onerror=alert(1)> $$x^2$$\n\nafter a blank line"
    c = citation(1, hostile, ((0, 8),), title="<b>Title</b> $$t$$", section=("*Section*",))
    shown = view.render_reply(reply(answer=hostile, citations=[c], subject="<i>who</i>"), 1, hostile, [hostile])
    for markup in (shown.bubble, shown.evidence, view.user_message(hostile), view.header_html([hostile])):
        assert "<img" not in markup and "<b>" not in markup and "<i>" not in markup
        assert "\n\n" not in markup  # a blank line would end Gradio's HTML block and let Markdown in
        assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert view.user_message("a  b\nc") == '<div class="user-text">a  b<br>c</div>'


def test_the_panel_shows_the_newest_reply_and_keeps_the_others_hidden():
    panel = view.evidence_panel([(1, "first"), (2, "second")])
    assert '<section class="ev-reply" id="ev-r2">second</section>' in panel
    assert '<section class="ev-reply" id="ev-r1" hidden>first</section>' in panel
    assert view.evidence_panel([]) == view.EMPTY_EVIDENCE


def test_a_paged_document_names_its_page():
    c = citation(1, spans=answer_span(), page=12)
    assert view.source_label(c).endswith("Mid-Level MLOps Manager, page 12")
    assert "page 12" in view.render_reply(reply(citations=[c]), 1, "q", []).evidence


def test_the_chart_axis_has_round_ends_around_every_figure():
    assert view.axis([120000, 160000, 200000], [150000, 200000, 200000], open_ended=True) == (100000, 220000)
    assert view.axis([3, 5], [7, 10], open_ended=False) == (2, 12)
    start, end = view.axis([0.5], [2], open_ended=False)
    assert start == 0 and end > 2
