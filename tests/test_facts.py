"""The fact table: figures typed with their subject, statistic, scope and year, on the shipped page and on
a page written here in the same format with other roles, currencies and phrasings."""
import pytest

from assistant.chunking import chunk_documents
from assistant.facts import extract_facts, is_role_word, occupation, page_year, role_phrase
from assistant.parsing import parse_file, parse_text

from .conftest import CORPUS, GUIDE

OTHER_PAGE = """Data Platform Lead

Overview

Data platform leads in Berlin build the systems that move data. The European data platform market is expected
to reach €12.5 billion by 2030, with a CAGR of 18.5%.

Salary Ranges (Germany, 2025)

Pay for data platform leads varies with experience:

Junior Data Platform Lead

  • Salary Range: €55,000–€70,000 per year
  • Usually requires 1-3 years of experience

Senior Data Platform Lead

  • Salary Range: between €90,000 and €120,000 per year
  • Usually requires 6+ years of experience

Related Roles

  • Data Engineers: Average salary around €62,000, with senior roles reaching €85,000+
  • Analytics Managers: Salary range: €70,000 to €95,000.
  • UK Data Leads: Median salary £60,000
"""


def facts_of(documents):
    chunked = chunk_documents(documents)
    return extract_facts(chunked.chunks, chunked.units, {d.doc_id: occupation(d.title, d.text) for d in documents},
                         {d.doc_id: page_year(d.text) for d in documents})


@pytest.fixture(scope="module")
def guide_facts():
    return facts_of(parse_file(GUIDE, CORPUS))


def find(facts, subject, attribute, qualifier=None, value=None):
    found = [f for f in facts if f.subject == subject and f.attribute == attribute
             and (qualifier is None or f.qualifier == qualifier) and (value is None or f.value == value)]
    assert found, f"no {attribute} fact for {subject}: {[(f.subject, f.attribute) for f in facts]}"
    return found[0]


SHIPPED = [  # (subject, attribute, statistic, value as written, low, high)
    ("Entry-Level MLOps Manager", "salary", "range", "$120,000 - $150,000", 120000, 150000),
    ("Mid-Level MLOps Manager", "salary", "range", "$160,000 - $200,000", 160000, 200000),
    ("Senior-Level MLOps Manager", "salary", "range", "$200,000 - $250,000+", 200000, 250000),
    ("Senior-Level MLOps Manager", "experience", None, "7+ years", 7, None),
    ("MLOps Engineer", "salary", "range", "$131,158 to $200,000", 131158, 200000),
    ("Director of MLOps", "salary", None, "between $198,125 and $237,500", 198125, 237500),
    ("MLOps Team Lead", "salary", "average", "$137,700", 137700, 137700),
    ("DevOps Managers", "salary", "median", "$140,000", 140000, 140000),
    ("DevOps Managers", "salary", "senior", "$178,000+", 178000, 178000),
    ("Machine Learning Managers", "salary", "average", "$81,709", 81709, 81709),
    ("DevOps market", "market size", None, "$81.1 billion", 81.1e9, 81.1e9),
    ("MLOps market", "market growth", None, "43.2%", 43.2, 43.2),
]


@pytest.mark.parametrize("subject, attribute, qualifier, value, low, high", SHIPPED, ids=[f"{s}:{v}" for s, _, _, v, _, _ in SHIPPED])
def test_the_shipped_pages_figures(guide_facts, subject, attribute, qualifier, value, low, high):
    fact = find(guide_facts, subject, attribute, qualifier, value)
    assert fact.low == pytest.approx(low)
    assert fact.high == pytest.approx(high if high is not None else low)  # "7+ years": at least 7


def test_figures_keep_their_scope_year_and_place_in_the_text(guide_facts):
    doc = parse_file(GUIDE, CORPUS)[0]
    mid = find(guide_facts, "Mid-Level MLOps Manager", "salary")
    assert (mid.scope, mid.year, mid.unit, mid.period) == ("US Market, 2024", 2024, "USD", "year")
    assert doc.text[mid.start:mid.end] == "$160,000 - $200,000"
    assert doc.text[mid.unit_start:mid.unit_end] == "Salary Range: $160,000 - $200,000 per year"
    assert find(guide_facts, "DevOps market", "market size").year in (2024, 2028)
    assert {f.year for f in guide_facts if f.subject == "DevOps market"} == {2024, 2028}


def test_another_page_in_the_same_format_with_other_currencies_and_phrasings():
    facts = facts_of(parse_text(OTHER_PAGE, "data-platform-lead.txt"))
    junior = find(facts, "Junior Data Platform Lead", "salary")
    assert (junior.value, junior.low, junior.high, junior.unit) == ("€55,000–€70,000", 55000, 70000, "EUR")
    assert junior.scope == "Germany, 2025" and junior.year == 2025
    senior = find(facts, "Senior Data Platform Lead", "salary")
    assert (senior.value, senior.low, senior.high) == ("between €90,000 and €120,000", 90000, 120000)
    assert find(facts, "Senior Data Platform Lead", "experience").value == "6+ years"
    engineers = [f for f in facts if f.subject == "Data Engineers" and f.attribute == "salary"]
    assert [(f.qualifier, f.value) for f in engineers] == [("average", "€62,000"), ("senior", "€85,000+")]
    assert find(facts, "Analytics Managers", "salary").value == "€70,000 to €95,000"
    uk = find(facts, "UK Data Leads", "salary")
    assert (uk.unit, uk.qualifier, uk.low) == ("GBP", "median", 60000)
    market = find(facts, "European data platform market", "market size")
    assert (market.value, market.year) == ("€12.5 billion", 2030)


def test_costs_bonuses_and_differences_are_not_salaries():
    page = ("Welder\n\nPay\n\nThe average welder earns $48,000 a year.\nWelders report $6,250 in overtime pay per year.\n"
            "Certified welders earn about $4,200 more per year.\nThe course costs $3,500.\n")
    salaries = [f.value for f in facts_of(parse_text(page, "w.txt")) if f.attribute == "salary"]
    assert salaries == ["$48,000"]


def test_a_costs_table_scholarships_and_deposits_are_not_pay():
    page = ("Pastry Cook\n\nCareers and pay\n\nPastry cooks earn a median of $18.75 an hour.\n\n"
            "Costs for 2025–26\n\nCost item\tResident\tNonresident\nTextbooks\t$390\t$390\nTotal\t$7,910\t$13,742\n\n"
            "Apply\n\nPay the $75 kit deposit to hold your place. Six scholarships of $1,350 are awarded each year.\n")
    pay = [f.value for f in facts_of(parse_text(page, "p.txt")) if f.attribute in ("salary", "hourly pay")]
    assert pay == ["$18.75"]
    outcomes = "Welding Certificate\n\nCosts and outcomes\n\nOur graduates earned a median of $48,000 a year in 2024.\n"
    assert [f.value for f in facts_of(parse_text(outcomes, "w.txt")) if f.attribute == "salary"] == ["$48,000"]


@pytest.mark.parametrize("heading, phrase", [
    ("Mid-Level MLOps Manager", "Mid-Level MLOps Manager"), ("Dental hygienist pay by level", "Dental hygienist"),
    ("Plumbers, Pipefitters, and Steamfitters", "Plumbers, Pipefitters, and Steamfitters"),
    ("How Much Do Plumbers Make in 2024?", "Plumbers"), ("Director of MLOps: Senior leadership", "Director of MLOps"),
    ("Salary Ranges (US Market, 2024)", ""),
    ("Aircraft and Avionics Equipment Mechanics and Technicians", "Aircraft and Avionics Equipment Mechanics and Technicians"),
    ("Salary and Benefits Manager", "Benefits Manager"),  # "Salary" is what is measured, not a kind of manager
    ("Salary & Benefits Manager", "Benefits Manager"),
    ("Glaziers & Glassworkers Local 1187", "Glaziers & Glassworkers"),  # "&" joins two roles as "and" does
    ("Step 1 — Pastry Cook I", "Pastry Cook"),  # a dash ends the phrase
    # a grade in brackets is no part of the role's name
    ("Processing Archivist (Archivist I)", "Processing Archivist"), ("(Archivist II)", "Archivist"),
    ("GC IV (Lead, Laboratory)", "GC IV (Lead, Laboratory)"),  # the only role word is in the brackets: kept whole
    # "of" and every capitalised word of the name after it, but not the attribute words after the name
    ("Head of Special Collections †", "Head of Special Collections"),
    ("Director of Data Science Pay", "Director of Data Science"),
    ("Director of Engineering Compensation", "Director of Engineering"),  # a page word ends the name
    ("Director of Engineering Boston MA", "Director of Engineering Boston"),  # (a state code does; a city does not yet)
    ("Years of Service Manager", "Service Manager"),
    ("First year ironworker apprentice at Local 608", "ironworker"),  # how long someone has worked is no name
])
def test_role_phrases(heading, phrase):
    assert role_phrase(heading) == phrase


def test_a_page_without_a_role_in_its_title_is_about_the_role_it_names_most():
    text = "Dental hygienists clean teeth. A dental hygienist earns well. Every dental hygienist needs a license."
    assert occupation("Dental Hygiene, A.A.S.", text) == "dental hygienist"
    assert occupation("Plumber Salary Guide", "") == "Plumber"


def test_the_year_a_page_says_its_figures_are_for():
    assert page_year("Updated January 15, 2025. Wage figures are May 2023 estimates.") == 2025
    assert page_year("Salary figures are national medians from May 2021.") == 2021
    assert page_year("Plumbers fix pipes.") is None


def test_bounds_are_figures_with_their_statistic_and_differences_are_not():
    page = ("Welder\n\nPay\n\nThe median annual wage for welders was $48,000 in May 2023. The lowest 10 percent earned "
            "less than $31,000, and the highest 10 percent earned more than $72,000.\n"
            "Certified welders earn $4,000 more than uncertified ones.\n")
    salaries = {(f.qualifier, f.value) for f in facts_of(parse_text(page, "w.txt")) if f.attribute == "salary"}
    assert salaries == {("median", "$48,000"), ("bottom 10%", "$31,000"), ("top 10%", "$72,000")}


def test_table_rows_are_breakdown_rows_typed_by_their_column():
    page = ("Welder\n\nWages by state\n\nState\tEmployment\tAnnual mean wage\nOhio\t5,120\t$61,000\nTexas\t9,870\t$55,500\n\n"
            "Projected employment\n\nLocation\t2022\t2032\tAnnual job openings\nUnited States\t418,000\t428,000\t45,500\n"
            "Ohio\t21,000\t21,400\t2,300\n")
    facts = {(f.qualifier, f.attribute, f.value) for f in facts_of(parse_text(page, "w.txt"))}
    # the row names the state; the "mean" of the column header doesn't make a state's row the average
    assert ("Ohio", "salary", "$61,000") in facts and ("Texas", "salary", "$55,500") in facts
    assert ("Ohio", "jobs", "5,120") in facts
    assert not any(q == "average" for q, _, _ in facts)
    # the column header says what a bare number counts; the country's row is the headline, not a breakdown row
    assert ("", "openings", "45,500") in facts and ("Ohio", "openings", "2,300") in facts


def test_dot_leader_rows_are_breakdown_rows():
    page = ("Welder\n\nWelders join metal parts for a living.\n\nPay\n\nThe median annual wages for welders in the top "
            "industries were as follows:\n\nShipbuilding .................. $58,230\nConstruction .................. $51,660\n")
    facts = {(f.qualifier, f.attribute, f.value) for f in facts_of(parse_text(page, "w.txt"))}
    assert ("Shipbuilding", "salary", "$58,230") in facts and ("Construction", "salary", "$51,660") in facts


def test_year_columns_of_a_jobs_table_are_counts_of_that_year_and_the_later_one_is_projected():
    page = ("Welder\n\nProjected employment\n\nLocation\t2022\t2032\tPercent change\tAnnual job openings\n"
            "United States\t418,000\t428,000\t2%\t45,500\nOhio\t21,000\t21,400\t2%\t2,300\n")
    facts = {(f.qualifier, f.attribute, f.value, f.year) for f in facts_of(parse_text(page, "w.txt"))}
    assert ("", "jobs", "418,000", 2022) in facts  # the country's count for the year its column names
    assert ("projected", "jobs", "428,000", 2032) in facts  # the later year column: a projection
    assert ("", "job growth", "2%", 2032) in facts  # "Percent change" of employment
    assert ("Ohio", "jobs", "21,000", 2022) in facts and ("", "openings", "45,500", 2032) in facts
    # a header that names its year in words: "Projected Employment, 2033"
    page = ("Welder\n\nProjections\n\nOccupational Title\tEmployment, 2023\tProjected Employment, 2033\n"
            "Welders\t418,000\t428,000\n")
    facts = {(f.qualifier, f.attribute, f.value, f.year) for f in facts_of(parse_text(page, "w.txt"))}
    assert ("", "jobs", "418,000", 2023) in facts and ("projected", "jobs", "428,000", 2033) in facts


def test_glued_and_space_separated_rows_name_their_place():
    page = ("Welder career data\nTop Paying Metro Areas\n1. Anchorage, AK$79,400\n2. Honolulu, HI$74,100\n\n"
            "Wages by state\nState Employment Hourly mean wage Annual mean wage\n"
            "District of Columbia 610 $38.20 $79,450\nNew Mexico 1,480 $27.10 $56,370\n")
    facts = {(f.qualifier, f.attribute, f.value) for f in facts_of(parse_text(page, "w.txt"))}
    assert ("Anchorage, AK", "salary", "$79,400") in facts  # the words glued before the figure
    assert ("District of Columbia", "salary", "$79,450") in facts  # the words before the row's figures
    assert ("New Mexico", "hourly pay", "$27.10") in facts
    assert not any(q == "average" for q, _, _ in facts)  # "mean wage" names the column, not the row


def test_faster_than_average_is_a_comparison_not_the_mean():
    page = "Welder\n\nJob Outlook\n\n14% Much faster than average\n\nAverage salary: $52,000\n"
    facts = {(f.qualifier, f.attribute, f.value) for f in facts_of(parse_text(page, "w.txt"))}
    assert ("", "job growth", "14%") in facts
    assert ("average", "salary", "$52,000") in facts  # a real average still is one


@pytest.mark.parametrize("heading, phrase", [
    ("How much does a carpenter make?", "carpenter"), ("Roofer salary by state", "Roofer"),
    ("Chef pay", "Chef"), ("Paramedic job outlook", "Paramedic"),
])
def test_common_trades_are_roles_too(heading, phrase):
    assert role_phrase(heading) == phrase


def test_rows_of_pay_by_experience_are_breakdown_rows_not_averages():
    page = "Glazier\n\nGlazier salary by experience\n\nExperience\tAverage salary\nLess than 1 year\t$38,100\n1-4 years\t$44,000\n"
    facts = {(f.qualifier, f.value) for f in facts_of(parse_text(page, "g.txt")) if f.attribute == "salary"}
    assert facts == {("Less than 1 year", "$38,100"), ("1-4 years", "$44,000")}


def test_a_count_of_hours_or_students_is_not_a_job_count_and_glued_cards_are_figures():
    page = ("Roofer Apprenticeship\n\nProgram\n\nOn-the-job training — about 6,400 hours working on job sites\n\n"
            "About 1,200 students finish the program each year.\n\nOutlook\n\n158,000Total US jobs (2022)\n")
    facts = {(f.attribute, f.value) for f in facts_of(parse_text(page, "r.txt"))}
    assert ("jobs", "158,000") in facts  # a card glued to its label is a figure, not a heading
    assert not any(v in ("6,400", "1,200") for _, v in facts)


def test_past_year_columns_are_not_projections_and_change_columns_are_not_job_counts():
    page = ("Welder\n\nEmployment by year\n\nLocation\tEmployment, 2018\tEmployment, 2020\tEmployment, 2022\n"
            "United States\t398,000\t405,000\t418,000\n\n"
            "Projections\n\nOccupation\tEmployment, 2022\tChange, 2022-32 Numeric\nWelders\t418,000\t9,800\n")
    facts = {(f.qualifier, f.attribute, f.value, f.year) for f in facts_of(parse_text(page, "w.txt"))}
    assert ("", "jobs", "405,000", 2020) in facts and ("", "jobs", "418,000", 2022) in facts
    assert not any(q == "projected" for q, _, _, _ in facts)
    assert not any(v == "9,800" for _, _, v, _ in facts)


def test_a_figure_restated_with_or_keeps_the_statistic_of_the_one_before():
    page = ("Welder\n\nWelders join metal parts for a living.\n\nPay\n\nWelders earned a median wage of $48,260 a year, "
            "or $23.20 an hour, in May 2021.\n")
    facts = {(f.attribute, f.qualifier, f.value) for f in facts_of(parse_text(page, "w.txt"))}
    assert ("salary", "median", "$48,260") in facts and ("hourly pay", "median", "$23.20") in facts


def test_growth_between_two_years_is_no_range_and_new_jobs_are_no_job_count():
    page = ("Glazier\n\nOutlook\n\nEmployment is projected to grow 4.5% between 2022 and 2032.\n\n"
            "Glaziers should expect about 2,100 new jobs between 2022 and 2032.\n\n"
            "There were about 58,200 glazier jobs in 2022.\n\n"
            "Demand is strong: employment is projected to grow 5.1% from 2023 to 2033.\n\n"
            "Employment Change, 2022-32: 2,600\n")
    facts = facts_of(parse_text(page, "glazier.txt"))
    values = {f.value: (f.attribute, f.qualifier) for f in facts}
    assert values["4.5%"] == ("job growth", "")  # "between 2022 and 2032" is when, not a range of values
    assert values["5.1%"] == ("job growth", "")  # "Demand is strong:" is a clause, not a row label
    assert values["2,100"] == ("jobs", "new jobs")  # a change, not how many jobs there are
    assert values["58,200"] == ("jobs", "")
    assert values["2,600"] == ("jobs", "new jobs")


def test_training_times_in_weeks_and_months_and_in_words():
    page = ("Truck Driver\n\nTraining\n\nMost full-time CDL-A courses run three to six weeks.\n\n"
            "The certificate program takes 10 months.\n\nDrivers need 2-3 years of experience for team runs.\n")
    facts = {f.value: (f.attribute, f.low, f.high, f.unit) for f in facts_of(parse_text(page, "truck.txt"))}
    assert facts["three to six weeks"] == ("training time", 3.0, 6.0, "weeks")
    assert facts["10 months"] == ("training time", 10.0, 10.0, "months")
    assert facts["2-3 years"] == ("experience", 2.0, 3.0, "years")


def test_a_look_back_window_is_no_training_time():
    page = ("Audiologist Salary\n\nPay\n\nThe median salary is $93,980, based on reports from the last 24 months.\n\n"
            "Most full-time programs last 4 to 7 weeks.\n")
    facts = {f.value: f.attribute for f in facts_of(parse_text(page, "audiologist.txt"))}
    assert "24 months" not in facts  # "the last 24 months" says how recent the reports are
    assert facts["4 to 7 weeks"] == "training time"  # "last" as a verb still says how long a program takes


def test_a_share_is_no_growth_rate():
    page = "Truck Drivers\n\nHow we score\n\nFreight volume growth, 2019–2023: 20% of the score\n\nJob growth: 4.6% (2022–2032)\n"
    facts = {f.value: f.attribute for f in facts_of(parse_text(page, "trucks.txt"))}
    assert facts == {"4.6%": "job growth"}


def test_pay_for_an_experience_band_is_a_row_named_by_its_band_not_a_headline_average():
    page = ("Radiologic Technologist Salary\n\nPay by experience\n\nEntry-level rad techs (less than 1 year) reported "
            "$58,340 on average, while those with 10 to 19 years reported $82,760.\n")
    facts = facts_of(parse_text(page, "rad.txt"))
    assert {(f.value, f.qualifier) for f in facts if f.attribute == "salary"} == {
        ("$58,340", "less than 1 year"), ("$82,760", "10 to 19 years")}


def test_a_program_page_is_about_the_role_it_names_twice_with_a_word_of_its_title():
    text = ("Radiologic technologists produce the X-rays doctors read. Nationally, radiologic technologists earned a "
            "median of $70,940 a year.")
    assert occupation("Radiologic Technology, A.A.S.", text) == "radiologic technologist"
    # twice, but sharing no word with the title: not enough to name the page
    assert occupation("Evening Programs", "Our nurses teach. Our nurses care.") == "Evening Programs"


def test_a_percentile_table_names_each_cell_by_its_column_even_without_the_corner_cell():
    page = ("Surgical Technologist\n\nSalary range\n\n10%\t25%\tMedian\t75%\t90%\n"
            "Hourly\t$21.28\t$24.56\t$29.68\t$34.80\t$40.84\nAnnual\t$44,260\t$51,090\t$61,730\t$72,380\t$84,950\n")
    facts = {(f.qualifier, f.attribute, f.value) for f in facts_of(parse_text(page, "s.txt"))}
    assert {("bottom 10%", "salary", "$44,260"), ("25th percentile", "salary", "$51,090"), ("median", "salary", "$61,730"),
            ("75th percentile", "salary", "$72,380"), ("top 10%", "salary", "$84,950"),
            ("top 10%", "hourly pay", "$40.84")} <= facts


def test_a_yearly_figure_after_an_hourly_one_a_week_s_pay_and_a_name_s_figure_in_brackets():
    page = ("Surgical Technologist\n\nPay\n\nAverage salary: $28.02 per hour ($58,290 per year), from postings.\n\n"
            "Travel contracts paid an average of $2,340 a week before taxes.\n\n"
            "The lowest annual mean wages were in Alabama ($46,980) and Mississippi ($47,520).\n")
    facts = {(f.qualifier, f.attribute, f.value) for f in facts_of(parse_text(page, "s.txt"))}
    assert ("average", "hourly pay", "$28.02") in facts and ("average", "salary", "$58,290") in facts
    assert not any(v == "$2,340" for _, _, v in facts)  # a week's pay is neither a salary nor an hourly rate
    assert ("Alabama", "salary", "$46,980") in facts and ("Mississippi", "salary", "$47,520") in facts


def test_a_facts_box_of_tab_rows_has_no_header_inside_it_and_a_program_length_is_training_time():
    page = ("Firefighter\n\nQuick Facts: Firefighters\n2023 Median Pay\t$59,860 per year\n"
            "Typical Entry-Level Education\tPostsecondary nondegree award\nOn-the-job Training\tLong-term on-the-job training\n"
            "Number of Jobs, 2023\t331,400\n\nThe academy\n\nLength\t18 weeks, one semester, full time\nClass size\t32 recruits\n")
    (doc,) = parse_text(page, "f.txt")
    assert not any("On-the-job Training" in part for b in doc.blocks for part in b.section)
    facts = {(f.attribute, f.value) for f in facts_of([doc])}
    assert ("jobs", "331,400") in facts and ("training time", "18 weeks") in facts


def test_a_program_page_s_figure_is_for_the_role_its_sentence_names():
    program = ("Phlebotomy Technician Certificate\n\nCareers and outlook\n\nFederal wage data for May 2023 put the median "
               "pay for phlebotomists at $41,390 a year. The median annual wage for these workers was $40,000 in 2022.\n")
    outlook = "PHLEBOTOMISTS\n\nEarnings\n\nThe bottom 10% earned less than $34,270.\n"
    facts = {(f.subject, f.value) for f in facts_of(parse_text(program, "p.txt") + parse_text(outlook, "o.txt"))}
    assert ("Phlebotomists", "$41,390") in facts  # the sentence's role, not the program's title
    assert ("Phlebotomy Technician", "$40,000") in facts  # "these workers" names no role of its own
    assert ("PHLEBOTOMISTS", "$34,270") in facts  # the fact table reads it as "Phlebotomists" (case aside)
    assert is_role_word("phlebotomists") and is_role_word("technicians") and not is_role_word("lists")
    assert not is_role_word("assists") and not is_role_word("persists")


def test_a_figure_is_about_the_role_its_clause_says_earned_it_not_the_pages_title():
    page = ("Outside Lineman Apprenticeship\n\nThe career\n\nDemand for linemen is strong. Federal wage data show that "
            "electrical power-line installers and repairers nationwide earned a median of $84,190 a year in May 2023.\n")
    facts = {(f.subject, f.qualifier, f.value) for f in facts_of(parse_text(page, "jatc.txt"))}
    assert ("Electrical power-line installers and repairers", "median", "$84,190") in facts, facts


def test_the_end_year_of_a_year_range_is_no_percentage():
    page = ("Truck Driver\n\nProjections\n\nOccupational Title Employment, 2023 Change, 2023-33 Percent Change\n"
            "Truck drivers 2,108,400 4.3 90,700\n\nEmployment of truck drivers is projected to grow 4.3 percent.\n")
    values = [f.value for f in facts_of(parse_text(page, "truck.txt")) if f.attribute == "job growth"]
    assert values == ["4.3 percent"], values


def test_people_who_worked_in_an_occupation_are_a_job_count():
    page = ("Aircraft Mechanic\n\nOutlook\n\nAbout 148,200 people worked as aircraft and avionics mechanics in 2024.\n")
    facts = {(f.attribute, f.value, f.year) for f in facts_of(parse_text(page, "a.txt"))}
    assert ("jobs", "148,200", 2024) in facts, facts


def test_a_projection_is_dated_by_the_start_of_its_period_not_its_end():
    page = ("Respiratory Therapist Salary\n\nOutlook\n\nProjected growth, 2024–2034: 11.8%\n\n"
            "Employment is projected to grow 12.6% from 2023 to 2033.\n")
    years = {f.value: f.year for f in facts_of(parse_text(page, "rt.txt")) if f.attribute == "job growth"}
    assert years == {"11.8%": 2024, "12.6%": 2023}, years


def test_a_quantifier_before_workers_names_no_role():
    page = ("Carpenters\n\nHow much carpenters earn\n\nMost workers in this field earned a median of $56,350 in "
            "May 2023.\n")
    subjects = {f.subject for f in facts_of(parse_text(page, "c.txt")) if f.value == "$56,350"}
    assert subjects == {"Carpenters"}, subjects


def test_a_period_dates_a_projection_by_its_start_but_a_range_of_data_years_by_its_nearest_year():
    page = ("Welder\n\nPay\n\nThe 2019-2023 median salary was $50,100.\n")
    years = {f.value: f.year for f in facts_of(parse_text(page, "w.txt"))}
    assert years["$50,100"] == 2023, years


def test_a_percentile_table_whose_corner_cell_names_the_rows_is_read_by_its_columns():
    page = ("Respiratory Therapist Salary\n\nPay percentiles\n\nWage\t10%\t25%\tMedian\t75%\t90%\n"
            "Annual\t$58,160\t$68,040\t$77,840\t$91,580\t$104,370\n")
    facts = {(f.qualifier, f.value) for f in facts_of(parse_text(page, "rt.txt"))}
    assert {("bottom 10%", "$58,160"), ("median", "$77,840"), ("top 10%", "$104,370")} <= facts, facts


def test_a_percentile_table_with_two_label_columns_is_read_by_its_columns():
    page = ("Roofers\n\nWages\nLocation\tPay Period\t10%\t25%\tMedian\t75%\t90%\n"
            "United States\tHourly\t$17.02\t$19.88\t$24.31\t$29.90\t$35.12\n"
            "United States\tYearly\t$35,400\t$41,350\t$50,560\t$62,190\t$73,050\n")
    facts = {(f.qualifier, f.attribute, f.value) for f in facts_of(parse_text(page, "roofers.txt"))}
    assert {("median", "hourly pay", "$24.31"), ("median", "salary", "$50,560"),
            ("top 10%", "salary", "$73,050")} <= facts, facts


def test_a_figure_its_sentence_places_in_a_state_is_that_states_not_the_pages_median():
    page = ("Roofers\n\nPay\n\nRoofers earned a median of $50,560 a year. "
            "The lowest state median was in Mississippi, at $33,210 a year.\n")
    facts = {f.value: f.qualifier for f in facts_of(parse_text(page, "roofers.txt"))}
    assert facts == {"$50,560": "median", "$33,210": "Mississippi"}, facts


def test_rows_of_a_costs_table_under_its_own_header_row_are_no_pay():
    # the table's header row is the last heading; "Tuition and fees" is the one over it
    page = ("Roofing Certificate\n\nRoofers earn a median of $50,560 a year.\n\nTuition and fees (2025–26)\n\n"
            "Item\tResidents\tOut-of-state\nBooks and materials\t$1,140\t$1,140\nTool kit\t$390\t$390\n"
            "Estimated total\t$9,310\t$21,870\n\nLicensing\n\nStep\tGiven by\tFee\nLicense application\tState board\t$115\n")
    facts = {f.value for f in facts_of(parse_text(page, "roofing.txt"))}
    assert facts == {"$50,560"}, facts


def test_a_figure_after_a_dash_is_the_row_of_the_place_before_it():
    page = "Optician Salary\n\nBest paying cities for opticians\nStamford, CT — $29.41 per hour\nSeattle, WA — $28.70 per hour\n"
    facts = {(f.qualifier, f.value) for f in facts_of(parse_text(page, "optician.txt"))}
    assert facts == {("Stamford, CT", "$29.41"), ("Seattle, WA", "$28.70")}, facts


def test_allowances_and_stipends_are_no_pay_and_a_school_length_is_training_time():
    page = ("Climbing Arborist\n\nPay\n\nClimbers earn $24.30 an hour. Storm call-outs add a $65 stipend for each call-out.\n"
            "All gear is provided; $235 a year toward work boots.\n\nTraining\n\n"
            "New climbers without experience start in our paid Climber School: ten weeks of knots and rigging.\n")
    facts = {(f.attribute, f.value) for f in facts_of(parse_text(page, "arborist.txt"))}
    assert facts == {("hourly pay", "$24.30"), ("training time", "ten weeks")}, facts


def test_an_occupation_named_after_of_is_the_figures_subject_though_the_page_is_about_another():
    page = ("Climbing Arborist\n\nWhy tree care?\n\nFederal wage figures for May 2023 put the median pay of tree "
            "trimmers and pruners at $47,500 a year.\n")
    facts = {(f.subject, f.value) for f in facts_of(parse_text(page, "arborist.txt"))}
    assert facts == {("Tree trimmers and pruners", "$47,500")}, facts


def test_figures_after_an_occupation_is_named_are_about_it_until_a_sentence_names_someone_else():
    page = ("Climbing Arborist\n\nWhy tree care?\n\nFederal figures put the median pay of tree trimmers and pruners at "
            "$47,500 a year, and about 58,600 people held these jobs. Employment is projected to grow 5.1% from 2023 "
            "to 2033. Our 2025 climbers started at $24.10 an hour.\n")
    facts = {f.value: f.subject for f in facts_of(parse_text(page, "arborist.txt"))}
    assert facts == {"$47,500": "Tree trimmers and pruners", "58,600": "Tree trimmers and pruners",
                     "5.1%": "Tree trimmers and pruners", "$24.10": "Climbing Arborist"}, facts


def test_a_role_named_after_a_reporting_verb_leaves_the_verb_out():
    page = "CNC Machinist Program\n\nPay\n\nFederal data show that CNC machinists earned a median of $49,100 a year.\n"
    facts = {f.value: f.subject for f in facts_of(parse_text(page, "cnc.txt"))}
    assert facts == {"$49,100": "CNC machinists"}, facts


def test_the_pages_own_program_keeps_its_figures_after_an_occupation_is_named():
    page = ("Climbing Arborist\n\nWhy tree care?\n\nFederal figures put the median pay of tree trimmers and pruners at "
            "$47,500 a year, while our climbers start at $24.10 an hour. In our program, graduates start at $23.90 an "
            "hour.\n\nResults\n\nOur graduates do well — $52,000 on average.\n")
    facts = {f.value: (f.subject, f.qualifier) for f in facts_of(parse_text(page, "arborist.txt"))}
    assert facts["$47,500"][0] == "Tree trimmers and pruners"
    assert facts["$24.10"][0] == "Climbing Arborist" and facts["$23.90"][0] == "Climbing Arborist", facts
    assert facts["$52,000"] == ("Climbing Arborist", "average"), facts  # a sentence, not a row labelled "Our graduates do well"


def test_a_ranked_card_s_lines_are_its_place_s_figures_and_a_ranked_row_names_its_place():
    """ "3. Hawaii — score 83/100" titles a card whose "Average salary — $98,650" is Hawaii's, not a
    national average; "• 6. Connecticut — $86,410 …" is Connecticut's row; a sentence after a ranked
    list of rows is no card's line."""
    page = ("Best States for Glaziers\n\nNational snapshot\nAverage salary — $61,200\n\nThe top states\n"
            "1. Oregon — score 88/100\nAverage salary — $72,860\nGlaziers employed — 1,910\n\n"
            "2. Hawaii — score 83/100\nAverage salary — $78,650\n\n3 to 4\n"
            "• 3. Connecticut — $70,410 average salary\n• 4. Alaska — $69,060 average salary\n\n"
            "By state\n1. California: $81,270 ($39.07 an hour)\n2. Nevada: $79,960 ($38.44 an hour)\n"
            "The top paying metropolitan area for glaziers was Reno, NV, with an annual mean wage of $84,980.\n")
    facts = {(f.qualifier, f.value) for f in facts_of(parse_text(page, "glaziers.txt")) if f.attribute == "salary"}
    assert {("average", "$61,200"), ("Oregon", "$72,860"), ("Hawaii", "$78,650"), ("Connecticut", "$70,410"),
            ("Alaska", "$69,060"), ("California", "$81,270")} <= facts, facts
    assert not any(value == "$84,980" and place in ("California", "Nevada") for place, value in facts), facts
    after_cards = ("Glaziers\n\nTop\n1. Oregon — score 88/100\nAverage salary — $72,860\n\n"
                   "Nationally, the median salary is $61,400.\n")
    facts = {(f.qualifier, f.value) for f in facts_of(parse_text(after_cards, "glaziers.txt"))}
    assert ("Oregon", "$61,400") not in facts and ("Oregon", "$72,860") in facts, facts


def test_a_relative_clause_between_an_occupation_and_its_verb_keeps_the_figure_the_occupation_s():
    """ "Bakers, who make breads and pastries in retail and wholesale bakeries, earned a median of
    $38,260": the bakers' median, not the page's own occupation's."""
    page = ("Baking and Pastry Arts Certificate\n\nCareers\n\nPastry chefs are counted with chefs and head cooks, "
            "who earned a median of $56,100 a year in May 2024. Bakers, who make breads and pastries in retail and "
            "wholesale bakeries, earned a median of $37,900 ($18.22 an hour).\n")
    facts = {(f.subject, f.value) for f in facts_of(parse_text(page, "pastry.txt")) if f.attribute in ("salary", "hourly pay")}
    assert ("Bakers", "$37,900") in facts and ("Bakers", "$18.22") in facts, facts
    # commas inside the clause; a clause about a place ("which") is not cut out of the sentence
    page = ("Pastry Arts\n\nPay\n\nIn Ohio, which pays above average, pastry chefs earned a median of $48,300. "
            "Bakers, who make breads, cakes and pastries, earned a median of $37,600.\n")
    facts = {(f.subject, f.value) for f in facts_of(parse_text(page, "pastry.txt"))}
    assert ("Pastry chefs", "$48,300") in facts and ("Bakers", "$37,600") in facts, facts


def test_a_per_diem_is_no_pay():
    page = ("Deckhand Pay\n\nDeckhands earn $24.10 an hour. Per diem is $2.35 an hour on overnight crossings.\n")
    facts = {(f.attribute, f.value) for f in facts_of(parse_text(page, "deckhand.txt"))}
    assert facts == {("hourly pay", "$24.10")}, facts


def test_an_occupation_the_title_names_by_its_initials_is_the_pages_subject():
    text = "Our line hires ferry deckhands every spring. Most ferry deckhands start on the night crossings."
    assert occupation("First-season FD pay at a regional line: is it really this low?", text) == "ferry deckhand"
    # used twice, and the title neither shares a word with it nor abbreviates it: the title stays
    assert occupation("First-season pay at a regional line: is it really this low?", text) \
        == "First-season pay at a regional line: is it really this low?"


def test_a_head_count_is_of_the_workers_named_after_it():
    page = ("Maritime Operations Certificate\n\nCareer outlook\n\nThe federal survey counted 38,400 deckhand and "
            "ferry mate jobs in 2022.\n")
    facts = {(f.subject.lower(), f.attribute, f.value) for f in facts_of(parse_text(page, "maritime.txt"))}
    assert facts == {("deckhand and ferry mate", "jobs", "38,400")}, facts


def test_a_figure_for_workers_is_theirs_though_the_program_title_shares_their_stems():
    page = ("Solar Photovoltaic Installation Technician\n\nCareer outlook\n\nThe median annual wage for solar "
            "photovoltaic installers was $48,570 in May 2023.\n")
    facts = {(f.subject.lower(), f.value) for f in facts_of(parse_text(page, "solar-program.txt"))}
    assert facts == {("solar photovoltaic installers", "$48,570")}, facts


def test_capital_initials_that_are_a_word_name_no_occupation():
    text = "Insurance nurses review claims. Most insurance nurses work remotely."
    assert occupation("CAREERS IN NURSING AT A GLANCE", text) == "CAREERS IN NURSING AT A GLANCE"


def test_a_ranked_card_titled_by_its_heading_gives_that_place_s_figures():
    """ "### 1. Connecticut" over "Median pay: $84,730 · Hourly: $40.74 · Jobs: 390": the yearly
    figure is Connecticut's salary (the "Hourly:" label after the "·" is the next figure's), the
    hourly one its hourly pay."""
    page = ("# Funeral Director Salary by State\n\nThe typical funeral director earns $58,490 a year.\n\n"
            "## The top states\n\n### 1. Connecticut\n\nMedian pay: $84,730 · Hourly: $40.74 · Jobs: 390\n\n"
            "Connecticut tops the list again.\n")
    facts = {f.value: f for f in facts_of(parse_text(page, "salary-by-state.md"))}
    assert (facts["$84,730"].attribute, facts["$84,730"].qualifier) == ("salary", "Connecticut")
    assert (facts["$40.74"].attribute, facts["$40.74"].qualifier) == ("hourly pay", "Connecticut")
    assert facts["$58,490"].qualifier != "Connecticut"


def test_a_page_whose_role_noun_no_list_holds_is_about_the_title_words_its_text_says_in_the_plural():
    """ "Commercial Diver Salary & Career Guide" and "commercial divers earned …": the page is about
    commercial divers, not about the contractors its text mentions most; a field has no plural."""
    text = ("Commercial divers weld under water. Most commercial divers work for a contractor; a contractor "
            "hires tenders. A contractor pays by the day. Commercial divers earned a median of $61,840.")
    assert occupation("Commercial Diver Salary & Career Guide (2025)", text) == "Commercial Diver"
    assert occupation("MASTER FARRIERS Career Profile", "Master farriers shoe horses. " * 3) == "MASTER FARRIER"
    assert occupation("Dental Hygiene, A.A.S.", "Dental hygiene is a field. " * 3) == "Dental Hygiene, A.A.S."


def test_a_role_phrase_stops_at_a_code_or_a_dash_before_it():
    assert role_phrase("WAGE SHEET 25-07  --  PIANO TECHNICIAN SERIES") == "PIANO TECHNICIAN"


def test_a_ranked_row_aligned_with_spaces_names_its_place():
    page = ("Athletic Trainers\n\nTOP-PAYING STATES\n #1   Rhode Island            $74,830\n"
            " #2   New Jersey              $71,260\n #3   Connecticut             $70,860\n")
    facts = {(f.qualifier, f.value) for f in facts_of(parse_text(page, "at.txt")) if f.attribute == "salary"}
    assert {("Rhode Island", "$74,830"), ("New Jersey", "$71,260"), ("Connecticut", "$70,860")} <= facts, facts


def test_a_page_names_its_workers_by_the_title_s_word_for_the_work():
    """ "Brewing & Fermentation Operations Certificate" is about the brewers its text names again and
    again; an occupation noun no earlier page used is still a role."""
    text = "Brewers run the brewhouse. Our brewers learn cellar work. Most brewers start on packaging."
    assert occupation("Brewing & Fermentation Operations Certificate", text) == "brewer"
    assert occupation("Brewing Certificate", "Brewers run the brewhouse.") == "Brewing Certificate"  # said once
    for word in ("divers", "trainer", "brewers", "tuners", "sweeps", "controllers"):
        assert is_role_word(word), word
    assert not is_role_word("career") and not is_role_word("guide")


def test_a_role_the_text_names_three_times_beats_a_title_word_s_agent_noun():
    """ "Nursing: Careers and Pay" is about the registered nurses its text names, not "careers"; a
    title naming a place of work ("Texas Hospital Jobs") names no occupation."""
    text = "Registered nurses plan care. Registered nurses earn well. Registered nurses work shifts. Careers vary."
    assert occupation("Nursing: Careers and Pay", text) == "registered nurse"
    assert occupation("Texas Hospital Jobs", "Texas hospitals hire. Texas hospitals pay. Texas hospitals grow.") \
        == "Texas Hospital Jobs"


def test_a_table_header_row_names_a_role_by_its_own_cell():
    """A header row is cells, not a phrase: "Locality" is a column over the controllers, not a kind of
    controller (which would keep its figure from being a peer of "Air Traffic Controller" figures)."""
    assert role_phrase("Tower (city, state)\tLevel\tLocality\tControllers") == "Controllers"
    assert role_phrase("Region\tMedian\tJobs") == ""
    assert role_phrase("Senior Piano Technician\t$66,310\t$77,938") == "Senior Piano Technician"


def test_a_state_before_the_workers_is_a_row_of_a_breakdown_by_place():
    """ "North Carolina upholsterers earned a median of …" is the state's figure for upholsterers, as a
    row of a table by state would give it, not the pay of a kind of upholsterer."""
    page = "Upholstery Technology\n\nCareers\n\nNorth Carolina upholsterers earned a median of $38,410 a year in 2024.\n"
    facts = [f for f in facts_of(parse_text(page, "uph.txt")) if f.value == "$38,410"]
    assert [(f.subject, f.qualifier) for f in facts] == [("Upholsterers", "North Carolina")], facts


def test_an_amount_added_to_the_base_rate_is_no_one_s_pay():
    """ "+$2.00 for Advanced EMT" adds to a wage; it is nobody's hourly pay (a row's own "$19.35 per
    hour" is)."""
    page = ("Harbor Crew Pay\n\nPay\n\nDeckhand: $19.35 per hour\n\nPremiums\n\n"
            "EMT license: +$0.90 per hour for EMT-Basic, +$2.00 for Advanced EMT\n")
    values = {f.value for f in facts_of(parse_text(page, "crew.txt")) if f.attribute == "hourly pay"}
    assert "$19.35" in values and not values & {"$0.90", "$2.00"}, values


def test_a_plus_inside_a_name_and_a_city_before_the_workers_keep_their_figures():
    """ "C++   $128,000" is a row with its figure (the plus belongs to the name), and "New York City
    police officers" are no "City police officers" in the state of New York."""
    table = "Developer Pay by Language\n\nLanguage\tMedian salary\nC++\t$128,000\nGo\t$131,500\n"
    assert "$128,000" in {f.value for f in facts_of(parse_text(table, "lang.txt"))}
    prose = "Police Careers\n\nPay\n\nNew York City police officers earned a median of $92,400 a year in 2024.\n"
    subjects = {f.subject for f in facts_of(parse_text(prose, "police.txt")) if f.value == "$92,400"}
    assert subjects and not any(s.startswith("City") for s in subjects), subjects


def test_a_page_is_about_the_role_noun_it_repeats_whatever_words_come_before_it():
    # "Journeyman Ironworker", "PEMB ironworker", "more ironworkers": three names, one role noun
    text = ("Journeyman Ironworker $37.03. PEMB ironworker $31.08. A foreman is needed when four or more ironworkers "
            "are on a job.")
    assert occupation("Wage and Fringe Benefit Schedule", text) == "ironworker"
    # one head noun, but never said on its own: three jobs, not "nurse"
    text = "Registered Nurse: $40 an hour. Licensed Practical Nurse: $28. Nurse Practitioner: $60. Nurse Aide: $18."
    assert occupation("Clinic Wages", text) == "Clinic Wages"
    # a grade written after the role ("Archivist (Archivist II)") is no second word of its name
    text = "Archivist (Archivist II) $56,820. Archivist (Archivist II) $60,450. Archivist (Archivist II) $63,890."
    assert occupation("Archives Compensation Survey 2025", text) == "archivist"
