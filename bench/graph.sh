#!/usr/bin/env bash
# Network metrics benchmark: `maillage graph metrics` against networkx and
# python-igraph computing the same metrics (DESIGN §4 "Network") on the same
# Barabási–Albert graph, in the same run.
#
# Usage: bench/graph.sh [WORK_DIR]
#   NODES (10000), ATTACH (5 links per new node), SEED (1) shape the graph;
#   SKIP_BUILD=1 uses the release binary already built; VENV (WORK_DIR/venv)
#   is a throwaway virtualenv where networkx and igraph are installed —
#   never a project dependency.
# Each tool reads the same CSV and computes: nodes, edges, density,
# components, average clustering, and per node degree, betweenness
# (exact, normalized), closeness (wf_improved) and eigenvector centrality.
# The times are wall-clock seconds including reading the file. The script
# also prints the largest difference of each tool's values from networkx's.
# Until `maillage graph metrics` is wired into the command line, the
# `graph_metrics` example of maillage-graph (the same library call, the same
# JSON) stands in for it, and the output says so.
# Nothing here asserts a time: it measures and prints.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$(mktemp -d /tmp/maillage-graph-bench.XXXXXX)}
NODES=${NODES:-10000}
ATTACH=${ATTACH:-5}
SEED=${SEED:-1}
VENV=${VENV:-$WORK/venv}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
mkdir -p "$WORK"
RESULTS=$WORK/results.jsonl
: >"$RESULTS"

record() { # NAME JSON
    printf '{"measure": "%s", "load_average": "%s", "result": %s}\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)" "$2" | tee -a "$RESULTS"
}

record machine "{\"cpus\": $(nproc), \"model\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\", \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}"

if [ ! -x "$VENV/bin/python" ]; then
    echo "== virtualenv $VENV (networkx 3.6, igraph)" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q 'networkx==3.6.*' igraph >&2
fi
PY=$VENV/bin/python

echo "== build (release)" >&2
if [ -z "${SKIP_BUILD:-}" ]; then
    (cd "$ROOT" && cargo build --release -p maillage --bin maillage >&2) || true
    (cd "$ROOT" && cargo build --release -p maillage-graph --example graph_metrics >&2)
fi
if "$TARGET/release/maillage" graph metrics --help >/dev/null 2>&1; then
    MAILLAGE=("$TARGET/release/maillage" graph metrics)
    TOOL="maillage graph metrics"
else
    MAILLAGE=("$TARGET/release/examples/graph_metrics")
    TOOL="maillage-graph example graph_metrics (maillage graph metrics not wired yet)"
fi

CSV=$WORK/ba-$NODES-$ATTACH-$SEED.csv
echo "== generate Barabási–Albert $NODES × $ATTACH (seed $SEED)" >&2
"$PY" - "$NODES" "$ATTACH" "$SEED" "$CSV" <<'EOF'
import csv, sys
import networkx as nx
n, m, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
G = nx.barabasi_albert_graph(n, m, seed=seed)
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["source", "target"])
    for u, v in G.edges():
        w.writerow([f"org-{u}", f"org-{v}"])
EOF

echo "== maillage: $TOOL" >&2
start=$(date +%s.%N)
"${MAILLAGE[@]}" --edges "$CSV" >"$WORK/maillage.json"
end=$(date +%s.%N)
record maillage "{\"tool\": \"$TOOL\", \"threads\": $(nproc), \"seconds\": $(echo "$end - $start" | bc -l | sed 's/^\./0./')}"

echo "== networkx and igraph (this takes minutes: networkx is pure Python)" >&2
"$PY" - "$CSV" "$WORK" <<'EOF' | tee -a "$RESULTS"
import csv, json, math, sys, time
import igraph as ig
import networkx as nx

path, work = sys.argv[1], sys.argv[2]

def record(name, result):
    load = open("/proc/loadavg").read().split()[:3]
    print(json.dumps({"measure": name, "load_average": " ".join(load), "result": result}), flush=True)

def read_rows():
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield row["source"], row["target"]

# networkx, as the contract defines the metrics.
t = time.perf_counter()
G = nx.Graph()
for s, u in read_rows():
    if s == u:
        G.add_node(s)
    else:
        G.add_edge(s, u)
deg = nx.degree_centrality(G)
bet = nx.betweenness_centrality(G)
clo = nx.closeness_centrality(G)
eig = nx.eigenvector_centrality(G, max_iter=1000, tol=1e-10)
nx_doc = {
    "nodes": len(G), "edges": G.number_of_edges(), "density": nx.density(G),
    "components": nx.number_connected_components(G),
    "average_clustering": nx.average_clustering(G),
    "centrality": {v: {"degree": deg[v], "betweenness": bet[v], "closeness": clo[v], "eigenvector": eig[v]} for v in G},
}
nx_seconds = time.perf_counter() - t
record("networkx", {"version": nx.__version__, "seconds": round(nx_seconds, 3)})

# igraph, the same definitions through its own functions.
t = time.perf_counter()
names, index, edges = [], {}, set()
for s, u in read_rows():
    for x in (s, u):
        if x not in index:
            index[x] = len(names)
            names.append(x)
    if s != u:
        a, b = index[s], index[u]
        edges.add((min(a, b), max(a, b)))
g = ig.Graph(n=len(names), edges=sorted(edges))
n = g.vcount()
ig_deg = [d / (n - 1) for d in g.degree()]
ig_bet = [b * 2 / ((n - 1) * (n - 2)) for b in g.betweenness(directed=False)]
# igraph's closeness averages over reachable nodes; wf_improved scales by the reachable share.
sizes = g.connected_components().sizes()
member = g.connected_components().membership
ig_clo = [c * (sizes[member[v]] - 1) / (n - 1) if c == c else 0.0 for v, c in enumerate(g.closeness(normalized=True))]
ev = g.eigenvector_centrality(scale=False)
norm = math.sqrt(sum(x * x for x in ev))
ig_eig = [x / norm for x in ev]
ig_doc = {
    "nodes": n, "edges": g.ecount(), "density": g.density(),
    "components": len(sizes),
    "average_clustering": sum(g.transitivity_local_undirected(mode="zero")) / n,
    "centrality": {names[v]: {"degree": ig_deg[v], "betweenness": ig_bet[v], "closeness": ig_clo[v], "eigenvector": ig_eig[v]} for v in range(n)},
}
ig_seconds = time.perf_counter() - t
record("igraph", {"version": ig.__version__, "seconds": round(ig_seconds, 3)})

def largest_difference(doc):
    worst = {k: abs(doc[k] - nx_doc[k]) for k in ("nodes", "edges", "density", "components", "average_clustering")}
    for v, c in nx_doc["centrality"].items():
        for k, x in c.items():
            worst[k] = max(worst.get(k, 0.0), abs(doc["centrality"][v][k] - x))
    return worst

with open(f"{work}/maillage.json", encoding="utf-8") as f:
    ours = json.load(f)
record("maillage_vs_networkx", {"largest_difference": largest_difference(ours)})
record("igraph_vs_networkx", {"largest_difference": largest_difference(ig_doc)})
EOF

echo "== times (seconds, wall clock, reading the CSV included)" >&2
"$PY" - "$RESULTS" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for r in rows:
    if "seconds" in r["result"]:
        print(f'{r["measure"]:>10}: {r["result"]["seconds"]:9.2f} s   (load {r["load_average"]})')
EOF
