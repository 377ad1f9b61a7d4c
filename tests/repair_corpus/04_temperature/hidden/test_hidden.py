from units import c_to_f, f_to_c


def test_hidden_round_trip():
    for c in (-40, -10, 0, 21.5, 37):
        assert abs(f_to_c(c_to_f(c)) - c) < 1e-9
    assert c_to_f(-40) == -40
