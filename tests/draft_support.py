"""A short commentary written for the tests of the draft commands, the review decisions made on it and the outcome
they imply, worked out by hand."""

from __future__ import annotations

TEXT = ("Russia keeps 3,300 troops in Armenia. Turkey supplies drones to Azerbaijan. "
        "Iran opposes a war near its border.\n")
AS_OF = "2020-09-27"
# What the text names and asserts (read off the text, offsets by str.find):
ACTORS = ["russia", "armenia", "turkey", "azerbaijan", "iran"]
RELATION = "relation:arms_supplier:turkey:azerbaijan"
BASING = "relation:basing:russia:armenia"  # "Russia keeps 3,300 troops in Armenia" (drafted since issue 17's round 2)
RELATION_QUOTE = "Turkey supplies drones to Azerbaijan"
QUANTITY_QUOTE = "3,300 troops"
ITEMS = [*ACTORS, BASING, RELATION, "q1", "c1"]

# The review: capabilities and positions on one issue "war" (0 = no war, 100 = war), salience in [0, 1].
CAPABILITY = {"russia": 3.0, "armenia": 1.0, "turkey": 2.0, "azerbaijan": 2.0}
POSITION = {"russia": (20.0, 1.0), "armenia": (0.0, 1.0), "turkey": (100.0, 0.5), "azerbaijan": (100.0, 1.0)}
# Compromise = sum(c·s·x) / sum(c·s):
#   russia 3·1·20 = 60, armenia 1·1·0 = 0, turkey 2·0.5·100 = 100, azerbaijan 2·1·100 = 200  -> 360
#   weights 3 + 1 + 1 + 2 = 7                                                                 -> 360 / 7
COMPROMISE = 360 / 7
ISSUE = ("war", "War over Karabakh", "no war", "war")
