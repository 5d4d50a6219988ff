"""The restart chaos year's section of docs/benchmarks.md (bench/test_b1_chaos.py's figures)."""

from typing import Any

KINDS = {
    "native_windows": "Native windows",
    "no_native_windows": "No native windows",
    "sleeping": "Sleeping",
    "read_back": "No native windows, reads every write back",
}
RESTART_KINDS = {
    "mid_flush": "in the middle of a flush (the lock took the write, or not; its answer never came)",
    "before_read_back": "between a write and its read-back",
    "moment_due": "a second after a stay's moment fell due, before it was handled",
    "feed_fetch": "while a calendar fetch hung",
    "store_write_cut": "with the store's final write cut in half",
    "quiet": "quietly",
}
TEXT = """
B1's year ({days} days) with Home Assistant stopped for real (`async_stop`) and a new one started on the same
storage two minutes later, {restarts} times at seeded instants ({lives} lives, {clock_steps} clock steps,
{replay_seconds} s of wall time): {ways}. The locks are B1's (5 % failed writes, two 6-hour outages each) and
a fourth that reads every write back.
"""


def _row(*cells: object) -> str:
    """Return one Markdown table row."""
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def b1_chaos(figures: dict[str, Any]) -> list[str]:
    """Return the chaos year's section: the invariants per lock kind, and those of the whole property."""
    ways = "; ".join(
        f"{RESTART_KINDS[kind]} ({counts['came']} of {counts['planned']})"
        for kind, counts in figures["restarts_by_kind"].items()
    )
    text = " ".join(TEXT.split()).format(ways=ways, **figures)
    lines = [
        "## B1 under restart chaos",
        "",
        text,
        "",
        _row(
            "Lock kind",
            "Missing at window start (reachable 1 h before)",
            "Guest at the door without a working code (reachable 1 h before)",
            "Usable > 1 min after window end: all up / Home Assistant restarting",
            "Writes repeated",
            "Slots guest_pins has wrong at the end",
            "Transactions / reservation",
        ),
        _row(*["---"] * 7),
    ]
    for kind, label in KINDS.items():
        row = figures["kinds"][kind]
        ours, way_in = row["guest_pins"], row["way_in"]
        lines.append(
            _row(
                label,
                f"{ours['missing_at_start']} ({ours['missing_at_start_when_reachable_1h_before']})",
                f"{way_in['guest_at_door_without_working_code']} "
                f"({way_in['guest_at_door_without_working_code_when_reachable_1h_before']})",
                f"{row['usable_after_end_plus_1_min_when_reachable']} / "
                f"{row['usable_after_end_plus_1_min_while_home_assistant_restarted']}",
                row["writes_repeated"],
                row["view_mismatches_at_end"],
                ours["transactions_per_reservation"],
            )
        )
    lines += [
        "",
        (
            f"Reminders and checks before arrival: {figures['reminders_and_checks_expected']} due, "
            f"{figures['reminders_and_checks_missing']} missing, "
            f"{figures['reminders_and_checks_repeated']} repeated. "
            f"Messages with a guest's code to the host: {figures['key_messages']}, "
            f"{figures['key_messages_repeated']} repeated. Writes still in flight at the end: "
            f"{figures['writes_in_flight_at_end']}. Starts from the store's previous copy (final write "
            f"cut): {figures['starts_from_previous_copy']}, every one readable."
        ),
        "",
    ]
    return lines


def chaos_targets(figures: dict[str, Any]) -> list[str]:
    """Return the chaos year's invariants as targets, met or missed."""
    kinds = figures["kinds"]
    stranded = sum(
        row["way_in"]["guest_at_door_without_working_code_when_reachable_1h_before"] for row in kinds.values()
    )
    missing = sum(row["guest_pins"]["missing_at_start_when_reachable_1h_before"] for row in kinds.values())
    listening = ("no_native_windows", "read_back")
    late = sum(kinds[kind]["usable_after_end_plus_1_min_when_reachable"] for kind in listening)
    down = sum(
        kinds[kind]["usable_after_end_plus_1_min_while_home_assistant_restarted"] for kind in listening
    )
    repeated = sum(row["writes_repeated"] for row in kinds.values())
    wrong = sum(row["view_mismatches_at_end"] for row in kinds.values())
    once = figures["reminders_and_checks_missing"] + figures["reminders_and_checks_repeated"]
    once += figures["key_messages_repeated"]

    def verdict(count: int) -> str:
        """Return met or missed."""
        return "**met**." if count == 0 else "**missed**."

    return [
        f"- Under {figures['restarts']} restarts: no guest at the door without a working code, no code "
        f"missing at a window start, when the lock was reachable an hour before: {stranded} / {missing} - "
        + verdict(stranded + missing),
        (
            f"- Under restarts, no code usable more than a minute after its window on listening locks "
            f"without native windows, while they and Home Assistant were up: {late} - {verdict(late)} While "
            f"Home Assistant itself was down across a window's end: {down} (it is removed in the first "
            "second of the next start; nobody can take a code away while Home Assistant is stopped)."
        ),
        f"- Under restarts, no write lost or repeated, every reminder, check and code message exactly once: "
        f"{repeated} repeated, {wrong} slots wrong, {once} reminders, checks or messages missing or twice - "
        + verdict(repeated + wrong + once),
    ]
