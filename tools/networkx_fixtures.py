#!/usr/bin/env python3
"""Reference values of `maillage graph metrics` (DESIGN §4 "Network"), from networkx.

Writes crates/graph/tests/fixtures/<name>.csv, <name>.expected.json (exactly the
contract's JSON document, as networkx computes it) and manifest.json (per
fixture: the command-line options, and for sampled betweenness the sources).

Run it in a throwaway virtualenv, never as a project dependency:

    python3 -m venv /tmp/nxvenv && /tmp/nxvenv/bin/pip install 'networkx==3.6.*'
    /tmp/nxvenv/bin/python tools/networkx_fixtures.py

The fixtures were made with networkx 3.6.1 (recorded in manifest.json).

Every graph is rebuilt from its CSV the way the contract reads it (ids verbatim,
nodes in first-seen order, a self-loop row adds only the node, duplicates
collapse with the last weight winning), then measured by networkx:
degree_centrality, betweenness_centrality(normalized=True, weight=W, k=K),
closeness_centrality(distance=W) (wf_improved), eigenvector_centrality on the
undirected unweighted view with max_iter=1000 and tol=1e-10, density,
number_(weakly_)connected_components and average_clustering.

Sampled betweenness: networkx draws its K sources with `seed.sample(list(G), K)`.
We hand it a `random.Random` whose `sample` replays maillage's own RNG
(crates/graph/src/rng.rs: SplitMix64, Lemire's bounded integers, a partial
Fisher–Yates shuffle of the node indices in first-seen order), so the expected
values are networkx's own computation and rescaling on exactly the sources that
maillage picks.

Modularity (beyond the command-line contract): karate.modularity.json holds
partitions of the karate club and directed.csv — the club split, networkx's own
Louvain, and maillage's Louvain partitions read from
karate.maillage_louvain.json, which comes from

    cargo run -p maillage-graph --example louvain -- \
        crates/graph/tests/fixtures/karate.csv 1 2 3 > crates/graph/tests/fixtures/karate.maillage_louvain.json

— with their modularity computed by networkx (`nx.community.modularity`).
"""

import csv
import io
import json
import random
import sys
from pathlib import Path

import networkx as nx

OUT = Path(__file__).resolve().parent.parent / "crates" / "graph" / "tests" / "fixtures"
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        threshold = ((1 << 64) - bound) % bound
        while True:
            m = self.next_u64() * bound
            if (m & MASK) >= threshold:
                return m >> 64


def maillage_sample_indices(n, k, seed):
    slots = list(range(n))
    rng = SplitMix64(seed)
    for i in range(k):
        j = i + rng.below(n - i)
        slots[i], slots[j] = slots[j], slots[i]
    return slots[:k]


class MaillageSampler(random.Random):
    """A random.Random whose sample() is maillage's source draw."""

    def __init__(self, seed):
        super().__init__(0)
        self.maillage_seed = seed
        self.drawn = None

    def sample(self, population, k, *, counts=None):
        population = list(population)
        idx = maillage_sample_indices(len(population), k, self.maillage_seed)
        self.drawn = [population[i] for i in idx]
        return list(self.drawn)


def read_contract_csv(text, directed, weight_column):
    """The graph exactly as DESIGN §4 reads an edges CSV."""
    G = nx.DiGraph() if directed else nx.Graph()
    rows = csv.DictReader(io.StringIO(text, newline=""))
    for row in rows:
        s, t = row["source"], row["target"]
        assert s and t
        if s == t:
            G.add_node(s)
            continue
        if weight_column:
            w = float(row[weight_column])
            assert w > 0 and w != float("inf")
            G.add_edge(s, t, **{weight_column: w})
        else:
            G.add_edge(s, t)
    return G


def expected(G, weight_column, samples, seed):
    n = len(G)
    sampler = None
    if samples is None:
        bet = nx.betweenness_centrality(G, normalized=True, weight=weight_column)
    else:
        sampler = MaillageSampler(seed)
        bet = nx.betweenness_centrality(
            G, k=samples, normalized=True, weight=weight_column, seed=sampler
        )
    clo = nx.closeness_centrality(G, distance=weight_column)
    und = G.to_undirected() if G.is_directed() else G
    eig = nx.eigenvector_centrality(und, max_iter=1000, tol=1e-10)
    deg = nx.degree_centrality(G)
    comps = (
        nx.number_weakly_connected_components(G)
        if G.is_directed()
        else nx.number_connected_components(G)
    )
    doc = {
        "nodes": n,
        "edges": G.number_of_edges(),
        "density": float(nx.density(G)),
        "components": comps,
        "average_clustering": float(nx.average_clustering(G)),
        "centrality": {
            v: {
                "degree": float(deg[v]),
                "betweenness": float(bet[v]),
                "closeness": float(clo[v]),
                "eigenvector": float(eig[v]),
            }
            for v in G
        },
    }
    for v, c in doc["centrality"].items():
        for key, x in c.items():
            assert x == x and abs(x) != float("inf"), (v, key, x)
    drawn = None if sampler is None or sampler.drawn is None else sampler.drawn
    return doc, drawn


def to_csv(rows, header=("source", "target"), crlf=False):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def generated_rows(G, weights=None):
    rows = []
    for u, v in G.edges():
        if weights is None:
            rows.append((u, v))
        else:
            rows.append((u, v, weights[(u, v)]))
    return rows


def fixtures():
    fx = []

    def add(name, text, directed=False, weight_column=None, samples=None, seed=None):
        fx.append((name, text, directed, weight_column, samples, seed))

    add("path", to_csv([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]))
    add("star", to_csv([("hub", x) for x in ["l1", "l2", "l3", "l4", "l5"]]))
    add(
        "triangle_tail",
        to_csv([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")]),
    )
    add(
        "components_isolated",
        to_csv(
            [("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("lone", "lone")]
        ),
    )
    # Ties of exact floats (1 + 1 = 2, 0.5 + 1 = 1.5) and a non-tie
    # (0.1 + 0.2 != 0.3): the path counts must follow the same float tests.
    weighted_rows = [
        ("a", "b", "0.1"),
        ("b", "c", "0.2"),
        ("a", "c", "0.3"),
        ("c", "d", "1"),
        ("d", "e", "1"),
        ("c", "e", "2"),
        ("e", "f", "0.5"),
        ("d", "f", "1.5"),
        ("f", "g", "2.25"),
        ("b", "g", "4"),
        ("g", "h", "1"),
    ]
    add("weighted", to_csv(weighted_rows, ("source", "target", "poids")), weight_column="poids")
    add("weighted_ignored", to_csv(weighted_rows, ("source", "target", "poids")))
    directed_rows = [
        ("a", "b"),
        ("b", "a"),
        ("b", "c"),
        ("c", "a"),
        ("c", "d"),
        ("d", "e"),
        ("e", "c"),
        ("e", "f"),
        ("g", "a"),
        ("f", "f"),
    ]
    add("directed", to_csv(directed_rows), directed=True)
    dw = [(u, v, w) for (u, v), w in zip(directed_rows, ["1", "2", "1", "3", "0.5", "0.5", "1", "2", "1.25", "1"])]
    add("directed_weighted", to_csv(dw, ("source", "target", "w")), directed=True, weight_column="w")
    dup_rows = [
        ("a", "b", "5"),
        ("b", "a", "1"),
        ("b", "c", "1"),
        ("c", "b", "3"),
        ("a", "c", "1"),
        ("a", "b", "1.5"),
        ("c", "d", "2"),
        ("d", "c", "2"),
    ]
    add("duplicates", to_csv(dup_rows, ("source", "target", "weight")), weight_column="weight")
    add(
        "duplicates_directed",
        to_csv(dup_rows, ("source", "target", "weight")),
        directed=True,
        weight_column="weight",
    )
    # Columns in another order, an extra column, CRLF, and ids that differ only
    # by case, apostrophe, spaces or a leading zero.
    id_rows = [
        ("L’Envolée, Jonquière", "01"),
        ("01", "1"),
        ('Le "Phare"', "1"),
        ("1", "l'envolée"),
        ("l'envolée", "L’Envolée, Jonquière"),
        (" espace ", "01"),
        ("Centre d’action bénévole\nde Chicoutimi", "1"),
    ]
    add(
        "ids",
        to_csv(
            [("note, \"libre\"", t, s) for s, t in id_rows],
            ("note", "target", "source"),
            crlf=True,
        ),
    )
    add("one_node", to_csv([("seul", "seul")]))
    add("no_edges", to_csv([("a", "a"), ("b", "b"), ("c", "c"), ("a", "a")]))

    karate = nx.karate_club_graph()
    add("karate", to_csv([(str(u), str(v)) for u, v in karate.edges()]))

    ba = nx.barabasi_albert_graph(200, 3, seed=42)
    ba_rows = [(f"org-{u}", f"org-{v}") for u, v in ba.edges()]
    add("ba200", to_csv(ba_rows))
    rng = random.Random(7)
    ba_w = [(u, v, rng.choice(["1", "2", "3"])) for u, v in ba_rows]
    add("ba200_weighted", to_csv(ba_w, ("source", "target", "w")), weight_column="w")

    rd = nx.gnp_random_graph(80, 0.06, seed=5, directed=True)
    rng = random.Random(11)
    rd_rows = [(str(u), str(v), rng.choice(["0.5", "1", "1.5", "2"])) for u, v in rd.edges()]
    add(
        "random_directed_weighted",
        to_csv(rd_rows, ("source", "target", "w")),
        directed=True,
        weight_column="w",
    )

    add("ba200_sampled", to_csv(ba_rows), samples=25, seed=2026)
    add(
        "ba200_weighted_sampled",
        to_csv(ba_w, ("source", "target", "w")),
        weight_column="w",
        samples=40,
        seed=1,
    )
    add(
        "random_directed_weighted_sampled",
        to_csv(rd_rows, ("source", "target", "w")),
        directed=True,
        weight_column="w",
        samples=10,
        seed=9,
    )
    add("karate_sampled_all", to_csv([(str(u), str(v)) for u, v in karate.edges()]), samples=34, seed=5)
    return fx


def modularity_fixtures():
    def part_of(labels):
        comms = {}
        for v, l in labels.items():
            comms.setdefault(l, set()).add(v)
        return list(comms.values())

    def labels_of(parts):
        return {v: i for i, p in enumerate(parts) for v in sorted(p)}

    karate_text = (OUT / "karate.csv").read_text(encoding="utf-8")
    K = read_contract_csv(karate_text, False, None)
    club = nx.karate_club_graph()
    entries = [
        {
            "name": "club split",
            "labels": {str(v): int(club.nodes[v]["club"] == "Officer") for v in club},
        },
        {
            "name": "networkx louvain seed 1",
            "labels": labels_of(nx.community.louvain_communities(K, seed=1)),
        },
        {"name": "one community", "labels": {v: 0 for v in K}},
        {"name": "singletons", "labels": {v: i for i, v in enumerate(K)}},
    ]
    ours = OUT / "karate.maillage_louvain.json"
    if ours.exists():
        for seed, labels in json.loads(ours.read_text(encoding="utf-8")).items():
            entries.append({"name": f"maillage louvain seed {seed}", "seed": int(seed), "labels": labels})
    else:
        print("no karate.maillage_louvain.json: maillage partitions skipped", file=sys.stderr)
    for e in entries:
        e["file"] = "karate.csv"
        e["directed"] = False
        e["modularity"] = nx.community.modularity(K, part_of(e["labels"]))
        e["modularity_resolution_0.5"] = nx.community.modularity(
            K, part_of(e["labels"]), resolution=0.5
        )
    D = read_contract_csv((OUT / "directed.csv").read_text(encoding="utf-8"), True, None)
    labels = {v: int(v in {"d", "e", "f", "g"}) for v in D}
    entries.append(
        {
            "name": "directed split",
            "file": "directed.csv",
            "directed": True,
            "labels": labels,
            "modularity": nx.community.modularity(D, part_of(labels)),
            "modularity_resolution_0.5": nx.community.modularity(D, part_of(labels), resolution=0.5),
        }
    )
    (OUT / "karate.modularity.json").write_text(
        json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = {
        "generator": "tools/networkx_fixtures.py",
        "networkx": nx.__version__,
        "python": sys.version.split()[0],
        "fixtures": {},
    }
    for name, text, directed, wc, samples, seed in fixtures():
        (OUT / f"{name}.csv").write_bytes(text.encode("utf-8"))
        G = read_contract_csv(text, directed, wc)
        doc, drawn = expected(G, wc, samples, seed)
        (OUT / f"{name}.expected.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        entry = {"directed": directed, "weight_column": wc}
        if samples is not None:
            entry["betweenness_samples"] = samples
            entry["seed"] = seed
            entry["sources"] = drawn  # None when K = n (networkx computes exactly)
        manifest["fixtures"][name] = entry
        print(f"{name}: {len(G)} nodes, {G.number_of_edges()} edges", file=sys.stderr)
    (OUT / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    modularity_fixtures()


if __name__ == "__main__":
    main()
