"""A deterministic generator of a large, realistic-looking corpus of war news articles.

FOR SPEED MEASUREMENTS ONLY. The text is assembled from templates: its facts are random,
there is no gold annotation, and figures of extraction *quality* (precision, recall) must
never be computed on it — use the annotated corpus in ../shared/eval for that. What it does
reproduce is what costs time in the pipeline: the outlets' layouts (wire dateline, TASS,
Ukrinform loss tally, blog, tabloid, AP), lengths of 100–1,500 words, page chrome
(weather strips, "Read more", "Latest news" lists, duplicated photo captions), sentences
of every fact type (captures of places from a fixed list of real Ukrainian towns and
`seeds/reference/places_supplement.csv`; casualties; equipment tallies with "(+N)" rows;
strikes with launched/intercepted counts and weapon systems from
`seeds/reference/weapon_systems.csv`), decoy numbers (years, ages, money, distances) and
about 3% exact duplicates stored under another name.

Same arguments and same reference files -> byte-identical output: every article is drawn
from its own `random.Random` seeded with (seed, index), so a corpus of 10,000 is the first
10,000 articles of the corpus of 100,000, and `--start 100000 --articles 1000` gives 1,000
articles that are new to it (for incremental runs).

    python -m benchmarks.synth --articles 10000 --out /tmp/corpus --seed 7 [--format txt|jsonl]

Layout: txt -> `OUT/part_NNNN/<style>_NNNNNNN.txt`, at most 1,000 files per folder;
jsonl -> `OUT/part_NNNN.jsonl`, 1,000 records per file (text, title, url, outlet,
published). `OUT/manifest.json` records the arguments and totals (no timestamps).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.paths import REFERENCE_DIR

SYNTH_VERSION = 1
PER_FOLDER = 1000  # txt files per folder, and records per jsonl file
DUPLICATE_SHARE = 0.03
MIN_WORDS, MODE_WORDS, MAX_WORDS = 100, 300, 1500
_SLUG_WORD = re.compile(r"[a-z0-9]+")
FIRST_DAY = dt.date(2022, 2, 24)
N_DAYS = 1400  # up to the end of 2025

# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Town:
    name: str  # Ukrainian transliteration
    region: str  # canonical region (regions.csv)
    russian: str | None = None  # Russian-style spelling as Russian outlets write it


# Real Ukrainian towns and villages on or near the front line, with their region.
TOWNS: tuple[Town, ...] = (
    Town("Pokrovsk", "Donetsk", "Krasnoarmeysk"),
    Town("Myrnohrad", "Donetsk", "Dimitrov"),
    Town("Kurakhove", "Donetsk", "Kurakhovo"),
    Town("Avdiivka", "Donetsk", "Avdeyevka"),
    Town("Bakhmut", "Donetsk", "Artemovsk"),
    Town("Vuhledar", "Donetsk", "Ugledar"),
    Town("Chasiv Yar", "Donetsk", "Chasov Yar"),
    Town("Toretsk", "Donetsk", "Dzerzhinsk"),
    Town("Selydove", "Donetsk", "Selidovo"),
    Town("Velyka Novosilka", "Donetsk", "Velikaya Novoselka"),
    Town("Kostiantynivka", "Donetsk", "Konstantinovka"),
    Town("Siversk", "Donetsk", "Seversk"),
    Town("Lyman", "Donetsk", "Krasny Liman"),
    Town("Marinka", "Donetsk", "Maryinka"),
    Town("Novomykhailivka", "Donetsk", "Novomikhailovka"),
    Town("Krasnohorivka", "Donetsk", "Krasnogorovka"),
    Town("Ocheretyne", "Donetsk", "Ocheretino"),
    Town("Novopustynka", "Donetsk"),
    Town("Uspenivka", "Donetsk", "Uspenovka"),
    Town("Dobropillia", "Donetsk", "Dobropolye"),
    Town("Kupiansk", "Kharkiv", "Kupyansk"),
    Town("Vovchansk", "Kharkiv", "Volchansk"),
    Town("Borova", "Kharkiv"),
    Town("Izium", "Kharkiv", "Izyum"),
    Town("Robotyne", "Zaporizhzhia", "Rabotino"),
    Town("Huliaipole", "Zaporizhzhia", "Gulyaipole"),
    Town("Orikhiv", "Zaporizhzhia", "Orekhov"),
    Town("Stepnohirsk", "Zaporizhzhia", "Stepnogorsk"),
    Town("Krynky", "Kherson"),
    Town("Kozachi Laheri", "Kherson", "Kazachi Lageri"),
    Town("Bilohorivka", "Luhansk", "Belogorovka"),
    Town("Kreminna", "Luhansk", "Kremennaya"),
    Town("Mezhova", "Dnipropetrovsk", "Mezhevaya"),
    Town("Filiia", "Dnipropetrovsk", "Filiya"),
    Town("Sudzha", "Kursk"),
)
STRIKE_TARGETS: tuple[tuple[str, str], ...] = (
    ("Kyiv", "Kyiv City"),
    ("Kharkiv", "Kharkiv"),
    ("Odesa", "Odesa"),
    ("Dnipro", "Dnipropetrovsk"),
    ("Zaporizhzhia", "Zaporizhzhia"),
    ("Sumy", "Sumy"),
    ("Lviv", "Lviv"),
    ("Ternopil", "Ternopil"),
    ("Kryvyi Rih", "Dnipropetrovsk"),
    ("Poltava", "Poltava"),
    ("Kherson", "Kherson"),
    ("Chernihiv", "Chernihiv"),
    ("Mykolaiv", "Mykolaiv"),
    ("Starokostiantyniv", "Khmelnytskyi"),
    ("Belgorod", "Belgorod"),
    ("Kursk", "Kursk"),
    ("Bryansk", "Bryansk"),
    ("Sevastopol", "Sevastopol"),
)
REGION_RUSSIAN: dict[str, str] = {
    "Donetsk": "Donetsk People's Republic",
    "Luhansk": "Lugansk People's Republic",
    "Kharkiv": "Kharkov",
    "Zaporizhzhia": "Zaporozhye",
    "Dnipropetrovsk": "Dnepropetrovsk",
    "Kherson": "Kherson",
    "Kursk": "Kursk",
}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
FIRST_NAMES = [
    "Olena",
    "Pavel",
    "Tom",
    "Anna",
    "Max",
    "Dmitry",
    "Yuliia",
    "Andrew",
    "Oleksandr",
    "Natalia",
    "Guy",
    "Sergiy",
    "Mark",
    "Polina",
    "Gleb",
    "Vladyslav",
    "Felix",
    "Lidia",
    "Marco",
    "Jonathan",
    "Aleksandar",
    "Tetiana",
]
LAST_NAMES = [
    "Harmash",
    "Polityuk",
    "Balmforth",
    "Hunder",
    "Lewis",
    "Antonov",
    "Dysa",
    "Osborn",
    "Kiselyova",
    "Zinets",
    "Faulconbridge",
    "Vasilyeva",
    "Stolyarov",
    "Smith",
    "Light",
    "Kovalenko",
    "Sauer",
    "Prentice",
    "Novak",
    "Ruvinska",
    "Landay",
]
RU_CLAIMANTS = (
    "the Russian Defense Ministry",
    "Russia's Defence Ministry",
    "the Russian Ministry of Defense",
    "Russian military officials",
    "Defense Minister Andrei Belousov",
    "Chief of the General Staff Valery Gerasimov",
    "the ministry",
    "Denis Pushilin, the Moscow-installed head of the DPR",
)
UA_CLAIMANTS = (
    "Ukraine's General Staff",
    "the General Staff of the Armed Forces of Ukraine",
    "Ukraine's air force",
    "the Ukrainian military",
    "President Volodymyr Zelenskiy",
    "Commander-in-Chief Oleksandr Syrskyi",
    "a spokesman for the Khortytsia group of forces",
    "Ukraine's defence ministry",
)
BATTLEGROUPS = ("Center", "East", "West", "South", "North", "Dnepr")
OFFICIALS = (
    "the regional governor",
    "regional governor Oleh Syniehubov",
    "the city military administration",
    "Mayor Ihor Terekhov",
    "the State Emergency Service",
    "Interior Minister Ihor Klymenko",
    "the prosecutor's office",
    "Governor Vyacheslav Gladkov",
)
FILLER_SUBJECTS = (
    "European Union leaders",
    "The Kremlin",
    "NATO Secretary General Mark Rutte",
    "Analysts at the Institute for the Study of War",
    "The International Atomic Energy Agency",
    "Ukraine's energy minister",
    "The World Bank",
    "Hungarian Prime Minister Viktor Orban",
    "Western diplomats",
    "Kremlin spokesman Dmitry Peskov",
    "The United Nations human rights mission",
    "Ukraine's foreign minister",
    "Officials in Washington",
    "The G7 finance ministers",
    "Military bloggers",
    "The head of the grid operator Ukrenergo",
)
FILLER_PREDICATES = (
    "said talks on a ceasefire remained at an early stage",
    "warned that the coming winter would test the country's power grid",
    "called on allies to deliver more air defence systems before the cold season",
    "discussed the reconstruction of damaged ports and railways",
    "said sanctions on Russian oil exports were starting to bite",
    "described the situation along the front line as difficult but under control",
    "accused the other side of using the talks to regroup its forces",
    "said the frozen assets would be used to back a new loan",
    "pointed to a shortage of infantry in several brigades",
    "said the grain corridor in the Black Sea continued to operate",
    "urged both sides to protect the Zaporizhzhia nuclear power plant",
    "said the mobilisation law would be reviewed by parliament",
    "declined to comment on the reports",
    "said the aid package would be delivered in several tranches",
    "noted that the pace of the advance had slowed in recent weeks",
    "said the negotiations in Istanbul had produced an exchange of prisoners",
)
FILLER_TAILS = (
    "on {weekday}",
    "in a statement",
    "during a visit to Brussels",
    "according to a transcript released by his office",
    "in an interview with local television",
    "at a news conference",
    "",
    "in a post on Telegram",
    "late on {weekday}",
)
QUOTES = (
    "We will not give up a single metre of our land",
    "The situation is difficult, but the defence is holding",
    "All the goals of the special military operation will be achieved",
    "We need more air defence, and we need it now",
    "The enemy keeps throwing its people into the meat grinder",
    "Our guys are holding on, but they are exhausted",
    "This is a war of drones now",
    "Nobody should expect a quick breakthrough",
)
CAPTIONS = (
    "A firefighter works to put out a blaze at a damaged residential building",
    "Ukrainian servicemen fire a howitzer towards Russian positions",
    "People shelter in a metro station during an air raid alert",
    "A view shows a destroyed school building",
    "Rescuers remove debris at the site of a missile strike",
    "Russian servicemen ride an armoured vehicle on a road",
)
PHOTO_CREDITS = ("REUTERS", "AFP", "AP Photo", "Photo: illustrative", "Reuters/Alina Smutko")
HEADLINE_NOISE = (
    "Zelensky discusses air defense needs with Dutch Prime Minister",
    "Weather: light snow in the west, up to +4°C in the south",
    "Ukraine to receive new EU tranche of EUR 4.1 billion by year-end",
    "Sybiha: Ukraine counts on partners' firm response to Russian escalation",
    "Energy company restores power to 40,000 households after night attack",
    "Parliament extends martial law for another 90 days",
    "Kyiv court sentences collaborator to 12 years in prison",
    "Exchange rate: hryvnia weakens to 41.5 per dollar",
)
BLOG_NAMES = ("SLAVYANSKY VESTNIK", "TRENCH NOTES", "THE STEPPE DISPATCH", "FRONT LINE WATCHER")
TABLOIDS = ("Daily Sun", "The Courier", "Morning Star Herald")
BRIGADES = ("47th Mechanised", "93rd Mechanised", "3rd Assault", "59th Motorised", "110th")

# --------------------------------------------------------------------------- reference


@dataclass(frozen=True)
class Weapon:
    name: str  # canonical weapon system
    weapon_class: str
    origin: str  # RU | UA | "" (both)
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    places: tuple[Town, ...]
    weapons: tuple[Weapon, ...]

    def weapons_of(self, origin: str, classes: Sequence[str]) -> tuple[Weapon, ...]:
        found = tuple(
            w for w in self.weapons if w.origin in (origin, "") and w.weapon_class in classes
        )
        return found or self.weapons


def load_reference(reference_dir: Path = REFERENCE_DIR) -> Reference:
    """Towns (the fixed list plus the place supplement) and weapon systems, in file order."""
    places = list(TOWNS)
    supplement = reference_dir / "places_supplement.csv"
    if supplement.exists():
        with supplement.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                name, region = (row.get("place_name") or "").strip(), (row.get("admin1") or "")
                if name and region and (row.get("country") or "UA") == "UA":
                    places.append(Town(name, region.strip()))
    weapons: list[Weapon] = []
    systems = reference_dir / "weapon_systems.csv"
    if systems.exists():
        with systems.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a)
                weapons.append(
                    Weapon(row["weapon_system"], row["weapon_class"], row["origin_side"], aliases)
                )
    if not weapons:  # the file is part of the repo; this keeps the generator usable alone
        weapons = [Weapon("Shahed", "drone", "RU", ("Geran-2",))]
    return Reference(tuple(places), tuple(weapons))


# --------------------------------------------------------------------------- one article


@dataclass(frozen=True)
class SynthArticle:
    index: int
    style: str
    text: str
    title: str
    outlet: str
    url: str
    published: dt.date
    duplicate_of: int | None = None


class Writer:
    """Draws the parts of one article from its own random stream."""

    def __init__(self, rng: random.Random, ref: Reference, day: dt.date) -> None:
        self.rng = rng
        self.ref = ref
        self.day = day

    # small draws
    def pick(self, items: Sequence[str]) -> str:
        return items[self.rng.randrange(len(items))]

    def count(self, low: int, high: int) -> str:
        """A number as news prints it: words for small ones, thousands separators."""
        n = self.rng.randint(low, high)
        if n <= 20 and self.rng.random() < 0.4:
            return NUMBER_WORDS[n]
        return f"{n:,}" if n >= 1000 and self.rng.random() < 0.8 else str(n)

    def town(self) -> Town:
        return self.ref.places[self.rng.randrange(len(self.ref.places))]

    def target(self) -> tuple[str, str]:
        return STRIKE_TARGETS[self.rng.randrange(len(STRIKE_TARGETS))]

    def weekday(self) -> str:
        return WEEKDAYS[(self.day.weekday() - self.rng.randint(0, 2)) % 7]

    def person(self) -> str:
        return f"{self.pick(FIRST_NAMES)} {self.pick(LAST_NAMES)}"

    def weapon(self, origin: str, classes: Sequence[str]) -> str:
        options = self.ref.weapons_of(origin, classes)
        w = options[self.rng.randrange(len(options))]
        if w.aliases and self.rng.random() < 0.3:
            return self.pick(w.aliases)
        return w.name

    # fact sentences
    def capture(self, russian_voice: bool = False) -> str:
        t = self.town()
        region = REGION_RUSSIAN.get(t.region, t.region) if russian_voice else t.region
        place = (t.russian or t.name) if russian_voice else t.name
        settlement = self.pick(("village", "settlement", "town", "community"))
        options = (
            f"{self.pick(RU_CLAIMANTS).capitalize()} said units of the Battlegroup "
            f"{self.pick(BATTLEGROUPS)} had liberated the {settlement} of {place} in the "
            f"{region} region.",
            f"Russian forces have captured {place}, a {settlement} in Ukraine's {region} "
            f"region, {self.pick(RU_CLAIMANTS)} said on {self.weekday()}.",
            f"Units of Russia's Battlegroup {self.pick(BATTLEGROUPS)} have liberated the "
            f"{settlement} of {place} in the {region} Region in the course of offensive "
            "operations, the Russian Defense Ministry reported.",
            f"Ukrainian troops recaptured the {settlement} of {t.name} in the {t.region} "
            f"region, {self.pick(UA_CLAIMANTS)} said.",
            f"{self.pick(UA_CLAIMANTS).capitalize()} denied that {t.name} had fallen, saying "
            "fighting continued on the outskirts.",
            f"Ukraine's army said it had withdrawn from {t.name} to preserve the lives of its "
            "soldiers and moved to more favourable positions.",
            f"Russian forces have taken control of {self.count(20, 900)} square kilometres of "
            f"territory over the past month, {self.pick(RU_CLAIMANTS)} said.",
            f"The fall of {place} would open the road to "
            f"{self.town().name}, about {self.count(5, 40)} km to the west.",
        )
        return self.pick(options)

    def casualties(self) -> str:
        city, _ = self.target()
        options = (
            f"At least {self.count(2, 60)} people were killed and {self.count(3, 150)} injured "
            f"in a Russian missile strike on {city}, {self.pick(OFFICIALS)} said.",
            f"The death toll from {self.weekday()}'s attack on {city} rose to "
            f"{self.count(3, 50)}, including {self.count(1, 9)} children.",
            f"{self.count(2, 40)} civilians were wounded when shells hit a residential area of "
            f"{city}, {self.pick(OFFICIALS)} said.",
            f"The enemy lost up to {self.count(100, 600)} servicemen, {self.count(1, 9)} "
            f"armored combat vehicles and {self.count(1, 9)} field artillery guns in the area "
            f"of responsibility of the Battlegroup {self.pick(BATTLEGROUPS)} over the past day.",
            f"Over the past 24 hours, Ukraine's Defense Forces eliminated another "
            f"{self.count(900, 1900)} Russian invaders, the General Staff said.",
            f"Kiev's troops lost more than {self.count(90, 400)} personnel in battles with the "
            f"Battlegroup {self.pick(BATTLEGROUPS)}, the ministry specified.",
            f"{self.pick(UA_CLAIMANTS).capitalize()} said about {self.count(10, 120)} Russian "
            f"soldiers were captured near {self.town().name}.",
            f"Two servicemen were slightly wounded, {self.pick(RU_CLAIMANTS)} said.",
        )
        return self.pick(options)

    def equipment(self) -> str:
        t = self.town()
        options = (
            f"Russian forces destroyed {self.count(1, 30)} Ukrainian tanks, including "
            f"{self.count(1, 5)} Leopard tanks, and {self.count(1, 20)} Bradley fighting "
            f"vehicles near {t.russian or t.name}, {self.pick(RU_CLAIMANTS)} said.",
            f"Ukrainian drones hit {self.count(1, 12)} Russian artillery systems and "
            f"{self.count(1, 6)} MLRS launchers overnight, {self.pick(UA_CLAIMANTS)} said.",
            f"The brigade said it had destroyed {self.count(2, 40)} armoured vehicles and "
            f"{self.count(1, 9)} tanks in the {t.name} direction in a week.",
            f"Over the past day the enemy also lost {self.count(1, 9)} air defense systems and "
            f"{self.count(5, 60)} motor vehicles, according to {self.pick(UA_CLAIMANTS)}.",
        )
        return self.pick(options)

    def strike(self) -> str:
        city, _ = self.target()
        drone = self.weapon("RU", ("drone",))
        missile = self.weapon("RU", ("cruise_missile", "ballistic_missile"))
        ua_weapon = self.weapon("UA", ("ballistic_missile", "cruise_missile", "rocket"))
        n = self.rng.randint(20, 200)
        k = self.rng.randint(n // 3, n)
        options = (
            f"Russia launched {n} {drone} drones and {self.count(2, 40)} {missile} missiles at "
            f"Ukraine overnight, {self.pick(UA_CLAIMANTS)} said, adding that air defences "
            f"shot down {k} drones and {self.count(1, 20)} missiles.",
            f"Air defence units destroyed {k} of the {n} drones over {self.count(3, 17)} "
            "regions, the air force said on the Telegram messaging app.",
            f"On {self.weekday()}, {self.count(2, 10)} {ua_weapon} were launched at targets "
            f"near {city}, the ministry said. {self.count(1, 8).capitalize()} were shot down.",
            f"Russian air defenses downed {self.count(2, 12)} HIMARS rockets and {n} "
            "fixed-wing drones over the past day, the ministry reported.",
            f"A {missile} missile hit {city}, killing {self.count(2, 30)} people and damaging "
            "an energy facility.",
            f"Russian forces dropped {self.count(20, 120)} guided aerial bombs on {city} and "
            "nearby settlements in the past day.",
            f"{city} came under attack by {n} {drone} drones overnight, {self.pick(OFFICIALS)} "
            "said.",
        )
        return self.pick(options)

    def decoy(self) -> str:
        city, _ = self.target()
        options = (
            f"The {self.rng.randint(19, 84)}-year-old {self.pick(('teacher', 'mayor', 'driver', 'nurse'))} "
            f"had lived in {city} since {self.rng.randint(1960, 2021)}.",
            f"The European Union approved a €{self.rng.randint(2, 90)} billion loan in "
            f"{self.rng.randint(2022, 2025)}, and the United States pledged "
            f"${self.rng.randint(1, 61)} billion.",
            f"{city}, a city of about {self.rng.randint(20, 900) * 1000:,} people before the "
            f"war, lies {self.rng.randint(10, 300)} km ({self.rng.randint(6, 190)} miles) from "
            "the front line.",
            f"The {self.pick(BRIGADES)} Brigade, formed in {self.rng.randint(2014, 2024)}, has "
            f"fought in the area since {self.pick(MONTHS)}.",
            f"Prices for bread rose {self.rng.randint(2, 19)}% in {self.pick(MONTHS)}, "
            "according to the statistics office.",
            f"The bridge, built in {self.rng.randint(1950, 2018)}, is "
            f"{self.rng.randint(100, 19000):,} metres long.",
            f"Talks lasted {self.rng.randint(2, 9)} hours, and the next round is set for "
            f"{self.pick(MONTHS)} {self.rng.randint(1, 28)}.",
            f"Around {self.rng.randint(2, 14)} million people have left the country since "
            f"February {self.rng.randint(2022, 2023)}, the UN refugee agency says.",
        )
        return self.pick(options)

    def filler(self) -> str:
        tail = self.pick(FILLER_TAILS).format(weekday=self.weekday())
        text = f"{self.pick(FILLER_SUBJECTS)} {self.pick(FILLER_PREDICATES)}"
        return f"{text} {tail}." if tail else f"{text}."

    def quote(self) -> str:
        speaker = self.pick((*UA_CLAIMANTS[4:], "a battalion commander", "one soldier"))
        return f'"{self.pick(QUOTES)}," {speaker} said.'

    # paragraphs
    def fact_paragraph(self) -> str:
        makers: tuple[Callable[[], str], ...] = (
            self.capture,
            self.casualties,
            self.equipment,
            self.strike,
        )
        first = makers[self.rng.randrange(4)]()
        rest = [self.rng.choice((self.filler, self.decoy, *makers))() for _ in range(2)]
        return " ".join([first, *rest[: self.rng.randint(0, 2)]])

    def filler_paragraph(self) -> str:
        parts = [self.filler() for _ in range(self.rng.randint(2, 5))]
        if self.rng.random() < 0.5:
            parts.insert(self.rng.randrange(len(parts) + 1), self.decoy())
        return " ".join(parts)

    def tally(self) -> str:
        d = (self.day - FIRST_DAY).days + 1
        rows = (
            ("personnel", 200_000 + d * 1_050, 900, 1_900, "about "),
            ("tanks", 3_000 + d * 5, 0, 40, ""),
            ("armored fighting vehicles", 6_000 + d * 10, 0, 60, ""),
            ("artillery systems", 2_000 + d * 14, 0, 50, ""),
            ("MLRS", 400 + d, 0, 5, ""),
            ("air defense systems", 300 + d // 2, 0, 3, ""),
            ("aircraft", 300 + d // 20, 0, 1, ""),
            ("helicopters", 300 + d // 25, 0, 1, ""),
            ("operational-tactical level UAVs", 2_000 + d * 20, 0, 150, ""),
            ("cruise missiles", 1_000 + d, 0, 10, ""),
            ("warships / boats", 20 + d // 100, 0, 1, ""),
            ("motor vehicles and fuel tanks", 5_000 + d * 25, 0, 90, ""),
            ("special equipment", 500 + d * 3, 0, 6, ""),
        )
        lines = []
        for name, total, low, high, prefix in rows:
            delta = self.rng.randint(low, high)
            plus = f" (+{delta:,})" if delta else ""
            lines.append(f"{name} – {prefix}{total:,}{plus}")
        return "\n".join(lines)

    # page noise
    def latest_news(self) -> str:
        hour, minute = self.rng.randint(6, 22), self.rng.randint(0, 59)
        items = []
        for _ in range(self.rng.randint(3, 6)):
            items.append(f"{hour:02d}:{minute:02d} {self.pick(HEADLINE_NOISE)}")
            minute -= self.rng.randint(5, 25)
            if minute < 0:
                hour, minute = max(hour - 1, 0), minute + 60
        return "Latest news\n" + "\n".join(items)

    def caption_block(self) -> str:
        caption = f"{self.pick(CAPTIONS)} in {self.target()[0]}."
        return f"{caption}\n{caption}\n{self.pick(PHOTO_CREDITS)}"

    def read_more(self) -> str:
        return (
            self.pick(("Read more", "Read also:", "READ MORE:")) + " " + self.pick(HEADLINE_NOISE)
        )

    def weather(self) -> str:
        d = self.day
        return (
            f"{self.rng.randint(-15, 35)}.{self.rng.randint(0, 9)} C\n"
            f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"
        )


def _russian_name(town: Town) -> str:
    return town.russian or town.name


def _target_words(rng: random.Random) -> int:
    return int(rng.triangular(MIN_WORDS, MAX_WORDS, MODE_WORDS))


def _headline(w: Writer, kind: str) -> str:
    t = w.town()
    city, _ = w.target()
    options = {
        "capture": (
            f"Russia claims capture of {t.name} in {t.region} region",
            f"Russian troops liberate {t.russian or t.name} — top brass",
            f"Ukraine says its forces still hold {t.name}",
        ),
        "strike": (
            f"Russia hurls {w.count(40, 200)} drones at Ukraine overnight, energy sites hit",
            f"Missile attack on {city} kills {w.count(2, 40)}",
            f"Ukraine downs most of {w.count(40, 190)} drones in overnight attack",
        ),
        "losses": (
            "Russia's war losses in Ukraine – General Staff",
            f"Russian forces lose {w.count(900, 1900)} troops in a day, Kyiv says",
        ),
        "other": (
            f"Fighting intensifies near {t.name} as talks stall",
            f"What the fall of {t.russian or t.name} means for the front",
        ),
    }[kind]
    return w.pick(options)


def _fill(w: Writer, paragraphs: list[str], target: int, numbered: bool = False) -> list[str]:
    """Add fact, filler and noise paragraphs until the article reaches `target` words."""
    words = sum(len(p.split()) for p in paragraphs)
    n = 1
    while words < target:
        roll = w.rng.random()
        if roll < 0.35:
            para = w.fact_paragraph()
        elif roll < 0.75:
            para = w.filler_paragraph()
        elif roll < 0.83:
            para = w.quote() + " " + w.filler()
        elif roll < 0.90:
            para = w.caption_block()
        elif roll < 0.95:
            para = w.read_more()
        else:
            para = w.decoy() + " " + w.decoy()
        if numbered and roll < 0.75:
            para = f"{n}. {para}"
            n += 1
        paragraphs.append(para)
        words += len(para.split())
    return paragraphs


def _wire(w: Writer, target: int) -> tuple[str, str, str]:
    d = w.day
    kind = w.pick(("capture", "strike", "other"))
    title = _headline(w, kind)
    city = w.pick(("KYIV", "MOSCOW", "KHARKIV", "ZAPORIZHZHIA", "LONDON"))
    lede = {"capture": w.capture, "strike": w.strike, "other": w.casualties}[kind]()
    stamp = f"{d.day:02d}-{d.month:02d}-{d.year} {w.rng.randint(0, 23):02d}:{w.rng.randint(0, 59):02d} IST"
    head = [
        title,
        f"Reuters | Updated: {stamp} | Created: {stamp}",
        f"{city}, {MONTHS[d.month - 1][:3]} {d.day} (Reuters) - {lede}",
    ]
    body = _fill(w, head, target - 12)
    body.append(f"(Reporting by {w.person()} in {city.title()}; Editing by {w.person()})")
    return "\n\n".join(body), title, "Reuters"


def _tass(w: Writer, target: int) -> tuple[str, str, str]:
    d = w.day
    title = _headline(w, "capture")
    head = [
        f" date {d.isoformat()} {title}",
        f"Over the past 24 hours, Russian air defenses downed {w.count(2, 12)} HIMARS rockets "
        f"and {w.count(20, 200)} fixed-wing drones, the ministry reported",
        f"MOSCOW, {MONTHS[d.month - 1]} {d.day}. /TASS/. {w.capture(russian_voice=True)}",
        f'"Through active and decisive actions, units of the Battlegroup {w.pick(BATTLEGROUPS)} '
        f'liberated the community of {_russian_name(w.town())}," the ministry said '
        "in a statement.",
        w.casualties(),
    ]
    return "\n\n".join(_fill(w, head, target)), title, "TASS"


def _ukrinform(w: Writer, target: int) -> tuple[str, str, str]:
    d = w.day
    title = _headline(w, "losses")
    head = [
        "War",
        title,
        f"{d.day:02d}.{d.month:02d}.{d.year} {w.rng.randint(6, 11):02d}:{w.rng.randint(0, 59):02d}",
        "Ukrinform",
        "Russian army losses. Photo: illustrative",
        w.casualties(),
        "The General Staff of the Armed Forces of Ukraine posted the updated figures on "
        "Facebook, Ukrinform reports.",
        f"The total combat losses of the enemy from 24.02.22 to {d.strftime('%d.%m.%y')} are "
        "approximately:",
        w.tally(),
        "The data are being verified.",
    ]
    body = _fill(w, head, target - 40)
    body += [w.read_more(), w.latest_news()]
    return "\n\n".join(body), title, "Ukrinform"


def _blog(w: Writer, target: int) -> tuple[str, str, str]:
    d = w.day
    name = w.pick(BLOG_NAMES)
    title = _headline(w, "other")
    comments = w.rng.randint(0, 300)
    head = [
        f"{name} — notes from the front, without the Western filter",
        f"FRONTLINE DIGEST #{w.rng.randint(1, 400)} — {title}",
        f"Posted on {d.day} {MONTHS[d.month - 1]} {d.year} by {w.pick(FIRST_NAMES)} | "
        f"{comments} comments",
        f"Friends, it is official now. {w.capture(russian_voice=True)}",
    ]
    body = _fill(w, head, target - 10, numbered=True)
    body += [f"{comments} comments", "Leave a reply", "Share this:\nTelegram\nVK\nEmail"]
    return "\n\n".join(body), title, name.title()


def _tabloid(w: Writer, target: int) -> tuple[str, str, str]:
    d = w.day
    outlet = w.pick(TABLOIDS)
    title = _headline(w, w.pick(("strike", "capture"))).upper()
    head = [
        w.weather(),
        title,
        w.filler(),
        f"By {w.person()} | Published {d.day} {MONTHS[d.month - 1]} {d.year}, "
        f"{w.rng.randint(1, 12)}:{w.rng.randint(0, 59):02d}pm",
        w.strike() + " " + w.casualties(),
        w.caption_block(),
    ]
    body = _fill(w, head, target - 15)
    body += ["Share this article", "Advertisement", w.read_more(), "Comments (0)"]
    return "\n\n".join(body), title, outlet


def _ap(w: Writer, target: int) -> tuple[str, str, str]:
    d = w.day
    title = _headline(w, w.pick(("strike", "capture", "other")))
    head = [
        title,
        f"By {w.person().upper()}",
        f"Updated {w.rng.randint(1, 12)}:{w.rng.randint(0, 59):02d} PM GMT, "
        f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
        f"KYIV, Ukraine (AP) — {w.strike()}",
    ]
    body = _fill(w, head, target - 20)
    body.append(
        f"Associated Press writers {w.person()} in Kyiv and {w.person()} in London contributed."
    )
    body.append("Follow AP's coverage of the war at https://apnews.com/hub/russia-ukraine")
    return "\n\n".join(body), title, "Associated Press"


STYLES: dict[str, Callable[[Writer, int], tuple[str, str, str]]] = {
    "wire": _wire,
    "tass": _tass,
    "ukrinform": _ukrinform,
    "blog": _blog,
    "tabloid": _tabloid,
    "ap": _ap,
}
STYLE_NAMES = tuple(STYLES)


def _rng(seed: int, index: int, stream: str) -> random.Random:
    # str seeds are hashed with SHA-512 (not the randomised str hash): stable across runs
    return random.Random(f"frontline-synth:{SYNTH_VERSION}:{seed}:{stream}:{index}")


def duplicate_source(seed: int, index: int) -> int | None:
    """The earlier article this one copies exactly, or None (~3% of articles copy one)."""
    rng = _rng(seed, index, "dup")
    if index == 0 or rng.random() >= DUPLICATE_SHARE:
        return None
    return rng.randrange(index)


def make_article(seed: int, index: int, ref: Reference) -> SynthArticle:
    """Article number `index` of the corpus drawn with `seed`."""
    source = duplicate_source(seed, index)
    if source is not None:
        original = make_article(seed, source, ref)
        return SynthArticle(
            index=index,
            style=original.style,
            text=original.text,
            title=original.title,
            outlet=original.outlet,
            url=original.url,
            published=original.published,
            duplicate_of=original.duplicate_of if original.duplicate_of is not None else source,
        )
    rng = _rng(seed, index, "article")
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(N_DAYS))
    style = STYLE_NAMES[rng.randrange(len(STYLE_NAMES))]
    writer = Writer(rng, ref, day)
    text, title, outlet = STYLES[style](writer, _target_words(rng))
    slug = "-".join(_SLUG_WORD.findall(title.lower())[:6])
    url = f"https://news.example/{day.isoformat().replace('-', '/')}/{slug}-{index}"
    # the story number keeps two drawn articles from ever having the same text
    text = f"{text}\n\nStory {index} · {url}\n"
    return SynthArticle(index, style, text, title, outlet, url, day)


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class CorpusSummary:
    articles: int
    duplicates: int
    words: int
    bytes: int
    files: int


def write_corpus(
    out: Path,
    articles: int,
    seed: int,
    fmt: str = "txt",
    start: int = 0,
    reference_dir: Path = REFERENCE_DIR,
) -> CorpusSummary:
    """Write articles `start` .. `start + articles - 1` of the corpus drawn with `seed`."""
    if fmt not in ("txt", "jsonl"):
        raise ValueError(f"format must be txt or jsonl, not {fmt!r}")
    ref = load_reference(reference_dir)
    out.mkdir(parents=True, exist_ok=True)
    duplicates = words = size = files = 0
    jsonl_lines: list[str] = []

    def flush_jsonl(part: int) -> None:
        nonlocal size, files
        data = "".join(jsonl_lines).encode("utf-8")
        (out / f"part_{part:04d}.jsonl").write_bytes(data)
        size += len(data)
        files += 1
        jsonl_lines.clear()

    for index in range(start, start + articles):
        art = make_article(seed, index, ref)
        duplicates += art.duplicate_of is not None
        words += len(art.text.split())
        part = index // PER_FOLDER
        if fmt == "txt":
            folder = out / f"part_{part:04d}"
            folder.mkdir(exist_ok=True)
            data = art.text.encode("utf-8")
            (folder / f"{art.style}_{index:07d}.txt").write_bytes(data)
            size += len(data)
            files += 1
        else:
            record = {
                "text": art.text,
                "title": art.title,
                "url": art.url,
                "outlet": art.outlet,
                "published": art.published.isoformat(),
            }
            jsonl_lines.append(json.dumps(record, ensure_ascii=False) + "\n")
            if (index + 1) % PER_FOLDER == 0:
                flush_jsonl(part)
    if jsonl_lines:
        flush_jsonl((start + articles - 1) // PER_FOLDER)
    summary = CorpusSummary(articles, duplicates, words, size, files)
    manifest = {
        "generator": "benchmarks.synth",
        "version": SYNTH_VERSION,
        "seed": seed,
        "start": start,
        "articles": articles,
        "format": fmt,
        "duplicates": duplicates,
        "words": words,
        "bytes": size,
        "files": files,
        "note": "synthetic text for speed measurements only; never for quality figures",
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synth",
        description="Write a deterministic synthetic corpus (speed measurements only).",
    )
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    parser.add_argument(
        "--start", type=int, default=0, help="index of the first article (for new batches)"
    )
    args = parser.parse_args(argv)
    if args.articles < 1 or args.start < 0:
        parser.error("--articles must be positive and --start not negative")
    summary = write_corpus(args.out, args.articles, args.seed, args.format, args.start)
    print(
        f"{summary.articles} articles ({summary.duplicates} exact duplicates), "
        f"{summary.words:,} words, {summary.bytes / 1e6:.1f} MB in {summary.files} file(s) "
        f"-> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
