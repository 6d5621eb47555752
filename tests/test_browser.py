"""A real browser (Debian's chromium, driven by Playwright) types a question and sees the answer."""
import json
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# The machine's network is closed: keep Chromium from trying to reach the internet.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--disable-quic"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium is not installed (apt-get install chromium); .ci/run installs it")


@pytest.fixture(scope="module")
def page(server, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1100})
        page = context.new_page()
        page.set_default_timeout(30_000)
        yield page
        browser.close()


def type_question(page, question: str) -> None:
    box = page.get_by_role("textbox").first
    box.fill(question)
    box.press("Enter")


def test_question_answer_citation_and_feedback(server, page):
    url, log_dir = server
    page.goto(url)
    page.get_by_text("Career documents assistant").first.wait_for()
    assert "AI Python Engineer" in page.content()  # the description lists the documents
    type_question(page, "How much does a mid-level MLOps manager earn?")
    page.get_by_text("Confidence: high").first.wait_for()
    body = page.locator(".message-wrap, .bubble-wrap").first.inner_text()
    assert "Salary Range: $160,000 - $200,000 per year" in body
    mark = page.locator("mark").first
    mark.wait_for()
    assert mark.inner_text() == "Salary Range: $160,000 - $200,000 per year"
    assert "Mid-Level MLOps Manager" in page.get_by_text("[1] Machine Learning DevOps Manager").first.inner_text()
    page.get_by_text("More sources (4)").first.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat-answer.png"), full_page=True)
    page.get_by_label("Like", exact=True).first.click()
    for _ in range(50):  # bounded wait for the log line
        lines = (log_dir / "interactions.jsonl").read_text().splitlines()
        if any(json.loads(line).get("event") == "feedback" for line in lines):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the like was not logged")


def test_first_load_shows_examples_and_clear_empties_the_chat(server, page):
    import app as chat_app

    url, _ = server
    page.goto(url)
    page.get_by_text(chat_app.EXAMPLES[0]).first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "chat-first-load.png"), full_page=True)
    page.get_by_text(chat_app.EXAMPLES[3]).first.click()  # an example asks its question
    page.get_by_text("Bachelor's degree is often required").first.wait_for()
    page.get_by_label("Clear", exact=True).first.click()
    page.get_by_text(chat_app.EXAMPLES[0]).first.wait_for()
    assert page.get_by_text("Bachelor's degree is often required").count() == 0


def test_follow_up_in_the_browser_uses_the_conversation(server, page):
    url, _ = server
    page.goto(url)
    type_question(page, "What is the salary range for a mid-level MLOps manager?")
    page.get_by_text("$160,000 - $200,000 per year").first.wait_for()
    type_question(page, "And for senior level?")
    page.locator("mark", has_text="$200,000 - $250,000+").first.wait_for()


def test_abstention_in_the_browser(server, page):
    url, _ = server
    page.goto(url)
    type_question(page, "What is the capital of France?")
    page.get_by_text("The documents don't cover that.").first.wait_for()
    page.get_by_text("Closest passages").first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "chat-abstention.png"), full_page=True)
