"""Cue lexicons of the relation extractor: per relation kind, the phrases that assert a tie, with the relation's
direction and how its arguments are found (see `relations.py`), and the words that block a cue (negation, modal,
conditional, denial frames)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    """A cue phrase for one relation kind."""

    kind: str
    pattern: re.Pattern[str]
    directed: bool
    orientation: str = "forward"  # forward | reverse | relations | emotive | orbit | from | between | under | maker
    nominal: bool = False  # a noun phrase (presupposed), not a verb (asserted)


def _c(kind: str, pattern: str, directed: bool = True, orientation: str = "forward", nominal: bool = False) -> Cue:
    return Cue(kind, re.compile(pattern, re.IGNORECASE), directed, orientation, nominal)


# what a state buys or is supplied with as trade, not as arms: "supplies a quarter of Italy's oil" is dependency
COMMODITY = (r"(?:oil|gas|energy|electricity|power|fuel|coal|uranium|grain|wheat|food|fertili[sz]ers?|water|"
             r"(?<!arms\s)(?<!weapons\s)imports|(?<!arms\s)(?<!weapons\s)exports)")
# weapons and military aid; a model designator ("MiG-29s", "Su-30MK2", "F-16s", "S-300") names a weapon too
# The verbs of buying, shared by the arms and the commodity purchase cues
BUYING = r"buy(?:s|ing)?|bought|purchas\w+|import(?:s|ed|ing)?"
GEAR = (r"(?:arms|weapons|jets|fighters|aircraft|tanks|drones|missiles|submarines|warships|equipment|hardware|"
        r"vessels|boats|ships|bombs|munitions|ammunition|shells|rockets|artillery|howitzers|launchers|"
        r"(?:military|lethal|security)\s+(?:aid|assistance)|spare\s+parts|"
        r"(?-i:[A-Z][A-Za-z]{0,4}-\d+[A-Za-z0-9]*)(?:s\b|\b))")
FAITH = (r"(?:faith|religion|Christianity|Orthodoxy|Islam|Catholicism|Judaism|Buddhism|Hinduism|Shiism|"
         r"Shia\s+Islam|Sunni\s+Islam|creed|church)")
# "under a UN embargo", "under fresh American sanctions": the frame's opening, up to its noun
UNDER = r"\bunder\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?"
_AS_PROTECTOR = (r"[^.;]{1,40}?\bas\s+(?:its|their|his|her|an?|the)\s+(?:\w+\s+)?(?:protector|patron|guarantor|"
                 r"defender|champion|ally|backer|sponsor|saviour|savior)s?\b")
AIRCRAFT = (r"(?:aircraft|jets|planes|bombers|fighters|warplanes|drones|helicopters|gunships|squadrons?|tankers|"
            r"Rafales?|Mirages?|Tornados?|F-\d+s?)")
CUES: tuple[Cue, ...] = (
    _c("arms_supplier", r"(?<!stopped\s)(?<!halted\s)(?<!ceased\s)(?<!suspended\s)(?<!ended\s)(?<!stop\s)"
                        r"(?<!-)\bsuppl(?:y|ies|ied|ying)\b(?!\s+(?:chains?|lines?|routes?|points?|depots?|hubs?|"
                        r"bases?|ships?|vessels?|convoys?|corridors?|networks?))"
                        rf"(?![^.;]{{0,50}}\b{COMMODITY}\b)"),
    _c("arms_supplier", rf"\b(?:rush\w*|ferr(?:y|ies|ied|ying)|fl(?:y|ies|ew|own|ying)|airlift\w*|sen(?:d|ds|t|ding)|"
                        rf"funnel\w*|smuggl\w*|pour\w*|channel\w*)\s+(?:[\w-]+\s+){{0,3}}?{GEAR}\s+(?:\w+\s+)?"
                        r"(?:to|into)\b"),
    _c("arms_supplier", rf"\b{GEAR}\s+(?:\w+\s+)?(?:comes?|came|arriv\w+|flows?|flowed)\s+(?:\w+\s+)?from\b",
       orientation="from", nominal=True),
    _c("arms_supplier", r"\b(?:main|chief|largest|biggest|top|key)?\s*(?:arms|weapons)\s+(?:supplier|seller|"
                        r"exporter)s?\b", nominal=True),
    _c("arms_supplier", rf"\b(?:sells?|sold|selling|delivers?|delivered|ships?|shipped|giv(?:es|ing|en)|gave|"
                        rf"donat\w+|provid\w+|fl(?:ew|own)\s+in|airlift(?:s|ed|ing)?|"
                        rf"pa(?:ys?|id|ying)\s+for)\b[^.;]{{0,60}}?\b{GEAR}\b"),
    # "has also sent weapons" (not "sent 100,000 troops and 900 tanks": its own forces)
    _c("arms_supplier", r"\bsen(?:ds?|t|ding)\s+(?:(?:more|some|new|further|its|their|also|modern|light|heavy)\s+)?"
                        r"(?:arms|weapons|ammunition|munitions|(?:military|lethal)\s+aid)\b"),
    # "Kyiv's stock of Javelins has been topped up by Estonia": the agent of a passive resupply supplies the owner
    _c("arms_supplier", r"\b(?:topped\s+up|replenished|restocked|resupplied|re-?armed)\b(?=\s+(?:\w+\s+){0,2}?by\b)"),
    # "its S-300 batteries were bought from Russia": the seller supplies the owner
    _c("arms_supplier", rf"\b{GEAR}\s+(?:[^.;]{{0,60}}?\s)?(?:were|was|are|is|have\s+been|has\s+been|had\s+been)\s+"
                        r"(?:\w+ly\s+)?(?:bought|purchased|acquired|imported|ordered|obtained)\s+from\b",
       orientation="from", nominal=True),
    _c("arms_supplier", rf"\b(?:deliveries|shipments|sales|transfers|exports)\s+of\s+(?:[\w-]+\s+){{0,3}}?{GEAR}\s+"
                        r"to\b", nominal=True),
    _c("arms_supplier", rf"\b(?:{BUYING}|acquir\w+|gets?|got|obtain\w*|"
                        rf"sources?|receiv\w+|order(?:s|ed|ing)?|accept\w*|tak(?:es|en|ing)\s+deliver\w+\s+of|"
                        rf"took\s+deliver\w+\s+of)\b[^.;]{{0,60}}?\b(?:{GEAR}|air\s+force|navy|fleet)\b"
                        r"[^.;]{0,40}?\bfrom\b",
       orientation="reverse"),
    # "has bought Russian weapons", "is equipped largely with American tanks", "flies French-made jets": the
    # maker named as an adjective supplies the subject
    _c("arms_supplier", rf"\b(?:{BUYING}|acquir\w+|receiv\w+|order(?:s|ed)?|"
                        rf"fl(?:y|ies|ew|own)|fields?|fielded|equipped\s+(?:\w+\s+)?with|re-?equipped\s+with)\b"
                        rf"(?=\s+(?:[\w'’$£€¥.,-]+\s+){{0,5}}?(?-i:[A-Z])[\w-]+(?:-made|-built|-designed|-supplied)?\s+"
                        rf"(?:[\w-]+\s+){{0,2}}?{GEAR}\b)(?![^.;]{{0,60}}\bfrom\b)", orientation="maker"),
    _c("arms_supplier", r"(?<!with\s)(?<!of\s)(?<!its\s)(?<!the\s)(?<!and\s)(?<!their\s)(?<!no\s)"
                        r"\b(?:arms|armed|arming|(?<=\sand\s)arm|arm(?=\s+and\s+(?:financ|fund|train|pay)))\b"
                        r"(?!\s+(?:race|control|sales|deliveries|transfers|exports|"
                        r"shipments|supplier|seller|exporter|embargo|trade|industry|deal|from)\b)(?=,?\s+(?:[\w,]+\s+){0,3}?by\b|"
                        r"\s+(?:them|him)\b|"
                        r"\s+(?:the\s+)?(?-i:[A-Z])|(?:,|\s+and)\s+(?:financ|fund|train|pay|pays|paid)\w*\b)"),
    _c("arms_supplier", r"\b(?:arms|weapons)\s+(?:sales|deliveries|transfers|exports|shipments)\s+to\b",
       nominal=True),
    _c("basing", r"\b(?:military\s+|air\s+|naval\s+)?bases?\s+(?:in|at)\b", nominal=True),
    _c("basing", r"\b(?:based|stationed|garrisoned|deployed)\s+in\b", nominal=True),
    _c("basing", r"\bmilitary\s+(?:forces|presence|bases?|facilit(?:y|ies))\s+in\b", nominal=True),
    _c("basing", r"\b(?:operat(?:e|es|ed|ing)|deployed|fighting)\s+in\b", nominal=True),
    _c("basing", r"\b(?:sent|sends|send|deploy(?:s|ed)?|dispatch(?:es|ed)?)\s+(?:\S+\s+){0,3}?(?:troops|soldiers|"
                 r"forces|peacekeepers|contingents?|personnel|men|units|battalions|brigades|marines|paratroopers|"
                 r"monitors|observers|advis[eo]rs|instructors|trainers)\s+(?:\w+\s+)?(?:to|into)\b", nominal=True),
    _c("basing", r"\b(?:lets|let|allows?|allowed|permits?|permitted)\b(?=\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}\s+"
                 r"(?:use|work|operate|fly|stage|shelter|land|refuel|base|station|dock|berth|train)\b)",
       orientation="reverse", nominal=True),
    _c("basing", r"\brotat\w+\s+through\b", nominal=True),
    # "NATO aircraft, flying from Aviano in Italy", "jets operating from N'Djamena": the air force's state is based
    _c("basing", rf"\b{AIRCRAFT}\b[^.;]{{0,40}}?\b(?:fl(?:y|ies|ew|own|ying)|operat(?:e|es|ed|ing)|"
                 rf"tak(?:e|es|ing)\s+off|took\s+off|stag(?:e|es|ed|ing))\s+(?:out\s+)?from\b", nominal=True),
    _c("basing", r"\b(?:lent|lends?|lending|lease[sd]?|leasing|offer(?:s|ed|ing)?|grant(?:s|ed|ing)?|gave|"
                 r"giv(?:es|en|ing)|open(?:s|ed|ing)?)\b(?=[^.;]{0,40}\b(?:(?:air|naval|military)\s+)?(?:bases?|airfields?|airstrips?|"
                 r"ports|facilities)\b)", orientation="reverse", nominal=True),  # opened airspace: transit, no basing
    _c("basing", r"\b(?:troops|soldiers|forces|advis[eo]rs|instructors|trainers|personnel|garrisons?)\s+(?:still\s+)?"
                 r"(?:remain|remained|stay|stayed|are\s+stationed|were\s+stationed)\s+in\b", nominal=True),
    # "their troops are in eastern Congo", "Ugandan soldiers are now inside Congo"
    _c("basing", r"\b(?:troops|soldiers|forces|units|garrisons?)\s+(?:are|were|remain)\s+"
                 r"(?:still\s+|now\s+|already\s+)?(?:in|inside|deep\s+in)\b", nominal=True),
    _c("basing", r"\b(?:has|have|had|keeps?|kept|maintains?|maintained|stations?)\s+(?:\S+\s+){0,3}?(?:troops|"
                 r"soldiers|forces|garrisons?|peacekeepers|contingents?|personnel|fighters|militiamen|mercenaries|"
                 r"monitors|observers)\s+"
                 r"(?:\w+\s+)?(?:in|on)\b",
       nominal=True),
    _c("basing", r"\bhost(?:s|ed|ing)?\b(?=[^.;]{0,40}\b(?:troops|forces|bases?|soldiers|military|personnel|fleet|"
                 r"garrison|airbase|naval|missiles|warheads|bombers|jets|aircraft|drones|warships))",
       orientation="reverse", nominal=True),
    _c("alliance", r"(?<!former\s)(?<!erstwhile\s)(?<!one-time\s)"
                   r"\b(?:allies|ally|allied\s+with|alliance\s+with|"
                   r"all-weather\s+friend|strategic\s+partner(?:s|ship)?"
                   r"|close\s+friend|closest\s+friend|protector|patron)\b", directed=False, nominal=True),
    _c("alliance", r"\bbound\s+to\b(?=[^.;]{0,60}\b(?:treaty|pact|alliance)\b)"
                   r"(?![^.;]{0,60}\b(?:defen[cs]e|mutual[\s-]assistance)\s+(?:pact|treaty))",
       directed=False),
    _c("alliance", r"\bsen(?:d|ds|t|ding)\s+(?:\S+\s+){0,3}?(?:troops|soldiers|forces|warships|jets)\s+to\s+"
                   r"(?:help\s+)?(?:defend|protect|shield|shore\s+up)\b"),
    _c("alliance", r"\brecogni[sz](?:e|es|ed|ing)\b(?=[^.;]{0,80}?\b(?:legitimate|sovereignty)\b)"),
    # recognising a rival leader, a council or a claim is backing it (the annotators' Venezuela, Niger, Libya calls)
    # (not a place's status: "recognised Karabakh as Azerbaijani", "recognise Crimea as part of Russia")
    _c("alliance", r"\brecogni[sz](?:e|es|ed|ing)\b(?![^.;]{0,80}?\b(?:legitimate|sovereignty)\b)"
                   r"(?![^.;]{0,40}?\bas\s+(?:part\s+of\s+|belonging\s+to\s+)?(?:the\s+)?(?-i:[A-Z])[\w-]*\b(?!['’]))"
                   r"(?=\s+(?:only\s+|formally\s+)?(?:him|her|the\s+(?:elected|exiled|interim|rival|opposition|"
                   r"self-declared)\b|(?:the\s+)?(?-i:[A-Z])))"),
    # "the 1995 security agreement between the two countries": an agreement, not a defence pact (the blind3 call)
    _c("alliance", r"\bsecurity\s+(?:co-?operation\s+)?agreements?\b", directed=False, nominal=True),
    _c("alliance", r"\bcounts?\b(?=[^.;]{0,60}\bamong\s+(?:its|their)\s+(?:members|allies)\b)",
       orientation="reverse"),
    _c("alliance", r"\b(?:supports?|supporting|supported|backs|backed|backing|favou?rs?|favou?red|favou?ring|"
                   r"sid(?:es?|ed|ing)\s+(?:\w+ly\s+)?with|stands?\s+(?:by|with)|(?:protects?|defends?)(?=\s+(?:the\s+)?(?-i:[A-Z]))|"
                   r"guarantee\w*\s+(?:\w+\s+){0,2}security)\b"),
    _c("alliance", r"\bback\b(?=\s+(?:the\s+)?(?-i:[A-Z]))|(?<!trading\s)(?<!trade\s)(?<!business\s)(?<!commercial\s)"
                   r"(?<!former\s)(?<!erstwhile\s)(?<!one-time\s)(?<!economic\s)(?<!energy\s)"
                   r"\bpartners?(?:hips?)?\b(?!\s+(?:in\s+crime|(?:in|on|for)\s+(?:trade|commerce|business|energy|"
                   r"investment|technology)))|"
                   r"\b(?:declar\w+|express\w+|pledg\w+)\s+(?:\w+\s+){0,3}?(?:support\s+)?for\b|"
                   r"\bthr(?:own|ew|ows?)\s+(?:\S+\s+){0,5}?behind\b|\brall(?:y|ies|ied)\s+(?:to|behind)\b|"
                   r"\bjoin(?:s|ed|ing)?\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:coalition|alliance|bloc|camp|"
                   r"campaign)\b)"),
    _c("alliance", r"\b(?:collud\w+|conspir\w+|cooperat\w+|coordinat\w+)\s+with\b", directed=False),
    _c("alliance", r"\bfight(?:s|ing)?\s+(?:alongside|together\s+with|side\s+by\s+side\s+with)\b|"
                   r"\bfought\s+(?:alongside|together\s+with)\b", directed=False),
    # "has found a new friend in Addis Ababa": the friend is named after "in"
    _c("alliance", r"\b(?:f(?:ound|inds?|inding)|ha(?:s|ve|d)|gain(?:s|ed)?|w[io]n|sees?|saw)\s+(?:a|an)\s+"
                   r"(?:new\s+|firm\s+|reliable\s+|staunch\s+|useful\s+|willing\s+|powerful\s+|loyal\s+|natural\s+)?(?:friend|ally|"
                   r"partner|patron|protector|backer|champion)\s+in\b", orientation="from", nominal=True),
    # "look to Kigali as their protector": the protector is the source
    _c("alliance", rf"\b(?:turn(?:s|ed|ing)?|look(?:s|ed|ing)?)\s+to\b{_AS_PROTECTOR}", orientation="reverse"),
    _c("alliance", rf"\b(?:turn(?:s|ed|ing)?|look(?:s|ed|ing)?)\s+to\b(?!\s+(?:be|do|the\s+(?:issue|question)))"
                   rf"(?!{_AS_PROTECTOR})"),
    _c("defence_pact", r"\b(?:defen[cs]e\s+(?:pact|treaty|agreement)|mutual[\s-]defen[cs]e|mutual\s+assistance|"
                       r"security\s+(?:pact|treaty)|collective\s+defen[cs]e|military\s+pact|"
                       r"treaty\s+of\s+alliance)\b", directed=False, nominal=True),
    # a friendship treaty binds without a defence clause: an alliance
    _c("alliance", r"\b(?:(?:treaty|pact)\s+of\s+friendship|friendship\s+(?:treaty|pact))\b", directed=False,
       nominal=True),
    _c("ethnic_tie", r"\bethnic(?:\s+\w+)?\s+(?:ties|tie|bonds?|kin(?:ship)?|links?|affinity|brethren)\b|\bkinsmen\b|"
                     r"\bone\s+nation,?\s+two\s+states\b", directed=False, nominal=True),
    _c("ethnic_tie", r"\b(?:has|had|with)\s+an?\s+(?:\w+\s+)?(?=(?-i:[A-Z]))\w+\s+(?:father|mother|parents?|"
                     r"grandfather|"
                     r"grandmother|roots|ancestry|heritage|origins?|blood)\b", directed=False, nominal=True),
    # "whose voters share the Hausa language and family ties with Niger's south"
    _c("ethnic_tie", r"\bshar(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,3}?(?:language|languages|tongue|ethnicity|ancestry|"
                     r"kinship|blood|family\s+ties|clan\s+ties|tribal\s+ties|ethnic\s+ties)\s+(?:[\w-]+\s+){0,5}?with\b",
       directed=False),
    _c("ethnic_tie", r"\b(?:Slav|Slavic|pan-Slav\w*|Turkic|pan-Turkic|pan-Arab)\s+(?:solidarity|brotherhood|kinship|"
                     r"ties|bonds?)\b", directed=False, nominal=True),
    _c("religious_tie", r"\b(?:shared|common)\s+(?:\w+\s+)?(?:faith|religion)\b", directed=False, nominal=True),
    # "shares Orthodox Christianity with Serbia", "who share language and Orthodox faith with the Greeks"
    _c("religious_tie", rf"\bshar(?:e|es|ed|ing)\s+(?:[\w-]+\s+){{0,4}}?{FAITH}\s+(?:[\w-]+\s+){{0,4}}?with\b",
       directed=False),
    _c("religious_tie", r"\b(?:(?:orthodox|christian|muslim|islamic|catholic|shia|shiite|sunni|jewish|buddhist|"
                        r"hindu|religious|confessional)\s+){1,2}(?:solidarity|ties?|bonds?|kinship|brotherhood|"
                        r"affinity|links?)\b|\bco-?religionists?\b", directed=False, nominal=True),
    _c("hostility", r"\b(?:hit(?:s|ting)?(?=\s+(?:back\s+at\s+)?(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:targets|positions|"
                    r"bases|"
                    r"sites|ships|vessels|convoys|camps|depots|dumps|radars|launchers|facilities|forces|troops|fighters)"
                    r"\b|\s+(?:the\s+)?(?-i:[A-Z]))|fought\s+(?=(?:the\s+)?(?-i:[A-Z]))|fought\s+against|fought\b(?=\s+(?:over\b|a\s+(?:\w+\s+)?war|for\s+(?:\w+\s+)?"
                    r"(?:years|months|weeks|decades))|\s*[.,;])|"
                    r"(?:raids?|strikes|attacks)\s+(?:on|against)|"
                    r"threaten(?:s|ed|ing)?|rout(?:s|ed|ing)?|defeat(?:s|ed|ing)?|striking|struck|bomb(?:ed|ing)|shell(?:s|ed|ing)|"
                    r"quarrel\w*|(?:row|dispute|standoff|conflict)\s+with|fighting\s+(?=(?:the\s+)?(?-i:[A-Z]))|"
                    r"(?:been|is|are|was|were)\s+fighting\b(?=\s+(?:for|since)\s+(?:\w+\s+)?(?:years|months|weeks|"
                    r"decades|\d{4})\b)|chas(?:e|es|ed|ing)\b(?!\s+(?:after|up|down\s+(?:leads|reports)))|"
                    r"hunt(?:s|ed|ing)?\s+down|"
                    r"(?:campaign|offensive|air\s+strikes|strikes|bombing|operations?|insurgency|crusade)\s+against|"
                    r"at\s+war(?!\s+in\s+(?!all\s+but\b)))\b", directed=False),
    # driving another out of power or territory: "drove out Pol Pot's Khmer Rouge", "were pushed out of Mali by",
    # "whose government he overthrew"
    _c("hostility", r"\b(?:(?:dr(?:ove|ive|ives|iven|iving)|push(?:ed|es|ing)?|forc(?:ed|es|ing)|chas(?:ed|es|ing)|"
                    r"kick(?:ed|s|ing)?|threw|thrown|throw(?:s|ing)?)\s+out(?:\s+of)?|oust(?:s|ed|ing)?|"
                    r"overthr(?:ew|own|ow|ows|owing)|toppl(?:e|ed|es|ing))\b", directed=False),
    _c("hostility", r"\b(?:distrust\w*|mistrust\w*|suspicious\s+of|(?:end(?:s|ed|ing)?|broke|broken|break(?:s|ing)?|"
                    r"abandon\w*|violat\w+|tore\s+up|scrap\w*)\s+(?:[\w-]+\s+){0,3}?(?:ceasefire|truce|armistice)\s+"
                    r"with)\b", directed=False),
    # "Greece and Turkey are closer to war than at any time since 1922", "on the brink of war with"
    _c("hostility", r"\b(?:(?:brink|verge|edge|threshold)\s+of|clos(?:e|er)\s+to|nearly\s+went\s+to|went\s+to)\s+"
                    r"(?:a\s+)?(?:full-scale\s+|open\s+)?war\b", directed=False),
    _c("hostility", r"\b(?:front\s*lines?|war|fighting|clashes|hostilities|conflict)\s+between\b", directed=False,
       orientation="between", nominal=True),
    _c("hostility", r"\b(?:hostil\w*(?!\s+to\s+any\b)|enem(?:y|ies)|arch-?rivals?|rivals?|rivalry|feuds?|"
                    r"at\s+war\s+with|"
                    r"wars?\s+(?:with|against|on)|attack(?:s|ed|ing)?(?!\s+(?:aircraft|planes|jets|helicopters|submarines|"
                    r"drones|boats|craft|squadrons?))|hat(?:e|es|ed|ing)|at\s+daggers\s+drawn|"
                    r"launch(?:es|ed|ing)?\b(?=[^.;]{0,80}\bagainst\b)|invad\w+|invasion\s+of|clash\w*\s+with|"
                    r"fight(?:s|ing)?\s+(?:with|against)|tough\s+(?:with|on)|confront\w*|threat\s+to|"
                    r"absorb\w*|annex\w*|seiz\w+|conquer\w*|occup(?:y|ies|ied|ying|ation\s+of)|blockad\w+)\b",
       directed=False),
    _c("hostility", r"\brelations?(?:hips?)?\s+(?:with|between)\b", directed=False, orientation="relations",
       nominal=True),
    _c("hostility", r"\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:furious|angry|outraged|incensed|livid)\b",
       directed=False, orientation="emotive"),
    # expelling an envoy or a state is a measure; expelling people or advisers is not (the annotators' calls)
    _c("sanctions", r"\b(?:sanction(?:s|ed|ing)?|embargo\w*|kick\w*\s+(?:\S+\s+){0,3}(?:off|out)|"
                    r"expel\w*(?=\s+(?:(?:the|its|their|all|some|several|two|three|four|five|six|\d+)\s+)*"
                    r"(?:[\w-]+\s+)?(?:ambassadors?|envoys?|diplomats?|consuls?|attach[eé]s?|embassy|chargés?)\b|"
                    r"\s+(?:the\s+)?(?-i:[A-Z]))|"
                    r"suspend\w*\s+(?:\S+\s+){0,4}(?:aid|assistance|arms|sales|membership|cooperation|loans?|"
                    r"exports|imports|deliveries|payments|support|shipments|credits?|funding|lending|missions?|"
                    r"disbursements?)|"
                    r"cuts?\s+off|(?:freez\w+|froze|frozen)\s+(?:\S+\s+){0,6}?(?:assets|reserves|accounts|holdings)|"
                    r"(?:tariffs|duties|levies|quotas)\s+on|blacklist\w*|"
                    r"ban(?:s|ned|ning)?\s+(?:\w+\s+)?(?:imports|exports|sales|deliveries|transfers|shipments)|"
                    r"(?:visa|travel)\s+bans?|asset\s+freezes?|"
                    r"(?:stop(?:s|ped|ping)?|halt(?:s|ed|ing)?|ceas(?:e|es|ed|ing)|suspend\w*|end(?:s|ed|ing)?)\s+"
                    r"(?:(?:the|all|its|their|further|new)\s+)?(?:\w+\s+)?(?:suppl\w+|sell\w*|sales|deliver\w*|"
                    r"ship(?:s|ping)?|shipments|export\w*)|"
                    r"(?:shut|shuts|shutting|closed|close(?!\s+to\b)|closes|closing)\s+(?:down\s+|off\s+)?(?:\S+\s+){0,6}?"
                    r"(?:pipelines?|borders?|ports?|airspace|links|routes?|crossings?|markets?))\b"),
    # "broke off relations with Asmara", "severed diplomatic ties with Taipei": a hostility (the annotators' calls,
    # dev4 and blind3); a trade or economic tie cut is a measure
    _c("hostility", r"\b(?:cut|cuts|cutting|sever(?:s|ed|ing)?|broke\s+off|break(?:s|ing)?\s+off|downgrad\w+|"
                    r"suspend\w*|froze|freez\w+)\s+(?:\w+\s+)?(?:diplomatic\s+)?"
                    r"(?:relations|ties|links)\s+with\b", directed=False),
    _c("sanctions", r"\b(?:cut|cuts|cutting|sever(?:s|ed|ing)?|broke\s+off|break(?:s|ing)?\s+off|downgrad\w+|"
                    r"suspend\w*|froze|freez\w+)\s+(?:\w+\s+)?(?:trade|economic|commercial|military)\s+"
                    r"(?:relations|ties|links)\s+with\b"),
    _c("sanctions", r"\b(?:(?:import|export|trade|arms|oil)\s+(?:ban|embargo)|(?:cut|cuts|froze|frozen|freez\w+|"
                    r"halt\w*|withh[eo]ld\w*|(?:held|holds?|holding)\s+back|paus(?:e|es|ed|ing)|delay(?:s|ed|ing)?|"
                    r"postpon\w+|end(?:s|ed|ing)?|terminat\w+)\s+(?:\S+\s+){0,5}?(?:aid|assistance|support|payments|"
                    r"loans?|credits?|lending|funding|deliveries|exports|tranches?|disbursements?|programmes|programs|"
                    r"grants?|military\s+(?:ties|cooperation|links)))\b"),
    # "banned Georgian wine", "boycotts Israeli goods": a ban on what an actor makes falls on that actor
    _c("sanctions", r"\b(?:ban(?:s|ned|ning)?|boycott(?:s|ed|ing)?|embargo(?:es|ed|ing))\b(?=\s+(?:all\s+)?"
                    r"(?-i:[A-Z]))"),
    # "designated the group a terrorist organisation", "listed Hezbollah as a terrorist group"
    _c("sanctions", r"\b(?:designat\w+|list(?:s|ed|ing)?|blacklist\w*|proscrib\w+|branded|declar(?:e|es|ed|ing))\b"
                    r"(?=\s+(?:[\w'’-]+\s+){1,4}?(?:as\s+)?(?:an?\s+)?(?:foreign\s+|international\s+|global\s+)?"
                    r"(?:terror(?:ist)?|unlawful|illegal|outlawed|banned)\s+"
                    r"(?:organi[sz]ations?|groups?|entit(?:y|ies)|movements?|outfits?|sponsors?|associations?))"),
    _c("economic_dependency", r"\b(?:depends?|depended|dependent|reliant|relies|relied|dependence|dependency)\s+"
                              r"(?:heavily\s+|largely\s+|entirely\s+)?(?:on|upon)\b"),
    _c("economic_dependency", rf"\b(?:{BUYING}|gets?|got|obtain\w*|receiv\w+|"
                              rf"sourc\w+)\b[^.;]{{0,50}}?\b{COMMODITY}\b[^.;]{{0,30}}?\bfrom\b"),
    _c("economic_dependency", rf"\bsuppl(?:y|ies|ied|ying)\b(?=[^.;]{{0,50}}\b{COMMODITY}\b)", orientation="reverse"),
    _c("economic_dependency", r"\b(?:aid|loans?|credits?|grants?|money|funding|assistance|subsidies|remittances|"
                              r"investment)\s+from\b", orientation="from", nominal=True),
    _c("economic_dependency", r"\b(?:financ(?:es|ed|ing)|bankroll\w*|(?<!government\s)(?<!public\s)(?<!state\s)"
                              r"(?<!of\s)(?<!its\s)(?<!their\s)(?<!the\s)(?<!frozen\s)(?<!own\s)(?<!\d\s)funds|"
                              r"funded|subsidi[sz](?:es|ed)|props?\s+up|"
                              r"bails?\s+out|(?:lent|lends|loaned)(?![^.;]{0,40}\b(?:bases?|"
                              r"airfields?|ports|facilities|airspace|support|weight|credence)\b))\b",
       orientation="reverse"),
    # "Iran has extended Syria a credit line of $3.6bn", "China granted Pakistan a $2bn loan": the recipient depends
    _c("economic_dependency", r"\b(?:extend(?:s|ed|ing)?|grant(?:s|ed|ing)?|advanc(?:e|es|ed|ing))\b(?=\s+(?:the\s+)?"
                              r"(?:(?-i:[A-Z])|(?:regime|government|junta|country|kingdom|emirate|island)\b)"
                              r"[^.;]{0,60}?\b(?:credit\s+lines?|lines?\s+of\s+credit|loans?|credits?|"
                              r"bail-?outs?|subsid(?:y|ies))\b)", orientation="reverse"),
    # "a militia armed and paid by Tehran", "on the Kremlin's payroll": the paid party depends on the payer
    _c("economic_dependency", r"\b(?:pays|paid|paying|salaried)\b(?=\s+(?:\w+\s+){0,3}?by\b)", orientation="reverse"),
    # "the movement that Mogadishu arms, pays and commands", "which Iran arms and pays": paying coordinated with arming
    _c("economic_dependency", r"(?:(?<=\barms,\s)|(?<=\barms\sand\s)|(?<=\btrains,\s)|(?<=\btrains\sand\s))"
                              r"pa(?:ys|id)\b|(?:(?<=\barm\sand\s)|(?<=\barm,\s)|(?<=\btrain\sand\s))"
                              r"(?:pay|finance|fund|bankroll)\b", orientation="reverse"),
    # "Venezuela ships Cuba oil", "Qatar sells gas to the Emirates": the buyer depends on the seller
    _c("economic_dependency", rf"\b(?:ships?|shipped|shipping|sells?|sold|selling|deliver(?:s|ed|ing)?|"
                              rf"export(?:s|ed|ing)?|pipe[sd]?|piping|send(?:s|ing)?|sent)\b"
                              rf"(?=[^.;]{{0,50}}\b{COMMODITY}\b)(?![^.;]{{0,60}}\b{GEAR}\b)", orientation="reverse"),
    _c("mediation", r"\b(?:mediat\w+|broker(?:s|ed|ing)?|go-between|intermediar(?:y|ies)|middle-?m[ae]n|"
                    r"facilitat\w+\s+talks|good\s+offices|co-?chairs?|"
                    r"shuttl\w+\s+(?:diplomacy\s+)?between|host(?:s|ed|ing)?\s+(?:[\w'’-]+\s+){0,4}?(?:talks|negotiations|"
                    r"envoys|delegations|negotiators|peace\s+(?:conference|summit))|"
                    r"propos(?:e|es|ed|ing)\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:ceasefire|truce|peace\s+plan|road\s*map))\b"),
    # "Belgrade has been under a UN embargo", "talks under Omani mediation", "under the American nuclear umbrella":
    # the actor named inside the phrase acts on the subject of the clause
    _c("sanctions", rf"{UNDER}(?:embargo(?:es)?|sanctions|blockade)\b", orientation="under"),
    _c("mediation", rf"{UNDER}(?:mediation|auspices|good\s+offices)\b|"
                    r"\bunder\s+the\s+(?:auspices|good\s+offices)\s+of\b",
       orientation="under"),
    _c("alliance", rf"{UNDER}(?:protection|(?:nuclear\s+|security\s+)?umbrella|tutelage|wing)\b", orientation="under"),
    # "placed the Jordanian army under the command of an Egyptian general": the commander's side controls it
    _c("influence", r"\bunder\s+(?:the\s+)?(?:operational\s+|overall\s+|direct\s+)?(?:command|control)\s+of\b",
       orientation="under"),
    _c("hostility", rf"{UNDER}(?:occupation|attack|fire|bombardment|siege|shelling|assault)\b", directed=False,
       orientation="under"),
    # "are trying to bring Venezuela and Guyana to the table": the subject mediates between the two
    _c("mediation", r"\b(?:bring|brings|bringing|brought|get|gets|getting|got|coax\w*|draw|draws|drew|lure\w*|"
                    r"nudg\w+|shepherd\w*)\b(?=\s+(?:[\w'’-]+\s+){1,6}?(?:back\s+)?to\s+the\s+(?:negotiating\s+|"
                    r"peace\s+|same\s+)?table\b)"),
    _c("influence", r"\blobb(?:y|ies|ied|ying)\b(?!\s+(?:in|is|was|are|has))"),
    _c("influence", r"\b(?:commands|commanded|controls|controlled|directs|directed)\b(?!\s+(?:by|from))"),
    _c("influence", r"\b(?:influence|leverage|sway|clout)\s+(?:over|on)\b", nominal=True),
    _c("influence", r"\b(?:in|within|into)\s+(?:its|their|his|her)\s+(?:own\s+)?(?:political\s+|economic\s+)?"
                    r"(?:orbit|sphere\s+of\s+influence|fold|camp)\b", orientation="orbit"),
)

NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|nobody|none|without|hardly|cannot|refus(?:e|es|ed|ing)|"
                       r"declin(?:e|es|ed|ing)\s+to|den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?)\b|n['’]t\b",
                       re.IGNORECASE)
# "has never hidden its intention": a negation of a verb of concealment or denial asserts, it does not negate.
LITOTES = re.compile(r"\b(?:makes?|made|making)\s+no\s+secret\s+of\b|"
                     r"\b(?:never|not|no\s+longer)\s+(?:\w+\s+)?(?:hidden|hid|hides|hide|concealed|conceals|denied|"
                      r"denies|disguised|disguises|made\s+a\s+secret\s+of)\b|n['’]t\s+(?:\w+\s+)?(?:hide|conceal|deny|"
                      r"disguise)\b", re.IGNORECASE)
# "want NATO to station troops" (a wish about another's act; "wants to absorb" is the actor's own aim and kept),
# "is drafting a sanctions resolution": a wish or a plan, not a tie
INTENTION = re.compile(r"\b(?:wants?|wanted|wanting|wish(?:es|ed)?|hop(?:e|es|ed|ing)|urg(?:e|es|ed|ing)|ask(?:s|ed)?|"
                       r"call(?:s|ed)?\s+on|press(?:es|ed|ing)|plead\w*)\s+(?!to\b)[^.;]{1,40}?\bto\s+(?:\w+\s+)?$|"
                       r"\b(?:press(?:es|ed|ing)?|push(?:es|ed|ing)?|call(?:s|ed|ing)?|lobb(?:y|ies|ied|ying)|"
                       r"campaign(?:s|ed|ing)?|argu(?:e|es|ed|ing)|clamou?r(?:s|ed|ing)?|ask(?:s|ed|ing)?)\s+for\s+"
                       r"(?:\S+\s+){0,2}$|"
                       r"\b(?:promis(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|offer(?:s|ed|ing)?|vow(?:s|ed|ing)?|"
                       r"plan(?:s|ned|ning)?|intend(?:s|ed|ing)?)\s+to\s+(?:\w+\s+)?$|"
                       r"\b(?:draft(?:s|ed|ing)?|prepar(?:e|es|ed|ing)|consider(?:s|ed|ing)?|discuss(?:es|ed|ing)?|"
                       r"debat(?:e|es|ed|ing)|weigh(?:s|ed|ing)?|mull(?:s|ed|ing)?|threaten(?:s|ed|ing)?(?:\s+with)?)\s+"
                       r"(?:\S+\s+){0,3}$", re.IGNORECASE)
# "are said to be flying arms", "is reported to have sent": the author reports a claim without asserting it
HEDGE = re.compile(r"\b(?:(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:said|reported|rumou?red|thought|believed|alleged|"
                   r"understood|suspected)\s+to|reportedly|allegedly|purportedly|supposedly)\b", re.IGNORECASE)
# "on 17 May", "May 1999": the month, not the modal
MODAL = re.compile(r"\b(?:would|could|might|(?<!\d\s)(?<!\d\s\s)may(?!\s+\d))\b(?!\s+(?:well|also))", re.IGNORECASE)
CONDITIONAL = re.compile(r"(?:^|[,;]\s*|\s)(?:if|unless|should\s+\w+\s+\w+|in\s+case)\b", re.IGNORECASE)
DENIAL_OPEN = re.compile(r"\b(?:it\s+is|it's|it\s+was)\s+(?:untrue|false|not\s+true|a\s+myth)\s+that\b|"
                          r"\b(?:reports?|claims?|allegations?|rumou?rs?|suggestions?|"
                          r"thinking|believing|assuming|to\s+think|to\s+believe|expecting|the\s+(?:idea|notion|"
                          r"belief|assumption))\s+that\b", re.IGNORECASE)
DENIAL_CLOSE = re.compile(r"\b(?:is|are|was|would\s+be)\s+(?:a\s+|an\s+)?(?:big\s+|grave\s+)?(?:mistake|wrong|"
                           r"error|naive|myth|fantasy|false|untrue|baseless|unfounded|denied|"
                           r"wishful\s+thinking|nonsense|illusion|delusion)\b", re.IGNORECASE)


def negated(window: str) -> bool:
    """Whether `window` holds a negation that is not a litotes ("never hidden", "does not deny")."""
    return bool(NEGATION.search(LITOTES.sub(" ", window)))
