"""Format invariance: the shipped page saved as HTML, printed to PDF and converted to DOCX and
Markdown answers the development and held-out questions like the .txt does (within two questions),
cites the same heading paths, and a PDF citation names the page its passage starts on."""
from __future__ import annotations

import shutil

import pytest

from assistant import Assistant
from assistant.evaluation import evaluate, load_questions
from assistant.formats import read_document

from .conftest import ROOT

SUFFIXES = [".html", ".md", ".docx", ".pdf"]
QUESTION_SETS = {"development": ROOT / "eval" / "questions.jsonl", "held-out": ROOT / "eval" / "heldout.jsonl"}
MAX_DIFFERENCE = 2  # questions, per set: the bound


@pytest.fixture(scope="module")
def variant_bots(format_variants, embedder, settings, tmp_path_factory):
    """One assistant per format, each over a corpus holding only that variant (built once)."""
    bots = {}
    for suffix in SUFFIXES:
        base = tmp_path_factory.mktemp("variant-" + suffix.lstrip("."))
        (base / "corpus").mkdir()
        shutil.copy(format_variants[suffix], base / "corpus" / f"guide{suffix}")
        bots[suffix] = Assistant.load(base / "corpus", base / "index", settings, embedder)
    yield bots
    for bot in bots.values():
        bot.close()


@pytest.fixture(scope="module")
def scores(bot, variant_bots):
    """(format, set) -> evaluation report, hybrid retrieval; the .txt is the session's shipped corpus."""
    cache = {}

    def score(suffix: str, name: str):
        if (suffix, name) not in cache:
            assistant = bot if suffix == ".txt" else variant_bots[suffix]
            cache[(suffix, name)] = evaluate(assistant, load_questions(QUESTION_SETS[name]), "hybrid", k=10)
        return cache[(suffix, name)]
    return score


def _correct(report) -> set[str]:
    return {r.id for r in report.results if r.answerable and r.answer_correct}


@pytest.mark.parametrize("name", sorted(QUESTION_SETS))
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_format_answers_like_the_text(scores, suffix, name):
    text, variant = scores(".txt", name), scores(suffix, name)
    lost, gained = sorted(_correct(text) - _correct(variant)), sorted(_correct(variant) - _correct(text))
    summary = (f"{suffix} on the {name} set: {len(_correct(variant))} answered right "
               f"(.txt {len(_correct(text))}); single-fact {variant.metrics['answer_accuracy']:.3f} "
               f"(.txt {text.metrics['answer_accuracy']:.3f}), multi-fact "
               f"{variant.metrics.get('multi_fact_accuracy', 0):.3f} (.txt {text.metrics.get('multi_fact_accuracy', 0):.3f}), "
               f"hit@1 {variant.metrics['hit@1']:.3f} (.txt {text.metrics['hit@1']:.3f}); "
               f"wrong only here: {lost}; right only here: {gained}")
    print(summary)
    assert abs(len(_correct(variant)) - len(_correct(text))) <= MAX_DIFFERENCE, summary


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_same_documents_as_the_text(bot, variant_bots, suffix):
    """The four "More Careers" role pages are documents of their own in every format."""
    assert [d.title for d in variant_bots[suffix].index.manifest.documents] == \
        [d.title for d in bot.index.manifest.documents]


CITED = ["How much does a mid-level MLOps manager earn?", "What degree does an AI Python Engineer need?",
         "Which tools does an AI Python Engineer use?", "What is the CAGR of the MLOps market?"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_citations_carry_the_same_heading_path(bot, variant_bots, suffix):
    for question in CITED:
        want = bot.ask(question, k=1).citations[0]
        got = variant_bots[suffix].ask(question, k=1).citations[0]
        assert (got.title, got.section) == (want.title, want.section), question
        assert (got.page is not None) == (suffix == ".pdf")


def test_pdf_citations_name_the_page_their_passage_starts_on(variant_bots, format_variants):
    elements = [el for page in read_document(format_variants[".pdf"]) for el in page.elements]
    pages_seen = set()
    for question in CITED:
        reply = variant_bots[".pdf"].ask(question, k=3)
        for citation in reply.citations:
            first_line = citation.text.split("\n")[0].lstrip("•-0123456789. ")
            on_page = {el.page for el in elements if el.text.startswith(first_line[:60])}
            assert citation.page in on_page, (question, citation.breadcrumb, citation.page, on_page)
            pages_seen.add(citation.page)
    assert len(pages_seen) > 2  # the passages cited come from several pages, not page 1 throughout
    payload = variant_bots[".pdf"].ask(CITED[0]).to_dict()["citations"][0]
    assert isinstance(payload["page"], int) and payload["page"] >= 1
