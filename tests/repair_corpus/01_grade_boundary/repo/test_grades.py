import pytest

from grades import letter, report


def test_top_scores_are_a():
    assert letter(95) == "A"
    assert letter(90) == "A"


def test_middle_grades():
    assert letter(85) == "B"
    assert letter(70) == "C"
    assert letter(61) == "D"


def test_failing():
    assert letter(12) == "F"


def test_out_of_range():
    with pytest.raises(ValueError):
        letter(101)


def test_report():
    assert report({"ana": 72, "bo": 59}) == {"ana": "C", "bo": "F"}
