"""The speed goals of the project, judged case by case from a run's figures (the JSON's
``results``): by the benchmark, and again by ``summarise_results.py`` on older runs."""

from .competitors import BUILTIN, ONE_LOOP, OURS
from .operations import OPERATIONS
from .sources import SOURCES

GOAL_LAYER_SHARE = 0.25
GOAL_PIPELINE_RATIO = 1.5
GOAL_SYNC_SPEED_UP = 5
GOAL_ZIP_SPEED_UP = {"asyncstdlib": 4, "aioitertools": 50}


def ok_cell(results, source_key, op_key, competitor):
    cell = results.get(source_key, {}).get(op_key, {}).get(competitor)
    return cell if cell is not None and cell["status"] == "ok" else None


def goals(results):
    """The benchmark's speed goals, each case with its figure and whether it is met."""

    def case(source_key, op_key, figure, value, met):
        where = f"{OPERATIONS[op_key]['label']}, {SOURCES[source_key][0]}"
        return {"case": where, "figure": figure, "value": value, "met": met}

    layer_cases = []
    for op_key in results.get("async_generator", {}):
        if OPERATIONS[op_key]["kind"] not in ("iter", "groups", "tee"):
            continue  # not a layer: a reduction (or anext, which has its own goal)
        ours_cell = ok_cell(results, "async_generator", op_key, OURS)
        peer = ok_cell(results, "async_generator", op_key, "asyncstdlib")
        if ours_cell is None or peer is None:
            continue
        ours_added = ours_cell["added_per_layer"]["median"]
        peer_added = peer["added_per_layer"]["median"]
        figure = f"{ours_added:.0f} ns against {peer_added:.0f} ns"
        if ours_added <= 0:
            # Nothing added over the bare loop (a reduction can beat it): met, whatever the peer.
            share, met = 0.0, True
        elif peer_added <= 0:
            share, met = None, False
        else:
            share = ours_added / peer_added
            met = share <= GOAL_LAYER_SHARE
            figure += f", {share:.2f}"
        layer_cases.append(case("async_generator", op_key, figure, share, met))

    pipeline_cases = []
    for source_key in SOURCES:
        one_loop = ok_cell(results, source_key, "pipeline", ONE_LOOP)
        if one_loop is None or ok_cell(results, source_key, "pipeline", OURS) is None:
            continue
        ratio = 1 / one_loop["ratio_to_ours"]
        figure = f"{ratio:.2f}× the one loop"
        pipeline_cases.append(
            case(source_key, "pipeline", figure, ratio, ratio <= GOAL_PIPELINE_RATIO)
        )

    sync_cases = []
    for op_key in results.get("list", {}):
        peer = ok_cell(results, "list", op_key, "asyncstdlib")
        if peer is None or "ratio_to_ours" not in peer:
            continue
        speed_up = peer["ratio_to_ours"]
        figure = f"{speed_up:.1f}× faster than asyncstdlib"
        sync_cases.append(case("list", op_key, figure, speed_up, speed_up >= GOAL_SYNC_SPEED_UP))

    zip_cases = []
    for op_key in ("zip2", "zip4"):
        for source_key in SOURCES:
            for peer_name, goal in GOAL_ZIP_SPEED_UP.items():
                peer = ok_cell(results, source_key, op_key, peer_name)
                if peer is None or "ratio_to_ours" not in peer:
                    continue
                speed_up = peer["ratio_to_ours"]
                figure = f"{speed_up:.1f}× faster than {peer_name} (goal {goal}×)"
                zip_cases.append(case(source_key, op_key, figure, speed_up, speed_up >= goal))

    anext_cases = []
    for source_key in SOURCES:
        builtin = ok_cell(results, source_key, "anext_default", BUILTIN)
        if builtin is None or "ratio_to_ours" not in builtin:
            continue
        speed_up = builtin["ratio_to_ours"]
        figure = f"builtin/ours {speed_up:.2f}"
        anext_cases.append(case(source_key, "anext_default", figure, speed_up, speed_up >= 1))

    return [
        {
            "goal": "A layer of ours (an operation giving an async iterator) adds at most a "
            "quarter of what an asyncstdlib layer adds, over an async generator",
            "cases": layer_cases,
        },
        {
            "goal": "The pipeline filter → map → enumerate → islice within 1.5× of the same "
            "work written by hand as one loop (the goal is stated for 3.11)",
            "cases": pipeline_cases,
        },
        {
            "goal": "Over a sync source (a list), at least 5× faster than asyncstdlib",
            "cases": sync_cases,
        },
        {
            "goal": "`zip`: at least 4× faster than asyncstdlib and 50× faster than aioitertools",
            "cases": zip_cases,
        },
        {"goal": "`await anext(it, None)`: no slower than the builtin", "cases": anext_cases},
    ]
