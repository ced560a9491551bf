"""Tests that kill mutmut survivors in xueji.check (issue 8.2, docs/mutation.md)."""

from __future__ import annotations

from xueji import check


def test_the_repr_masks_personal_numbers_only() -> None:
    shown = repr(check(" 11010519491231002x"))
    assert "'110105********002X'" in shown
    assert "19491231" not in shown
    assert "'normalised'" in shown
    assert "'2111010001'" in repr(check("2111010001"))
    assert "value=None" in repr(check("110105194912310021"))
