"""Multi-fact answers on the real corpus: every figure quoted with its own citation, computed statements
labelled, honest scope, and sources that disagree (on two pages written here)."""
import re

import pytest

from assistant.intent import analyse

from .conftest import CORPUS, GUIDE, ROOT, WELDER_CARDS, bot_over


def beside_the_guide(eval_set: str) -> dict[str, str]:
    """A development set's pages with the shipped page, as `python -m assistant eval` indexes them."""
    pages = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "eval" / eval_set / "corpus").iterdir()}
    pages[GUIDE.name] = GUIDE.read_text(encoding="utf-8")
    return pages


def quoted_with_citation(reply, text):
    """``text`` appears inside a quotation that carries a citation whose passage holds it."""
    for match in re.finditer(r"“([^”]*)” \[(\d+)\]", reply.answer):
        if text in match.group(1):
            citation = reply.citations[int(match.group(2)) - 1]
            assert match.group(1) in citation.text
            assert any(citation.text[s:e] == match.group(1) for s, e in citation.spans)  # highlighted
            return True
    return False


@pytest.mark.parametrize("question, intent, attribute", [
    ("How does Senior MLOps Engineer pay compare with the Director of MLOps?", "compare", "salary"),
    ("mid level vs senior level mlops manager - experience needed?", "compare", "experience"),
    ("Which role pays the most?", "superlative", "salary"),
    ("which level needs the least experience?", "superlative", "experience"),
    ("Give me all the market figures in the guide", "enumerate", "market size"),
    ("What documents do you have?", "collection", None),
    ("what job titles do u have pages for", "collection", None),
    ("is this only an mlops guide or do you have other roles too?", "collection", None),
    ("knowledge base contents pls", "collection", None),
    ("what pages are you pulling your answers from", "collection", None),
    ("what do machine learning engineering managers make on average?", "lookup", "salary"),
    ("what would make a strong application?", "lookup", None),  # "make a …" is no pay
    ("What's the pay range for machine learning managers, lowest to highest?", "lookup", "salary"),  # a range, no winner
    ("which sources do you use?", "collection", None),
    ("what certifications do the pages cover for mlops managers?", "lookup", None),  # about certifications
    ("is kubeflow in your knowledge base?", "lookup", None),
    ("How much does a mid-level MLOps manager earn?", "lookup", "salary"),
    ("Which industries have the highest demand for MLOps managers?", "superlative", None),
    ("how many truck drivers are there in the us", "lookup", "jobs"),
    ("how long does it take to get a cdl", "lookup", "training time"),
    ("how long is the welding certificate at northfield", "lookup", "training time"),
    ("how long is fire academy", "lookup", "training time"),
    ("how long do u have to intern to be a funeral director", "lookup", "training time"),  # an internship's length
    ("how many years is the glazier apprenticeship", "lookup", "training time"),
    ("how many years for a senior mlops manager", "lookup", "experience"),
    ("how many years for a program manager", "lookup", "experience"),  # a program manager is a role
    ("how long do i need to work in internal audit", "lookup", "experience"),
    ("how many job pages have u got and which ones", "collection", None),
    ("how many pages does the CPAT guide have", "lookup", None),  # a page's own length, not the collection
    ("How many years of experience does a senior MLOps manager need?", "lookup", "experience"),
    ("how many new jobs is that?", "lookup", "jobs"),
    # a kind of experience is no figure: "data engineering experience", "hands-on experience"
    ("what data engineering experience is listed for mlops, all of it", "enumerate", None),
    ("is hands-on experience important for an ai python engineer?", "lookup", None),
    ("how much work experience does a director need?", "lookup", "experience"),
    ("going from entry level to mid level, roughly how big a raise is that?", "compare", "salary"),
    ("how much more does a senior pull in than a junior", "compare", "salary"),
    ("ml eng manager avg comp?", "lookup", "salary"),
    ("how many ppl work as tree trimmers in the us", "lookup", "jobs"),  # a head count, not pay
    ("is a load out paid at least 4 hrs even if the trucks empty early", "lookup", "salary"),  # a bound, no winner
    ("can the probation last at most six months?", "lookup", None),
    ("does a new hire earn at least 60k", "lookup", "salary"),
    ("skills that'll get me a bigger paycheck — all of them pls", "enumerate", None),  # skills, not figures
    ("certification pay for pharmacy techs", "lookup", "salary"),  # a kind of pay
])
def test_question_analysis(question, intent, attribute):
    analysis = analyse(question)
    assert (analysis.intent, analysis.attribute) == (intent, attribute)


def test_a_comparison_quotes_both_sides_and_labels_what_it_computes(bot):
    reply = bot.ask("How does Senior MLOps Engineer pay compare with the Director of MLOps?")
    assert reply.kind == "composed" and not reply.abstained
    assert quoted_with_citation(reply, "$165,000 to $207,125") and quoted_with_citation(reply, "$198,125 and $237,500")
    computed = [line for line in reply.answer.splitlines() if line.startswith("Computed from [")]
    assert computed and "Director of MLOps's figure is higher" in computed[0]
    assert {f.subject for f in reply.facts} == {"Senior MLOps Engineer", "Director of MLOps"}
    assert all(reply.citations[f.citation - 1].text.find(f.value) >= 0 for f in reply.facts)
    assert len(reply.answer) <= 700


def test_a_head_noun_said_once_stands_for_both_sides(bot):
    """ "the devops or mlops market" compares the DevOps market with the MLOps market."""
    reply = bot.ask("which is bigger, the devops or mlops market?")
    assert reply.answer.startswith("Highest: DevOps market"), reply.answer
    assert quoted_with_citation(reply, "$81.1 billion") and "with: MLOps market $75.42 billion [1]" in reply.answer


def test_which_forecast_ranks_the_figures_not_other_things(bot):
    """ "which projection is bigger" names the figure itself, not a list of projections to rank."""
    reply = bot.ask("mlops vs devops market: which projection is bigger?")
    assert reply.answer.startswith("Highest: DevOps market"), reply.answer


def test_a_sentence_from_one_year_to_a_later_one_stands_for_its_later_figure(bot):
    """ "grow from $13.2 billion in 2024 to $81.1 billion by 2028": the 2028 forecast is compared, and a
    difference between two years' figures says so."""
    reply = bot.ask("which projection is larger, the devops or the mlops market?")
    assert quoted_with_citation(reply, "$81.1 billion") and quoted_with_citation(reply, "$75.42 billion")
    assert ("Computed from [1]: DevOps market's figure (2028) is higher than MLOps market's (2033) by "
            "$5.68 billion; the two are for different years.") in reply.answer, reply.answer


@pytest.mark.parametrize("question, wanted", [
    ("list every programming language named across the roles",
     ["Python, Java, and R", "Python, Java, and Scala", "Programming languages (Python, Java, C++)"]),
    ("all the degrees named anywhere in the documents",
     ["Bachelor's, Master's, or Ph.D.", "Advanced degree in Computer Science", "Bachelor's degree is often required"]),
])
def test_every_mention_of_a_kind_of_thing_is_gathered_across_sections(bot, question, wanted):
    reply = bot.ask(question)
    for text in wanted:
        assert quoted_with_citation(reply, text), (text, reply.answer)
    assert len(reply.answer.splitlines()) == len(wanted)  # one line per mention, prose that only names the kind left out


def test_a_role_and_its_senior_version_named_together_are_two_subjects(bot):
    """ "MLOps engineer vs senior MLOps engineer": the level said before the second phrase doesn't
    make the first one senior too."""
    reply = bot.ask("mlops engineer vs senior mlops engineer pay")
    assert quoted_with_citation(reply, "$131,158 to $200,000") and quoted_with_citation(reply, "$165,000 to $207,125")
    reply = bot.ask("Of the MLOps Engineer, the Senior MLOps Engineer and the Director of MLOps, whose salary starts lowest?")
    assert reply.answer.startswith("Lowest: MLOps Engineer — ")
    reply = bot.ask("senior and mid-level mlops manager salaries")  # one phrase, two levels said before it
    assert quoted_with_citation(reply, "$160,000 - $200,000") and quoted_with_citation(reply, "$200,000 - $250,000+")


def test_a_superlative_names_the_winner_first_and_the_set_it_beat(bot):
    reply = bot.ask("Which role pays the most?")
    first = reply.answer.splitlines()[0]
    assert first.startswith("Highest: Senior-Level MLOps Manager — ") and quoted_with_citation(reply, "$200,000 - $250,000+")
    assert "computed from the cited figures" in reply.answer
    for other in ("Director of MLOps between $198,125 and $237,500", "MLOps Team Lead $137,700"):
        assert other in reply.answer


@pytest.mark.parametrize("question, first", [
    ("cheapest mlops manager level?", "Lowest: Entry-Level MLOps Manager — "),  # "cheapest" is a direction, not a level
    ("highest paid engineer title in the doc?", "Highest: Senior MLOps Engineer — "),  # "in the doc" is no place
])
def test_superlatives_in_other_words(bot, question, first):
    reply = bot.ask(question)
    assert reply.kind == "composed" and reply.answer.startswith(first)


def test_the_superlative_ranks_the_figure_it_is_attached_to_and_adds_the_other_asked(bot):
    reply = bot.ask("lowest-paying rung of the mlops manager ladder + how much experience it needs")
    lines = reply.answer.splitlines()
    assert lines[0] == "Lowest: Entry-Level MLOps Manager — “Salary Range: $120,000 - $150,000 per year” [1]"
    assert lines[1] == "Entry-Level MLOps Manager, experience: “Typically requires 0-3 years of experience” [1]"
    most = bot.ask("Which MLOps manager level asks for the most experience, and what does it pay?")
    assert most.answer.startswith("Most: Senior-Level MLOps Manager — “Usually requires 7+ years of experience”")  # 7+ > 3-7
    assert "Senior-Level MLOps Manager, salary: “Salary Range: $200,000 - $250,000+ per year”" in most.answer


def test_two_figures_asked_of_one_subject_are_both_quoted(bot):
    reply = bot.ask("and the senior level? what do they earn and how many years?",
                    history=["what experience does an entry-level mlops manager need?"])
    assert reply.answer.splitlines() == [
        "Senior-Level MLOps Manager, experience: “Usually requires 7+ years of experience” [1]",
        "Senior-Level MLOps Manager, salary: “Salary Range: $200,000 - $250,000+ per year” [1]"]


def test_other_wordings_of_figure_questions(bot):
    sizes = bot.ask("give me the two market sizes - devops and mlops")  # "sizes", plural
    assert quoted_with_citation(sizes, "$81.1 billion") and quoted_with_citation(sizes, "$75.42 billion")
    # "devops + mlops market": the head noun said once stands for both sides of a list
    both = bot.ask("every devops + mlops market figure on the page pls (sizes, growth)")
    assert quoted_with_citation(both, "$13.2 billion") and quoted_with_citation(both, "$75.42 billion"), both.answer
    top = bot.ask("which mlops manager level tops out highest?")  # "tops out": pay
    assert top.answer.startswith("Highest: Senior-Level MLOps Manager — ")


def test_who_makes_the_least_is_about_pay(bot):
    reply = bot.ask("Who makes the least: a machine learning manager, an MLOps team lead or an entry-level MLOps manager?")
    assert reply.answer.startswith("Lowest: Machine Learning Managers — ")


def test_lists_across_sections(bot):
    reply = bot.ask("Give me all the market figures in the guide")
    for figure in ("$13.2 billion", "$81.1 billion", "$75.42 billion", "43.2%"):
        assert quoted_with_citation(reply, figure)
    levels = bot.ask("what experience does each level need?")
    for years in ("0-3 years", "3-7 years", "7+ years"):
        assert years in levels.answer


def test_a_list_of_things_named_across_sections_quotes_each_section(bot):
    reply = bot.ask("all monitoring tools mentioned anywhere")
    assert reply.kind == "composed"
    lines = reply.answer.splitlines()
    assert lines[0] == "Requirements: “Monitoring: Familiarity with logging tools like Prometheus and ELK Stack” [1]"
    assert any(line.startswith("Core Responsibilities: “Set up and maintain monitoring, alerting, and trending "
                               "operational tools (e.g., Prometheus, Alertmanager, Grafana)” [") for line in lines)
    assert all(c.answer_start is not None for c in reply.citations[:len(lines)])  # every quote is cited
    # a whole list the reader found in one place stays one answer
    assert bot.ask("list the steps in the mlops career progression").kind == "answer"


def test_the_collection_itself(bot):
    reply = bot.ask("What documents do you have?")
    for title in ("Machine Learning DevOps Manager", "AI/ML Model Business Specialist", "AI/ML Software Engineer",
                  "AI Engineering Consultant", "AI Python Engineer"):
        assert f"- {title} [" in reply.answer


@pytest.mark.parametrize("question", [
    "mlops manager salary in the uk", "what's the pay for an mlops manager in berlin",
    "What will an MLOps manager earn in 2030?", "How much does an AI Python Engineer earn?",
    "Junior MLOps Engineer pay", "How much does a data engineer make?",
    "how much do surgeons make",  # a role named alone, that no page is about
    "mlops manager pay india lpa",  # a country named anywhere in a keyword query
    "how much does google pay mlops managers",  # an employer the documents never name
    "mlops manager salary boston ma",  # a city and its state's code after the figure's word
])
def test_questions_outside_the_documents_scope_abstain_and_say_what_is_covered(bot, question):
    reply = bot.ask(question)
    assert reply.abstained and reply.answer is None and reply.kind == "abstain"
    assert reply.notes and reply.notes[0].startswith("The documents give salary figures for")


@pytest.mark.parametrize("question", [
    "what is a director of mlops paid at a coast company",  # "Coast" is a Kenyan province, and a common word
    "is the mlops manager salary central to the job offer",
    "what is the highest salary number in whole guide, and for which position?",  # "in whole guide" is no place
])
def test_a_common_word_that_is_also_some_province_is_no_place_out_of_scope(bot, question):
    assert not any("nothing on" in note for note in bot.ask(question).notes), question


def test_the_job_market_is_no_market_size():
    assert analyse("how is the job market for mlops managers in 2025").attribute != "market size"
    assert analyse("mlops manager salary in the current market 2024").attribute == "salary"


def test_a_market_now_against_a_year_quotes_the_sentence_giving_both(bot):
    """ "devops market now vs 2028": the market's size at two times, from the sentence that gives both."""
    reply = bot.ask("devops market now vs 2028")
    assert "$13.2 billion" in reply.answer and "$81.1 billion" in reply.answer, reply.answer
    assert "MLOps market" not in reply.answer, reply.answer


@pytest.mark.parametrize("question, attribute", [
    ("how many years of experience does an AI Engineering Consultant need?", "experience"),
    ("How many MLOps managers are employed in the US today?", "jobs"),
])
def test_a_figure_the_documents_give_for_no_such_role_abstains(bot, question, attribute):
    reply = bot.ask(question)
    assert reply.abstained and reply.kind == "abstain"
    assert reply.notes and f"{attribute} figure" in reply.notes[0] and reply.notes[0].startswith("The documents ")


def test_an_hourly_rate_the_documents_give_only_yearly_abstains_and_says_so(bot):
    reply = bot.ask("hourly rate for a mid-level mlops manager?")
    assert reply.abstained and reply.notes == (
        "The documents give no hourly rate for Mid-Level MLOps Manager, only yearly salary figures "
        "(ask for the salary to see them).",)
    assert not bot.ask("mid level mlops manager salary").abstained


def test_a_follow_up_about_a_role_without_figures_keeps_the_figure_asked_and_abstains(bot):
    reply = bot.ask("what about a junior mlops engineer?", history=["what's the entry-level mlops manager salary?"])
    assert reply.abstained and reply.notes and "no salary figure for junior mlops engineer" in reply.notes[0]


def test_a_superlative_over_listed_options_that_are_not_subjects_ranks_no_roles(bot):
    reply = bot.ask("which boosts an mlops salary most: typescript, elasticsearch, kafka or go?")
    assert not (reply.answer or "").startswith("Highest:")  # the options are skills, not roles with pay figures
    ranked = bot.ask("who earns most: mlops engineer, senior mlops engineer or director of mlops?")
    assert ranked.answer.startswith("Highest: Director of MLOps — ")


def test_a_list_of_places_where_pay_is_higher_is_the_text_s_list_not_every_salary(bot):
    reply = bot.ask("list the tech hubs where mlops managers earn more")
    assert "San Francisco" in reply.answer and "$137,006" not in reply.answer, reply.answer


def test_a_yes_no_question_about_experience_is_not_a_figure_question(bot):
    reply = bot.ask("does an ai python engineer need cloud experience")
    assert not reply.abstained and "cloud" in reply.answer.lower()


def test_in_scope_cities_are_not_out_of_scope(bot):
    assert not bot.ask("Which US cities tend to pay MLOps managers the most?").abstained


def test_a_follow_up_comparison_borrows_the_earlier_subject(bot):
    reply = bot.ask("And how does it stack up against entry level?",
                    history=["How much does a senior-level MLOps manager earn?"])
    assert "$200,000 - $250,000+" in reply.answer and "$120,000 - $150,000" in reply.answer
    superlative = bot.ask("Which one of those earns the most?",
                          history=["What does an MLOps Engineer earn?", "And a Director of MLOps?"])
    assert superlative.answer.startswith("Highest: Director of MLOps — ")


def test_a_turn_naming_only_a_level_names_the_earlier_turn_s_subject_at_that_level(bot):
    """ "and mid-level?" after "entry level mlops mgr pay?": "those two" are both managers' levels."""
    reply = bot.ask("so how far apart are those two in years of experience",
                    history=["entry level mlops mgr pay?", "and mid-level?"])
    assert reply.kind == "composed"
    assert "0-3 years" in reply.answer and "3-7 years" in reply.answer
    assert "Computed from" in reply.answer
    three = bot.ask("compare those three", history=["entry level mlops mgr pay?", "and mid-level?", "and senior?"])
    assert all(band in three.answer for band in ("$120,000 - $150,000", "$160,000 - $200,000", "$200,000 - $250,000+"))


def test_a_qualifier_said_on_one_side_of_a_comparison_stands_for_both(bot):
    """ "team lead vs mlops engineer": "team lead" is the MLOps Team Lead."""
    reply = bot.ask("is the team lead average actually lower than what a regular mlops engineer can pull? numbers for both")
    assert reply.kind == "composed"
    assert "$137,700" in reply.answer and "$131,158 to $200,000" in reply.answer
    which = bot.ask("which earns more, a team lead or a senior mlops engineer?")
    assert "$137,700" in which.answer and "$165,000 to $207,125" in which.answer
    # a superlative over a list of three keeps all three
    three = bot.ask("senior mlops engineer, team lead, director - which one has the highest ceiling?")
    assert three.answer.startswith("Highest: Director of MLOps")


def test_one_stands_for_the_earlier_noun(bot):
    reply = bot.ask("and the mlops one? which is bigger?", history=["Tell me about the DevOps market size"])
    assert reply.kind == "composed" and reply.answer.startswith("Highest: DevOps market — ")
    assert "MLOps market $75.42 billion" in reply.answer


PAGE_A = """Dental Hygienist Salary Guide

Pay

The median salary for dental hygienists was $87,530 in May 2023, according to national wage data.

Outlook

Employment of dental hygienists is projected to grow 7% from 2023 to 2033.
"""
PAGE_B = """Dental Hygienist

Salary

Dental hygienists earned a median salary of $77,810 in 2021.

Outlook

Jobs for dental hygienists are projected to grow 9% from 2021 to 2031.
"""


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory, embedder, settings):
    with bot_over(tmp_path_factory.mktemp("two-sources"), {"a.txt": PAGE_A, "b.txt": PAGE_B}, settings,
                  embedder) as bot:
        yield bot


def test_sources_that_disagree_are_shown_each_with_its_year_newest_first(two_sources):
    reply = two_sources.ask("What is the median salary for a dental hygienist?")
    lines = reply.answer.splitlines()
    assert lines[0] == "The sources give different figures (newest first):"
    assert lines[1].startswith("Dental Hygienist Salary Guide (2023): ") and "$87,530" in lines[1]
    assert lines[2].startswith("Dental Hygienist (2021): ") and "$77,810" in lines[2]
    assert reply.notes == ("The sources differ; each figure is shown with its source and the year it states.",)
    growth = two_sources.ask("dental hygienist job growth")
    assert "7%" in growth.answer and "9%" in growth.answer


def test_two_sources_named_side_by_side_show_each_source_s_figure(two_sources):
    """ "the guide vs the other page, do they agree?" names the sources, not two subjects."""
    reply = two_sources.ask("dental hygienist median salary - the salary guide vs the other page, do they agree?")
    assert reply.answer.startswith("The sources give different figures (newest first):"), reply.answer
    assert quoted_with_citation(reply, "$87,530") and quoted_with_citation(reply, "$77,810")


def test_a_role_with_only_an_hourly_rate_is_in_scope_for_a_pay_question(tmp_path, embedder, settings):
    """ "starting pay for a pastry cook": the page's hourly rate for that role answers it."""
    page = ("Pastry Chef Careers\n\nPay\n\nAt our hotel, pastry pay moves up in steps:\n"
            "Step 1 — Pastry Cook: $17.40 to $19.60 an hour\nStep 2 — Pastry Sous Chef: $23.50 to $27.75 an hour\n")
    with bot_over(tmp_path, {"pastry.txt": page}, settings, embedder) as bot:
        reply = bot.ask("starting pay for a pastry cook")
    assert not reply.abstained and "$17.40 to $19.60" in reply.answer, (reply.answer, reply.notes)


def test_a_figure_the_fact_table_missed_is_answered_when_the_answer_names_the_role(tmp_path, embedder, settings):
    """ "what do apprentice funeral directors get paid": no fact has that subject, but the reader's
    answer is a figure about apprentices on the funeral director page, so the question is in scope;
    a role the page never names still abstains."""
    page = ("Funeral Director Salary Guide\n\nPay\n\nFuneral directors earned a median of $58,490 a year in "
            "May 2024.\n\nApprentices usually earn $17.50 to $21.25 an hour while they finish the hours their "
            "state requires for a license.\n\nOutlook\n\nEmployment is projected to grow 3% from 2024 to 2034.\n")
    with bot_over(tmp_path, {"funeral.txt": page}, settings, embedder) as bot:
        reply = bot.ask("what do apprentice funeral directors get paid")
        other = bot.ask("what do apprentice electricians get paid")
    assert not reply.abstained and "$17.50 to $21.25" in reply.answer, (reply.answer, reply.notes)
    assert other.abstained, other.answer


def test_a_level_the_median_s_context_never_names_is_not_answered_by_the_median(tmp_path, embedder, settings):
    """ "first year glazier apprentice pay": the page's national median is no apprentice's figure;
    the apprentice scale is the answer."""
    page = ("Glaziers Local 77 Wage Rates\n\nWhy union?\n\nThe median pay for glaziers nationwide was $52,940 a year "
            "in May 2023.\n\nApprentice rates\n\nApprentices are paid a percentage of the journeyman rate.\n\n"
            "Year\tPercent\tBase Rate\n1st Year\t55%\t$18.74\n2nd Year\t65%\t$22.15\n3rd Year\t75%\t$25.56\n")
    with bot_over(tmp_path, {"rates.txt": page}, settings, embedder) as bot:
        reply = bot.ask("first year glazier apprentice pay at local 77")
        median = bot.ask("median glazier pay")
    assert not reply.abstained and "$18.74" in reply.answer and "$52,940" not in reply.answer, reply.answer
    assert "$52,940" in median.answer


def test_pay_for_a_shortened_role_no_page_covers_abstains_with_the_pages_years(two_sources):
    """ "sleep tech salary": a "tech" no page is about; "tech skills" names no role at all."""
    reply = two_sources.ask("sleep tech salary")
    assert reply.abstained, reply.answer
    assert reply.notes[0].startswith("The documents give salary figures for 2021, 2023 only (no salary figure for sleep tech)")
    for question in ("any tech skills that raise pay?", "how much do people make in big tech?"):
        assert "no salary figure" not in " ".join(two_sources.ask(question).notes), question


def test_a_page_s_one_unlabelled_figure_is_its_source_for_the_median(tmp_path, embedder, settings):
    """ "… a median wage of $87,530 a year, or $42.08 an hour": the hourly figure is the median too;
    a page whose only hourly figure is unlabelled states its headline figure."""
    a = ("Dental Hygienist Pay Report\n\nPay\n\nDental hygienists earned a median wage of $87,530 a year, or $42.08 "
         "an hour, in May 2023, according to national wage data.\n")
    b = ("Dental Hygienist Rankings\n\nDental hygienists rank high among health jobs for pay and hours.\n\n"
         "Dental Hygienist Hourly Pay (2021): $37.41\n\nMost hygienists work part time in private offices.\n")
    with bot_over(tmp_path, {"a.txt": a, "b.txt": b}, settings, embedder) as two:
        reply = two.ask("median hourly wage dental hygienist")
    assert reply.answer.startswith("The sources give different figures (newest first):")
    assert quoted_with_citation(reply, "$42.08") and quoted_with_citation(reply, "$37.41")


def test_the_shipped_corpus_has_no_disagreement_to_invent(bot):
    reply = bot.ask("What's the median salary for a DevOps manager?")
    assert "different figures" not in (reply.answer or "") and "$140,000" in reply.answer
    assert CORPUS.is_dir()


STATES_A = """Welder Pay Guide

Best-paying states for welders

1. Alaska: $79,400
2. Hawaii: $74,100
3. Wyoming: $70,250

Best-paying industries for welders

1. Oil and gas extraction: $88,900
2. Shipbuilding: $66,300
"""
STATES_B = """Welders, Cutters, Solderers, and Brazers

Wages by state

State\tEmployment\tAnnual mean wage
Hawaii\t1,020\t$76,800
Alaska\t880\t$75,950
Ohio\t21,300\t$52,400
"""


@pytest.fixture(scope="module")
def state_breakdowns(tmp_path_factory, embedder, settings):
    with bot_over(tmp_path_factory.mktemp("state-breakdowns"), {"a.txt": STATES_A, "b.txt": STATES_B}, settings,
                  embedder) as bot:
        yield bot


def test_the_top_place_of_each_source_s_breakdown_by_the_kind_of_place_asked(state_breakdowns):
    reply = state_breakdowns.ask("which state pays welders the most?")
    assert reply.kind == "composed"
    lines = reply.answer.splitlines()
    assert lines[0] == "Highest in each source (computed from its own list):"
    assert any("Alaska: $79,400" in line for line in lines[1:])  # its page's top state, not its top industry
    assert any("Hawaii\t1,020\t$76,800" in line or "Hawaii 1,020 $76,800" in line for line in lines[1:])
    assert "$88,900" not in reply.answer


def test_where_asks_for_a_place_not_for_a_level_or_an_employer(tmp_path, embedder, settings):
    page = ("Electrician\n\nHow much can you earn?\nEntry Level: $38,900\nTop Earners: $99,100\n\n"
            "Best-paying employers\nState government: $91,000\n\n"
            "Best-paying states\n1. Hawaii: $88,110\n2. Illinois: $84,360\n")
    with bot_over(tmp_path, {"electrician.txt": page}, settings, embedder) as bot:
        reply = bot.ask("where do electricians get paid the most?")
    assert "Hawaii: $88,110" in reply.answer, reply.answer
    assert "$99,100" not in reply.answer and "$91,000" not in reply.answer


def test_a_level_the_page_gives_a_figure_for_is_in_scope(tmp_path, embedder, settings):
    """"entry level welder pay": the page's own "Entry Level" card answers it; a level the page
    gives no figure for is still out of scope."""
    with bot_over(tmp_path, {"welder.txt": WELDER_CARDS}, settings, embedder) as bot:
        reply = bot.ask("entry level welder pay")
        assert not reply.abstained and "$38,200" in reply.answer, reply.answer
        senior = bot.ask("senior welder pay")
        assert senior.abstained and "no salary figure for senior welder" in senior.notes[0]


def test_a_place_the_documents_never_name_is_out_of_scope_for_any_question(bot):
    reply = bot.ask("is there demand for mlops managers in canada?")
    assert reply.abstained and reply.notes == ("The documents say nothing about canada.",)
    # "in terms of", "in short", "in interviews" name no place
    assert not bot.ask("whats the difference between mlops and devops in terms of focus").abstained
    for question in ("what does an mlops manager do in short", "what skills does an ai python engineer use in interviews"):
        assert "say nothing about" not in " ".join(bot.ask(question).notes), question


def test_an_unlabelled_headline_figure_and_another_sources_median_are_shown_together(tmp_path, embedder, settings):
    """One page gives "Hourly Pay: $39.14" with no statistic, another a median, a third an average:
    asked for none of them, the reply shows each page's figure in its own words, with its source."""
    pages = {"ranking.txt": "Dental Hygienist\n\nHow much do dental hygienists make?\n\n"
                            "Dental Hygienist Hourly Pay: $39.14\n\nFigures are for 2022.\n",
             "salary.txt": "Dental Hygienist Salary\n\nHourly wages\n\nMedian: $42.08 per hour\n\n"
                           "Figures are for 2025.\n",
             "jobs.txt": "Dental Hygienist Job Description Template\n\nPay\n\n"
                         "Average hourly pay: $40.55 per hour\n\nFigures are for 2024.\n"}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("dental hygienist hourly pay")
    assert "$39.14" in reply.answer and "$42.08" in reply.answer and "$40.55" in reply.answer, reply.answer
    assert reply.answer.startswith("The sources give different figures")


def test_who_earns_more_of_two_occupations_compares_their_medians(tmp_path, embedder, settings):
    """Each side's typical figure (its median), not one side's top decile against the other's
    pay-by-experience rows."""
    pages = {"roofer.txt": "Roofer Salary\n\nRoofer pay\n\nThe median roofer salary is $50,970 per year.\n\n"
                           "Percentile\tAnnual wage\n10th percentile\t$36,200\n90th percentile\t$76,400\n",
             "glazier.txt": "Glazier Job Description\n\nGlazier salary by experience\n\n"
                            "Experience\tAverage salary\nLess than 1 year\t$38,100\n10+ years\t$61,900\n\n"
                            "Pay\n\nGlaziers earned a median annual wage of $48,730 in May 2023.\n"}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("who earns more, a roofer or a glazier?")
    assert "$50,970" in reply.answer and "$48,730" in reply.answer, reply.answer
    assert "$76,400" not in reply.answer and "$61,900" not in reply.answer
    assert "Computed from" in reply.answer  # the difference is labelled as computed


def test_a_question_for_a_difference_keeps_the_sentence_that_gives_it(tmp_path, embedder, settings):
    pages = {"a.txt": "HVAC Technician Salary Guide\n\nCertification\n\nThe median HVAC technician salary is $57,300. "
                      "NATE-certified techs earn about $5,800 a year more than techs without it.\n",
             "b.txt": "HVAC Technician\n\nPay\n\nThe median HVAC technician salary was $48,630 in May 2021.\n"}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("how much more do NATE certified hvac techs make")
    assert "$5,800" in reply.answer and "different figures" not in reply.answer, reply.answer


def test_a_long_labelled_list_asked_for_whole_is_quoted_by_its_labels(bot):
    """Seven "Label: description" items across two chunks don't fit one answer: each label is
    quoted and cited, in the page's order."""
    reply = bot.ask("List the seven key responsibilities from the overview.")
    lines = reply.answer.splitlines()
    assert lines[0] == "7 items, by name:"
    labels = ["Data Management", "Automation", "Model Versioning", "Continuous Integration and Deployment (CI/CD)",
              "Containerization and Orchestration", "Monitoring and Observability", "Governance and Compliance"]
    assert [re.match(r"• “(.+)” \[\d\]$", line).group(1) for line in lines[1:]] == labels
    assert all(quoted_with_citation(reply, label) for label in labels)
    names = bot.ask("all the essential soft skills for an ML DevOps manager, just the names")
    assert names.answer.startswith("8 items, by name:\n• “Communication and Collaboration” [1]")


def test_a_whole_list_asked_of_one_named_group_quotes_the_group_not_the_labels(bot, tmp_path, settings, embedder):
    """"Specific skills that command higher salary - all of them" names one group of the factors
    list ("Specific Skills: … can command higher salaries:" over its bullets): its items are the
    answer, not the four factors' names."""
    reply = bot.ask("specific skills that command higher salary - all of them please")
    assert "by name" not in reply.answer, reply.answer
    assert all(tool in reply.answer for tool in ("TypeScript", "ElasticSearch", "Kafka", "Go")), reply.answer
    page = ("Welder Career Guide\n\nWhat Raises Pay\n\n1. Region: Pay is higher on the Gulf Coast refineries.\n"
            "2. Shift: Night shifts add a differential to the hourly rate.\n"
            "3. Certifications: These endorsements are paid a premium:\n  • AWS D1.1 structural\n  • ASME Section IX pipe\n"
            "  • API 1104 pipeline\n4. Union: Union shops pay scale rates with benefits.\n")
    with bot_over(tmp_path, {"welder.txt": page}, settings, embedder) as welder:
        named = welder.ask("which welder certifications get paid a premium? list them all")
    assert "by name" not in named.answer and "API 1104 pipeline" in named.answer, named.answer


def test_two_labelled_items_compared_are_quoted_side_by_side(bot):
    reply = bot.ask("AI strategy consultants vs AI startup consultants - what's the difference?")
    assert reply.kind == "composed" and reply.answer.splitlines()[:2] == [
        "AI Strategy Consultants: “Focus on developing high-level AI strategies and roadmaps” [1]",
        "AI Startup Consultants: “Specialize in advising AI startups on business strategy and product development” [1]"]
    assert quoted_with_citation(reply, "Focus on developing high-level AI strategies and roadmaps")
    labels_with_and = bot.ask("Containerization and Orchestration vs Monitoring and Observability")  # "and" inside labels
    assert [line.split(":")[0] for line in labels_with_and.answer.splitlines()[:2]] == [
        "Containerization and Orchestration", "Monitoring and Observability"]


@pytest.mark.parametrize("one, other, same", [
    ("HVAC Technician", "HVAC/R Technician", True),
    ("Plumber", "Plumbers, Pipefitters, and Steamfitters", True),  # one of the occupations a title lists
    ("Lead Technician", "MLOps Team Lead", False),  # sharing "lead" is not being one occupation
    ("Lead Technician", "HVAC Technician", False),
    ("Veterinary Technician", "Pharmacy Technician", False),  # one role noun, two occupations
    ("Veterinary Technician", "Avionics Equipment Mechanics and Technicians", False),
    ("Truck Drivers", "Tractor-trailer Truck Drivers", True),
    ("Senior MLOps Engineer", "MLOps Engineer", True),  # a level is no other occupation
    # trade nouns ("mechanic", "repairers") say which trade only by their other words
    ("Elevator Mechanic", "Elevator and Escalator Installers and Repairers", True),
    ("Automotive Service Technicians and Mechanics", "Automotive Body and Glass Repairers", False),
    ("Medical Equipment Repairers", "Medical Technician", False),
    ("Of mechanic", "Elevator and Escalator Installers and Repairers", False),  # no trade words at all
])
def test_sources_disagree_only_about_the_same_occupation(one, other, same):
    from assistant.compose import same_occupation

    assert same_occupation(one, other) is same and same_occupation(other, one) is same


TRUCK_RANKING = """The 10 Best Cities for Truck Drivers
Truck drivers in midsize cities take home more after rent.
Median pay (2022): $52,370
How we score
Freight volume growth, 2019–2023: 20% of the score
"""
TRUCK_TEMPLATE = """CDL-A Truck Driver Job Description Template
Outlook
Job growth: 4.6% (2022–2032)
"""
ASSISTANT_OUTLOOK = """Medical Assistant Careers
Outlook
Employment of medical assistants is projected to grow 14.2% between 2022 and 2032.
"""


def test_the_work_names_the_worker_and_another_page_on_the_occupation_gives_its_figure(tmp_path, embedder, settings):
    pages = {"ranking.txt": TRUCK_RANKING, "template.txt": TRUCK_TEMPLATE, "assistant.txt": ASSISTANT_OUTLOOK}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("which is growing faster, medical assisting or truck driving jobs?")
    assert quoted_with_citation(reply, "Job growth: 4.6% (2022–2032)")
    assert quoted_with_citation(reply, "projected to grow 14.2% between 2022 and 2032")
    assert "20% of the score" not in reply.answer
    assert re.search(r"Computed from \[\d\] and \[\d\]: Medical Assistant's figure is higher by 9.6 points", reply.answer)


VET_PAY = """Veterinary Technician Salary

Vet techs earn different pay depending on where they work and which state they live in.

Pay by work setting

  • Research laboratory: $52,700
  • General practice: $44,200

Pay by state

  • Massachusetts: $58,930
  • Alabama: $34,410
"""


def test_the_highest_paying_setting_is_ranked_among_settings_not_states(tmp_path, embedder, settings):
    with bot_over(tmp_path, {"vet.txt": VET_PAY}, settings, embedder) as bot:
        reply = bot.ask("highest paying work setting for vet techs")
    assert "Research laboratory" in reply.answer and "Massachusetts" not in reply.answer


GLAZIER_STEPS = """How to Become a Glazier in 4 Steps

Glaziers cut and set glass for windows, storefronts and skylights, and most learn on the job.

1. Finish high school
Math and shop classes help, and a driver's license is often required by contractors.

2. Apply for an apprenticeship
Most glaziers learn through a four-year apprenticeship run by a union or a contractor.

3. Earn a safety card
An OSHA 10 card is the usual first credential on a job site.

4. Get certified
Some states license glaziers; a national certification shows employers you know the trade.
"""


def test_numbered_steps_with_paragraphs_between_them_are_listed_in_order(tmp_path, embedder, settings):
    with bot_over(tmp_path, {"steps.txt": GLAZIER_STEPS}, settings, embedder) as bot:
        reply = bot.ask("list the steps to become a glazier")
    lines = reply.answer.splitlines()
    assert lines[0] == "4 steps:"
    assert [re.sub(r" \[\d\]$", "", line) for line in lines[1:]] == [
        "1. “Finish high school”", "2. “Apply for an apprenticeship”", "3. “Earn a safety card”", "4. “Get certified”"]


@pytest.mark.parametrize("question, level, pay", [
    ("how much does an mlops manager with 5 years of experience make?", "Mid-Level", "$160,000 - $200,000"),
    ("salary for mlops manager with 10 years experience", "Senior-Level", "$200,000 - $250,000+"),
    ("i have 2 years of experience, what can i earn as an mlops manager", "Entry-Level", "$120,000 - $150,000"),
    ("what would a mlops manager with 3 yrs earn", "Mid-Level", "$160,000 - $200,000"),  # a boundary year: the level it starts
    # years someone is into a career, said as a range with "to"
    ("3 to 7 years in, what would an mlops manager be paid at that point?", "Mid-Level", "$160,000 - $200,000"),
    ("mlops manager 8 yrs into the job, salary?", "Senior-Level", "$200,000 - $250,000+"),
    ("if i've got like 5 yrs under my belt, which pay bracket would i land in as an mlops manager?", "Mid-Level",
     "$160,000 - $200,000"),
])
def test_pay_for_years_of_experience_is_the_level_those_years_fall_in(bot, question, level, pay):
    reply = bot.ask(question)
    assert reply.answer.startswith(f"{level} MLOps Manager, experience: "), reply.answer
    assert quoted_with_citation(reply, pay)
    assert any(note.startswith("Matched by experience (computed)") for note in reply.notes)


@pytest.mark.parametrize("question, subject, pay, end", [
    ("which manager tier begins at 200k a year", "Senior-Level MLOps Manager", "$200,000 - $250,000+", "bottom"),
    ("what level starts at $120,000?", "Entry-Level MLOps Manager", "$120,000 - $150,000", "bottom"),
    ("which role tops out at $237,500", "Director of MLOps", "$198,125 and $237,500", "top"),
])
def test_a_subject_asked_for_by_a_sum_its_range_starts_or_ends_at(bot, question, subject, pay, end):
    reply = bot.ask(question)
    assert reply.answer.startswith(f"{subject}: "), reply.answer
    assert quoted_with_citation(reply, pay)
    assert any(note.startswith("Matched by the sum asked (computed)") and f"the {end} of the range" in note
               for note in reply.notes), reply.notes


@pytest.mark.parametrize("question", [
    "which job tops out at $200,000",  # the mid-level manager's range and the MLOps engineer's: no one subject
    "which tier begins at $200,900",  # no range starts there, however near $200,000 is
    "which level tops out at $250,000",  # "$250,000+" has no top
    # a sum the user was offered, not an end of a range asked about; the subject is the one named
    "what is the starting salary for an mlops engineer? i was offered $120,000",
])
def test_a_sum_no_one_range_starts_or_ends_at_names_no_subject(bot, question):
    reply = bot.ask(question)
    assert not any(note.startswith("Matched by the sum asked") for note in reply.notes), reply.notes
    answer = reply.answer or ""
    assert "Entry-Level MLOps Manager" not in answer and "Senior-Level MLOps Manager" not in answer


@pytest.mark.parametrize("question, years", [
    ("2.5 years in, what would an mlops manager make", "2.5"),
    ("how much will mlops manager pay rise over 5 years in seattle", None),  # a span of time, not years held
])
def test_years_into_a_career_are_read_as_said(question, years):
    from assistant.intent import YEARS_HELD_RE

    match = YEARS_HELD_RE.search(question)
    assert (match.group("years") if match else None) == years


def test_years_asked_for_are_not_years_held(bot):
    reply = bot.ask("how many years of experience does a senior mlops manager need?")
    assert "7+ years" in reply.answer and "Matched by experience" not in " ".join(reply.notes)


def test_a_superlative_over_a_named_section_ranks_only_that_sections_roles_by_the_end_asked(bot):
    # "pay floor": ranked by the bottom of each range; "career progression list": only that section's roles
    reply = bot.ask("in the career progression list, which title has the highest pay floor?")
    assert reply.answer.startswith("Highest: Director of MLOps — "), reply.answer
    assert "Compared by the bottom of each figure (computed from the cited figures)" in reply.answer
    assert "Senior-Level MLOps Manager" not in reply.answer  # a salary level, not a career-progression title


def test_the_widest_range_is_ranked_by_top_minus_bottom_among_the_kind_of_title_asked(bot):
    reply = bot.ask("which engineer title on the mlops career ladder has the widest salary range?")
    assert reply.answer.startswith("Widest range: MLOps Engineer — "), reply.answer
    assert quoted_with_citation(reply, "$131,158 to $200,000")
    assert "Senior MLOps Engineer $165,000 to $207,125" in reply.answer and "Director" not in reply.answer


PROGRAM_PAGE = """# Radiologic Technology, A.A.S.

Lakeshore Bend Community College trains radiologic technologists for hospitals and imaging centers.

## Program at a glance

Award
: Associate of Applied Science in Radiologic Technology

Program length
: 21 months (five consecutive semesters, starting each August)

## How to apply

1. Apply to Lakeshore Bend Community College and send your transcripts.
2. Finish the prerequisite courses with a C or better at Lakeshore Bend.
3. Attend a program information session at Lakeshore Bend before February 15.

## Contact

Radiologic Technology Program Office, Lakeshore Bend Community College, (555) 010-4432.

© 2025 Lakeshore Bend Community College
"""


def test_how_long_also_searches_for_a_length_line(tmp_path, settings, embedder):
    # "how long" searches for the program's length too
    with bot_over(tmp_path, {"program.md": PROGRAM_PAGE}, settings, embedder) as bot:
        from assistant.retrieval import Query
        from assistant.text import tokenize

        question = "how long is the rad tech program"
        asked = bot.diagnose(question, mode="bm25").reply
        assert asked.answer_type == "years"
        search = bot.retriever("bm25")
        plain = search.search(Query(question, tokenize(question), None), 4)
        expanded = search.search(Query(question, tokenize(question), None, tuple(tokenize("length duration"))), 4)
        # the question's own words favour the page's other passages; "length" lifts the length line's passage first
        assert expanded[0].chunk.section[-1] == "Program at a glance"
        assert plain[0].chunk.section[-1] != "Program at a glance"


@pytest.mark.parametrize("question, other_things", [
    ("which machine pays operators the most at tri-county earthworks", True),  # machines, not roles
    ("which skills pay the most?", True),
    ("which mlops manager level pays the most?", False),
    ("which market is bigger, devops or mlops?", False),
    ("which role pays the most?", False),
    ("which pays more, a plumber or an electrician?", False),
])
def test_what_a_superlative_ranks(question, other_things):
    from assistant.multifact import _ranks_other_things

    assert _ranks_other_things(question) is other_things


MACHINE_PAY_PAGE = """# Equipment Operator – Excavator

*Posted by Granite Ridge Earthworks*

## About us

Granite Ridge Earthworks moves dirt for cities and home builders with a fleet of about 90 machines.

## Operator pay scale (2025)

| Machine | Starting rate | Top of scale |
|---|---|---|
| Excavator | $31.10 | $38.40 |
| Motor grader | $33.90 | $40.75 |
| Wheel loader | $26.20 | $31.60 |

## Benefits

Paid holidays, a 401(k) match and a boot allowance.
"""


def test_a_superlative_over_a_pay_table_ranks_its_rows_not_the_roles(tmp_path, settings, embedder):
    with bot_over(tmp_path, {"posting.md": MACHINE_PAY_PAGE}, settings, embedder) as bot:
        reply = bot.ask("which machine pays operators the most at granite ridge?")
        assert reply.answer.startswith("Highest: Motor grader — "), reply.answer
        assert quoted_with_citation(reply, "$40.75")
        assert "Compared (computed from the cited table) with: Excavator $31.10, $38.40; Wheel loader" in reply.answer


XRAY_PAGE = """Radiologic Technologist Salary

Also called: X-ray technologist, radiographer

Job outlook

Employment of radiologic technologists is projected to grow 5.4% from 2024 to 2034.
"""
CRANE_PAGE = """Crane Operators

Job outlook

Employment of crane operators is projected to grow 3.1% from 2024 to 2034.
"""


def test_a_pages_other_name_names_its_occupation_in_a_comparison(tmp_path, settings, embedder):
    # "xray tech" is none of the subject's own words: the page's "Also called" line names it
    with bot_over(tmp_path, {"xray.txt": XRAY_PAGE, "crane.txt": CRANE_PAGE}, settings, embedder) as bot:
        reply = bot.ask("job growth xray tech vs crane operator, which is faster?")
        assert quoted_with_citation(reply, "5.4%") and quoted_with_citation(reply, "3.1%"), reply.answer
        assert "Computed from" in reply.answer


def test_a_follow_up_that_only_names_a_place_is_out_of_scope_for_the_figure_asked_before(bot):
    reply = bot.ask("and in london?", history=["how much does a director of mlops make?"])
    assert reply.abstained and reply.answer is None
    assert reply.notes and reply.notes[0].startswith("The documents give salary figures for US Market, 2024 only (nothing on london)")


@pytest.mark.parametrize("question, winner, left_out", [
    ("leaving out the mlops titles, which manager role earns best?", "DevOps Managers", "MLOps"),
    ("excluding directors, which role pays the most?", "Senior-Level MLOps Manager", "Director"),
])
def test_a_superlative_leaves_out_the_subjects_the_question_excludes(bot, question, winner, left_out):
    reply = bot.ask(question)
    assert reply.answer.startswith(f"Highest: {winner} — "), reply.answer
    assert left_out not in reply.answer.split("—", 1)[1].split("[", 1)[1]  # not among those compared either


def test_two_kinds_of_figure_for_each_level_are_listed_side_by_side_in_the_order_asked(bot):
    reply = bot.ask("mlops manager tiers: pay and years of experience for each one")
    lines = reply.answer.splitlines()
    assert [line.split(":", 1)[0] for line in lines[:3]] == [
        "Entry-Level MLOps Manager", "Mid-Level MLOps Manager", "Senior-Level MLOps Manager"]
    assert lines[2].index("$200,000 - $250,000+") < lines[2].index("7+ years")  # pay first, as asked
    for figure in ("$120,000 - $150,000", "0-3 years", "$160,000 - $200,000", "3-7 years"):
        assert quoted_with_citation(reply, figure)


def test_a_list_along_a_named_section_lists_every_subject_of_it_even_when_one_is_named(bot):
    # "career ladder" is the "Career Progression" section; "MLOps engineer" names one of its roles, not the only one
    reply = bot.ask("List the salaries along the MLOps engineer career ladder.")
    for figure in ("$131,158 to $200,000", "$165,000 to $207,125", "$137,700", "$198,125 and $237,500"):
        assert quoted_with_citation(reply, figure), reply.answer
    assert "Senior-Level MLOps Manager" not in reply.answer


def test_a_range_asked_lowest_to_highest_is_the_subjects_own_range(bot):
    reply = bot.ask("What's the pay range for machine learning managers, lowest to highest?")
    assert quoted_with_citation(reply, "$66,000 to $110,500"), reply.answer


@pytest.mark.parametrize("question, subject, figure, verdict", [
    ("recruiter check: is a $140k budget enough for a mid-level mlops manager?", "Mid-Level MLOps Manager",
     "$160,000 - $200,000", "$140,000 is $20,000 below the bottom of this figure"),
    ("we budgeted 125k for an entry level mlops manager, is that inside the usual range?", "Entry-Level MLOps Manager",
     "$120,000 - $150,000", "$125,000 is within this figure"),
    ("is 300k too much for a director of mlops", "Director of MLOps", "$198,125 and $237,500",
     "$300,000 is $62,500 above the top of this figure"),
    ("would $260,000 be enough to hire a senior mlops manager?", "Senior-Level MLOps Manager", "$200,000 - $250,000+",
     "$260,000 is within this figure"),  # "$250,000+" has no top
])
def test_a_budget_is_checked_against_the_cited_figure_and_the_check_says_it_is_computed(bot, question, subject, figure,
                                                                                        verdict):
    reply = bot.ask(question)
    assert reply.answer.startswith(f"{subject}: "), reply.answer
    assert quoted_with_citation(reply, figure)
    assert f"Computed from the cited figure: {verdict}." in reply.answer


def test_a_masters_degree_is_no_master_level(bot):
    # "master's degree" must not name a senior-level subject; the role asked about has no salary figure
    reply = bot.ask("salary for an ai python engineer with a master's degree?")
    assert reply.abstained and reply.notes and "no salary figure for" in reply.notes[0]


def test_the_tier_that_years_of_experience_fit_is_the_level_that_holds_them(bot):
    reply = bot.ask("i have 2 years of experience - which mlops manager tier does that fit?")
    assert reply.answer.startswith("Entry-Level MLOps Manager, experience: "), reply.answer
    assert quoted_with_citation(reply, "0-3 years")


def test_a_collection_question_in_chat_shorthand(bot):
    reply = bot.ask("hey what job profiles r in ur docs")
    assert reply.answer.startswith("The documents cover 5 pages:"), reply.answer


def test_the_bottom_end_of_a_subjects_pay_is_its_range(bot):
    reply = bot.ask("bottom end of ML manager salaries?")
    assert quoted_with_citation(reply, "$66,000 to $110,500"), reply.answer


def test_the_biggest_gap_between_bottom_and_top_ranks_ranges_by_width(bot):
    reply = bot.ask("which mlops manager tier has the biggest gap between the bottom and top of its range?")
    assert reply.answer.startswith("Widest range: Senior-Level MLOps Manager — "), reply.answer


@pytest.mark.parametrize("question, subject, figure", [
    ("43.2% - what's that the growth rate of?", "MLOps market", "CAGR of 43.2%"),
    ("whose average salary is $137,700?", "MLOps Team Lead", "$137,700"),
])
def test_a_figure_the_question_gives_is_found_with_whose_it_is(bot, question, subject, figure):
    reply = bot.ask(question)
    assert reply.answer.startswith(f"{subject}: "), reply.answer
    assert quoted_with_citation(reply, figure)


def test_a_source_whose_figure_is_not_about_what_was_asked_is_no_rival(tmp_path, embedder, settings):
    a = ("Dental Hygienist Salary Guide\n\nSalary\n\nThe median salary for dental hygienists was $87,530 in May 2023.\n\n"
         "Pay by state\n\nIn Texas, dental hygienists earned a median of $81,200 in May 2023.\n")
    b = "Dental Hygienist\n\nSalary\n\nDental hygienists earned a median salary of $77,810 in 2021.\n"
    with bot_over(tmp_path, {"a.txt": a, "b.txt": b}, settings, embedder) as two:
        texas = two.ask("dental hygienist median salary in texas")
        overall = two.ask("dental hygienist median salary")
    # the other page gives no Texas figure: its national median is no rival of the Texas one
    assert "$81,200" in texas.answer and "$77,810" not in texas.answer, texas.answer
    assert overall.answer.startswith("The sources give different figures")


@pytest.mark.parametrize("question, first, count", [
    ("trends shaping ml devops, just the headline names pls", "Automation and Efficiency", 7),
    # a numbered group's own item ("1. Automation and CI/CD:" over its bullets) is all label
    ("best practices for ml in a devops setup - give me the section headings", "Automation and CI/CD", 8),
])
def test_a_request_for_names_only_lists_each_item_by_its_label(bot, question, first, count):
    reply = bot.ask(question)
    lines = reply.answer.splitlines()
    assert lines[0] == f"{count} items, by name:" and lines[1].startswith(f"• “{first}” ["), reply.answer
    assert "give me" not in reply.query and "headline names" not in reply.query  # how it is asked is not searched


@pytest.mark.parametrize("question", ["ai python engineer responsibilities, the full list",
                                      "ai python engineer responsibilities - list pls"])
def test_a_request_for_the_whole_list_after_the_topic_is_typed_not_searched(bot, question):
    reply = bot.ask(question)
    for item in ("Design, develop, and maintain AI systems", "Deploy and integrate AI models", "Ensure ethical AI development"):
        assert item in reply.answer, reply.answer
    assert "list" not in reply.query


def test_the_quartiles_are_statistics_a_question_can_ask_for():
    from assistant.compose import asked_qualifier
    assert asked_qualifier("salary of the best-paid 25% of carpenters") == "75th percentile"
    assert asked_qualifier("surg tech 25th percentile salary") == "25th percentile"
    assert asked_qualifier("top 10% of welders") == "top 10%"
    assert asked_qualifier("top 25 cities for phlebotomist pay") == ""  # a count of cities, no percentile


def test_the_highest_or_lowest_paid_of_one_role_is_the_top_or_bottom_of_its_pay(tmp_path, embedder, settings):
    page = ("Phlebotomists\n\nPay\n\nThe median annual wage for phlebotomists was $43,160 in May 2024. The bottom 10% "
            "earned less than $34,270, and the top 10% earned more than $58,870.\n\nBy state\n\n"
            "State\tAnnual mean wage\nCalifornia\t$59,180\nTexas\t$38,900\n")
    with bot_over(tmp_path, {"phlebotomists.txt": page}, settings, embedder) as bot:
        top = bot.ask("how much do the highest paid phlebotomists make")
        state = bot.ask("which state pays phlebotomists the most")
    assert quoted_with_citation(top, "$58,870"), top.answer
    assert "California" in state.answer  # a ranking of places is not the top of the distribution


def test_a_shortened_name_with_a_word_only_it_has_names_that_subject_and_case_makes_no_second_subject(tmp_path, embedder,
                                                                                                     settings):
    wind = ("Wind Turbine Technician Salary\n\nPay\n\nMedian pay: $59,940 per year.\n\nOutlook\n\n"
            "Jobs for wind turbine technicians are projected to grow 44.6% from 2023 to 2033.\n")
    phleb = ("Phlebotomy Technician\n\nOutlook\n\nEmployment of phlebotomy technicians is projected to grow 8.4% "
             "from 2023 to 2033.\n")
    with bot_over(tmp_path, {"wind.txt": wind, "phleb.txt": phleb}, settings, embedder) as bot:
        table = bot._state.multifact.table
        assert len([s for s in table.subjects if s.casefold() == "wind turbine technician"]) == 1
        reply = bot.ask("which is growing faster phlebotomy or wind tech jobs")
    assert quoted_with_citation(reply, "44.6%") and quoted_with_citation(reply, "8.4%"), reply.answer


def test_a_question_ending_in_titles_is_no_request_for_names_only():
    from assistant.compose import names_only, without_request
    assert not names_only("what are the job titles") and without_request("what are the job titles") == "what are the job titles"
    assert names_only("trends shaping ml devops, just the headline names pls")


def test_an_acronym_a_page_defines_for_its_occupation_and_an_irregular_plural_name_it(tmp_path, settings, embedder):
    """"RT" is what the page's "Respiratory therapists (RTs)" defines, and "linemen" is the plural of the
    "lineman" the other page's "Also called" line gives: both name the occupation in a comparison."""
    pages = {"rt.txt": "Respiratory Therapist Salary\n\nOverview\n\nRespiratory therapists (RTs) treat people who have "
                       "trouble breathing.\n\nPay\n\nThe median respiratory therapist salary was $77,840 in May 2024.\n",
             "line.txt": "Electrical Power-Line Installers and Repairers\n\nAlso called: lineworkers, lineman\n\nPay\n\n"
                         "Electrical power-line installers earned a median salary of $86,470 in May 2024.\n"}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("who makes more, rts or linemen?")
    assert quoted_with_citation(reply, "$77,840") and quoted_with_citation(reply, "$86,470"), reply.answer
    assert "Computed from" in reply.answer


def test_two_pages_training_lengths_disagree_whether_a_range_or_one_figure(tmp_path, settings, embedder):
    """"Programs usually take 4 to 8 months" and "Length: 16 weeks" both say how long training takes; a
    publisher named in the question ("at brightwater") asks for that source alone."""
    pages = {"handbook.txt": "Phlebotomy Technicians\n\nTraining\n\nPhlebotomy technician programs usually take "
                             "4 to 8 months and end with a certificate. Figures are for 2024.\n",
             "college.txt": "Phlebotomy Technician Certificate at Brightwater College\n\nProgram snapshot\n\n"
                            "Award: Certificate of Completion\nLength: 16 weeks, one semester\nCohort size: 24 students\n\n"
                            "Figures are for 2023.\n"}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        both = bot.ask("how long is phlebotomy technician training")
        one = bot.ask("how long is the phlebotomy technician certificate at brightwater")
    assert both.answer.startswith("The sources give different figures"), both.answer
    assert quoted_with_citation(both, "4 to 8 months") and quoted_with_citation(both, "16 weeks")
    assert "16 weeks" in one.answer and "4 to 8 months" not in one.answer, one.answer


def test_a_follow_up_pointing_at_a_role_without_that_figure_abstains_and_says_so(bot):
    # the Director of MLOps has a salary but no years of experience in the guide
    reply = bot.ask("how many yrs of experience for that one?", history=["what does a director of mlops make?"])
    assert reply.abstained and reply.notes and "no experience figure for Director of MLOps" in reply.notes[0], reply


def test_in_anything_is_no_place_outside_the_documents_scope(bot):
    reply = bot.ask("the reqs say 3-6 yrs managing ML projects.. does that experience need to be in anything "
                    "specific recently?")
    assert not reply.abstained and "recent focus on MLOps" in reply.answer, reply


def test_a_budget_for_someone_with_given_years_is_checked_against_the_level_those_years_fall_in(bot):
    reply = bot.ask("recruiter here: mlops mgr candidate w/ 4 yrs exp is asking 210k, is that over the band?")
    assert reply.answer.startswith("Mid-Level MLOps Manager, experience: "), reply.answer
    assert quoted_with_citation(reply, "3-7 years") and quoted_with_citation(reply, "$160,000 - $200,000")
    assert "Computed from the cited figure: $210,000 is $10,000 above the top of this figure." in reply.answer
    assert any("4 years falls within the 3-7 years" in note for note in reply.notes)


@pytest.mark.parametrize("question, attribute", [
    ("senior devops managers - how much can they get according to this?", "salary"),
    ("how much do mlops managers take home", "salary"),
    ("how much time do they get off", None),
    ("how much experience do they get", "experience"),
])
def test_how_much_someone_can_get_asks_for_pay_but_time_off_does_not(question, attribute):
    assert analyse(question).attribute == attribute


def test_a_levels_figure_for_a_listed_role_is_quoted_for_that_role(bot):
    reply = bot.ask("senior devops managers - how much can they get according to this?")
    assert quoted_with_citation(reply, "$178,000+"), reply.answer


def test_a_subject_named_in_the_plural_is_the_same_subject_as_its_singular():
    from assistant.facts import FactRecord
    from assistant.facttable import FactTable

    def fact(i, subject, value):
        return FactRecord(i, "a", 0, 0, subject, "median", "salary", value, 1.0, 1.0, "USD", "year", "", 2024,
                          0, 1, 0, 1)
    table = FactTable([fact(0, "Aircraft Mechanic", "$77,480"), fact(1, "Aircraft mechanics", "$74,860")],
                      {"a": "Aircraft Mechanic"}, {})
    assert list(table.subjects) == ["Aircraft Mechanic"]


def test_a_statistic_asked_as_a_follow_up_keeps_the_figure_the_conversation_was_about(tmp_path, settings, embedder):
    page = ("Respiratory Therapist Salary\n\nPay percentiles\n\n10%\t25%\tMedian\t75%\t90%\n"
            "Hourly\t$27.96\t$32.71\t$37.42\t$44.03\t$50.18\n"
            "Annual\t$58,160\t$68,040\t$77,840\t$91,580\t$104,370\n\nFigures are for 2025.\n")
    with bot_over(tmp_path, {"rt.txt": page}, settings, embedder) as bot:
        reply = bot.ask("and the bottom 10?", ["respiratory therapist pay percentiles", "what do the top 10% make"])
    assert quoted_with_citation(reply, "$58,160"), reply.answer


@pytest.mark.parametrize("question, first, count", [
    ("what are the headings under the mlops manager core responsibilities", "Infrastructure and Automation", 8),
    ("What are the headings of the requirements for MLOps engineers and managers?", "Technical Skills", 6),
    ("technical skills categories in the mlops requirements?", "Programming", 6),
])
def test_headings_or_categories_asked_for_list_a_sections_groups_or_a_groups_items_by_name(bot, question, first,
                                                                                          count):
    reply = bot.ask(question)
    assert reply.answer.startswith(f"{count} items, by name:\n• “{first}” [1]"), reply.answer


def test_the_top_paying_state_a_source_states_in_a_sentence_stands_beside_anothers_ranked_list(
        tmp_path, settings, embedder):
    pages = {"salary.txt": "Veterinary Technician Salary\n\nTop paying states\n\nRank\tState\tAnnual mean wage\n"
                           "1\tMassachusetts\t$58,930\n2\tWashington\t$55,210\n3\tNew York\t$53,480\n",
             "become.txt": "How to Become a Veterinary Technician\n\nPay\n\nVeterinary technicians earned a median "
                           "salary of $40,920 in 2022. Nevada was the top-paying state, where vet techs earned a "
                           "median of $54,880.\n"}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("best paying state for veterinary technicians")
    assert "Massachusetts" in reply.answer and quoted_with_citation(reply, "$58,930"), reply.answer
    assert "— Nevada: " in reply.answer and quoted_with_citation(reply, "$54,880")
    assert "or as the source states it" in reply.answer


def test_a_figure_inside_the_others_range_is_said_to_be_neither_higher_nor_lower(bot):
    # "brand-new" is the entry level; $137,700 lies within $120,000 - $150,000
    reply = bot.ask("is an mlops team lead paid more than a brand-new mlops mgr?")
    assert quoted_with_citation(reply, "$137,700") and quoted_with_citation(reply, "$120,000 - $150,000"), reply.answer
    assert ("MLOps Team Lead's figure lies within Entry-Level MLOps Manager's range, so neither is higher throughout."
            in reply.answer)
    assert "$-" not in reply.answer


def test_ranges_that_overlap_say_which_end_is_higher_without_a_negative_sum():
    from assistant.compose import Quote, _difference
    from assistant.facts import FactRecord

    def fact(subject, low, high):
        return FactRecord(0, "a", 0, 0, subject, "range", "salary", "", low, high, "USD", "year", "", 2024, 0, 1, 0, 1)
    quote = Quote("x", 1, 0, 1, "x")
    text = _difference(fact("A", 131158, 200000), fact("B", 120000, 210000), quote, quote)
    assert text == ("Computed from {cite:1}: the ranges overlap; A's is $11,158 higher at the low end and $10,000 "
                    "lower at the high end.")


@pytest.mark.parametrize("question, intent", [
    ("r there pages on other ai jobs in here or just mlops? name them", "collection"),
    ("are there other roles covered?", "collection"),
    ("are there more jobs for mlops managers in finance?", "lookup"),
    ("are there more roles for seniors in finance", "lookup"),
    ("what roles can i ask you about apart from the mlops manager one", "collection"),
])
def test_asking_whether_there_are_other_pages_is_about_the_collection(question, intent):
    assert analyse(question).intent == intent


def test_the_top_n_places_asked_for_are_each_sources_first_n_rows(state_breakdowns):
    reply = state_breakdowns.ask("top 2 highest paying states for welders?")
    lines = reply.answer.splitlines()
    assert lines[0] == "Highest 2 in each source (computed from its own list):", reply.answer
    assert any("Alaska: $79,400" in line for line in lines[1:])
    assert len(lines) >= 3


@pytest.mark.parametrize("question, count", [
    ("top 3 highest paying states for respiratory therapists", 3), ("five best cities for welders", 5),
    ("top 10% pay for welders", 1), ("which of the top 10 truck driver cities has the highest pay", 1),
])
def test_how_many_places_a_question_asks_for(question, count):
    from assistant.multifact import _top_count
    assert _top_count(question) == count


def test_which_of_two_levels_needs_more_years_ranks_their_experience(bot):
    reply = bot.ask("which of the two needs more years, and how many?",
                    ["tell me about the entry-level mlops manager tier", "and mid-level?"])
    assert reply.answer.startswith("Most: Mid-Level MLOps Manager — “Generally requires 3-7 years of experience”"), \
        reply.answer
    assert "Entry-Level MLOps Manager" in reply.answer


def test_years_someone_has_are_who_is_asked_about_and_pay_is_what():
    assert analyse("what does a dental hygienist II with 3-7 yrs experience earn").attribute == "salary"
    assert analyse("how many years of experience does a senior earn").attribute == "experience"


@pytest.mark.parametrize("question", ["how much does it take to get certified", "how much does it cost to get certified"])
def test_what_it_takes_or_costs_to_get_something_is_no_pay_question(question):
    assert analyse(question).attribute is None


def test_a_names_only_request_the_reader_is_unsure_of_abstains(bot):
    reply = bot.ask("list just the names of the plumbing licenses")
    assert reply.abstained, reply.answer


GLAZIER_STATES = """Glazier Pay by State

Top paying states for glaziers

State\tHourly\tAnnual
Hawaii\t$41.20\t$85,700
Illinois\t$38.90\t$80,910
Ohio\t$26.10\t$54,290

Glaziers install glass in storefronts, windows and skylights, and most learn the trade in a four-year apprenticeship.
"""


ROOFER_STATES = GLAZIER_STATES.replace("Glazier", "Roofer").replace("glazier", "roofer").replace("$41.20", "$33.70")


def test_there_in_a_follow_up_is_the_place_the_last_answer_named(tmp_path, embedder, settings):
    """ "there" is the place the last answer named, and the turn still carries the occupation asked about."""
    with bot_over(tmp_path, {"glazier.txt": GLAZIER_STATES, "roofer.txt": ROOFER_STATES}, settings, embedder) as bot:
        first = bot.ask("which state pays glaziers the most?")
        assert "Hawaii" in first.answer, first.answer
        reply = bot.ask("how much per hour there?", history=["which state pays glaziers the most?"])
        assert "$41.20" in reply.answer and "$33.70" not in reply.answer, reply.answer
        assert "in hawaii" in reply.query, reply.query
        # "there" that is no place: the question is asked as it is
        other = bot.ask("isn't there a signing bonus?", history=["which state pays glaziers the most?"])
        assert "hawaii" not in other.query.lower(), other.query


def test_levels_named_as_the_subjects_are_not_a_figure_to_pick_from_each(bot):
    # "entry" in "entry, mid, senior" names a subject; it once picked every level's entry figure: only one line
    each = bot.ask("how much experience for each mlops manager level - entry, mid, senior?")
    assert ["0-3 years", "3-7 years", "7+ years"] == [y for y in ("0-3 years", "3-7 years", "7+ years") if y in each.answer]
    more = bot.ask("how much more does a senior mlops manager pull in vs someone just starting out as one")
    assert "$120,000 - $150,000" in more.answer and "$200,000 - $250,000+" in more.answer
    assert "Computed from" in more.answer and "$80,000" in more.answer


def test_a_title_joining_two_occupations_is_named_by_either_one(tmp_path, embedder, settings):
    """"Tree Trimmers and Pruners" joins two occupations: "tree trimmers" names it, so its pay table
    and its states table answer (they were read as about no one)."""
    page = ("Tree Trimmers and Pruners\n\nWages\nLocation\tPay Period\t10%\t25%\tMedian\t75%\t90%\n"
            "United States\tHourly\t$16.80\t$19.40\t$23.90\t$29.10\t$34.70\n"
            "United States\tYearly\t$35,000\t$40,400\t$49,700\t$60,600\t$72,300\n\n"
            "Top-paying states\nState\tMedian hourly\tMedian yearly\tEmployment\n"
            "Washington\t$31.10\t$64,700\t2,400\nOregon\t$28.40\t$59,100\t1,100\n\n"
            "Outlook\nThe states with the most tree trimmers were California (7,800) and Florida (5,900).\n")
    with bot_over(tmp_path, {"tree-trimmers.txt": page}, settings, embedder) as bot:
        top = bot.ask("which state pays tree trimmers the most")
        hourly = bot.ask("how much do tree trimmers make an hour")
    assert "Washington" in top.answer and "$64,700" in top.answer and "California" not in top.answer, top.answer
    assert "$23.90" in hourly.answer and "Oregon" not in hourly.answer, hourly.answer



def test_an_occupation_a_title_joins_is_named_without_its_first_modifier(tmp_path, embedder, settings):
    """ "respiratory therapist vs power line installer": "Electrical Power-Line Installers and
    Repairers" is named by "power line installer", so both sides of the comparison are found."""
    lines = ("Electrical Power-Line Installers and Repairers\n\nPay\n\nThe median hourly wage for electrical "
             "power-line installers and repairers was $41.57 in May 2024.\n")
    therapists = ("Respiratory Therapist\n\nPay\n\nThe median hourly wage for respiratory therapists was $37.42 "
                  "in May 2024.\n")
    with bot_over(tmp_path, {"lines.txt": lines, "therapists.txt": therapists}, settings, embedder) as bot:
        reply = bot.ask("hourly pay respiratory therapist vs power line installer")
    assert "$41.57" in reply.answer and "$37.42" in reply.answer, reply.answer


ELEVATOR_WAGES = (
    "<html><head><title>Elevator and Escalator Installers and Repairers</title></head><body><main>"
    "<h1>Occupational Wages, May 2024</h1><h2>Elevator and Escalator Installers and Repairers</h2>"
    "<p>Install, fix and service elevators, escalators and moving walkways in buildings.</p>"
    "<h3>National estimates:</h3><table><thead><tr><th>Employment</th><th>Employment RSE</th>"
    "<th>Mean hourly wage</th><th>Mean annual wage</th></tr></thead><tbody><tr><td>21,480</td><td>4.6 %</td>"
    "<td>$47.15</td><td>$98,070</td></tr></tbody></table>"
    "<h3>Percentile wage estimates:</h3><table><thead>"
    "<tr><th rowspan='2'>Wage type</th><th colspan='5'>Percentile</th></tr>"
    "<tr><th>10%</th><th>25%</th><th>50%<br>(Median)</th><th>75%</th><th>90%</th></tr></thead><tbody>"
    "<tr><th scope='row'>Hourly Wage</th><td>$25.10</td><td>$36.45</td><td>$48.65</td><td>$59.30</td><td>$70.05</td></tr>"
    "<tr><th scope='row'>Annual Wage</th><td>$52,210</td><td>$75,820</td><td>$101,190</td><td>$123,340</td>"
    "<td>$145,700</td></tr></tbody></table>"
    "<h3>Top paying states:</h3><table><thead><tr><th>State</th><th>Employment</th><th>Hourly mean wage</th>"
    "<th>Annual mean wage</th></tr></thead><tbody><tr><td>Oregon</td><td>610</td><td>$63.20</td><td>$131,460</td></tr>"
    "<tr><td>Nevada</td><td>540</td><td>$60.85</td><td>$126,570</td></tr></tbody></table>"
    "</main></body></html>")


def test_a_title_joining_trades_on_both_sides_of_its_role_nouns_names_each_trade(tmp_path, embedder, settings):
    """ "Elevator and Escalator Installers and Repairers": "elevator repairers" names it, and so does a
    generic worker noun after its trade ("elevator techs"); neither is a role the documents give no
    pay for. A per-hour question gets the median of the two-row percentile header, and an
    estimate's standard error ("Employment RSE") is no rate of job growth."""
    with bot_over(tmp_path, {"elevator-wages.html": ELEVATOR_WAGES}, settings, embedder) as bot:
        hourly = bot.ask("how much do elevator repairers make per hr")
        top = bot.ask("which state pays elevator techs the most")
        facts = [(f.attribute, f.qualifier, f.value) for f in bot._state.multifact.table.facts]
    assert not hourly.abstained and "$48.65" in hourly.answer, (hourly.answer, hourly.notes)
    assert not top.abstained and "Oregon" in top.answer, (top.answer, top.notes)
    assert ("hourly pay", "median", "$48.65") in facts and ("salary", "top 10%", "$145,700") in facts
    assert not any(f[2] == "4.6 %" for f in facts), facts


def test_how_many_years_to_become_one_is_the_path_not_a_missing_experience_figure(tmp_path, embedder, settings):
    """ "how many years to become an elevator mechanic": the time the path takes, which the page
    gives in prose; the page giving no "experience" figure makes it no out-of-scope question.
    A plural acronym after "pay" ("pay LMTs") names workers, not a place the documents lack."""
    guide = ("How to Become an Elevator Mechanic\n\nPay\n\nElevator mechanics earned a median of $97,410 a year "
             "in May 2023.\n\nTraining\n\nNearly everyone learns the trade in a paid apprenticeship. Plan on about "
             "four years of work and classes before you sit the mechanic exam.\n")
    spa = ("Licensed Massage Therapist (LMT)\n\nPay\n\nOur spa pays therapists $31 to $44 per service hour, plus "
           "tips.\n\nThe role\n\nYou give Swedish and deep-tissue massage in one of nine treatment rooms.\n")
    with bot_over(tmp_path, {"elevator-guide.txt": guide, "spa-lmt.txt": spa}, settings, embedder) as bot:
        years = bot.ask("how many years to become an elevator mechanic")
        pay = bot.ask("what does the spa pay LMTs")
    assert not years.abstained and "four years" in years.answer, (years.answer, years.notes)
    assert not pay.abstained and "$31 to $44" in pay.answer, (pay.answer, pay.notes)
    assert bot.reader.unknown_names("what does the spa pay LMTs") == ()  # "LMT" is the page's own word


def test_figures_said_to_differ_show_each_source_for_one_trade_named_two_ways(tmp_path, embedder, settings):
    """ "why do the 2 sources give different numbers": each source's figure, not the one the reader
    found. "Elevator Mechanics" and "Elevator and Escalator Installers and Repairers" are one trade
    (their role nouns only say someone works it); "massage therapy" names the massage therapists."""
    guide = ("How to Become an Elevator Mechanic\n\nPay\n\nElevator mechanics earned a median of $95,120 a year in "
             "May 2023.[^1] About 21,300 worked in the trade that year.\n\n[^1]: Federal estimates.\n")
    school = "Massage Therapists\n\nOutlook\n\nEmployment is projected to grow 13.4% from 2024 to 2034.\n"
    posting = ("Licensed Massage Therapist\n\nWhy massage\n\nMassage therapists can expect job growth of 16.2% "
               "between 2023 and 2033, according to federal projections.\n")
    pages = {"wages.html": ELEVATOR_WAGES, "guide.md": guide, "school.txt": school, "posting.txt": posting}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        pay = bot.ask("elevator installer median pay - why do the 2 sources give different numbers")
        growth = bot.ask("massage therapy job growth rate? i keep seeing two different %s")
    assert pay.answer.startswith("The sources give different figures"), pay.answer
    assert "$101,190" in pay.answer and "$95,120" in pay.answer and "21,300" not in pay.answer, pay.answer
    assert growth.answer.startswith("The sources give different figures"), growth.answer
    assert "13.4%" in growth.answer and "16.2%" in growth.answer, growth.answer


def test_sources_side_by_side_quote_only_the_clause_with_each_figure(tmp_path, embedder, settings):
    """Two sources' growth figures, each in a long sentence that goes on to other figures: each is
    quoted from the clause that holds it, so the answer stays short, and stays verbatim."""
    handbook = ("Glaziers\n\nJob Outlook\n\nGlaziers held about 58,300 jobs in 2024, and employment of glaziers is "
                "projected to grow 4 percent from 2024 to 2034, about as fast as the average for all occupations, "
                "with about 5,900 openings each year.\n")
    blog = ("Glazier Salary and Outlook\n\nOutlook\n\nGlaziers can expect employment to grow 6% from 2023 to 2033; "
            "most openings will come from workers who retire or change trades over the decade.\n")
    with bot_over(tmp_path, {"glaziers-handbook.txt": handbook, "glazier-blog.txt": blog}, settings, embedder) as bot:
        reply = bot.ask("glazier job growth? the two sources give different numbers")
    assert reply.answer.startswith("The sources give different figures"), reply.answer
    assert "“employment of glaziers is projected to grow 4 percent from 2024 to 2034, about as fast as the average " \
           "for all occupations”" in reply.answer, reply.answer
    assert "“Glaziers can expect employment to grow 6% from 2023 to 2033”" in reply.answer, reply.answer
    assert "58,300" not in reply.answer and "5,900" not in reply.answer and "retire" not in reply.answer


def test_a_series_comma_before_a_figure_is_no_clause_to_cut():
    """ "Electricians, plumbers, and pipefitters … earned": the workers stay with their figure."""
    from assistant.compose import Quote, clause_of
    from assistant.facts import FactRecord

    text = "Electricians, plumbers, and pipefitters in the construction industry earned a median of $61,550 in May 2024."
    start = text.index("$61,550")
    fact = FactRecord(0, "d", 0, 0, "Electricians", "median", "salary", "$61,550", 61550.0, 61550.0, "USD", "year", "",
                      2024, start, start + len("$61,550"), 0, len(text))
    assert clause_of(Quote("Electricians", 0, 0, len(text), text, fact)).text == text


def test_a_follow_up_naming_a_state_asks_for_that_state_s_figure(tmp_path, embedder, settings):
    """ "and new jersey?" after "which state pays … best": New Jersey is given, its pay is asked;
    not a place again (the New York-Newark-Jersey City metro row names a "Jersey" too)."""
    page = ("Elevator and Escalator Installers and Repairers\n\nTop paying states\n"
            "State\tEmployment\tHourly mean wage\tAnnual mean wage\nOregon\t610\t$63.20\t$131,460\n"
            "New Jersey\t540\t$60.85\t$126,570\n\nTop paying metropolitan areas\n"
            "Metropolitan area\tEmployment\tHourly mean wage\tAnnual mean wage\n"
            "New York-Newark-Jersey City, NY-NJ\t3,900\t$61.10\t$127,090\n"
            "Portland-Vancouver-Hillsboro, OR-WA\t420\t$64.00\t$133,120\n")
    with bot_over(tmp_path, {"elevator-states.txt": page}, settings, embedder) as bot:
        reply = bot.ask("and new jersey?", history=["which state pays elevator mechanics best"])
    assert "$126,570" in reply.answer and "$127,090" not in reply.answer, reply.answer


def test_the_top_paying_state_for_a_field_is_its_workers_top_state(tmp_path, embedder, settings):
    """ "best paying state for massage therapy": the therapists' state ranking (a rank column first)."""
    page = ("Riverside School of Massage\n\nCareers\n\nMassage therapists earned a median of $55,200 a year in May 2024.\n\n"
            "Top-paying states for massage therapists (annual mean wage, May 2024)\nRank\tState\tAnnual mean wage\n"
            "1\tOregon\t$77,940\n2\tHawaii\t$75,120\n3\tNevada\t$70,330\n")
    with bot_over(tmp_path, {"massage-school.txt": page}, settings, embedder) as bot:
        reply = bot.ask("best paying state for massage therapy + how much")
    assert reply.answer.startswith("Highest in each source (computed from its own list)"), reply.answer
    assert "Oregon" in reply.answer and "$77,940" in reply.answer and "Hawaii" not in reply.answer, reply.answer


def test_a_fee_column_makes_its_rows_costs_but_not_another_exam_s(tmp_path, embedder, settings):
    """A row under "New-license fee" is what a license costs in that state; the ServSafe exam's fee
    doesn't answer what "the FS exam" costs (a name the question writes in capitals)."""
    guide = ("How to Become a Boilermaker\n\nLicensing by state\n\n"
             "| State | License required? | New-license fee | Continuing education |\n|---|---|---|---|\n"
             "| Massachusetts | Yes | $152 | 8 hours every 2 years |\n| Ohio | Yes | $88 | 4 hours a year |\n\n"
             "Exams\n\nSurveyors-in-training first pass the Fundamentals of Surveying (FS) exam; the boilermaker "
             "license has its own written test.\n")
    school = ("Baking Certificate\n\nCosts\n\n| Cost item | Resident | Nonresident |\n|---|---|---|\n"
              "| Tuition | $5,910 | $11,240 |\n| ServSafe Manager exam | $44 | $44 |\n")
    with bot_over(tmp_path, {"boilermaker.md": guide, "baking.md": school}, settings, embedder) as bot:
        fee = bot.ask("cost of a boilermaker license in massachusetts")
        exam = bot.ask("how much does the FS exam cost")
    assert not fee.abstained and "$152" in fee.answer, (fee.answer, fee.notes)
    assert exam.abstained, exam.answer


def test_a_duration_chosen_for_its_kind_is_sure_by_its_lead_over_other_durations(tmp_path, embedder, settings):
    """ "how long is ridgebacks climber school" on a real-layout job page (a development page): the
    sentence giving a length wins over better-scored sentences about the school that give none; its
    confidence comes from its lead over other passages' durations, not from trailing those
    sentences (it read as no lead at all, and abstained)."""
    page = ROOT / "eval" / "foreign11" / "corpus" / "ridgeback-climbing-arborist-job.html"
    with bot_over(tmp_path, {page.name: page.read_text(encoding="utf-8")}, settings, embedder) as bot:
        reply = bot.diagnose("how long is ridgebacks climber school")
    assert not reply.reply.abstained and "ten weeks (400 paid hours)" in reply.reply.answer, reply.reply.answer
    assert reply.features["margin"] > 0, reply.features


def test_an_employer_s_name_picks_its_page_and_is_never_the_answer(tmp_path, embedder, settings):
    """A job posting copied from a job board (a development page) names its employer on many lines,
    so those lines outscored the shift lines on "desert bloom spa shift times"; the name says which
    page, the shift lines say when. A line that is only the employer's name answers nothing."""
    pages = beside_the_guide("foreign12")
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        shifts = bot.ask("desert bloom spa shift times")
        duties = bot.ask("desert bloom massage therapist responsibilities")
    assert not shifts.abstained and ("9:00 a.m. – 5:30 p.m." in shifts.answer or "12:30 p.m. – 9:00 p.m." in shifts.answer), \
        (shifts.answer, shifts.confidence)
    assert (duties.answer or "").strip() != "Desert Bloom Day Spa & Wellness", duties.answer


def test_an_organisation_said_short_names_its_page_beside_another_page_s_alias(tmp_path, embedder, settings):
    """ "sorrel ridge RT 12 hr shift times" (development pages): "RT" names the salary page and
    "sorrel ridge" the careers page ("Sorrel Ridge Medical Center" said short), so the careers page's
    shift times are not "on another page"."""
    pages = beside_the_guide("foreign8")
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("sorrel ridge RT 12 hr shift times")
    assert not reply.abstained and "6:45 a.m." in reply.answer, (reply.answer, reply.confidence)


def test_a_follow_up_asking_only_another_kind_of_figure_keeps_the_row_asked_before(tmp_path, embedder, settings):
    """ "and hourly?" after "pharmacy tech salary with less than a year experience": that row's hourly
    figure, not every source's headline hourly pay."""
    data = ("Pharmacy Technician Salary\n\nPay by experience\nExperience\tAnnual\tHourly\n"
            "Less than 1 year\t$32,900\t$15.82\n1-4 years\t$36,200\t$17.40\n10+ years\t$44,800\t$21.54\n\n"
            "Average\n\nPharmacy technicians earn an average of $18.60 an hour.\n")
    outlook = ("Pharmacy Technicians\n\nPay\n\nThe median hourly wage for pharmacy technicians was $19.40 in May 2023.\n")
    with bot_over(tmp_path, {"pharmacy-salary.txt": data, "pharmacy-outlook.txt": outlook}, settings, embedder) as bot:
        reply = bot.ask("and hourly?", history=["pharmacy tech salry for someone with less than a year experience"])
    assert "$15.82" in reply.answer and "$19.40" not in reply.answer, reply.answer


def test_the_word_naming_the_kind_of_answer_does_not_name_a_row(tmp_path, embedder, settings):
    """ "night classes, which days?": "days" asks for days of the week; it does not name the "Day"
    track's row, so the evening track's days answer."""
    page = ("Lakeview School of Massage\n\nChoose your schedule\nTrack\tDays\tHours\tLength\n"
            "Day\tMonday – Thursday\t9:00 a.m. – 2:00 p.m.\t9 months\n"
            "Evening & weekend\tTuesday and Thursday evenings, plus every other Saturday\t5:30 p.m. – 9:30 p.m.\t14 months\n"
            "Clinic shifts are scheduled around your track.\n\nFAQ\n\nCan I keep my job?\n"
            "Yes, that's what the evening & weekend track is for.\n")
    with bot_over(tmp_path, {"lakeview.txt": page}, settings, embedder) as bot:
        reply = bot.ask("lakeview night classes, which days?")
    assert "Tuesday and Thursday evenings" in (reply.answer or ""), (reply.answer, reply.confidence)


def test_a_caption_item_over_short_items_is_answered_with_the_items(tmp_path, embedder, settings):
    """"Tools used in this occupation (8 of 29 shown)" says what the lines after it are; quoted alone it answers nothing."""
    page = ("Roofers\n\nDescription\nRoofers replace, repair and install the roofs of buildings, working high above "
            "the ground in all weather.\n\nTools & Technology\nTools used in this occupation (5 of 21 shown)\n"
            "Roofing nailers\nTear-off shovels\nChalk lines\nSafety harnesses\nRoof jacks\n"
            "Technology used in this occupation: estimating software; scheduling apps\n")
    with bot_over(tmp_path, {"roofers.txt": page}, settings, embedder) as bot:
        reply = bot.ask("what equipment does a roofer use")
    assert "Roofing nailers" in reply.answer and "Roof jacks" in reply.answer, reply.answer


def test_a_table_rows_first_cell_names_what_its_figure_is(tmp_path, embedder, settings):
    """A row's first cell is the label of its figure: "Length" is what "how long" asks for, and
    "Groundworker" the role a pay question names; the reader counts it as the unit's heading
    (with the page's sentences sharing more words, that decides which unit answers)."""
    program = ("Roofing Technology, A.A.S.\n\nOverview\n\nThe Roofing Technology associate degree at Ashford Vale "
               "Community College prepares you for the state roofing contractor exam and for crew-lead work.\n\n"
               "Program at a glance\nItem\tDetails\nCredential\tAssociate of Applied Science\n"
               "Length\tFive semesters (20 months), full time\nFormat\tDaytime classes on campus\n")
    posting = ("Roofer\n\nPay at Ridgecrest\n\nEvery field position has a published range. Where you start depends on "
               "your experience.\n\nPosition\tHourly range\tTypical experience\nGroundworker\t$18.10 – $21.90\t0–1 seasons\n"
               "Roofer I\t$21.30 – $25.60\t1–2 seasons\nCrew Leader\t$29.90 – $36.40\t5+ seasons\n")
    with bot_over(tmp_path, {"program.txt": program, "posting.txt": posting}, settings, embedder) as bot:
        length = bot.diagnose("how long is the roofing technology degree")
        start = bot.diagnose("starting pay for a groundworker at ridgecrest?")
    assert length.reader_answer.startswith("Length\tFive semesters") and length.features["heading"] == 1.0
    assert start.reader_answer.startswith("Groundworker\t$18.10") and start.features["heading"] == 1.0


def test_entry_level_and_senior_pay_are_the_first_and_last_rows_of_pay_by_experience(tmp_path, embedder, settings):
    page = ("Optician Salary\n\nOptician salary by experience\n\nLess than 1 year · $36,900 · 21% below average\n"
            "1 to 4 years · $41,800 · 10% below average\n5 to 19 years · $47,500 · 2% above average\n"
            "More than 20 years · $56,300 · 21% above average\n\nWhat is an optician?\n\nAn optician fits eyeglasses "
            "and contact lenses from the prescriptions that optometrists write.\n")
    with bot_over(tmp_path, {"optician.txt": page}, settings, embedder) as bot:
        entry = bot.ask("entry level optician salary")
        senior = bot.ask("senior optician salary")
    assert "$36,900" in entry.answer and "$41,800" not in entry.answer, entry.answer
    assert "$56,300" in senior.answer and "$47,500" not in senior.answer, senior.answer


def test_one_figure_asked_for_two_years_shows_each_sources_figure(tmp_path, embedder, settings):
    one = ("Optician Salary\n\nGovernment data\n\nThe federal wage survey for May 2024 puts the median annual wage "
           "of opticians at $45,300.\n")
    other = ("Opticianry Program\n\nCareers and pay\n\nFederal wage figures for May 2023 put the median pay of "
             "opticians at $43,900 a year.\n")
    with bot_over(tmp_path, {"salary.txt": one, "program.txt": other}, settings, embedder) as bot:
        reply = bot.ask("optician median pay, 2024 vs 2023 figures")
    assert "$45,300" in reply.answer and "$43,900" in reply.answer, reply.answer


def test_the_work_a_title_names_and_the_worker_another_names_are_one_occupation_in_a_comparison():
    from assistant.compose import work_and_worker

    assert work_and_worker("Phlebotomy Technician", "Phlebotomists")
    assert not work_and_worker("Phlebotomy Technician", "Wind Turbine Technician")
    assert not work_and_worker("Radiologic Technologist", "Respiratory therapists")


def test_the_best_paying_place_of_each_source_that_ranks_places_by_hourly_pay(tmp_path, embedder, settings):
    one = ("Glazier Salary in the United States\n\nGlaziers cut, fit and install glass in windows, storefronts, "
           "skylights and the glass walls of office towers.\n\nPay\n\nGlaziers earn a median of $24.10 an hour.\n\nTop-paying cities\n\n"
           "Average hourly pay in cities with at least 25 reports:\n\n  • Boston, MA — $38.20 an hour\n"
           "  • Seattle, WA — $36.90 an hour\n  • Denver, CO — $31.40 an hour\n")
    other = ("How to Become a Glazier\n\nMost glaziers learn the trade in a three- or four-year apprenticeship run "
             "by a union local or a contractors' group.\n\n"
             "Pay\n\nMost glaziers start near $19.00 an hour.\n\n"
             "Top-paying cities for glaziers, from job board reports:\nChicago, IL – $35.70 per hour\n"
             "Portland, OR – $33.10 per hour\nAustin, TX – $27.80 per hour\n")
    with bot_over(tmp_path, {"salary.txt": one, "become.txt": other}, settings, embedder) as bot:
        reply = bot.ask("best paying city for glaziers")
    assert "Boston, MA" in reply.answer and "Chicago, IL" in reply.answer, reply.answer
    assert "Denver" not in reply.answer and "Austin" not in reply.answer, reply.answer


def test_a_comparison_side_without_a_figure_takes_no_other_occupations_figure():
    """"Pharmacy Technician" and "Pharmacists" share seven letters but are two occupations: the
    technicians' page giving no growth rate doesn't make the pharmacists' rate theirs (it would be
    compared with itself)."""
    from assistant.chunking import chunk_documents
    from assistant.compose import compose_figures
    from assistant.facts import extract_facts
    from assistant.facttable import FactTable
    from assistant.parsing import parse_text

    tech = ("Pharmacy Technician Program\n\nOur nine-month program prepares you for the national certification exam "
            "and for work in retail and hospital pharmacies.\n\nPay\n\nPharmacy technicians earn a median of $18.90 an hour.\n")
    pharmacist = ("Pharmacists\n\nPharmacists dispense prescription medications and advise patients and doctors on "
                  "their safe use.\n\nOutlook\n\nEmployment of pharmacists is projected to grow 4.1 percent from 2023 to 2033.\n")
    docs = parse_text(tech, "tech.txt") + parse_text(pharmacist, "pharmacist.txt")
    chunked = chunk_documents(docs)
    titles = {d.doc_id: d.title for d in docs}
    table = FactTable(extract_facts(chunked.chunks, chunked.units, titles, {d.doc_id: None for d in docs}), titles, {})
    question = "pharmacy technician vs pharmacist job growth"
    assert table.mentioned(question) == ["Pharmacy technicians", "Pharmacists"]
    assert compose_figures("compare", question, table, table.mentioned(question), "job growth", "", False,
                           lambda fact: fact.value) is None


def test_a_field_names_its_workers_only_said_with_their_trade_word():
    """ "massage therapy" names the "Massage therapists"; "this economy" names no "Economists", and
    "pharmacy tech" no "Pharmacists"."""
    from assistant.chunking import chunk_documents
    from assistant.facts import extract_facts
    from assistant.facttable import FactTable
    from assistant.parsing import parse_text

    pages = {"massage.txt": "Massage Therapists\n\nPay\n\nMassage therapists earned a median of $55,300 in May 2024.\n",
             "economists.txt": "Economists\n\nPay\n\nEconomists earned a median of $115,700 in May 2024.\n",
             "pharmacists.txt": "Pharmacists\n\nPay\n\nPharmacists earned a median of $136,100 in May 2024.\n"}
    docs = [doc for name, text in pages.items() for doc in parse_text(text, name)]
    chunked = chunk_documents(docs)
    titles = {d.doc_id: d.title for d in docs}
    table = FactTable(extract_facts(chunked.chunks, chunked.units, titles, {d.doc_id: None for d in docs}), titles, {})
    assert table.mentioned("massage therapy pay") == ["Massage therapists"]
    assert table.mentioned("salary in this economy") == []
    assert table.mentioned("pharmacy tech salary") == []


def test_a_yes_no_question_about_a_place_is_settled_by_what_a_page_says_of_that_place(tmp_path, embedder, settings):
    """ "do u need a state license to install solar panels in arizona" (development pages): the salary
    site's FAQ asks the same question without the place and answers "It depends on the state"; the
    program sheet says what Arizona requires. A synthetic pair of pages did not reproduce the pull of
    the FAQ's heading, so the test reads the pages it was found on."""
    pages = beside_the_guide("foreign13")
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("do u need a state license to install solar panels in arizona")
    assert "In Arizona, individual installers do not need a state license." in (reply.answer or ""), reply.answer


def test_a_comparison_of_education_quotes_each_side_s_degree_line(bot):
    """Comparing what two roles ask for by way of education quotes each page's degree line, not
    whichever line of the page is nearest the question."""
    reply = bot.ask("degrees: mlops manager requirements vs ai/ml model business specialist")
    assert "Advanced degree in Computer Science" in reply.answer, reply.answer
    assert "Bachelor's, Master's, or Ph.D." in reply.answer, reply.answer


@pytest.mark.parametrize("question, first, second", [
    ("programming: what does the requirements section say vs the key skills section?",
     "Requirements: “Programming: Proficiency in Python, Java, and R”",
     "Key Skills and Qualifications: “Programming: Proficiency in Python, Java, and Scala”"),
    ("ml frameworks in the requirements section versus the ai python engineer page",
     "Requirements: “Machine Learning: Knowledge of frameworks like TensorFlow, PyTorch, and Scikit-Learn”",
     "AI Python Engineer: “AI development frameworks such as TensorFlow, PyTorch, and Keras”"),
])
def test_two_named_sections_or_pages_are_compared_side_by_side(bot, question, first, second):
    """A question that names two parts ("the requirements section", "the ai python engineer page")
    gets each part's span on what is compared, quoted under the part's heading or title."""
    reply = bot.ask(question)
    lines = reply.answer.splitlines()
    assert lines[0].startswith(first) and lines[1].startswith(second), reply.answer
    assert [c.n for c in reply.citations][:2] == [1, 2] and len(reply.facts) == 0


def test_the_same_section_on_two_pages_is_named_with_its_page(tmp_path, embedder, settings):
    """ "the web developer requirements section vs the key skills section": each side comes from the
    page the question names, and a heading other pages share is labelled with its page."""
    def page(role, langs, skills):
        return (f"# {role}\n\n## Requirements\n\n- Programming: {langs}\n- Degree: a bachelor's degree\n\n"
                f"## Key Skills\n\n- Programming: {skills}\n- Teamwork: works well with others\n\n"
                f"## Outlook\n\n{role}s are in demand.\n")
    pages = {"data.md": page("Data Engineer", "Python and SQL", "Scala and Spark"),
             "web.md": page("Web Developer", "JavaScript and HTML", "TypeScript and React")}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("programming in the web developer requirements section vs the key skills section")
    assert "JavaScript and HTML" in reply.answer and "TypeScript and React" in reply.answer, reply.answer
    assert "Web Developer › Requirements: " in reply.answer


def test_a_non_pay_figure_does_not_put_a_pay_question_in_scope(tmp_path, embedder, settings):
    page = ("Funeral Director Salary Guide\n\nPay\n\nFuneral directors earned a median of $58,490 a year.\n\n"
            "Apprentices\n\nApprentices work 8,000 hours under a licensed director before they may sit the exam.\n")
    with bot_over(tmp_path, {"funeral.txt": page}, settings, embedder) as bot:
        reply = bot.ask("what do apprentice funeral directors get paid")
    assert reply.abstained, reply.answer


SCOPE_PAGES = {
    "dietitian.txt": """Dietitian
Dietitians plan nutrition programs and counsel patients on what to eat.
Pay
The median annual wage for dietitians was $69,830 in May 2023.
Top paying states for dietitians:
California\t$91,470
Hawaii\t$85,620
Class specification history: Established 03/1998, revised 07/2019.
""",
    "locksmith.txt": """Locksmith
Locksmiths install, repair and open locks and cut keys for homes and businesses.
Licensing
Locksmith licence fees by state, 2025:
Texas\t$258
Virginia\t$227
Pay
The median wage for locksmiths was $49,380 a year in May 2024.
""",
}


@pytest.fixture(scope="module")
def scope_bot(tmp_path_factory, settings, embedder):
    with bot_over(tmp_path_factory.mktemp("scope"), SCOPE_PAGES, settings, embedder) as bot:
        yield bot


def test_a_place_only_another_occupations_page_names_is_out_of_scope_for_this_one(scope_bot):
    """Texas is in the corpus (a locksmith fee table), but no dietitian page names it: the dietitian
    question abstains and says so, while the locksmith question is answered from its table."""
    diet = scope_bot.ask("dietitian salary texas")
    assert diet.abstained and "nothing on texas" in diet.notes[0], (diet.answer, diet.notes)
    lock = scope_bot.ask("locksmith licence fee texas")
    assert not lock.abstained and "$258" in lock.answer, lock.answer


def test_a_year_the_pages_name_only_as_a_revision_date_has_no_figures(scope_bot):
    reply = scope_bot.ask("what was the median dietitian salary in 2019")
    assert reply.abstained and "no figures for 2019" in reply.notes[0], (reply.answer, reply.notes)


def test_who_earns_more_compares_two_occupations_when_one_gives_its_pay_under_another_name(tmp_path, settings, embedder):
    """The pastry chef's page gives pay only for "chefs and head cooks": asked "who earns more", both
    sides are quoted (that figure stands for the pastry chef's), not one percentile row of the other."""
    pages = {
        "surveyor.txt": "Land Surveyor\nLand surveyors measure property lines for builders and courts.\nPay\n"
                        "The median annual wage for land surveyors was $69,410 in May 2024.\n",
        "pastry.txt": "Pastry chef\nA pastry chef plans the desserts and breads of a restaurant or hotel.\n"
                      "Job outlook\nEmployment of pastry chefs is projected to grow 6 percent over the decade.\n"
                      "What a pastry career pays\nNationally, chefs and head cooks earned a median of $56,940 a "
                      "year in May 2024.\n",
    }
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("who earns more, a land surveyor or a pastry chef?")
    assert "$69,410" in reply.answer and "$56,940" in reply.answer, reply.answer


def test_every_industry_gathers_the_list_a_lead_in_line_names_and_keeps_what_the_question_says_of_them(bot):
    """"Sectors with particularly high demand … include:" names its items' kind: asked for every
    industry, its whole list is quoted; asked for the ones "in demand", only what is said of demand."""
    every = bot.ask("all the industries the guide mentions for demand or higher pay")
    assert "Fintech and banking\n• E-commerce\n• Healthcare" in every.answer, every.answer
    assert "finance and healthcare" in every.answer, every.answer
    demand = bot.ask("list every sector with high demand for mlops managers")
    assert "Fintech and banking" in demand.answer and "E-commerce" in demand.answer, demand.answer
    assert "Governance" not in demand.answer and "premium compensation" not in demand.answer, demand.answer


GROWTH_PAGES = {
    "outlook.txt": "Crane Operators\nCrane operators lift steel and loads on construction sites.\n"
                   "Typical Entry-Level Education\tHigh school diploma\nJob Outlook, 2024-34\t4.8% (About as fast as average)\n"
                   "Job Outlook\nEmployment of crane operators is projected to grow 4.8 percent from 2024 to 2034.\n",
    "apprenticeship.txt": "Crane Operator Apprenticeship\nOur program trains crane operators for union contractors.\n"
                          "Demand\nDemand for crane operators in our four-state region is projected to grow 9.2% from 2022 "
                          "to 2032, as bridge projects start.\n",
    "posting.txt": "Crane Operator (Entry Level)\nWe are hiring an entry level crane operator for our yard.\n"
                   "About the job market\nFederal data say crane operator jobs are projected to grow 3.8% from 2023 to 2033, "
                   "and the state median is $31.20 an hour in Ohio.\n",
}


def test_sources_that_disagree_on_growth_are_national_figures_whatever_level_their_page_names(tmp_path, settings, embedder):
    """Job growth is the whole occupation's, so a page headed "Entry Level" still gives the national rate
    (3.8%); a region's rate ("in our four-state region … 9.2%") is another measure, not a source that disagrees."""
    with bot_over(tmp_path, GROWTH_PAGES, settings, embedder) as bot:
        reply = bot.ask("crane operator job growth")
    assert "4.8" in reply.answer and "3.8%" in reply.answer and "9.2%" not in reply.answer, reply.answer


def test_the_whole_country_named_after_the_figure_is_no_place_out_of_scope(bot):
    """"… salary usa": the pages give US figures, written "US Market"; "usa" asks for just those."""
    reply = bot.ask("mid level mlops manager salary usa")
    assert not reply.abstained and "$160,000 - $200,000" in reply.answer, (reply.answer, reply.notes)



DIVER_GUIDE = """Commercial Diver Salary Guide

Pay

Commercial divers earned a median salary of $61,840 in May 2023, according to the federal wage survey.
Most commercial divers start as tenders. Commercial divers work offshore and inland.
"""
DIVER_PROFILE = """Commercial Divers

Pay

The median annual wage for commercial divers was $64,790 in May 2024.
"""


@pytest.mark.parametrize("question", ["commercial diver median salary, do the sources agree?",
                                      "median pay for commercial divers, both sources",
                                      "do the two diver pages give the same median salary"])
def test_asking_whether_sources_agree_shows_each_source_s_figure(tmp_path, embedder, settings, question):
    """ "do the sources agree?", "both sources", "give the same …": each source's figure, for an
    occupation whose noun ("divers") the first lists of role nouns did not hold."""
    with bot_over(tmp_path, {"a.txt": DIVER_GUIDE, "b.txt": DIVER_PROFILE}, settings, embedder) as bot:
        reply = bot.ask(question)
    assert reply.answer.startswith("The sources give different figures (newest first):"), reply.answer
    assert quoted_with_citation(reply, "$64,790") and quoted_with_citation(reply, "$61,840"), reply.answer


@pytest.mark.parametrize("question", ["director of mlops floor vs senior mlops engineer floor",
                                      "who starts higher, director of mlops or senior mlops engineer"])
def test_a_pay_range_s_floor_or_who_starts_higher_asks_to_compare_pay(bot, question):
    """ "floor" and "starts higher" say pay, by the bottom of its range: both ranges, each cited, and
    the difference labelled as computed."""
    reply = bot.ask(question)
    assert quoted_with_citation(reply, "$198,125 and $237,500") and quoted_with_citation(reply, "$165,000 to $207,125"), reply.answer
    assert "Director of MLOps's figure is higher by $33,125 at the low end" in reply.answer, reply.answer


@pytest.mark.parametrize("question", ["pay for an mlops mgr with ~5 yrs under their belt",
                                      "salary for an mlops manager with roughly 5 years"])
def test_years_held_said_approximately_still_name_the_level(bot, question):
    """ "with ~5 yrs", "with roughly 5 years": the level whose stated experience holds five years."""
    reply = bot.ask(question)
    assert quoted_with_citation(reply, "$160,000 - $200,000") and "3-7 years" in reply.answer, reply.answer


def test_a_level_set_aside_in_shorthand_is_the_level():
    from assistant.intent import negated_levels
    assert negated_levels("mlops engineer (mid, not sr) pay range") == ("senior",)
    assert negated_levels("non-jr roles") == ("junior",)


def test_asking_which_jobs_get_their_own_page_is_about_the_collection(bot):
    """ "which other jobs get a separate page" asks what the documents cover; "which jobs get paid
    the most" is no such question."""
    reply = bot.ask("which other jobs get a separate page near the end")
    assert reply.answer.startswith("The documents cover 5 pages:") and "AI Python Engineer" in reply.answer, reply.answer
    assert analyse("which jobs get paid the most").intent == "superlative"


@pytest.mark.parametrize("question", ["what do floor installers do", "is there a glass ceiling for women in tech",
                                      "floor nurse duties"])
def test_a_floor_or_ceiling_that_is_no_pay_range_s_end_asks_for_no_pay(question):
    assert analyse(question).attribute is None


@pytest.mark.parametrize("question, attribute", [
    ("senior mlops engineer vs director of mlops - which band is wider", "salary"),
    ("team lead average vs devops manager median?", "salary"),
    ("largest paycheck among the roles", "salary"),
    ("median age of mlops managers", None),
    ("average number of models a team runs", None),
])
def test_a_pay_band_a_bare_average_or_a_paycheck_is_pay(question, attribute):
    """ "band", "avg"/"median" on their own and "paycheck" ask about pay; a median age or an average
    count does not."""
    assert analyse(question).attribute == attribute


@pytest.mark.parametrize("question", ["does the mlops team lead average beat the ml engineering managers one",
                                      "would 5 yrs land inside the entry band", "how do the two line up"])
def test_beating_landing_inside_or_lining_up_is_a_comparison(question):
    assert analyse(question).intent == "compare"


def test_a_level_said_before_one_role_is_not_given_to_another(bot):
    """ "mid lvl mlops manager vs senior mlops engineer": "senior" is the engineer's level, so no
    senior MLOps manager is named; both bands are quoted and the difference is computed."""
    reply = bot.ask("mid lvl mlops manager vs senior mlops engineer, pay bands")
    assert quoted_with_citation(reply, "$160,000 - $200,000") and quoted_with_citation(reply, "$165,000 to $207,125"), reply.answer
    assert "$200,000 - $250,000+" not in reply.answer, reply.answer
    assert "Senior MLOps Engineer's figure is higher by $5,000 at the low end" in reply.answer, reply.answer


def test_a_level_and_a_short_head_noun_name_a_level_beside_a_named_role(bot):
    """ "entry-level mgr" names the Entry-Level MLOps Manager even when the question names the MLOps
    Team Lead in full; a plural name takes a plain apostrophe in the computed line."""
    reply = bot.ask("ml engineering managers average vs the entry-level mgr band")
    assert quoted_with_citation(reply, "$137,006") and quoted_with_citation(reply, "$120,000 - $150,000"), reply.answer
    assert "Machine Learning Engineering Managers' figure lies within Entry-Level MLOps Manager's range" in reply.answer, reply.answer


def test_a_ranking_stays_on_the_page_the_question_names(tmp_path, embedder, settings):
    """ "best paid job on the Larchmont crew page": the crew page's figures are ranked, never the
    shipped guide's roles, which the question does not ask about."""
    page = ("Larchmont Harbor Crew Handbook\n\nPay\n\nDeckhand: $19.10 an hour\nBoat operator: $27.40 an hour\n"
            "Harbor master: $31.85 an hour\n")
    with bot_over(tmp_path, {"larchmont.txt": page, GUIDE.name: GUIDE.read_text(encoding="utf-8")},
                  settings, embedder) as bot:
        reply = bot.ask("best paid job in the larchmont harbor crew handbook")
    assert "$31.85" in reply.answer and "MLOps" not in reply.answer, reply.answer


@pytest.mark.parametrize("question", ["what can i earn on top of base rate", "bonuses on top of regular pay"])
def test_on_top_of_adds_to_pay_and_ranks_nothing(question):
    assert analyse(question).intent != "superlative"


def test_a_list_of_pay_premiums_is_not_a_ranking_of_roles(bot):
    """Premiums, differentials and bonuses are things a page lists, not subjects whose pay is ranked."""
    reply = bot.ask("list the pay differentials and bonuses")
    assert reply.abstained, reply.answer  # the guide lists no premiums: no list of its roles' salaries instead


def test_a_state_s_figure_from_two_pages_that_differ_is_shown_from_each(tmp_path, embedder, settings):
    """One page's table row for Ohio and another page's sentence on Ohio welders: both quoted, each
    with its source, and said to differ."""
    table = ("Welder Pay by State\n\nPay by state, 2025\n\nState\tMedian annual wage\nOhio\t$49,870\n"
             "Texas\t$51,200\nOregon\t$55,940\n")
    program = ("Welding Technology Certificate\n\nCareers after the program\n\nOhio welders earned a median of "
               "$47,310 a year in 2024, and most of our graduates find work within three months.\n")
    with bot_over(tmp_path, {"states.txt": table, "program.txt": program}, settings, embedder) as bot:
        reply = bot.ask("welder median salary in ohio")
    assert reply.answer.startswith("The sources give different figures"), reply.answer
    assert quoted_with_citation(reply, "$49,870") and quoted_with_citation(reply, "$47,310"), reply.answer


def test_each_page_s_own_answer_is_shown_when_asked_about_sources_that_differ(tmp_path, embedder, settings):
    """No fact holds a course's length in hours, but when the question says the sources differ, each
    page's own best answer is quoted with its source; asked plainly, the one best answer stands."""
    packet = ("Harbor Rescue Crew Packet\n\nTraining\n\nThe first-aid course takes about 60 hours: evening "
              "classes from September to November, with the exam in December.\n")
    blog = ("Harbor Rescue Crew vs. Lifeguard\n\nTraining\n\nThe harbor rescue first-aid course is about 90 hours "
            "over one fall, and most crews pay for it.\n")
    with bot_over(tmp_path, {"packet.txt": packet, "blog.txt": blog}, settings, embedder) as bot:
        differ = bot.ask("how many hours is the harbor rescue first-aid course? seen different numbers")
        plain = bot.ask("how many hours is the harbor rescue first-aid course")
    assert differ.answer.startswith("The sources give different figures:"), differ.answer
    assert quoted_with_citation(differ, "about 60 hours") and quoted_with_citation(differ, "about 90 hours"), differ.answer
    assert not plain.answer.startswith("The sources give different figures"), plain.answer


def test_a_question_about_jobs_gets_no_disagreement_of_pay_figures(tmp_path, embedder, settings):
    """The reader's passage gives pay figures that another page gives differently, but the question asks
    how many jobs there are: pay is not shown as the sources' differing answer."""
    import shutil

    from assistant.pipeline import Assistant

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "eval" / "foreign18" / "corpus", corpus)
    shutil.copy(GUIDE, corpus / GUIDE.name)
    bot = Assistant.load(corpus, tmp_path / "index", settings, embedder)
    try:
        diagnosis = bot.diagnose("total number of park ranger jobs nationwide")
    finally:
        bot.close()
    assert diagnosis.how not in ("disagreement", "sources"), diagnosis.reply.answer
    assert not (diagnosis.reply.answer or "").startswith("The sources give different figures"), diagnosis.reply.answer


@pytest.mark.parametrize("question, intent", [("best practices for model monitoring", "lookup"),
                                              ("both best practice bullets on retraining", "enumerate"),
                                              ("best paid mlops role", "superlative")])
def test_best_practices_are_no_superlative(question, intent):
    assert analyse(question).intent == intent


def test_how_many_other_pages_asks_about_the_collection(bot):
    reply = bot.ask("how many other role pages come after the guide")
    assert analyse("how many other role pages come after the guide").intent == "collection"
    assert all(title in reply.answer for title in ("AI/ML Software Engineer", "AI Python Engineer")), reply.answer


@pytest.mark.parametrize("question", ["which of the role pages talk about fairness",
                                      "fairness - which job pages mention it"])
def test_which_pages_mention_a_topic_quotes_each_page_that_says_it(bot, question):
    """Each page whose text says the topic's words, with the sentence that says them, cited; a page
    that never says it is not listed."""
    reply = bot.ask(question)
    assert reply.answer.startswith("Pages that mention fairness"), reply.answer
    assert quoted_with_citation(reply, "considering fairness, privacy, and security"), reply.answer
    assert "AI/ML Model Business Specialist" not in reply.answer, reply.answer


@pytest.mark.parametrize("question, intent, attribute", [
    ("in houston top pay for welders", "superlative", "salary"),  # "on top of" is no superlative; "top pay" is
    ("how do i become a band director", "lookup", None),  # a band is no pay band here
    ("which program has the longest average training time", None, None),  # an average that is no pay
    ("how do i line up an apprenticeship", "lookup", None),
    ("does tree removal fall within an arborist's duties", "lookup", None),
    ("how many more documents do i need for my license application", "lookup", None),
])
def test_comparison_pay_and_collection_words_in_other_senses(question, intent, attribute):
    analysis = analyse(question)
    assert (analysis.intent if intent else None, analysis.attribute) == (intent, attribute), analysis


def test_no_second_source_about_other_workers(tmp_path, embedder, settings):
    """Asked about the welders' apprenticeship, the plumbers' page is no second source, however alike
    the two pages' titles are."""
    pages = {"welder.txt": "Welder Apprenticeship Guide\n\nTraining\n\nThe welder apprenticeship takes about 6,000 "
                           "hours of paid work over three years.\n",
             "plumber.txt": "Plumber Apprenticeship Guide\n\nTraining\n\nThe plumber apprenticeship takes about "
                            "8,000 hours of paid work over four years.\n"}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reply = bot.ask("how many hours is the welder apprenticeship? seen different numbers")
    assert "6,000 hours" in reply.answer and "8,000" not in reply.answer, reply.answer


def test_a_name_with_of_takes_an_apostrophe_s():
    from assistant.compose import _possessive

    assert (_possessive("Director of Sales"), _possessive("DevOps Managers"), _possessive("Senior MLOps Engineer")) == (
        "Director of Sales's", "DevOps Managers'", "Senior MLOps Engineer's")


def test_the_lowest_paid_area_is_the_bottom_row_of_a_list_by_area(tmp_path, embedder, settings):
    page = ("Welders in Ohio\n\nPay\n\nMedian hourly wage by area\n  Columbus ............ $24.05\n"
            "  Dayton .............. $22.95\n  Toledo .............. $21.60\n")
    with bot_over(tmp_path, {"ohio.txt": page}, settings, embedder) as bot:
        reply = bot.ask("lowest paid area for welders in ohio")
    assert "Toledo" in reply.answer and quoted_with_citation(reply, "$21.60"), reply.answer
    assert analyse("which area of welding pays most").about_places is False


def test_the_state_a_page_is_about_is_no_row_of_its_breakdown(tmp_path, embedder, settings):
    """On "Audiologist Salary in Minnesota" every figure is Minnesota's: "hospital audiologists in
    minnesota" asks for the hospitals line, not the page's headline labelled with the state."""
    page = ("Audiologist Salary in Minnesota\n\nOverview\n\nAudiologists in Minnesota: $93,980 median base salary.\n\n"
            "Pay by work setting\n\n• Hospitals and medical centers: $97,330\n• School districts: $84,370\n")
    with bot_over(tmp_path, {"audiologist-minnesota.txt": page}, settings, embedder) as bot:
        reply = bot.ask("how much do hospital audiologists earn in minnesota")
    assert "$97,330" in reply.answer and "$93,980" not in reply.answer, reply.answer


@pytest.mark.parametrize("question, about_places", [
    ("lowest paid part of minnesota for audiologists", True),  # places within a state
    ("which parts of north carolina pay upholsterers best", True),
    ("highest paying area of the state for welders", True),
    ("what area of expertise pays most", False),  # "area of" a subject is no place
    ("top paying part of the job", False),
])
def test_a_part_of_a_state_is_a_place_a_ranking_is_by(question, about_places):
    assert analyse(question).about_places is about_places


def test_a_rank_names_only_the_subject_of_that_rank():
    """ "first" is a stop word to search, but "third assistant" names no "First Assistant", and "2nd"
    names the "Second Assistant Engineer"."""
    from assistant.facts import FactRecord
    from assistant.facttable import FactTable

    def fact(i, subject, value):
        return FactRecord(i, "a", 0, 0, subject, "", "hourly pay", value, 1.0, 1.0, "USD", "hour", "", 2026,
                          0, 1, 0, 1)
    table = FactTable([fact(0, "First Assistant", "$71.35"), fact(1, "Second Assistant Engineer", "$61.80"),
                       fact(2, "Third Assistant Engineer", "$54.25")], {"a": "Engine officers' wage schedule"}, {})
    assert table.mentioned("what about a third assistant") == []
    supervisors = FactTable([fact(0, "First-Line Supervisors of Construction Trades", "$78,230")], {"a": "Supervisors"}, {})
    assert supervisors.mentioned("line supervisors of construction trades pay") == ["First-Line Supervisors of Construction Trades"]
    assert table.mentioned("2nd assistant engineer overtime per hour") == ["Second Assistant Engineer"]
    assert table.mentioned("first assistant vs 3rd asst engineer") == ["First Assistant", "Third Assistant Engineer"]


def test_two_rows_of_one_breakdown_compared_are_each_quoted(tmp_path, settings, embedder):
    """ "pay entry level vs senior (11-20 yrs)": each side read on its own words, each row quoted."""
    page = ("Athletic Trainer Salary Profile\n\nOverview\n\nAthletic trainers prevent and treat injuries of athletes.\n\n"
            "Pay by experience\n\nEntry level (0-2 yrs)\n$47,640\n\nEarly career (3-5 yrs)\n$53,280\n\n"
            "Mid-career (6-10 yrs)\n$60,170\n\nSenior (11-20 yrs)\n$68,540\n\nLate career (20+ yrs)\n$73,190\n\n"
            "Work settings\n\nMost athletic trainers work in schools, hospitals and fitness centers.\n")
    with bot_over(tmp_path, {"at.txt": page}, settings, embedder) as bot:
        reply = bot.ask("athletic trainer pay entry level vs senior (11-20 yrs)")
    assert reply.kind == "composed", reply.answer
    assert quoted_with_citation(reply, "$47,640") and quoted_with_citation(reply, "$68,540"), reply.answer
    assert "$60,170" not in reply.answer


def test_what_a_posting_asks_for_is_its_whole_requirements_list(tmp_path, settings, embedder):
    """ "what do i need to qualify": every item under "What you need" (a heading of stop words only)."""
    page = ("Staff Hydrologist, Surface Water Group\n\nLocation\tIdaho Falls, Idaho\nSalary range\t$70,800 - $84,900 a year\n"
            "Openings\t2\n\nAbout the role\n\nThe staff hydrologist runs field programs and drafts models and reports.\n\n"
            "What you need\n\n- A bachelor's degree in hydrology, geology or civil engineering\n"
            "- At least two years of hydrology work after your degree\n- A valid driver's license and a clean driving record\n"
            "- The ability to carry 45 pounds of gear over rough ground\n- A swiftwater safety certificate within 60 days of hire\n\n"
            "Nice to have\n\n- Python or R for time-series work\n")
    with bot_over(tmp_path, {"posting.txt": page}, settings, embedder) as bot:
        reply = bot.ask("what do i need to qualify for the staff hydrologist job")
    assert not reply.abstained
    for requirement in ("bachelor's degree in hydrology", "two years of hydrology work", "driver's license",
                        "45 pounds", "swiftwater safety certificate"):
        assert requirement in reply.answer, reply.answer
    assert "Python" not in reply.answer


@pytest.mark.parametrize("heading, meant", [
    ("What you need", True), ("4. What you need", True), ("3) What we are looking for", True),
    ("4. Pay by level", False),
])
def test_a_numbered_section_heading_of_stop_words_still_heads_the_requirements(heading, meant):
    from assistant.reader import _heading_meaning

    assert bool(_heading_meaning(heading)) is meant


def test_figures_of_two_ranks_are_no_sources_that_differ():
    from assistant.compose import same_occupation

    assert not same_occupation("First Assistant Engineer", "Third Assistant Engineer")
    assert same_occupation("Third Assistant Engineer", "Third Assistant Engineers")


def test_a_year_the_pages_give_no_pay_for_is_out_of_scope_though_they_name_it(tmp_path, settings, embedder):
    """The page gives its pay for 2026 and says of 2024 only that pay has grown since: a 2024 median
    is not on it; the 2026 one is."""
    page = ("Hydrologist Salary in Idaho\n\nUpdated January 20, 2026\n\nPay\n\n"
            "The median base salary for hydrologists in Idaho is $91,480 a year as of January 2026. That is 4.1% "
            "more than the median we reported in January 2024.\n\nEmployment\n\n"
            "About 1,140 hydrologists were employed in Idaho in May 2024.\n")
    with bot_over(tmp_path, {"hydro.txt": page}, settings, embedder) as bot:
        old = bot.ask("what was the idaho hydrologist median salary in 2024")
        now = bot.ask("idaho hydrologist median salary in 2026")
        growth = bot.ask("by what percent did the hydrologist median salary rise from 2024 to 2026")
    assert old.abstained and "2026" in old.notes[0] and "none for 2024" in old.notes[0], (old.answer, old.notes)
    assert not now.abstained and "$91,480" in now.answer
    assert not growth.abstained and "4.1%" in growth.answer  # how pay changed since 2024 is on the page


def test_tools_asked_for_by_what_they_are_for_are_those_of_that_unit(bot):
    """ "the ops tools listed for the monitoring, alerting and trending duties": the unit naming tools for
    those duties, not every unit of the page that names tools."""
    reply = bot.ask("Name all three ops tools listed for the monitoring, alerting and trending duties.")
    assert all(name in reply.answer for name in ("Prometheus", "Alertmanager", "Grafana")), reply.answer
    assert "Docker" not in reply.answer and "Terraform" not in reply.answer, reply.answer


def test_a_code_the_pages_write_with_a_hyphen_is_known_and_a_w2_is_pay(tmp_path, settings, embedder):
    """"h1b" is the page's "H-1B" and "w2" its "W-2": no unknown names that sink the answer; and a
    W-2 is what someone earned, so "w2 2024" asks for the sum."""
    pages = {"posting.txt": "Staff Podiatrist Posting\n\nQuestions candidates ask\n\nDo you sponsor work visas?\n\n"
                            "No. We are not able to sponsor H-1B or other work visas for this position.\n",
             "thread.txt": "Engineer pay thread\n\nMy earnings by year:\n\n2023\tConductor\t$98,310\n"
                           "2024\tEngineer, pool\t$141,200\n\n2024 was about 19 starts most months.\n"}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        visa = bot.ask("will they sponsor an h1b for the podiatrist position?")
        earned = bot.ask("engineer w2 2024")
    assert not visa.abstained and "not able to sponsor H-1B" in visa.answer, (visa.answer, visa.confidence)
    assert earned.answer_type == "money" and "$141,200" in (earned.answer or ""), earned.answer


def test_a_figure_asked_in_a_city_needs_a_passage_naming_that_city(bot):
    """The guide names Seattle only as a tech hub where pay runs higher; it gives the team lead's
    average for no city, so "team lead salary in seattle" is not answered with it."""
    city = bot.ask("mlops team lead salary in seattle specifically")
    assert city.abstained, city.answer
    hub = bot.ask("do mlops managers earn more in Seattle?")
    assert "tech hubs like San Francisco, New York, and Seattle" in hub.answer, hub.answer
    assert "$137,700" in bot.ask("mlops team lead salary").answer


def test_a_share_of_something_the_documents_never_name_is_not_answered_with_another_share(bot):
    """The guide's only percentages are growth rates; "percent of women" measures people it never
    mentions, so its CAGR is no answer. A share of what it does name is still found."""
    assert bot.ask("percent of women working as mlops managers").abstained
    growth = bot.ask("what percent a year is the mlops market growing")
    assert "43.2%" in growth.answer, growth.answer


def test_a_yes_no_question_about_a_named_item_of_a_list_keeps_the_item_that_settles_it(bot):
    """"Is C++ in the langs list …, yes/no" asks about one name; the reader's line naming it settles
    it, and gathering every tool line of the page would not."""
    reply = bot.ask("is C++ in the langs list for ai/ml software engineer, yes/no")
    assert reply.kind == "answer" and "Programming languages (Python, Java, C++)" in reply.answer, reply.answer


def test_a_superlative_asked_at_both_ends_gives_the_top_and_the_bottom(bot, tmp_path, settings, embedder):
    """"Which level pays the most and which the least", "best and worst paying city": both ends are the
    answer, each quoted and cited, and the ranking is labelled as computed."""
    levels = bot.ask("which mlops manager level pays the most and which the least")
    lines = levels.answer.splitlines()
    assert lines[0].startswith("Highest: Senior-Level MLOps Manager — “Salary Range: $200,000 - $250,000+ per year”"), levels.answer
    assert lines[1].startswith("Lowest: Entry-Level MLOps Manager — “Salary Range: $120,000 - $150,000 per year”"), levels.answer
    assert "computed" in levels.answer
    page = ("Actuary Salary Guide 2026\n\nWhich cities pay actuaries the most?\n\nCity\tMedian base salary\tReports\n"
            "New York, NY\t$158,370\t311\nBoston, MA\t$151,240\t164\nOmaha, NE\t$119,740\t96\n")
    with bot_over(tmp_path, {"actuary.txt": page}, settings, embedder) as actuary:
        cities = actuary.ask("best and worst paying city for actuaries")
    assert "New York, NY\t$158,370" in cities.answer and "Omaha, NE\t$119,740" in cities.answer, cities.answer
    assert cities.answer.index("Highest") < cities.answer.index("Lowest"), cities.answer


def test_a_code_is_known_only_when_the_documents_write_it_and_a_measure_word_in_passing_is_no_unknown_name(
        tmp_path, settings, embedder):
    """"S3" is no code of a page that writes "EC2" and "3 years", nor "gs13" of one with GS-12 and
    "13 weeks"; "as a percentage of jobs" says how a figure is given, and "rns" may be its "registered
    nurses": neither makes the question about something the page never names."""
    pages = {"cloud.txt": "Cloud Engineer Guide\n\nTools\n\nCloud engineers use AWS services such as EC2 and Lambda "
                          "every day. Most have 3 years of experience.\n\nPay\n\nFederal cloud engineers start at GS-12 "
                          "and reach GS-14; training lasts 13 weeks.\n",
             "nurse.txt": "Registered Nurse Outlook\n\nGrowth\n\nRegistered nurse employment is projected to grow 6% "
                          "from 2023 to 2033.\n\nShifts\n\nAbout 28% of registered nurses work night shifts.\n"}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        reader = bot._state.reader
        assert reader.unknown_names("do cloud engineers need to know S3?") == ("S3",)
        assert reader.unknown_names("what does a gs13 cloud engineer earn?") == ("gs13",)
        assert reader.unknown_names("is the gs-12 start right for EC2 work?") == ()
        growth = bot.ask("how fast is nurse employment growing, as a percentage of jobs")
        night = bot.ask("what percentage of rns work night shifts")
    assert "6%" in growth.answer, growth.answer
    assert "28%" in night.answer, night.answer


def test_a_yes_no_item_is_named_by_its_own_word_not_by_the_page_s_name():
    from assistant.pipeline import _names_what_is_asked
    page = frozenset({"ai", "python", "engin"})
    assert _names_what_is_asked("is C++ in the langs list, yes/no", "Programming languages (Python, Java, C++)", page)
    # "AI" names the page; "Go" is what is asked, and "algorithms" holds no "go" as a word
    assert not _names_what_is_asked("is Go in the tools list for the AI Python Engineer, yes/no",
                                    "AI development frameworks such as TensorFlow and algorithms", page)


def test_counties_and_parts_of_a_country_are_places_ranked_from_a_regional_breakdown(tmp_path, settings, embedder):
    """"Best and worst paying california county", "top and bottom paying parts of the uk": the rows of
    the page's breakdown by region, not of its table by qualification, and a title's year once."""
    pages = {"adjuster.txt": "UK Loss Adjuster Salary Survey 2025\n\nLoss adjusters' pay by region\n\n"
                             "Region\tMedian base salary\tResponses\n"
                             "London\t£52,300\t147\nNorth West\t£44,100\t61\nWales\t£40,850\t28\n\nPay by qualification\n\n"
                             "Highest qualification held\tMedian base salary\nNone / studying\t£29,400\nFCILA\t£81,900\n",
             "winemaker.txt": "Winemaker Salary in California (2025)\n\nPay by region\n\nNapa County: $112,400\n"
                              "Sonoma County: $101,700\nLodi / San Joaquin County: $79,300\n"}
    with bot_over(tmp_path, pages, settings, embedder) as bot:
        uk = bot.ask("top and bottom paying parts of the uk for loss adjusters (median)")
        county = bot.ask("best and worst paying california county for winemakers")
    assert "London\t£52,300" in uk.answer and "Wales\t£40,850" in uk.answer and "FCILA" not in uk.answer, uk.answer
    assert "Napa County: $112,400" in county.answer and "Lodi / San Joaquin County: $79,300" in county.answer, county.answer
    assert "(2025) (2025)" not in county.answer, county.answer


def test_a_county_asked_about_is_a_place_but_a_tri_county_employer_is_not():
    assert analyse("best and worst paying california county for winemakers").about_places
    assert not analyse("which machine pays operators the most at tri-county earthworks").about_places


def test_words_naming_where_the_user_read_it_and_plain_mean_no_more_specific_figure(bot):
    """"per the pay section" says where the user saw it, not what the figure is of; "plain ml managers"
    is the role itself; "what range does it give there" after a pay question asks for that figure."""
    senior = bot.ask("how high can senior devops managers go, per the pay section?")
    assert "with senior roles reaching $178,000+" in senior.answer, senior.answer
    plain = bot.ask("what about plain ml managers, what range does it give there?", history=["ml engineering manager avg salary?"])
    assert "ranging from $66,000 to $110,500" in plain.answer, plain.answer


def test_pay_per_hr_is_an_hour(tmp_path, settings, embedder):
    """"per hr" is an hour of pay; the page's rate "an hour" answers it ("hr" alone may be human resources)."""
    page = ("Rate Sheet 2026\n\nHours of service\n\nHeld away from home terminal (HAHT) pay starts after 16 hours away "
            "and is $21.47 an hour, for up to 8 hours in any 24-hour period.\n\nA meal allowance of $18.15 is paid per tie-up.\n")
    with bot_over(tmp_path, {"rates.txt": page}, settings, embedder) as bot:
        reply = bot.diagnose("haht pay per hr")
    assert reply.reply.query == "haht pay per hour" and "$21.47 an hour" in (reply.reader_answer or ""), reply.reply.query


def test_a_tier_named_with_its_role_between_is_that_level(bot):
    """"The top manager tier" is the senior level, as "the top tier" is: its years settle the claim."""
    reply = bot.ask("candidate claims the top manager tier needs 10 yrs under their belt. does the guide back that up?")
    assert "7+ years" in reply.answer and "senior level manager" in reply.query, (reply.answer, reply.query)


def _with_the_guide(tmp_path, eval_set: str):
    """A development set's pages (Word and PDF too) with the shipped page, indexed in ``tmp_path``."""
    import shutil
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "eval" / eval_set / "corpus", corpus)
    shutil.copy(GUIDE, corpus / GUIDE.name)
    return corpus, tmp_path / "index"


def test_a_postings_employer_and_its_apply_by_row_answer_for_the_posting(tmp_path, embedder, settings):
    """Development pages: a Word advert's details table ("Winery | Alder Ridge Winery", "Apply by |
    April 17, 2026") headed its own rows, and the employer, said once, named no page. Now "alder
    ridge" names the advert's page, and "when does … close" takes the "Apply by" row."""
    from assistant.pipeline import Assistant
    bot = Assistant.load(*_with_the_guide(tmp_path / "wine", "foreign31"), settings, embedder)
    try:
        degree = bot.ask("can i get the alder ridge assistant winemaker job with no degree?")
        barrels = bot.ask("how many barrels would the assistant winemaker look after at alder ridge")
    finally:
        bot.close()
    assert "Five years of winery production experience" in (degree.answer or "") \
        or "5 years of winery production experience" in (degree.answer or ""), degree.answer
    assert "1,400 barrels" in (barrels.answer or ""), barrels.answer
    bot = Assistant.load(*_with_the_guide(tmp_path / "water", "foreign27"), settings, embedder)
    try:
        closes = bot.ask("when does the staff hydrologist posting close")
    finally:
        bot.close()
    assert "March 6, 2026" in (closes.answer or ""), closes.answer
