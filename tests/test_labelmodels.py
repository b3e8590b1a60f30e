import numpy as np
import pytest

from alchemist.errors import LabelModelError, NotFittedError
from alchemist.labelmodels import (
    DEFAULT_LABEL_MODEL,
    DEV_CANDIDATES,
    LABEL_MODELS,
    AveragedLabelModel,
    DawidSkene,
    LabelModel,
    MajorityVote,
    VotePatterns,
    make_label_model,
    select_label_model,
    simulate_votes,
)

from .conftest import dataset_path

ACCURACIES = np.array([0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55])
# Models that estimate P(vote correct | vote) itself; MajorityVote reports agreement with the
# majority instead, and FlyingSquid a one-vs-rest accuracy beyond two classes.
ESTIMATORS = ["weighted", "dawid_skene", "snorkel", "flyingsquid"]


@pytest.fixture(scope="module")
def binary():
    return simulate_votes(20_000, ACCURACIES, coverage=0.6, seed=3)


@pytest.fixture(scope="module")
def four_classes():
    return simulate_votes(20_000, ACCURACIES, n_classes=4, coverage=0.6, seed=4)


@pytest.mark.parametrize("name", ESTIMATORS)
def test_recovers_known_accuracies_binary(binary, name):
    L, y = binary
    model = make_label_model(name).fit(L, 2)
    # FlyingSquid follows its reference: the mean of triplet ratios overestimates a little.
    tolerance = 0.05 if name == "flyingsquid" else 0.03
    np.testing.assert_allclose(model.accuracies_, ACCURACIES, atol=tolerance)
    assert model.accuracies_.shape == (8,) and model.class_balance_.shape == (2,)
    pred = model.predict(L)
    covered = pred >= 0
    assert (pred[covered] == y[covered]).mean() > 0.88


@pytest.mark.parametrize("name", ["weighted", "dawid_skene", "snorkel"])
def test_recovers_known_accuracies_four_classes(four_classes, name):
    L, y = four_classes
    model = make_label_model(name).fit(L, 4)
    np.testing.assert_allclose(model.accuracies_, ACCURACIES, atol=0.03)
    pred = model.predict(L)
    assert (pred[pred >= 0] == y[pred >= 0]).mean() > 0.92


@pytest.mark.parametrize("name", LABEL_MODELS)
def test_every_model_beats_or_matches_majority_vote_on_four_classes(four_classes, name):
    L, y = four_classes
    majority = MajorityVote().fit(L, 4).predict(L)
    pred = make_label_model(name).fit(L, 4).predict(L)
    proba = make_label_model(name).fit(L, 4).predict_proba(L)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert (pred == y).mean() >= (majority == y).mean() - 0.005


def test_dawid_skene_recovers_class_balance():
    L, _ = simulate_votes(20_000, ACCURACIES, coverage=0.6, class_balance=[0.75, 0.25], seed=5)
    model = DawidSkene().fit(L, 2)
    np.testing.assert_allclose(model.class_balance_, [0.75, 0.25], atol=0.02)


def test_dawid_skene_keeps_a_given_class_balance_as_its_prior():
    L, _ = simulate_votes(20_000, ACCURACIES, coverage=0.6, class_balance=[0.75, 0.25], seed=5)
    estimated = DawidSkene().fit(L, 2)
    given = DawidSkene(class_balance=[0.5, 0.5]).fit(L, 2)
    np.testing.assert_allclose(given.class_balance_, [0.5, 0.5])
    np.testing.assert_allclose(given.predict_proba(np.full((1, L.shape[1]), -1)), [[0.5, 0.5]])
    # A larger prior on class 1 moves the rows the programs leave in doubt toward it.
    assert (given.predict(L) == 1).sum() > (estimated.predict(L) == 1).sum()


@pytest.mark.parametrize("name", LABEL_MODELS)
def test_all_abstain_rows_get_class_balance_and_minus_one(binary, name):
    L, _ = binary
    L = L.copy()
    L[:50] = -1
    model = make_label_model(name).fit(L, 2)
    np.testing.assert_allclose(model.predict_proba(L[:50]), np.tile(model.class_balance_, (50, 1)))
    pred = model.predict(L)
    covered = (L >= 0).any(axis=1)
    assert (pred[~covered] == -1).all() and (pred[covered] >= 0).all() and not covered[:50].any()


@pytest.mark.parametrize("name", LABEL_MODELS)
def test_program_that_never_votes_changes_nothing(binary, name):
    L, _ = binary
    silent = np.hstack([L, np.full((len(L), 1), -1, dtype=np.int8)])
    # The reference FlyingSquid counts a pair of programs that never vote together as a zero
    # triplet moment; "overlapping" leaves such pairs out (the average's FlyingSquid keeps it).
    params = {
        "flyingsquid": {"triplets": "overlapping"},
        "average": {"members": ("dawid_skene", "snorkel")},
    }.get(name, {})
    with_silent = make_label_model(name, **params).fit(silent, 2)
    without = make_label_model(name, **params).fit(L, 2)
    assert np.isnan(with_silent.accuracies_[-1])
    np.testing.assert_allclose(with_silent.accuracies_[:-1], without.accuracies_, atol=1e-3)
    np.testing.assert_allclose(
        with_silent.predict_proba(silent), without.predict_proba(L), atol=1e-3
    )


@pytest.mark.parametrize("name", LABEL_MODELS)
def test_class_never_voted(name):
    L, y = simulate_votes(5_000, ACCURACIES, coverage=0.7, seed=6)  # votes 0/1 only, k = 3
    model = make_label_model(name).fit(L, 3)
    proba = model.predict_proba(L)
    assert proba.shape == (5_000, 3) and np.isfinite(proba).all()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    pred = model.predict(L)
    if name == "snorkel":
        # A fixed uniform prior gives the silent class 1/3 of the mass, as in Snorkel; with
        # the class balance given, the class is (nearly) never predicted.
        model = make_label_model(name, class_balance=[0.49, 0.49, 0.02]).fit(L, 3)
        pred = model.predict(L)
        assert (pred == 2).mean() < 0.01
    else:
        assert set(np.unique(pred)) <= {-1, 0, 1}
    assert (pred[pred >= 0] == y[pred >= 0]).mean() > 0.85


@pytest.mark.parametrize("name", LABEL_MODELS)
def test_deterministic_and_dtype_independent(binary, name):
    L, _ = binary
    first = make_label_model(name, seed=7).fit(L, 2).predict_proba(L)
    again = make_label_model(name, seed=7).fit(L.astype(np.int64), 2).predict_proba(L)
    np.testing.assert_array_equal(first, again)


def test_max_fit_rows_subsamples_with_seed(binary):
    L, _ = binary
    a = DawidSkene(max_fit_rows=2_000, seed=1).fit(L, 2)
    b = DawidSkene(max_fit_rows=2_000, seed=1).fit(L, 2)
    c = DawidSkene(max_fit_rows=2_000, seed=2).fit(L, 2)
    np.testing.assert_array_equal(a.confusion_, b.confusion_)
    assert not np.array_equal(a.confusion_, c.confusion_)
    np.testing.assert_allclose(a.accuracies_, ACCURACIES, atol=0.06)


@pytest.mark.parametrize("name", LABEL_MODELS)
def test_bounded_fit_sample_leaves_parameters_within_sampling_error(name):
    # Rows of 24 programs at coverage 0.5 are (nearly) all distinct, so a bound below the row
    # count makes fit read a sample; a quarter of the rows moves nothing that matters.
    accuracies = np.linspace(0.55, 0.9, 24)
    L, _ = simulate_votes(240_000, accuracies, n_classes=3, coverage=0.5, seed=11)
    full = make_label_model(name, max_fit_rows=None).fit(L, 3)
    sampled = make_label_model(name, max_fit_rows=60_000).fit(L, 3)
    assert np.abs(sampled.accuracies_ - full.accuracies_).max() < 0.01
    assert np.abs(sampled.class_balance_ - full.class_balance_).max() < 0.01
    assert (sampled.predict(L) == full.predict(L)).mean() > 0.99
    patterns = make_label_model(name, max_fit_rows=60_000).fit(VotePatterns.of(L, 3), 3)
    assert np.abs(patterns.accuracies_ - full.accuracies_).max() < 0.01


@pytest.mark.parametrize("name", LABEL_MODELS)
def test_single_polarity_programs_keep_their_weight(name):
    # Eight programs that each vote one class or abstain (as most real labeling functions),
    # four per class, firing on 30-50% of their class and 5-10% of the other.
    rng = np.random.default_rng(8)
    y = rng.integers(0, 2, 30_000)
    target = np.array([0, 1] * 4)
    hit = np.array([0.3, 0.35, 0.4, 0.45, 0.5, 0.3, 0.4, 0.5])
    false = np.array([0.05, 0.1, 0.05, 0.1, 0.05, 0.1, 0.05, 0.1])
    fires = rng.random((30_000, 8)) < np.where(y[:, None] == target, hit, false)
    L = np.where(fires, target, -1).astype(np.int8)
    model = make_label_model(name).fit(L, 2)
    solo = np.full((8, 8), -1, dtype=np.int8)
    solo[np.arange(8), np.arange(8)] = target
    # A lone vote moves the posterior toward the class voted, for every program.
    shift = model.predict_proba(solo)[np.arange(8), target] - model.class_balance_[target]
    assert (shift > 0.05).all(), shift
    assert (model.predict(solo) == target).all()
    pred = model.predict(L)
    assert (pred[pred >= 0] == y[pred >= 0]).mean() > 0.8


def test_ties_go_to_the_larger_class_balance():
    L = np.array([[1, 1, -1]] * 30 + [[0, -1, -1]] * 10 + [[0, 1, -1]], dtype=np.int8)
    model = MajorityVote().fit(L, 2)
    assert model.class_balance_[1] > model.class_balance_[0]
    assert model.predict(np.array([[0, 1, -1]], dtype=np.int8)).tolist() == [1]
    np.testing.assert_allclose(model.predict_proba(np.array([[0, 1, -1]])), [[0.5, 0.5]])


def test_input_errors(binary):
    L, _ = binary
    with pytest.raises(LabelModelError, match="class index in 0..1"):
        MajorityVote().fit(np.array([[0, 2]]), 2)
    with pytest.raises(LabelModelError, match="2-D"):
        MajorityVote().fit(np.array([0, 1]), 2)
    with pytest.raises(LabelModelError, match="integer class indices"):
        MajorityVote().fit(np.array([[0.0, 1.0]]), 2)
    with pytest.raises(LabelModelError, match="n_classes"):
        MajorityVote().fit(L, 1)
    with pytest.raises(NotFittedError):
        DawidSkene().predict(L)
    with pytest.raises(LabelModelError, match="8 program columns"):
        DawidSkene().fit(L, 2).predict(L[:, :3])
    with pytest.raises(LabelModelError, match="Unknown label model"):
        make_label_model("snorkle")


def test_label_model_errors_carry_their_context(binary):
    """What failed is on the error's attributes, not only in its message."""
    L, _ = binary
    with pytest.raises(LabelModelError) as mismatch:
        MajorityVote().fit(L, 2).predict(L[:, :3])
    assert (mismatch.value.model, mismatch.value.n_classes, mismatch.value.n_programs) == (
        None,
        2,
        8,
    )
    with pytest.raises(LabelModelError) as merged:
        VotePatterns.of(L, 2).merge(VotePatterns.of(L[:, :7], 2))
    assert (merged.value.n_classes, merged.value.n_programs) == (2, 8)
    with pytest.raises(LabelModelError) as unknown:
        make_label_model("snorkle")
    assert unknown.value.model == "snorkle"


def test_registry_and_params():
    assert set(DEV_CANDIDATES) == {"majority", "weighted", "dawid_skene", "snorkel", "flyingsquid"}
    assert set(LABEL_MODELS) == {*DEV_CANDIDATES, "average"}
    assert DEFAULT_LABEL_MODEL == "average"
    model = make_label_model("snorkel", class_balance=[0.3, 0.7], seed=2)
    assert isinstance(model, LabelModel)
    assert model.get_params()["class_balance"] == [0.3, 0.7] and model.seed == 2


def test_selection_without_dev_split_uses_default(binary):
    L, _ = binary
    chosen = select_label_model(L, None, None, 2)
    assert chosen.name == DEFAULT_LABEL_MODEL and chosen.scores == {}
    assert isinstance(chosen.model, LABEL_MODELS[DEFAULT_LABEL_MODEL])
    unlabeled = select_label_model(L, L[:100], np.full(100, -1), 2)
    assert unlabeled.name == DEFAULT_LABEL_MODEL and unlabeled.scores == {}


def test_selection_prefers_the_model_that_is_right_on_dev():
    # Two good programs that agree and three that vote the opposite of the truth together:
    # the majority is wrong, a dev split shows it, and selection must not pick majority vote.
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 3_000)
    good = np.where(rng.random((3_000, 2)) < 0.95, y[:, None], 1 - y[:, None])
    bad = np.where(rng.random((3_000, 3)) < 0.6, 1 - y[:, None], y[:, None])
    L = np.hstack([good, bad]).astype(np.int8)
    chosen = select_label_model(
        L[:2_500],
        L[2_500:],
        y[2_500:],
        2,
        candidates=["majority", "dawid_skene", ("snorkel", {"l2": 0.0})],
    )
    assert set(chosen.scores) == {"majority", "dawid_skene", "snorkel(l2=0.0)"}
    assert chosen.scores[chosen.name if not chosen.params else "snorkel(l2=0.0)"] == max(
        chosen.scores.values()
    )
    assert chosen.scores["majority"] < max(chosen.scores.values())
    assert chosen.name != "majority"


def _splits(folder):
    from alchemist.data.dataset import load_dataset
    from alchemist.task import task_from_dict

    task = task_from_dict(
        {
            "name": "spam",
            "description": "spam or not",
            "classes": {0: "HAM", 1: "SPAM"},
            "label_field": "label",
        }
    )
    return {s: load_dataset(folder / f"{s}.json", task) for s in ("train", "valid", "test")}


@pytest.fixture(scope="module")
def spam(spam_folder):
    """The synthetic spam splits, with their ten keyword functions' votes (tests/synthetic.py)."""
    return _splits(spam_folder)


def _filled_accuracy(model, data):
    pred = model.predict(data.reference_votes)
    pred[pred < 0] = int(np.argmax(model.class_balance_))
    return float((pred == data.gold).mean())


@pytest.mark.parametrize("name", ["majority", "dawid_skene", "snorkel", "average"])
def test_accuracy_on_the_spam_splits(name, spam):
    data = spam
    model = make_label_model(name).fit(data["train"].reference_votes, 2)
    assert _filled_accuracy(model, data["test"]) > 0.75


def test_selection_on_the_valid_split(spam):
    data = spam
    chosen = select_label_model(
        data["train"].reference_votes, data["valid"].reference_votes, data["valid"].gold, 2
    )
    assert len(chosen.scores) == len(DEV_CANDIDATES) + 1
    assert max(chosen.scores.values()) > 0.85
    assert _filled_accuracy(chosen.model, data["test"]) > 0.8


@pytest.mark.parametrize(("m", "k"), [(6, 2), (8, 4), (45, 2)])  # dense table, sort, two codes
def test_vote_patterns_merge_in_any_order_equals_the_whole_matrix(m, k):
    L, _ = simulate_votes(6_000, np.linspace(0.6, 0.9, m), n_classes=k, coverage=0.3, seed=m)
    whole = VotePatterns.of(L, k)
    rows, counts = np.unique(L, axis=0, return_counts=True)
    np.testing.assert_array_equal(whole.patterns, rows)
    np.testing.assert_array_equal(whole.counts, counts)
    assert whole.n_rows == 6_000 and whole.n_programs == m and len(whole) == len(rows)
    chunks = [VotePatterns.of(L[i : i + 1_000], k) for i in range(0, 6_000, 1_000)]
    forward = VotePatterns.merge_all(chunks)
    backward = chunks[-1].merge(*chunks[-2::-1])
    shuffled = VotePatterns.of(L[np.random.default_rng(0).permutation(6_000)], k)
    for other in (forward, backward, shuffled):
        np.testing.assert_array_equal(other.patterns, whole.patterns)
        np.testing.assert_array_equal(other.counts, whole.counts)
        assert other.patterns.dtype == np.int8 and other.counts.dtype == np.int64


@pytest.mark.parametrize("name", LABEL_MODELS)
@pytest.mark.parametrize(("m", "coverage"), [(8, 0.3), (40, 0.6)])  # rows repeat / rows unique
def test_fit_on_merged_patterns_equals_fit_on_the_matrix(name, m, coverage):
    accuracies = np.linspace(0.55, 0.9, m)
    L, _ = simulate_votes(12_000, accuracies, n_classes=3, coverage=coverage, seed=m)
    parts = [VotePatterns.of(L[i : i + 5_000], 3) for i in range(0, 12_000, 5_000)]
    on_matrix = make_label_model(name).fit(L, 3)
    on_patterns = make_label_model(name).fit(VotePatterns.merge_all(parts[::-1]), 3)
    assert on_patterns.n_programs_ == m and on_patterns.n_classes_ == 3
    np.testing.assert_allclose(on_patterns.accuracies_, on_matrix.accuracies_, atol=1e-6)
    np.testing.assert_allclose(on_patterns.class_balance_, on_matrix.class_balance_, atol=1e-6)
    np.testing.assert_allclose(on_patterns.predict_proba(L), on_matrix.predict_proba(L), atol=1e-5)


def test_vote_patterns_errors_and_sampling(binary):
    L, _ = binary
    patterns = VotePatterns.of(L, 2)
    with pytest.raises(LabelModelError, match="counted for 2 classes, not 3"):
        DawidSkene().fit(patterns, 3)
    with pytest.raises(LabelModelError, match="Cannot merge vote patterns of 7 programs"):
        patterns.merge(VotePatterns.of(L[:, :7], 2))
    with pytest.raises(LabelModelError, match="class index in 0..1"):
        VotePatterns.of(np.array([[0, 2]]), 2)
    with pytest.raises(LabelModelError, match="at least one"):
        VotePatterns.merge_all([])
    a = DawidSkene(max_fit_rows=2_000, seed=1).fit(patterns, 2)
    b = DawidSkene(max_fit_rows=2_000, seed=1).fit(patterns, 2)
    c = DawidSkene(max_fit_rows=2_000, seed=2).fit(patterns, 2)
    np.testing.assert_array_equal(a.confusion_, b.confusion_)
    assert not np.array_equal(a.confusion_, c.confusion_)
    np.testing.assert_allclose(a.accuracies_, ACCURACIES, atol=0.06)


POLARITY = np.array([1, 1, 1, 1, 0, 1, 0, 0, 0, 0])  # every function votes one class


@pytest.mark.parametrize("name", LABEL_MODELS)
def test_single_polarity_functions_weigh_and_rows_rarely_tie(name, spam):
    data = spam
    model = make_label_model(name).fit(data["train"].reference_votes, 2)
    solo = np.full((10, 10), -1, dtype=np.int8)
    solo[np.arange(10), np.arange(10)] = POLARITY
    # A lone vote of at least 8 of the 10 functions decides its row for the class voted.
    assert (model.predict(solo) == POLARITY).sum() >= 8
    proba = model.predict_proba(data["test"].reference_votes)
    covered = (data["test"].reference_votes >= 0).any(axis=1)
    tied = np.isclose(proba[:, 0], proba[:, 1], rtol=0, atol=1e-9) & covered
    assert tied.sum() <= (30 if name == "majority" else 5)


@pytest.mark.parametrize("name", ["majority", "weighted", "dawid_skene"])
def test_estimated_class_balance_is_near_the_truth(name, spam):
    data = spam
    model = make_label_model(name).fit(data["train"].reference_votes, 2)
    truth = np.bincount(data["train"].gold, minlength=2) / len(data["train"].gold)
    assert np.abs(model.class_balance_ - truth).max() < 0.1


def test_flyingsquid_matches_its_reference_on_youtube():
    # Golden values printed by the reference, flyingsquid 0.0.0a0 (LabelModel(10).fit on the
    # train votes as {-1, 0, +1}): its expectation_values, and predict_proba_marginalized of
    # the first 8 test rows. benchmarks/bench_labelmodels.py --real compares every row. The
    # golden values are of the real YouTube votes: this test needs ../shared/datasets.
    data = _splits(dataset_path("youtube"))
    model = make_label_model("flyingsquid").fit(data["train"].reference_votes, 2)
    reference_a = [
        0.30159,
        0.127911,
        0.102128,
        0.18697,
        0.177363,
        0.151284,
        0.196624,
        0.068174,
        0.036862,
        0.463708,
    ]
    np.testing.assert_allclose(model.coefficients_[0], reference_a, atol=1e-6)
    reference_p = [0.661682, 0.077346, 0.956611, 0.187446, 0.046877, 0.282231, 0.310906, 0.187446]
    proba = model.predict_proba(data["test"].reference_votes[:8])
    np.testing.assert_allclose(proba[:, 1], reference_p, atol=1e-6)


def test_on_a_skewed_dev_split_the_choice_does_not_reward_answering_the_majority_class():
    """12% positives; two lazy programs vote the negative class on ~90% of rows, one votes the
    positive class on 80% of the positives. Dawid-Skene follows the lazy ones and answers
    'negative' nearly everywhere, so it has the higher dev accuracy; the Snorkel-style model finds
    most positives. The choice ranks by macro-F1 and keeps the second."""
    rng = np.random.default_rng(0)

    def votes(n: int) -> tuple[np.ndarray, np.ndarray]:
        y = (rng.random(n) < 0.12).astype(int)
        lazy = [np.where(rng.random(n) > accuracy, 1, 0) for accuracy in (0.92, 0.9)]
        finder = np.where(y == 1, rng.random(n) < 0.8, rng.random(n) < 0.1).astype(int)
        return np.stack([*lazy, finder], axis=1).astype(np.int8), y

    L, _ = votes(3000)
    L_dev, y_dev = votes(200)
    fitted = {name: make_label_model(name).fit(L, 2) for name in ("dawid_skene", "snorkel")}
    accuracy = {name: (m.predict(L_dev) == y_dev).mean() for name, m in fitted.items()}
    assert accuracy["dawid_skene"] > accuracy["snorkel"]
    chosen = select_label_model(L, L_dev, y_dev, 2, candidates=["dawid_skene", "snorkel"])
    assert chosen.name == "snorkel"
    assert chosen.scores["snorkel"] > chosen.scores["dawid_skene"] + 0.2  # macro-F1


def _fallback_votes(n, seed):
    """Balanced classes; four programs vote SPAM when their rule fires (on 20% of spam, 3% of
    ham) and HAM otherwise, two abstain instead: the fallback votes look like a HAM majority."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.5).astype(int)
    fires = np.where(y[:, None] == 1, rng.random((n, 6)) < 0.2, rng.random((n, 6)) < 0.03)
    return np.where(fires, 1, np.where(np.arange(6) < 4, 0, -1)), y


def test_the_average_pools_its_members_and_is_never_the_worst_of_them():
    fallback = _fallback_votes(4000, 0)
    rare = simulate_votes(
        4000, [0.85, 0.8, 0.75, 0.7, 0.65], coverage=0.5, class_balance=[0.88, 0.12], seed=0
    )
    worst, balance = {}, {}
    for case, (L, y) in {"fallback": fallback, "rare": rare}.items():
        average = AveragedLabelModel().fit(L, 2)
        members = {m: make_label_model(m).fit(L, 2) for m in average.members}
        pooled = np.prod([m.predict_proba(L) for m in members.values()], axis=0) ** (1 / 3)
        np.testing.assert_allclose(
            average.predict_proba(L), pooled / pooled.sum(axis=1, keepdims=True), atol=1e-9
        )
        accuracy = {name: (m.predict(L) == y).mean() for name, m in members.items()}
        pooled_accuracy = (average.predict(L) == y).mean()
        assert min(accuracy.values()) + 0.05 < pooled_accuracy < max(accuracy.values())
        worst[case] = min(accuracy, key=accuracy.get)
        balance[case] = members["dawid_skene"].class_balance_
    # Each regime misleads another member: estimating the class balance from the votes
    # (Dawid-Skene: the fallbacks pull its estimate toward HAM) or assuming it uniform.
    assert balance["fallback"][0] > 0.6 and worst["rare"] != "dawid_skene"


def test_the_average_gives_a_stated_class_balance_to_every_member():
    L, _ = simulate_votes(2000, ACCURACIES, coverage=0.6, class_balance=[0.8, 0.2], seed=1)
    average = make_label_model("average", class_balance=[0.8, 0.2]).fit(VotePatterns.of(L, 2), 2)
    for member in average.members_:
        np.testing.assert_allclose(member.class_balance_, [0.8, 0.2])
    np.testing.assert_allclose(average.predict_proba(np.full((1, 8), -1)), [[0.8, 0.2]])
    with pytest.raises(LabelModelError, match="Cannot average"):
        AveragedLabelModel(members=("majority",)).fit(L, 2)
