"""Rendering of ``paper_table``'s results: per-dataset summaries, ``table.md``, the CSV files
and the accuracy-vs-cost chart. Pure functions of the results list; nothing here runs a model."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np

from alchemist.evaluation.metrics import summarize_seeds

# Tasks scored by the F1 of their positive (minority) class, as in the paper.
POSITIVE_F1 = {"sms", "census"}
METHODS = {
    "distilled": "Alchemist: distilled model",
    "reference": "dev labels only, best simple model",
    "dev_only": "same model on dev labels only",
    "majority_class": "majority class",
    "label_model": "label model (programs + dev classifier)",
    "programs_mv": "programs, majority vote",
    "human_lfs_mv": "10 human LFs, majority vote (WRENCH)",
}
EXTRAPOLATE_ROWS = 100_000


def f1_key(dataset: str) -> str:
    return "positive_f1" if dataset in POSITIVE_F1 else "macro_f1"


def metric_key(dataset: str) -> str:
    """The table's headline metric of a dataset (the issue's targets)."""
    return {"sms": "positive_f1", "medabs": "macro_f1"}.get(dataset, "accuracy")


def summarize(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per dataset: every method's scores pooled over program seeds (and end-model seeds), the
    no-dev setting's distilled model, and the costs of each program seed."""
    table: dict[str, dict[str, Any]] = {}
    for r in results:
        entry = table.setdefault(r["dataset"], {"methods": {}, "runs": [], "costs": []})
        entry["runs"].append(
            {k: r[k] for k in ("seed", "dev", "n_programs", "train_coverage", "choice", "rows")}
        )
        if r["dev"]:
            entry["costs"].append(r["costs"])
            for baseline in ("dev_only", "reference"):
                entry.setdefault(f"noise_{baseline}", []).extend(
                    2 * s[f"versus_{baseline}"]["standard_error"]
                    for s in r["scores"]["distilled"]
                    if f"versus_{baseline}" in s
                )
            for method, scores in r["scores"].items():
                entry["methods"].setdefault(method, []).extend(scores)
        else:
            entry["methods"].setdefault("no_dev", []).extend(r["scores"]["distilled"])
    return {
        name: {**e, "methods": {m: summarize_seeds(s) for m, s in e["methods"].items()}}
        for name, e in table.items()
    }


def _cell(summary: dict[str, Any] | None, key: str) -> str:
    if summary is None or summary.get(key) is None:
        return "–"
    figure = summary[key]
    if summary["n_seeds"] == 1:
        return f"{figure['mean']:.3f}"
    return f"{figure['mean']:.3f} ± {figure['std']:.3f}"


def _before(name: str, key: str, before: dict[str, Any]) -> str:
    entry = before.get(name, {}).get("distilled")
    return "–" if entry is None else _cell(entry, key)


def _margin(entry: dict[str, Any], key: str, baseline: str = "dev_only") -> str:
    """Whether the distilled model beats ``baseline`` by a point, by how much, and for
    accuracy the test noise on that gain (mean of the runs' two paired standard errors)."""
    ours, theirs = entry["methods"].get("distilled"), entry["methods"].get(baseline)
    if ours is None or theirs is None:
        return "–"
    gain = ours[key]["mean"] - theirs[key]["mean"]
    noises = entry.get(f"noise_{baseline}") or (baseline == "dev_only" and entry.get("noise"))
    noise = f" ± {100 * float(np.mean(noises)):.1f}" if key == "accuracy" and noises else ""
    return f"{'yes' if gain >= 0.01 else 'no'} ({100 * gain:+.1f}{noise})"


def _end_model(choice: dict[str, Any]) -> str:
    """Which model the dev split made the end model, and the gain that decided it."""
    versus = choice.get("versus_reference")
    if not versus:
        return "–"
    gain, error = 100 * versus["macro_f1_gain"], 100 * versus["standard_error"]
    return f"{choice['end_model']} ({gain:+.1f} ± {error:.1f})"


def render_markdown(
    table: dict[str, dict[str, Any]],
    before: dict[str, Any],
    before_no_dev: dict[str, Any],
    *,
    model: str,
    seconds: float,
    load: str,
) -> str:
    lines = [
        f"# Alchemist benchmark: programs by {model}",
        "",
        "Test split. Mean ± std over every (program-sampling seed × end-model seed) pair; "
        "one figure: deterministic given the programs. Metric: accuracy, F1 of the "
        "positive class for SMS (spam) and census (>50K), macro-F1 for medical abstracts. "
        "Abstentions count as wrong. Programs: the default search (≤ 16 LLM calls). "
        "Test noise: two standard errors of the per-row accuracy differences between the "
        "distilled model and the dev-only one on the test rows (`evaluation.paired_gain`), "
        "averaged over the runs; a gain within it is what sampling the test rows could give. "
        "Dev labels only, best simple model: class-balanced logistic regression on the dev "
        "rows alone, C by inner cross-validation, on the features it scores best with on dev.",
        "",
        "| dataset (metric) | Alchemist, distilled | dev labels only, best simple model "
        "| same model on dev labels only "
        "| majority class | label model | no dev split (ours) "
        "| main before (stop 8) | main before, no dev split "
        "| beats the best simple model by ≥ 1 pt (accuracy: ± test noise) "
        "| beats dev-only by ≥ 1 pt |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, entry in table.items():
        key = metric_key(name)
        m = entry["methods"]
        ours, dev_only = m.get("distilled"), m.get("dev_only")
        seeds = sorted({r["seed"] for r in entry["runs"]})
        lines.append(
            f"| {name} ({key.replace('_', '-')}, program seeds {seeds}) "
            f"| {_cell(ours, key)} | {_cell(m.get('reference'), key)} | {_cell(dev_only, key)} "
            f"| {_cell(m.get('majority_class'), key)} "
            f"| {_cell(m.get('label_model'), key)} | {_cell(m.get('no_dev'), key)} "
            f"| {_before(name, key, before)} | {_before(name, key, before_no_dev)} "
            f"| {_margin(entry, key, 'reference')} | {_margin(entry, key)} |"
        )
    lines += [
        "",
        "All methods, accuracy / F1 (and the distilled model's expected calibration error: "
        "10 equal-width bins of the top-class probability, `labels.calibration`):",
        "",
        "| dataset | method | accuracy | F1 | ECE | runs |",
        "|---|---|---|---|---|---|",
    ]
    labels = {**METHODS, "no_dev": "no dev split: distilled MLP on pseudolabels"}
    for name, entry in table.items():
        for method, label in labels.items():
            if method in entry["methods"]:
                s = entry["methods"][method]
                lines.append(
                    f"| {name} | {label} | {_cell(s, 'accuracy')} | "
                    f"{_cell(s, f1_key(name))} | {_cell(s, 'ece')} | {s['n_seeds']} |"
                )
    lines += [
        "",
        "## Choices made on dev (cross-validation, never the test split)",
        "",
        "| dataset | seed | programs kept | votes ignored (program: class) | train coverage "
        "| label model | end model features | classifier: gold share (0 = pseudolabels only, "
        "1 = dev labels only; several: averaged) | end model (CV gain over the reference, "
        "macro-F1 ± 1 s.e.) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, entry in table.items():
        for run in entry["runs"]:
            if run["dev"]:
                c = run["choice"]
                lm = c["label_model"] + (
                    f" {c['label_model_params']}" if c.get("label_model_params") else ""
                )
                ignored = ", ".join(
                    f"{r['program']}: {r['class']}" for r in c.get("ignored_votes", [])
                )
                members = c.get("members") or [c]  # results before the average had one
                averaged = " + ".join(f"{m['classifier']}: {m['gold_share']:g}" for m in members)
                lines.append(
                    f"| {name} | {run['seed']} | {run['n_programs']} | {ignored or '–'} | "
                    f"{run['train_coverage']:.1%} | {lm} | {c.get('featurizer')} | {averaged} "
                    f"| {_end_model(c)} |"
                )
    lines += [
        "",
        "## Program generation and cost",
        "",
        "| dataset | seed | LLM calls | tokens in / out | generation s | at GPT-3.5-turbo "
        "| at GPT-4 | zero-shot per item at GPT-4 (rows) | ratio | zero-shot at "
        f"{EXTRAPOLATE_ROWS:,} rows, GPT-4 | ratio at {EXTRAPOLATE_ROWS:,} |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, entry in table.items():
        runs = [r for r in entry["runs"] if r["dev"]]
        for run, c in zip(runs, entry["costs"], strict=True):
            program = c["cost_usd_at_gpt-4"]
            zero = c["zero_shot_usd_at_gpt-4"]
            big = zero / max(run["rows"]["train"], 1) * EXTRAPOLATE_ROWS
            lines.append(
                f"| {name} | {run['seed']} | {c['calls']} | {c['input_tokens']} / "
                f"{c['output_tokens']} | {c['generation_seconds']:.0f} | "
                f"${c['cost_usd_at_gpt-3.5-turbo']:.4f} | ${program:.3f} | "
                f"${zero:.2f} ({run['rows']['train']}) | {zero / program:.0f}× | "
                f"${big:.0f} | {big / program:.0f}× |"
            )
    lines += [
        "",
        "Tokens count cached answers too (a cold run's bill); paid: $0 (embedded "
        "model). Zero-shot: one call per training item, estimated (4 characters a token, "
        "16 output tokens), not run. Generation seconds: the model's own time per call "
        "summed (one decoding slot: the calls run one after another). "
        f"Machine load while the table was built: {load}. "
        f"Evaluation wall time {seconds:.0f} s.",
        "",
    ]
    return "\n".join(lines)


def write_csv(table: dict[str, dict[str, Any]], out: Path) -> None:
    with (out / "table.csv").open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            [
                "dataset",
                "method",
                "n_runs",
                "accuracy_mean",
                "accuracy_std",
                "f1_kind",
                "f1_mean",
                "f1_std",
                "coverage_mean",
            ]
        )
        for name, entry in table.items():
            kind = f1_key(name)
            for method, s in entry["methods"].items():
                writer.writerow(
                    [
                        name,
                        method,
                        s["n_seeds"],
                        s["accuracy"]["mean"],
                        s["accuracy"]["std"],
                        kind,
                        s[kind]["mean"],
                        s[kind]["std"],
                        s["coverage"]["mean"],
                    ]
                )
    with (out / "costs.csv").open("w", newline="") as f:
        writer = csv.writer(f)
        rows = [
            (name, run["seed"], c)
            for name, entry in table.items()
            for run, c in zip([r for r in entry["runs"] if r["dev"]], entry["costs"], strict=True)
        ]
        fields = list(rows[0][2]) if rows else []
        writer.writerow(["dataset", "seed", *fields])
        for name, seed, c in rows:
            writer.writerow([name, seed, *(c[k] for k in fields)])


def plot(table: dict[str, dict[str, Any]], path: Path, *, model: str) -> None:
    """Test metric against labeling cost at GPT-4 prices: the programs' tokens, beside one
    zero-shot call per training item (estimated; a vertical line); dev-only as a dashed line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.8))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for color, (name, entry) in zip(colors, table.items(), strict=False):
        key = metric_key(name)
        cost = float(np.mean([c["cost_usd_at_gpt-4"] for c in entry["costs"]] or [0]))
        if "distilled" in entry["methods"]:
            ax.plot(
                [cost],
                [entry["methods"]["distilled"][key]["mean"]],
                "o",
                color=color,
                label=f"{name} ({key.replace('_', '-')})",
            )
        if "dev_only" in entry["methods"]:
            ax.axhline(
                entry["methods"]["dev_only"][key]["mean"],
                color=color,
                linestyle="--",
                linewidth=0.9,
            )
        zero = float(np.mean([c["zero_shot_usd_at_gpt-4"] for c in entry["costs"]] or [0]))
        ax.axvline(zero, color=color, linestyle=":", linewidth=1.2)
    ax.set_xscale("log")
    ax.set_xlabel("labeling cost at GPT-4 prices, USD (log); dotted: zero-shot per item (est.)")
    ax.set_ylabel("test metric (dots: Alchemist; dashed: dev labels only)")
    ax.set_title(f"Metric vs cost: programs written by {model} (actual cost $0)", fontsize=10)
    ax.legend(fontsize=7, loc="lower left")
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
