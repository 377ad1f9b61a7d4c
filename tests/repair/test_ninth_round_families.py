"""Issue 18, ninth round: the families blind8's misses needed (each test fails without its change)."""

from __future__ import annotations

from edits_kit import tiers

REVERSE = """
def reverse_integer(n: int) -> int:
    sign = -1 if n < 0 else 1
    rest = n
    out = 0
    while rest:
        rest, digit = divmod(rest, 10)
        out = out * 10 + digit
    return sign * out
"""


def test_a_copy_of_a_number_whose_sign_is_handled_apart_gets_its_magnitude() -> None:
    # Given a function that takes n's sign apart and copies n whole into the value it takes digits off
    # Then the copy gets abs(n) at tier 1, and a call passed n whole gets it at tier 2
    assert tiers(REVERSE, 4)["rest = abs(n)"] == 1
    called = REVERSE.replace("rest = n", "rest = int(n)")
    assert tiers(called, 4)["rest = int(abs(n))"] == 2


def test_no_magnitude_where_the_function_never_looks_at_the_sign() -> None:
    # Given the same copy in a function that never compares n with 0
    plain = REVERSE.replace("-1 if n < 0 else 1", "1")
    # Then no abs is written there
    assert "rest = abs(n)" not in tiers(plain, 4)
