"""A synthetic PMO for the planning benchmark: a catalogue directory of plain YAML files.

1,000 people drawn from 20 role templates (with variation in levels, hours, cost, days,
leave and outside commitments), 500 services over 60 skills, and a book of work of 100
accepted and 300 new requests spread over one year. Seeded, so every run is the same.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

SKILLS = [f"skill-{n:02d}" for n in range(60)]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]

#: (role, hours_per_week, cost band, {skill index: level}) -- 20 templates
ROLES: list[tuple[str, float, tuple[int, int], dict[int, int]]] = []


def _roles(rng: random.Random) -> None:
    ROLES.clear()
    for n in range(20):
        core = rng.sample(range(len(SKILLS)), 4)
        levels = {s: rng.choice((2, 3, 3, 4, 4, 5)) for s in core}
        ROLES.append((f"Role {n}", rng.choice((37.5, 37.5, 37.5, 30.0)),
                      (rng.randint(30, 50), rng.randint(55, 90)), levels))


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def write_catalogue(root: Path, *, people: int = 1000, services: int = 500,
                    accepted: int = 100, new: int = 300, today: date = date(2026, 12, 1),
                    seed: int = 7) -> Path:
    """Write the synthetic catalogue under `root` and return it."""
    rng = random.Random(seed)
    _roles(rng)
    for folder in ("services", "requests"):  # a smaller run must not inherit a larger one's files
        shutil.rmtree(root / folder, ignore_errors=True)
    (root / "services").mkdir(parents=True, exist_ok=True)
    (root / "requests").mkdir(exist_ok=True)
    (root / "pmo.yaml").write_text(
        "schema_version: 1\nname: Synthetic PMO\ncurrency: GBP\nopening_hours:\n"
        + "".join(f"  {d}: \"09:00-17:30\"\n" for d in WEEKDAYS)
        + "holidays:\n  country: GB\n  subdivision: ENG\n"
        "closures:\n  - {from: 2027-12-20, to: 2028-01-04, name: Year-end freeze}\n")
    (root / "skills.yaml").write_text(
        "skills:\n" + "".join(f"  - {{id: {s}, name: Skill {s[-2:]}}}\n" for s in SKILLS))
    (root / "ingredients.yaml").write_text(
        "ingredients:\n" + "".join(
            f"  - {{id: tool-{n:02d}, name: Tool {n}, kind: tool, status: ready"
            + (", available_until: 2027-09-30" if n % 10 == 0 else "") + "}\n"
            for n in range(30)))

    start = today + timedelta(days=14)
    lines = ["people:"]
    for n in range(people):
        role, hours, (low, high), levels = ROLES[n % len(ROLES)]
        skills = {SKILLS[s]: max(1, min(5, lvl + rng.choice((-1, 0, 0, 0, 1))))
                  for s, lvl in levels.items() if rng.random() < 0.85}
        if not skills:
            skills = {SKILLS[next(iter(levels))]: 2}
        lines.append(f"  - id: p{n:04d}")
        lines.append(f"    name: Person {n}")
        lines.append(f"    role: {role}")
        lines.append("    skills: {" + ", ".join(f"{k}: {v}" for k, v in skills.items()) + "}")
        part_time = rng.random() < 0.15
        lines.append(f"    hours_per_week: {30.0 if part_time else hours}")
        if part_time:
            lines.append(f"    working_days: {_yaml_list(rng.sample(WEEKDAYS, 4))}")
        lines.append(f"    cost_per_hour: {rng.randrange(low, high + 1, 5)}")
        leave_start = start + timedelta(days=rng.randrange(0, 330))
        lines.append("    absences:")
        lines.append(f"      - {{from: {leave_start}, to: {leave_start + timedelta(days=rng.choice((4, 11)))}}}")
        if rng.random() < 0.85:
            c_start = start + timedelta(days=rng.randrange(-60, 200))
            lines.append("    commitments:")
            lines.append(f"      - {{from: {c_start}, to: {c_start + timedelta(days=rng.randrange(90, 360))}, "
                         f"hours_per_week: {rng.choice((15, 20, 25, 30))}, for: Programme work}}")
    (root / "roster.yaml").write_text("\n".join(lines) + "\n")

    monthly: list[bool] = []
    for n in range(services):
        role = ROLES[rng.randrange(len(ROLES))][3]
        per_month = rng.random() < 0.1
        monthly.append(per_month)
        recipe = []
        for s in rng.sample(sorted(role), rng.randint(1, 3)):
            level = max(1, role[s] - rng.choice((0, 1, 1, 2)))
            hours = rng.randrange(8, 81, 4) if per_month else rng.randrange(40, 401, 8)
            recipe.append(f"  - {{skill: {SKILLS[s]}, level: {level}, hours: {hours}}}")
        unit_hours = sum(int(line.split("hours: ")[1].rstrip("}")) for line in recipe)
        price = (f"{{model: per_month, amount: {unit_hours * 100}}}" if per_month
                 else rng.choice((f"{{model: fixed, amount: {unit_hours * 100}}}",
                                  "{model: hourly, amount: 110}", "{model: day_rate, amount: 800}")))
        season = ("available:\n  - {from: 2027-01-04, to: 2027-10-29}\n" if n % 17 == 0 else "")
        tools = rng.sample(range(30), rng.randint(0, 2))
        (root / "services" / f"service-{n:03d}.yaml").write_text(
            f"id: service-{n:03d}\nname: Service {n}\ncategory: Category {n % 12}\nstatus: "
            f"{'pilot' if n % 25 == 0 else 'live'}\nsummary: Synthetic service {n}.\n"
            f"owner: p{rng.randrange(people):04d}\n"
            f"ingredients: {_yaml_list([f'tool-{t:02d}' for t in tools])}\n"
            "recipe:\n" + "\n".join(recipe) + "\n"
            f"lead_time_days: {rng.choice((0, 2, 5, 10))}\nduration_days: {rng.choice((1, 5, 10, 15))}\n"
            f"price: {price}\n{season}")

    for n in range(accepted + new):
        s = rng.randrange(services)
        begin = start + timedelta(days=rng.randrange(0, 300))
        fields = [f"id: REQ-{n:04d}", f"service: service-{s:03d}", f"customer: Customer {n % 50}",
                  f"start: {begin}", f"priority: {rng.randint(1, 5)}",
                  f"status: {'accepted' if n < accepted else 'new'}"]
        if monthly[s]:
            fields.append(f"quantity: {rng.randint(2, 9)}")
        else:
            fields.append(f"quantity: {rng.randint(1, 16)}")
            fields.append(f"due: {begin + timedelta(days=rng.randrange(21, 100))}")
        (root / "requests" / f"REQ-{n:04d}.yaml").write_text("\n".join(fields) + "\n")
    return root
