"""Offline sweep of the quote choice (KEEP_RATIO x MAX_UNITS) on eval/answers_quotes.py output:
cites_primary and citation precision over answerable questions, tune first, check beside it."""

import json

Q = json.load(open("/tmp/ans-quotes.json"))


def select(quotes, keep, max_units, second, max_words=200, max_sent=4):
    if not quotes:
        return []
    best = quotes[0]["score"]
    chosen = {quotes[0]["key"]: [quotes[0]]}
    words = quotes[0]["words"]
    for q in quotes[1:]:
        if sum(map(len, chosen.values())) >= max_sent:
            break
        if words + q["words"] > max_words:
            continue
        mine = chosen.get(q["key"])
        if mine is None and len(chosen) < max_units and q["score"] >= keep * best:
            chosen[q["key"]] = [q]
        elif mine is not None and len(mine) < 2 and q["score"] >= second * best:
            mine.append(q)
        else:
            continue
        words += q["words"]
    return list(chosen)


def ev(split, **kw):
    rows = [r for r in Q if r["split"] == split]
    cp = 0
    precs = []
    for r in rows:
        cited = set(select(r["quotes"], **kw))
        prim = {k for k, g in r["qrels"].items() if g >= 2}
        cp += bool(cited & prim)
        if cited:
            precs.append(len(cited & set(r["qrels"])) / len(cited))
    return round(cp / len(rows), 3), round(sum(precs) / len(precs), 3)


print(
    "current",
    ev("tune", keep=0.75, max_units=3, second=0.9),
    ev("check", keep=0.75, max_units=3, second=0.9),
)
res = []
for keep in [0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0]:
    for mu in [1, 2, 3, 4]:
        a = ev("tune", keep=keep, max_units=mu, second=0.9)
        res.append((a, keep, mu))
for r in sorted(res, key=lambda r: -(r[0][0] + r[0][1])):
    print(r, ev("check", keep=r[1], max_units=r[2], second=0.9))
