"""Filters from API and CLI input (core/filters.py)."""

import pytest

from rapporteur.core.errors import ConfigError
from rapporteur.core.filters import Filters


@pytest.mark.parametrize("bad", [{"kinds": ["chapter"]}, {"colour": "red"}, {"years": ["twenty"]}])
def test_bad_filters_name_the_field(bad):
    with pytest.raises(ConfigError, match="filters"):
        Filters.from_dict(bad)
