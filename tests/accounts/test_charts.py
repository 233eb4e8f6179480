import re

from accounts import charts


def test_a_stacked_bar_chart_puts_each_label_above_its_bar_in_a_phone_wide_figure():
    # The review page's charts sit in a phone's single column: labels on their own line
    # keep their size (a side-by-side chart 520 wide shrinks them to about 7 px there).
    svg = charts.horizontal_bar_chart(
        [("សិទ្ធិការងារ", 4), ("Rights of persons with disabilities", 2)],
        title="By theme",
        stacked=True,
    )

    assert 'viewBox="0 0 360 ' in svg
    labels = [float(y) for y in re.findall(r'<text x="0\.0" y="([\d.]+)" font-size="12"', svg)]
    bars = [float(y) for y in re.findall(r'<rect x="0" y="([\d.]+)"', svg)]
    assert len(labels) == len(bars) == 2
    assert all(label < bar for label, bar in zip(labels, bars, strict=True))
    assert "សិទ្ធិការងារ" in svg and ">4<" in svg


def test_a_chart_escapes_its_labels():
    svg = charts.horizontal_bar_chart([("<script>", 1)], title="<b>", stacked=True)

    assert "<script>" not in svg and "&lt;script&gt;" in svg
