"""A real browser (Debian's chromium, driven by Playwright) reads the chat the way a person does:
desktop 1366×900 and phone 390×844, light and dark. Screenshots go to test-artifacts/.

One browser for the module; each test opens a fresh context (its own session) on the session's
server, or on a second server whose corpus adds a page of hostile markup (``hostile``)."""
import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

import app as chat_app
from assistant import Assistant

from .conftest import ROOT
from .servers import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# The machine's network is closed: keep Chromium from trying to reach the internet.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--disable-quic"]
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
SALARY_Q = "How much does a mid-level MLOps manager earn?"
SALARY_LEAD = "Mid-Level MLOps Manager — Salary Range: $160,000 - $200,000 per year"
SALARY_SOURCE = "Machine Learning DevOps Manager › Salary Ranges (US Market, 2024) › Mid-Level MLOps Manager"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium is not installed (apt-get install chromium); .ci/run installs it")


# ------------------------------------------------------------------ a composed answer, and a hostile document

COMPOSED_Q = "Compare entry, mid and senior MLOps manager salaries"
LEVELS = [("Entry-Level MLOps Manager", "$120,000 - $150,000"), ("Mid-Level MLOps Manager", "$160,000 - $200,000"),
          ("Senior-Level MLOps Manager", "$200,000 - $250,000+")]
MARKUP_Q = "What does a Harbour Glazier repair?"
MARKUP_TITLE = "**Bold** <img src=x onerror=alert(1)> $$x^2$$"
# A real web page whose title, heading and text hold Markdown, HTML and LaTeX (as text, escaped in its HTML).
MARKUP_PAGE = """<html><body><main>
<h1>**Bold** &lt;img src=x onerror=alert(1)&gt; $$x^2$$</h1>
<h2>$$y^2$$ section</h2>
<p>The Harbour Glazier trade writes **stars**, &lt;img src=x onerror=alert(1)&gt; and $$\\frac{a}{b}$$ in its pay
notes. A Harbour Glazier earns a steady wage repairing waterfront windows.</p>
</main></body></html>"""


@pytest.fixture(scope="module")
def hostile(bot_folders, embedder, settings, tmp_path_factory):
    """The chat over the shipped page plus a page whose text is markup, indexed for real."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(bot_folders[0], root / "corpus")
    (root / "corpus" / "markup-page.html").write_text(MARKUP_PAGE, encoding="utf-8")
    bot = Assistant.load(root / "corpus", root / "index", settings, embedder)
    with serving(chat_app.build_server(bot, root / "logs")) as url:
        yield url


# ------------------------------------------------------------------ the browser

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per (server, size, theme, clipboard), kept for the module: its HTTP cache holds
    the app's scripts after the first load. Each page is still its own chat session (the app keys
    a conversation by the page's session, not by cookies)."""
    made = {}

    def get(url, size, theme, clipboard):
        key = (url, size, theme, clipboard)  # per server: cookies and clipboard grants stay with their origin
        if key not in made:
            made[key] = browser.new_context(viewport=SIZES[size], color_scheme=theme)
            if clipboard:
                made[key].grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
        return made[key]

    yield get
    for context in made.values():
        context.close()


@pytest.fixture
def open_chat(contexts):
    """Opens the chat in a new page (a new session): ``open_chat(url, size, theme)``."""
    pages = []

    def open_(url, size="desktop", theme="light", clipboard=False):
        page = contexts(url, size, theme, clipboard).new_page()
        pages.append(page)
        page.set_default_timeout(60_000)  # a bound on waits, not a speed check: a saturated 2-core machine took over 20 s
        page.goto(f"{url}/?__theme={theme}")
        page.locator("#question textarea").wait_for()
        return page

    yield open_
    for page in pages:
        page.close()


def ask(page, question: str):
    """Types a question, presses Enter, and returns the new reply (its bubble)."""
    before = page.locator("#chat .reply").count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('#chat .reply').length > {before}")
    next_frames(page)  # the scroll to the new reply runs on the next frame
    return page.locator("#chat .reply").nth(before)


def next_frames(page) -> None:
    """Waits until the browser has drawn two more frames (what the app schedules runs by then)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def copy_message(page, button) -> str:
    """Clicks a Copy button and returns the clipboard once it holds something new (bounded wait)."""
    before = page.evaluate("navigator.clipboard.readText()")
    button.click()
    for _ in range(100):
        copied = page.evaluate("navigator.clipboard.readText()")
        if copied != before:
            return copied
        page.wait_for_timeout(20)
    pytest.fail("the Copy button did not change the clipboard")


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def lines(locator) -> list[str]:
    return [line.strip() for line in locator.inner_text().splitlines() if line.strip()]


CONTRAST_JS = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const s = getComputedStyle(el), a = lum(s.color), b = lum(s.backgroundColor);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


# ------------------------------------------------------------------ the tests

def test_the_reply_leads_with_the_answer_and_the_evidence_panel_holds_the_passage(server, open_chat):
    url, log_dir = server
    page = open_chat(url)
    reply = ask(page, SALARY_Q)
    assert lines(reply)[0] == SALARY_LEAD + " [1]"  # subject, answer, a compact marker: nothing above it
    assert f"Source: {SALARY_SOURCE}" in lines(reply)[1:3]  # after a caveat line if the label is medium
    assert "Confidence" not in reply.inner_text() and reply.locator("mark").count() == 0
    panel = page.locator("#evidence .ev-reply:not([hidden])")
    assert panel.locator(".ev-passage.is-cited .ev-where").inner_text() == f"[1] {SALARY_SOURCE}"
    assert panel.locator("mark").inner_text() == "Salary Range: $160,000 - $200,000 per year"
    assert panel.locator("details.ev-others summary").inner_text() == "Other passages retrieved (4)"
    assert page.get_by_text("Career documents assistant", exact=True).count() == 1  # the title, once
    assert page.locator("#chat [data-testid=block-label]").count() == 0  # no floating label over the replies
    shot(page, "desktop-light-answer")
    page.get_by_label("Like", exact=True).last.click()
    for _ in range(50):  # bounded wait for the log line
        events = [json.loads(line) for line in (log_dir / "interactions.jsonl").read_text().splitlines()]
        if any(e["event"] == "feedback" and e["message"].startswith(SALARY_LEAD) for e in events):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the like was not logged with the reply's text")


@pytest.mark.parametrize("size, theme", [("desktop", "light"), ("desktop", "dark"), ("phone", "light"),
                                         ("phone", "dark")])
def test_every_size_and_theme_is_readable(server, open_chat, size, theme):
    url, _ = server
    page = open_chat(url, size, theme)
    box = page.locator("#question textarea").bounding_box()
    assert box["y"] + box["height"] <= SIZES[size]["height"]  # the input is on screen without scrolling
    ask(page, "What soft skills does an MLOps manager need?")
    ask(page, SALARY_Q)
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]  # nothing wider than the screen
    mark = page.locator("#evidence .ev-reply:not([hidden]) mark").first
    assert page.evaluate("document.body.classList.contains('dark')") == (theme == "dark")
    assert mark.evaluate(CONTRAST_JS) >= 4.5
    for muted in ("#chat .reply-sources", "#evidence .ev-where"):
        element = page.locator(muted).last
        ratio = element.evaluate(CONTRAST_JS.replace("s.backgroundColor", "getComputedStyle(document.body).backgroundColor"))
        assert ratio >= 4.5, (muted, ratio)
    shot(page, f"{size}-{theme}")
    if size == "phone":
        marker = page.locator("#chat .reply a.cite").last.bounding_box()
        assert marker["width"] >= 24 and marker["height"] >= 24  # a target a finger can hit
        page.locator("#evidence").scroll_into_view_if_needed()
        shot(page, f"{size}-{theme}-evidence")


def test_selecting_a_citation_shows_its_passage(server, open_chat):
    url, _ = server
    for size in ("desktop", "phone"):
        page = open_chat(url, size)
        first = ask(page, SALARY_Q)
        ask(page, "What degree does an AI Python Engineer need?")
        first.locator("a.cite").first.click()
        passage = page.locator("#ev-1-1")
        assert passage.is_visible() and "is-selected" in passage.get_attribute("class")
        assert page.locator("#ev-r2").is_hidden()  # the panel now shows the first reply's evidence
        top = passage.bounding_box()["y"]
        assert 0 <= top < SIZES[size]["height"] - 40  # scrolled into view, on the phone too
        assert "Salary Range: $160,000 - $200,000 per year" in passage.locator("mark").inner_text()
        shot(page, f"{size}-light-citation-selected")


def test_a_long_reply_shows_its_first_line_not_its_last(server, open_chat):
    url, _ = server
    page = open_chat(url, "phone")
    for question in ("What soft skills does an MLOps manager need?", "What are the types of AI consultants?"):
        ask(page, question)
    reply = ask(page, COMPOSED_Q)
    scroller = page.locator("#chat .bubble-wrap")
    view, box = scroller.bounding_box(), reply.bounding_box()
    assert box["height"] > view["height"] * 0.8  # long: the table and the chart fill the chat box
    assert view["y"] - 1 <= box["y"] <= view["y"] + 40  # its first line at the top of the chat box
    first_line = reply.locator(".reply-answer").first.bounding_box()
    assert first_line["y"] + first_line["height"] <= view["y"] + view["height"]
    shot(page, "phone-light-long-reply")


def test_confidence_is_visible_without_reading_it(server, open_chat, bot):
    """Questions are chosen at run time by the label the real assistant gives them, so the test
    follows recalibration; it fails if no candidate gets a label any more (add a question then)."""
    candidates = [SALARY_Q, "What types of AI consultants are there?", "What's the CAGR of the MLOps market?",
                  "what does a junior mlops manager earn", "Which industries hire MLOps managers?",
                  "Do MLOps managers travel?", "best city for mlops jobs", "How do I negotiate salary?"]
    by_label = {}
    for question in candidates:
        answer = bot.ask(question)
        if not answer.abstained:
            by_label.setdefault(answer.confidence_label, question)
    assert set(by_label) == {"high", "medium", "low"}, f"labels found: {by_label}"
    url, _ = server
    page = open_chat(url)
    high, medium, low = (ask(page, by_label[label]) for label in ("high", "medium", "low"))
    assert "reply-high" in high.get_attribute("class") and high.locator(".reply-caveat").count() == 0
    assert medium.locator(".reply-caveat").inner_text() == "May be incomplete: check the highlighted passage."
    assert medium.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"
    assert lines(low)[0] == "Closest passage — may not answer your question"
    assert low.locator(".reply-subject").count() == 0 and low.locator("blockquote").count() == 1  # a quote, not an answer
    assert low.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    assert high.evaluate("e => getComputedStyle(e).borderTopWidth") == "0px"
    shot(page, "desktop-light-confidence")


def test_copy_gives_the_answer_and_its_sources_as_plain_text(server, open_chat):
    page = open_chat(server[0], clipboard=True)
    ask(page, SALARY_Q)
    copied = copy_message(page, page.get_by_label("Copy message").last).splitlines()
    assert (copied[0], copied[-1]) == (SALARY_LEAD, f"Source: {SALARY_SOURCE}")  # a caveat may sit between
    assert copy_message(page, page.get_by_label("Copy message").first) == SALARY_Q  # the user's own, as typed
    page = open_chat(server[0], clipboard=True)
    ask(page, COMPOSED_Q)
    copied = copy_message(page, page.get_by_label("Copy message").last)
    assert copied.splitlines()[1] == "• Entry-Level MLOps Manager: “Salary Range: $120,000 - $150,000 per year” [1]"
    assert copied.splitlines()[-1] == ("Source [3]: Machine Learning DevOps Manager › Salary Ranges (US Market, 2024) › "
                                       "Senior-Level MLOps Manager")
    assert "<" not in copied and "*" not in copied


def test_a_composed_answer_shows_a_table_and_a_range_chart(server, open_chat):
    for size in ("desktop", "phone"):
        page = open_chat(server[0], size)
        reply = ask(page, COMPOSED_Q)
        rows = reply.locator("table.facts tbody tr")
        assert rows.count() == 3
        assert [row.locator("th, td").all_inner_texts() for row in rows.all()] == [
            [subject, value, f"[{n}]"] for n, (subject, value) in enumerate(LEVELS, start=1)]
        chart = reply.locator(".range-chart")
        assert chart.locator(".rc-bar").count() == 3 and chart.locator(".rc-open").count() == 1
        values = chart.locator(".rc-row:not(.rc-axis) .rc-value").all_inner_texts()
        assert values == [value for _, value in LEVELS]  # the figures, as text
        widths = [bar.bounding_box()["width"] for bar in chart.locator(".rc-bar").all()]
        assert all(w > 4 for w in widths)
        assert page.locator("#evidence .ev-reply:not([hidden]) mark").count() == 3  # every cited span
        shot(page, f"{size}-light-composed")


def test_a_long_question_is_counted_and_refused_never_cut(server, open_chat):
    url, _ = server
    page = open_chat(url)
    box = page.locator("#question textarea")
    assert box.get_attribute("maxlength") is None
    question = ("How does the salary of a senior MLOps manager compare with a mid-level one? " * 16)[:1200]
    box.fill(question)
    notice = page.locator("#notice")
    expect(notice).to_have_text(re.compile(r"^\s*1,200 / 1,000 characters: 200 over the limit\. Shorten"))
    box.press("Enter")
    expect(notice).to_contain_text("question is 1,200 characters long; the limit is 1,000")
    assert box.input_value() == question  # nothing dropped
    assert page.locator("#chat [data-testid=user]").count() == 0  # not sent
    shot(page, "desktop-light-too-long")
    box.fill(question[:900])
    expect(notice).to_have_text("900 / 1,000 characters")
    box.press("Enter")
    page.locator("#chat .reply").first.wait_for()
    assert page.locator("#chat .user-text").inner_text() == question[:900]
    expect(notice).to_have_text("")


def test_empty_input_is_not_sent(server, open_chat):
    url, _ = server
    page = open_chat(url)
    box = page.locator("#question textarea")
    for text in ("", "   ", "\t"):
        box.fill(text)
        box.press("Enter")
    page.wait_for_timeout(600)
    assert page.locator("#chat [data-testid=user]").count() == 0
    assert page.locator("#chat [data-testid=bot]").count() == 0
    assert page.get_by_label("Like", exact=True).count() == 0


def test_the_users_message_is_shown_as_typed(server, open_chat):
    url, _ = server
    page = open_chat(url)
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    typed = "<img src=x onerror=alert(1)> **bold** [link](http://x.test) $$x^2$$ what does an mlops manager earn?"
    ask(page, typed)
    message = page.locator("#chat .user-text")
    assert message.inner_text() == typed
    assert message.locator("img, strong, a, .katex").count() == 0
    assert not [u for u in fetched if u.endswith("/x") or "x.test" in u]  # the "image" was never requested
    labels = [el.get_attribute("aria-label") for el in page.locator("#chat [aria-label^='You: ']").all()]
    assert labels == [f"You: {typed}"]  # a screen reader hears the text, not markup
    bot_label = page.locator("#chat [aria-label^='Assistant: ']").first.get_attribute("aria-label")
    assert "<" not in bot_label and "class=" not in bot_label


def test_greetings_and_thanks_get_a_short_help_message(server, open_chat, bot):
    url, _ = server
    page = open_chat(url)
    hello = ask(page, "hi")
    assert lines(hello)[0].startswith("Hi! I answer questions about Machine Learning DevOps Manager")
    examples = [line[2:] for line in bot.ask("hi").answer.splitlines() if line.startswith("• ")]
    assert examples and hello.locator("li").all_inner_texts() == examples
    assert hello.locator("a.cite").count() == 0 and "don't cover" not in hello.inner_text()
    assert "small talk" in page.locator("#evidence .ev-reply:not([hidden])").inner_text()
    thanks = ask(page, "thanks!")
    assert lines(thanks)[0].startswith("You're welcome.")
    shot(page, "desktop-light-greeting")


def test_an_abstention_says_what_the_documents_cover(server, open_chat):
    url, _ = server
    page = open_chat(url, "phone", "dark")
    reply = ask(page, "What is the capital of France?")
    assert lines(reply)[0] == "The documents don't cover that."
    assert lines(reply)[1].startswith("The documents are about: Machine Learning DevOps Manager;")
    assert reply.locator("a.cite").count() == 5
    panel = page.locator("#evidence .ev-reply:not([hidden])")
    assert panel.locator(".ev-group").inner_text().lower() == "closest passages (5)"
    assert panel.locator(".ev-passage").count() == 5
    shot(page, "phone-dark-abstention")


def test_document_text_is_shown_literally(hostile, open_chat):
    page = open_chat(hostile)
    assert MARKUP_TITLE in page.locator(".app-docs").inner_text()
    reply = ask(page, MARKUP_Q)
    assert lines(reply)[0].startswith(f"{MARKUP_TITLE} — A Harbour Glazier earns a steady wage repairing")
    passage = page.locator("#ev-1-1")
    assert passage.locator(".ev-doc").inner_text() == MARKUP_TITLE
    assert passage.locator(".ev-sec").inner_text() == "$$y^2$$ section"
    assert "**stars**, <img src=x onerror=alert(1)> and $$\\frac{a}{b}$$" in passage.locator(".ev-text").inner_text()
    assert page.locator(".katex, #chat img, #evidence img, .app-header img, #chat b").count() == 0


def test_examples_follow_ups_and_clear(server, open_chat):
    url, _ = server
    page = open_chat(url)
    page.get_by_text(chat_app.EXAMPLES[3]).click()  # an example asks its question
    page.locator("#chat .reply").first.wait_for()
    assert "Bachelor's degree is often required" in page.locator("#chat .reply").first.inner_text()
    ask(page, "What is the salary range for a mid-level MLOps manager?")
    follow = ask(page, "And for senior level?")
    assert "$200,000 - $250,000+" in follow.inner_text()
    page.get_by_label("Clear", exact=True).first.click()
    page.get_by_text(chat_app.EXAMPLES[0]).wait_for()
    assert page.locator("#chat .reply").count() == 0
    page.locator("#evidence .ev-empty").wait_for(state="visible", timeout=10_000)  # the panel empties too


def test_each_browser_session_keeps_its_own_conversation(server, open_chat):
    url, _ = server
    alice, bob = open_chat(url), open_chat(url)
    ask(alice, "What is the salary range for a mid-level MLOps manager?")
    ask(bob, "How many years of experience does a mid-level MLOps manager need?")
    assert "$200,000 - $250,000" in ask(alice, "And for senior level?").inner_text()
    assert re.search(r"\b7\+? years", ask(bob, "And for senior level?").inner_text())


# ------------------------------------------------------------------ adding a document (python app.py --allow-upload)

def harbour_pilot_pdf() -> bytes:
    """A role page printed to PDF: the title and an intro on page 1, the pay on page 2."""
    from .format_samples import role_page_pdf

    return role_page_pdf("Harbour Pilot Coordinator",
                         "Harbour pilot coordinators schedule the pilots who bring ships into port.",
                         ["• Salary Range: $87,654 - $93,210 per year", "• Usually requires 4+ years of port operations"])


@pytest.fixture
def upload_app(bot_folders, bot, settings, embedder, tmp_path):
    """The app with uploads on, over a copy of the shipped corpus and of its index (so nothing is
    rebuilt at start-up); yields (url, corpus folder)."""
    from assistant import Assistant

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(bot_folders[0], corpus)
    shutil.copytree(bot_folders[1], index)
    uploader = Assistant.load(corpus, index, settings, embedder, rebuild="never")
    with serving(chat_app.build_server(uploader, tmp_path / "logs", allow_upload=True)) as url:
        yield url, corpus
    uploader.close()


def choose_file(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator("#upload").click()
    chooser.value.set_files(str(path))


def test_an_uploaded_pdf_is_answered_with_a_citation_to_its_page(upload_app, open_chat, tmp_path):
    url, corpus = upload_app
    pdf = tmp_path / "Harbour Pilot Coordinator.pdf"
    pdf.write_bytes(harbour_pilot_pdf())
    page = open_chat(url)
    assert "Harbour Pilot Coordinator" not in page.locator(".app-docs").inner_text()
    choose_file(page, pdf)
    note = page.locator("#chat .chat-note")
    note.wait_for(timeout=120_000)  # indexing one page on a busy 2-core machine: seconds, bounded generously
    assert re.fullmatch(r"Added Harbour-Pilot-Coordinator\.pdf \(Harbour Pilot Coordinator\): \d+ passages?; "
                        r"ask about it\.", note.inner_text().strip())
    expect(page.locator("#upload-status")).to_have_text("")
    assert "Harbour Pilot Coordinator" in page.locator(".app-docs").inner_text()
    assert (corpus / "Harbour-Pilot-Coordinator.pdf").read_bytes() == pdf.read_bytes()
    reply = ask(page, "what's the salary range for a harbour pilot coordinator?")
    assert "$87,654 - $93,210" in lines(reply)[0]
    cited = page.locator("#evidence .ev-reply:not([hidden]) .ev-passage.is-cited").first
    assert cited.locator(".ev-doc").inner_text() == "Harbour Pilot Coordinator"
    assert cited.locator(".ev-page").inner_text() == "page 2"
    assert "$87,654 - $93,210" in cited.locator("mark").inner_text()
    shot(page, "desktop-light-uploaded-pdf")
    # The same file again is refused by name, with the reason under the button; nothing changes.
    choose_file(page, pdf)
    expect(page.locator("#upload-status .upload-problem")).to_have_text(
        "Harbour-Pilot-Coordinator.pdf is already in the corpus; rename the file to add it as another document; "
        "nothing was changed", timeout=30_000)
    assert page.locator("#chat .chat-note").count() == 1
    # A page opened afterwards lists the new document too.
    expect(open_chat(url).locator(".app-docs")).to_contain_text("Harbour Pilot Coordinator")
