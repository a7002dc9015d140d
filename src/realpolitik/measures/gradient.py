"""Distance and the loss-of-strength gradient (Bueno de Mesquita, *The War Trap*, 1981, p. 105).

A state's capability shrinks with the distance over which it must be projected:

    C'_ij = C_i ** log10(d_ij / m(t) + (10 - e))

with d_ij in miles (0 for states contiguous by land), m(t) the miles a military moves in a day (250 before 1918,
375 in 1918-1945, 500 after 1945) and e Euler's number. At d = 0 the exponent is log10(7.28172) = 0.862234, so a
capability share (< 1) fighting at home counts above its raw value.
"""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_MILES = 3958.7613  # mean Earth radius (IUGG), 6371.0088 km
KM_PER_MILE = 1.609344


def miles_per_day(year: int | np.ndarray) -> np.ndarray:
    """Return the miles per day a military can move in `year`: 250 before 1918, 375 to 1945, 500 after."""
    y = np.asarray(year)
    return np.where(y < 1918, 250.0, np.where(y <= 1945, 375.0, 500.0))


def discount_exponent(miles: np.ndarray, year: int | np.ndarray) -> np.ndarray:
    """Return the loss-of-strength exponent log10(miles / m(year) + 10 - e) (0.862234 at 0 miles)."""
    return np.log10(np.asarray(miles, dtype=float) / miles_per_day(year) + (10.0 - np.e))


def discounted_capability(capability: np.ndarray, miles: np.ndarray, year: int | np.ndarray) -> np.ndarray:
    """Return C ** exponent(miles, year): capability (a share, 0-1) projected over `miles` in `year`.

    Broadcasts: pass capability[:, None] and an (n, n) distance matrix for C'_ij of every state i at every j.
    Missing capability (NaN) stays missing.
    """
    return np.power(np.asarray(capability, dtype=float), discount_exponent(miles, year))


def great_circle_miles(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Return the great-circle (haversine) distance in miles between points given in decimal degrees."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat, dlon = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def distance_matrix(lat: np.ndarray, lon: np.ndarray, contiguous: np.ndarray | None = None) -> np.ndarray:
    """Return the (n, n) capital-to-capital distance in miles, 0 on the diagonal and where `contiguous` is true."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    miles = great_circle_miles(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    np.fill_diagonal(miles, 0.0)
    if contiguous is not None:
        miles = np.where(contiguous, 0.0, miles)
    return miles
