"""HTML, PDF, DOCX and Markdown readers: the shipped page in every format reads like the text parse,
and files that can't be read fail with a message that names them and says why."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from assistant.corpus import parse_source
from assistant.formats import Element, UnreadableDocument, read_document, section_paths
from assistant.parsing import document_from_elements, parse_file

from .conftest import CORPUS, GUIDE
from .format_samples import BAD_FILES, load_make_variants, pdf_bytes

FORMATS = [".html", ".md", ".docx", ".pdf"]
ROLE_TITLES = ["AI/ML Model Business Specialist", "AI/ML Software Engineer", "AI Engineering Consultant",
               "AI Python Engineer"]
MAIN_TITLE = "Machine Learning DevOps Manager"


@pytest.fixture(scope="module")
def variants(format_variants) -> dict[str, Path]:
    return format_variants


@pytest.fixture(scope="module")
def read(variants):
    cache: dict[str, list] = {}

    def pages(suffix: str):
        if suffix not in cache:
            cache[suffix] = read_document(variants[suffix])
        return cache[suffix]
    return pages


@pytest.fixture(scope="module")
def text_docs():
    return parse_file(GUIDE, CORPUS)


def main_part(pages) -> list[tuple[Element, tuple[str, ...]]]:
    """The main page's elements up to and including the "More Careers" heading, with sections."""
    out = []
    for el, section in zip(pages[0].elements, section_paths(pages[0].elements)):
        out.append((el, section))
        if el.kind == "heading" and el.text == "More Careers":
            break
    return out


def role_pages(pages) -> dict[str, list[Element]]:
    """title -> elements of the four embedded role pages: pages of their own (HTML <article>s) or
    sections right under "More Careers" (formats with no such markup)."""
    if len(pages) > 1:
        return {p.title: list(p.elements) for p in pages[1:]}
    roles: dict[str, list[Element]] = {}
    current = None
    for el, section in zip(pages[0].elements, section_paths(pages[0].elements)):
        if el.kind == "heading" and section[:1] == ("More Careers",) and len(section) == 2:
            current = roles.setdefault(el.text, [])
        elif current is not None and section[:1] == ("More Careers",):
            current.append(el)
    return roles


def find(pages, prefix: str) -> tuple[Element, tuple[str, ...], int]:
    """The first element starting with ``prefix`` in the main page, its section and index."""
    elements = pages[0].elements
    for i, (el, section) in enumerate(zip(elements, section_paths(elements))):
        if el.text.startswith(prefix):
            return el, section, i
    raise AssertionError(f"no element starts with {prefix!r}")


# ---------------------------------------------------------------- the shipped page in four formats

@pytest.mark.parametrize("suffix", FORMATS)
class TestShippedPageInEveryFormat:
    def test_title(self, read, suffix):
        assert read(suffix)[0].title == MAIN_TITLE

    def test_main_page_reads_like_the_text_parse(self, read, text_docs, suffix):
        """Every heading, paragraph and item of the main page, in order, with the same text, list
        depth and (for headings and items) section path as the .txt parse."""
        want = [(b.kind, b.text, b.level, b.section if b.kind != "paragraph" else ())
                for b in text_docs[0].blocks]
        got = [(el.kind, el.text, el.list_level, section if el.kind != "paragraph" else ())
               for el, section in main_part(read(suffix))]
        assert got == want

    def test_top_level_sections(self, read, text_docs, suffix):
        top = [el.text for el in read(suffix)[0].elements if el.kind == "heading" and el.heading_level == 1]
        want = [b.text for b in text_docs[0].blocks if b.kind == "heading" and len(b.section) == 1]
        assert top == want
        assert top[:6] == ["Overview", "Core Responsibilities", "Requirements", "Career Development",
                           "Market Demand", "Salary Ranges (US Market, 2024)"]

    def test_salary_item_under_its_level(self, read, suffix):
        el, section, _ = find(read(suffix), "Salary Range: $160,000 - $200,000 per year")
        assert el.kind == "item" and el.text == "Salary Range: $160,000 - $200,000 per year"
        assert section == ("Salary Ranges (US Market, 2024)", "Mid-Level MLOps Manager")

    def test_nested_item_under_its_parent(self, read, suffix):
        pages = read(suffix)
        el, section, i = find(pages, "Automate cloud resource provisioning")
        assert el.kind == "item" and el.list_level == 1 and el.marker == "•"
        parent = next(p for p in reversed(pages[0].elements[:i]) if p.kind == "item" and p.list_level == 0)
        assert parent.text == "Infrastructure and Automation" and parent.marker == "1."
        assert section == ("Core Responsibilities",)

    def test_numbered_lists_count_from_one(self, read, suffix):
        markers = [el.marker for el in read(suffix)[0].elements
                   if el.kind == "item" and el.list_level == 0 and el.text.endswith(":")
                   and el.text in ("Automation and CI/CD:", "Continuous Maintenance and Updates:")]
        assert markers == ["1.", "8."]

    def test_role_pages(self, read, text_docs, suffix):
        roles = role_pages(read(suffix))
        assert list(roles) == ROLE_TITLES
        for doc in text_docs[1:]:
            elements = roles[doc.title]
            items = {el.text for el in elements if el.kind == "item"}
            assert {b.text for b in doc.blocks if b.kind == "item"} <= items, doc.title
            if doc.title != "AI/ML Software Engineer":  # that card's sections are bold labels in a list
                assert [el.text for el in elements if el.kind == "heading"] == \
                       [b.text for b in doc.blocks if b.kind == "heading"], doc.title
        python = roles["AI Python Engineer"]
        i = next(n for n, el in enumerate(python) if el.text.startswith("Collaboration tools like Git"))
        assert [el.text for el in python[:i] if el.kind == "heading"][-1] == "Tools and Frameworks"

    def test_page_numbers_only_forpdf_bytes(self, read, suffix):
        pages = [el.page for p in read(suffix) for el in p.elements]
        if suffix != ".pdf":
            assert set(pages) == {None}
            return
        assert None not in pages
        assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 5


class TestPdf:
    def test_running_header_and_page_numbers_dropped(self, read):
        texts = [el.text for el in read(".pdf")[0].elements]
        assert not any("AiPathly career guides" in t or t.startswith("Page ") for t in texts)
        assert not any("(cid:" in t for t in texts)

    def test_heading_levels_follow_font_sizes(self, read):
        pages = read(".pdf")
        levels = {el.text: el.heading_level for el in pages[0].elements if el.kind == "heading"}
        assert levels["Overview"] == 1 and levels["Career Progression"] == 2
        python = next(p for p in pages if p.title == "AI Python Engineer")
        assert {el.text: el.heading_level for el in python.elements if el.kind == "heading"}[
            "Tools and Frameworks"] == 1

    def test_hyphenated_words_are_mended(self):
        pytest.importorskip("reportlab")
        lines = ["Pipeline Work", "The team automates the deploy-", "ments of models and keeps end-to-",
                 "end tests green. An Entry-", "Level role learns this first; end-to-end checks matter."]
        data = pdf_bytes(lambda c: [c.setFont("Helvetica-Bold" if n == 0 else "Helvetica", 16 if n == 0 else 10)
                               or c.drawString(72, 700 - 14 * n - (10 if n else 0), line)
                               for n, line in enumerate(lines)])
        pages = read_document(data, ".pdf", name="wrapped.pdf")
        assert pages[0].title == "Pipeline Work"
        assert [el.text for el in pages[0].elements] == [
            "The team automates the deployments of models and keeps end-to-end tests green. An Entry-Level role "
            "learns this first; end-to-end checks matter."]

    def test_a_table_drawn_in_columns_reads_as_rows_with_wrapped_cells_joined(self):
        """Columns apart by wide gaps are a table's cells: each row one tab-separated item, a cell
        wrapped onto the next line ("625 hours; …", "hour)  hour)") joined to it, the header row the
        heading its rows sit under; the paragraph after the table stays a paragraph."""
        pytest.importorskip("reportlab")

        def draw(c):
            c.setFont("Helvetica-Bold", 14)
            c.drawString(72, 740, "Dive Crew Rate Schedule")
            c.setFont("Helvetica", 9)
            rows = [(716, ["Classification", "Minimum qualification", "Straight time (per", "Overtime (per"]),
                    (705, [None, None, "hour)", "hour)"]),
                    (690, ["Tender I", "Graduate of a diving program of at least", "$21.20", "$31.80"]),
                    (679, [None, "625 hours; entry-level card", None, None]),
                    (664, ["Lead Diver", "3 years as Diver", "$40.90", "$61.35"])]
            _draw_rows(c, rows, (72, 160, 380, 460))
            c.drawString(72, 640, "Overtime is paid at 1.5 times straight time after 40 hours in the week.")

        (page,) = read_document(pdf_bytes(draw), ".pdf", name="rates.pdf")
        assert [(el.kind, el.text) for el in page.elements] == [
            ("item", "Classification\tMinimum qualification\tStraight time (per hour)\tOvertime (per hour)"),
            ("item", "Tender I\tGraduate of a diving program of at least 625 hours; entry-level card\t$21.20\t$31.80"),
            ("item", "Lead Diver\t3 years as Diver\t$40.90\t$61.35"),
            ("paragraph", "Overtime is paid at 1.5 times straight time after 40 hours in the week.")]
        (doc,) = parse_source(pdf_bytes(draw), "rates.pdf")
        tender = next(b for b in doc.blocks if b.text.startswith("Tender I"))
        assert tender.section[-1] == "Classification\tMinimum qualification\tStraight time (per hour)\tOvertime (per hour)"

    def test_stat_boxes_side_by_side_pair_each_figure_with_its_label(self):
        """A line of big figures over centred, wrapped labels (a survey's stat boxes): each box one
        item, "label: figure"; the paragraph after them stays a paragraph."""
        pytest.importorskip("reportlab")

        def draw(c):
            c.setFont("Helvetica-Bold", 14)
            c.drawString(72, 740, "Esthetics Pay Survey 2026")
            c.setFont("Helvetica-Bold", 18)
            for x, figure in zip((120, 250, 380, 510), ("$46,380", "40%", "18%", "612")):
                c.drawCentredString(x, 700, figure)
            c.setFont("Helvetica", 8)
            for top, words in ((684, ("Median total pay,", "Median commission", "Typical tip, as a", "Estheticians")),
                               (675, ("full-time", "on commission plans", "share of the price", "who answered"))):
                for x, text in zip((120, 250, 380, 510), words):
                    c.drawCentredString(x, top, text)
            c.setFont("Helvetica", 8)
            c.drawString(72, 640, "Three pay plans cover almost everyone in the survey: hourly plus commission, "
                                  "commission only, and hourly only.")

        (page,) = read_document(pdf_bytes(draw), ".pdf", name="survey.pdf")
        assert [(el.kind, el.text) for el in page.elements] == [
            ("item", "Median total pay, full-time: $46,380"), ("item", "Median commission on commission plans: 40%"),
            ("item", "Typical tip, as a share of the price: 18%"), ("item", "Estheticians who answered: 612"),
            ("paragraph", "Three pay plans cover almost everyone in the survey: hourly plus commission, "
                          "commission only, and hourly only.")]

    def test_a_row_with_an_empty_cell_and_the_paragraph_under_a_table_stay_apart(self):
        """A row whose last cell is empty and holds no sum is a row, not the rest of the one above; a
        paragraph set at the text's line spacing under the table runs across its columns: no row."""
        pytest.importorskip("reportlab")

        def draw(c):
            c.setFont("Helvetica", 9)
            rows = [(716, ["Role", "Certification", "Years", "Notes"]),
                    (700, ["Tender", "ADCI entry-level", "0", "Surface only"]),
                    (684, ["Diver", "ADCI surface-supplied", "2", None]),
                    (672, ["Lead Diver", "ADCI surface-supplied", "5", "Rigging card"])]
            _draw_rows(c, rows, (72, 160, 330, 400))
            c.drawString(72, 660, "Rates are reviewed every January by the crew board, and changes take effect in March.")
            for n, (left, right) in enumerate([("Students in the program learn", "Graduates find work with marine"),
                                               ("surface-supplied diving and", "contractors along the coast and"),
                                               ("welding under water.", "inland on dams and bridges.")]):
                c.drawString(72, 600 - 11 * n, left)
                c.drawString(330, 600 - 11 * n, right)

        (page,) = read_document(pdf_bytes(draw), ".pdf", name="crew.pdf")
        texts = [el.text for el in page.elements]
        assert texts[:4] == ["Role\tCertification\tYears\tNotes", "Tender\tADCI entry-level\t0\tSurface only",
                             "Diver\tADCI surface-supplied\t2", "Lead Diver\tADCI surface-supplied\t5\tRigging card"], texts
        assert texts[4] == "Rates are reviewed every January by the crew board, and changes take effect in March.", texts
        assert not any("\t" in text for text in texts[5:]), texts  # two columns of prose are no table

    def test_a_table_whose_header_is_set_apart_from_its_columns_still_reads_as_rows(self):
        """Header cells centred over their columns start elsewhere than the data under them: a row with as
        many cells is still a row, and the data rows line the columns up."""
        pytest.importorskip("reportlab")

        def draw(c):
            c.setFont("Helvetica", 9)
            c.drawString(90, 716, "Position")
            c.drawString(236, 716, "Entry")
            c.drawString(330, 716, "Top step")
            _draw_rows(c, [(700, ["CT-1 Developmental Controller", "$57,491", "$59,987"]),
                           (686, ["CT-2 Specialist, Level I", "$71,261", "$79,643"])], (72, 230, 330))

        (page,) = read_document(pdf_bytes(draw), ".pdf", name="bands.pdf")
        assert [el.text for el in page.elements] == ["Position\tEntry\tTop step",
                                                     "CT-1 Developmental Controller\t$57,491\t$59,987",
                                                     "CT-2 Specialist, Level I\t$71,261\t$79,643"]

    def test_items_continue_over_lines_and_nest_by_indent(self):
        pytest.importorskip("reportlab")

        def draw(c):
            c.setFont("Helvetica", 10)
            rows = [(72, "Most teams hire about"), (72, "12. That is the count you need:"),
                    (72, "• Python and SQL for data"), (84, "pipelines at scale"),
                    (84, "– Airflow"), (84, "– dbt"), (72, "2) Communication"), (72, "A closing paragraph.")]
            for n, (x, text) in enumerate(rows):
                c.drawString(x, 700 - 14 * n - (6 if n in (2, 7) else 0), text)
        elements = read_document(pdf_bytes(draw), ".pdf", name="list.pdf")[0].elements
        assert [(el.kind, el.text, el.list_level, el.marker) for el in elements] == [
            ("paragraph", "Most teams hire about 12. That is the count you need:", 0, ""),
            ("item", "Python and SQL for data pipelines at scale", 0, "•"),
            ("item", "Airflow", 1, "•"), ("item", "dbt", 1, "•"),
            ("item", "Communication", 0, "2)"),
            ("paragraph", "A closing paragraph.", 0, "")]


class TestHtml:
    def test_page_chrome_is_gone(self, read):
        text = " ".join(el.text for p in read(".html") for el in p.elements)
        for chrome in ("We use cookies", "Accept all", "Jobs & Salaries", "Sign in", "Hiring MLOps talent",
                       "Related guides", "All rights reserved", "Share on X", "Subscribe", "Read the full guide",
                       "dataLayer", "logoAiPathly", "first image", "Home"):
            assert chrome not in text

    def test_title_from_head_without_site_name_when_there_is_no_h1(self):
        data = (b"<html><head><title>Data Engineer | Careers | Acme</title></head>"
                b"<body><h2>Pay</h2><p>Good.</p></body></html>")
        page = read_document(data, ".html")[0]
        assert page.title == "Data Engineer"
        assert [(el.kind, el.heading_level) for el in page.elements] == [("heading", 1), ("paragraph", None)]

    def test_tables_definition_lists_and_ordered_list_styles(self):
        data = b"""<html><body><main><h1>Pay</h1>
            <table><caption>Salaries</caption><tr><th>Level</th><th>Range</th></tr>
              <tr><td>Senior</td><td>$200,000</td></tr></table>
            <dl><dt>Remote</dt><dd>Yes</dd><dt>Visa:</dt><dd>No</dd></dl>
            <ol start="3" type="a"><li>third</li><li value="7">seventh</li></ol>
            <table><tr><td><p>Layout cell one.</p></td><td><h2>Side</h2></td></tr></table>
            Loose text <a href="#">with a link</a>.</main></body></html>"""
        elements = read_document(data, ".html")[0].elements
        assert [(el.kind, el.text, el.marker) for el in elements] == [
            ("paragraph", "Salaries", ""), ("item", "Level\tRange", ""), ("item", "Senior\t$200,000", ""),
            ("item", "Remote: Yes", "•"), ("item", "Visa: No", "•"),
            ("item", "third", "c."), ("item", "seventh", "g."),
            ("paragraph", "Layout cell one.", ""), ("heading", "Side", ""),
            ("paragraph", "Loose text with a link.", "")]

    def test_headers_inside_articles_hold_the_title(self):
        data = b"""<html><body><header><a href=/>Acme</a><nav>Menu</nav></header><main><article>
            <header><h1>Data Engineer</h1><p class="byline">Updated May 2024</p></header>
            <h2>Pay</h2><p>Good.</p><footer>Tags: data</footer></article></main></body></html>"""
        page = read_document(data, ".html")[0]
        assert page.title == "Data Engineer"
        assert [el.text for el in page.elements] == ["Updated May 2024", "Pay", "Good."]
        hero = (b"<html><body><header class=hero><h1>Data Engineer</h1><nav>Menu</nav></header>"
                b"<p>Body.</p></body></html>")
        assert read_document(hero, ".html")[0].title == "Data Engineer"

    def test_single_article_is_the_page_itself(self):
        data = b"<html><body><main><article><h1>Post</h1><h2>Part</h2><p>Body.</p></article></main></body></html>"
        pages = read_document(data, ".html")
        assert [(p.title, len(p.elements)) for p in pages] == [("Post", 2)]


class TestMarkdown:
    def test_front_matter_tables_code_and_setext(self):
        data = (b"---\ntitle: \"Data Engineer\"\ntags: [data]\n---\n# Data Engineer\n\nIntro **bold** "
                b"and [a link](http://x).\n\nPay\n---\n\n| Level | Range |\n|---|---|\n| Senior | $200k |\n\n"
                b"```\npip install x\n```\n\n3) third\n4) fourth\n   * nested\n")
        page = read_document(data, ".md")[0]
        assert page.title == "Data Engineer"
        assert [(el.kind, el.text, el.heading_level, el.list_level, el.marker) for el in page.elements] == [
            ("paragraph", "Intro bold and a link.", None, 0, ""),
            ("heading", "Pay", 1, 0, ""),
            ("item", "Level\tRange", None, 0, ""), ("item", "Senior\t$200k", None, 0, ""),
            ("paragraph", "pip install x", None, 0, ""),
            ("item", "third", None, 0, "3)"), ("item", "fourth", None, 0, "4)"), ("item", "nested", None, 1, "•")]

    def test_file_name_is_the_title_when_sections_share_the_top_level(self):
        page = read_document(b"# One\n\ntext\n\n# Two\n\nmore\n", ".md", name="two-parts.md")[0]
        assert page.title == "two parts"
        assert [el.text for el in page.elements if el.kind == "heading"] == ["One", "Two"]


class TestDocx:
    def test_tables_hand_made_headings_and_title(self):
        import docx

        document = docx.Document()
        document.add_paragraph("Data Engineer", style="Title")
        document.add_heading("Pay", level=1)
        document.add_paragraph().add_run("Benefits by level").bold = True
        table = document.add_table(rows=2, cols=2)
        for r, row in enumerate([("Level", "Range"), ("Senior", "$200k")]):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        document.add_paragraph("A sentence that is bold but ends with a stop.").runs[0].bold = True
        document.add_paragraph("first", style="List Number")
        document.add_paragraph("inner", style="List Bullet 2")
        buffer = io.BytesIO()
        document.save(buffer)
        page = read_document(buffer.getvalue(), ".docx")[0]
        assert page.title == "Data Engineer"
        assert [(el.kind, el.text, el.heading_level, el.list_level, el.marker) for el in page.elements] == [
            ("heading", "Pay", 1, 0, ""), ("heading", "Benefits by level", 2, 0, ""),
            ("item", "Level\tRange", None, 0, ""), ("item", "Senior\t$200k", None, 0, ""),
            ("paragraph", "A sentence that is bold but ends with a stop.", None, 0, ""),
            ("item", "first", None, 0, "1."), ("item", "inner", None, 1, "•")]


def test_variants_are_deterministic(tmp_path, variants):
    again = load_make_variants().build_variants(tmp_path)
    for suffix, path in again.items():
        assert path.read_bytes() == variants[suffix].read_bytes(), suffix


# ---------------------------------------------------------------- files that can't be read

@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_unreadable_files_fail_with_a_clear_message(name, variants, tmp_path):
    make, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(make(variants))
    with pytest.raises(UnreadableDocument) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(name + " ") and reason in message
    assert isinstance(info.value, ValueError) and info.value.name == name


def test_bytes_need_a_known_suffix_and_are_named_in_errors():
    with pytest.raises(UnreadableDocument, match=r"^upload\.pdf is not a PDF file"):
        read_document(b"hello", ".pdf", name="upload.pdf")
    with pytest.raises(UnreadableDocument, match="file type"):
        read_document(b"hello", ".rtf")


# ---------------------------------------------------------------- into Documents (parsing.document_from_elements)

@pytest.mark.parametrize("suffix", FORMATS)
def test_documents_have_the_blocks_of_the_text_parse(variants, text_docs, suffix):
    """Every format gives the .txt's documents, ids and blocks (kind, text, section path, list depth
    and list grouping); only the list markers differ. The AI/ML Software Engineer card is the one
    exception: the web page shows its sections as bold labels of list items, the scrape as headings."""
    docs = parse_source(variants[suffix].read_bytes(), "machine-learning-devops-manager-career-guide" + suffix)
    assert [d.doc_id for d in docs] == [d.doc_id for d in text_docs]
    for got, want in zip(docs, text_docs):
        assert got.title == want.title and got.aliases == want.aliases
        if want.title == "AI/ML Software Engineer":
            continue
        assert [(b.kind, b.text, b.section, b.level, b.list_id) for b in got.blocks] == \
               [(b.kind, b.text, b.section, b.level, b.list_id) for b in want.blocks], want.title
        for block in got.blocks:
            assert got.text[block.start:block.end] == block.text
            assert (block.page is not None) == (suffix == ".pdf")


def test_document_from_elements_renders_like_the_parser():
    elements = [Element("paragraph", "Intro text.", page=1), Element("heading", "Pay", heading_level=1, page=1),
                Element("item", "Junior: $1", marker="1.", page=1), Element("item", "bonus", list_level=1, marker="•",
                                                                          page=2),
                Element("item", "Senior: $2", marker="2.", page=2), Element("item", "a bullet", marker="•", page=2),
                Element("heading", "Details", heading_level=2, page=2), Element("paragraph", "More.", page=3)]
    doc = document_from_elements(elements, "Role", "role.pdf", "role")
    assert doc.text == ("Role\n\nIntro text.\n\nPay\n\n1. Junior: $1\n  • bonus\n2. Senior: $2\n• a bullet\n\n"
                        "Details\n\nMore.\n")
    assert [(b.kind, b.section, b.level, b.list_id, b.page) for b in doc.blocks] == [
        ("paragraph", ("Overview",), 0, -1, 1), ("heading", ("Pay",), 0, -1, 1),
        ("item", ("Pay",), 0, 0, 1), ("item", ("Pay",), 1, 1, 2), ("item", ("Pay",), 0, 0, 2),
        ("item", ("Pay",), 0, 2, 2), ("heading", ("Pay", "Details"), 0, -1, 2),
        ("paragraph", ("Pay", "Details"), 0, -1, 3)]
    assert all(doc.text[b.start:b.end] == b.text for b in doc.blocks)
    assert document_from_elements([Element("heading", "Only", heading_level=1)], "T", "t.md", "t") is None


CARDS = """# Data Careers

## Overview

Data careers are many.

## Related Roles

### Data Analyst

A Data Analyst turns data into answers.

- SQL
- Dashboards

### Data Engineer

The Data Engineer builds pipelines.

#### Tools

- Airflow
"""


def test_cards_under_a_heading_become_pages():
    pages = read_document(CARDS.encode(), ".md")
    assert [p.title for p in pages] == ["Data Careers", "Data Analyst", "Data Engineer"]
    assert [el.text for el in pages[0].elements] == ["Overview", "Data careers are many.", "Related Roles"]
    assert [(el.kind, el.text, el.heading_level) for el in pages[2].elements] == [
        ("paragraph", "The Data Engineer builds pipelines.", None), ("heading", "Tools", 1), ("item", "Airflow", None)]


@pytest.mark.parametrize("change", [
    ("A Data Analyst turns", "Analysts turn"),  # one card doesn't introduce itself
    ("\n- SQL\n- Dashboards\n", ""),  # one card is only its introduction
    ("### Data Engineer", "## Data Engineer"),  # only one card under the heading
])
def test_ordinary_sections_stay_in_the_page(change):
    pages = read_document(CARDS.replace(*change).encode(), ".md")
    assert [p.title for p in pages] == ["Data Careers"]


TABLE_PAGES = {
    "pay.txt": "Medic Pay\n\nMedics treat patients on the way to hospital.\n\nPay by state\n\nState\tAnnual wage\tHourly wage\nWashington\t$55,870\t$26.86\n"
               "Alaska\t$54,420\t$26.16\n\nState figures are annual mean wages.\n\nOutlook\n\nJobs grow.\n",
    "pay.md": "# Medic Pay\n\n## Pay by state\n\n| State | Annual wage | Hourly wage |\n|---|---|---|\n"
              "| Washington | $55,870 | $26.86 |\n| Alaska | $54,420 | $26.16 |\n",
    "pay.html": "<html><body><h1>Medic Pay</h1><h2>Pay by state</h2><table><thead><tr><th>State</th>"
                "<th>Annual wage</th><th>Hourly wage</th></tr></thead><tr><td>Washington</td><td>$55,870</td>"
                "<td>$26.86</td></tr><tr><td>Alaska</td><td>$54,420</td><td>$26.16</td></tr></table></body></html>",
}


@pytest.mark.parametrize("name", TABLE_PAGES)
def test_a_table_reads_alike_in_every_format(name):
    """Rows are items under their header row, as a text file's tab-separated table: each row keeps
    its cells together ("$26.86" alone would say nothing) and the header names the columns."""
    (doc,) = parse_source(TABLE_PAGES[name].encode(), name)
    rows = [(b.kind, b.text, b.section) for b in doc.blocks if "Washington" in b.text or "Alaska" in b.text]
    header = ("Pay by state", "State\tAnnual wage\tHourly wage")
    assert rows == [("item", "Washington\t$55,870\t$26.86", header), ("item", "Alaska\t$54,420\t$26.16", header)]


def test_an_unmarked_heading_in_a_markdown_page_is_a_subsection():
    """A page saved as Markdown with some headings unmarked: "Important Qualities" sits under the
    "## How to Become One" before it, and the next "## Job Outlook" is a section of the page again."""
    text = ("# Welders\n\nWelders join metal parts with heat and filler metal in shops and on sites.\n\n"
            "## How to Become One\n\nMost welders finish a certificate program and then train on the job.\n\n"
            "Important Qualities\n\n- Detail oriented. A bad weld can fail under load.\n\n"
            "## Job Outlook\n\nAbout 45,000 openings for welders are projected each year.\n")
    (doc,) = parse_source(text.encode(), "welders.txt")
    sections = {b.text[:20]: b.section for b in doc.blocks if b.kind != "heading"}
    assert sections["Detail oriented. A b"] == ("How to Become One", "Important Qualities")
    assert sections["About 45,000 opening"] == ("Job Outlook",)


def test_markdown_fact_lines_are_items_and_the_heading_under_a_link_bar_is_the_title():
    data = (b"Acme College | Apply Now | Visit\n\nHome > Programs > Welding\n\n# Welding Certificate\n\n"
            b"**Program length:** 10 months, full time\n**Tuition:** $6,480 in-district\n\n"
            b"## Courses\n\nStudents weld plate and pipe in every position before they graduate.\n")
    page = read_document(data, ".md", name="welding.md")[0]
    assert page.title == "Welding Certificate"  # the link bar and breadcrumb above it go with it
    assert [(el.kind, el.text) for el in page.elements[:2]] == [
        ("item", "Program length: 10 months, full time"), ("item", "Tuition: $6,480 in-district")]
    prose = read_document(b"# T\n\n## A\n\nOne line of prose\nwraps onto a second line.\n", ".md", name="t.md")[0]
    assert [el.text for el in prose.elements if el.kind == "paragraph"] == ["One line of prose wraps onto a second line."]


def test_two_tables_one_after_the_other_keep_their_own_headers():
    html = ("<html><body><h1>Pay</h1><h2>By place</h2><table><tr><th>State</th><th>Wage</th></tr><tr><td>Ohio</td>"
            "<td>$5</td></tr></table><table><tr><th>City</th><th>Wage</th></tr><tr><td>Akron</td><td>$6</td></tr>"
            "</table></body></html>")
    (doc,) = parse_source(html.encode(), "p.html")
    rows = {b.text: b.section[-1] for b in doc.blocks if b.kind == "item"}
    assert rows == {"Ohio\t$5": "State\tWage", "Akron\t$6": "City\tWage"}


def test_a_link_bar_with_middle_dots_goes_with_the_markdown_title():
    data = ("[HireLane for Employers](https://example.test/) · Post a Job · Pricing · Resources · Sign in\n\n"
            "Home › Resources › Templates › Truck Driver\n\n# CDL-A Truck Driver Job Description Template\n\n"
            "Drivers haul freight between terminals and customers.\n\n© 2025 HireLane, Inc. All rights reserved.\n")
    (doc,) = parse_source(data.encode(), "truck-driver.md")
    assert doc.title == "CDL-A Truck Driver Job Description Template"
    assert doc.publisher == "HireLane"


def test_html_stat_cards_keep_their_labels_and_a_slash_breadcrumb_goes():
    html = ("<html><body><main><div class='crumbs'><a href='/c'>Best Cities</a> / <a href='/t'>Transportation</a>"
            " / Truck Drivers</div><h1>Best Cities for Truck Drivers</h1><div class='cards'>"
            "<div class='card'><div>$52,370</div><div>Median pay (2022)</div></div>"
            "<div class='card'><div>Median hourly pay (2022)</div><div>$25.18</div></div></div>"
            "<p>Drivers in midsize cities take home more after rent.</p>"
            "<p>We use cookies to improve your experience. By clicking Accept you agree.</p></main></body></html>")
    (doc,) = parse_source(html.encode(), "cities.html")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("item", "$52,370\nMedian pay (2022)"), ("item", "Median hourly pay (2022)\n$25.18"),
        ("paragraph", "Drivers in midsize cities take home more after rent.")]


def test_a_postings_details_box_keeps_each_value_with_its_label():
    """"Closing Date" over "2/16/2026 11:59 PM Eastern", field after field: each value an item with
    its label; a heading over one short paragraph is no details box."""
    fields = "".join(f"<div><p>{label}</p><p>{value}</p></div>" for label, value in (
        ("Job Type", "Full-Time"), ("Opening Date", "01/26/2026"), ("Closing Date", "2/16/2026 11:59 PM Eastern")))
    html = (f"<html><body><main><h1>Crime Scene Investigator</h1>{fields}<p>Overview</p>"
            "<p>Investigators process scenes.</p></main></body></html>")
    (doc,) = parse_source(html.encode(), "posting.html")
    assert [(b.kind, b.text) for b in doc.blocks][:3] == [
        ("item", "Job Type\nFull-Time"), ("item", "Opening Date\n01/26/2026"),
        ("item", "Closing Date\n2/16/2026 11:59 PM Eastern")]
    assert ("paragraph", "Investigators process scenes.") in [(b.kind, b.text) for b in doc.blocks]


def test_facts_above_a_markdown_title_are_kept():
    page = read_document(b"Salary: $50,000\n\n# Welder\n\n## Pay\n\nWelders weld.\n", ".md", name="w.md")[0]
    assert "Salary: $50,000" in [el.text for el in page.elements]


def test_an_inactive_tab_panel_and_a_quick_facts_aside_are_content_while_other_hidden_boxes_and_asides_go():
    html = ("<html><body><main><h1>X-Ray Tech Salary</h1>"
            "<div role='tabpanel' id='p-annual'><p>Median annual pay is $73,460.</p></div>"
            "<div role='tabpanel' id='p-hourly' hidden><p>Median hourly pay is $35.32.</p></div>"
            "<div hidden><p>Loading offers...</p></div></main>"
            "<aside aria-label='Quick facts'><h2>Quick facts</h2><ul><li>Night shift differential: $3.10 an hour</li></ul>"
            "<h3>Related salaries</h3><ul><li><a href='/a'>MRI Technologist</a></li><li><a href='/b'>Sonographer</a></li>"
            "<li><a href='/c'>Nuclear Medicine Technologist</a></li></ul></aside>"
            "<aside><h2>Related salaries</h2><ul><li><a href='/mri'>MRI tech salary</a></li></ul></aside>"
            "</body></html>")
    (doc,) = parse_source(html.encode(), "xray.html")
    assert "Median hourly pay is $35.32." in doc.text  # shown when its tab is clicked
    assert "Night shift differential: $3.10 an hour" in doc.text
    assert "Loading offers" not in doc.text and "MRI tech salary" not in doc.text
    assert "Nuclear Medicine" not in doc.text and "Related salaries" not in doc.text  # a list of links is navigation


def test_html_stat_tiles_pair_within_their_box_when_labels_come_first():
    # label first in every tile: read by the text rules alone, "$61,730" would pair with the next tile's label
    html = ("<html><body><main><h1>Surgical Technologist Salary</h1><section class='tiles'>"
            "<div class='tile'><div>Median salary, May 2023</div><div>$61,730</div></div>"
            "<div class='tile'><div>Median hourly wage</div><div>$29.68</div></div>"
            "<div class='tile'><div>Jobs in 2023</div><div>118,700</div></div></section>"
            "<div class='card'><span>9:45 p.m.–6:15 a.m.</span> <span>Shift, four nights on</span></div>"
            "</main></body></html>")
    (doc,) = parse_source(html.encode(), "salary.html")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("item", "Median salary, May 2023\n$61,730"), ("item", "Median hourly wage\n$29.68"),
        ("item", "Jobs in 2023\n118,700"), ("paragraph", "9:45 p.m.–6:15 a.m. Shift, four nights on")]


def test_a_percentile_table_header_with_an_empty_corner_heads_its_rows():
    html = ("<html><body><main><h1>Surgical Technologist Salary</h1><h2>Salary range</h2><table>"
            "<thead><tr><td></td><td>10%</td><td>25%</td><td>Median</td><td>75%</td><td>90%</td></tr></thead>"
            "<tbody><tr><td>Hourly</td><td>$21.28</td><td>$24.56</td><td>$29.68</td><td>$34.80</td><td>$40.84</td></tr>"
            "<tr><td>Annual</td><td>$44,260</td><td>$51,090</td><td>$61,730</td><td>$72,380</td><td>$84,950</td></tr>"
            "</tbody></table></main></body></html>")
    (doc,) = parse_source(html.encode(), "salary.html")
    rows = {b.text.split("\t")[0]: b.section[-1] for b in doc.blocks if b.kind == "item"}
    assert rows == {"Hourly": "10%\t25%\tMedian\t75%\t90%", "Annual": "10%\t25%\tMedian\t75%\t90%"}


def test_a_two_row_table_header_reads_as_one_row_naming_each_column():
    """ "Wage type" down both header rows beside "Percentile" across five: the rows are headed by
    "Wage type  10% … 90%", not by "Percentile" with the percentiles read as a row of their own."""
    html = ("<html><body><main><h1>Glaziers</h1><h2>Percentile wages</h2><table><thead>"
            "<tr><th rowspan='2'>Wage type</th><th colspan='5'>Percentile</th></tr>"
            "<tr><th>10%</th><th>25%</th><th>50%<br>(Median)</th><th>75%</th><th>90%</th></tr></thead>"
            "<tbody><tr><th scope='row'>Hourly Wage</th><td>$18.02</td><td>$21.90</td><td>$27.15</td>"
            "<td>$33.60</td><td>$41.25</td></tr></tbody></table></main></body></html>")
    (doc,) = parse_source(html.encode(), "glaziers.html")
    rows = [(b.section[-1], b.text) for b in doc.blocks if b.kind == "item"]
    assert rows == [("Wage type\t10%\t25%\t50% (Median)\t75%\t90%", "Hourly Wage\t$18.02\t$21.90\t$27.15\t$33.60\t$41.25")]


def test_a_two_row_header_keeps_the_group_of_a_lower_cell_said_under_several_groups():
    """ "Base" and "Bonus" under "Life" and again under "Pension": each column keeps its group."""
    html = ("<html><body><main><h1>Actuary pay</h1><h2>By exam stage</h2><table><thead>"
            "<tr><th rowspan='2'>Exam stage</th><th colspan='2'>Life</th><th colspan='2'>Pension</th></tr>"
            "<tr><th>Base</th><th>Bonus</th><th>Base</th><th>Bonus</th></tr></thead>"
            "<tbody><tr><td>Associate</td><td>$120,400</td><td>$9,100</td><td>$112,800</td><td>$6,050</td></tr>"
            "</tbody></table></main></body></html>")
    (doc,) = parse_source(html.encode(), "actuaries.html")
    rows = [(b.section[-1], b.text) for b in doc.blocks if b.kind == "item"]
    assert rows == [("Exam stage\tLife Base\tLife Bonus\tPension Base\tPension Bonus",
                     "Associate\t$120,400\t$9,100\t$112,800\t$6,050")]


def test_a_title_row_spanning_every_column_stays_a_title_over_the_header():
    html = ("<html><body><main><h1>Program</h1><h2>Costs</h2><table><thead>"
            "<tr><th colspan='3'>Tuition and fees, 2025-26</th></tr>"
            "<tr><th>Item</th><th>Resident</th><th>Nonresident</th></tr></thead>"
            "<tbody><tr><td>Tuition</td><td>$5,910</td><td>$11,240</td></tr></tbody></table></main></body></html>")
    (doc,) = parse_source(html.encode(), "program.html")
    assert any("Tuition and fees, 2025-26" in b.text or "Tuition and fees, 2025-26" in b.section for b in doc.blocks)


def test_markdown_bold_question_lines_head_their_answers_and_an_empty_table_header_heads_nothing():
    data = ("# Fire Academy\n\n| | |\n|---|---|\n| Award | Certificate of Achievement |\n| Length | 18 weeks |\n"
            "| Tuition | $5,480 |\n\n## FAQ\n\n**What is the CPAT?**\nThe Candidate Physical Ability Test is a timed course "
            "of eight events.\n\n**Is there an upper age limit?**\nNo. Departments set their own rules.\n\n"
            "**Application deadline:** Applications close on November 14.\n")
    (doc,) = parse_source(data.encode(), "academy.md")
    blocks = [(b.kind, b.section, b.text) for b in doc.blocks]
    assert ("item", ("Overview",), "Award\tCertificate of Achievement") in blocks  # a row, not a header
    assert ("paragraph", ("FAQ", "What is the CPAT?"),
            "The Candidate Physical Ability Test is a timed course of eight events.") in blocks
    assert ("paragraph", ("FAQ", "Is there an upper age limit?"), "No. Departments set their own rules.") in blocks
    # a bold label that runs on into its value is a line of text, not a heading
    assert [b.kind for b in doc.blocks if b.text.startswith("Application deadline")] == ["paragraph"]
    assert not any("Application deadline" in part for b in doc.blocks for part in b.section)


@pytest.mark.parametrize("name, data", [
    ("academy.md", "# Academy\n\n## Schedule\n\n| Cohort | Days | Times |\n|---|---|---|\n"
                   "| Day | Mon–Thu | 8:00 a.m.–12:30 p.m. |\n| Evening | Mon–Wed | 5:30 p.m.–9:30 p.m. |\n"),
    ("academy.html", "<html><body><main><h1>Academy</h1><h2>Schedule</h2><table><thead><tr><th>Cohort</th><th>Days</th>"
                     "<th>Times</th></tr></thead><tbody><tr><td>Day</td><td>Mon–Thu</td><td>8:00 a.m.–12:30 p.m.</td></tr>"
                     "<tr><td>Evening</td><td>Mon–Wed</td><td>5:30 p.m.–9:30 p.m.</td></tr></tbody></table></main></body></html>"),
])
def test_a_header_row_the_markup_marks_heads_its_rows_even_without_figures(name, data):
    (doc,) = parse_source(data.encode(), name)
    rows = [(b.kind, b.section[-1], b.text) for b in doc.blocks if "\t" in b.text]
    assert ("heading", "Cohort\tDays\tTimes", "Cohort\tDays\tTimes") in rows
    assert ("item", "Cohort\tDays\tTimes", "Evening\tMon–Wed\t5:30 p.m.–9:30 p.m.") in rows


def test_a_markdown_menu_written_as_a_list_of_links_goes_with_the_title():
    data = ("Skip to main content\n\n- [Home](/)\n- [Programs](/programs)\n- [Tuition & Aid](/aid)\n- [Contact](/contact)\n\n"
            "# Glazing Technology Certificate\n\nThe certificate prepares you for an apprenticeship installing curtain wall "
            "and storefront glass.\n\n## Costs\n\nTuition is $4,850.\n")
    (doc,) = parse_source(data.encode(), "glazing-program.md")
    assert doc.title == "Glazing Technology Certificate"
    assert [b.text for b in doc.blocks if b.kind != "heading"] == [
        "The certificate prepares you for an apprenticeship installing curtain wall and storefront glass.",
        "Tuition is $4,850."]


def test_an_accordion_question_heads_its_answer_in_a_saved_html_page():
    html = ("<html><body><main><h1>Glazier Apprenticeship <button>Save</button></h1><p>A four-year paid apprenticeship.</p><h2>FAQ</h2>"
            "<h3><button aria-expanded='false' aria-controls='a1'>Do apprentices get paid during class weeks?</button></h3>"
            "<div id='a1'><p>Yes. Every classroom evening is paid.</p></div>"
            "<button aria-expanded='false'>Menu</button></main></body></html>")
    (doc,) = parse_source(html.encode(), "apprenticeship.html")
    answer = next(b for b in doc.blocks if b.text == "Yes. Every classroom evening is paid.")
    assert answer.section == ("FAQ", "Do apprentices get paid during class weeks?")
    assert not any("Menu" in b.text for b in doc.blocks)  # a site control, not a question
    assert doc.title == "Glazier Apprenticeship"  # a "Save" button beside the title is no part of it


def test_a_yearly_hourly_switch_is_no_title_or_section():
    data = ("Glazier Salary in the United States\n\n$48,310\nAverage base salary\n\nYearly   Hourly\n\n"
            "Pay range: $36,900 - $61,800\n\nHourly pay for glaziers averages $23.23 and yearly pay averages $48,310; hourly "
            "rates rise with experience and yearly earnings with overtime.\n")
    (doc,) = parse_source(data.encode(), "glazier-salary.txt")
    assert doc.title == "Glazier Salary in the United States"
    assert not any("Yearly" in part for b in doc.blocks for part in b.section)
    table = "Glazier Pay\n\nPay by percentile\n\nPercentile\tHourly\tAnnual\nMedian\t$23.23\t$48,310\n"
    (doc,) = parse_source(table.encode(), "glazier-pay.txt")
    assert any(b.text == "Median\t$23.23\t$48,310" for b in doc.blocks)  # a table's header row is no switch


def test_documentation_site_markdown_reads_admonitions_tabs_and_cards_under_their_titles():
    data = ("# Become a Deckhand #\n\n:material-ferry: *Marine careers · Page updated May 2, 2025*\n\n"
            "[Apply now](/apply){ .md-button .md-button--primary }\n\n"
            "<div class=\"grid cards\" markdown>\n\n-   :material-cash:{ .lg } **Starting pay**\n\n    ---\n\n"
            "    **$24.10 an hour** in the first season.\n\n</div>\n\n"
            "## Pay and premiums {#pay}\n\n=== \"Pay scale\"\n\n    | Season | Per hour |\n    |---|---|\n"
            "    | 1 | $24.10 |\n    | 2 | $26.35 |\n\n=== \"Premiums\"\n\n    - Night crossing: **+$1.80** an hour\n"
            "    - Relief captain: **+$3.05** an hour\n\n"
            "??? tip \"What to bring to orientation\"\n    - a photo ID\n    - steel-toe boots\n\n"
            "!!! note\n    Wages are set by the 2025 crew agreement.\n\n"
            "## Questions\n\n??? question \"Do I need a TWIC card?\"\n    Yes. You must hold one before your first sailing.\n\n"
            "*[TWIC]: Transportation Worker Identification Credential\n")
    (doc,) = parse_source(data.encode(), "deckhand.md")
    blocks = [(b.kind, b.section, b.text) for b in doc.blocks]
    assert doc.title == "Become a Deckhand"
    # a tab's indented table and list are Markdown under the tab's title, not one code block
    assert ("item", ("Pay and premiums", "Pay scale", "Season\tPer hour"), "2\t$26.35") in blocks
    assert ("item", ("Pay and premiums", "Premiums"), "Night crossing: +$1.80 an hour") in blocks
    assert ("item", ("Pay and premiums", "What to bring to orientation"), "steel-toe boots") in blocks
    # an FAQ admonition's title heads its answer; an untitled note is titled by its kind, as the site shows it
    assert ("paragraph", ("Questions", "Do I need a TWIC card?"), "Yes. You must hold one before your first sailing.") in blocks
    assert ("paragraph", ("Pay and premiums", "Note"), "Wages are set by the 2025 crew agreement.") in blocks
    # attribute lists, heading ids, icon shortcodes and abbreviation definitions are furniture
    assert "{" not in doc.text and ":material-" not in doc.text and "*[TWIC]" not in doc.text
    assert ("item", ("Overview",), "Starting pay $24.10 an hour in the first season.") in blocks
    assert "Apply now" in doc.text and "Pay and premiums" in [b.text for b in doc.blocks if b.kind == "heading"]


def test_a_script_free_accordions_questions_head_their_answers_and_short_cards_stay_on_the_page():
    data = ("<html><head><title>Deckhand Salary | PayScope</title></head><body><main><h1>Deckhand Salary</h1>"
            "<div class='cards'><article class='card'><h3>Average base pay</h3><p>$24.10 an hour</p></article>"
            "<article class='card'><h3>Projected job growth</h3><p>6%</p></article></div>"
            "<p>Deckhands on ferries and tugs report average base pay of $24.10 an hour.</p>"
            "<h2>FAQ</h2><div class='faq'><div class='item'><input type='checkbox' id='q1'>"
            "<label for='q1'>Is deckhand work seasonal?</label><div class='answer'><p>On northern lakes it is: "
            "most boats lay up from December to March.</p></div></div></div>"
            "<form><input type='checkbox' id='news'><label for='news'>Email me new salary data</label></form>"
            "</main></body></html>")
    (page,) = parse_source(data.encode(), "deckhand.html")
    blocks = [(b.kind, b.section, b.text) for b in page.blocks]
    assert ("paragraph", ("FAQ", "Is deckhand work seasonal?"),
            "On northern lakes it is: most boats lay up from December to March.") in blocks
    assert ("paragraph", ("Average base pay",), "$24.10 an hour") in blocks  # a stat tile, not a page of its own
    assert "Email me new salary data" not in page.text  # a form's label is a control


def test_a_cell_spanning_rows_names_each_row_it_spans_and_its_figures_are_that_occupations():
    data = ("<html><body><main><h1>Deckhand Salary</h1><h2>How it compares</h2><table><thead><tr><th>Occupation</th>"
            "<th>Measure</th><th>Figure</th></tr></thead><tbody>"
            "<tr><th scope='rowgroup' rowspan='2'>Deckhands</th><td>Federal median wage, May 2024</td><td>$41,230</td></tr>"
            "<tr><td>Projected growth, 2024–2034</td><td>4%</td></tr>"
            "<tr><th scope='rowgroup' rowspan='2'>Ship engineers</th><td>Federal median wage, May 2024</td><td>$83,370</td></tr>"
            "<tr><td>Projected growth, 2024–2034</td><td>6%</td></tr></tbody></table></main></body></html>")
    (page,) = parse_source(data.encode(), "deckhand.html")
    rows = [b.text for b in page.blocks if b.kind == "item"]
    assert rows == ["Deckhands\tFederal median wage, May 2024\t$41,230", "Deckhands\tProjected growth, 2024–2034\t4%",
                    "Ship engineers\tFederal median wage, May 2024\t$83,370", "Ship engineers\tProjected growth, 2024–2034\t6%"]


def test_a_short_card_about_another_occupation_stays_a_page_of_its_own():
    data = ("<html><body><main><h1>Deckhand Salary</h1><p>Deckhands earn a median of $41,230 a year.</p>"
            "<h2>Related careers</h2><article><h3>Ferry mechanics</h3><p>Median pay: $62,100 a year</p></article>"
            "<article><h3>Ship engineers</h3><p>Median pay: $83,370 a year</p></article></main></body></html>")
    pages = parse_source(data.encode(), "deckhand.html")
    assert [p.title for p in pages] == ["Deckhand Salary", "Ferry mechanics", "Ship engineers"]


OLD_SITE = """<html><head><title>Glaziers Local 77 - Wage Rates</title></head><body bgcolor="#FFFFFF">
<table width="780"><tr>
<td width="170" bgcolor="#E6E9EF"><table>
  <tr><td><font size="2"><b>UNION HALL</b></font><br><font size="1">12 Main St (example)<br>
  Office hours:<br>Mon - Fri 7:00 AM - 3:30 PM</font></td></tr>
  <tr><td><font size="2"><b>MEETINGS</b></font><br><font size="1">Second Tuesday, 7:00 PM.</font></td></tr>
</table></td>
<td width="610">
<font size="4"><b>WAGE RATES</b></font><br>
<font size="2">Rates shown in red have changed since June 1, 2024.</font><br><br>
<table border="1">
  <tr><td rowspan="2"><b>Classification</b></td><td rowspan="2"><b>Base Rate</b></td>
      <td colspan="2"><b>Fringes</b></td><td rowspan="2"><b>Total Package</b></td></tr>
  <tr><td><b>Health &amp; Welfare</b></td><td><b>Pension</b></td></tr>
  <tr><td>Journeyman Glazier</td><td>$34.08</td><td>$9.48</td><td>$7.35</td><td>$50.91</td></tr>
</table><br>
<font size="2">
&nbsp;&middot;&nbsp; <b>Foreman</b> - $2.30 per hour over the journeyman base rate.<br>
&nbsp;&middot;&nbsp; <b>Subsistence</b> - Jobs more than 60 miles from the Hall pay $52 per day.<br>
</font><br><br>
<font size="3"><b>HOURS OF WORK</b></font><br>
<font size="2">The normal work day is 8 hours between 6:00 AM and 4:30 PM.</font>
</td></tr></table></body></html>"""


def test_an_old_page_laid_out_with_br_lines_reads_as_headings_items_and_paragraphs():
    """A FrontPage-era page: no headings, lists or paragraphs, only <font>, <b> and <br>. Each
    <br> line is a line of its own: a bold short line titles a section, a typed "·" makes an item,
    "Office hours:" over its value is one line, and a bold two-row header names the columns."""
    (doc,) = parse_source(OLD_SITE.encode(), "rates.html")
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings[:3] == ["UNION HALL", "MEETINGS", "WAGE RATES"] and "HOURS OF WORK" in headings
    items = [b.text for b in doc.blocks if b.kind == "item"]
    assert "Foreman - $2.30 per hour over the journeyman base rate." in items
    assert "Subsistence - Jobs more than 60 miles from the Hall pay $52 per day." in items
    assert "Office hours: Mon - Fri 7:00 AM - 3:30 PM" in [b.text for b in doc.blocks]
    assert "Journeyman Glazier\t$34.08\t$9.48\t$7.35\t$50.91" in items
    assert any("Health & Welfare\tPension\tTotal Package" in b.text for b in doc.blocks if b.kind == "heading")
    hours = next(b for b in doc.blocks if b.text.startswith("The normal work day"))
    assert hours.section == ("HOURS OF WORK",)  # a sibling of the other line titles, not nested under them


def test_a_raw_html_table_in_markdown_gives_one_row_item_per_row():
    """A blog post's ranking table written as raw <table> inside the Markdown: its rows are rows,
    not one line of every cell's words."""
    data = ("# Funeral Director Salary by State\n\n## States 6 to 7\n\n<table class=\"rank-table\">\n"
            "<thead><tr><th>Rank</th><th>State</th><th>Median pay</th></tr></thead>\n"
            "<tbody><tr><td>6</td><td>Illinois</td><td>$73,260</td></tr>\n"
            "<tr><td>7</td><td>North Dakota</td><td>$72,890</td></tr></tbody>\n</table>\n\n"
            "Texas pays the least.\n")
    (doc,) = parse_source(data.encode(), "salary.md")
    rows = [b.text for b in doc.blocks if b.kind == "item"]
    assert rows == ["6\tIllinois\t$73,260", "7\tNorth Dakota\t$72,890"]


def test_a_line_break_in_a_modern_page_does_not_cut_a_sentence_or_make_a_heading():
    """One <br> in a box is a line break: a sentence goes on across it, a bold name over an address
    titles nothing, and a one-column table with a header cell stays a table."""
    html = ("<html><body><main><h1>Welding Jobs</h1><div>Applications close on<br>June 30, 2025 at noon.</div>"
            "<div><strong>Acme Welding Co</strong><br>12 Main St</div>"
            "<table><tr><th>Certifications</th></tr><tr><td>AWS D1.1</td></tr><tr><td>AWS D1.5</td></tr></table>"
            "</main></body></html>")
    (doc,) = parse_source(html.encode(), "jobs.html")
    texts = [(b.kind, b.text) for b in doc.blocks]
    assert ("paragraph", "Applications close on June 30, 2025 at noon.") in texts
    assert not any(kind == "heading" for kind, _ in texts)
    assert ("item", "AWS D1.1") in texts and ("item", "AWS D1.5") in texts


def test_a_raw_html_table_cut_by_a_blank_line_and_a_comment_in_markdown():
    data = ("# Fees by State\n\n<table>\n<tr><th>State</th><th>Fee</th></tr>\n<tr><td>Ohio</td><td>$5</td></tr>\n\n"
            "<tr><td>Iowa</td><td>$6</td></tr>\n</table>\n\n"
            "<div><!-- draft: remove before publishing -->Our picks<ul><li>One</li><li>Two</li></ul></div>\n")
    (doc,) = parse_source(data.encode(), "fees.md")
    items = [b.text for b in doc.blocks if b.kind == "item"]
    assert items[:2] == ["Ohio\t$5", "Iowa\t$6"] and "draft" not in doc.text


def test_a_wiki_infobox_keeps_each_label_with_its_value_and_headings_lose_their_edit_links():
    """A wiki article: the infobox's label and value cells are one row each, its picture row goes,
    and "[edit]" after a heading is the edit link, not part of the heading."""
    data = ("<html><body><h1>Glassblower</h1><table class=\"infobox\"><caption>Glassblower</caption>"
            "<tr><td colspan=\"2\"><img src=\"a.jpg\"><div>A glassblower at the bench</div></td></tr>"
            "<tr><th colspan=\"2\">Occupation</th></tr>"
            "<tr><th scope=\"row\">Names</th><td>Glassblower, glass artist</td></tr>"
            "<tr><th scope=\"row\">Median pay</th><td>$41,250 per year (May 2024)<sup>[1]</sup></td></tr>"
            "<tr><th scope=\"row\">Employment</th><td>2,940 (2024)</td></tr></table>"
            "<p>A glassblower shapes molten glass into vessels and art pieces for studios and shops.</p>"
            "<h2><span>Pay</span><span class=\"editsection\">[<a href=\"/edit\">edit</a>]</span></h2>"
            "<p>Pay depends on the studio and the season, and most glassblowers are paid by the hour.</p>"
            "</body></html>")
    (doc,) = parse_source(data.encode(), "glassblower.html")
    items = [b.text for b in doc.blocks if b.kind == "item"]
    assert items == ["Names\tGlassblower, glass artist", "Median pay\t$41,250 per year (May 2024)[1]",
                     "Employment\t2,940 (2024)"]
    assert "A glassblower at the bench" not in doc.text
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Pay"]


def _draw_rows(c, rows, columns) -> None:
    """Draw a table's rows, (y, cell texts), each cell at its column's x; None leaves a cell empty."""
    for y, cells in rows:
        for x, text in zip(columns, cells):
            if text:
                c.drawString(x, y, text)


def test_a_published_word_processor_page_reads_its_title_tables_and_no_banner():
    """A document published from a word processor: its "Title" paragraph is the page's title (not
    the first section heading), the publishing banner is chrome, and a table whose every cell wraps
    its text in a paragraph is read row by row."""
    page = ("<html><head><title>Crew packet (PUBLIC)</title></head><body>"
            "<div id='banners'><div id='publish-banner'>Published using a document editor</div></div>"
            "<div class='doc-content'><p class='title'><span>Harbor Rescue Crew: 2026 Candidate Packet</span></p>"
            "<h1>1. The crew at a glance</h1><table><tr><td><p>Item</p></td><td><p>2025 season</p></td></tr>"
            "<tr><td><p>Paid crew on staff</p></td><td><p>14</p></td></tr>"
            "<tr><td><p>Rescues</p></td><td><p>312</p></td></tr></table>"
            "<h1>2. Pay</h1><p>Crew members start at $21.40 per hour.</p></div></body></html>")
    (doc,) = parse_source(page.encode(), "packet.html")
    assert doc.title == "Harbor Rescue Crew: 2026 Candidate Packet"
    assert "Published using" not in doc.text
    assert "Paid crew on staff\t14" in doc.text and "Rescues\t312" in doc.text, doc.text


def test_a_stat_card_titled_by_class_a_content_banner_and_a_prose_layout_table_are_read_as_before():
    """Only a word processor's title paragraph opening the page is its title: a stat card's
    "title" div is not, a "stat-banner" box is content, and a table laying out prose cells is no data table."""
    page = ("<html><body><div class='card'><div class='title'>Median pay</div><div>$51,000</div></div>"
            "<div class='stat-banner'>Median pay: $51,000 per year</div><h1>Welder Salary</h1>"
            "<table><tr><td><p>Contact us</p></td><td><p>Our welding certificate takes nine months of evening "
            "classes, and graduates of the program earn a median of $48,000 a year in their first job after "
            "finishing the shop hours and the state exam that the program prepares them for.</p></td></tr></table>"
            "</body></html>")
    (doc,) = parse_source(page.encode(), "welder.html")
    assert doc.title == "Welder Salary"
    assert "Median pay: $51,000 per year" in doc.text
    assert "Contact us\t" not in doc.text, doc.text


def test_a_two_row_table_header_becomes_one_that_names_every_column_with_its_group():
    """"Base salary | Productivity bonus" (merged over two columns) above "… | wRVU threshold | Paid per
    wRVU" in Word, and "Life & annuities" (over "Base | Bonus") with an empty corner in HTML: one header
    names each column with the group over it, and no row quotes a header."""
    import docx

    document = docx.Document()
    document.add_paragraph("Staff Podiatrist", style="Title")
    document.add_heading("Compensation", level=1)
    table = document.add_table(rows=4, cols=4)
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "Level", "Base salary", "Productivity bonus"
    for r, row in enumerate([("Level", "Base salary", "wRVU threshold", "Paid per wRVU"),
                             ("Staff Podiatrist I", "$212,000", "4,850", "$52.40"),
                             ("Staff Podiatrist II", "$226,500", "5,300", "$54.10")], start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    (doc,) = parse_source(buffer.getvalue(), "posting.docx")
    header = "Level\tBase salary\tProductivity bonus wRVU threshold\tProductivity bonus Paid per wRVU"
    rows = {b.text: b.section[-1] for b in doc.blocks if b.kind == "item"}
    assert rows == {"Staff Podiatrist I\t$212,000\t4,850\t$52.40": header,
                    "Staff Podiatrist II\t$226,500\t5,300\t$54.10": header}
    html = ("<html><body><h1>Actuary pay</h1><h2>By exam stage</h2><table><thead><tr><td></td><th colspan='2'>Life</th>"
            "<th colspan='2'>Pension</th></tr><tr><th>Stage</th><th>Base</th><th>Bonus</th><th>Base</th><th>Bonus</th></tr>"
            "</thead><tr><td>Associate</td><td>$127,650</td><td>9%</td><td>$120,380</td><td>8%</td></tr></table></body></html>")
    (page,) = parse_source(html.encode(), "actuary.html")
    rows = {b.text: b.section[-1] for b in page.blocks if b.kind == "item"}
    assert rows == {"Associate\t$127,650\t9%\t$120,380\t8%": "Stage\tLife Base\tLife Bonus\tPension Base\tPension Bonus"}


def test_a_two_row_header_whose_spans_are_unknown_keeps_its_second_row_and_a_data_row_stays_a_row():
    """Word gives no spans: "Base salary" over "Min | Max" beside a "Sign-on bonus" merged down reads
    "Base salary Min", "Base salary Max"; "Base salary" and "Bonus" over five uneven columns can't be
    split, so the lower row alone heads. In HTML a row of <td> under the <th> header is data."""
    import docx

    def word(top, cells):
        document = docx.Document()
        document.add_heading("Pay", level=1)
        table = document.add_table(rows=3, cols=len(cells[0]))
        for r, row in enumerate(cells):
            for c, value in enumerate(row):
                table.cell(r + 1, c).text = value
        for c, value, merge_to in top:
            cell = table.cell(0, c)
            if merge_to is not None:
                cell = cell.merge(table.cell(0, merge_to))
            cell.text = value
        buffer = io.BytesIO()
        document.save(buffer)
        (doc,) = parse_source(buffer.getvalue(), "pay.docx")
        return {b.text: b.section[-1] for b in doc.blocks if b.kind == "item"}

    rows = word([(0, "Level", None), (1, "Base salary", 2), (3, "Sign-on bonus", None)],
                [("Level", "Min", "Max", "Sign-on bonus"), ("Senior", "$140,000", "$170,000", "$10,000")])
    assert rows == {"Senior\t$140,000\t$170,000\t$10,000": "Level\tBase salary Min\tBase salary Max\tSign-on bonus"}
    rows = word([(1, "Base salary", 3), (4, "Bonus", 5)],
                [("Stage", "Low", "Median", "High", "Target", "Max"), ("Senior", "$120,000", "$140,000", "$160,000", "10%", "15%")])
    assert rows == {"Senior\t$120,000\t$140,000\t$160,000\t10%\t15%": "Stage\tLow\tMedian\tHigh\tTarget\tMax"}
    html = ("<html><body><h1>Benefits</h1><table><tr><th>Benefit</th><th>Details</th></tr><tr><td>Health</td><td>PPO plan</td>"
            "<td>Dental and vision included</td></tr><tr><td>401(k)</td><td>4% match</td></tr></table></body></html>")
    (page,) = parse_source(html.encode(), "benefits.html")
    assert "Health\tPPO plan\tDental and vision included" in [b.text for b in page.blocks if b.kind == "item"]


def test_a_postings_details_table_is_no_header_over_its_own_rows():
    """ "Employer | Great Lakes Heart Institute" over "Requisition | GLH-26-0042", "Pay | $52.10 …": one
    field among the others, not a header naming the columns (it headed every row, and "requirements
    for the great lakes heart job" took the table as the list); "Item | Rule" over rules stays a header."""
    rows = (("Employer", "Great Lakes Heart Institute (example)"), ("Requisition", "GLH-26-0042"),
            ("Location", "Toledo, Ohio – on site, with call from home"), ("Pay", "$52.10 – $69.00 an hour"),
            ("Reports to", "Chief Perfusionist"), ("Posted", "February 2, 2026"))
    table = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in rows)
    rules = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in (
        ("Item", "Rule"), ("Offshore rotation", "21 days on, 14 days off; 12-hour shifts"),
        ("Weather standby", "Crews held on a vessel are paid $310 a day"), ("Travel", "Paid at the day rate")))
    html = (f"<html><body><main><h1>Perfusionist II</h1><table>{table}</table><h2>Crew rules</h2>"
            f"<table>{rules}</table></main></body></html>")
    (doc,) = parse_source(html.encode(), "posting.html")
    details = [b for b in doc.blocks if b.text.startswith(("Employer", "Pay\t", "Posted"))]
    assert [b.text for b in details] == ["Employer\tGreat Lakes Heart Institute (example)",
                                         "Pay\t$52.10 – $69.00 an hour", "Posted\tFebruary 2, 2026"]
    assert all(b.kind == "item" and not any("Employer" in s for s in b.section) for b in details), \
        [(b.kind, b.section) for b in details]
    travel = next(b for b in doc.blocks if b.text.startswith("Travel"))
    assert travel.section[-1] == "Item\tRule"


def test_a_first_row_naming_columns_heads_its_rows_though_a_label_holds_a_number():
    """ "Annual at 2,080 hours" is a column's name: the row heads the table (it was quoted as the
    answer to "hourly range perfusionist 1"); a first row with an amount of money stays a row."""
    html = ("<html><body><main><h1>Perfusionist</h1><h2>Levels and pay</h2><table>"
            "<tr><td>Level</td><td>Experience</td><td>Hourly range</td><td>Annual at 2,080 hours</td></tr>"
            "<tr><td>Perfusionist I</td><td>New graduate</td><td>$52.10 – $58.70</td><td>$108,368 – $122,096</td></tr>"
            "<tr><td>Perfusionist II</td><td>1–5 years</td><td>$59.40 – $69.00</td><td>$123,552 – $143,520</td></tr>"
            "</table><h2>Call pay</h2><table>"
            "<tr><td>On call</td><td>Weeknights</td><td>$9.40 an hour</td></tr>"
            "<tr><td>Called in</td><td>Any night</td><td>$78.10 an hour</td></tr></table></main></body></html>")
    (doc,) = parse_source(html.encode(), "levels.html")
    sections = {b.text.split("\t")[0]: b.section[-1] for b in doc.blocks if b.kind == "item"}
    assert sections["Perfusionist I"] == "Level\tExperience\tHourly range\tAnnual at 2,080 hours"
    assert sections["On call"] == "Call pay" and sections["Called in"] == "Call pay"
