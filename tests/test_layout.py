"""Pages saved from other sites, one element per line: titles from content, site chrome dropped, stat
cards and key-value lines kept with their labels, FAQ questions as headings, tables with their headers,
and questions never quoted as answers. Every page here is written by the test."""
import pytest

from assistant import layout
from assistant.chunking import chunk_documents
from assistant.facts import occupation_names
from assistant.parsing import parse_text

from .conftest import GUIDE, WELDER_CARDS, bot_over

CAREER_CARDS = """https://www.example-careers.test/careers/glazier/
ExampleCareers
Careers
Degrees
Log in
Sign up
Glazier
Also known as: Glass Installer, Glass Fitter
Overview
Salary
Job market
Workplace
$52,160
Median salary
4%
Projected growth
Salary figures are national medians from May 2023.
What does a glazier do?
A glazier cuts, installs and replaces glass in windows, storefronts and skylights. Most glaziers work for contractors.
Glazier salary
Entry Level: $38,900
Median: $52,160
Senior: $81,300
Median Salary: $52,160 | Job Growth: 4% | Total US Jobs: 58,200
What skills does a glazier need?
Steady hands
Comfort working at heights
Careful measuring
More
Time to qualify
3 to 4 years
Frequently asked questions
Do glaziers need a license?
Only a few states license glaziers; most learn through a four-year apprenticeship.
But what's the average glazier salary at entry level, and can it grow?
Wages by state
State\tEmployment\tAnnual mean wage
Hawaii\t480\t$88,110
Illinois\t1,900\t$84,360
Back to top
We use cookies to improve your experience. By clicking Accept you agree to our cookie policy.
© 2026 ExampleCareers. All rights reserved.
"""


@pytest.fixture(scope="module")
def page():
    docs = parse_text(CAREER_CARDS, "example-careers-glazier.txt")
    assert len(docs) == 1
    return docs[0]


def blocks(doc, kind=None):
    return [b for b in doc.blocks if kind is None or b.kind == kind]


def test_the_title_comes_from_the_content_not_the_url_or_the_site_name(page):
    assert page.title == "Glazier"


def test_site_chrome_is_dropped(page):
    for chrome in ("https://", "Log in", "Sign up", "Back to top", "cookies", "All rights reserved", "Job market"):
        assert chrome not in page.text


def test_stat_cards_keep_value_and_label_together_in_either_order(page):
    texts = [b.text for b in blocks(page, "item")]
    assert "$52,160\nMedian salary" in texts and "4%\nProjected growth" in texts
    assert "Time to qualify\n3 to 4 years" in texts  # a label/value pair inside a "More" card


def test_key_value_lines_are_items_of_their_section(page):
    entry = next(b for b in blocks(page) if b.text == "Entry Level: $38,900")
    assert entry.kind == "item" and entry.section == ("Glazier salary",)


def test_faq_questions_head_their_answers(page):
    answer = next(b for b in blocks(page) if b.text.startswith("Only a few states license glaziers"))
    assert answer.section[-1] == "Do glaziers need a license?"
    assert next(b for b in blocks(page) if b.text == "Do glaziers need a license?").kind == "heading"


def test_a_table_row_sits_under_its_header_row(page):
    row = next(b for b in blocks(page) if b.text.startswith("Hawaii\t"))
    assert row.section[-1] == "State\tEmployment\tAnnual mean wage"


def test_units_are_bounded_and_pipe_stats_are_one_unit_each(page):
    units = [u.text for u in chunk_documents([page]).units]
    assert "Median Salary: $52,160" in units and "Total US Jobs: 58,200" in units
    assert max(len(u) for u in units) <= 400


@pytest.mark.parametrize("line, chrome", [
    ("Skip to main content", True), ("Home > Careers > Construction > Glazier", True),
    ("Find jobs   Company reviews   Salary guide   Sign in", True), ("Share this article", True),
    ("Glaziers install glass.", False), ("Median salary", False), ("$52,160", False),
    ("Mossbank College · Programs · Admissions · Tuition & Aid · Apply", True),  # a menu with dots between links
    ("Certificate of Completion · Culinary Arts Department · Eugene, Oregon", False),  # a subtitle, no menu words
])
def test_chrome_lines(line, chrome):
    assert layout.is_chrome(line) is chrome


def test_the_shipped_page_is_unchanged_by_the_line_rules():
    docs = parse_text(GUIDE.read_text(encoding="utf-8"), GUIDE.name)
    assert [d.title for d in docs][:2] == ["Machine Learning DevOps Manager", "AI/ML Model Business Specialist"]


def test_the_publisher_comes_from_the_copyright_line(page):
    assert page.publisher == "ExampleCareers"
    assert "ExampleCareers" not in page.text  # the line itself is site chrome


@pytest.mark.parametrize("line, publisher", [
    ("© 2025 Riverbend Technical College (example) · Accessibility · Privacy", "Riverbend Technical College"),
    ("&copy; 2024 WorkRank Media. Rankings are editorial.", "WorkRank Media"),
    ("© 2024 FieldPro Software, Inc.   Privacy   Terms", "FieldPro Software"),
    ("Copyright 2019-2024 Bureau of Labor Statistics. All rights reserved.", "Bureau of Labor Statistics"),
    ("© 2024", ""), ("© All rights reserved", ""),
    ("Linking and Copyright Info  Help & Tutorials", ""),  # no year after "Copyright": no name
])
def test_publisher_names(line, publisher):
    assert layout.publisher_name(line) == publisher


@pytest.mark.parametrize("head, title", [
    # a breadcrumb with slashes is not the title; a 17-word title with clock times is
    ("ClinicFlow\nBlog / Careers in Healthcare / A Day in the Life of a Glazier\n"
     "A Day in the Life of a Glazier: 7:15 to 4:15 on a Busy Downtown Tower Job Site Crew\n",
     "A Day in the Life of a Glazier: 7:15 to 4:15 on a Busy Downtown Tower Job Site Crew"),
    # "How To Become …" is a title; the byline under it is not
    ("JobHarbor\nHow To Become a Glazier (Plus Duties, Skills and Salary)\nJobHarbor Editorial Team\n"
     "Updated July 22, 2024\n", "How To Become a Glazier (Plus Duties, Skills and Salary)"),
])
def test_titles_of_blog_and_job_board_pages(head, title):
    body = ("Glaziers cut, install and replace glass in windows, storefronts and skylights for contractors. "
            "A glazier works at heights, and every glazier learns on the job.\n")
    (doc,) = parse_text(head + body, "glazier-page.txt")
    assert doc.title == title


@pytest.fixture(scope="module")
def glazier_bot(tmp_path_factory, embedder, settings):
    with bot_over(tmp_path_factory.mktemp("glazier"), {"glazier.txt": CAREER_CARDS}, settings, embedder) as bot:
        yield bot


def test_questions_are_never_quoted_as_answers(glazier_bot):
    for question in ("What skills does a glazier need?", "Do glaziers need a license?",
                     "What's the average glazier salary at entry level?"):
        reply = glazier_bot.ask(question)
        assert reply.abstained or not reply.answer.rstrip().endswith("?"), (question, reply.answer)


def test_citations_show_the_pages_real_title(glazier_bot):
    reply = glazier_bot.ask("What does a glazier do?")
    assert reply.citations[0].title == "Glazier"
    assert reply.citations[0].breadcrumb.startswith("Glazier › ")
    assert "cuts, installs and replaces glass" in reply.answer


INTRO_LIST = """Roofer career guide
What does a roofer do?
A roofer repairs and replaces roofs on houses and offices. Common tasks include:
Inspecting damaged roofs and estimating the cost of repairs
Removing worn shingles and rotten decking
Laying underlayment, flashing and new shingles
Sealing vents and chimneys against leaks
Most roofers work outdoors from spring to autumn and slow down in winter.
Roofer salary
Median: $48,890
"""


def test_unmarked_lines_after_an_intro_ending_in_a_colon_are_its_list():
    doc = parse_text(INTRO_LIST, "roofer.txt")[0]
    items = [b.text for b in blocks(doc, "item") if b.section == ("What does a roofer do?",)]
    assert items == ["Inspecting damaged roofs and estimating the cost of repairs",
                     "Removing worn shingles and rotten decking",
                     "Laying underlayment, flashing and new shingles",
                     "Sealing vents and chimneys against leaks"]
    # a line that ends like a sentence closes the list: it is prose again
    closing = next(b for b in blocks(doc) if b.text.startswith("Most roofers work outdoors"))
    assert closing.kind == "paragraph"
    assert next(b for b in blocks(doc) if b.text == "Roofer salary").kind == "heading"


def test_an_intro_line_quotes_the_list_it_introduces(tmp_path, embedder, settings):
    with bot_over(tmp_path, {"roofer.txt": INTRO_LIST}, settings, embedder) as bot:
        reply = bot.ask("main tasks of a roofer")
    assert "Removing worn shingles and rotten decking" in reply.answer, reply.answer


QUALITIES = """Glazier
Glaziers cut, fit and install glass in windows, doors and storefronts.
Important Qualities
Balance. Glaziers often work on ladders and scaffolds, high above the ground.
Hand-eye coordination. Workers cut glass to exact sizes with scoring tools.
Physical stamina. Glaziers stand, lift and carry heavy panes for most of the shift.
Teamwork. Large panes need two or more workers to lift and set them in place.
Unit conversions. Workers read plans in metric and imperial measures and convert between them.
Pay
The median annual wage for glaziers was $50,580 in May 2023.
"""


def test_a_run_of_labelled_paragraphs_is_a_list():
    doc = parse_text(QUALITIES, "glazier.txt")[0]
    items = [b.text.split(".")[0] for b in blocks(doc, "item") if b.section == ("Important Qualities",)]
    assert items == ["Balance", "Hand-eye coordination", "Physical stamina", "Teamwork", "Unit conversions"]
    # short opening sentences are not labels: three of them in a row stay prose
    prose = parse_text("Glazier\nWork environment\nThe work is hard. Days are long and outdoors.\n"
                       "Pay is decent. Overtime is common in summer.\nDemand is steady. Repairs never stop.\n",
                       "glazier2.txt")[0]
    assert [b.kind for b in prose.blocks if b.section == ("Work environment",) and b.kind != "heading"] == ["paragraph"] * 3


def test_a_question_about_the_qualities_quotes_a_run_of_them(tmp_path, embedder, settings):
    with bot_over(tmp_path, {"glazier.txt": QUALITIES}, settings, embedder) as bot:
        reply = bot.ask("what qualities does a glazier need")
    quoted = [name for name in ("Balance.", "Hand-eye coordination.", "Physical stamina.", "Teamwork.") if name in reply.answer]
    assert len(quoted) >= 3, reply.answer


UNDER_HEADING = """Roofer Job Description Template

Roofer Job Description

We are hiring a roofer for residential work.

Responsibilities

Inspect roofs and estimate repair costs
Remove worn shingles and damaged decking
Install underlayment, flashing and shingles
Seal vents and chimneys against leaks

Requirements

Two years of roofing experience
"""


def test_short_lines_right_under_a_heading_are_its_list():
    """Unmarked lines in the block after "Responsibilities" are its items: the first of them is not
    taken for a heading that would hide "Responsibilities" from every citation."""
    doc = parse_text(UNDER_HEADING, "roofer.txt")[0]
    items = [b.text for b in blocks(doc, "item") if b.section[-1:] == ("Responsibilities",)]
    assert items == ["Inspect roofs and estimate repair costs", "Remove worn shingles and damaged decking",
                     "Install underlayment, flashing and shingles", "Seal vents and chimneys against leaks"]


GLUED = WELDER_CARDS + """Employment Projections
2022 (Current)418,000
2032 (Projected)426,400
Annual Openings45,900
Top Industries
Manufacturing64%
Construction12%
"""


@pytest.mark.parametrize("line, glued", [
    ("Entry Level$38,200", True), ("2032 (Projected)426,400", True), ("Manufacturing64%", True),
    ("Annual Openings45,900", True), ("Ohio$41,000$52,300$60,900", True), ("14%Much Faster Than Average", True),
    ("Python3", False), ("Top 10", False), ("Median salary", False), ("Welders earn $49,100.", False),
])
def test_glued_label_and_figure(line, glued):
    assert layout.is_glued_value(line) is glued


def test_glued_label_figure_lines_are_items_and_captions_stay_with_them():
    doc = parse_text(GLUED, "welder.txt")[0]
    items = [b.text for b in blocks(doc, "item")]
    assert "Entry Level$38,200\n10th percentile" in items and "Top Earners$71,400\n90th percentile" in items
    assert {"2032 (Projected)426,400", "Annual Openings45,900", "Manufacturing64%"} <= set(items)
    # a glued line before a heading is not captioned by it: "Top Industries" heads its own list
    top = next(b for b in blocks(doc) if b.text == "Top Industries")
    assert top.kind == "heading"
    assert next(b for b in blocks(doc) if b.text == "Manufacturing64%").section[-1] == "Top Industries"


FAQ_PAGE = """Welding Certificate Program
Overview
Our welding certificate prepares students for entry-level welding jobs in shops and on construction sites.
Frequently asked questions
How long does welding school take?
Our day program takes 30 weeks from the first class to the certificate.
Evening students attend fewer hours each week and usually finish in about 48 weeks.
Does the program help with job placement?
Yes. Our career office works with local employers and most graduates find work within three months.
"""


def test_a_question_that_asks_most_of_a_faq_gets_its_first_answer(tmp_path, embedder, settings):
    with bot_over(tmp_path, {"welding.txt": FAQ_PAGE}, settings, embedder) as bot:
        reply = bot.ask("how long is welding school")  # the FAQ asks "how long does welding school take?"
    assert "30 weeks" in reply.answer, reply.answer


PIPE_TABLES = """# Roofers

## Summary

| Quick Facts: Roofers | |
|---|---|
| 2023 Median Pay | $50,970 per year |
| Number of Jobs, 2023 | 158,000 |

## Pay

| Percentile | Annual wage |
|:---|---:|
| 10th | $36,200 |
| 90th | $76,400 |

## Pay by state

| State | Median |
|---|---|
| Hawaii | $71,300 |
| ... | ... |
| Arkansas | $38,100 |
"""


def test_an_empty_corner_cell_keeps_its_column():
    doc = parse_text("# Roofers\n\n## Jobs\n\n| | 2022 | 2032 |\n|---|---|---|\n| Roofers | 158,000 | 163,000 |\n",
                     "roofers.txt")[0]
    row = next(b for b in doc.blocks if b.text.startswith("Roofers\t"))
    assert row.section[-1] == "—\t2022\t2032"


def test_markdown_pipe_tables_in_a_text_file_are_rows_not_prose():
    """A page saved as Markdown text keeps its tables as "| a | b |" lines: each row is a unit whose
    cells stay together (the rule line is dropped), so "90th percentile" quotes "$76,400", not "| 90th"."""
    doc = parse_text(PIPE_TABLES, "roofers.txt")[0]
    texts = [b.text for b in doc.blocks]
    assert "2023 Median Pay\t$50,970 per year" in texts and "90th\t$76,400" in texts
    assert not any("|" in t or "---" in t for t in texts)
    # a "| ... |" row marks rows left out: the table goes on under its header
    arkansas = next(b for b in doc.blocks if b.text.startswith("Arkansas"))
    assert arkansas.section[-1] == "State\tMedian"


def test_a_percentile_row_of_a_pipe_table_is_quoted_whole(tmp_path, embedder, settings):
    with bot_over(tmp_path, {"roofers.txt": PIPE_TABLES}, settings, embedder) as bot:
        reply = bot.ask("roofer 90th percentile pay")
    assert "$76,400" in reply.answer and "|" not in reply.answer, reply.answer


def test_a_short_faq_answer_is_quoted_whole(tmp_path, embedder, settings):
    page = ("Roofer Apprenticeship\n\nFrequently asked questions\n\nWhat happens if an apprentice gets laid off?\n"
            "Layoffs happen between projects. You stay in the program, and the coordinator helps place you with "
            "another contractor.\n\nDo apprentices get paid?\nYes. Apprentices earn a share of the journeyworker rate.\n")
    with bot_over(tmp_path, {"roofer.txt": page}, settings, embedder) as bot:
        reply = bot.ask("what happens if a roofer apprentice gets laid off")
    assert reply.answer.startswith("Layoffs happen between projects.") and "another contractor" in reply.answer, reply.answer


def test_the_index_keeps_each_pages_publisher(glazier_bot):
    assert [d.publisher for d in glazier_bot.index.manifest.documents] == ["ExampleCareers"]


PROGRAM_PAGE = """Northfield College
Glazing Technology Certificate
Train to cut, set and seal glass in a hands-on shop, then finish with a paid placement on a job site.
Program length: 9 months, full time
Tuition: $5,900 in-district
Financial aid
Yes. The certificate qualifies for federal financial aid, and the Northfield Foundation awards about 30 scholarships each year.
Northfield College admits students every fall and every spring, and classes meet on the Eastgate campus.
© 2025 Northfield College. All rights reserved.
"""


def test_a_question_may_name_a_page_by_its_publisher(tmp_path, embedder, settings):
    # "northfield" says which page; the program's length is the answer although its line doesn't say "Northfield"
    with bot_over(tmp_path, {"program.txt": PROGRAM_PAGE, "glazier.txt": CAREER_CARDS}, settings, embedder) as bot:
        reply = bot.ask("how long is the glazing certificate at northfield")
    assert not reply.abstained and reply.answer.startswith("Program length: 9 months"), reply.answer


TRUCK_PAGE = """CDL-A Truck Driver Job Description Template
Truck drivers haul freight between terminals and customers, and every truck driver keeps an electronic log.
Benefits
401(k) with a 4% company match
Medical, dental and vision insurance after 30 days
"""
ASSISTANT_PAGE = """Medical Assistant
Medical assistants room patients, take vital signs and update charts for the providers they support.
A medical assistant earns a median of $42,000 a year.
"""


def test_an_answer_about_another_occupation_is_no_answer(tmp_path, embedder, settings):
    pages = {"truck.txt": TRUCK_PAGE, "assistant.txt": ASSISTANT_PAGE}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        other = bot.ask("do medical assistants get a 401k match")
        own = bot.ask("do truck drivers get a 401k match")
    assert other.abstained and other.notes == ("The closest passage is about CDL-A Truck Driver, not Medical Assistant.",)
    assert not own.abstained and "401(k) with a 4% company match" in own.answer


@pytest.mark.parametrize("occupation, names", [
    ("Paralegals and Legal Assistants", ["Paralegals", "Legal Assistants"]),
    ("CDL-A Truck Driver", ["CDL-A Truck Driver", "Truck Driver"]),
    ("Plumbers, Pipefitters, and Steamfitters", ["Plumbers", "Pipefitters", "Steamfitters"]),
])
def test_occupation_names(occupation, names):
    assert occupation_names(occupation) == names


CDL_SCHOOL = """CDL-A Truck Driver Job Description Template
Truck drivers haul freight between terminals and customers.
FAQ
How long does it take to get a CDL?
Most full-time CDL-A courses run three to six weeks.
© 2025 HireLane, Inc. All rights reserved.
"""
TRUCK_OUTLOOK = """Heavy and Tractor-trailer Truck Drivers
How to Become a Truck Driver
Most full-time programs last 4 to 7 weeks and combine classroom lessons with time behind the wheel.
"""


def test_training_times_that_sources_give_differently_are_all_shown(tmp_path, embedder, settings):
    pages = {"cdl.txt": CDL_SCHOOL, "outlook.txt": TRUCK_OUTLOOK, "program.txt": PROGRAM_PAGE}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        differ = bot.ask("how long does it take to get a cdl")
        program = bot.ask("how long is the glazing certificate at northfield")
    assert differ.answer.startswith("The sources give different figures")
    assert "three to six weeks" in differ.answer and "4 to 7 weeks" in differ.answer
    assert "9 months" in program.answer  # the page's publisher is no word its figure must repeat


GLAZIER_OUTLOOK = """Glaziers
Job Outlook
Employment Change, 2022-32: 2,600
Employment, 2022: 58,200
Employment by state
State\tEmployment
New York\t4,310
Texas\t5,020
"""


def test_new_jobs_are_the_change_not_a_state_called_new(tmp_path, embedder, settings):
    with bot_over(tmp_path, {"outlook.txt": GLAZIER_OUTLOOK}, settings, embedder) as bot:
        reply = bot.ask("how many new jobs is that?", ["glazier job outlook 2022-32"])
    assert "2,600" in reply.answer and "New York" not in reply.answer


def test_a_generic_role_noun_names_no_occupation_and_a_short_form_names_its_own():
    assert occupation_names("Avionics Equipment Mechanics and Technicians") == [
        "Avionics Equipment Mechanics", "Equipment Mechanics"]


JOBWELL_PAGE = """Glazier Job Description Template
Pay
Glaziers on our board start at $18.82 an hour at entry level, and the top tenth earn $34.10.
© 2025 Jobwell, Inc.
"""
LEDGER_PAGE = """Glazier Salary
Pay by experience
New glaziers in our data start at $17.54 an hour; the top tenth earn more than $33.90.
© 2025 WageLedger
"""


def test_according_to_a_publisher_the_answer_comes_from_its_page(tmp_path, embedder, settings):
    with bot_over(tmp_path, {"jobwell.txt": JOBWELL_PAGE, "ledger.txt": LEDGER_PAGE}, settings, embedder) as bot:
        jobwell = bot.ask("entry level glazier hourly pay according to jobwell")
        ledger = bot.ask("entry level glazier hourly pay according to wageledger")
    assert "$18.82" in jobwell.answer and "$17.54" not in jobwell.answer
    assert "$17.54" in ledger.answer and "$18.82" not in ledger.answer


SCRUB_TECH_PAGES = {
    "surgical-tech-salary.html": (
        "<html><head><title>Surgical Technologist Salary | PayAtlas</title></head><body><main>"
        "<h1>Surgical Technologist Salary</h1><h2>Salary range</h2>"
        "<p>Half of all surgical technologists earned between $51,090 and $72,380 in May 2023.</p><table>"
        "<thead><tr><td></td><td>10%</td><td>25%</td><td>Median</td><td>75%</td><td>90%</td></tr></thead>"
        "<tbody><tr><td>Hourly</td><td>$21.28</td><td>$24.56</td><td>$29.68</td><td>$34.80</td><td>$40.84</td></tr>"
        "<tr><td>Annual</td><td>$44,260</td><td>$51,090</td><td>$61,730</td><td>$72,380</td><td>$84,950</td></tr>"
        "</tbody></table></main></body></html>"),
    "night-shift.html": (
        "<html><body><main><h1>Night Shift: A Day in the Life of a Surgical Technologist</h1>"
        "<div class='card'><span>9:45 p.m.–6:15 a.m.</span><span>Shift, four nights on, three off</span></div>"
        "<div class='card'><span>5–7</span><span>Operations on her board per night</span></div>"
        "<h2>The night, hour by hour</h2><ol><li><time>9:45 p.m.</time> Turnover with the evening crew.</li>"
        "<li><time>5:15 a.m.</time> Restocking: she refills the suture cart and counts the instrument trays.</li></ol>"
        "<h2>Training</h2><p>Accredited programs require each student to complete at least 120 surgical cases "
        "before graduation. Most programs take 12 to 15 months.</p></main></body></html>"),
}


@pytest.fixture(scope="module")
def scrub_tech_bot(tmp_path_factory, embedder, settings):
    with bot_over(tmp_path_factory.mktemp("scrub"), SCRUB_TECH_PAGES, settings, embedder) as bot:
        yield bot


@pytest.mark.parametrize("question, figure", [
    ("surg tech 25th percentile salary", "$51,090"),  # a shortening of the page's own name; the 25% column
    ("surgical technologist 90th percentile annual pay", "$84,950"),
])
def test_a_percentile_question_is_answered_from_the_percentile_table(scrub_tech_bot, question, figure):
    reply = scrub_tech_bot.ask(question)
    assert not reply.abstained and figure in reply.answer, reply.answer


def test_how_many_wants_a_number_of_the_things_counted(scrub_tech_bot):
    reply = scrub_tech_bot.ask("how many surgical cases do you need to finish the program")
    assert "at least 120 surgical cases" in reply.answer, reply.answer
    reply = scrub_tech_bot.ask("how many operations does a surgical tech do in one night")
    assert reply.answer.startswith("5–7 Operations"), reply.answer  # two spans of one card are two words


def test_a_time_of_day_in_the_question_picks_the_entry_that_gives_it(scrub_tech_bot):
    reply = scrub_tech_bot.ask("what happens at 5:15 a.m. on a surgical tech's night shift")
    assert "suture cart" in reply.answer, reply.answer


HOW_TO_PAGE = """JobHarbor
Career guide  /  How to Become a Scrub Tech

How to Become a Scrub Tech in 3 Steps
JobHarbor Editorial Team
Updated January 9, 2025

Scrub techs keep operating rooms sterile and ready for surgery, and this guide shows how to become one.

In this article:
What is a scrub tech?
How to become a scrub tech
Frequently asked questions

What is a scrub tech?
A scrub tech prepares the operating room and passes instruments to the surgeon during an operation.

How to become a scrub tech
Step 1: Earn a high school diploma or GED
Every accredited program asks for a high school diploma or its equivalent before you apply.
Step 2: Complete an accredited surgical technology program
Certificate programs usually take 12 to 15 months and end with supervised clinical rotations.
Step 3: Pass the certification exam
The exam has 175 multiple-choice questions, and you have four hours to finish it.

Frequently asked questions
Can I become a scrub tech online?
Only partly. The lab work and the clinical cases must be done in person.
"""


def test_a_table_of_contents_and_a_byline_are_no_sections():
    (doc,) = parse_text(HOW_TO_PAGE, "scrub-tech.txt")
    headings = [b.section[-1] for b in doc.blocks]
    assert doc.blocks[0].section == ("Overview",) and "JobHarbor Editorial Team" not in headings
    assert "In this article:" not in doc.text  # the contents' intro goes with its lines
    # each section heading heads its own text once, not an empty contents line
    assert [b.text for b in doc.blocks if b.section == ("What is a scrub tech?",) and b.kind != "heading"] == [
        "A scrub tech prepares the operating room and passes instruments to the surgeon during an operation."]


def test_steps_labelled_step_n_are_listed_in_order(tmp_path, embedder, settings):
    with bot_over(tmp_path, {"scrub-tech.txt": HOW_TO_PAGE}, settings, embedder) as bot:
        reply = bot.ask("list the steps to become a scrub tech")
    for n, step in enumerate(["Earn a high school diploma", "Complete an accredited", "Pass the certification exam"], 1):
        assert f"{n}. “Step {n}: {step}" in reply.answer, reply.answer


def test_an_organisation_a_page_names_twice_is_its_own_name():
    """An employer's or school's name said twice names the page, and so does its short form (the
    words before its kind); not a name said once, a sentence's first word ("At", "Our"), or a name
    of general words only ("Health Care Services")."""
    text = ("Licensed Massage Therapist\nJuniper Creek Day Spa & Wellness\nAt Juniper Creek Day Spa & Wellness you "
            "grow. Our Health Care Services plan starts on day one; Health Care Services costs are shared. We trained "
            "at Lakeview School of Massage once. Tamarack School of Massage; Tamarack School of Massage.\n")
    assert layout.organisation_names(text) == ["Juniper Creek Day Spa & Wellness", "Juniper Creek",
                                                "Tamarack School of Massage", "Tamarack"]


JOB_RESULTS = """Glazier jobs in Houston, TX
64 jobs
Sort by: relevance - date

Commercial Glazier – Journeyman
Bayou City Glass & Metal
4.1 ★
Houston, TX 77092
$29.25 - $35.60 an hour
Full-time
Monday to Friday
+1
Easily apply
Install aluminum storefront, entrances and curtain wall on new commercial buildings across the metro.
Bring your own hand tools; the company supplies suction cups, lifts and harnesses.
Active 2 days ago
·
More...

Glazing Foreman
Tejas Glass Systems
Houston, TX 77041
From $38.55 an hour
Full-time
Urgently hiring
Run a crew of 4 to 8 glaziers on storefront and curtain wall jobs.
Posted 12 days ago
·
More...

Get new glazier jobs in Houston, TX by email
Your email
By subscribing you agree to our Terms. You can unsubscribe at any time.

Glazier salaries in Houston, TX
$26.38
per hour
Average base salary · 214 salaries reported · Updated June 9, 2025
Most common pay range: $22.10 – $30.90
"""


def test_a_job_board_result_card_keeps_its_fields_under_its_title():
    """A result card, one field per line: its shift tags head nothing, its badges and age are chrome,
    and its company, place and pay stay one item under the job title."""
    (doc,) = parse_text(JOB_RESULTS, "glazier-jobs.txt")
    assert doc.title == "Glazier jobs in Houston, TX"
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "Commercial Glazier – Journeyman" in headings and "Glazing Foreman" in headings
    assert not {"Monday to Friday", "Full-time", "Urgently hiring", "Your email"} & set(headings)
    fields = next(b for b in doc.blocks if b.text.startswith("Tejas Glass Systems"))
    assert fields.kind == "item" and "From $38.55 an hour" in fields.text and fields.section == ("Glazing Foreman",)
    snippet = next(b for b in doc.blocks if b.text.startswith("Bring your own hand tools"))
    assert snippet.section == ("Commercial Glazier – Journeyman",)
    for chrome in ("Easily apply", "Urgently hiring", "Active 2 days ago", "+1", "By subscribing", "More..."):
        assert chrome not in doc.text, chrome


def test_a_value_s_unit_on_its_own_line_and_a_caption_of_counts_stay_with_it():
    """ "$26.38" / "per hour" is one figure, and "Average base salary · 214 salaries reported · Updated …"
    under it says what it is (two of its parts are counts, so it is no menu)."""
    (doc,) = parse_text(JOB_RESULTS, "glazier-jobs.txt")
    widget = next(b for b in doc.blocks if "$26.38" in b.text)
    assert widget.text.endswith("$26.38\nper hour\nAverage base salary · 214 salaries reported · Updated June 9, 2025")
    assert layout.is_menu_line("Find jobs     Salaries     Company reviews     Career guides")


LICENSE_PAGE = """Funeral Director License

Requirements
To be licensed you must:
  1. Complete at least 60 semester hours of college credit.
  2. Pass both sections of the National Board Examination (NBE).
       o  NBE scores are accepted for 5 years from the test date.
       o  The Board does not collect the NBE fee.
  3. Pass the laws and rules examination.
↑ Back to top

Fees
Fee\tAmount\tNotes
Intern registration\t$90\tValid for 24 months
Initial funeral director license\t$160\tIncludes the first wall certificate;
not refundable
Renewal (every 2 years)\t$140\tDue by June 30
"""


def test_word_processor_sub_bullets_and_a_wrapped_table_cell():
    """ "o" bullets under a numbered step are items of their own, a table cell wrapped onto the next
    line stays in its row, and "↑ Back to top" is chrome."""
    (doc,) = parse_text(LICENSE_PAGE, "license.txt")
    items = [b.text for b in doc.blocks if b.kind == "item"]
    assert "Pass both sections of the National Board Examination (NBE)." in items
    assert "NBE scores are accepted for 5 years from the test date." in items
    assert "Initial funeral director license\t$160\tIncludes the first wall certificate; not refundable" in items
    assert "Back to top" not in doc.text
    assert "◦ NBE scores are accepted" in doc.text  # shown as the hollow bullet it is, not a letter "o"


def test_a_sentence_after_a_table_row_is_not_its_wrapped_cell():
    page = "Fees\n\nFee\tAmount\nRenewal\t$140\nnote that fees are not refundable once an application is filed.\n"
    (doc,) = parse_text(page, "fees.txt")
    assert "Renewal\t$140 note that" not in doc.text


def test_a_menu_with_numbers_in_its_links_is_still_a_menu():
    assert layout.is_menu_line("Home    Jobs    Top 10 Careers    2025 Salaries    Contact")
    assert not layout.is_menu_line("Average base salary · 214 salaries reported · Updated June 9, 2025")


PLUMBER_WIKI = """Plumber
A plumber installs and repairs the pipes, fixtures and water heaters of homes and businesses.
Pay
In May 2024 the median wage for plumbers in the United States was $62,970 a year.
"""


def test_a_page_whose_occupation_name_holds_the_asked_name_answers_for_it(tmp_path, embedder, settings):
    """A guild bulletin about "Harbor Plumbers" is about plumbers: a question that names the
    occupation ("plumber") gets the bulletin's figure, not "the passage is about another occupation"."""
    pages = {"plumber.txt": PLUMBER_WIKI, "bulletin.txt": NEWSLETTER_WAGES}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("tacoma plumber wage")
    assert not reply.abstained and "$26.80" in reply.answer, (reply.answer, reply.notes)


NEWSLETTER_WAGES = """========================================================================
            HARBOR PLUMBERS GUILD  *  MEMBER BULLETIN
                  No. 12  *  March 2025  *  Washington
========================================================================

------------------------------------------------------------------------
2. PAY BY METRO AREA
------------------------------------------------------------------------

Our members are plumbers at harbor contractors and repair shops. Plumbers who answered the
guild survey gave their base hourly wage; the median wage of plumbers in each metro area is below.

  | Metro area       | Median hourly wage |
  |------------------|--------------------|
  | Seattle          | $28.15             |
  | Tacoma           | $26.80             |
  | Olympia          | $24.95             |
"""


def test_a_byline_with_its_date_or_reading_time_is_chrome():
    assert layout.is_chrome("By Dana Whitlock, Master Plumber | Updated March 14, 2024 | 9 min read")
    assert layout.is_chrome("In this article")
    assert not layout.is_chrome("By 2030 the field is projected to grow 10 percent | 5 min read")


def test_a_row_of_column_names_split_by_bars_is_no_byline():
    """"By state | Median | …" is a table's header row, not "By <name> | Updated <date>" (the byline rule
    reads it in one pass: an earlier form backtracked for close to a minute on this line)."""
    assert not layout.is_chrome("By state  |  Median  |  Mean  |  10th  |  25th  |  75th  |  90th  |  Jobs  |  Growth  |  Openings")


def test_a_link_drawn_with_an_arrow_is_chrome_but_an_accordion_heading_is_not():
    """ "See all 51 ›", "Show all facts ▾", "What affects pay? More ›": links and panel switches,
    never headings over the content after them; "Benefits ▾" names no link and heads its panel."""
    for line in ("See all 51 ›", "Show all facts ▾", "What affects pay? More ›", "More industries ›", "Show more ▾"):
        assert layout.is_chrome(line), line
    for line in ("Benefits ▾", "Median salary", "Exercise physiologists", "Do divers earn more offshore? ▾",
                 "Is the full course online? ▸", "Full benefits package ▾"):  # a FAQ's or a panel's own heading
        assert not layout.is_chrome(line), line
    page = ("Athletic Trainers\n\nRELATED OCCUPATIONS\nExercise physiologists    Median $56,690    More ›\n"
            "Recreational therapists    Median $57,180    More ›\n\nSee all 51 ›\n\nOUTLOOK\nJobs grow 14%.\n")
    (doc,) = parse_text(page, "at.txt")
    texts = [b.text for b in doc.blocks]
    assert not any("›" in text for text in texts), texts
    assert any(text.endswith("Median $56,690") for text in texts), texts
    assert [b.section for b in doc.blocks if b.text == "Jobs grow 14%."] == [("OUTLOOK",)]


def test_label_value_cards_under_a_heading_pair_label_first_up_to_their_caption_sentence():
    """ "Entry level (0–2 yrs)" / "$47,640" / "Early career (3–5 yrs)" / "$53,280" … then a caption
    sentence: each label keeps the value under it, not the one above it."""
    page = ("Athletic Trainers\n\nPAY BY EXPERIENCE\nEntry level (0–2 yrs)\n$47,640\nEarly career (3–5 yrs)\n$53,280\n"
            "Senior (11–20 yrs)\n$68,540\nBased on 1,284 self-reported salaries, Jan 2024 – Jan 2025, not a federal estimate\n")
    (doc,) = parse_text(page, "at.txt")
    items = [b.text for b in doc.blocks if b.kind == "item"]
    assert items == ["Entry level (0–2 yrs)\n$47,640", "Early career (3–5 yrs)\n$53,280", "Senior (11–20 yrs)\n$68,540"]
    # a short line after the run is the last value's label: the run reads value first
    program = "Massage Therapy Diploma\n\n700\nclock hours of training\n100\nhours in our student clinic\n94%\nMBLEx pass rate, class of 2024\n"
    (doc,) = parse_text(program, "m.txt")
    assert "94%\nMBLEx pass rate, class of 2024" in [b.text for b in doc.blocks], [b.text for b in doc.blocks]


def test_a_stat_card_keeps_its_caption_lines_with_its_value():
    """ "Projected growth" / "14%" / "2023–2033 · Much faster than average": the period says what the
    figure covers; it is the card's, not a heading over the next card."""
    page = ("Athletic Trainers\n\nMedian annual wage\n$57,930\n▲ 3.6% vs. May 2022\nSource: federal wage survey, May 2023\n\n"
            "Projected growth\n14%\n2023–2033  ·  Much faster than average\n\nAnnual openings\n2,810\n2023–2033 average\n")
    (doc,) = parse_text(page, "at.txt")
    assert [b.text for b in doc.blocks] == [
        "Median annual wage\n$57,930\n▲ 3.6% vs. May 2022\nSource: federal wage survey, May 2023",
        "Projected growth\n14%\n2023–2033  ·  Much faster than average", "Annual openings\n2,810\n2023–2033 average"]
    assert {b.section for b in doc.blocks} == {("Overview",)}


def test_lines_with_digits_under_a_card_are_no_captions_unless_they_open_like_one():
    """ "Step 1: finish a 9-month program" holds a digit but is a step of its own, not the caption of
    the "Time to qualify" card above it."""
    page = "Welder\n\nTime to qualify\n4 to 5 years\nStep 1: finish a 9-month program\nStep 2: pass the AWS exam\n"
    (doc,) = parse_text(page, "w.txt")
    assert "Time to qualify\n4 to 5 years" in [b.text for b in doc.blocks], [b.text for b in doc.blocks]


def test_a_caption_under_a_heading_in_capitals_is_its_subtitle():
    """ "TOP-PAYING STATES" over "Ranked by annual mean wage, May 2023": the rows sit under both, so a
    question about states finds the list by its heading; a title-case heading under it stays a section."""
    page = ("Athletic Trainers\n\nAthletic trainers treat sports injuries.\n\nTOP-PAYING STATES\nRanked by annual mean wage, May 2023\n"
            " #1   Rhode Island            $74,830\n #2   New Jersey              $71,260\n\n"
            "LOWEST-PAYING STATES\n #51  Mississippi             $43,170\n #50  West Virginia           $45,560\n\n"
            "5. MINIMUM QUALIFICATIONS\nPiano Technician Trainee\nHigh school diploma or GED.\n")
    (doc,) = parse_text(page, "at.txt")
    sections = {b.text: b.section for b in doc.blocks if b.kind != "heading"}
    assert sections["#1   Rhode Island            $74,830"][-2:] == ("TOP-PAYING STATES", "Ranked by annual mean wage, May 2023")
    assert sections["#51  Mississippi             $43,170"][-1] == "LOWEST-PAYING STATES"
    assert "5. MINIMUM QUALIFICATIONS" not in sections["High school diploma or GED."], sections


def test_touching_inline_spans_keep_a_sum_apart_from_its_label():
    """A bar chart's "<span>VA medical centers</span><span>$95,170</span>": no glued "centers$95,170"."""
    from assistant.corpus import parse_source

    markup = (b"<html><body><h1>O&amp;P Pay</h1><div class='bar-chart'><div class='bar-item'><span>VA medical centers</span>"
              b"<span>$95,170</span><span>(federal GS-11 to GS-12)</span></div></div></body></html>")
    text = parse_source(markup, "pay.html")[0].text
    assert "VA medical centers $95,170 (federal GS-11 to GS-12)" in text

    # an empty inline tag (an icon) adds no space: "Salary: $50,000", not "Salary : $50,000"
    icon = b"<html><body><h1>Pay</h1><div><div><b>Salary</b><i class='icon'></i>: $50,000 a year</div></div></body></html>"
    assert "Salary: $50,000 a year" in parse_source(icon, "icon.html")[0].text


def test_a_details_tables_employer_field_names_the_page_though_said_once():
    """ "Employer<TAB>Great Lakes Heart Institute (example)": the posting's own employer, and its short
    form; a location or a department in the same table is no organisation."""
    text = ("Perfusionist II\nEmployer\tGreat Lakes Heart Institute (example)\nRequisition\tGLH-26-0042\n"
            "Department\tPerfusion Services, Cardiovascular Operating Rooms\nLocation\tToledo, Ohio\n"
            "Winery:\tCedar Bluff Winery (example)\n")
    assert layout.organisation_names(text) == ["Great Lakes Heart Institute", "Great Lakes",
                                                "Cedar Bluff Winery", "Cedar Bluff"]
