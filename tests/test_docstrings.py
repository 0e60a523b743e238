"""The examples in the docstrings of the public modules run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import coalitions

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(coalitions.__path__, "coalitions.")
    if name not in {"coalitions.__main__"}
)


class TestDocstrings:
    """Every module's doctests pass."""

    @pytest.mark.parametrize("name", MODULES)
    def test_module(self, name: str) -> None:
        """The examples of module ``name`` run as shown."""
        module = importlib.import_module(name)
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        assert 0 == result.failed
