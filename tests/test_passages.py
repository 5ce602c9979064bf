"""Passages: about a paragraph each, under their heading, lists kept whole and line by line."""

from kb.models import Block
from kb.passages import MAX_WORDS, split_passages


def test_a_list_stays_with_its_introduction_one_item_a_line():
    blocks = [
        Block("Consular training programme", kind="heading", level=3),
        Block("Since 2008 the seminars took place in the following countries:"),
        Block("La Paz, Bolivia - June 18-19, 2008", kind="item"),
        Block("Quito, Ecuador - July 16-17, 2008", kind="item"),
        Block("This seminar trained consular staff from both countries"),
        Block("A new paragraph about something else entirely, long enough to stand alone as its own passage."),
    ]
    passages = split_passages("d1", blocks)
    assert passages[0].heading == "Consular training programme"
    assert passages[0].text.splitlines()[:4] == [
        "Since 2008 the seminars took place in the following countries:",
        "• La Paz, Bolivia - June 18-19, 2008",
        "• Quito, Ecuador - July 16-17, 2008",
        "This seminar trained consular staff from both countries",
    ]
    # a passage this short takes the next paragraph in too: tiny passages are merged
    assert passages[0].text.splitlines()[4].startswith("A new paragraph")


def test_long_text_is_cut_at_sentence_ends_but_not_after_initials():
    sentence = "The U.S. Immigration and Customs Enforcement office in St. Lucia trained twelve officers. "
    passages = split_passages("d1", [Block(sentence * 40)])
    assert len(passages) > 1
    for p in passages:
        assert len(p.text.split()) <= MAX_WORDS
        assert not p.text.startswith(("Immigration", "Lucia"))


def test_headings_start_new_passages():
    blocks = [Block("Border controls", kind="heading", level=2), Block("Customs officers met."),
              Block("Victim protection", kind="heading", level=2), Block("Shelters opened.")]
    assert [(p.heading, p.text) for p in split_passages("d", blocks)] == [
        ("Border controls", "Customs officers met."), ("Victim protection", "Shelters opened.")]


def test_a_long_table_is_cut_between_its_rows():
    rows = [Block(f"{day} de mayo | Taller sobre registro de armas de fuego y municiones para los funcionarios "
                  f"de aduanas y policía de fronteras | Tegucigalpa, Honduras", kind="item") for day in range(1, 20)]
    passages = split_passages("d1", rows)
    assert len(passages) > 1
    for p in passages:
        assert len(p.text.split()) <= MAX_WORDS
        assert all(line.startswith("• ") and line.endswith("Honduras") for line in p.text.split("\n"))


def test_a_date_above_a_heading_goes_with_it():
    blocks = [
        Block("Events", kind="heading", level=1),
        Block("14 Mar 2016 - 16 Mar 2016"),
        Block("Subregional workshop on injury data", kind="heading", level=3),
        Block("Panama City, Panama"),
        Block("10 May 2016"),
        Block("Regional meeting on violence against children", kind="heading", level=3),
        Block("Asunción, Paraguay"),
    ]
    assert [(p.heading, p.text) for p in split_passages("d", blocks)] == [
        ("Subregional workshop on injury data", "14 Mar 2016 - 16 Mar 2016\nPanama City, Panama"),
        ("Regional meeting on violence against children", "10 May 2016\nAsunción, Paraguay"),
    ]
