"""A synthetic catalogue for benchmarks: realistic, valid, as large as you ask.

Writes pmo.yaml, skills.yaml, ingredients.yaml, roster.yaml, services/<id>.yaml and
requests/<id>.yaml into a directory (benchmarks/.data/ is git-ignored). With
`--problems`, a few files get planted mistakes, and `planted.json` records the code and
the path:line:column where each must be reported.

    python benchmarks/synth.py                       # 2,000 services, 1,000 people, 2,000 requests
    python benchmarks/synth.py --services 200 --people 50 --requests 100 --seed 7 -o /tmp/cat
    python benchmarks/synth.py --problems -o benchmarks/.data/broken
    python benchmarks/synth.py --accepted 0.5 -o benchmarks/.data/booked   # half accepted
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / ".data" / "synthetic"

FIRST = ["Asha", "Ben", "Chloe", "Daniel", "Elif", "Farah", "Grace", "Hamid", "Isla", "Jonas", "Keiko", "Liam", "Maya", "Nikhil", "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tomas", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zara", "Helen", "Marcus", "Sofia", "Ade"]
LAST = ["Patel", "Walsh", "Kim", "Rossi", "Reid", "Okafor", "Novak", "Silva", "Chen", "Murphy", "Haddad", "Larsen", "Costa", "Ito", "Nguyen", "Mensah", "Byrne", "Kowalski", "Fischer", "Duarte", "Ahmed", "Evans", "Moreau", "Sato", "Obi", "Lindqvist"]
ROLES = ("PMO analyst", "Senior PMO analyst", "Portfolio analyst", "Project coordinator",
         "Assurance analyst", "Planner", "Benefits lead", "Risk manager", "PPM tool admin",
         "Trainer", "Head of PMO")
SKILL_WORDS = ("portfolio analysis", "prioritisation", "business case", "financial analysis",
               "benefits management", "governance", "scheduling", "risk management",
               "change control", "raid management", "cost control", "facilitation",
               "stakeholder engagement", "assurance", "ppm tooling", "training delivery",
               "coaching", "methods design", "reporting", "resource management",
               "dependency mapping", "lessons learned", "quality review", "vendor management",
               "data analysis", "estimating", "agile delivery", "contract management")
CATEGORIES = ("Assurance", "Portfolio", "Planning", "Finance", "Governance", "Capability",
              "Tooling", "Reporting", "Risk")
CUSTOMERS = ("Project managers", "Programme boards", "Portfolio board", "Sponsors",
             "Finance", "Executive committee", "Delivery teams", "Change managers")
ORGS = ("Finance Transformation Programme", "Digital Workplace Project", "ERP Replacement",
        "Customer Portal", "Data Platform Programme", "Office Move 2027", "Cyber Uplift",
        "Net Zero Programme", "HR System Refresh", "Warehouse Automation")
VERBS = ("review", "workshop", "assessment", "pack", "clinic", "forecast", "plan", "audit",
         "setup", "coaching", "upkeep", "dashboard")
INGREDIENT_KINDS = ("tool", "template", "process", "data", "other")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
FIRST_DAY = date(2027, 1, 4)


@dataclass
class Planted:
    """A mistake written on purpose, and where pmocat must report it."""

    code: str
    path: str
    line: int
    column: int
    what: str


def _slug(text: str) -> str:
    return "-".join(text.lower().replace("'", "").split())


def _day(rng: random.Random, lo: int = 0, hi: int = 330) -> date:
    return FIRST_DAY + timedelta(days=rng.randint(lo, hi))


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def pmo_lines() -> list[str]:
    return [
        "# yaml-language-server: $schema=../schemas/pmo.schema.json",
        "schema_version: 1",
        "name: Synthetic Group PMO",
        "currency: GBP",
        "day_hours: 7.5",
        "contact: pmo@synthetic.example",
        "opening_hours:",
        *(f'  {day}: "09:00-17:30"' for day in WEEKDAYS[:4]),
        '  friday: ["09:00-12:00", "13:00-16:00"]',
        "holidays:",
        "  country: GB",
        "  subdivision: ENG",
        "  extra:",
        "    - {date: 2027-12-24, name: Christmas Eve}",
        "closures:",
        "  - {from: 2027-12-20, to: 2028-01-04, name: Year-end freeze}",
    ]


def skill_ids(count: int) -> list[str]:
    ids = [_slug(word) for word in SKILL_WORDS[:count]]
    ids += [f"{_slug(SKILL_WORDS[i % len(SKILL_WORDS)])}-{i // len(SKILL_WORDS) + 1}"
            for i in range(len(ids), count)]
    return ids


def skills_lines(ids: list[str], rng: random.Random) -> list[str]:
    lines = ["levels: {1: Aware, 2: Practitioner, 3: Experienced, 4: Expert, 5: Authority}",
             "skills:"]
    for ident in ids:
        name = ident.replace("-", " ").capitalize()
        if rng.random() < 0.5:
            lines.append(f"  - {{id: {ident}, name: {name}, sfia: {ident[:4].upper()}}}")
        else:
            lines += [f"  - id: {ident}", f"    name: {name}",
                      f"    description: Doing {name.lower()} well, every time"]
    return lines


def ingredients_lines(count: int, people: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    ids, lines = [], ["ingredients:"]
    for i in range(count):
        kind = INGREDIENT_KINDS[i % len(INGREDIENT_KINDS)]
        ident = f"{kind}-{i + 1:04d}"
        ids.append(ident)
        lines += [f"  - id: {ident}", f"    name: {kind.capitalize()} number {i + 1}",
                  f"    kind: {kind}", "    status: ready", f"    owner: {rng.choice(people)}"]
        if rng.random() < 0.3:
            lines += ["    available_from: 2026-01-01",
                      f"    cost: {{amount: {rng.randint(1, 40) * 100}, per: year}}"]
    return ids, lines


def person_ids(count: int) -> list[str]:
    return [f"{_slug(FIRST[i % len(FIRST)])}-{_slug(LAST[i // len(FIRST) % len(LAST)])}-{i + 1}"
            for i in range(count)]


def roster_lines(ids: list[str], skills: list[str], rng: random.Random) -> list[str]:
    lines = ["# yaml-language-server: $schema=../schemas/roster.schema.json", "people:"]
    for index, ident in enumerate(ids):
        first, last = ident.split("-")[:2]
        held = rng.sample(skills, k=min(len(skills), rng.randint(3, 7)))
        levels = ", ".join(f"{s}: {rng.randint(2, 5)}" for s in held)
        lines += [f"  - id: {ident}", f"    name: {first.capitalize()} {last.capitalize()}",
                  f"    role: {ROLES[index % len(ROLES)]}", f"    skills: {{{levels}}}",
                  f"    hours_per_week: {rng.choice(('37.5', '37.5', '30', '22.5'))}",
                  f"    cost_per_hour: {rng.randint(30, 70)}"]
        if rng.random() < 0.25:
            lines.append("    working_days: [monday, tuesday, wednesday, thursday]")
        if rng.random() < 0.4:
            start = _day(rng)
            lines += ["    absences:",
                      f"      - {{from: {start}, to: {start + timedelta(days=4)}, reason: Annual leave}}"]
        if rng.random() < 0.3:
            start = _day(rng, 0, 200)
            lines += ["    commitments:",
                      f"      - {{from: {start}, to: {start + timedelta(days=60)}, "
                      f"hours_per_week: {rng.randint(2, 10)}, for: Line management}}"]
    return lines


def service_lines(ident: str, index: int, skills: list[str], people: list[str],
                  ingredients: list[str], rng: random.Random) -> list[str]:
    name = ident.rsplit("-", 1)[0].replace("-", " ").capitalize()
    recipe = [(skill, rng.randint(1, 2), rng.choice((4, 8, 12, 16, 24)))
              for skill in rng.sample(skills, k=rng.randint(1, 4))]
    hours = sum(line[2] for line in recipe)
    model = rng.choice(("fixed", "fixed", "hourly", "day_rate", "per_month", "free"))
    # priced above what the dearest chef costs (70 an hour), as a PMO would
    amount = {"fixed": hours * rng.randint(8, 15) * 10, "hourly": rng.randint(80, 150),
              "day_rate": rng.randint(6, 12) * 100, "per_month": hours * rng.randint(8, 12) * 10,
              "free": 0}[model]
    price = "{model: free}" if model == "free" else f"{{model: {model}, amount: {amount}}}"
    lines = [
        "# yaml-language-server: $schema=../../schemas/service.schema.json",
        f"id: {ident}",
        f"name: {name}",
        f"category: {CATEGORIES[index % len(CATEGORIES)]}",
        f"status: {rng.choice(('live', 'live', 'live', 'pilot', 'planned'))}",
        f"summary: {name}, delivered by the PMO with a short written report.",
        "description: |",
        f"  The PMO runs the {name.lower()} with the people who know it best, and reports:",
        "",
        "  - what was found, with the evidence behind it",
        "  - the top recommendations, each with an owner",
        f"customers: [{', '.join(rng.sample(CUSTOMERS, k=rng.randint(1, 3)))}]",
        f"owner: {rng.choice(people)}",
        f"ingredients: [{', '.join(rng.sample(ingredients, k=rng.randint(0, 3)))}]",
        "recipe:",
        *(f"  - {{skill: {skill}, level: {level}, hours: {hours}}}" for skill, level, hours in recipe),
        f"lead_time_days: {rng.randint(0, 10)}",
        f"duration_days: {rng.randint(1, 15)}",
        f"price: {price}",
    ]
    if rng.random() < 0.2:
        lines += ["available:", "  - from: 2027-01-15", "    to: 2027-11-30"]
    lines += [f"sla: Report within {rng.randint(5, 15)} open days of kick-off",
              f"tags: [{CATEGORIES[index % len(CATEGORIES)].lower()}, synthetic]"]
    return lines


def request_lines(ident: str, services: list[str], monthly: set[str],
                  rng: random.Random, accepted: float | None = None) -> list[str]:
    start = _day(rng, 0, 250)
    if accepted is None:
        status = rng.choices(("new", "accepted", "declined", "done"), weights=(6, 1, 2, 2))[0]
    else:
        status = "accepted" if rng.random() < accepted else rng.choices(
            ("new", "declined", "done"), weights=(6, 2, 2))[0]
    service = rng.choice(services)
    quantity = rng.randint(1, 3)
    # a per_month request runs to the end of its last month unless it says otherwise
    due = [] if service in monthly else [f"due: {start + timedelta(days=rng.randint(30, 120))}"]
    return [
        "# yaml-language-server: $schema=../../schemas/request.schema.json",
        f"id: {ident}",
        f"service: {service}",
        f"customer: {rng.choice(ORGS)}",
        f"quantity: {quantity}",
        f"start: {start}",
        *due,
        f"budget: {rng.randint(5, 200) * 500}",
        f"priority: {rng.randint(1, 5)}",
        f"status: {status}",
    ]


def _find(lines: list[str], prefix: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(prefix))


def plant(files: dict[str, list[str]], services: list[str], requests: list[str],
          people: list[str]) -> list[Planted]:
    """Write known mistakes into a few files; return where each must be reported."""
    planted: list[Planted] = []

    def mark(code: str, path: str, row: int, token: str, what: str) -> None:
        planted.append(Planted(code, path, row + 1, files[path][row].index(token) + 1, what))

    step = max(1, len(services) // 8)
    s = [f"services/{ident}.yaml" for ident in services[::step]]
    lines = files[s[0]]
    row = _find(lines, "lead_time_days:")
    lines[row] = lines[row].replace("lead_time_days", "lead_time_day")
    mark("unknown-key", s[0], row, "lead_time_day", "a misspelt key")

    lines = files[s[1]]
    row = _find(lines, "  - {skill:")
    lines[row] = lines[row].rsplit("hours:", 1)[0] + "hours: lots}"
    mark("invalid-type", s[1], row, "lots", "text where hours belong")

    lines = files[s[2]]
    row = _find(lines, "sla:")
    lines.insert(row + 1, "name: A second name")
    mark("duplicate-key", s[2], row + 1, "name", "a key given twice")

    lines = files[s[3]]
    row = _find(lines, "category:")
    lines.insert(row + 1, "  colour: green")
    mark("yaml-syntax", s[3], row + 1, ":", "a key indented under a plain value")

    lines = files[s[4]]
    row = _find(lines, "  - {skill:")
    skill = lines[row].split("skill: ", 1)[1].split(",", 1)[0]
    lines[row] = lines[row].replace(f"skill: {skill}", "skill: astrology")
    mark("unknown-reference", s[4], row, "astrology", "a skill nobody defined")

    lines = files[s[5]]
    row = _find(lines, "status:")
    lines[row] = "status: liv"
    mark("invalid-value", s[5], row, "liv", "a status that is not a choice")

    r = [f"requests/{ident}.yaml" for ident in requests[:: max(1, len(requests) // 4)]]
    lines = files[r[0]]
    row = _find(lines, "start:") + 1
    if lines[row].startswith("due:"):
        lines[row] = "due: 2027-02-30"
    else:
        lines.insert(row, "due: 2027-02-30")
    mark("invalid-value", r[0], row, "2027-02-30", "a day February does not have")

    lines = files[r[1]]
    row = _find(lines, "id:")
    lines[row] = "id: REQ-WRONG"
    mark("filename-mismatch", r[1], row, "REQ-WRONG", "an id that is not the file's name")

    lines = files[r[2]]
    row = _find(lines, "customer:")
    del lines[row]
    mark("missing-key", r[2], _find(lines, "id:"), "id", "a required key left out")

    lines = files["roster.yaml"]
    row = _find(lines, f"  - id: {people[len(people) // 2]}")
    row = next(i for i in range(row, len(lines)) if lines[i].startswith("    hours_per_week:"))
    lines[row] = "    hours_per_week: -5"
    mark("invalid-value", "roster.yaml", row, "-5", "negative weekly hours")
    return planted


def generate(out: Path, *, services: int = 2000, people: int = 1000, requests: int = 2000,
             skills: int = 60, ingredients: int = 150, seed: int = 1,
             problems: bool = False, accepted: float | None = None) -> list[Planted]:
    """Write a catalogue into `out` (replacing what is there); return the planted mistakes.

    `accepted`: the share of requests accepted (a heavily booked book); by default about
    one in eleven."""
    rng = random.Random(seed)
    person = person_ids(people)
    skill = skill_ids(skills)
    files: dict[str, list[str]] = {"pmo.yaml": pmo_lines(),
                                   "skills.yaml": skills_lines(skill, rng)}
    ingredient, files["ingredients.yaml"] = ingredients_lines(ingredients, person, rng)
    files["roster.yaml"] = roster_lines(person, skill, rng)
    service = [f"{rng.choice(CATEGORIES).lower()}-{rng.choice(VERBS)}-{i + 1}" for i in range(services)]
    for index, ident in enumerate(service):
        files[f"services/{ident}.yaml"] = service_lines(ident, index, skill, person, ingredient, rng)
    monthly = {ident for ident in service
               if any("model: per_month" in text for text in files[f"services/{ident}.yaml"])}
    request = [f"REQ-{i + 1:05d}" for i in range(requests)]
    for ident in request:
        files[f"requests/{ident}.yaml"] = request_lines(ident, service, monthly, rng, accepted)
    planted = plant(files, service, request, person) if problems else []

    if out.exists():
        shutil.rmtree(out)
    (out / "services").mkdir(parents=True)
    (out / "requests").mkdir()
    for rel, lines in files.items():
        (out / rel).write_text(_text(lines), encoding="utf-8")
    if problems:
        (out / "planted.json").write_text(json.dumps([asdict(p) for p in planted], indent=2) + "\n",
                                          encoding="utf-8")
    return planted


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--skills", type=int, default=60)
    parser.add_argument("--ingredients", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--accepted", type=float, metavar="SHARE",
                        help="accept this share of the requests (0.5: a heavily booked book)")
    parser.add_argument("--problems", action="store_true",
                        help="plant known mistakes and list them in planted.json")
    args = parser.parse_args(argv)
    planted = generate(args.output, services=args.services, people=args.people,
                       requests=args.requests, skills=args.skills, ingredients=args.ingredients,
                       seed=args.seed, problems=args.problems, accepted=args.accepted)
    files = sum(1 for _ in args.output.rglob("*.yaml"))
    print(f"wrote {files} files to {args.output}" + (f", {len(planted)} planted mistakes" if planted else ""))


if __name__ == "__main__":
    main()
