"""Classic expected-utility measures of conflict, as plain functions over NumPy arrays (one system-year at a time).

- `regions`: home regions, extra-regional involvement and the relevant region of a dyad (Bueno de Mesquita 1981).
- `similarity`: alliance-portfolio similarity, Kendall's tau-b and Signorino-Ritter S (global and regional).
- `gradient`: great-circle distance and the loss-of-strength gradient (distance-discounted capability).
- `wartrap`: the War Trap expected utility per directed dyad (risk-neutral, as EUGene stores it).
- `risk`: security levels and risk attitudes from a search over hypothetical alliance portfolios.
- `war_and_reason`: War and Reason utilities, probability of success with third parties, the 16 outcome utilities.
- `iig`: the International Interaction Game's predicted equilibrium under complete information.
- `system`: every measure for one system (a year of states, or a scenario's actors) in one call.

The formulas follow Bennett & Stam's EUGene as described in docs/expected-utility.md.
"""
