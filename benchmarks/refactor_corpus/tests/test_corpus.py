"""The corpus project's own tests: they run most lines and check some results (as real suites do)."""

import pytest

from corpus import billing, geometry, grades, parsing, reports, scheduling, shipping, text, users
from corpus.inventory import Inventory, restock_plan


def test_shipping():
    assert shipping.shipping_cost(2, "FR", True, True) == 5.0
    assert shipping.shipping_cost(2, "FR", True, False) == 9.8
    assert shipping.shipping_cost(30, "US", False, False) == 15.0
    assert shipping.shipping_cost(2, "US", False, False) == 10.5
    assert shipping.shipping_cost(None, "FR", True, True) is None
    with pytest.raises(KeyError):
        shipping.shipping_cost(2, "XX", True, True)
    with pytest.raises(ValueError):
        shipping.shipping_cost(-1, "FR", True, True)
    assert [shipping.delivery_days(c, e, w) for c, e, w in [("FR", 1, 1), ("FR", 1, 0), ("US", 0, 0), ("FR", 0, 0)]] == [
        2, 1, 10, 4,
    ]
    assert shipping.delivery_days("XX", True, True) == -1


def test_users():
    assert users.validate_user({"name": "Al", "email": "a@b.c", "age": 30}) == []
    assert users.validate_user({"name": "A", "email": "ab.", "age": -1}) == ["name too short", "email invalid", "age negative"]
    assert users.validate_user({"email": "a@b.", "age": 200}) == ["name missing", "email invalid", "age too high"]
    assert users.validate_user({"name": "Bob"}) == ["email missing"]
    assert users.is_adult({"age": 20}) and not users.is_adult({"age": 3})
    assert users.display_name({"nickname": "zz"}) == "zz"
    assert users.display_name({"first": "A", "last": "B"}) == "A B"
    assert users.display_name({"first": "A"}) == "A"
    assert users.display_name({}) == "anonymous"


SALES = [
    {"date": "2024-01-03", "amount": 900, "region": "EU", "product": "p1"},
    {"date": "2024-01-20", "amount": 300, "region": "US", "product": "p2"},
    {"date": "2024-02-01", "amount": -50, "region": "EU", "product": "p1"},
]


def test_reports():
    assert reports.monthly_totals(SALES) == ({"2024-01": 1200, "2024-02": -50}, ["2024-01"])
    assert reports.region_report(SALES, "EU")["total"] == 900
    assert reports.region_report(SALES, "XX")["mean"] == 0.0
    assert reports.product_report(SALES, "p1") == {"product": "p1", "count": 1, "total": 900}


def test_inventory():
    inv = Inventory()
    assert inv.move("a", 5, "in") == 5
    assert inv.move("a", 2, "out") == 3
    for bad in [("a", 0, "in"), ("b", 1, "out"), ("a", 9, "out"), ("a", 1, "sideways")]:
        with pytest.raises((ValueError, KeyError)):
            inv.move(*bad)
    assert inv.low_stock(4) == ["a"]
    assert restock_plan({"a": 1, "b": 9}, 5, 3) == {"a": 6}


def test_parsing():
    assert parsing.parse_bool(" Yes ") is True
    assert parsing.parse_bool("off") is False
    assert parsing.parse_bool(None) is None
    with pytest.raises(ValueError):
        parsing.parse_bool("maybe")
    assert [parsing.parse_size(s) for s in ["2kb", "1MB", "7B", "12"]] == [2048, 1048576, 7, 12]
    for bad in ["xkb", "yMB", "zB", "w"]:
        with pytest.raises(ValueError):
            parsing.parse_size(bad)


def test_grades():
    assert [grades.letter(s, False) for s in (95, 85, 75, 65, 10)] == ["A", "B", "C", "D", "F"]
    assert grades.letter(None, True) == "absent"
    assert grades.letter(86, True) == "A"
    assert grades.passed_all([70, 80], 60) and not grades.passed_all([70, None], 60)
    assert not grades.passed_all([50], 60)
    students = [{"name": "a", "score": 3}, {"name": "b", "score": None}, {"name": "c", "score": 9}]
    assert grades.class_summary(students) == (["a", "c"], "c")


def test_geometry():
    kinds = [geometry.classify_triangle(*t) for t in [(0, 1, 1), (1, 1, 5), (2, 2, 2), (2, 2, 3), (3, 2, 2), (3, 4, 5)]]
    assert kinds == ["invalid", "invalid", "equilateral", "isosceles", "isosceles", "scalene"]
    box = geometry.bounding_box([(1, 2), (3, -1)])
    assert box == (1, -1, 3, 2)
    assert geometry.bounding_box([]) is None
    assert geometry.inside(box, (2, 0)) and not geometry.inside(box, (9, 0)) and not geometry.inside(None, (0, 0))


def test_billing():
    lines = [{"qty": 2, "price": 10.0}, {"qty": 0, "price": 5.0}]
    assert billing.invoice_total(lines, 0.2, 0.1) == {"subtotal": 18.0, "tax": 3.6, "total": 21.6}
    assert billing.credit_note_total(lines, 0.2, 0)["total"] == -24.0
    assert [billing.late_fee(d, 100.0, v) for d, v in [(0, 0), (40, 1), (10, 1), (90, 0), (40, 0), (10, 0)]] == [
        0, 1.0, 0, 5.0, 2.0, 1,
    ]


def test_text():
    assert text.slugify("Hello,  World!", 0) == "hello-world"
    assert text.slugify("Hello World", 7) == "hello-w"
    assert text.wrap("a bb ccc dddd", 6) == ["a bb", "ccc", "dddd"]


def test_scheduling():
    assert scheduling.free_slots([(10, 11), (13, 14)], 9, 17, 1) == [(9, 10), (11, 13), (14, 17)]
    room = {"open": 8, "close": 18, "seats": 10, "projector": False}
    assert scheduling.can_book(room, 5, False, 9)
    assert not scheduling.can_book(room, 5, True, 9)
    assert not scheduling.can_book(room, 50, False, 9)
    assert not scheduling.can_book(room, 5, False, 20)
    assert scheduling.can_book({**room, "projector": True}, 5, True, 9)
