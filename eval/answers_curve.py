"""The abstention trade-off curve from eval/answers_features.py output: SUPPORT_AT vs the share of
unanswerable and answerable questions refused, tune and check (COVER_WEIGHT 0.9), as Markdown."""

import json

F = json.load(open("/tmp/ans-features.json"))


def sc(u, cw):
    return cw * u["coverage"] + (1 - cw) * max(u["closeness"], 0)


def rates(split, cw, t, judge):
    qs = [q for q in F if q["split"] == split]
    un = [q for q in qs if q["kind"] == "no_answer"]
    an = [q for q in qs if q["kind"] != "no_answer"]

    def refused(q):
        if q["how"] == "reference":
            return not q["judged"]
        s = max((sc(u, cw) for u in q["units"]), default=0)
        return (judge and not q["judged"]) or s < t

    return sum(map(refused, un)) / len(un), sum(map(refused, an)) / len(an)


print(
    "| SUPPORT_AT | rule | tune: unanswerable refused | tune: answerable refused"
    " | check: unanswerable refused | check: answerable refused |"
)
print("|---|---|---|---|---|---|")
for judge in (1, 0):
    for t in [0.0, 0.2, 0.25, 0.3, 0.32, 0.34, 0.36, 0.38, 0.4, 0.42, 0.45, 0.5, 0.55, 0.6]:
        a = rates("tune", 0.9, t, judge)
        b = rates("check", 0.9, t, judge)
        print(
            f"| {t:.2f} | {'judge or support' if judge else 'support alone'} | {a[0]:.3f} | {a[1]:.3f}"
            f" | {b[0]:.3f} | {b[1]:.3f} |"
        )
