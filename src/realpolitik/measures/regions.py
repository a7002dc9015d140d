"""Regions of the international system, extra-regional involvement and the relevant region of a dyad.

Bueno de Mesquita (*The War Trap*, 1981, pp. 94-98) counts as third parties to a dispute only the states involved
in the region where it would be fought. EUGene (Bennett & Stam 2000) codes regions 1 Europe, 2 Middle East,
3 Africa, 4 Asia, 5 Americas; a state's home region follows from its COW code; a few states are also involved in
other regions over stated years (`INVOLVEMENT`).
"""

from __future__ import annotations

import numpy as np

EUROPE, MIDDLE_EAST, AFRICA, ASIA, AMERICAS = 1, 2, 3, 4, 5
REGIONS = {EUROPE: "Europe", MIDDLE_EAST: "Middle East", AFRICA: "Africa", ASIA: "Asia", AMERICAS: "Americas"}
N_REGIONS = 5
_ALWAYS = (0, 9999)

# Extra-regional involvement: ccode -> ((region, first year, last year), ...). Entries from The War Trap as EUGene
# applies them (Bennett & Stam 2000), completed where the EUGene sample's relevant-region codes show involvement
# (Austria-Hungary, Greece and Germany in the Middle East; Russia outside Europe through 1900 and from 1945, not
# in 1901-1944). EUGene's table has
# further entries (Spain, Portugal, Netherlands, Belgium) whose years are not published; pass your own table to
# `involvement` to use them.
INVOLVEMENT: dict[int, tuple[tuple[int, int, int], ...]] = {
    2: ((EUROPE, 1898, 9999), (MIDDLE_EAST, 1898, 9999), (AFRICA, 1946, 9999), (ASIA, *_ALWAYS)),
    200: tuple((r, *_ALWAYS) for r in (MIDDLE_EAST, AFRICA, ASIA, AMERICAS)),
    220: tuple((r, *_ALWAYS) for r in (MIDDLE_EAST, AFRICA, ASIA, AMERICAS)),
    365: tuple((r, *years) for r in (MIDDLE_EAST, AFRICA, ASIA, AMERICAS) for years in ((0, 1900), (1945, 9999))),
    255: ((AFRICA, 0, 1945), (MIDDLE_EAST, 0, 1945)),
    300: ((MIDDLE_EAST, *_ALWAYS),),
    325: ((MIDDLE_EAST, 1860, 1943), (AFRICA, 0, 1943)),
    350: ((MIDDLE_EAST, *_ALWAYS),),
    640: ((EUROPE, *_ALWAYS),),
    710: ((EUROPE, 1950, 9999), (AFRICA, 1946, 9999)),
    740: ((EUROPE, 1895, 1945),),
}


def home_region(ccode: np.ndarray) -> np.ndarray:
    """Return each COW code's home region (1 Europe, 2 Middle East, 3 Africa, 4 Asia, 5 Americas), as int8.

    Codes below 200 are the Americas, 200-399 Europe, 400-599 Africa, 600-699 the Middle East, 700 and above Asia.
    """
    c = np.asarray(ccode)
    regions = np.select([c < 200, c < 400, c < 600, c < 700], [AMERICAS, EUROPE, AFRICA, MIDDLE_EAST], ASIA)
    return regions.astype(np.int8)


def involvement(ccode: np.ndarray, year: int,
                table: dict[int, tuple[tuple[int, int, int], ...]] | None = None) -> np.ndarray:
    """Return an (n, 5) boolean matrix: column g-1 says whether each state is involved in region g in `year`.

    A state is involved in its home region and in the regions its `table` entry (default `INVOLVEMENT`) lists
    for that year.
    """
    table = INVOLVEMENT if table is None else table
    codes = np.asarray(ccode)
    out = np.zeros((len(codes), N_REGIONS), dtype=bool)
    out[np.arange(len(codes)), home_region(codes) - 1] = True
    for row, code in enumerate(codes.tolist()):
        for region, first, last in table.get(int(code), ()):
            if first <= year <= last:
                out[row, region - 1] = True
    return out


def relevant_region(home: np.ndarray, involved: np.ndarray) -> np.ndarray:
    """Return the (n, n) relevant region of each directed dyad (A row, B column), as int8.

    Equal home regions give that region; otherwise B's home region if A is involved there; otherwise A's home
    region (The War Trap pp. 94-98, as EUGene codes it).
    """
    home = np.asarray(home)
    a_reaches_b = involved[:, home - 1]  # [A, B]: is A involved in B's home region
    return np.where(home[:, None] == home[None, :], home[:, None],
                    np.where(a_reaches_b, home[None, :], home[:, None])).astype(np.int8)
