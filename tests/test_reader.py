"""The reader's parts on small synthetic input, in milliseconds: answer typing, type fit, span
expansion, the shared score, confidence. (Real questions against the real corpus: test_answers.py.)"""
import numpy as np
import pytest

from assistant.config import ConfidenceWeights, ReaderWeights
from assistant.reader import (SIGNALS, Candidate, answer_limit, answer_type, confidence_score, score_candidates, signal_matrix,
                              type_fit)
from assistant.reader import _expand as expand  # the span rule, tested directly on a synthetic chunk
from assistant.types import Unit

ANSWER_TYPES = [
    ("How much does a mid-level MLOps manager earn?", "money"),
    ("what's the salary range for a senior mlops manager", "money"),
    ("How big will the MLOps market be by 2033?", "money"),
    ("How many years of experience does a senior MLOps manager need?", "years"),
    ("How long does it take to become a team lead?", "years"),
    ("What is the CAGR of the MLOps market?", "percent"),
    ("How fast is the DevOps market growing?", "percent"),
    ("how many paralegal jobs are there", "count"),
    ("what does a truck driver do day to day", "duties"),
    ("what time does a medical assistant's shift start", "clock"),
    ("ridgeback crew hours in season", "clock"),  # working hours are times of day
    ("what days r the practicum shifts in the opticianry program", "weekday"),  # days of the week
    ("how many days of pto do they get", "hours"),  # a number of days
    ("average working hours per week for a roofer", "text"),  # a number of hours, not times of day
    ("what day does the fall term start", "date"),  # a date, not a day of the week
    ("how many work hours a week does a crew put in", "hours"),  # a number of hours
    ("what hours do overnight vet techs work", "clock"),
    ("when does the next one start", "text"),  # not a time of day (nor surely a date: no event named)
    ("What does an MLOps Team Lead do?", "duties"),
    ("what does a senior manager do to get promoted", "text"),  # "do to …" asks how, not what the work is
    ("how many dental hygienists work in california", "count"),  # a head count, not their pay
    ("how many stages are there in the mlops manager career path", "list"),  # stages are not people
    ("how much do mlops managers make in high cost of living areas", "money"),  # not a price
    ("senior mlops engineer pay and benefits", "money"),  # pay asked: not a keyword list
    ("can you tell me the salary and experience needed for a mid-level mlops manager?", "text"),  # a request
    ("How many MLOps managers are employed in the US?", "count"),
    ("Which tools does an MLOps manager use for monitoring?", "tools"),
    ("What programming languages does an AI/ML Software Engineer use?", "tools"),
    ("Which cloud platforms should I know?", "tools"),
    ("What soft skills does an MLOps manager need?", "list"),
    ("hvac technician responsibilities", "list"),  # a keyword query for a list
    ("plumber skills", "list"),
    ("requirements to apply for a carpenter apprenticeship", "list"),  # a keyword query opening with its list
    ("What are the types of AI consultants?", "list"),
    ("Which industries have the highest demand for MLOps managers?", "list"),
    ("What are the salary ranges?", "money"),  # a plural head noun that is itself money
    ("how much does the hvac/r technician diploma program cost", "cost"),  # a price, not a wage
    ("how much are carpenter union dues", "cost"),
    ("How many hours a week do MLOps managers typically work?", "hours"),
    ("How many vacation days do MLOps managers typically get?", "hours"),
    ("Which cities pay MLOps managers the most?", "place"),  # places, not an amount
    ("Where in the US should I live to earn more in MLOps?", "place"),
    ("best paying cities for mlops managers?", "place"),  # a keyword query for places
    ("what classes r in the spring semester of the pastry certificate", "list"),  # "r" is chat for "are"
    ("how do i become an mlops manager - what should i study?", "education"),
    ("typical education for a paralegal", "education"),
    ("do i need a degree for mlops?", "yesno"),  # the sentence that settles it
    ("salary meaning", "money"),  # a lower-case word "meaning" something is no acronym
    ("how is an mlops manager supposed to make decisions", "text"),  # "make decisions" is no pay
    ("how much do they make", "money"),
    ("what does a senior mlops engineer make a year?", "money"),
    ("salary = ?", "money"),  # an English word, not an acronym
    ("where do dental hygienists rank among health care jobs", "text"),  # a position, not a place
    ("where do new opportunities in the mlops market come from", "text"),  # a source, not a place
    ("Why do fintech and healthcare need MLOps managers so much?", "reason"),
    ("what's driving job growth for hvac technicians", "reason"),
    ("what's the projected growth for hvac techs", "percent"),  # a growth figure, not a reason
    ("Does company size affect how much an MLOps manager is paid?", "yesno"),  # not money: the sentence that settles it
    ("Is a master's degree required?", "yesno"),
    ("list the top 5 cities for truck drivers", "list"),  # an imperative asks for a list too
    ("Name the soft skills", "list"),
    ("give me the salary ranges", "money"),  # a list of figures
    ("how many years of experience do I need to earn $200,000?", "years"),  # a sum doesn't override the type asked
    ("which skills do I need to earn $150k as an mlops manager?", "list"),
    ("recruiter check: is a $140k budget enough for a mid-level mlops manager?", "money"),  # the pay figure settles it
    ("does the certificate cost more than $5,000?", "cost"),
    ("What is the primary objective of an MLOps manager?", "text"),
    ("What degree does an AI Python Engineer need?", "education"),  # a unit that names a degree
    ("What is the difference between MLOps and DevOps?", "contrast"),
    ("mlops vs devops", "contrast"),
    ("What are all the factors that influence salary?", "list"),  # a head noun before "that" is still a list
    ("What sets an AI consultant apart from an engineer?", "contrast"),
    ("How does Senior MLOps Engineer pay differ from a Director's?", "money"),  # a figure, compared elsewhere
    # the request for the whole list may come after the topic
    ("key skills and qualifications from the career development section, list them", "list"),
    ("operational expertise an mlops candidate needs - the items", "list"),
    ("what data engineering experience is listed for mlops, all of it", "list"),
    # a point of the pay distribution is pay, not a growth rate
    ("surg tech 25th percentile salary", "money"),
    ("whats the top 10% make", "money"),
    ("what is the projected growth percentage for firefighters", "percent"),
    ("how many new wind turbine tech jobs by 2034", "count"),  # jobs, however many words before them
    ("how many surgical cases do you need", "number"),
    ("ai python engineer responsibilities, the full list", "list"),
    ("how many hrs of training is the massage diploma", "hours"),  # "hrs" is hours, not a number of things
    ("desert bloom spa shift times", "clock"),  # times of day
    ("whats the pass rate for the certified paralegal exam", "percent"),  # a rate of people is a share
    ("how much prior experience does a mid-level manager have", "years"),  # "prior" between "how much" and "experience"
    ("mlops short for what", "acronym"),  # the question word after the acronym
    ("name the ai consultant specializations", "list"),  # a three-word head noun
    ("a day in the life of a piano tuner", "duties"),  # the work, not a number of days
    ("what does mlops stress compared to devops", "contrast"),
    ("ok which libraries does that role use", "tools"),  # a chat opener before the wh-word
    ("people skills needed by ai consultants", "list"),  # a keyword query for a list, its noun qualified
    ("fix for dev vs prod environment inconsistency", "remedy"),  # what to do, not a contrast of dev and prod
    ("how should model drift be handled", "remedy"),
    ("what's the solution for flaky pipelines", "remedy"),
    ("masters vs bachelors for an ai python engineer", "education"),  # degrees compared: what the page accepts
    ("what is the typical day rate for a freelance welder", "money"),  # what a person bills, not a day's work
    ("harbor crew first-aid class dates next spring", "date"),  # a day of the calendar
    ("when does the welding cohort start", "date"),
    ("when do mlops managers retrain models", "text"),  # a condition, not a date
    ("how do mlops managers handle deadlines", "text"),  # a deadline may be a length of time, or no figure at all
    ("ai python engineer work setting, all 3 bullets", "list"),  # each item of the list
    ("both bullet points on model monitoring", "list"),
    ("keep my certifications up to date", "text"),  # no calendar day asked for
    ("what happens on the first day of the job", "text"),
    ("when do electricians start earning journeyman wages", "text"),  # when in a career, not a date
    ("how much math for ai python engineering - which topics", "text"),  # a measure of study, not a sum
    ("How much of the ML model lifecycle should be automated?", "text"),
    ("how much does a junior mlops manager make", "money"),
    ("how much is a farrier's trim", "money"),
    ("junior mlops boss - what does the paycheck look like", "money"),
    ("starting pay for audiologists fresh out of school, minnesota", "money"),  # a keyword query of 9 words
    ("any particular tech skills that bump the pay as well?", "text"),  # "any …?" asks whether, not a keyword query
    # 11 words, 8 of them content words: still a keyword query for a figure
    ("starting hourly pay for court reporter I at arrowhead judicial district", "money"),
    ("court reporter II qualifications arrowhead", "list"),  # a list noun, then where
    ("requirements for union membership", "list"),
    ("skills that get you paid more", "list"),  # the skills are asked; pay only says which
    ("which certifications boost pay", "list"),
    ("specialty pay for icu nurses", "money"),  # a kind of pay, no linking word
    ("ai consulting specialisations, list them pls", "list"),  # a request for the list, then a courtesy
    ("what frameworks boost pay", "tools"),
    ("when does the staff hydrologist posting close", "date"),  # a posting's closing day
    ("prairie ridge analyst job - last day to apply?", "date"),
    ("application deadline for the clinician 2 posting", "date"),
    ("what happens if i miss the application deadline", "text"),  # what follows, not the day
    ("how long is the ironworker apprenticeship in hours", "hours"),  # a length asked in hours, not years
    ("per diem for overnight field trips at redcliff", "money"),  # a sum paid on top
    ("what do i need to qualify for the staff hydrologist job", "list"),  # every requirement
    ("what quals do i need for the clinician 2 job", "list"),
    ("prerequisites for a dental hygiene program", "text"),  # often a sentence naming the courses
    ("whats the work environment like for the specialist, everything they list", "list"),  # each item
    ("who do they work with? name every group", "list"),
    ("how much do all of them earn", "money"),  # a sum, whatever words ask for every one
    ("what do i need to earn to afford rent in denver", "money"),
]


@pytest.mark.parametrize("question, expected", ANSWER_TYPES, ids=[q for q, _ in ANSWER_TYPES])
def test_answer_type(question, expected):
    assert answer_type(question) == expected


def unit(text, kind="sentence", unit_id=0, list_id=-1, level=0, start=0):
    return Unit(unit_id, 0, kind, text, start, start + len(text), list_id, level)


TYPE_FITS = [
    ("money", unit("Salary Range: $160,000 - $200,000 per year", "item"), 1.0),
    ("money", unit("Generally requires 3-7 years of experience", "item"), 0.0),
    ("years", unit("Generally requires 3-7 years of experience", "item"), 1.0),
    ("years", unit("Usually requires 7+ years of experience", "item"), 1.0),
    ("percent", unit("The MLOps market is expected to reach $75.42 billion by 2033, with a CAGR of 43.2%."), 1.0),
    ("percent", unit("Salary Range: $120,000 - $150,000 per year"), 0.0),
    ("tools", unit("Monitoring: Familiarity with logging tools like Prometheus and ELK Stack", "item"), 1.0),
    ("tools", unit("Automate cloud resource provisioning using tools such as Terraform", "item"), 0.5),
    ("tools", unit("Ensure compliance with security standards and best practices", "item"), 0.0),
    ("list", unit("Fintech and banking", "item"), 1.0),
    ("list", unit("Sectors with particularly high demand for MLOps managers include:"), 1.0),
    ("list", unit("MLOps practices streamline deployment."), 0.0),
    ("text", unit("Fintech and banking", "item"), 0.0),
    ("contrast", unit("MLOps stresses ML theory, whereas DevOps focuses on automation."), 1.0),
    ("contrast", unit("Emphasizing teamwork and collaboration among different teams", "item"), 0.0),
    ("place", unit("Salaries tend to be higher in tech hubs like San Francisco, New York, and Seattle.", "item"), 1.0),
    ("place", unit("Salary Range: $160,000 - $200,000 per year", "item"), 0.0),
    ("reason", unit("These industries require robust systems that can handle complex operations."), 1.0),
    ("reason", unit("Fintech and banking", "item"), 0.0),
    ("reason", unit("Demand is expected to grow exponentially as AI becomes more prevalent across sectors."), 1.0),
    ("reason", unit("As the field of MLOps continues to evolve, salaries may adjust."), 0.0),
    ("hours", unit("Most technicians work 40 to 50 hours a week in summer."), 1.0),
    ("hours", unit("Typically requires 0-3 years of experience", "item"), 0.0),  # years are not hours
    ("cost", unit("Tuition for the 36-week diploma program is $18,400, including tools."), 1.0),
    ("cost", unit("The median annual wage for these workers was $48,630 in May 2021."), 0.0),  # earned, not paid for
    ("cost", unit("The Fast Track Scholarship pays up to $1,200 toward tuition and fees."), 0.0),  # a reduction
    ("cost", unit("Tuition and fees\t$2,180 in-district; $3,940 out-of-district", "item"), 1.0),
    ("hours", unit("720\nclock hours of training", "item"), 1.0),  # a stat card: its word between number and unit
    ("count", unit("Pastry chefs held about 14,300 jobs in 2024."), 1.0),
    ("count", unit("Our apprenticeship lasts 18 months (about 3,100 hours of paid work)."), 0.0),  # time, not a count
    ("count", unit("The fleet logged 1,250,000 hours last year."), 0.0),  # not its first digits either
    ("cost", unit("Tuition covers books and lab fees: $5,910 per term."), 1.0),  # "covers" takes nothing off
]


@pytest.mark.parametrize("wanted, candidate, expected", TYPE_FITS,
                         ids=[f"{w}:{u.text[:30]}" for w, u, _ in TYPE_FITS])
def test_type_fit(wanted, candidate, expected):
    assert type_fit(wanted, candidate) == expected


def test_a_tool_question_is_not_answered_by_its_own_words():
    from assistant.reader import tools_fit
    from assistant.text import tokenize
    asked = frozenset(tokenize("Which CI/CD tool is mentioned in the requirements?"))
    topic_only = unit("DevOps Tools: Knowledge of CI/CD pipelines, automation tools, and cloud platforms", "item")
    named = unit("Build CI/CD pipelines and tools like Jenkins and GitlabCI", "item")
    assert tools_fit(topic_only) == 1.0 and tools_fit(topic_only, asked) == 0.0
    assert tools_fit(named, asked) == 1.0


def synthetic_chunk() -> list[Unit]:
    """An intro sentence, a group title with two sub-items, then a three-item list."""
    texts = [("Key responsibilities include:", "sentence", -1, 0),
             ("Infrastructure and Automation", "item", 0, 0),
             ("Automate provisioning with Terraform", "item", 1, 1),
             ("Maintain scalable infrastructure", "item", 1, 1),
             ("Fintech and banking", "item", 2, 0),
             ("E-commerce", "item", 2, 0),
             ("Healthcare", "item", 2, 0)]
    units, pos = [], 0
    for n, (text, kind, list_id, level) in enumerate(texts):
        units.append(unit(text, kind, n, list_id, level, pos))
        pos += len(text) + 1
    return units


@pytest.mark.parametrize("position, wanted, first, last", [
    (0, "text", 1, 1),  # an intro ending in ":" becomes the list right after it (its first list's items)
    (1, "text", 1, 3),  # a group title brings its sub-items
    (2, "text", 2, 2),  # an ordinary item stays itself
    (4, "list", 4, 6),  # a list question takes the siblings
    (5, "duties", 4, 6),  # so does "what does X do": the duties are the list, not one of its items
    (5, "text", 5, 5),
])
def test_span_expansion(position, wanted, first, last):
    units = synthetic_chunk()
    assert expand(units[position], units, wanted) == (units[first].start, units[last].end)


def test_span_expansion_respects_the_answer_limit():
    long_items = [unit(f"Item {n}: " + "word " * 25, "item", n, 7, 0, n * 150) for n in range(5)]
    start, end = expand(long_items[0], long_items, "list")  # all five would be 734 characters
    assert (start, end) == (long_items[0].start, long_items[1].end) and end - start <= 400


def test_a_long_list_is_quoted_from_as_near_its_start_as_still_holds_the_chosen_item():
    long_items = [unit(f"Item {n}: " + "word " * 25, "item", n, 7, 0, n * 150) for n in range(5)]
    start, end = expand(long_items[4], long_items, "list")  # the last item: the run ends with it
    assert (start, end) == (long_items[3].start, long_items[4].end)
    start, end = expand(long_items[1], long_items, "list")  # the second: the run starts at the first
    assert (start, end) == (long_items[0].start, long_items[1].end)


def candidate(**signals) -> Candidate:
    values = {"dense": 0.0, "lexical": 0.0, "type_fit": 0.0, "heading": 0.0, "dead_intro": 0.0,
              "other_page": 0.0, **signals}
    return Candidate(unit("x"), signals.get("hit_rank", 0), values["dense"], values["lexical"], values["type_fit"],
                     values["heading"], values["dead_intro"], values["other_page"], (0, 1))


def test_the_score_is_the_weighted_sum_of_signed_signals():
    c = candidate(dense=0.5, lexical=0.4, type_fit=1.0, heading=0.5, dead_intro=1.0, other_page=1.0, hit_rank=1)
    w = ReaderWeights()
    by_hand = (w.dense * 0.5 + w.lexical * 0.4 + w.rank * 0.5 + w.type_fit * 1.0 + w.heading * 0.5
               - w.dead_intro - w.other_page)
    assert score_candidates(signal_matrix([c]), w)[0] == pytest.approx(by_hand)
    assert len(SIGNALS) == len(c.signals) == len(w.vector())
    assert signal_matrix([]).shape == (0, len(SIGNALS))


def test_confidence_blends_similarity_and_coverage_and_cuts_impossible_answers():
    w = ConfidenceWeights()
    fitting = candidate(dense=0.8, type_fit=1.0)
    assert confidence_score(fitting, 0.6, "money", (), False, w) == pytest.approx(0.75 * 0.8 + 0.25 * 0.6)
    lacking = candidate(dense=0.8, type_fit=0.0)
    assert confidence_score(lacking, 0.6, "money", (), False, w) == pytest.approx((0.75 * 0.8 + 0.25 * 0.6) * 0.5)
    assert confidence_score(lacking, 0.6, "text", (), False, w) == pytest.approx(0.75 * 0.8 + 0.25 * 0.6)
    assert confidence_score(fitting, 0.6, "money", ("Germany",), True, w) == pytest.approx(0.75 * 0.25)
    assert confidence_score(candidate(dense=-0.3), 0.0, "text", (), False, w) == 0.0
    assert np.isfinite(confidence_score(candidate(dense=2.0), 2.0, "text", (), False, w))


@pytest.mark.parametrize("question, wanted, limit", [
    ("list the steps in the mlops career progression", "list", 700),
    ("What are all the factors that influence salary?", "list", 700),
    ("What soft skills does an MLOps manager need?", "list", 400),  # the start of a long list is enough
    ("How much does every level earn?", "money", 400),  # one figure: no run of items
])
def test_a_question_for_the_whole_list_may_take_a_longer_run(question, wanted, limit):
    assert answer_limit(wanted, question) == limit


def test_the_whole_list_is_not_cut_at_the_single_answer_limit():
    items = [unit(f"Step {n}: " + "word " * 25, "item", unit_id=n, list_id=1, start=n * 150) for n in range(5)]
    assert expand(items[0], items, "list") == (0, items[1].end)  # 400 characters hold two items
    assert expand(items[0], items, "list", 700) == (0, items[3].end)  # 700 hold four


def ranked_items(texts) -> list[Unit]:
    units, pos = [], 0
    for n, text in enumerate(texts):
        units.append(unit(text, "item", n, 3, 0, pos))
        pos += len(text) + 1
    return units


@pytest.mark.parametrize("question, expected", [
    ("which state pays roofers the most", "Oregon – $71,200"),
    ("lowest paying state for roofers?", "Ohio – $49,800"),
    ("what do roofers earn in Texas", None),  # not a superlative: the reader's own pick stands
])
def test_a_superlative_takes_the_item_with_the_extreme_figure(question, expected):
    from assistant.reader import _extreme_sibling

    items = ranked_items(["Texas – $58,400", "Oregon – $71,200", "Ohio – $49,800", "Maine – $60,100"])
    span = _extreme_sibling(items[0], items, question)
    assert (span and next(u.text for u in items if (u.start, u.end) == span)) == (expected or None)


def test_items_without_one_figure_each_are_not_ranked():
    from assistant.reader import _extreme_sibling

    items = ranked_items(["Texas – $58,400 to $61,000", "Oregon – $71,200", "Ohio"])
    assert _extreme_sibling(items[1], items, "which state pays the most") is None


def test_years_named_by_a_text_include_every_year_of_a_span():
    from assistant.reader import _years

    assert _years("Change, 2023-33") == frozenset(range(2023, 2034))
    assert _years("Employment, 2022\tProjected, 2032") == {2022, 2032}
    assert _years("Salary range: $131,158 to $200,000") == frozenset()


def test_a_unit_about_other_years_than_the_question_asks():
    from assistant.reader import _other_year

    items = [unit(t, "item", n, 4, 0, n * 40) for n, t in
             enumerate(["2022 (Current)418,000", "2032 (Projected)426,400", "Employment Change+8,400"])]
    asked = frozenset({2033})
    assert _other_year(asked, items[1], items, "Welder › Employment Projections")
    assert _other_year(asked, items[2], items, "Welder › Employment Projections")  # its list is about 2022-2032
    assert not _other_year(frozenset({2032}), items[2], items, "Welder › Employment Projections")
    row = unit("United States\t418,000\t426,400", "item", 9, 5)
    assert not _other_year(asked, row, [row], "Welder › Projections 2023-2033")  # its table's years
    assert not _other_year(asked, unit("Welders join and cut metal."), [], "Welder › Duties")  # no year at all


def test_a_page_whose_title_holds_the_named_title_is_about_it_too():
    from assistant.reader import Reader
    from assistant.text import tokenize

    pages = {"card": ["Welder"], "handbook": ["Welders, Cutters, Solderers, and Brazers"],
             "py": ["AI Python Engineer"], "ml": ["AI/ML Software Engineer"]}
    reader = Reader(lambda chunk_id: [], np.zeros((0, 4)), lambda t: 1.0, page_names=pages)
    question = tokenize("what skills does a welder need")
    assert reader.named_pages(question) == {"card"}  # the title spelled out: the page a comparison names
    assert reader.pages_about(question) == {"card", "handbook"}  # the handbook is about welders too
    other = tokenize("what does an AI Python Engineer do")
    assert reader.pages_about(other) == {"py"}  # sharing "AI" and "Engineer" is not being about it


def test_a_rival_name_before_the_asked_noun_is_about_something_else():
    from assistant.reader import _name_pairs, _rival_name
    from assistant.text import tokenize

    text = "The MLOps market is expected to reach $75.42 billion by 2033, with a CAGR of 43.2%."
    assert _name_pairs(text) == {("mlop", "market")}  # "The" starts the sentence: no name
    asked = frozenset(tokenize("devops market cagr"))
    assert _rival_name(text, frozenset({("devop", "market")}), asked)
    assert not _rival_name(text, frozenset({("mlop", "market")}), asked)  # its own name
    both = frozenset(tokenize("devops vs mlops market cagr"))
    assert not _rival_name(text, frozenset({("devop", "market")}), both)  # the question names both
    assert not _rival_name("Both the DevOps and the MLOps market grow.", frozenset({("devop", "market")}), asked)
    # "ml devops" is the page's "Machine Learning DevOps" written short, not a rival of it
    trends = "Key trends in Machine Learning DevOps include automation."
    assert not _rival_name(trends, frozenset({("ml", "devop")}), frozenset(tokenize("ml devops trends")))
    assert _rival_name(trends, frozenset({("ai", "devop")}), frozenset(tokenize("ai devops trends")))
    # the initials must be the words right before the noun, not any two capitalised words
    assert _rival_name("Many Large firms now adopt AI DevOps.", frozenset({("ml", "devop")}),
                       frozenset(tokenize("ml devops trends")))


@pytest.mark.parametrize("text, acronym, spelled", [
    ("Version control with Data Version Control (DVC) and Git.", "DVC", "Data Version Control (DVC)"),
    ("adoption by Small and Medium Enterprises (SMEs) grows", "SME", "Small and Medium Enterprises (SMEs)"),
    ("Implementing infrastructure as code (IaC) keeps setups repeatable.", "iac", "infrastructure as code (IaC)"),
    ("The team uses DVC daily.", "DVC", None),  # named, never spelled out
    ("Hosted on Amazon Web Services (AWS) today.", "AWS", "Amazon Web Services (AWS)"),  # its own final S
    ("Rent infrastructure as a service (IaaS) instead.", "iaas", "infrastructure as a service (IaaS)"),
])
def test_an_acronym_is_spelled_out_by_the_words_before_it(text, acronym, spelled):
    from assistant.reader import spelled_out

    span = spelled_out(text, acronym)
    assert (text[span[0]: span[1]] if span else None) == spelled


@pytest.mark.parametrize("question, acronym", [
    ("what does the MLOps abbreviation stand for?", "MLOp"),  # a trailing lower-case "s" reads as a plural
    ("what does SME stand for in the market demand part?", "SME"), ("what's DVC short for?", "DVC"),
    ("what does CAGR mean", "CAGR"), ("what does leadership mean", None), ("what does an mlops manager do", None),
    ("what does AWS stand for", "AWS"), ("what does SMEs stand for", "SME"), ("what does it stand for?", None),
])
def test_acronym_questions(question, acronym):
    from assistant.reader import asked_acronym

    assert asked_acronym(question) == acronym
    assert (answer_type(question) == "acronym") == (acronym is not None)


def test_a_place_question_fits_a_sentence_that_opens_with_states():
    from assistant.reader import type_fit
    from assistant.types import Unit

    lead = Unit(0, 0, "sentence", "States with the highest employment of aircraft mechanics, May 2023:", 0, 66)
    assert type_fit("place", lead) == 1.0
    assert type_fit("place", Unit(1, 0, "sentence", "Mechanics repair engines.", 0, 25)) == 0.0


def test_a_trade_word_and_its_workers_word_share_half_a_terms_credit():
    from assistant.reader import _coverage
    from assistant.text import tokenize

    terms = {t: 1.0 for t in tokenize("plumbing apprenticeship")}
    passage = frozenset(tokenize("Most plumbers learn through an apprenticeship that lasts 4 or 5 years."))
    assert _coverage(terms, passage, frozenset()) == 0.75  # "apprenticeship" whole, "plumbing" half via "plumbers"
    assert _coverage({"kafka": 1.0}, frozenset(tokenize("Go and TypeScript")), frozenset()) == 0.0


def test_a_pay_question_takes_a_sum_of_money_that_scores_nearly_as_well_as_a_sentence_without_one(
        tmp_path, settings, embedder):
    from .conftest import bot_over

    page = ("Dental Hygienist Salary\n\nPay by employer\n\nEmployer\tAverage salary\nGeneral dental practice\t$84,200\n"
            "Temporary staffing agencies\t$92,800\n\nTemp agencies pay the most per hour because they fill "
            "short-notice gaps, but the work is irregular and rarely includes benefits.\n")
    with bot_over(tmp_path, {"dh.txt": page}, settings, embedder) as bot:
        reply = bot.ask("what do dental hygienists working for temp agencies get paid")
    assert "$92,800" in reply.answer, reply.answer


def test_the_united_states_is_no_place_a_where_question_looks_for():
    from assistant.reader import type_fit
    from assistant.types import Unit

    unit = Unit(0, 0, "sentence", "MLOps managers in the United States earn $150,000.", 0, 50)
    assert type_fit("place", unit) == 0.0


@pytest.mark.parametrize("text, fits", [
    ("Hospitals; state, local, and private\t$45,890", 0.0), ("State government\t$52,100", 0.0),
    ("The states with the highest pay are Hawaii and Alaska.", 1.0),
])
def test_state_and_local_employers_are_no_places(text, fits):
    from assistant.reader import type_fit
    from assistant.types import Unit

    assert type_fit("place", Unit(0, 0, "sentence", text, 0, len(text))) == fits


def test_a_caption_needs_words_that_say_it_captions():
    from assistant.reader import _is_caption

    def items(*texts):
        return [Unit(i, 0, "item", t, i * 40, i * 40 + len(t), list_id=0) for i, t in enumerate(texts)]

    tools = items("Tools used in this occupation (8 of 29 shown)", "Chainsaws", "Brush chippers", "Stump grinders")
    assert _is_caption(tools[0], tools)
    sectors = items("Fintech and banking", "E-commerce", "Healthcare")  # the list's first item, no caption
    assert not _is_caption(sectors[0], sectors)


def test_how_many_people_work_as_a_trade_counts_people_not_the_trade():
    """ "how many ppl work as solar installers" asks for a head count: "About 26,900 people worked
    as PV installers" answers it, though "installers" is not the word right after the number."""
    from assistant.reader import counted_noun, number_fit

    assert counted_noun("how many ppl work as solar installers in the us") == ""
    assert counted_noun("how many people are employed as glaziers") == ""
    assert counted_noun("how many planes does a mechanic work on per shift") == "aircraft"
    assert number_fit("About 26,900 people worked as PV installers in 2023.", counted_noun("how many planes")) == 0.5


def test_a_small_count_counts_when_it_names_what_was_asked():
    """ "how many people tried out" and "job openings per year" ask for a count: a number followed by
    the counted noun ("58 people"), or the value of a label naming it ("Openings per year: about 40"),
    is one, though no labour statistic ("1,234")."""
    from assistant.reader import counted_people, counts_people, type_fit

    people = counted_people("how many people tried out for rookie ski patrol spots last fall")
    assert people == {"people"}
    assert counts_people("Last fall 58 people tried out for 9 rookie patrol spots.", people)
    assert not counts_people("The patrol hired 9 rookies for 12 weeks.", people)
    openings = counted_people("job openings per year for audiologists in minnesota")
    assert openings == {"job", "opening"}
    assert counts_people("Openings per year: about 40", openings)
    assert not counts_people("Openings per year rose in 2024 after 12 months of hiring", openings)  # a number of months
    text = "Openings per year: about 40"
    assert type_fit("count", Unit(0, 0, "item", text, 0, len(text))) == 0.0  # the labour-statistic pattern alone misses it
    # people counted by the noun that names them: "612 estheticians", a label "Respondents"
    assert counts_people("Estheticians who answered the survey: 612", people)
    assert counts_people("In all, 412 respondents from five states answered.", people)
    assert not counts_people("The survey asked 12 questions about pay.", people)
    assert not counts_people("Median age: 41", people) and not counts_people("Canadian provinces covered: 10", people)


@pytest.mark.parametrize("question, priced", [
    ("average farrier trim price according to the guild survey", "farrier trim"),
    ("price of a wilderness first responder class", "wilderness responder class"),
    ("how much does the nabcep pvip exam cost", "nabcep pvip exam"),
    ("what is the cost", ""),  # nothing named: only a cost word settles it
])
def test_what_a_cost_question_prices(question, priced):
    from assistant.reader import priced_thing
    from assistant.text import tokenize

    assert priced_thing(question) == frozenset(tokenize(priced))


def test_a_sum_with_no_cost_word_is_a_cost_when_it_names_the_priced_thing():
    from assistant.reader import _prices, priced_thing
    from assistant.text import tokenize

    trim = priced_thing("average farrier trim price according to the guild survey")
    page = frozenset(tokenize("Farrier Wes Calloway on money"))
    sentence = "The Guild's 2024 survey put the average trim in our area at $56.40."
    assert _prices(sentence, trim, frozenset(tokenize(sentence)) | page)
    # the sum must sit in a unit naming the priced thing, and not be what someone earns
    assert not _prices("Median: $59,880", trim, frozenset(tokenize("Median")) | page)
    assert not _prices("A trim pays $56.40 an hour.", trim, frozenset(tokenize("A trim pays")) | page)
    # every priced word is named around the unit: another exam's fee is not the PVIP exam's
    pvip = priced_thing("how much does the nabcep pvip exam cost")
    other = "NABCEP PV Associate exam, first attempt $165"
    assert not _prices(other, pvip, frozenset(tokenize(other)))


def test_a_title_offering_several_grades_leaves_each_grade_a_clue():
    """ "Official Court Reporter I/II": the heading "Court Reporter II" picks that grade's section,
    though the title says "II" too; a title's other words still name every heading on the page."""
    from assistant.reader import _grades_in

    assert _grades_in(["Official Court Reporter I/II (Stenographic)"]) == {"2"}
    assert _grades_in(["Court Reporter II/III"]) == {"2", "3"}
    assert _grades_in(["AI/ML Software Engineer", "Machine Learning DevOps Manager"]) == frozenset()


def test_a_how_long_question_takes_minutes_too():
    """ "how long is the climb up to the cab": "it takes me 12 minutes" is a length of time."""
    from assistant.reader import type_fit

    text = "On this crane the ladder is about 280 ft and it takes me 12 minutes."
    assert answer_type("how long is the climb up to a tower crane cab") == "years"
    assert type_fit("years", Unit(0, 0, "sentence", text, 0, len(text))) == 1.0
    assert type_fit("years", Unit(0, 0, "sentence", "The ladder is about 280 ft.", 0, 27)) == 0.0


def test_extra_pay_may_be_a_share_of_the_rate():
    """ "extra pay for an etcp cert": "a premium of 6% over the classification rate" is that pay,
    though no sum; a percent of something else is not."""
    from assistant.reader import _EXTRA_PAY_RE, _PERCENT_EXTRA_RE

    assert _EXTRA_PAY_RE.search("extra pay for etcp cert on the 648 scale")
    assert not _EXTRA_PAY_RE.search("what does a followspot operator make")
    assert _PERCENT_EXTRA_RE.search("ETCP Certified Entertainment Electrician: a premium of 6% over the classification rate.")
    assert _PERCENT_EXTRA_RE.search("Nights pay 10% above the day rate.")
    assert not _PERCENT_EXTRA_RE.search("Membership grew 6% in 2025.")


def test_an_extra_pay_question_is_answered_with_the_premium(tmp_path, settings, embedder):
    from tests.conftest import bot_over

    page = ("Stage Wage Scale 2025\n\nHourly rates\n\nHead Electrician\t$47.70\nOverhire (Extra)\t$27.95\n\n"
            "Premiums\n\nETCP Certified Entertainment Electrician on power distribution: a premium of 6% over the "
            "classification rate.\n")
    with bot_over(tmp_path, {"scale.txt": page}, settings, embedder) as bot:
        reply = bot.ask("extra pay for etcp cert on the scale")
    assert "a premium of 6% over the classification rate" in reply.answer


def test_a_range_the_documents_write_otherwise_is_searched_by_its_ends(tmp_path, settings, embedder):
    """ "farm call charge 35-60 miles": the rate card says "35 to 60 miles"; "3-7 years", which a page
    writes so, stays one token."""
    from assistant.pipeline import _range_ends
    from tests.conftest import bot_over

    known = {"3-7", "35", "60"}.__contains__
    assert _range_ends(["farm", "35-60", "mile"], known) == ["farm", "35", "60", "mile"]
    assert _range_ends(["3-7", "year"], known) == ["3-7", "year"]
    page = ("Farrier Rate Card 2026\n\nFarm calls\n\nFarm call, within 15 miles\t$44\nFarm call, 15 to 35 miles\t$57.50\n"
            "Farm call, 35 to 60 miles\t$84\nEach mile beyond 60 miles\t$1.38\n")
    with bot_over(tmp_path, {"card.txt": page}, settings, embedder) as bot:
        reply = bot.ask("farrier farm call charge 35-60 miles")
    assert "$84" in reply.answer and "$57.50" not in reply.answer


@pytest.mark.parametrize("question, one", [
    ("which tool do they name for automating provisioning of cloud resources", True),  # the one tool
    ("how do i automate provisioning of cloud resources, which tool does the guide name for it?", True),
    ("which tools are named for monitoring", False),
    ("list every tool the guide mentions", False),
    ("name all the frameworks mentioned", False),
])
def test_a_question_naming_one_tool_asks_for_it_not_for_every_tool(question, one):
    from assistant.reader import asks_one_tool

    assert asks_one_tool(question) is one


def test_how_a_user_refers_to_the_documents_is_no_term_unless_the_documents_use_the_word():
    """ "what does the guide say on work life balance": "guide" and "say" are how the user refers to the
    documents; a page that never uses them held them as its most specific terms, and the answer's
    coverage fell below the abstention threshold. A page that does use "section" keeps it as a term."""
    from assistant.reader import Reader
    from assistant.text import tokenize

    vocabulary = set(tokenize("work life balance section project management"))
    reader = Reader(lambda chunk_id: [], np.zeros((0, 4)), lambda t: 2.0 if t in vocabulary else 0.0)
    terms = reader._terms(tokenize("maybe too specific, but what does the guide say on work life balance in the section"))
    assert set(terms) == set(tokenize("work life balance section")), terms
    assert reader.unknown_words("does the guide say anything exact about burnout") == ("burnout",)
