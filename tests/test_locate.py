from plancheck.read.locate import key_lines

TEXT = '''\
# comment
section = "x"

[fiscal-revenue]
name = "财政收入"   # trailing comment
unit = "万元"
note = """
line one
unit = "not a key"
"""
target = 1900
history.2023-01 = 100

[fiscal-revenue.history]
2023-02 = 200

[[fiscal-revenue.claims]]
kind = "growth"

[[fiscal-revenue.claims]]
kind = "share"
of = [
  "a",
  "b",
]
value = 3

["quoted id"]
name = "q"
'''


def test_key_lines() -> None:
    lines = key_lines(TEXT)
    assert lines["section"] == 2
    assert lines["fiscal-revenue"] == 4
    assert lines["fiscal-revenue.name"] == 5
    assert lines["fiscal-revenue.unit"] == 6
    assert lines["fiscal-revenue.note"] == 7
    assert lines["fiscal-revenue.target"] == 11
    assert lines["fiscal-revenue.history.2023-01"] == 12
    assert lines["fiscal-revenue.history.2023-02"] == 15
    assert lines["fiscal-revenue.claims.0.kind"] == 18
    assert lines["fiscal-revenue.claims.1"] == 20
    assert lines["fiscal-revenue.claims.1.of"] == 22
    assert lines["fiscal-revenue.claims.1.value"] == 26
    assert lines["quoted id.name"] == 29


def test_key_lines_never_fails_on_garbage() -> None:
    assert isinstance(key_lines('[[[ = = "\n"""\n[a'), dict)
