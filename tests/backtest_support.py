"""A small DEU-like backtest table shared by the tests of the backtest command line and of the model specs."""

from __future__ import annotations

# Two actors (a: capability 1, b: 2); issues p and q belong to one proposal (g1), r is a proposal of its own.
# Outcomes 30, 70, 60. The results worked out by hand on it are beside the tests that check them
# (tests/test_exchange_cli.py).
LINKED_TABLE = """issue,group,actor,capability,position,salience,outcome
p,g1,a,1,20,0.6,30
p,g1,b,2,80,0.2,30
q,g1,a,1,10,0.3,70
q,g1,b,2,70,0.8,70
r,g2,a,1,0,0.5,60
r,g2,b,2,90,0.5,60
"""
