//! Search latency on a synthetic province-sized directory (20,000
//! organizations, 60,000 services), on 1 and 32 threads. Not run in CI:
//!
//! ```sh
//! cargo run --release -p maillage-search --example bench_search -- \
//!     [--orgs 20000] [--services 60000] [--queries 2000] [--threads 1,32] \
//!     [--max-concurrent N]   # default: one search per CPU, the others queue
//!     [--page]               # search_page (a page and the total), as the pages do
//! ```
//!
//! Figures go to `docs/perf.md`; nothing here asserts on time.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use maillage_search::{Doc, Filters, Kind, SearchIndex};

/// Deterministic, dependency-free generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("fits")
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ORG_TYPES: &[&str] = &[
    "Centre",
    "Maison",
    "Carrefour",
    "Association",
    "Regroupement",
    "Coopérative",
    "CPE",
    "Comité",
    "Table de concertation",
    "Fondation",
    "Corporation",
    "Société",
    "Conseil",
    "Club",
    "Service",
    "Groupe",
    "Réseau",
    "Collectif",
];
const THEMES: &[&str] = &[
    "des femmes",
    "de la famille",
    "jeunesse-emploi",
    "des aînés",
    "Aide-Parents",
    "d'entraide",
    "d'alphabétisation",
    "de persévérance scolaire",
    "de la petite enfance",
    "de santé mentale",
    "d'hébergement",
    "de sécurité alimentaire",
    "des personnes immigrantes",
    "de loisirs",
    "communautaire",
    "de prévention",
    "d'action bénévole",
    "des proches aidants",
    "en développement de l'enfant",
    "de la francisation",
];
const TOWNS: &[&str] = &[
    "Jonquière",
    "Chicoutimi",
    "La Baie",
    "Alma",
    "Roberval",
    "Dolbeau-Mistassini",
    "Saint-Félicien",
    "Bécancour",
    "Trois-Rivières",
    "Shawinigan",
    "Québec",
    "Lévis",
    "Montréal",
    "Laval",
    "Longueuil",
    "Gatineau",
    "Sherbrooke",
    "Rimouski",
    "Matane",
    "Gaspé",
    "Sept-Îles",
    "Baie-Comeau",
    "Rouyn-Noranda",
    "Val-d'Or",
    "Amos",
    "Drummondville",
    "Victoriaville",
    "Granby",
    "Saint-Hyacinthe",
    "Joliette",
    "Terrebonne",
    "Repentigny",
    "Saint-Jérôme",
    "Mirabel",
    "Blainville",
    "Rivière-du-Loup",
    "Montmagny",
    "Thetford Mines",
    "Sorel-Tracy",
    "Salaberry-de-Valleyfield",
    "Magog",
    "Cowansville",
    "La Tuque",
    "Nicolet",
    "Chibougamau",
    "Îles-de-la-Madeleine",
    "Carleton-sur-Mer",
    "Mont-Laurier",
    "Sainte-Agathe-des-Monts",
    "Saint-Georges",
];
const SAINTS: &[&str] = &[
    "Saint-Ambroise",
    "Saint-Honoré",
    "Saint-Fulgence",
    "Sainte-Rose-du-Nord",
    "Saint-Bruno",
    "Saint-Gédéon",
    "Saint-Prime",
    "Sainte-Monique",
    "Saint-Nazaire",
    "Saint-Ludger-de-Milot",
    "Saint-Charles-de-Bourget",
    "Saint-David-de-Falardeau",
    "Sainte-Hedwidge",
    "Saint-Stanislas",
    "Saint-Augustin",
    "Saint-Thomas-Didyme",
    "Sainte-Jeanne-d'Arc",
    "Saint-Edmond-les-Plaines",
    "Saint-Eugène-d'Argentenay",
    "Saint-Méthode",
];
const SERVICES: &[&str] = &[
    "Halte-garderie",
    "Ateliers de stimulation du langage",
    "Aide aux devoirs",
    "Cuisine collective",
    "Friperie",
    "Banque alimentaire",
    "Clinique d'impôts",
    "Soutien psychosocial",
    "Groupe de parents",
    "Répit pour proches aidants",
    "Transport bénévole",
    "Popote roulante",
    "Francisation des adultes",
    "Accompagnement aux rendez-vous médicaux",
    "Café-rencontre",
    "Ligne d'écoute",
    "Hébergement d'urgence",
    "Ateliers Y'APP",
    "Programme Mères-Veilleuses",
    "Stimulation précoce",
    "Éveil à la lecture",
    "Club des petits déjeuners",
    "Maraudage",
    "Insertion socioprofessionnelle",
    "Médiation familiale",
];
const TERMS: &[&str] = &[
    "Garde d'enfants",
    "Développement du langage",
    "Soutien parental",
    "Sécurité alimentaire",
    "Santé mentale",
    "Persévérance scolaire",
    "Employabilité",
    "Hébergement",
    "Transport",
    "Loisirs",
    "Immigration",
    "Violence conjugale",
    "Dépendances",
    "Aînés",
    "Proches aidants",
    "Alphabétisation",
    "Défense des droits",
    "Impôts",
    "Petite enfance",
    "Périnatalité",
];
const WORDS: &[&str] = &[
    "accompagnement",
    "soutien",
    "écoute",
    "activités",
    "enfants",
    "parents",
    "familles",
    "jeunes",
    "adolescents",
    "aînés",
    "personnes",
    "vulnérables",
    "isolées",
    "quartier",
    "région",
    "municipalité",
    "gratuit",
    "inscription",
    "rencontres",
    "hebdomadaires",
    "groupe",
    "individuel",
    "intervenante",
    "bénévoles",
    "organisme",
    "communautaire",
    "développement",
    "compétences",
    "parentales",
    "langage",
    "stimulation",
    "motricité",
    "préparation",
    "scolaire",
    "réussite",
    "éducative",
    "alimentation",
    "repas",
    "collation",
    "dépannage",
    "vêtements",
    "logement",
    "emploi",
    "formation",
    "francisation",
    "intégration",
    "nouveaux",
    "arrivants",
    "santé",
    "mentale",
    "prévention",
    "sensibilisation",
    "droits",
    "femmes",
    "violence",
    "hébergement",
    "urgence",
    "transport",
    "rendez-vous",
    "médicaux",
    "loisirs",
    "sport",
    "culture",
    "bibliothèque",
    "lecture",
    "éveil",
    "halte",
    "garderie",
    "répit",
    "proches",
    "aidants",
    "deuil",
    "entraide",
    "solidarité",
    "milieu",
    "rural",
    "urbain",
    "territoire",
    "concertation",
    "partenaires",
    "école",
    "CLSC",
    "CIUSSS",
    "CPE",
    "centre",
    "services",
    "sociaux",
    "programme",
    "projet",
    "ateliers",
    "cuisine",
    "collective",
    "jardin",
    "friperie",
    "aide",
    "devoirs",
    "impôts",
    "clinique",
    "ligne",
    "téléphonique",
];
const SYLLABLES: &[&str] = &[
    "ba", "bel", "cha", "co", "da", "du", "fa", "fleur", "ga", "jo", "la", "lu", "ma", "mi",
    "mont", "na", "no", "pa", "pi", "ra", "ri", "ro", "sa", "so", "ta", "to", "va", "ve", "vi",
    "zé", "lac", "bois", "pin", "rive",
];
const SECTORS: &[&str] = &[
    "education",
    "sante",
    "communautaire",
    "services-de-garde",
    "municipal",
    "emploi",
    "affaires",
    "philanthropie",
    "recherche",
    "gouvernement",
];
const AGE_GROUPS: &[&str] = &["0-5", "6-12", "13-17", "18-64", "65+"];

fn pseudo_word(rng: &mut Rng) -> String {
    let mut word = String::new();
    for _ in 0..2 + rng.below(2) {
        word.push_str(rng.pick(SYLLABLES));
    }
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn town(rng: &mut Rng) -> &'static str {
    if rng.chance(30) {
        rng.pick(SAINTS)
    } else {
        rng.pick(TOWNS)
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    (0..words)
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

fn slug(text: &str) -> String {
    text.to_lowercase().replace([' ', '\''], "-")
}

fn territories(rng: &mut Rng, town: &str) -> Vec<String> {
    vec![
        format!("region-{:02}", 1 + rng.below(17)),
        format!("mrc-{}", rng.below(100)),
        slug(town),
    ]
}

fn generate(orgs: usize, services: usize) -> Vec<Doc> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut docs = Vec::with_capacity(orgs + services);
    for i in 0..orgs {
        let home = town(&mut rng);
        let name = match rng.below(4) {
            0 => format!("{} {} {}", rng.pick(ORG_TYPES), rng.pick(THEMES), home),
            1 => format!(
                "{} {} de {}",
                rng.pick(ORG_TYPES),
                rng.pick(THEMES),
                pseudo_word(&mut rng)
            ),
            2 => format!("{} {}", rng.pick(ORG_TYPES), pseudo_word(&mut rng)),
            _ => format!(
                "{} {} {} ({home})",
                rng.pick(ORG_TYPES),
                pseudo_word(&mut rng),
                rng.pick(THEMES)
            ),
        };
        let id = format!("org-{i:05}");
        let mut doc = Doc::new(Kind::Organization, &id, &name);
        if rng.chance(30) {
            doc.aliases.push(
                name.split_whitespace()
                    .filter_map(|w| w.chars().next())
                    .filter(|c| c.is_alphabetic())
                    .flat_map(char::to_uppercase)
                    .collect(),
            );
        }
        doc.organization_id = id;
        doc.organization = name;
        let words = 15 + rng.below(40);
        doc.description = sentence(&mut rng, words);
        doc.towns = vec![home.to_owned()];
        doc.sector = Some(rng.pick(SECTORS).to_owned());
        doc.territories = territories(&mut rng, home);
        doc.languages = vec!["fr".to_owned()];
        if rng.chance(20) {
            doc.languages.push("en".to_owned());
        }
        docs.push(doc);
    }
    for i in 0..services {
        let org = docs[rng.below(orgs)].clone();
        let name = match rng.below(3) {
            0 => rng.pick(SERVICES).to_owned(),
            1 => format!("{} {}", rng.pick(SERVICES), pseudo_word(&mut rng)),
            _ => format!("{} ({})", rng.pick(SERVICES), town(&mut rng)),
        };
        let mut doc = Doc::new(Kind::Service, format!("srv-{i:05}"), name);
        doc.organization_id.clone_from(&org.id);
        doc.organization.clone_from(&org.name);
        let words = 10 + rng.below(30);
        doc.description = sentence(&mut rng, words);
        doc.terms = (0..=rng.below(3))
            .map(|_| rng.pick(TERMS).to_owned())
            .collect();
        doc.towns = (0..=rng.below(3))
            .map(|_| town(&mut rng).to_owned())
            .collect();
        doc.sector.clone_from(&org.sector);
        doc.territories.clone_from(&org.territories);
        doc.languages.clone_from(&org.languages);
        doc.age_groups = vec![rng.pick(AGE_GROUPS).to_owned()];
        docs.push(doc);
    }
    docs
}

fn typo(rng: &mut Rng, word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 5 {
        return word.to_owned();
    }
    let at = 1 + rng.below(chars.len() - 2);
    match rng.below(3) {
        0 => chars.swap(at, at + 1),
        1 => {
            chars.remove(at);
        }
        _ => chars[at] = 'x',
    }
    chars.into_iter().collect()
}

struct Query {
    class: &'static str,
    text: String,
    filters: Filters,
    prefix: bool,
}

fn queries(docs: &[Doc], count: usize) -> Vec<Query> {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    (0..count)
        .map(|_| {
            let mut filters = Filters::default();
            let mut prefix = false;
            let draw = rng.below(10);
            let class = match draw {
                0..=2 => "name words",
                3 | 4 => "service + town",
                5 => "one common word",
                6 | 7 => "as you type",
                8 => "filtered",
                _ => "long question",
            };
            let text = match draw {
                // Words of an existing name, maybe with a typo.
                0..=2 => {
                    let doc = &docs[rng.below(docs.len())];
                    let words: Vec<&str> = doc.name.split_whitespace().collect();
                    let start = rng.below(words.len());
                    let take = 1 + rng.below(3);
                    let mut picked: Vec<String> = words[start..(start + take).min(words.len())]
                        .iter()
                        .map(|w| (*w).to_owned())
                        .collect();
                    if rng.chance(25) {
                        let i = rng.below(picked.len());
                        picked[i] = typo(&mut rng, &picked[i]);
                    }
                    picked.join(" ")
                }
                // A service and a town.
                3 | 4 => format!("{} {}", rng.pick(SERVICES), town(&mut rng)),
                // One common word: the most postings to score.
                5 => rng.pick(WORDS).to_owned(),
                // Search-as-you-type.
                6 | 7 => {
                    prefix = true;
                    let name = format!("{} {}", rng.pick(THEMES), rng.pick(TOWNS));
                    let cut = 2 + rng.below(name.chars().count().saturating_sub(2).max(1));
                    name.chars().take(cut).collect()
                }
                // Filtered.
                8 => {
                    filters.kind = Some(Kind::Service);
                    filters.territory = Some(format!("region-{:02}", 1 + rng.below(17)));
                    filters.age_group = Some(rng.pick(AGE_GROUPS).to_owned());
                    format!("{} {}", rng.pick(WORDS), rng.pick(WORDS))
                }
                // A long question.
                _ => {
                    let (who, place, what) = (rng.pick(WORDS), town(&mut rng), rng.pick(WORDS));
                    format!("aide pour les {who} à {place} {}", typo(&mut rng, what))
                }
            };
            Query {
                class,
                text,
                filters,
                prefix,
            }
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "an index into a short list"
    )]
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// CPU time of this process so far (user + system), from `/proc` (Linux);
/// unlike wall time, it does not count time lost to other processes.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesized command name; utime and stime are the
    // 14th and 15th fields overall, in clock ticks (100 per second on Linux).
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// `--page`: ask for a page and the total (`search_page`), as the
/// directory's pages and `/api/v1/search` do, instead of the top 20 alone.
static PAGED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn run(index: &SearchIndex, queries: &[Query], threads: usize) {
    let next = AtomicUsize::new(0);
    let cpu_before = cpu_time();
    let timings = Mutex::new(Vec::with_capacity(queries.len()));
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut local = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(q) = queries.get(i) else { break };
                    let t = Instant::now();
                    let found = if PAGED.load(Ordering::Relaxed) {
                        index
                            .search_page(&q.text, 0, 20, &q.filters, q.prefix)
                            .unwrap()
                            .hits
                            .len()
                    } else {
                        index
                            .search(&q.text, 20, &q.filters, q.prefix)
                            .unwrap()
                            .len()
                    };
                    local.push((t.elapsed(), i, found));
                }
                timings.lock().unwrap().extend(local);
            });
        }
    });
    let wall = started.elapsed();
    let cpu = cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    let mut timings = timings.into_inner().unwrap();
    timings.sort_by_key(|t| t.0);
    let sorted: Vec<Duration> = timings.iter().map(|t| t.0).collect();
    let total: Duration = sorted.iter().sum();
    #[expect(clippy::cast_precision_loss, reason = "a count of queries")]
    let (mean, qps) = (
        ms(total) / sorted.len() as f64,
        sorted.len() as f64 / wall.as_secs_f64(),
    );
    println!(
        "{threads:>2} thread(s): {} queries, p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms, mean {mean:.2} ms, {qps:.0} queries/s",
        sorted.len(),
        ms(percentile(&sorted, 0.50)),
        ms(percentile(&sorted, 0.90)),
        ms(percentile(&sorted, 0.99)),
        ms(sorted[sorted.len() - 1]),
    );
    if let Some(cpu) = cpu {
        #[expect(clippy::cast_precision_loss, reason = "a count of queries")]
        let per_query = ms(cpu) / sorted.len() as f64;
        println!("   CPU time {per_query:.3} ms per query");
    }
    if threads == 1 {
        let mut classes: Vec<&str> = queries.iter().map(|q| q.class).collect();
        classes.sort_unstable();
        classes.dedup();
        for class in classes {
            let of_class: Vec<Duration> = timings
                .iter()
                .filter(|t| queries[t.1].class == class)
                .map(|t| t.0)
                .collect();
            #[expect(clippy::cast_precision_loss, reason = "a count of queries")]
            let mean = ms(of_class.iter().sum()) / of_class.len() as f64;
            println!(
                "   {class:<16} mean {mean:.2} ms, p99 {:.2} ms",
                ms(percentile(&of_class, 0.99))
            );
        }
        println!("   slowest:");
        for (time, i, hits) in timings.iter().rev().take(5) {
            let q = &queries[*i];
            println!(
                "   {:>7.2} ms  {hits:>2} hits  {:?}{}{}",
                ms(*time),
                q.text,
                if q.prefix { " (prefix)" } else { "" },
                if q.filters == Filters::default() {
                    ""
                } else {
                    " (filtered)"
                }
            );
        }
    }
}

fn arg(args: &[String], name: &str, default: &str) -> String {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| default.to_owned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let orgs: usize = arg(&args, "--orgs", "20000").parse().expect("--orgs N");
    let services: usize = arg(&args, "--services", "60000")
        .parse()
        .expect("--services N");
    let count: usize = arg(&args, "--queries", "2000")
        .parse()
        .expect("--queries N");
    let threads: Vec<usize> = arg(&args, "--threads", "1,32")
        .split(',')
        .map(|t| t.parse().expect("--threads 1,32"))
        .collect();

    let docs = generate(orgs, services);
    let queries = queries(&docs, count);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut index = SearchIndex::open(dir.path()).expect("open");
    if let Some(max) = args
        .iter()
        .position(|a| a == "--max-concurrent")
        .and_then(|i| args.get(i + 1))
    {
        index = index.with_max_concurrent_searches(max.parse().expect("--max-concurrent N"));
    }

    let started = Instant::now();
    let indexed = index.rebuild(docs.clone(), 1).expect("rebuild");
    let build = started.elapsed();
    let size: u64 = std::fs::read_dir(dir.path())
        .expect("read dir")
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    #[expect(clippy::cast_precision_loss, reason = "a size in bytes")]
    let size_mb = size as f64 / 1e6;
    println!(
        "index: {indexed} docs ({orgs} organizations, {services} services) built in {:.2} s, {size_mb:.1} MB on disk, {} CPUs",
        build.as_secs_f64(),
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
    );

    let started = Instant::now();
    let batch: Vec<Doc> = docs.iter().take(100).cloned().collect();
    index.apply(batch, vec![], 2).expect("apply");
    println!(
        "apply: 100 upserts committed and visible in {:.1} ms",
        ms(started.elapsed())
    );

    PAGED.store(args.iter().any(|a| a == "--page"), Ordering::Relaxed);
    // Warm the page cache and the automaton builders once.
    run(&index, &queries[..queries.len().min(200)], 1);
    println!("measured:");
    for &t in &threads {
        run(&index, &queries, t);
    }
}
