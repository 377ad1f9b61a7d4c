from settings_ini.parser import parse_ini


def test_sections():
    assert parse_ini("a = 1\n[s]\nb = 2\n") == {"": {"a": "1"}, "s": {"b": "2"}}
