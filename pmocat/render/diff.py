"""A diff report in words: text for people, Markdown for a pull-request comment, JSON, and
GitHub annotations at the changed lines. The summary line comes first in every format.

User text (names, values) is made harmless for each: `plain` on a terminal, escaped in
Markdown and workflow commands, exact in JSON.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmocat.render.github import escape_data, escape_property
from pmocat.render.markdown import text as md_text
from pmocat.render.safe import one_line
from pmocat.words import day_words, hours, money, plural, words_list

if TYPE_CHECKING:
    from pmocat.diff import Report
    from pmocat.diff.changes import Change
    from pmocat.diff.consequences import Consequence, Side

FORMATS = ("text", "md", "json", "github")
#: the first line of a pull-request comment, so CI can find and update it
MARKER = "<!-- pmocat-diff -->"
#: rows past which a Markdown table is folded in <details>
FOLD_AFTER = 10
_KIND_WORDS = {"pmo": "the PMO", "skill": "skill", "ingredient": "ingredient",
               "service": "service", "person": "person", "request": "request"}
_KIND_PLURAL = {"person": "people"}


# -- the summary ---------------------------------------------------------------------------

def summary(report: Report) -> str:
    """One line for people: what changed, then what it does."""
    head = _what_changed(report)
    does = _what_it_does(report)
    if not does:
        return head + "."
    return f"{head}: {', '.join(does)}."


def _entity(kind: str, ident: str) -> str:
    """'service risk-workshop', and 'the PMO' (there is one, and its id says nothing)."""
    return _KIND_WORDS[kind] if kind == "pmo" else f"{_KIND_WORDS[kind]} {one_line(ident)}"


def _kinds(count: int, kind: str) -> str:
    if kind == "pmo":
        return _KIND_WORDS[kind]
    word = _KIND_PLURAL.get(kind) if count != 1 else None
    return f"{count} {word}" if word else plural(count, kind)


def _what_changed(report: Report) -> str:
    if report.base.cat is None:
        return f"The catalogue is new in {report.head.label}"
    if report.head.cat is None:
        return f"The catalogue is gone in {report.head.label}"
    if not report.changes:
        moved = len(report.moves)
        return "No changes" + (f" ({plural(moved, 'file')} renamed or moved)" if moved else "")
    by_entity: dict[tuple[str, str], list[Change]] = {}
    for change in report.changes:
        by_entity.setdefault((change.kind, change.id), []).append(change)
    phrases = [_entity_phrase(report, changes) for changes in by_entity.values()]
    if len(phrases) <= 2:
        return _capital(words_list(phrases))
    counts = Counter(kind for kind, _ in by_entity)
    return "Changes to " + words_list(_kinds(n, kind) for kind, n in counts.items())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _entity_phrase(report: Report, changes: list[Change]) -> str:
    first = changes[0]
    name = one_line(first.name or first.id)
    if first.kind == "pmo":
        return "the PMO's " + words_list(one_line(c.field or "") for c in changes) + " change"
    if first.change == "added":
        return f"{name} joins" if first.kind == "person" else f"{_entity(first.kind, name)} added"
    if first.change == "removed":
        return f"{name} leaves" if first.kind == "person" else f"{_entity(first.kind, name)} removed"
    if len(changes) == 1 and first.field == "price.amount":
        currency = _currency(report)
        return f"{name}'s price goes from {_money(first.before, currency)} to {_money(first.after, currency)}"
    if len(changes) == 1 and first.field == "status":
        return f"{name} is now {one_line(str(first.after))}"
    fields = sorted({(c.field or "").split(".")[0] for c in changes})
    return f"{name}'s {words_list(one_line(f) for f in fields)} change"


def _what_it_does(report: Report) -> list[str]:
    found: list[str] = []
    by_code: dict[str, list[Consequence]] = {}
    for c in report.consequences:
        by_code.setdefault(c.code, []).append(c)
    for verdict in by_code.get("verdict", []):
        refused = [r for r in verdict.details.get("reasons_after", []) if r != "skill-shortfall"]
        if verdict.before is None:  # a request new in HEAD only
            found.append(f"{verdict.id} cannot be taken ({words_list(_REASON_WORDS.get(r, r) for r in refused)})"
                         if refused else f"{verdict.id} does not fit{_short(report, verdict)}"
                         if verdict.after == "no" else f"{verdict.id} fits")
        elif verdict.after == "no" and refused:
            why = words_list(_REASON_WORDS.get(r, r) for r in refused)
            found.append(f"{verdict.id} can no longer be taken ({why})")
        elif verdict.after == "no":
            found.append(f"{verdict.id} no longer fits{_short(report, verdict)}")
        else:
            found.append(f"{verdict.id} now fits")
    for c in by_code.get("book-does-not-fit", []):
        short = words_list(f"{r['request']} {hours(r['short_hours'])} h short"
                           for r in c.details["short_after"]) if c.details["short_after"] else ""
        found.append({"introduced": f"the accepted book no longer fits ({short})",
                      "resolved": "the accepted book fits again",
                      "changed": f"the accepted book still does not fit ({short})"}[c.change])
    # the plan's part, for the requests whose verdict has not said it already
    said = {c.id for c in by_code.get("verdict", [])}
    plan = [c for c in by_code.get("plan", []) if c.id not in said]
    dropped = [c.id or "" for c in plan if c.before == "taken" and c.after == "declined"]
    added = [c.id or "" for c in plan if c.after == "taken"]
    if dropped:
        found.append(f"the plan no longer takes {words_list(dropped, most=3)}")
    if added:
        found.append(f"the plan now takes {words_list(added, most=3)}")
    for code, (gained, lost) in _CHECK_WORDS.items():
        for change, words in (("introduced", gained), ("resolved", lost)):
            count = len({c.id for c in by_code.get(code, []) if c.change == change})
            if count:
                found.append(words.format(things=_kinds(count, "service"),
                                          verb="becomes" if count == 1 else "become",
                                          is_="is" if count == 1 else "are"))
    others = [c for code, cs in by_code.items() for c in cs
              if code not in _CHECK_WORDS and c.diagnostic is not None]
    for change in ("introduced", "resolved"):
        counts = Counter(c.diagnostic.severity.value for c in others  # type: ignore[union-attr]
                         if c.change == change)
        if counts:
            found.append(words_list(plural(n, "error" if s == "error" else "warning" if s == "warning" else "note")
                                    for s, n in sorted(counts.items())) + f" {change}")
    capacity = _capacity_headline(report, by_code.get("capacity", []))
    if capacity:
        found.append(capacity)
    margins = by_code.get("margin", [])
    if margins:
        found.append(f"the margin changes on {_kinds(len(margins), 'service')}")
    if report.unknown:
        found.append(f"consequences unknown ({one_line(report.unknown_why or '')})")
    return found


#: can-take's refusals, as the summary says them
_REASON_WORDS = {"unknown-service": "its service is gone", "not-on-menu": "its service is off the menu",
                 "ingredient-not-ready": "an ingredient is not ready", "over-budget": "over budget",
                 "window-too-short": "the window is too short", "out-of-season": "out of season",
                 "ingredient-unavailable": "an ingredient is unavailable",
                 "notice-too-short": "too little notice", "due-before-start": "due before it starts",
                 "beyond-horizon": "too far ahead"}
#: how the summary says a check code introduced and resolved, counted by service
_CHECK_WORDS = {
    "single-chef": ("{things} {verb} single-chef", "{things} no longer single-chef"),
    "uncookable-service": ("{things} can no longer be delivered", "{things} {verb} cookable"),
    "price-below-cost": ("{things} now priced below cost", "{things} no longer priced below cost"),
}


def _short(report: Report, verdict: Consequence) -> str:
    short = verdict.details.get("short_hours_after") or 0.0
    if not short:
        return ""
    by_skill = verdict.details.get("short_by_skill_after") or []
    if by_skill:
        top = max(by_skill, key=lambda s: s["short_hours"])
        return f" ({hours(short)} h of {_skill_name(report, top['skill'])} short)"
    return f" ({hours(short)} h short)"


def _skill_name(report: Report, skill: str) -> str:
    for side in (report.head, report.base):
        if side.cat is not None and skill in side.cat.skills:
            return one_line(side.cat.skills[skill].name).lower()
    return one_line(skill)


def _capacity_headline(report: Report, found: list[Consequence]) -> str | None:
    if not found:
        return None

    def change(c: Consequence) -> float:
        before, after = float(c.before or 0), float(c.after or 0)
        return (after - before) / before if before else 1.0

    # a fall before any rise: a reviewer must not read 'rises' over a loss elsewhere
    worst = max(found, key=lambda c: (change(c) < 0, round(abs(change(c)), 4), c.details["level"]))
    pct = change(worst)
    name = _skill_name(report, worst.details["skill"])
    level = worst.details["level"]
    weeks = plural(worst.details["weeks"], "week")
    if not worst.before:
        return f"capacity for {name} level {level}+ appears over the next {weeks}"
    if not worst.after:
        return f"capacity for {name} level {level}+ is gone over the next {weeks}"
    return (f"capacity for {name} level {level}+ {'falls' if pct < 0 else 'rises'} "
            f"{abs(pct):.0%} over the next {weeks}")


# -- values ------------------------------------------------------------------------------

def _currency(report: Report) -> str:
    for side in (report.head, report.base):
        if side.cat is not None and side.cat.pmo is not None:
            return side.cat.pmo.currency
    return ""


def _money(value: Any, currency: str) -> str:
    if value is None:
        return "none"
    return money(Decimal(str(value)), currency) if currency else str(value)


def value_words(value: Any) -> str:
    """A field's value on one line: lists as their items, mappings as key: value."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "[" + ", ".join(value_words(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {value_words(v)}" for k, v in value.items()) + "}"
    if isinstance(value, float):
        return hours(value)
    return one_line(str(value))


def _list_delta(before: Any, after: Any) -> tuple[list[Any], list[Any]] | None:
    """The items a list lost and gained, when it kept some: a person's fifth absence
    added reads as that absence, not as the four before it written out twice."""
    if not (isinstance(before, list) and isinstance(after, list)):
        return None
    gone, new = [v for v in before if v not in after], [v for v in after if v not in before]
    if not (gone or new) or not any(v in after for v in before):
        return None
    return gone, new


def _sides_words(change: Change) -> tuple[str, str]:
    """(before, after) of a changed field in words; of a list that kept some items, the
    items removed (−) and added (+)."""
    delta = _list_delta(change.before, change.after)
    if delta is None:
        return value_words(change.before), value_words(change.after)
    gone, new = delta
    return (", ".join(f"− {value_words(v)}" for v in gone), ", ".join(f"+ {value_words(v)}" for v in new))


def _change_line(change: Change) -> str:
    if change.change in ("added", "removed"):
        return change.change
    before, after = _sides_words(change)
    if _list_delta(change.before, change.after) is not None:
        return f"{change.field}: {'; '.join(part for part in (before, after) if part)}"
    return f"{change.field}: {before} → {after}"


def _consequence_parts(report: Report, c: Consequence) -> tuple[str, str, str]:
    """(what, subject, before → after) of one consequence, in words."""
    if c.code == "verdict":
        refused = [r for r in c.details.get("reasons_after", []) if r != "skill-shortfall"]
        why = f"; {', '.join(refused)}" if c.after == "no" and refused else ""
        if c.before is None:
            return ("verdict", c.id or "", f"(new) → {c.after} (short {hours(c.details['short_hours_after'])} h{why})")
        return ("verdict", c.id or "", f"{c.before} → {c.after} (short {hours(c.details['short_hours_before'])} h"
                f" → {hours(c.details['short_hours_after'])} h{why})")
    if c.code == "plan":
        return ("plan", c.id or "", f"{c.before} → {c.after}")
    if c.code == "book-does-not-fit":
        def short(rows: list[dict[str, Any]]) -> str:
            return words_list(f"{r['request']} {hours(r['short_hours'])} h short" for r in rows) if rows else "fits"
        return ("book-does-not-fit", "accepted book",
                f"{short(c.details['short_before'])} → {short(c.details['short_after'])}")
    if c.code == "capacity":
        return ("capacity", f"{one_line(c.details['skill'])} level {c.details['level']}+",
                f"{hours(float(c.before))} h → {hours(float(c.after))} h over {plural(c.details['weeks'], 'week')}")
    if c.code == "margin":
        currency = _currency(report)
        return ("margin", c.id or "", f"{_money(c.before, currency)} → {_money(c.after, currency)} per unit")
    d = c.diagnostic
    assert d is not None
    side = report.head if c.change == "introduced" else report.base
    where = f"{side.display(d.span.path)}:{d.span.line}"
    return (f"{c.code} {c.change}", one_line(c.id or ""), f"{one_line(d.message)} ({one_line(where)})")


def _consequence_rows(report: Report) -> list[tuple[str, str, str]]:
    """Every consequence in words, with a skill's levels that moved alike said once:
    "assurance levels 1–3" rather than three rows of the same figures."""
    rows: list[tuple[str, str, str]] = []
    run: list[Consequence] = []

    def close() -> None:
        if not run:
            return
        what, _, change = _consequence_parts(report, run[0])
        low, high = run[0].details["level"], run[-1].details["level"]
        levels = f"level {low}+" if low == high else f"levels {low}–{high}"
        rows.append((what, f"{one_line(run[0].details['skill'])} {levels}", change))
        run.clear()

    for c in report.consequences:
        alike = (c.code == "capacity" and run and c.details["skill"] == run[-1].details["skill"]
                 and c.details["level"] == run[-1].details["level"] + 1
                 and (c.before, c.after) == (run[-1].before, run[-1].after))
        if not alike:
            close()
        if c.code == "capacity":
            run.append(c)
        else:
            rows.append(_consequence_parts(report, c))
    close()
    return rows


def _errors(side: Side) -> list[str]:
    return [f"{one_line(side.display(d.span.path))}:{d.span.line}:{d.span.column}: {d.code} "
            f"{one_line(d.message)}" for d in side.errors]


# -- formats -----------------------------------------------------------------------------

def render(fmt: str, report: Report) -> str:
    return {"text": render_text, "md": render_md, "json": render_json,
            "github": render_github}[fmt](report)


def _heading(report: Report) -> str:
    return (f"Comparing {one_line(report.base.label)} with {one_line(report.head.label)}, "
            f"as on {day_words(report.today)}")


def render_text(report: Report) -> str:
    lines = [summary(report), "", _heading(report)]
    if report.changes:
        lines += ["", "Changes"]
        last = None
        for each in report.changes:
            entity = (each.kind, each.id)
            if entity != last:
                lines.append(f"  {_entity(each.kind, each.id)} ({one_line(each.file)})"
                             + (f": {each.change}" if each.change != "changed" else ""))
                last = entity
            if each.change == "changed":
                lines.append(f"    {_change_line(each)}")
    if report.moves:
        lines += ["", "Moved (not a change)"]
        lines += [f"  {_entity(m.kind, m.id)}: {one_line(m.before)} → {one_line(m.after)}"
                  for m in report.moves]
    if report.consequences:
        lines += ["", "Consequences"]
        for what, subject, change in _consequence_rows(report):
            lines.append(f"  {what}: {subject}: {change}" if subject else f"  {what}: {change}")
    if report.unknown:
        lines += ["", f"Not worked out ({one_line(report.unknown_why or '')}): {', '.join(report.unknown)}"]
    for side in (report.base, report.head):
        if side.errors:
            lines += ["", f"Errors in {one_line(side.label)}"]
            lines += [f"  {line}" for line in _errors(side)]
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    return md_text(value).replace("\n", " ") or " "


def _table(header: list[str], rows: list[list[str]], what: str) -> list[str]:
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    table += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    if len(rows) <= FOLD_AFTER:
        return table
    return [f"<details><summary>{plural(len(rows), what)}</summary>", "", *table, "", "</details>"]


def render_md(report: Report) -> str:
    lines = [MARKER, f"**{md_text(summary(report))}**", "", md_text(_heading(report))]
    if report.changes:
        rows = [[_KIND_WORDS[c.kind], c.id, c.file, c.change if c.change != "changed" else c.field or "",
                 *(_sides_words(c) if c.change == "changed" else ("", ""))] for c in report.changes]
        lines += ["", "### Changes", "", *_table(["Kind", "Id", "File", "Change", "Before", "After"],
                                                rows, "change")]
    if report.moves:
        rows = [[_KIND_WORDS[m.kind], m.id, m.before, m.after] for m in report.moves]
        lines += ["", "### Moved (not a change)", "", *_table(["Kind", "Id", "From", "To"], rows, "move")]
    if report.consequences:
        # capacity and margins apart: their many rows must not fold a verdict out of sight
        rows = [list(row) for row in _consequence_rows(report)]
        for title, part in (("Consequences", [r for r in rows if r[0] not in ("capacity", "margin")]),
                            ("Capacity and margins", [r for r in rows if r[0] in ("capacity", "margin")])):
            if part:
                lines += ["", f"### {title}", "", *_table(["Consequence", "Of", "Before → after"], part,
                                                         "consequence")]
    if report.unknown:
        lines += ["", md_text(f"Not worked out ({report.unknown_why or ''}): {', '.join(report.unknown)}")]
    for side in (report.base, report.head):
        if side.errors:
            lines += ["", f"### Errors in {md_text(side.label)}", ""]
            lines += [f"- {md_text(line)}" for line in _errors(side)]
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> dict[str, Any]:
    changes = []
    for c in report.changes:
        row: dict[str, Any] = {"kind": c.kind, "id": c.id, "file": c.file, "change": c.change}
        if c.change == "changed":
            row.update({"field": c.field, "before": c.before, "after": c.after})
        changes.append(row)
    consequences = []
    for q in report.consequences:
        row = {"code": q.code}
        if q.code in ("verdict", "plan"):
            row["request"] = q.id
        elif q.code not in ("capacity", "book-does-not-fit"):
            row["id"] = q.id
        if q.kind is not None:
            row["kind"] = q.kind
        row["change"] = q.change
        if q.diagnostic is not None:
            side = report.head if q.change == "introduced" else report.base
            d = q.diagnostic
            row.update({"severity": d.severity.value, "message": d.message,
                        "path": side.display(d.span.path), "line": d.span.line, "column": d.span.column})
        else:
            row.update({"before": q.before, "after": q.after, **q.details})
        consequences.append(row)
    return {
        "base": report.base.label, "head": report.head.label, "today": report.today.isoformat(),
        "weeks": report.weeks,
        "changes": changes,
        "moves": [{"kind": m.kind, "id": m.id, "before": m.before, "after": m.after} for m in report.moves],
        "consequences": consequences,
        "unknown": report.unknown, "unknown_why": report.unknown_why,
        "errors": {"base": len(report.base.errors), "head": len(report.head.errors)},
        "summary": summary(report),
    }


def render_json(report: Report) -> str:
    return json.dumps(as_json(report), indent=2, ensure_ascii=False) + "\n"


def _annotation(level: str, title: str, message: str, path: str | None = None, line: int | None = None) -> str:
    props = [f"file={escape_property(path)}", f"line={line or 1}"] if path else []
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message)}\n"


def render_github(report: Report) -> str:
    """Workflow commands: the summary as a notice, then each consequence and each change at
    the line of HEAD it is about (a removal, on BASE only, without a line), and capacity
    and margins as one notice each. GitHub shows only the first few notices of a step, so
    what a change does comes before the changes themselves."""
    head = report.head
    out = [_annotation("notice", "pmocat diff", summary(report))]
    for q in report.consequences:
        if q.code in ("capacity", "margin"):
            continue
        what, subject, change = _consequence_parts(report, q)
        d = q.diagnostic
        if d is not None and q.change == "introduced":
            level = {"error": "error", "warning": "warning"}.get(d.severity.value, "notice")
            out.append(_annotation(level, f"pmocat {q.code}", d.message, head.display(d.span.path), d.span.line))
            continue
        path = _request_path(report, q) if q.code in ("verdict", "plan") else None
        out.append(_annotation("notice", f"pmocat {what}", f"{subject}: {change}" if subject else change,
                               path, 1 if path else None))
    for c in report.changes:
        path = f"{head.shown}/{c.file}" if head.shown and c.change != "removed" else None
        text = f"{_entity(c.kind, c.id)}: {_change_line(c)}"
        out.append(_annotation("notice", "pmocat diff: changed", text, path, c.line if path else None))
    for code in ("capacity", "margin"):
        rows = [f"{subject}: {change}" for what, subject, change in _consequence_rows(report) if what == code]
        if rows:
            out.append(_annotation("notice", f"pmocat {code}", "\n".join(rows)))
    return "".join(out)


def _request_path(report: Report, c: Consequence) -> str | None:
    from pmocat.diff.changes import file_of

    cat = report.head.cat
    if cat is None or c.id is None or ("request", c.id) not in cat.origins:
        return None
    return f"{report.head.shown}/{file_of(cat, 'request', c.id)}"
