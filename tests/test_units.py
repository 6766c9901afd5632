from decimal import Decimal

import pytest

from plancheck.units import KNOWN_UNITS, UnitError, convert, parse_quantity, unit_table


def u(sym: str):
    return KNOWN_UNITS[sym]


@pytest.mark.parametrize(
    ("value", "src", "dst", "expected"),
    [
        ("3956", "万元", "亿元", "0.3956"),
        ("1.2", "亿元", "万元", "12000"),
        ("0.5", "万亩", "亩", "5000"),
        ("1.5", "亿斤", "万斤", "15000"),
        ("2", "公里", "米", "2000"),
        ("1", "吨", "斤", "2000"),
        ("12000", "元", "万元", "1.2"),
    ],
)
def test_convert_exact(value: str, src: str, dst: str, expected: str) -> None:
    assert convert(Decimal(value), u(src), u(dst)) == Decimal(expected)


@pytest.mark.parametrize(("src", "dst"), [("亩", "户"), ("万元", "人"), ("户", "家"), ("%", "人")])
def test_convert_refuses_other_dimensions(src: str, dst: str) -> None:
    with pytest.raises(UnitError):
        convert(Decimal(1), u(src), u(dst))


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("3956万元", "3956", "万元"),
        ("0.4 亿元", "0.4", "亿元"),
        ("85.1%", "85.1", "%"),
        ("1,924", "1924", ""),
        ("-3", "-3", ""),
    ],
)
def test_parse_quantity(text: str, number: str, unit: str) -> None:
    assert parse_quantity(text) == (Decimal(number), unit)


@pytest.mark.parametrize("text", ["", "万元", "abc", "1.2.3万元", "1e5", "12,5", "1,2,3", "1,23"])
def test_parse_quantity_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        _value, unit = parse_quantity(text)
        # "1e5" splits into 1 and "e5": an unknown unit is not a quantity of ours
        if unit and unit not in KNOWN_UNITS:
            raise ValueError(unit)


def test_extra_units_are_their_own_dimension() -> None:
    table = unit_table(("箱",))
    assert table["箱"].dimension == "count:箱"
    with pytest.raises(UnitError):
        convert(Decimal(1), table["箱"], table["个"])


@pytest.mark.parametrize(
    ("value", "text"),
    [("1900", "1900"), ("5.460", "5.46"), ("0.3956", "0.3956"), ("1E+3", "1000"),
     ("-0.0", "0"), ("0E-7", "0"), ("98765432109876543210.012345678901",) * 2],
)  # fmt: skip
def test_exact_text_is_what_the_files_are_written_with(value: str, text: str) -> None:
    from plancheck.render.numbers import plain
    from plancheck.units import exact_text
    from plancheck.write.block import toml_number

    assert (
        exact_text(Decimal(value)) == text == toml_number(Decimal(value)) == plain(Decimal(value))
    )


def test_the_file_writer_imports_no_renderer() -> None:
    import subprocess
    import sys

    code = (
        "import sys, decimal, plancheck.write.edit, plancheck.write.append\n"
        "plancheck.write.edit.toml_number(decimal.Decimal('1.50'))\n"
        "print(sorted(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "plancheck.render" not in out.stdout
