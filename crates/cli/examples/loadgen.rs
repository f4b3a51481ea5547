//! Load generator for `bench/directory.sh` (docs/perf.md).
//!
//! - `loadgen queries --package DIR/hsds --count N --seed S > queries.jsonl`:
//!   a realistic mix of search queries drawn from a generated HSDS package,
//!   each with the organization it should find (exact names, names without
//!   accents, one typo, prefixes as typed, and kind + town).
//! - `loadgen http --url http://127.0.0.1:8080/api/v1/search --queries FILE
//!   --concurrency C --requests N`: sends N requests (each query in turn) from
//!   C concurrent clients over keep-alive connections and prints a JSON
//!   summary: latency percentiles, throughput, and how often the expected
//!   organization is first and in the top 5.
//! - `loadgen healthz --url http://127.0.0.1:8080/healthz --concurrency C
//!   --requests N`: the same load on an endpoint that does nothing.
//! - `loadgen pg --url postgres://… --queries FILE --concurrency C --requests
//!   N`: the same queries on PostgreSQL full-text search (table `search_docs`
//!   made by `bench/pg_fts.sql`), with a trigram-similarity fallback.

#![expect(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "statistics of a few thousand requests"
)]

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use rand::{Rng as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Mode,
}

#[derive(Subcommand)]
enum Mode {
    Queries {
        #[arg(long)]
        package: PathBuf,
        #[arg(long, default_value_t = 2000)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    Http {
        #[arg(long)]
        url: String,
        #[arg(long)]
        queries: PathBuf,
        #[command(flatten)]
        load: Load,
        /// Extra query-string pair added to prefix queries (e.g. `prefix=true`).
        #[arg(long)]
        prefix_param: Option<String>,
    },
    Healthz {
        #[arg(long)]
        url: String,
        #[command(flatten)]
        load: Load,
    },
    Pg {
        #[arg(long)]
        url: String,
        #[arg(long)]
        queries: PathBuf,
        #[command(flatten)]
        load: Load,
        /// Match the last word of prefix queries as a prefix (`word:*`).
        #[arg(long)]
        prefix: bool,
    },
}

#[derive(clap::Args, Clone, Copy)]
struct Load {
    #[arg(long, default_value_t = 1)]
    concurrency: usize,
    #[arg(long, default_value_t = 2000)]
    requests: usize,
    /// Hits asked for.
    #[arg(long, default_value_t = 5)]
    limit: usize,
    /// Requests sent (and not measured) before the run.
    #[arg(long, default_value_t = 100)]
    warmup: usize,
}

#[derive(Serialize, Deserialize, Clone)]
struct Query {
    category: String,
    q: String,
    /// The organization id this query is meant to find, if any.
    expected: Option<String>,
}

// ---------------------------------------------------------------- queries

fn fold(text: &str) -> String {
    // slugify lowercases and strips accents; keep words apart with spaces
    // and keep apostrophes as people type them.
    text.split(' ')
        .map(|w| {
            w.split('\'')
                .map(|p| maillage_domain::slug::slugify(p).replace('-', " "))
                .collect::<Vec<_>>()
                .join("'")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn typo(word: &str, rng: &mut ChaCha8Rng) -> String {
    let letters: Vec<char> = word.chars().collect();
    let below =
        |rng: &mut ChaCha8Rng, n: usize| usize::try_from(rng.next_u64() % n as u64).unwrap();
    loop {
        let mut w = letters.clone();
        // Never the first letter: people rarely get it wrong.
        let i = 1 + below(rng, w.len() - 1);
        match below(rng, 4) {
            0 => w[i] = char::from(b'a' + u8::try_from(below(rng, 26)).unwrap()),
            1 => {
                w.remove(i);
            }
            2 if i + 1 < w.len() => w.swap(i, i + 1),
            2 => w.swap(i - 1, i),
            _ => w.insert(i, char::from(b'a' + u8::try_from(below(rng, 26)).unwrap())),
        }
        let out: String = w.into_iter().collect();
        if out != word {
            return out;
        }
    }
}

/// The kinds of organization a « kind + town » query names.
const KINDS: [&str; 12] = [
    "cpe",
    "maison des jeunes",
    "maison de la famille",
    "clsc",
    "bibliotheque",
    "centre de femmes",
    "popote roulante",
    "comptoir alimentaire",
    "carrefour jeunesse emploi",
    "ecole primaire",
    "garderie",
    "centre d'action benevole",
];

fn make_queries(package: &std::path::Path, count: usize, seed: u64) -> Vec<Query> {
    let orgs = read_table(package, "organizations.csv");
    let locations = read_table(package, "locations.csv");
    let addresses = read_table(package, "addresses.csv");
    let town_of_org = towns_of_organizations(&locations, &addresses);
    let df = word_frequencies(&orgs);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut below = |n: usize| usize::try_from(rng.next_u64() % n as u64).unwrap();
    let mut rng2 = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let o = &orgs[below(orgs.len())];
        let id = Some(o["id"].clone());
        let name = o["name"].as_str();
        let folded = fold(name);
        // Per 20 queries: 5 exact, 5 without accents, 5 with a typo,
        // 3 prefixes, 2 kind + town.
        let q = match i % 20 {
            0..=4 => Query {
                category: "exact".into(),
                q: name.to_owned(),
                expected: id,
            },
            5..=9 => Query {
                category: "no_accents".into(),
                q: folded,
                expected: id,
            },
            10..=14 => typo_query(folded, id, &df, &mut rng2),
            15..=17 => prefix_query(&folded, id),
            _ => {
                let town = town_of_org
                    .get(o["id"].as_str())
                    .copied()
                    .unwrap_or("Montréal");
                let kind = KINDS[below(KINDS.len())];
                Query {
                    category: "kind_town".into(),
                    q: format!("{kind} {}", fold(town)),
                    expected: None,
                }
            }
        };
        out.push(q);
    }
    out
}

/// The rows of a CSV file of the package, each a map of header → value.
fn read_table(package: &std::path::Path, file: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(package.join(file)).expect("package file");
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// The town of each organization: the city of its first location with an
/// address.
fn towns_of_organizations<'a>(
    locations: &'a [HashMap<String, String>],
    addresses: &'a [HashMap<String, String>],
) -> HashMap<&'a str, &'a str> {
    let city_of_location: HashMap<&str, &str> = addresses
        .iter()
        .map(|a| (a["location_id"].as_str(), a["city"].as_str()))
        .collect();
    let mut town_of_org: HashMap<&str, &str> = HashMap::new();
    for l in locations {
        if let Some(city) = city_of_location.get(l["id"].as_str()) {
            town_of_org
                .entry(l["organization_id"].as_str())
                .or_insert(city);
        }
    }
    town_of_org
}

/// How many organization names hold each folded word.
fn word_frequencies(orgs: &[HashMap<String, String>]) -> HashMap<String, usize> {
    let mut df: HashMap<String, usize> = HashMap::new();
    for o in orgs {
        for w in fold(&o["name"]).split([' ', '\'']) {
            *df.entry(w.to_owned()).or_default() += 1;
        }
    }
    df
}

/// The `folded` name with a typo in its rarest word of 5 letters or more;
/// without such a word, the name without accents.
fn typo_query(
    folded: String,
    id: Option<String>,
    df: &HashMap<String, usize>,
    rng: &mut ChaCha8Rng,
) -> Query {
    let words: Vec<&str> = folded.split(' ').collect();
    let Some((at, _)) = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.chars().count() >= 5 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .min_by_key(|(i, w)| (df.get(**w).copied().unwrap_or(0), *i))
    else {
        return Query {
            category: "no_accents".into(),
            q: folded,
            expected: id,
        };
    };
    let mut words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    words[at] = typo(&words[at], rng);
    Query {
        category: "typo".into(),
        q: words.join(" "),
        expected: id,
    }
}

/// The `folded` name with its last word cut to its first half (3 letters
/// at least).
fn prefix_query(folded: &str, id: Option<String>) -> Query {
    let mut words: Vec<String> = folded.split(' ').map(str::to_owned).collect();
    let last = words.pop().unwrap_or_default();
    let keep: String = last.chars().take(3.max(last.chars().count() / 2)).collect();
    words.push(keep);
    Query {
        category: "prefix".into(),
        q: words.join(" "),
        expected: id,
    }
}

// ---------------------------------------------------------------- load

enum Target {
    Http {
        client: reqwest::Client,
        url: String,
        prefix_param: Option<(String, String)>,
        limit: usize,
    },
    Healthz {
        client: reqwest::Client,
        url: String,
    },
    Pg {
        conn: DatabaseConnection,
        limit: usize,
        prefix: bool,
    },
}

/// PostgreSQL's best effort at what maillage does, in one statement:
/// 1. full-text search (every meaningful word required, French stemming,
///    accents folded), ranked by `ts_rank_cd` over weighted fields;
/// 2. when it finds nothing, the same with unknown words of 5+ letters
///    replaced by the closest word of the lexicon (`f_correct`, trigrams);
/// 3. when that finds nothing either, trigram similarity on names.
///
/// `$1` query text, `$2` limit, `$3` true to match the last word as a
/// prefix (`word:*`).
const PG_SEARCH: &str = r"
WITH q AS (
  SELECT CASE WHEN $3 THEN
           websearch_to_tsquery('fr_unaccent', regexp_replace($1, '\S+$', ''))
             && to_tsquery('fr_unaccent', quote_literal(f_unaccent(lower(substring($1 from '(\S+)$')))) || ':*')
         ELSE websearch_to_tsquery('fr_unaccent', $1) END AS fts,
         f_unaccent(lower($1)) AS plain
), fts AS (
  SELECT d.kind, d.id, d.name, ts_rank_cd(d.tsv, q.fts) AS score
  FROM search_docs d, q WHERE d.tsv @@ q.fts
  ORDER BY score DESC, d.id LIMIT $2
), fixed AS (
  SELECT websearch_to_tsquery('fr_unaccent', f_correct($1)) AS fts
  WHERE NOT EXISTS (SELECT 1 FROM fts)
), corrected AS (
  SELECT d.kind, d.id, d.name, ts_rank_cd(d.tsv, fixed.fts) AS score
  FROM search_docs d, fixed WHERE d.tsv @@ fixed.fts
  ORDER BY score DESC, d.id LIMIT $2
), trgm AS (
  SELECT d.kind, d.id, d.name, similarity(d.trgm_text, q.plain) AS score
  FROM search_docs d, q WHERE d.trgm_text % q.plain
  ORDER BY score DESC, d.id LIMIT $2
)
SELECT kind, id, name FROM (
  SELECT kind, id, name, score, 0 AS tier FROM fts
  UNION ALL
  SELECT kind, id, name, score, 1 AS tier FROM corrected
  UNION ALL
  SELECT kind, id, name, score, 2 AS tier FROM trgm
  WHERE NOT EXISTS (SELECT 1 FROM fts) AND NOT EXISTS (SELECT 1 FROM corrected)
) x ORDER BY tier, score DESC, id LIMIT $2
";

impl Target {
    /// The ids of the hits, best first (empty for healthz).
    async fn once(&self, query: &Query) -> Result<Vec<(String, String)>, String> {
        match self {
            Target::Http {
                client,
                url,
                prefix_param,
                limit,
            } => {
                let mut params = vec![
                    ("q".to_owned(), query.q.clone()),
                    ("limit".to_owned(), limit.to_string()),
                ];
                if query.category == "prefix" {
                    params.extend(prefix_param.clone());
                }
                let url = url::Url::parse_with_params(url, &params).map_err(|e| e.to_string())?;
                let resp = client.get(url).send().await.map_err(|e| e.to_string())?;
                if !resp.status().is_success() {
                    return Err(format!("HTTP {}", resp.status()));
                }
                let body: serde_json::Value = resp.json().await.map_err(|e| e.to_string())?;
                Ok(body["hits"]
                    .as_array()
                    .map(|h| {
                        h.iter()
                            .filter_map(|h| {
                                let id = h["id"].as_str()?.to_owned();
                                Some((id, h["name"].as_str().unwrap_or_default().to_owned()))
                            })
                            .collect()
                    })
                    .unwrap_or_default())
            }
            Target::Healthz { client, url } => {
                let resp = client.get(url).send().await.map_err(|e| e.to_string())?;
                if !resp.status().is_success() {
                    return Err(format!("HTTP {}", resp.status()));
                }
                resp.bytes().await.map_err(|e| e.to_string())?;
                Ok(Vec::new())
            }
            Target::Pg {
                conn,
                limit,
                prefix,
            } => {
                let stmt = Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    PG_SEARCH,
                    [
                        query.q.clone().into(),
                        i64::try_from(*limit).unwrap().into(),
                        (*prefix && query.category == "prefix").into(),
                    ],
                );
                let rows = conn.query_all_raw(stmt).await.map_err(|e| e.to_string())?;
                rows.iter()
                    .map(|r| {
                        let id = r.try_get::<String>("", "id");
                        let name = r.try_get::<String>("", "name");
                        id.and_then(|id| Ok((id, name?))).map_err(|e| e.to_string())
                    })
                    .collect()
            }
        }
    }
}

struct Sample {
    query: usize,
    latency: Duration,
    /// (id, name) of the hits, best first.
    hits: Result<Vec<(String, String)>, String>,
}

async fn run_load(target: &Target, queries: &[Query], load: Load) -> (Vec<Sample>, Duration) {
    for i in 0..load.warmup {
        let _ = target
            .once(&queries[(queries.len() - 1 - i % queries.len()) % queries.len()])
            .await;
    }
    let next = AtomicUsize::new(0);
    let start = Instant::now();
    let workers = (0..load.concurrency).map(|_| async {
        let mut samples = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= load.requests {
                return samples;
            }
            let query = i % queries.len();
            let t = Instant::now();
            let hits = target.once(&queries[query]).await;
            samples.push(Sample {
                query,
                latency: t.elapsed(),
                hits,
            });
        }
    });
    let samples: Vec<Sample> = futures::future::join_all(workers)
        .await
        .into_iter()
        .flatten()
        .collect();
    (samples, start.elapsed())
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

fn percentiles(mut l: Vec<Duration>) -> serde_json::Value {
    if l.is_empty() {
        return json!(null);
    }
    l.sort_unstable();
    let at = |p: f64| {
        let rank = (p * l.len() as f64).ceil() as usize;
        ms(l[rank.clamp(1, l.len()) - 1])
    };
    let mean = l.iter().sum::<Duration>() / u32::try_from(l.len()).unwrap();
    json!({"p50": at(0.50), "p90": at(0.90), "p99": at(0.99), "max": ms(*l.last().unwrap()), "mean": ms(mean)})
}

fn summary(
    name: &str,
    queries: &[Query],
    samples: &[Sample],
    elapsed: Duration,
    load: Load,
) -> serde_json::Value {
    let errors: Vec<&String> = samples
        .iter()
        .filter_map(|s| s.hits.as_ref().err())
        .collect();
    let mut by_cat: BTreeMap<&str, (Vec<Duration>, usize, usize, usize)> = BTreeMap::new();
    let mut misses: BTreeMap<&str, Vec<serde_json::Value>> = BTreeMap::new();
    let mut judged = std::collections::HashSet::new();
    for s in samples {
        let q = &queries[s.query];
        let e = by_cat.entry(q.category.as_str()).or_default();
        e.0.push(s.latency);
        // Accuracy counts each distinct query once.
        if let (Some(expected), Ok(hits)) = (&q.expected, &s.hits)
            && judged.insert(s.query)
        {
            e.1 += 1;
            if hits.first().is_some_and(|h| &h.0 == expected) {
                e.2 += 1;
            } else {
                let m = misses.entry(q.category.as_str()).or_default();
                if m.len() < 5 {
                    m.push(json!({"q": q.q, "first": hits.first().map(|h| &h.1)}));
                }
            }
            if hits.iter().take(5).any(|h| &h.0 == expected) {
                e.3 += 1;
            }
        }
    }
    let categories: serde_json::Map<String, serde_json::Value> = by_cat
        .into_iter()
        .map(|(cat, (lat, n, top1, top5))| {
            let mut v = json!({"requests": lat.len(), "latency_ms": percentiles(lat)});
            if n > 0 {
                v["judged"] = json!(n);
                v["top1"] = json!(top1);
                v["top5"] = json!(top5);
                v["misses"] = json!(misses.get(cat).cloned().unwrap_or_default());
            }
            (cat.to_owned(), v)
        })
        .collect();
    json!({
        "target": name,
        "concurrency": load.concurrency,
        "requests": samples.len(),
        "errors": errors.len(),
        "first_error": errors.first(),
        "seconds": (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
        "requests_per_second": (samples.len() as f64 / elapsed.as_secs_f64()).round(),
        "latency_ms": percentiles(samples.iter().map(|s| s.latency).collect()),
        "categories": categories,
    })
}

fn read_queries(path: &std::path::Path) -> Vec<Query> {
    std::fs::read_to_string(path)
        .expect("queries file")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("one query per line"))
        .collect()
}

fn http_client(concurrency: usize) -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("HTTP client")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match Cli::parse().command {
        Mode::Queries {
            package,
            count,
            seed,
        } => {
            for q in make_queries(&package, count, seed) {
                println!("{}", serde_json::to_string(&q).unwrap());
            }
        }
        Mode::Http {
            url,
            queries,
            load,
            prefix_param,
        } => {
            let queries = read_queries(&queries);
            let prefix_param = prefix_param.map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p.as_str(), "true"));
                (k.to_owned(), v.to_owned())
            });
            let target = Target::Http {
                client: http_client(load.concurrency),
                url: url.clone(),
                prefix_param,
                limit: load.limit,
            };
            let (samples, elapsed) = run_load(&target, &queries, load).await;
            println!("{}", summary(&url, &queries, &samples, elapsed, load));
        }
        Mode::Healthz { url, load } => {
            let queries = vec![Query {
                category: "healthz".into(),
                q: String::new(),
                expected: None,
            }];
            let target = Target::Healthz {
                client: http_client(load.concurrency),
                url: url.clone(),
            };
            let (samples, elapsed) = run_load(&target, &queries, load).await;
            println!("{}", summary(&url, &queries, &samples, elapsed, load));
        }
        Mode::Pg {
            url,
            queries,
            load,
            prefix,
        } => {
            let queries = read_queries(&queries);
            let mut opts = ConnectOptions::new(url);
            let n = u32::try_from(load.concurrency).unwrap();
            opts.max_connections(n)
                .min_connections(n)
                .sqlx_logging(false);
            let conn = Database::connect(opts).await.expect("PostgreSQL");
            conn.execute_unprepared("SELECT 1")
                .await
                .expect("PostgreSQL reachable");
            let target = Target::Pg {
                conn,
                limit: load.limit,
                prefix,
            };
            let (samples, elapsed) = run_load(&target, &queries, load).await;
            let name = if prefix {
                "postgresql-fts-prefix"
            } else {
                "postgresql-fts"
            };
            println!("{}", summary(name, &queries, &samples, elapsed, load));
        }
    }
}
