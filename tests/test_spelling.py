"""Spelling correction against the corpus's own words: the shipped guide plus a small page written here."""
from __future__ import annotations

import itertools
import string

import pytest

from assistant.spelling import LARGE_VOCABULARY, MAX_LOOKUPS, Correction, Speller, english_frequencies
from tests.conftest import GUIDE

# A second page, written for this test, so words the guide lacks (hygienist, outlook) are corpus words.
HYGIENIST_PAGE = """Dental Hygienist

Salary: the median salary for a dental hygienist was $87,530 per year.
Job outlook: employment of dental hygienists is projected to grow 7 percent; the outlook is good.
Education: an associate degree in dental hygiene and a state license.
"""


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller.from_texts([GUIDE.read_text(encoding="utf-8"), HYGIENIST_PAGE])


@pytest.mark.parametrize(
    "question, searched, changes",
    [
        ("how much does a senoir mlops manger make", "how much does a senior mlops manager make",
         [("senoir", "senior"), ("manger", "manager")]),
        ("waht skils does a mlops manger need", "what skills does a mlops manager need",
         [("waht", "what"), ("skils", "skills"), ("manger", "manager")]),
        ("entry levle salary", "entry level salary", [("levle", "level")]),
        ("directr of mlops pay", "director of mlops pay", [("directr", "director")]),
        ("kubernets", "kubernetes", [("kubernets", "kubernetes")]),
        ("terrafrom", "terraform", [("terrafrom", "terraform")]),
        ("pyhton engineer degree", "python engineer degree", [("pyhton", "python")]),
        ("experiance", "experience", [("experiance", "experience")]),
        ("hygenist salery outlok", "hygienist salary outlook",
         [("hygenist", "hygienist"), ("salery", "salary"), ("outlok", "outlook")]),
        # role and level names
        ("junoir mlops engineer duties", "junior mlops engineer duties", [("junoir", "junior")]),
        ("mid-levle mlops manager", "mid-level mlops manager", [("levle", "level")]),
        ("AI Pyhton Enginer salary", "AI Python Engineer salary", [("Pyhton", "Python"), ("Enginer", "Engineer")]),
        ("ai engineering consultnat", "ai engineering consultant", [("consultnat", "consultant")]),
        ("model business specilist", "model business specialist", [("specilist", "specialist")]),
        # casing kept: a capitalised typo stays capitalised; a possessive keeps its 's
        ("Senoir MLOps Manger's pay?", "Senior MLOps Manager's pay?", [("Senoir", "Senior"), ("Manger", "Manager")]),
        ("diference betwen senoir and junoir", "difference between senior and junior",
         [("diference", "difference"), ("betwen", "between"), ("senoir", "senior"), ("junoir", "junior")]),
    ],
)
def test_corrects_misspelled_words(speller, question, searched, changes):
    correction = speller.correct(question)
    assert correction == Correction(searched, tuple(changes))
    assert correction.changed


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "How do I bake sourdough bread?",
        "mlops manager salary in the uk",
        "Can an MLOps manager work remotely?",
        "What will an MLOps manager earn in 2030?",
        "hi",
        "thanks!",
        "How many hours a week do MLOps managers work?",
        "Do I need certifications or a bootcamp?",
        "is it a job in berlin or europe, weekend work?",
        "What math does an AI/ML Software Engineer need?",  # "math": a synonym the search maps
        "exp reqs for each mlops mgr level?",  # abbreviations are not typos of 3-letter words
        # acronyms in capitals, MixedCase names, numbers, money, words glued to digits, compounds
        "SENOIR MLOPS MANGER", "Is PyTorch or TensorFlow used?", "k8s and ci/cd, node.js, c++",
        "$150k to $200,000+ or 43.2% in 2024-2030, 401k", "www.glassdor.com/salries",
        "", "   ", "?!",
    ],
)
def test_leaves_real_words_names_and_numbers_alone(speller, question):
    assert speller.correct(question) == Correction(question, ())


def test_rest_of_the_question_is_kept_byte_for_byte(speller):
    question = "  Waht’s\tthe salery… for a   senoir MLOps manger?!\n(2024, $150,000+; ci/cd)  "
    correction = speller.correct(question)
    assert correction.changes == (("Waht", "What"), ("salery", "salary"), ("senoir", "senior"), ("manger", "manager"))
    assert correction.text == "  What’s\tthe salary… for a   senior MLOps manager?!\n(2024, $150,000+; ci/cd)  "
    # Undo the replacements in order: the original comes back exactly.
    restored, position = [], 0
    for typed, fixed in correction.changes:
        at = correction.text.index(fixed, position)
        restored += [correction.text[position:at], typed]
        position = at + len(fixed)
    restored.append(correction.text[position:])
    assert "".join(restored) == question


def test_a_rare_english_word_one_letter_short_of_a_common_corpus_word_is_a_typo(speller):
    english = english_frequencies()
    assert english["manger"] < 1_000_000 <= english["bake"]  # the threshold that separates them
    assert speller.correct("manger").text == "manager"
    assert speller.correct("carer advice").text == "career advice"
    # real words that are not one-letter omissions, or are common, stay as typed
    for word in ("vocation", "personas", "demote", "danger", "remotely", "hygienists"):
        assert not speller.correct(word).changed, word


@pytest.mark.parametrize(
    "vocabulary, expected",
    [
        ({"manager": 10, "manage": 6}, "managr"),  # both one edit away, neither 5x the other
        ({"manager": 50, "manage": 6}, "manager"),
        ({"manager": 10}, "manager"),
    ],
)
def test_ties_are_broken_only_by_a_clearly_more_frequent_word(vocabulary, expected):
    assert Speller(vocabulary).correct("managr").text == expected


def test_question_words_are_corrected_from_common_english_without_corpus_words():
    speller = Speller({})
    assert speller.correct("waht is it").text == "what is it"  # "what" is 3.1x "want" in English
    assert speller.correct("whcih one").text == "which one"


def test_english_dictionary_is_bundled_with_symspellpy():
    english = english_frequencies()
    assert len(english) > 80_000
    assert english["the"] > english["salary"] > english["hygienist"] > 0
    assert "salery" not in english


def test_a_large_vocabulary_keeps_only_words_seen_twice_as_candidates():
    filler = ("q" + "".join(letters) for letters in itertools.product(string.ascii_lowercase, repeat=4))
    vocabulary = {word: 2 for word in itertools.islice(filler, LARGE_VOCABULARY)}
    once = Speller({**vocabulary, "kubernetes": 1})
    assert len(once) == LARGE_VOCABULARY
    assert not once.correct("kubernets").changed  # seen once: not a candidate in a large corpus
    assert not once.correct("kubernetes").changed  # but still a known word
    twice = Speller({**vocabulary, "kubernetes": 2})
    assert twice.correct("kubernets").text == "kubernetes"


def test_work_per_question_is_bounded(speller):
    question = " ".join(["salery"] * (MAX_LOOKUPS + 5))
    correction = speller.correct(question)
    assert len(correction.changes) == MAX_LOOKUPS
    assert correction.text == " ".join(["salary"] * MAX_LOOKUPS + ["salery"] * 5)


def test_an_abbreviation_the_pages_never_use_is_read_as_the_name_its_initials_spell():
    names = ["Heavy Equipment Operator Apprenticeship", "Heavy Equipment Operator – Excavator",
             "Construction Equipment Operators", "Pay by machine"]
    speller = Speller({"operator": 3, "equipment": 3, "openings": 1}, names)
    fixed = speller.correct("heo job openings per year")
    assert fixed.text == "heavy equipment operator job openings per year"
    assert fixed.changes == (("heo", "heavy equipment operator"),)
    # an abbreviation everyone reads one way is never expanded, nor a word the corpus uses
    assert speller.correct("how much does a ceo make").text == "how much does a ceo make"
    assert Speller({"heo": 1}, names).correct("heo pay").text == "heo pay"


def test_initials_two_names_share_equally_often_abbreviate_neither():
    from assistant.spelling import acronyms_of

    found = acronyms_of(["Data Engineer", "Data Entry", "Machine Learning", "Machine Learning Ops"])
    assert "de" not in found and found["ml"] == "machine learning"


def test_an_abbreviation_inside_a_name_gives_all_its_letters():
    from assistant.spelling import acronyms_of

    # "AI Engineering Consultant" abbreviates as "aiec", so it is no rival for the engineers' "ae"
    names = ["AI Engineering Consultant", "AI Engineering Consultant", "Third Assistant Engineer", "Assistant Engineer"]
    found = acronyms_of(names)
    assert found["ae"] == "assistant engineer"
    assert found["aie"] == "ai engineering"
    speller = Speller({"assistant": 3, "engineer": 4, "day": 2, "rate": 2}, names)
    assert speller.correct("day rate 3rd AE").text == "day rate 3rd assistant engineer"
    assert acronyms_of(["HEAVY EQUIPMENT OPERATOR"])["heo"] == "heavy equipment operator"  # a name in capitals


def test_a_shortening_the_pages_never_use_is_read_as_the_one_name_word_it_starts():
    names = ["Surgical Technologist Salary", "How to Become a Surgical Technologist", "Sterile Processing Technician"]
    speller = Speller({"surgical": 5, "technologist": 5, "salary": 3}, names)
    fixed = speller.correct("surg tech 25th percentile salary")
    assert fixed.text == "surgical tech 25th percentile salary"
    assert fixed.changes == (("surg", "surgical"),)
    # a common English word that starts a name's word is kept ("rest" is no shortening of "restaurant")
    assert Speller({"restaurant": 2}, ["Restaurant Manager"]).correct("rest breaks").text == "rest breaks"
    # a start that two of the names' words share is ambiguous ("tech" as typed stays for the synonym list)
    assert Speller({"sterile": 1, "sterilization": 1}, ["Sterile Sterilization"]).correct("steri pay").text == "steri pay"
    # words of one family (phlebotomy, phlebotomist) share far more than the shortening: the shortest stands for them
    family = Speller({"phlebotomists": 3, "phlebotomy": 2}, ["Phlebotomists", "Phlebotomy Technician Certificate"])
    assert family.correct("phleb job openings per yr").text == "phlebotomy job openings per yr"


def test_a_british_spelling_is_searched_in_the_american_form_the_pages_use(speller):
    """"specialisations" and "organise" are real words, so no typo, but the guide writes
    "specialize" and "organization": the question is searched the way the pages spell them."""
    assert speller.correct("ai consultant specialisations").text == "ai consultant specializations"
    assert speller.correct("do they organise the team").text == "do they organize the team"
    assert speller.correct("what does the centre of excellence do").text == "what does the centre of excellence do"


def test_a_pages_name_spelled_another_way_is_searched_as_the_page_spells_it():
    """"dieticians" is a real English word, so no typo, but the page's title is "Dietitian": one letter
    apart and the same start, it is the same name. A word no page names is left alone."""
    speller = Speller.from_texts(["Dietitian\nDietitians plan meals and counsel patients."])
    speller = Speller(speller._counts, names=["Dietitian", "Registered Dietitian II"])
    assert speller.correct("who earns more, locksmiths or dieticians?").text == "who earns more, locksmiths or dietitians?"
    assert speller.correct("is a nutritionist the same").text == "is a nutritionist the same"


def test_a_singular_of_a_pages_name_word_is_not_respelled():
    speller = Speller(Speller.from_texts(["Requirements\nA license is needed."])._counts, names=["Requirements"])
    assert speller.correct("continuing education requirement").text == "continuing education requirement"


def test_a_short_word_or_a_common_one_is_no_other_spelling():
    """"four" is no British "for", and "planting" (a common English word) is no "Planning" heading."""
    speller = Speller(Speller.from_texts(["Planning\nSuccession planning for the crew, for the shop."])._counts,
                      names=["Succession Planning"])
    assert speller.correct("name four skills").text == "name four skills"
    assert speller.correct("tree planting jobs").text == "tree planting jobs"


def test_an_abbreviation_typed_in_capitals_with_a_plural_s_is_the_name_it_spells():
    """ "ATs" spells "at", an English word the pages use, but capitals and a plural "s" say an
    abbreviation was typed: the athletic trainers the pages name."""
    speller = Speller(Speller.from_texts(["Athletic trainers work at schools. Pay is good."])._counts,
                      names=["Athletic Trainers"])
    assert speller.correct("what do ATs make").text == "what do athletic trainers make"
    assert speller.correct("what do they make at schools").text == "what do they make at schools"
    assert speller.correct("what do ITs make").text == "what do ITs make"  # a common abbreviation stays


def test_a_clipped_word_no_english_count_knows_is_read_as_the_corpus_word_it_starts():
    vocabulary = {"vulnerability": 2, "algorithms": 3, "algorithm": 1, "collaborate": 2, "collaboration": 4,
                  "qualifications": 2, "quality": 5, "business": 3, "assessments": 1}
    speller = Speller(vocabulary)
    fixed = speller.correct("are vuln assessments and algos part of the job")
    assert fixed.text == "are vulnerability assessments and algorithms part of the job"
    assert fixed.changes == (("vuln", "vulnerability"), ("algos", "algorithms"))
    # one family of words ("collaborat-e/-ion") stands behind the clipping: the shortest is searched
    assert speller.correct("collab tools").text == "collaborate tools"
    # two unrelated words start the same way ("quali-ty", "quali-fications"): left as typed
    assert speller.correct("quals needed").text == "quals needed"
    # at the start of a sentence the capital stays
    assert speller.correct("Vuln scans").text == "Vulnerability scans"
    # English words are never read as clippings ("part" starts "particularly" in many corpora)
    assert Speller({"particularly": 3}).correct("part time").text == "part time"


def test_a_contraction_typed_without_its_apostrophe_is_no_typo():
    speller = Speller({"done": 3, "want": 2, "there": 4, "having": 1, "salary": 2})
    fixed = speller.correct("i dont want to wait, theyre saying it wasnt done, havent checked the salery")
    assert fixed.text == "i dont want to wait, theyre saying it wasnt done, havent checked the salary"
