"""Scraped career pages -> documents with sections, list items and offsets."""
import re

import pytest

from assistant import layout
from assistant.parsing import parse_file, parse_text

from .conftest import GUIDE, SMALL_PAGE, CORPUS


@pytest.fixture(scope="module")
def docs():
    return parse_file(GUIDE, CORPUS)


def blocks_in(doc, *section):
    return [b for b in doc.blocks if b.section[: len(section)] == section and b.kind != "heading"]


def find(doc, prefix):
    return next(b for b in doc.blocks if b.text.startswith(prefix))


class TestRealGuide:
    def test_five_roles_each_their_own_document(self, docs):
        assert [d.title for d in docs] == [
            "Machine Learning DevOps Manager", "AI/ML Model Business Specialist", "AI/ML Software Engineer",
            "AI Engineering Consultant", "AI Python Engineer"]
        assert docs[4].doc_id == "machine-learning-devops-manager-career-guide/ai-python-engineer"

    def test_top_level_sections_in_order(self, docs):
        top = [b.text for b in docs[0].blocks if b.kind == "heading" and len(b.section) == 1]
        assert top == ["Overview", "Core Responsibilities", "Requirements", "Career Development", "Market Demand",
                       "Salary Ranges (US Market, 2024)", "Key Trends", "Essential Soft Skills", "Best Practices",
                       "Common Challenges", "More Careers"]

    def test_sub_headings_nest_under_their_section(self, docs):
        assert find(docs[0], "Salary Range: $160,000").section == (
            "Salary Ranges (US Market, 2024)", "Mid-Level MLOps Manager")
        assert find(docs[0], "Junior MLOps Engineer").section == ("Career Development", "Career Progression")
        assert find(docs[0], "Fintech and banking").section == ("Market Demand", "Industry-Specific Demand")

    def test_trends_get_their_own_section_not_salaries(self, docs):
        trend = find(docs[0], "Automation and Efficiency: AI and ML are revolutionizing")
        assert trend.section == ("Key Trends",)
        assert find(docs[0], "It's important to note").section[0] == "Salary Ranges (US Market, 2024)"

    def test_scrape_noise_is_gone(self, docs):
        text = docs[0].text
        assert "logoAiPathly" not in text and "first image" not in text and "second image" not in text

    def test_run_on_item_is_split_where_the_paragraph_starts(self, docs):
        item = find(docs[0], "Treating MLOps with the same importance")
        assert item.kind == "item"
        assert item.text == "Treating MLOps with the same importance as other critical DevOps processes"
        closing = find(docs[0], "By following these practices")
        assert closing.kind == "paragraph" and closing.section == ("Overview",)
        assert find(docs[0], "Candidates who combine").kind == "paragraph"
        assert find(docs[0], "Implementing effective rollback strategies").text.endswith("bias management")

    def test_glued_intro_sentence_becomes_a_paragraph(self, docs):
        assert find(docs[0], "Governance and Compliance:").text == (
            "Governance and Compliance: Ensuring adherence to industry regulations and standards.")
        assert find(docs[0], "MLOps managers utilize a range of tools").kind == "paragraph"

    def test_list_items_and_nesting(self, docs):
        group = find(docs[0], "Infrastructure and Automation")
        child = find(docs[0], "Automate cloud resource provisioning")
        assert (group.kind, group.level, child.level) == ("item", 0, 1)
        assert find(docs[0], "TypeScript").level == 1
        assert find(docs[0], "DevOps Managers: Median salary").level == 0
        levels = [b for b in blocks_in(docs[0], "Career Development", "Career Progression")]
        assert len(levels) == 5 and len({b.list_id for b in levels}) == 1

    def test_inline_markup_becomes_sections_and_items(self, docs):
        python = docs[4]
        assert find(python, "AI development frameworks such as TensorFlow").section == ("Tools and Frameworks",)
        assert find(python, "Bachelor's degree is often required").kind == "item"
        assert find(python, "In summary, an AI Python Engineer").section == ("Summary",)
        software = docs[2]
        assert find(software, "Linear algebra, probability, and statistics").section == ("Technical Skills",)
        consultant = docs[3]
        types = blocks_in(consultant, "Types of AI Consultants")
        assert [b.text.split(":")[0] for b in types] == [
            "AI Strategy Consultants", "AI Technical Consultants", "AI Startup Consultants"]

    def test_every_block_is_located_in_its_document(self, docs):
        for doc in docs:
            for block in doc.blocks:
                assert doc.text[block.start:block.end] == block.text


class TestSmallPage:
    """A second page in the same format, written here, parses the same way."""

    def test_same_structure(self):
        docs = parse_text(SMALL_PAGE, "data-platform-lead.txt")
        assert [d.title for d in docs] == ["Data Platform Lead", "Analytics Engineer"]
        main, embedded = docs
        assert "logoAcme" not in main.text and "first image" not in main.text
        assert find(main, "Salary Range: $190,000").section == (
            "Salary Ranges (US Market, 2024)", "Senior-Level Data Platform Lead")
        assert find(main, "Storage growth").text == "Storage growth"
        assert find(main, "By watching these costs").kind == "paragraph"
        assert find(main, "They also care about costs").kind == "paragraph"
        assert find(embedded, "dbt and SQL").section == ("Tools",)
        assert find(embedded, "In summary, an Analytics Engineer").section == ("Summary",)

    def test_markdown_headings_carry_levels(self):
        doc, = parse_text("# Guide\n\n## Pay\n\nIt varies.\n\n### Senior\n\n- $200,000\n", "guide.md")
        assert doc.title == "Guide"
        assert find(doc, "$200,000").section == ("Pay", "Senior")

    def test_empty_text_gives_no_document(self):
        assert parse_text("\n\n  \n", "empty.txt") == []
        assert parse_text("first image\nlogoX\n", "noise.txt") == []


def test_a_markdown_pages_one_level_one_heading_is_its_title():
    """"# Carpenter Salary in the United States", not the "## How much does a carpenter make?"
    section whose words the page happens to use more."""
    page = ("https://www.example.com/salaries/carpenter\nPayCompass\nSalaries > Construction > Carpenter\n\n"
            "# Carpenter Salary in the United States\n\nUpdated June 2024\n\n## How much does a carpenter make?\n\n"
            "The median carpenter salary is $57,140 per year. A carpenter in a big city makes more, and a union "
            "carpenter makes more than a non-union carpenter.\n")
    assert [d.title for d in parse_text(page, "carpenter.txt")] == ["Carpenter Salary in the United States"]


def test_a_q_and_a_thread_s_datelines_are_no_headings_so_each_question_heads_its_answer():
    """A job board's company Q&A: "Asked April 3, 2024" / "Answered May 2, 2024" around each answer
    are datelines; read as headings they took the question's place over its answer."""
    text = ("Spa Therapist\n\nQuestions and answers about Juniper Creek Spa\n"
            "What is the interview process like?\nAsked April 3, 2024\n"
            "A short phone call, then a practical massage on a lead therapist.\nAnswered May 2, 2024\n"
            "Do you get paid during orientation?\nAsked 3 days ago\nYes, at the between-services rate.\n"
            "Is parking free?\nPosted 30+ days ago\nYes, in the garage behind the spa.\nAnswered on 04/03/2024\n")
    (doc,) = parse_text(text, "posting.txt")
    blocks = [(b.kind, b.section[-1], b.text) for b in doc.blocks]
    assert ("paragraph", "What is the interview process like?",
            "A short phone call, then a practical massage on a lead therapist.") in blocks, blocks
    assert ("paragraph", "Do you get paid during orientation?", "Yes, at the between-services rate.") in blocks, blocks
    assert ("paragraph", "Is parking free?", "Yes, in the garage behind the spa.") in blocks, blocks
    assert not any(word in text for _, _, text in blocks for word in ("Asked", "Answered", "Posted")), blocks


THREAD = """ShiftTalk
Home     Popular     Communities     Search ShiftTalk
Log In     Sign Up
c/Deckhands
Posted by u/bowline_bea · 4 days ago
Pay & Contracts
Is $24.10 an hour normal for a first-season deckhand?
The ferry line offered me $24.10 an hour for my first season. Is that what everyone gets?

212
Upvote     Downvote
31 comments
Share     Save     Report

Sort by: Best ▾

level 1
galley_gus
· 4 days ago
Mate · 12 yrs
That's the posted rate. Second season goes to $26.35 an hour at most lines.
88
Reply     Share     Report     Save
level 2
bowline_bea
OP
· 3 days ago
thanks, that helps a lot
14
Reply     Share     Report     Save
level 1
[deleted]
· 3 days ago
[removed]
Continue this thread →
4 more replies
About Community
Created Mar 3, 2014
48.2k Members     311 Online
"""


def test_a_forum_thread_keeps_the_posts_and_drops_the_forums_furniture():
    (doc,) = parse_text(THREAD, "deckhand-pay-thread.txt")
    assert doc.title == "Is $24.10 an hour normal for a first-season deckhand?"
    texts = [b.text for b in doc.blocks]
    assert "That's the posted rate. Second season goes to $26.35 an hour at most lines." in texts
    assert "thanks, that helps a lot" in texts
    for furniture in ("Posted by", "level 1", "galley_gus", "Mate · 12 yrs", "4 days ago", "Upvote", "Reply",
                      "31 comments", "Sort by", "[deleted]", "[removed]", "Continue this thread", "4 more replies",
                      "Members", "Pay & Contracts", "bowline_bea", "212", "88"):
        assert furniture not in doc.text, furniture
    assert not any("Mate" in part for b in doc.blocks for part in b.section)


def test_a_page_with_one_dateline_is_not_read_as_a_thread():
    text = ("Deckhand Careers\n\nPosted by u/ferry_news · 2 days ago\n\nLevel 1\n\nThe ferry line pays "
            "$24.10 an hour in the first season.\n\n88\n")
    (doc,) = parse_text(text, "deckhand.txt")
    assert "88" in doc.text and "Level 1" in doc.text


def _columns(*rows: tuple[str, str], width: int = 54) -> str:
    """Lines laid out in two columns with spaces, as a layout-keeping PDF converter prints them."""
    return "".join(f"{left.ljust(width)}{right}".rstrip() + "\n" for left, right in rows)


def _right_aligned(*rows: tuple[str, str], width: int = 76) -> str:
    return "".join(f"{label}{amount.rjust(width - len(label))}\n" for label, amount in rows)


PROGRAM_SHEET = (
    _columns(("HARBOR POINT MARITIME COLLEGE", "PROGRAM SHEET 2025–2026"), width=64) + "\n"
    "Deckhand Certiﬁcate\n\n"
    + _columns(("PROGRAM AT A GLANCE", "QUESTIONS? TALK TO AN ADVISOR"),
               ("Award: Certificate of Completion", "Program advisor: Dana Ruiz"),
               ("Length: 2 semesters (30 weeks), full time", "Phone: (555) 555-0142"),
               ("Credits: 24 (540 clock hours)", "Email: deck@harbor-example.edu"),
               ("Class times: Mon–Thu, 7:00 a.m. – 1:30 p.m.", ""))
    + "\nESTIMATED COST\n"
    + _right_aligned(("Tuition (24 credits × $118 per credit)", "$2,832"), ("Survival suit and gear", "$612"),
                     ("Estimated total", "$3,444"))
    + "\n" + _columns(("Harbor Point Maritime College · Program Sheet DK-CC · Rev. 03/2025", "Page 1 of 2"), width=80)
    + "\f" + _columns(("Deckhand Certificate (DK-CC)", "2025–2026"), width=76) + "\n"
    "CAREER OUTLOOK\n"
    "Deckhands on ferries and tugs earned a median of $41,230 in May 2024, and the work goes on\n"
    "all year in most ports.\n\n"
    "Is financial aid available?\n"
    "Yes. The program is eligible for federal financial aid, and most students also get the\n"
    "port authority's workforce grant.\n\n"
    + _columns(("Harbor Point Maritime College · Program Sheet DK-CC · Rev. 03/2025", "Page 2 of 2"), width=80)
    + "\f" + _columns(("Deckhand Certificate (DK-CC)", "2025–2026"), width=76))


def test_a_pdf_converted_with_its_layout_reads_as_sections_tables_and_one_column_at_a_time():
    (doc,) = parse_text(PROGRAM_SHEET, "deckhand-program-sheet.txt")
    blocks = [(b.kind, b.section, b.text) for b in doc.blocks]
    assert doc.title == "Deckhand Certificate"  # the ligature spelt out; the running header is no title
    assert doc.publisher == "Harbor Point Maritime College"  # named only in its page footers
    # two columns printed side by side are read one after the other, each under its own heading
    assert ("item", ("PROGRAM AT A GLANCE",), "Length: 2 semesters (30 weeks), full time") in blocks
    assert ("item", ("QUESTIONS? TALK TO AN ADVISOR",), "Phone: (555) 555-0142") in blocks
    # a cost list aligned with spaces stays one line per row under its heading
    assert [b.section for b in doc.blocks if b.text.startswith("Survival suit and gear")] == [("ESTIMATED COST",)]
    # a heading printed right over its text, in capitals or as a question, heads it
    assert [b.section for b in doc.blocks if b.text.startswith("Deckhands on ferries")] == [("CAREER OUTLOOK",)]
    assert [b.section for b in doc.blocks if b.text.startswith("Yes. The program")] == [("Is financial aid available?",)]
    # page footers and the running header are gone
    assert "Page 1 of 2" not in doc.text and "Rev. 03/2025" not in doc.text and "(DK-CC)" not in doc.text


def test_a_row_two_tables_share_is_kept_when_the_text_has_no_pages():
    table = "".join(f"{a.ljust(20)}{b}\n" for a, b in [("Occupation", "Median pay"), ("Deckhands", "$41,230"),
                                                         ("Ship engineers", "$83,370")])
    text = f"Maritime Pay\n\nIn 2023\n{table}\nIn 2024\n{table}"
    (doc,) = parse_text(text, "maritime.txt")
    assert len(re.findall(r"Deckhands\s+\$41,230", doc.text)) == 2


def test_a_thread_whose_title_is_no_question_keeps_it_and_its_first_line():
    text = ("Posted by u/bowline_bea · 4 days ago\nFirst season deckhand pay\nThe ferry line offered me $24.10 an hour.\n\n"
            "level 1\ngalley_gus\n· 4 days ago\nThat's the posted rate at most lines.\n")
    (doc,) = parse_text(text, "thread.txt")
    assert doc.title == "First season deckhand pay"
    assert "The ferry line offered me $24.10 an hour." in doc.text and "galley_gus" not in doc.text


NEWSLETTER = """HARBOR GLASSBLOWERS GUILD  *  MEMBER BULLETIN
No. 12  *  March 2025

IN THIS ISSUE
  1. Wage survey: the results
  2. Studio fees
  3. Dates to remember

------------------------------------------------------------------------
1. WAGE SURVEY: THE RESULTS
------------------------------------------------------------------------

Thank you to the 88 members who answered this year's survey. The
median hourly wage was $24.10, up from $23.30 last year.

  +-----------------------------+----------+
  | Experience                  |  Median  |
  +=============================+==========+
  | Apprentice (0-2 years)      |  $17.25  |
  +-----------------------------+----------+
  | Gaffer (6+ years)           |  $31.40  |
  +-----------------------------+----------+

------------------------------------------------------------------------
2. STUDIO FEES
------------------------------------------------------------------------

Bench rental, per day ................. $85
Glory hole time, per hour ............. $40

Studio Rules
============

Members book the hot shop a week ahead.

------------------------------------------------------------------------
3. DATES TO REMEMBER
------------------------------------------------------------------------

The spring meeting is on April 8 at the harbor studio.
"""


def test_a_line_two_drawn_rules_frame_or_one_underlines_is_a_heading_and_the_rules_go():
    """An e-mailed newsletter marks its sections with rules of dashes or equals signs: the framed
    line is a section heading (not a numbered list item), the rules are no text, and the contents
    list that repeats the section names goes."""
    (doc,) = parse_text(NEWSLETTER, "bulletin.txt")
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "1. WAGE SURVEY: THE RESULTS" in headings and "2. STUDIO FEES" in headings and "Studio Rules" in headings
    assert not re.search(r"[-=+]{5}", doc.text)
    assert "Wage survey: the results" not in doc.text  # the contents list
    wage = find(doc, "Thank you to the 88 members")
    assert wage.section == ("1. WAGE SURVEY: THE RESULTS",)
    rows = [b.text for b in doc.blocks if b.section[-1:] == ("Experience\tMedian",) and b.kind != "heading"]
    assert rows == ["Apprentice (0-2 years)\t$17.25", "Gaffer (6+ years)\t$31.40"]


def test_dot_leaders_join_a_label_to_its_value_verbatim():
    """"Bench rental, per day ....... $85": one item under its section, written as on the page."""
    (doc,) = parse_text(NEWSLETTER, "bulletin.txt")
    fees = [b for b in doc.blocks if b.section == ("2. STUDIO FEES",) and b.kind == "item"]
    assert [b.text for b in fees] == ["Bench rental, per day ................. $85",
                                      "Glory hole time, per hour ............. $40"]


WAGE_SHEET = """WAGE SHEET 12  --  ORGAN TECHNICIAN SERIES

1. ANNUAL EQUIVALENTS
---------------------------------------------------------------

   Classification                      Step 1      Top step
   ---------------------------------   ---------   ---------
   Organ Technician Trainee            $41,120     $44,960  (Step 3)
   Senior Organ Technician             $63,310     $74,938
   ---------------------------------   ---------   ---------
   Total budgeted                      $104,430    $119,898

   Annual figures are for reference only.

2. PREMIUMS
---------------------------------------------------------------

   Evening differential (hours after 6:00 p.m.) ......... $1.70 / hour
   Organ guild premium (current Certified Organ Technician
     credential from the guild) .......................... $1.20 / hour
   Dues reimbursement ........................... 50% of yearly dues,
                                                   senior class only

   The guild premium is not paid to Trainees.
"""


def test_a_fixed_width_table_is_read_as_rows_cut_at_its_columns():
    """A header over a dash per column ("Classification  Step 1" over "-----  -----") marks a fixed-width
    table: each row is cut at the columns into cells, a rule over a total row goes, and the text after
    the table is no part of its last row."""
    (doc,) = parse_text(WAGE_SHEET, "wage-sheet.txt")
    rows = [b.text for b in doc.blocks if b.section[-1:] == ("Classification\tStep 1\tTop step",) and b.kind == "item"]
    assert rows == ["Organ Technician Trainee\t$41,120\t$44,960  (Step 3)", "Senior Organ Technician\t$63,310\t$74,938",
                    "Total budgeted\t$104,430\t$119,898"]
    assert find(doc, "Annual figures are for reference only.").kind == "paragraph"


def test_a_dot_leader_line_wrapped_onto_an_indented_line_is_one_item():
    (doc,) = parse_text(WAGE_SHEET, "wage-sheet.txt")
    items = [b.text for b in doc.blocks if b.section == ("2. PREMIUMS",) and b.kind == "item"]
    assert items == ["Evening differential (hours after 6:00 p.m.) ......... $1.70 / hour",
                     "Organ guild premium (current Certified Organ Technician credential from the guild) "
                     ".......................... $1.20 / hour",
                     "Dues reimbursement ........................... 50% of yearly dues, senior class only"]
    assert find(doc, "The guild premium is not paid").kind == "paragraph"


def test_indented_dot_leader_rows_under_a_lead_in_stay_rows():
    (doc,) = parse_text("Locksmith fees\n\nResidential fees:\n    Rekey, per cylinder ...... $31\n    Lockout service ...... $75\n",
                        "fees.txt")
    assert [b.text for b in doc.blocks if b.kind == "item"] == ["Rekey, per cylinder ...... $31", "Lockout service ...... $75"]


def test_a_box_drawn_card_a_period_switch_and_a_dateline_read_as_text():
    """A salary site copied as text: the card drawn with box characters reads as its lines, the
    "[ Per hour | Per year ]" switch is no title, and "Updated …" heads no section."""
    page = ("Harbor Pilot salary in United States\nHow much does a Harbor Pilot make?\nUpdated March 2, 2026\n\n"
            "[ Per hour | Per year ]\n\n┌──────────────────────────┐\n│ AVERAGE BASE SALARY      │\n"
            "│ $61.20 per hour          │\n├──────────────────────────┤\n│ Low    $44.10 per hour   │\n"
            "└──────────────────────────┘\n\nHarbor pilot pay is highest on the Gulf coast, where harbor pilots "
            "guide tankers in and out of port at all hours.\n")
    (doc,) = parse_text(page, "harbor-pilot.txt")
    assert doc.title == "Harbor Pilot salary in United States"
    assert "│" not in doc.text and "─" not in doc.text and "$61.20 per hour" in doc.text, doc.text
    assert "Per hour | Per year" not in doc.text
    assert not any("Updated March 2, 2026" in block.section for block in doc.blocks)


def test_a_caption_over_an_indented_list_of_dot_leader_rows_heads_the_list():
    """ "Median hourly wage by area" over indented "Salem ...... $21.05" rows is the list's heading, not
    the first row's label (a single indented dot-leader line under a label still goes on with it)."""
    page = ("Welders in Ohio\n\nPay\n\nMedian hourly wage by area\n  Columbus ............ $24.05\n"
            "  Dayton .............. $22.95\n  Toledo .............. $21.60\n\nTool allowance\n"
            "    ................... $425 a year\n")
    (doc,) = parse_text(page, "ohio.txt")
    rows = [b for b in doc.blocks if "Columbus" in b.text]
    assert rows and rows[0].section[-1] == "Median hourly wage by area" and rows[0].text.startswith("Columbus"), rows
    assert "Tool allowance ................... $425 a year" in doc.text, doc.text


BOARD_THREAD = """\
TrailTalk Forums (example)
Forums › Outdoor Trades › Farriers & Horseshoers
Search forums · New posts · Log in · Register

First year farrier apprentice at the Ridgeback shop - is the pay worth it?

Thread starter hoofnail_jo · Start date Apr 2, 2025 · Replies: 2 · Views: 812

hoofnail_jo
New member
Joined: Mar 2025
Messages: 3

Apr 2, 2025 #1

I start at the Ridgeback shop in May at $19.40 an hour. Is that normal for a first year?

Last edited: Apr 2, 2025

anvil_amos
Well-known member
Joined: Jun 2011
Messages: 2,204

Apr 3, 2025 #2

That's about right. Second year at most shops goes to $22.75 an hour.
"""


def test_a_message_board_thread_takes_its_title_from_above_the_thread_starter_line():
    (doc,) = parse_text(BOARD_THREAD, "farrier-pay-thread.txt")
    assert doc.title == "First year farrier apprentice at the Ridgeback shop - is the pay worth it?"
    for furniture in ("New member", "Well-known member", "Joined:", "Messages:", "Last edited"):
        assert furniture not in doc.text, furniture
    # the posters' names and the starter line stay: they say who "the OP" is
    assert "Thread starter hoofnail_jo" in doc.text and "anvil_amos" in doc.text
    # each post's dateline heads it
    assert find(doc, "I start at the Ridgeback shop").section[-1] == "Apr 2, 2025 #1"
    assert find(doc, "That's about right.").section[-1] == "Apr 3, 2025 #2"


def test_a_board_thread_without_ranks_is_still_a_board_and_a_post_s_own_label_lines_stay():
    text = re.sub(r"(?m)^(?:New member|Well-known member|Joined: .*|Messages: .*)\n", "", BOARD_THREAD)
    text = text.replace("That's about right.", "Points: 1) pay is low at first\nThat's about right.")
    (doc,) = parse_text(text, "farrier-pay-thread.txt")
    assert doc.title == "First year farrier apprentice at the Ridgeback shop - is the pay worth it?"
    assert "Points: 1) pay is low at first" in doc.text


def test_a_page_with_one_numbered_dateline_and_no_thread_starter_is_no_board():
    text = "Farrier Careers\n\nApr 3, 2025 #2\n\nNew member\n\nFarriers earn $22.75 an hour in their second year.\n"
    (doc,) = parse_text(text, "farrier.txt")
    assert "New member" in doc.text


def test_a_related_pages_block_of_link_titles_is_dropped_but_titles_with_figures_and_tab_bars_stay():
    """"Related salaries" over "Winemaker Salary in Oregon" … are links to other pages: quoted, one
    reads as an answer about Oregon, which the page gives nothing for. A related block whose titles
    carry figures is content, and a row of tabs that names "Similar Occupations" heads nothing."""
    page = ("Winemaker Salary in California\n\nThe median winemaker salary in California is $98,300.\n"
            "Is a winemaker paid hourly?\nCellar hands are paid by the hour; winemakers are salaried.\n"
            "Related salaries\nWinemaker Salary in Oregon\nWinemaker Salary in Washington\n"
            "Vineyard Manager Salary in California\n© 2026 VinePay Media\n")
    text = parse_text(page, "winemaker.txt")[0].text
    assert "Oregon" not in text and "Related salaries" not in text, text
    assert "Cellar hands are paid by the hour; winemakers are salaried." in text
    figures = ("Welder Salary\n\nWelders earn a median of $51,000 a year.\n\nRelated occupations\nBoilermakers\n"
               "$66,490 median\nPipefitters\n$61,550 median\n")
    kept = parse_text(figures, "welder.txt")[0].text
    assert "Boilermakers" in kept and "$66,490 median" in kept, kept
    tabs = ("Summary\nWhat They Do\nPay\nSimilar Occupations\nMore Info\n\nPlumbers\n\nSummary\n"
            "Plumbers install and repair pipes that carry water and gas.\n")
    assert layout.related_links(tabs.split("\n")) == set()  # the page's title "Plumbers" is no link
    assert parse_text(tabs, "plumber.txt")[0].title == "Plumbers"


def test_content_under_a_related_heading_stays():
    """"Related experience" over what someone did, "Related coursework:" over bullets, and a block whose
    last title heads a figure ("Home health aide" / "Nurses earn $86,000 a year.") are content, kept whole."""
    for page, kept in [
        ("Analyst\n\nThe role.\nRelated experience\nBuilding dashboards in Tableau\nWriting SQL queries for reporting\n",
         "Writing SQL queries for reporting"),
        ("Analyst\n\nThe role.\nRelated coursework:\n• Probability theory\n• Statistics\n", "Probability theory"),
    ]:
        assert layout.related_links(page.split("\n")) == set(), page
        assert kept in parse_text(page, "page.txt")[0].text
    nurse = ("Nurse pay\n\nThe role.\nSimilar roles\nLicensed practical nurse\nMedical assistant\nHome health aide\n\n"
             "Nurses earn $86,000 a year.\n")
    assert layout.related_links(nurse.split("\n")) == set()  # not cut short, leaving "Home health aide" over the pay
    (doc,) = parse_text(nurse, "nurse.txt")
    assert all("Home health aide" not in b.section for b in doc.blocks if "$86,000" in b.text)
