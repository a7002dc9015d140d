"""Populations of the EU member states (thousands), for the population capability scheme and the Council's
population criteria.

Figures: total population (`tpop`, thousands) of the Correlates of War National Material Capabilities data,
v7.0 (Singer, Bremer & Stuckey 1972; Greig & Enterline, NMC v7.0, 2021/2024 update), at five-year steps. A date
takes the latest tabulated year not after it (1995 for earlier dates). The Council itself certifies slightly
different figures each year (Eurostat); the differences move power indices in the third decimal at most.
"""

from __future__ import annotations

import datetime as dt

YEARS = (1995, 2000, 2005, 2010, 2015, 2020)

POPULATION_THOUSANDS: dict[str, tuple[int, ...]] = {
    "at": (8047, 8211, 8239, 8402, 8679, 8921),
    "be": (10137, 10161, 10508, 10941, 11288, 11540),
    "bu": (8406, 8225, 7683, 7389, 7177, 6934),
    "cr": (4669, 4473, 4389, 4338, 4236, 3954),
    "cy": (733, 786, 1033, 1104, 1161, 1302),
    "cz": (10331, 10244, 10231, 10554, 10604, 10550),
    "dk": (5228, 5293, 5418, 5551, 5689, 5832),
    "ee": (1484, 1396, 1325, 1299, 1315, 1330),
    "fi": (5108, 5176, 5246, 5368, 5482, 5530),
    "fr": (58139, 59080, 61445, 63231, 64457, 65905),
    "de": (81661, 82220, 83836, 83017, 81708, 83629),
    "el": (10454, 10645, 11042, 11110, 11218, 10699),
    "hu": (10229, 10036, 10096, 10015, 9784, 9749),
    "ie": (3601, 3730, 4158, 4468, 4700, 4983),
    "it": (57301, 57298, 58672, 60509, 59504, 59913),
    "lv": (2516, 2357, 2228, 2091, 1993, 1901),
    "lt": (3715, 3670, 3287, 3068, 2932, 2796),
    "lu": (410, 431, 458, 508, 567, 631),
    "mt": (371, 389, 415, 425, 428, 518),
    "nl": (15459, 15786, 16302, 16615, 16938, 17637),
    "pl": (38588, 38765, 38206, 38199, 38265, 38171),
    "pt": (9916, 9875, 10511, 10590, 10418, 10371),
    "ro": (22681, 22327, 22113, 21861, 19877, 19392),
    "si": (1988, 1986, 2000, 2054, 2075, 2102),
    "sk": (5364, 5387, 5391, 5433, 5439, 5455),
    "es": (39210, 39630, 43387, 46182, 46398, 47679),
    "se": (8831, 8910, 9030, 9382, 9764, 10354),
    "uk": (58606, 58830, 60291, 62066, 65397, 67352),
}

SOURCE = "Correlates of War National Material Capabilities v7.0, total population (tpop), five-year steps"


def population_on(state: str, date: dt.date) -> int:
    """Return the state's population in thousands on `date` (latest tabulated year not after it)."""
    column = max((k for k, year in enumerate(YEARS) if year <= date.year), default=0)
    return POPULATION_THOUSANDS[state][column]
