import math

from quadratic import roots


def test_hidden_from_roots():
    for a in (1, 2, -3, 5):
        for p, q in ((1, 4), (-2, 3), (0, 5), (2, 2)):
            got = roots(a, -a * (p + q), a * p * q)
            want = sorted({float(p), float(q)})
            assert len(got) == len(want) and all(math.isclose(g, w, abs_tol=1e-9) for g, w in zip(got, want)), (a, p, q)
