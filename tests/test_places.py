"""Places a question asks about: the longest region name after "in", never the whole country."""
import pytest

from assistant.places import asked_regions, is_region, named_region


@pytest.mark.parametrize("question, regions", [
    ("what's a mid-level mlops mgr paid in new york specifically?", ("new york",)),
    ("plumber salary in texas", ("texas",)),
    ("mlops manager salary in the uk", ("uk",)),
    ("how many rad techs are there in the us", ()),  # the pages' own country narrows nothing
    ("deploying models in production", ()),
])
def test_asked_regions(question, regions):
    assert asked_regions(question) == regions


def test_regions_are_countries_states_and_continents():
    assert is_region("Canada") and is_region("new jersey") and is_region("europe") and not is_region("production")


def test_a_figure_for_a_place_the_documents_give_none_for_abstains(bot):
    # New York is named as a tech hub, with no figure: the national range is no answer for it
    reply = bot.ask("what's a mid-level mlops manager paid in new york specifically?")
    assert reply.abstained and reply.answer is None
    assert not bot.ask("what's a mid-level mlops manager paid?").abstained


def test_the_state_a_sentence_names_is_found_by_its_capitalised_name():
    assert named_region("Washington was the top-paying state in our survey, with a median of $89,640.") == "Washington"
    assert named_region("Pay in New York and Texas") == "New York"
    assert named_region("The United States has many mechanics at major airlines") == ""


def test_the_region_nearest_the_words_that_rank_it_is_the_one_named():
    text = "Unlike California, Washington was the top-paying state in our survey."
    assert named_region(text, text.index("top-paying")) == "Washington"
    assert named_region("Western states: the top paying state was Oregon", 20) == "Oregon"


def test_everyday_country_names_are_places():
    from assistant.places import asked_regions

    assert asked_regions("whats the going rate for locksmiths in britain") == ("britain",)
    assert asked_regions("plumber pay in russia") == ("russia",)


@pytest.mark.parametrize("question, expected", [
    ("mlops team lead salary in seattle specifically", ("seattle",)),
    ("registered nurse salary in montreal", ("montreal",)),  # typed without the accent of "Montréal"
    ("rn pay in Zurich?", ("zurich",)),
    ("what is the dental hygienist salary in oral health?", ()),  # "Oral" is a city; "oral health" is no place
    ("how much do sales engineers earn in enterprise software?", ()),
    ("do dental hygienists earn more in oral health with a bachelor's degree?", ()),
])
def test_a_big_city_is_a_place_asked_about_only_where_it_ends_the_phrase(question, expected):
    assert asked_regions(question, cities=True) == expected
    assert asked_regions(question) == ()  # countries and states only, unless cities are asked for
