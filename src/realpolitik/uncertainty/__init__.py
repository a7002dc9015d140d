"""How sure, and what if: Monte Carlo over uncertain inputs, sensitivity analysis, what-if edits.

Modules: `draws` (the uncertain inputs of a scenario and their draws), `sweep` (many runs of one model, in
batches, each run on its own random stream; `realpolitik.executors` runs them serially, on processes or Ray),
`montecarlo`
(outcome distributions and event probabilities with their Monte Carlo standard errors), `events` (user-named
events such as ``karabakh>=60``), `sensitivity` (one-at-a-time tornado and Sobol indices via SALib), `whatif`
(scenario edits as data). The Rich tables and the CLI commands live in `realpolitik.cli` (`render_uncertainty`,
`uncertainty`); `realpolitik.monte_carlo` is the entry point that runs several models.
Import from the modules; this package imports nothing so that the scenario model can use its siblings freely.
"""
