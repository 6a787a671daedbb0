"""The matching engine (pure Python, no database): scores against a per-pair reference, the optimum
against networkx's min-cost flow on the full unpruned graph, hard rules on every output,
determinism, locked and excluded pairs, explanations and edge cases."""

import dataclasses
import math
from dataclasses import replace

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorwise.matching.engine import (
    CRITERIA,
    Options,
    People,
    Problem,
    Weights,
    match,
    score_matrix,
)
from mentorwise.matching.engine.features import encode, seniority_score, tz_score

FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
TAGS = ["story", "layout", "pitch", "color", "rigging", "editing"]
LANGS = ["English", "Spanish", "French"]


def random_people(rng, n: int, mentor: bool, max_slots: int) -> People:
    def pick(options, lo, hi):
        return [
            [str(x) for x in rng.choice(options, rng.integers(lo, hi + 1), replace=False)]
            for _ in range(n)
        ]

    return People(
        name=[f"{'Mentor' if mentor else 'Mentee'} {i}" for i in range(n)],
        tags=pick(TAGS, 0, 3),
        goals=[] if mentor else pick(TAGS, 0, 2),
        languages=pick(LANGS, 0 if rng.random() < 0.2 else 1, 2),
        industry=[rng.choice(["film", "games", None]) for _ in range(n)],
        department=[rng.choice(["art", "tech", None]) for _ in range(n)],
        reporting_line=[rng.choice(["l1", "l2", "l3", None]) for _ in range(n)],
        years=np.where(rng.random(n) < 0.1, np.nan, rng.integers(0, 25, n)),
        tz_offset=np.where(rng.random(n) < 0.1, np.nan, rng.choice([-8, -5, 0, 1, 5.5, 9], n)),
        location=[rng.choice(["Lisbon", "Oslo", None]) for _ in range(n)],
        work_mode=[rng.choice(["remote", "in_person", "either"]) for _ in range(n)],
        answers={"pace": [rng.choice(["slow", "fast", None]) for _ in range(n)]},
        slots=rng.integers(0 if mentor else 1, max_slots + 1, n),
        priority=(rng.random(n) < 0.3) * rng.choice([1.0, 2.0], n),
    )


def random_problem(seed: int, n_e: int, n_m: int, rules: bool = True) -> Problem:
    rng = np.random.default_rng(seed)
    mentees = random_people(rng, n_e, False, 2)
    mentors = random_people(rng, n_m, True, 3)

    def some_pairs(k):
        if not (n_e and n_m):
            return []
        return sorted({(int(rng.integers(n_e)), int(rng.integers(n_m))) for _ in range(k)})

    choices = {}
    for i in range(n_e):
        if n_m and rng.random() < 0.4:
            for r, j in enumerate(rng.choice(n_m, min(n_m, 2), replace=False)):
                choices[(i, int(j))] = r + 1
    return Problem(
        mentees=mentees,
        mentors=mentors,
        exclude_same_department=rules and bool(rng.random() < 0.5),
        exclude_same_reporting_line=rules and bool(rng.random() < 0.5),
        past_pairs=some_pairs(2),
        blocked_pairs=some_pairs(2),
        excluded_pairs=some_pairs(1),
        mentee_choices=[(i, j, r) for (i, j), r in choices.items()],
        mentor_choices=[(j, i) for i, j in some_pairs(2)],
    )


# --- a per-pair reference, written independently of the engine's factor tables -------------


def reference_score(problem: Problem, i: int, j: int) -> float:
    e, m, w = problem.mentees, problem.mentors, problem.weights
    norm = str.casefold
    langs_e = [norm(x) for x in e.languages[i]]
    langs_m = {norm(x) for x in m.languages[j]}
    if not set(langs_e) & langs_m:
        return -math.inf
    if problem.exclude_same_department and e.department[i] and e.department[i] == m.department[j]:
        return -math.inf
    if (
        problem.exclude_same_reporting_line
        and e.reporting_line[i]
        and e.reporting_line[i] == m.reporting_line[j]
    ):
        return -math.inf
    banned = set(problem.past_pairs) | set(problem.blocked_pairs) | set(problem.excluded_pairs)
    if (i, j) in banned:
        return -math.inf
    vec = {norm(t): w.interest_weight for t in e.tags[i]}
    for t in e.goals[i]:
        vec[norm(t)] = max(vec.get(norm(t), 0), w.goal_weight)
    expertise = {norm(t) for t in m.tags[j]}
    dot = sum(v for t, v in vec.items() if t in expertise)
    den = math.sqrt(sum(v * v for v in vec.values())) * math.sqrt(len(expertise))
    values = {
        "topics": dot / den if den else 0.0,
        "language": 1.0 if langs_e[0] in langs_m else 0.5,
        "time_zone": float(tz_score(np.float64(e.tz_offset[i]), np.float64(m.tz_offset[j]), w)),
        "seniority": float(seniority_score(np.float64(e.years[i]), np.float64(m.years[j]), w)),
        "industry": float(bool(e.industry[i]) and e.industry[i] == m.industry[j]),
        "meeting": reference_meeting(e.work_mode[i], e.location[i], m.work_mode[j], m.location[j]),
        "answers": float(
            bool(e.answers["pace"][i]) and e.answers["pace"][i] == m.answers["pace"][j]
        ),
    }
    weights = {c: getattr(w, c) for c in CRITERIA}
    # a criterion nobody on one side has data for is dropped
    for name, a, b in (
        ("time_zone", e.tz_offset, m.tz_offset),
        ("seniority", e.years, m.years),
    ):
        if not (np.isfinite(a).any() and np.isfinite(b).any()):
            weights[name] = 0.0
    if not (any(e.industry) and any(m.industry)):
        weights["industry"] = 0.0
    return sum(weights[c] * values[c] for c in CRITERIA) / sum(weights.values())


def reference_meeting(mode_a, place_a, mode_b, place_b) -> float:
    remote = "in_person" not in (mode_a, mode_b)
    in_person = "remote" not in (mode_a, mode_b) and bool(place_a) and place_a == place_b
    return float(remote or in_person)


@FAST
@given(st.integers(0, 10**6), st.integers(1, 6), st.integers(1, 5))
def test_scores_match_a_per_pair_reference(seed, n_e, n_m):
    problem = random_problem(seed, n_e, n_m)
    matrix = score_matrix(problem)
    for i in range(n_e):
        for j in range(n_m):
            expected = reference_score(problem, i, j)
            if expected == -math.inf:
                assert matrix[i, j] == -np.inf
            else:
                assert 0.0 <= matrix[i, j] <= 1.0
                assert matrix[i, j] == pytest.approx(expected, abs=1e-5)


# --- the optimum against networkx on the full graph -------------------------------------------


def networkx_objective(problem: Problem, scale: int = 1000) -> tuple[int, int, int, int]:
    """(pairs, priority, mentees matched, score units) by nx.max_flow_min_cost on the full graph,
    with its own, generous lexicographic constants."""
    scores = score_matrix(problem)
    e, m, w = problem.mentees, problem.mentors, problem.weights
    ranks = {(i, j): r for i, j, r in problem.mentee_choices}
    max_rank = max(ranks.values(), default=1)
    chose = {(i, j) for j, i in problem.mentor_choices}
    per, pri = 10**9, 10**13
    prio_e = np.rint(np.asarray(e.priority)).astype(int)
    prio_m = np.rint(np.asarray(m.priority)).astype(int)
    g = nx.DiGraph()
    g.add_nodes_from(["s", "t"])
    units = {}
    for i, slots in enumerate(np.asarray(e.slots).tolist()):
        if slots:
            g.add_edge("s", ("first", i), capacity=1, weight=-(pri * int(prio_e[i]) + per))
            g.add_edge(("first", i), ("e", i), capacity=1, weight=0)
            if slots > 1:
                g.add_edge("s", ("e", i), capacity=slots - 1, weight=0)
    for j, cap in enumerate(np.asarray(m.slots).tolist()):
        if cap:
            g.add_edge(("m", j), ("last", j), capacity=1, weight=-pri * int(prio_m[j]))
            g.add_edge(("last", j), "t", capacity=1, weight=0)
            if cap > 1:
                g.add_edge(("m", j), "t", capacity=cap - 1, weight=0)
    for i in range(len(e)):
        for j in range(len(m)):
            if np.isfinite(scores[i, j]) and ("e", i) in g and ("m", j) in g:
                bonus = 0.0
                if (i, j) in ranks:
                    bonus += w.mentee_choice_bonus * (max_rank + 1 - ranks[(i, j)]) / max_rank
                units[i, j] = int(np.rint(np.float64(scores[i, j]) * scale)) + int(
                    np.rint(bonus * scale)
                )
                if (i, j) in chose:
                    units[i, j] += int(np.rint(w.mentor_choice_bonus * scale))
                g.add_edge(("e", i), ("m", j), capacity=1, weight=-units[i, j])
    flow = nx.max_flow_min_cost(g, "s", "t")
    pairs = [(i, j) for (i, j) in units if flow[("e", i)].get(("m", j), 0)]
    priority = sum(int(prio_e[i]) for i in range(len(e)) if flow["s"].get(("first", i), 0))
    priority += sum(int(prio_m[j]) for j in range(len(m)) if flow.get(("last", j), {}).get("t"))
    persons = sum(1 for i in range(len(e)) if flow["s"].get(("first", i), 0))
    return len(pairs), priority, persons, sum(units[p] for p in pairs)


@FAST
@given(st.integers(0, 10**6), st.integers(1, 8), st.integers(1, 5))
def test_optimum_equals_networkx_on_the_full_graph(seed, n_e, n_m):
    problem = random_problem(seed, n_e, n_m)
    assert match(problem).objective == networkx_objective(problem)


@FAST
@given(st.integers(0, 10**6), st.integers(4, 9), st.integers(3, 6))
def test_pruned_optimum_is_proven_or_flagged(seed, n_e, n_m):
    problem = random_problem(seed, n_e, n_m, rules=False)
    result = match(problem, Options(k=1, repair_rounds=10))
    if not result.pruning_may_have_cut_optimum:
        assert result.objective == networkx_objective(problem)
    unchecked = match(problem, Options(k=1, verify_pruning=False))
    assert unchecked.objective <= networkx_objective(problem)
    if unchecked.objective < networkx_objective(problem):
        assert unchecked.pruning_may_have_cut_optimum


@FAST
@given(st.integers(0, 10**6), st.integers(2, 9), st.integers(2, 6), st.integers(1, 3))
def test_small_first_solve_and_modest_levels_stay_exact(seed, n_e, n_m, solve_k):
    # solve_k: the first solve sees few arcs and the pool's others join through the certificate;
    # fast_bonus=1 puts the priority and person levels far too low, so the certificate must
    # catch the negative cycles and fall back to the true levels.
    problem = random_problem(seed, n_e, n_m)
    result = match(problem, Options(k=4, solve_k=solve_k, fast_bonus=1))
    assert not result.pruning_may_have_cut_optimum
    assert result.objective == networkx_objective(problem)


@FAST
@given(
    st.integers(0, 10**6), st.integers(2, 9), st.integers(2, 6), st.sampled_from([0.0, 0.02, 1.0])
)
def test_solving_again_with_the_nearly_improving_pairs_stays_exact(seed, n_e, n_m, near):
    # repair_local=0: every round solves again, and then the scanned pairs within `near` of
    # improving join the solver as well.
    problem = random_problem(seed, n_e, n_m)
    result = match(problem, Options(k=3, solve_k=1, repair_k=1, repair_local=0, near=near))
    assert not result.pruning_may_have_cut_optimum
    assert result.objective == networkx_objective(problem)


def test_nearly_improving_pairs_spare_solves(monkeypatch):
    # Pairs close to improving under this round's potentials are the ones the next round would
    # most likely ask for: giving them to the solver now saves rounds.
    from mentorwise.matching.engine import run

    solves = []
    real_solve = run.solve

    def counting_solve(net, fast=False):
        solves.append(1)
        return real_solve(net, fast)

    monkeypatch.setattr(run, "solve", counting_solve)
    totals = {}
    for near in (0.0, 1e6):  # none, or every scanned pair
        solves.clear()
        for seed in range(30):
            problem = random_problem(seed, 30, 8, rules=False)
            options = Options(k=6, solve_k=1, mentor_arcs=0, repair_k=1, repair_local=0, near=near)
            assert match(problem, options).objective == networkx_objective(problem)
        totals[near] = len(solves)
    assert totals[1e6] < totals[0.0]


def test_levels_too_low_for_the_first_solve_fall_back_to_the_true_ones(monkeypatch):
    # The first solve ignores priority and persons entirely (score-only costs): the certificate,
    # taken under the true costs, finds the negative cycles and the engine solves again.
    from mentorwise.matching.engine import flow, run

    fallbacks = []
    real_build, real_solve = flow.build, flow.solve

    def score_only(*args):
        net = real_build(*args)
        if args[-1]:  # fast_factor
            net.fast_costs = np.where(net.tails == flow.SOURCE, 0, net.costs)
            net.fast_costs[net.heads == flow.SINK] = 0
        return net

    def counting_solve(net, fast=False):
        fallbacks.append(not fast)
        return real_solve(net, fast)

    monkeypatch.setattr(run, "build", score_only)
    monkeypatch.setattr(run, "solve", counting_solve)
    for seed in range(40):
        problem = random_problem(seed, 9, 4)
        fallbacks.clear()
        result = match(problem, Options(k=3, solve_k=2))
        assert result.objective == networkx_objective(problem)
        if fallbacks[1:2] == [True]:
            break
    else:
        pytest.fail("no instance needed the fallback")


def test_shortest_path_repair_equals_networkx(monkeypatch):
    # Few violating arcs are repaired from the current flow (no new solve): still the optimum.
    from mentorwise.matching.engine import run

    outcomes = []
    real_repair = run.repair

    def counting_repair(*args, **kwargs):
        out = real_repair(*args, **kwargs)
        outcomes.append(out is not None)
        return out

    monkeypatch.setattr(run, "repair", counting_repair)
    for seed in range(60):
        problem = random_problem(seed, 9, 4)
        result = match(problem, Options(k=1, solve_k=1, repair_k=1))
        assert result.objective == networkx_objective(problem)
        assert not result.pruning_may_have_cut_optimum
    assert sum(outcomes) >= 10


def test_repair_recovers_what_pruning_cut():
    # Both mentees like mentor 0 best; only one place: the other needs her second-best.
    problem = Problem(
        mentees=People(
            name=["Ana", "Bea"],
            goals=[["story"], ["story"]],
            languages=[["English"]] * 2,
        ),
        mentors=People(
            name=["Lee", "Kim"],
            tags=[["story"], ["layout"]],
            languages=[["English"]] * 2,
        ),
    )
    pruned = match(problem, Options(k=3, solve_k=1, mentor_arcs=0, verify_pruning=False))
    proven = match(problem, Options(k=1))
    assert pruned.matched_count == 1 and pruned.pruning_may_have_cut_optimum
    assert proven.matched_count == 2 and not proven.pruning_may_have_cut_optimum
    assert "repair" in proven.pruning_note


# --- hard rules, determinism, locks ------------------------------------------------------------


def assert_rules_hold(problem: Problem, result) -> None:
    e, m = problem.mentees, problem.mentors
    per_mentee = np.zeros(len(e), dtype=int)
    per_mentor = np.zeros(len(m), dtype=int)
    banned = set(problem.past_pairs) | set(problem.blocked_pairs) | set(problem.excluded_pairs)
    seen = set()
    for p in result.pairs:
        assert (p.mentee, p.mentor) not in seen
        seen.add((p.mentee, p.mentor))
        per_mentee[p.mentee] += 1
        per_mentor[p.mentor] += 1
        if p.locked:
            continue
        assert (p.mentee, p.mentor) not in banned
        langs = {x.casefold() for x in m.languages[p.mentor]}
        assert {x.casefold() for x in e.languages[p.mentee]} & langs
        if problem.exclude_same_department and e.department[p.mentee]:
            assert e.department[p.mentee] != m.department[p.mentor]
        if problem.exclude_same_reporting_line and e.reporting_line[p.mentee]:
            assert e.reporting_line[p.mentee] != m.reporting_line[p.mentor]
        assert 0.0 <= p.score <= 1.0
        assert p.reasons
    if not problem.locked_pairs:
        assert (per_mentee <= np.asarray(e.slots)).all()
        assert (per_mentor <= np.asarray(m.slots)).all()
    unmatched = {u.mentee for u in result.unmatched}
    assert unmatched == {i for i in range(len(e)) if per_mentee[i] == 0 and e.slots[i] > 0}
    assert all(u.reason for u in result.unmatched)


@FAST
@given(st.integers(0, 10**6), st.integers(0, 12), st.integers(0, 6), st.integers(1, 60))
def test_every_hard_rule_holds_in_every_output(seed, n_e, n_m, k):
    problem = random_problem(seed, n_e, n_m)
    result = match(problem, Options(k=k))
    assert_rules_hold(problem, result)


def test_same_input_gives_the_same_output():
    problem = random_problem(11, 40, 12)
    options = Options(k=3, chunk_cells=60)  # several blocks of rows
    first, second = match(problem, options), match(problem, options, threads=2)
    assert first.pairs == second.pairs
    assert first.unmatched == second.unmatched
    assert first.objective == second.objective


def test_locked_pairs_are_kept_and_excluded_pairs_are_not_proposed():
    problem = random_problem(5, 12, 5, rules=False)
    free = match(problem)
    taken = free.pairs[0]
    locked = (taken.mentee, (taken.mentor + 1) % 5)
    again = match(
        dataclasses.replace(
            problem, locked_pairs=[locked], excluded_pairs=[(taken.mentee, taken.mentor)]
        )
    )
    proposed = {(p.mentee, p.mentor): p for p in again.pairs}
    assert proposed[locked].locked
    assert (taken.mentee, taken.mentor) not in proposed


def test_locked_pair_that_breaks_a_rule_is_kept_with_a_warning():
    problem = Problem(
        mentees=People(name=["Ana"], languages=[["Spanish"]]),
        mentors=People(name=["Lee"], languages=[["English"]]),
        locked_pairs=[(0, 0)],
    )
    result = match(problem)
    assert [(p.mentee, p.mentor, p.locked) for p in result.pairs] == [(0, 0, True)]
    assert "no shared language" in result.warnings[0]


def test_mentor_choices_lock_when_asked():
    problem = Problem(
        mentees=People(name=["Ana", "Bea"], goals=[["story"], ["layout"]], languages=[["en"]] * 2),
        mentors=People(name=["Lee"], tags=[["story"]], languages=[["en"]]),
        mentor_choices=[(0, 1)],
        lock_mentor_choices=True,
    )
    result = match(problem)
    assert [(p.mentee, p.mentor, p.locked) for p in result.pairs] == [(1, 0, True)]
    assert result.unmatched[0].code == "all_full"


def test_priority_people_are_matched_first():
    problem = Problem(
        mentees=People(
            name=["Ana", "Bea"],
            goals=[["story"], ["layout"]],
            languages=[["en"]] * 2,
            priority=[0, 1],
        ),
        mentors=People(name=["Lee"], tags=[["story"]], languages=[["en"]]),
    )
    assert [p.mentee for p in match(problem).pairs] == [1]


def test_more_mentees_before_second_mentors():
    problem = Problem(
        mentees=People(
            name=["Ana", "Bea"],
            goals=[["story"], ["layout"]],
            languages=[["en"]] * 2,
            slots=[2, 1],
        ),
        mentors=People(name=["Lee", "Kim"], tags=[["story"], ["story"]], languages=[["en"]] * 2),
    )
    result = match(problem)
    assert sorted(p.mentee for p in result.pairs) == [0, 1]


# --- explanations ------------------------------------------------------------------------------


def test_explanations_name_the_criteria_that_count_most():
    problem = Problem(
        mentees=People(
            name=["Ana"],
            goals=[["Storyboarding"]],
            languages=[["Spanish", "English"]],
            tz_offset=[-5],
            industry=["Animation"],
        ),
        mentors=People(
            name=["Lee"],
            tags=[["storyboarding", "Layout"]],
            languages=[["English", "spanish"]],
            tz_offset=[-7],
            industry=["Games"],
        ),
        weights=Weights(topics=0.5, language=0.3, time_zone=0.2, seniority=0, industry=0.1),
    )
    (pair,) = match(problem).pairs
    assert pair.reasons == (
        "Ana's goal 'Storyboarding' matches Lee's expertise",
        "Both speak Spanish",
        "2 hours apart",
    )


def test_explanations_mention_choices_and_meeting_in_person():
    problem = Problem(
        mentees=People(
            name=["Ana"],
            languages=[["English"]],
            location=["Lisbon"],
            work_mode=["in_person"],
        ),
        mentors=People(name=["Lee"], languages=[["English"]], location=["lisbon"]),
        mentee_choices=[(0, 0, 1)],
        weights=Weights(topics=0, language=0, time_zone=0, seniority=0, industry=0, meeting=1),
    )
    (pair,) = match(problem).pairs
    assert pair.reasons[0] == "Ana ranked Lee as choice #1"
    assert "Both can meet in person in Lisbon" in pair.reasons


# --- edge cases --------------------------------------------------------------------------------


def test_no_mentors():
    problem = Problem(mentees=People(name=["Ana"], languages=[["en"]]), mentors=People(name=[]))
    result = match(problem)
    assert result.pairs == [] and result.unmatched[0].code == "no_mentors"


def test_no_mentees():
    problem = Problem(mentees=People(name=[]), mentors=People(name=["Lee"], languages=[["en"]]))
    result = match(problem)
    assert result.pairs == [] and result.unmatched == [] and result.mean_score == 0.0


def test_a_mentee_whose_suitable_mentors_have_no_capacity_is_told_so():
    problem = Problem(
        mentees=People(name=["Ana"], languages=[["en"]]),
        mentors=People(name=["Lee", "Kim"], languages=[["en"]] * 2, slots=[0, 0]),
    )
    result = match(problem)
    assert result.pairs == []
    assert result.unmatched[0].code == "no_capacity"
    assert result.unmatched[0].reason == "All 2 suitable mentors have no capacity in this run."
    one = replace(problem, mentors=People(name=["Lee"], languages=[["en"]], slots=[0]))
    assert match(one).unmatched[0].reason == "The one suitable mentor has no capacity in this run."


def test_full_means_the_places_went_to_others_and_closed_unsuitable_mentors_do_not_count():
    # Lee (capacity 0) and Kim (one place, which Bea takes) both suit Ana: Kim's place went to
    # another mentee, so "full"; Oli has room but no shared language, so Ana's only suitable
    # mentors with room are taken.
    problem = Problem(
        mentees=People(name=["Ana", "Bea"], languages=[["en"]] * 2, priority=[0, 1]),
        mentors=People(
            name=["Lee", "Kim", "Oli"], languages=[["en"], ["en"], ["fr"]], slots=[0, 1, 3]
        ),
    )
    result = match(problem)
    assert [(p.mentee, p.mentor) for p in result.pairs] == [(1, 1)]
    assert result.unmatched[0].code == "all_full"
    assert "their places went to other mentees" in result.unmatched[0].reason
    # A language rule still comes first: nobody suitable at all is not "no capacity".
    alone = replace(problem, mentees=People(name=["Ana"], languages=[["de"]]))
    assert match(alone).unmatched[0].code == "no_language"


def test_a_choice_given_twice_counts_once_at_its_best_rank():
    problem = Problem(
        mentees=People(name=["Ana"], languages=[["en"]]),
        mentors=People(name=["Lee", "Kim"], languages=[["en"]] * 2),
    )
    once = match(replace(problem, mentee_choices=[(0, 1, 1)]))
    twice = match(replace(problem, mentee_choices=[(0, 1, 1), (0, 1, 1), (0, 1, 2)]))
    assert twice.objective == once.objective
    assert [(p.mentee, p.mentor) for p in once.pairs] == [(0, 1)]
    assert twice.pairs == once.pairs
    # mentors' choices too
    picked = replace(problem, mentor_choices=[(1, 0)])
    assert match(replace(picked, mentor_choices=[(1, 0)] * 3)).objective == match(picked).objective


@pytest.mark.parametrize("rank", [0, -5])
def test_a_rank_below_one_is_refused(rank):
    problem = Problem(
        mentees=People(name=["Ana"], languages=[["en"]]),
        mentors=People(name=["Lee"], languages=[["en"]]),
        mentee_choices=[(0, 0, rank)],
    )
    with pytest.raises(ValueError, match="rank below 1"):
        match(problem)


def test_nobody_shares_a_language():
    problem = Problem(
        mentees=People(name=["Ana", "Bea"], languages=[["Spanish"], []]),
        mentors=People(name=["Lee"], languages=[["English"]]),
    )
    result = match(problem)
    assert result.pairs == []
    assert [u.code for u in result.unmatched] == ["no_language", "no_language"]
    assert result.unmatched[0].reason == "No mentor shares a language with Ana."


def test_excluded_by_department_rule_is_the_reason():
    problem = Problem(
        mentees=People(name=["Ana"], languages=[["en"]], department=["Story"]),
        mentors=People(name=["Lee", "Kim"], languages=[["en"], ["fr"]], department=["story", ""]),
        exclude_same_department=True,
    )
    (reason,) = match(problem).unmatched
    assert reason.code == "excluded"
    assert "same department (1)" in reason.reason


def test_past_and_blocked_pairs_are_never_proposed():
    problem = Problem(
        mentees=People(name=["Ana", "Bea"], languages=[["en"]] * 2),
        mentors=People(name=["Lee"], languages=[["en"]], slots=[2]),
        past_pairs=[(0, 0)],
        blocked_pairs=[(1, 0)],
    )
    result = match(problem)
    assert result.pairs == []
    assert {u.code for u in result.unmatched} == {"excluded"}


def test_bad_indices_are_refused():
    problem = Problem(
        mentees=People(name=["Ana"]), mentors=People(name=["Lee"]), locked_pairs=[(0, 3)]
    )
    with pytest.raises(ValueError, match="locked_pairs"):
        match(problem)


def test_priorities_too_large_for_exact_costs_are_refused():
    problem = Problem(mentees=People(name=["Ana"], priority=[10**6]), mentors=People(name=["Lee"]))
    with pytest.raises(ValueError, match="priority"):
        match(problem)


def test_encoding_drops_criteria_without_data():
    problem = Problem(mentees=People(name=["Ana"]), mentors=People(name=["Lee"]))
    weights = encode(problem).weights
    assert weights["time_zone"] == weights["seniority"] == weights["answers"] == 0
    assert sum(weights.values()) == pytest.approx(1.0)


def test_a_run_leaves_the_garbage_collector_as_it_found_it():
    # match() pauses the cyclic collector while it runs (it makes many small objects and no
    # cycles), and gives it back as it was, also when the run fails.
    import gc

    problem = random_problem(1, 6, 3)
    assert gc.isenabled()
    match(problem)
    assert gc.isenabled()
    with pytest.raises(ValueError):
        match(dataclasses.replace(problem, locked_pairs=[(99, 0)]))
    assert gc.isenabled()
    gc.disable()
    try:
        match(problem)
        assert not gc.isenabled()
    finally:
        gc.enable()
