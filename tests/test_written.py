"""Figures as reports write them: the parser (plancheck.written)."""

from decimal import Decimal

import pytest

from plancheck.written import FigureError, Qualifier, Reading, read_figure

D = Decimal


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "high"),
    [
        ("10%左右", "10", "%", Qualifier.APPROX, None),
        ("12万人左右", "12", "万人", Qualifier.APPROX, None),
        ("约12万人", "12", "万人", Qualifier.APPROX, None),
        ("300个以上", "300", "个", Qualifier.AT_LEAST, None),
        ("超过800人", "800", "人", Qualifier.AT_LEAST, None),
        ("260余万元", "260", "万元", Qualifier.AT_LEAST, None),
        ("300多个", "300", "个", Qualifier.AT_LEAST, None),
        ("超3亿元", "3", "亿元", Qualifier.AT_LEAST, None),
        ("不低于85%", "85", "%", Qualifier.AT_LEAST, None),
        ("控制在4.5%以内", "4.5", "%", Qualifier.AT_MOST, None),
        ("控制在2起以内", "2", "起", Qualifier.AT_MOST, None),
        ("不超过3%", "3", "%", Qualifier.AT_MOST, None),
        ("6%—6.5%", "6", "%", Qualifier.RANGE, "6.5"),
        ("6%~6.5%", "6", "%", Qualifier.RANGE, "6.5"),
        ("6%～6.5%", "6", "%", Qualifier.RANGE, "6.5"),
        ("6-6.5%", "6", "%", Qualifier.RANGE, "6.5"),
        ("5000至6000万元", "5000", "万元", Qualifier.RANGE, "6000"),
        ("增长10%左右", "10", "%", Qualifier.APPROX, None),
        ("下降12%", "-12", "%", Qualifier.EXACT, None),
        ("同比下降3%—5%", "-5", "%", Qualifier.RANGE, "-3"),
        ("-0.5%", "-0.5", "%", Qualifier.EXACT, None),
        ("−0.5%", "-0.5", "%", Qualifier.EXACT, None),
        ("1,924万元", "1924", "万元", Qualifier.EXACT, None),
        ("１９２４万元", "1924", "万元", Qualifier.EXACT, None),
        ("1.5倍", "1.5", "倍", Qualifier.EXACT, None),
        ("12.35", "12.35", "", Qualifier.EXACT, None),
    ],
)
def test_forms(text: str, value: str, unit: str, qualifier: Qualifier, high: str | None) -> None:
    w = read_figure(text)
    assert (w.value, w.unit, w.qualifier) == (D(value), unit, qualifier)
    assert w.high == (None if high is None else D(high))
    assert w.text == text  # the wording as written is always kept
    assert not w.estimate


def test_written_precision_is_kept() -> None:
    assert str(read_figure("4.00%").value) == "4.00"
    assert str(read_figure("12.35%左右").value) == "12.35"


def test_estimate() -> None:
    w = read_figure(" 预计增长10%左右 ")
    assert w.estimate and w.qualifier is Qualifier.APPROX and w.value == 10
    assert w.text == "预计增长10%左右"
    assert not w.plain and read_figure("10%").plain


@pytest.mark.parametrize(
    ("text", "factor", "growth"),
    [
        ("翻一番", "2", "100"),
        ("翻两番", "4", "300"),
        ("增长1.5倍", "2.5", "150"),
        ("增长2倍", "3", "200"),
    ],
)
def test_multiples(text: str, factor: str, growth: str) -> None:
    w = read_figure(text)
    assert (w.factor, w.value, w.unit) == (D(factor), D(growth), "%")


def test_times_reading_is_settable_and_recorded() -> None:
    assert read_figure("增长2倍").reading is Reading.PLUS_ONE
    w = read_figure("增长2倍", times=Reading.TIMES)
    assert (w.factor, w.value, w.reading) == (D(2), D(100), Reading.TIMES)
    assert read_figure("翻一番").reading is None


@pytest.mark.parametrize(
    "text",
    ["", "abc", "10%以上左右", "超过300个以内", "6%—5%", "6万元—7亿元", "下降翻一番", "12,5万元"],
)
def test_refused(text: str) -> None:
    with pytest.raises(FigureError):
        read_figure(text)
