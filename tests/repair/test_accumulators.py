"""A plain assignment to what the code elsewhere accumulates (``total += …``, ``self.size -= …``) may be a
lost ``+=``: the arithmetic-operator family writes it back, outside loops too."""

from __future__ import annotations

from repair.edits_kit import new_lines

SIZED = """\
    class Sized:
        def __init__(self):
            self.size = 0

        def add(self, item, weight):
            self.size = weight

        def drop(self, weight):
            self.size -= weight
    """


def test_an_assignment_to_a_target_the_file_accumulates_becomes_an_augmented_one() -> None:
    lines = new_lines(SIZED, 6, "arithmetic-operator")
    assert "self.size += weight" in lines
    assert "self.size -= weight" in lines


def test_an_assignment_to_a_target_never_accumulated_stays_a_plain_one() -> None:
    text = SIZED.replace("self.size -= weight", "self.size = 0")
    lines = new_lines(text, 6, "arithmetic-operator")
    assert not any("+=" in line or "-=" in line for line in lines)
