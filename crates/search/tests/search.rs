//! Behaviour of the French search on real Québec names.

use std::sync::Arc;

use maillage_search::{Doc, Filters, Hit, Kind, SearchError, SearchIndex};

fn org(id: &str, name: &str) -> Doc {
    Doc {
        organization_id: id.to_owned(),
        organization: name.to_owned(),
        ..Doc::new(Kind::Organization, id, name)
    }
}

fn service(id: &str, name: &str, organization: &Doc) -> Doc {
    let mut doc = Doc::new(Kind::Service, id, name);
    doc.organization_id.clone_from(&organization.id);
    doc.organization.clone_from(&organization.name);
    doc
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|&v| v.to_owned()).collect()
}

/// The territories of the Saguenay–Lac-Saint-Jean fixtures.
const SLSJ: [&str; 2] = ["saguenay-lac-saint-jean", "saguenay"];

fn fixtures() -> Vec<Doc> {
    let mut docs = organizations();
    let services = services(&docs);
    docs.extend(services);
    docs.extend(ranking_decoys());
    docs
}

fn organizations() -> Vec<Doc> {
    let mut femmes = org("ORG-femmes", "Centre de femmes Mieux-Être de Jonquière");
    femmes.description =
        "Lieu d’entraide, d’éducation et d’action pour les femmes du secteur.".into();
    femmes.towns = strings(&["Jonquière"]);
    femmes.sector = Some("communautaire".into());
    femmes.territories = strings(&SLSJ);
    femmes.languages = strings(&["fr"]);

    let mut crepas = org(
        "ORG-crepas",
        "Conseil régional de prévention de l'abandon scolaire",
    );
    crepas.aliases = strings(&["CRÉPAS"]);
    crepas.description =
        "Instance régionale de concertation en persévérance scolaire au Saguenay–Lac-Saint-Jean."
            .into();
    crepas.sector = Some("education".into());
    crepas.territories = strings(&SLSJ);

    let mut uqac = org("ORG-uqac", "Université du Québec à Chicoutimi");
    uqac.aliases = strings(&["UQAC"]);
    uqac.towns = strings(&["Chicoutimi"]);
    uqac.sector = Some("recherche".into());
    uqac.territories = strings(&SLSJ);

    let mut cpe = org("ORG-cpe", "CPE La Souris Verte");
    cpe.description = "Centre de la petite enfance, installation de 80 places.".into();
    cpe.towns = strings(&["Alma"]);
    cpe.sector = Some("services-de-garde".into());
    cpe.territories = strings(&["saguenay-lac-saint-jean", "lac-saint-jean-est"]);
    cpe.age_groups = strings(&["0-5"]);

    let mut maison = org("ORG-maison", "Maison de la famille de Bécancour");
    maison.description = "Soutien aux parents et activités parents-enfants.".into();
    maison.towns = strings(&["Bécancour"]);
    maison.sector = Some("communautaire".into());
    maison.territories = strings(&["centre-du-quebec", "becancour"]);

    let mut aide = org("ORG-aide", "Aide-Parents Plus");
    aide.description = "Accompagnement des familles à domicile.".into();
    aide.towns = strings(&["Trois-Rivières"]);
    aide.sector = Some("communautaire".into());
    aide.territories = strings(&["mauricie"]);

    let mut ciusss = org("ORG-ciusss", "CIUSSS du Saguenay–Lac-Saint-Jean");
    ciusss.towns = strings(&["Chicoutimi", "Jonquière", "Alma"]);
    ciusss.sector = Some("sante".into());
    ciusss.territories = strings(&SLSJ);

    let mut cje = org("ORG-cje", "Carrefour jeunesse-emploi de Jonquière");
    cje.towns = strings(&["Jonquière"]);
    cje.sector = Some("emploi".into());
    cje.territories = strings(&SLSJ);

    let mut css = org("ORG-css", "Centre de services scolaire De La Jonquière");
    css.towns = strings(&["Jonquière"]);
    css.sector = Some("education".into());
    css.territories = strings(&SLSJ);

    let mut regroupement = org("ORG-regroupement", "Regroupement des femmes de la région");
    regroupement.description = "Défense des droits des femmes.".into();
    regroupement.territories = strings(&SLSJ);

    vec![
        femmes,
        crepas,
        uqac,
        cpe,
        maison,
        aide,
        ciusss,
        cje,
        css,
        regroupement,
    ]
}

/// Services of the `organizations`.
fn services(organizations: &[Doc]) -> Vec<Doc> {
    let by_id = |id: &str| {
        organizations
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id} is a fixture"))
    };
    let (maison, cpe, ciusss, aide, femmes) = (
        by_id("ORG-maison"),
        by_id("ORG-cpe"),
        by_id("ORG-ciusss"),
        by_id("ORG-aide"),
        by_id("ORG-femmes"),
    );

    let mut halte = service("SRV-halte", "Halte-garderie", maison);
    halte.terms = strings(&["Garde d'enfants"]);
    halte.towns = strings(&["Bécancour"]);
    halte.age_groups = strings(&["0-5"]);
    halte.languages = strings(&["fr"]);
    halte.territories.clone_from(&maison.territories);
    halte.sector.clone_from(&maison.sector);

    let mut halte_alma = service("SRV-halte-alma", "Halte-garderie Les Lucioles", cpe);
    halte_alma.towns = strings(&["Alma"]);
    halte_alma.terms = strings(&["Garde d'enfants"]);

    let mut langage = service("SRV-langage", "Ateliers de stimulation du langage", ciusss);
    langage.terms = strings(&["Développement du langage"]);
    langage.towns = strings(&["Jonquière"]);
    langage.age_groups = strings(&["0-5"]);
    langage.languages = strings(&["fr", "en"]);
    langage.sector = Some("sante".into());
    langage.territories = strings(&SLSJ);

    let mut ecriture = service("SRV-ecriture", "Atelier d'écriture", aide);
    ecriture.description = "Pour les parents qui veulent écrire.".into();

    let mut ecoute = service("SRV-ecoute", "Soutien psychosocial", femmes);
    ecoute.description = "Écoute et accompagnement individuel.".into();
    ecoute.towns = strings(&["Jonquière"]);

    let mut cuisine = service("SRV-cuisine", "Cuisine collective", aide);
    cuisine.description = "Préparer des repas en groupe.".into();

    let mut popote = service("SRV-popote", "Popote roulante", aide);
    popote.description = "Repas livrés, préparés comme une cuisine collective.".into();

    vec![
        halte, halte_alma, langage, ecriture, ecoute, cuisine, popote,
    ]
}

/// Two organizations that test the ranking of `garderie becancour`.
fn ranking_decoys() -> Vec<Doc> {
    // Matches one word of `garderie becancour` very strongly, in its name.
    let garderies = org("ORG-garderies", "Garderie Garderie Les Garderies");
    // Matches both words, but only in its description.
    let mut educatif = org("ORG-educatif", "Service éducatif Les Petits Pas");
    educatif.description = "Une garderie familiale située à Bécancour.".into();

    vec![garderies, educatif]
}

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    let docs = fixtures();
    let count = docs.len();
    assert_eq!(index.rebuild(docs, 7).unwrap(), count);
    index
}

fn search(index: &SearchIndex, query: &str) -> Vec<Hit> {
    let hits = index.search(query, 20, &Filters::default(), false).unwrap();
    assert_scores_are_sane(&hits);
    hits
}

fn ids(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

fn first(index: &SearchIndex, query: &str) -> String {
    let hits = search(index, query);
    assert!(!hits.is_empty(), "no hit for {query:?}");
    hits[0].id.clone()
}

fn assert_scores_are_sane(hits: &[Hit]) {
    for pair in hits.windows(2) {
        assert!(pair[0].score >= pair[1].score, "{hits:#?}");
    }
    assert!(hits.iter().all(|h| h.score.is_finite() && h.score > 0.0));
}

fn position(hits: &[Hit], id: &str) -> usize {
    hits.iter()
        .position(|h| h.id == id)
        .unwrap_or_else(|| panic!("{id} not in {:?}", ids(hits)))
}

#[test]
fn accents_and_case_do_not_matter() {
    let index = index();
    for query in [
        "mieux etre jonquiere",
        "Mieux-Être de Jonquière",
        "MIEUX ÊTRE JONQUIÈRE",
        "mieux-etre  JONQUIERE",
    ] {
        assert_eq!(first(&index, query), "ORG-femmes", "{query}");
    }
    assert_eq!(
        ids(&search(&index, "jonquière")),
        ids(&search(&index, "JONQUIERE"))
    );
    assert_eq!(first(&index, "becancour"), "ORG-maison");
}

#[test]
fn hits_carry_kind_id_name_and_organization() {
    let index = index();
    let hits = search(&index, "stimulation langage");
    let hit = &hits[0];
    assert_eq!(hit.kind, Kind::Service);
    assert_eq!(hit.id, "SRV-langage");
    assert_eq!(hit.name, "Ateliers de stimulation du langage");
    assert_eq!(hit.organization, "CIUSSS du Saguenay–Lac-Saint-Jean");

    let hit = &search(&index, "crepas")[0];
    assert_eq!(hit.kind, Kind::Organization);
    assert_eq!(
        hit.name, "Conseil régional de prévention de l'abandon scolaire",
        "the name, not the alias"
    );
    let json = serde_json::to_value(hit).unwrap();
    assert_eq!(json["kind"], "organization");
    assert_eq!(json["id"], "ORG-crepas");
}

#[test]
fn one_typo_in_a_long_word_still_finds_it_first() {
    let index = index();
    assert_eq!(first(&index, "mieux etre jonquire"), "ORG-femmes");
    assert_eq!(first(&index, "centre femmes jonqiuere"), "ORG-femmes");
    assert_eq!(first(&index, "prevantion"), "ORG-crepas");
    assert_eq!(first(&index, "prevantion abandon scolaire"), "ORG-crepas");
    assert_eq!(first(&index, "universite chicoutimu"), "ORG-uqac");
    assert_eq!(first(&index, "stimulasion du langage"), "SRV-langage");
    // Two typos in one word are too many.
    assert!(search(&index, "prevanshion").is_empty());
}

#[test]
fn exact_beats_typo() {
    let index = SearchIndex::in_memory().unwrap();
    index
        .rebuild(
            vec![
                org("ORG-bouchart", "Ferme Bouchart"),
                org("ORG-bouchard", "Ferme Bouchard"),
            ],
            1,
        )
        .unwrap();
    let hits = search(&index, "bouchard");
    assert_eq!(ids(&hits), ["ORG-bouchard", "ORG-bouchart"]);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn short_words_are_exact() {
    let index = index();
    assert_eq!(first(&index, "cpe"), "ORG-cpe");
    assert_eq!(first(&index, "CPE"), "ORG-cpe");
    assert!(
        search(&index, "cpi").is_empty(),
        "{:?}",
        search(&index, "cpi")
    );
    assert!(search(&index, "uqam").is_empty());
}

#[test]
fn aliases_count_like_the_name() {
    let index = index();
    for query in ["crepas", "CRÉPAS", "Crépas"] {
        assert_eq!(first(&index, query), "ORG-crepas", "{query}");
    }
    for query in ["UQAC", "uqac"] {
        assert_eq!(first(&index, query), "ORG-uqac", "{query}");
    }
    assert_eq!(first(&index, "crepass"), "ORG-crepas", "typo in an alias");
}

#[test]
fn stop_words_are_not_required() {
    let index = index();
    assert_eq!(
        first(&index, "centre pour les femmes de jonquiere"),
        "ORG-femmes"
    );
    assert_eq!(first(&index, "la maison des familles"), "ORG-maison");
    assert_eq!(first(&index, "l'université à Chicoutimi"), "ORG-uqac");
}

#[test]
fn documents_with_every_word_rank_above_those_with_some() {
    let index = index();
    let hits = search(&index, "garderie becancour");
    // Description only, but both words…
    let both = position(&hits, "ORG-educatif");
    // …beats a name that repeats one of them.
    let one = position(&hits, "ORG-garderies");
    assert!(both < one, "{:?}", ids(&hits));
    assert!(hits[both].score >= 2.0 && hits[one].score < 2.0);

    let hits = search(&index, "halte garderie becancour");
    assert_eq!(hits[0].id, "SRV-halte");
    let alma = position(&hits, "SRV-halte-alma");
    let maison = position(&hits, "ORG-maison");
    assert!(alma < position(&hits, "ORG-garderies"));
    assert!(hits[0].score >= 3.0);
    assert!((2.0..3.0).contains(&hits[alma].score));
    assert!((1.0..2.0).contains(&hits[maison].score));

    let hits = search(&index, "centre femmes jonquiere");
    assert_eq!(hits[0].id, "ORG-femmes");
    let partial = position(&hits, "ORG-regroupement");
    let services_in_jonquiere = position(&hits, "ORG-css");
    assert!(partial > 0 && services_in_jonquiere > 0);
}

#[test]
fn name_ranks_above_description() {
    let index = index();
    let hits = search(&index, "cuisine collective");
    assert_eq!(hits[0].id, "SRV-cuisine");
    assert!(position(&hits, "SRV-popote") > 0);
    assert!(hits[1].score >= 2.0, "both contain both words");
}

#[test]
fn stemming_joins_singular_and_plural() {
    let index = index();
    assert_eq!(first(&index, "atelier langage"), "SRV-langage");
    let hits = search(&index, "ateliers");
    position(&hits, "SRV-ecriture");
    position(&hits, "SRV-langage");
    assert_eq!(first(&index, "maison des familles"), "ORG-maison");
    let hits = search(&index, "famille");
    assert_eq!(hits[0].id, "ORG-maison", "name above description");
    position(&hits, "ORG-aide");
}

#[test]
fn prefix_mode_completes_the_last_word() {
    let index = index();
    let typed = index
        .search("souris ver", 10, &Filters::default(), true)
        .unwrap();
    assert_eq!(typed[0].id, "ORG-cpe");
    assert!(typed[0].score >= 2.0, "both words matched");
    let exact = search(&index, "souris ver");
    assert!(exact[0].score < 2.0, "`ver` is not a word of the name");

    let typed = index.search("jonq", 10, &Filters::default(), true).unwrap();
    assert!(typed.len() >= 4, "{typed:?}");
    assert!(search(&index, "jonq").is_empty());

    // Only the last word is a prefix.
    assert!(
        index
            .search("sou verte", 10, &Filters::default(), true)
            .unwrap()
            .iter()
            .all(|h| h.score < 2.0)
    );
    // A typo while typing a long word.
    let typed = index
        .search("centre femmes jonqiu", 10, &Filters::default(), true)
        .unwrap();
    assert_eq!(typed[0].id, "ORG-femmes");
}

#[test]
fn queries_without_meaningful_words_have_no_hits() {
    let index = index();
    for query in [
        "",
        "   ",
        "!!!",
        "de la",
        "l'",
        "— – -",
        "?",
        "de la des",
        "’",
    ] {
        for prefix in [false, true] {
            let hits = index.search(query, 10, &Filters::default(), prefix);
            assert!(hits.unwrap().is_empty(), "{query:?}");
        }
    }
}

#[test]
fn long_queries_are_truncated_not_refused() {
    let index = index();
    let long = "centre femmes jonquiere ".repeat(50);
    assert_eq!(first(&index, &long), "ORG-femmes");
    let many_words = (0..100)
        .map(|i| format!("mot{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(search(&index, &many_words).is_empty());
    let garbage = "ƒ∂ß😀".repeat(500);
    assert!(search(&index, &garbage).is_empty());
    assert!(
        index
            .search("jonquiere", 0, &Filters::default(), false)
            .unwrap()
            .is_empty()
    );
    let all = index
        .search("jonquiere", usize::MAX, &Filters::default(), false)
        .unwrap();
    assert!(!all.is_empty());
}

#[test]
fn limit_is_respected_across_coverage_tiers() {
    let index = index();
    let everything = search(&index, "centre femmes jonquiere");
    assert!(everything.len() > 3);
    for limit in 1..everything.len() {
        let hits = index
            .search("centre femmes jonquiere", limit, &Filters::default(), false)
            .unwrap();
        assert_eq!(ids(&hits), ids(&everything[..limit]), "limit {limit}");
    }
}

#[test]
fn filters_restrict_hits() {
    let index = index();
    let query = |q: &str, filters: Filters| -> Vec<String> {
        let hits = index.search(q, 50, &filters, false).unwrap();
        assert_scores_are_sane(&hits);
        hits.into_iter().map(|h| h.id).collect()
    };

    let all = query("jonquiere", Filters::default());
    assert!(all.len() >= 5);

    let services = query(
        "jonquiere",
        Filters {
            kind: Some(Kind::Service),
            ..Filters::default()
        },
    );
    assert_eq!(services, ["SRV-ecoute", "SRV-langage"]);

    let mut sante = query(
        "jonquiere",
        Filters {
            sector: Some("Santé".into()),
            ..Filters::default()
        },
    );
    sante.sort();
    assert_eq!(sante, ["ORG-ciusss", "SRV-langage"]);

    // An ancestor territory matches.
    let region = query(
        "halte garderie",
        Filters {
            territory: Some("centre-du-quebec".into()),
            ..Filters::default()
        },
    );
    assert_eq!(region, ["SRV-halte"]);

    let term = query(
        "langage",
        Filters {
            term: Some("développement du langage".into()),
            ..Filters::default()
        },
    );
    assert_eq!(term, ["SRV-langage"]);

    let english = query(
        "jonquiere",
        Filters {
            language: Some("EN".into()),
            ..Filters::default()
        },
    );
    assert_eq!(english, ["SRV-langage"]);

    let toddlers = query(
        "garderie",
        Filters {
            age_group: Some("0-5".into()),
            ..Filters::default()
        },
    );
    assert_eq!(toddlers, ["SRV-halte"]);

    // Towns compare without accents or case.
    let town = query(
        "soutien",
        Filters {
            town: Some("JONQUIERE".into()),
            ..Filters::default()
        },
    );
    assert_eq!(town, ["SRV-ecoute"]);

    let combined = query(
        "jonquiere",
        Filters {
            kind: Some(Kind::Organization),
            sector: Some("education".into()),
            territory: Some("saguenay".into()),
            ..Filters::default()
        },
    );
    assert_eq!(combined, ["ORG-css"]);

    let none = query(
        "jonquiere",
        Filters {
            sector: Some("philanthropie".into()),
            ..Filters::default()
        },
    );
    assert!(none.is_empty());

    // A blank filter value is no filter.
    let blank = query(
        "jonquiere",
        Filters {
            town: Some("  ".into()),
            ..Filters::default()
        },
    );
    assert_eq!(blank, all);
}

#[test]
fn filters_apply_to_partial_matches_too() {
    let index = index();
    let filters = Filters {
        kind: Some(Kind::Service),
        ..Filters::default()
    };
    let hits = index
        .search("cuisine jonquiere", 20, &filters, false)
        .unwrap();
    assert!(hits.iter().all(|h| h.kind == Kind::Service));
    assert!(ids(&hits).contains(&"SRV-cuisine"));
    assert!(ids(&hits).contains(&"SRV-ecoute"));
}

#[test]
fn apply_upserts_and_deletes() {
    let index = index();
    let before = index.doc_count();
    assert_eq!(index.last_change_id(), 7);
    assert!(!index.needs_rebuild());

    let mut renamed = org("ORG-cpe", "CPE Les Petits Explorateurs");
    renamed.towns = strings(&["Alma"]);
    let mut new_service = service("SRV-new", "Clinique d'impôts", &renamed);
    new_service.towns = strings(&["Alma"]);
    index
        .apply(
            vec![renamed, new_service],
            vec![
                (Kind::Organization, "ORG-uqac".to_owned()),
                (Kind::Service, "does-not-exist".to_owned()),
                // Same id, other kind: must not touch the organization.
                (Kind::Service, "ORG-femmes".to_owned()),
            ],
            12,
        )
        .unwrap();

    assert_eq!(index.last_change_id(), 12);
    assert_eq!(
        index.doc_count(),
        before,
        "one replaced, one added, one deleted"
    );
    assert!(!ids(&search(&index, "souris verte")).contains(&"ORG-cpe"));
    assert_eq!(first(&index, "petits explorateurs"), "ORG-cpe");
    assert_eq!(first(&index, "clinique impots"), "SRV-new");
    assert!(search(&index, "uqac").is_empty());
    assert_eq!(first(&index, "mieux etre"), "ORG-femmes");

    // Upserting twice in one batch keeps the last version only.
    index
        .apply(
            vec![
                org("ORG-dup", "Première version"),
                org("ORG-dup", "Deuxième version"),
            ],
            vec![],
            13,
        )
        .unwrap();
    let hits = search(&index, "version");
    assert_eq!(ids(&hits), ["ORG-dup"]);
    assert_eq!(hits[0].name, "Deuxième version");
}

#[test]
fn rebuild_replaces_everything() {
    let index = index();
    assert!(index.doc_count() > 10);
    let count = index
        .rebuild(vec![org("ORG-seul", "Organisme seul")], 99)
        .unwrap();
    assert_eq!(count, 1);
    assert_eq!(index.doc_count(), 1);
    assert_eq!(index.last_change_id(), 99);
    assert!(search(&index, "jonquiere").is_empty());
    assert_eq!(first(&index, "organisme"), "ORG-seul");
}

#[test]
fn ids_are_kept_verbatim() {
    let index = SearchIndex::in_memory().unwrap();
    let weird = "0f1e2d3c-ÉTÉ / l’id:42 ";
    index
        .rebuild(vec![org(weird, "Organisme étrange")], 1)
        .unwrap();
    assert_eq!(first(&index, "etrange"), weird);
    index
        .apply(vec![], vec![(Kind::Organization, weird.to_owned())], 2)
        .unwrap();
    assert_eq!(index.doc_count(), 0);
}

#[test]
fn new_index_needs_rebuild_until_rebuilt() {
    let index = SearchIndex::in_memory().unwrap();
    assert!(index.needs_rebuild());
    assert_eq!(index.last_change_id(), 0);
    assert_eq!(index.doc_count(), 0);
    assert!(search(&index, "jonquiere").is_empty());
    index.apply(fixtures(), vec![], 3).unwrap();
    assert!(index.needs_rebuild(), "apply does not make it complete");
    index.rebuild(fixtures(), 4).unwrap();
    assert!(!index.needs_rebuild());
}

#[test]
fn state_persists_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open(dir.path()).unwrap();
        assert!(index.needs_rebuild());
        index.rebuild(fixtures(), 41).unwrap();
        index
            .apply(vec![org("ORG-new", "Nouvel organisme")], vec![], 42)
            .unwrap();
    }
    let index = SearchIndex::open(dir.path()).unwrap();
    assert!(!index.needs_rebuild());
    assert_eq!(index.last_change_id(), 42);
    assert_eq!(index.doc_count(), fixtures().len() as u64 + 1);
    assert_eq!(first(&index, "nouvel organisme"), "ORG-new");
    assert_eq!(first(&index, "crepas"), "ORG-crepas");
}

#[test]
fn open_creates_a_missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("search");
    let index = SearchIndex::open(&path).unwrap();
    assert!(index.needs_rebuild());
    index.rebuild(fixtures(), 1).unwrap();
    assert_eq!(first(&index, "uqac"), "ORG-uqac");
}

fn set_meta_payload(dir: &std::path::Path, payload: &str) {
    let path = dir.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    meta["payload"] = serde_json::Value::String(payload.to_owned());
    std::fs::write(&path, serde_json::to_string(&meta).unwrap()).unwrap();
}

#[test]
fn another_schema_version_is_wiped_and_needs_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let bystander = dir.path().join("notes.txt");
    std::fs::write(&bystander, "not ours").unwrap();
    {
        let index = SearchIndex::open(dir.path()).unwrap();
        index.rebuild(fixtures(), 5).unwrap();
    }
    let old_version = maillage_search::SCHEMA_VERSION - 1;
    set_meta_payload(
        dir.path(),
        &format!(r#"{{"schema_version":{old_version},"last_change_id":5,"built":true}}"#),
    );

    assert!(matches!(
        SearchIndex::open_read_only(dir.path()),
        Err(SearchError::Incompatible { .. })
    ));

    let index = SearchIndex::open(dir.path()).unwrap();
    assert!(index.needs_rebuild());
    assert_eq!(index.doc_count(), 0);
    assert_eq!(index.last_change_id(), 0);
    assert!(search(&index, "crepas").is_empty());
    assert!(bystander.exists(), "only the index files are removed");

    index.rebuild(fixtures(), 6).unwrap();
    assert_eq!(first(&index, "crepas"), "ORG-crepas");
    drop(index);
    let index = SearchIndex::open(dir.path()).unwrap();
    assert!(!index.needs_rebuild());
    assert_eq!(index.last_change_id(), 6);
}

#[test]
fn a_corrupt_index_is_wiped_and_needs_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open(dir.path()).unwrap();
        index.rebuild(fixtures(), 5).unwrap();
    }
    std::fs::write(dir.path().join("meta.json"), b"{ not json").unwrap();
    let index = SearchIndex::open(dir.path()).unwrap();
    assert!(index.needs_rebuild());
    assert_eq!(index.doc_count(), 0);

    // A payload written by something else.
    drop(index);
    set_meta_payload(dir.path(), "hello");
    let index = SearchIndex::open(dir.path()).unwrap();
    assert!(index.needs_rebuild());
}

#[test]
fn missing_segment_files_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open(dir.path()).unwrap();
        index.rebuild(fixtures(), 5).unwrap();
    }
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "term") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let index = SearchIndex::open(dir.path()).unwrap();
    assert!(index.needs_rebuild());
    assert_eq!(index.doc_count(), 0);
}

#[test]
fn read_only_sees_commits_after_reload() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        SearchIndex::open_read_only(&dir.path().join("absent")),
        Err(SearchError::NotFound(_))
    ));
    assert!(matches!(
        SearchIndex::open_read_only(dir.path()),
        Err(SearchError::NotFound(_))
    ));

    let writer = SearchIndex::open(dir.path()).unwrap();
    assert!(matches!(
        SearchIndex::open(dir.path()),
        Err(SearchError::Locked(_))
    ));
    writer.rebuild(fixtures(), 10).unwrap();

    let reader = SearchIndex::open_read_only(dir.path()).unwrap();
    assert!(reader.is_read_only());
    assert_eq!(reader.last_change_id(), 10);
    assert!(!reader.needs_rebuild());
    assert_eq!(first(&reader, "crepas"), "ORG-crepas");
    assert!(matches!(
        reader.apply(vec![], vec![], 11),
        Err(SearchError::ReadOnly)
    ));
    assert!(matches!(
        reader.rebuild(vec![], 11),
        Err(SearchError::ReadOnly)
    ));

    writer
        .apply(
            vec![org("ORG-later", "Organisme ajouté plus tard")],
            vec![(Kind::Organization, "ORG-crepas".to_owned())],
            11,
        )
        .unwrap();
    assert!(search(&reader, "ajoute").is_empty(), "not before reload");
    reader.reload().unwrap();
    assert_eq!(first(&reader, "ajoute"), "ORG-later");
    // « repas » is one typo away from « crepas »: the services that say it
    // may match, the deleted organization may not.
    assert!(!ids(&search(&reader, "crepas")).contains(&"ORG-crepas"));
    assert_eq!(reader.last_change_id(), 11);

    drop(writer);
    let writer = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(writer.last_change_id(), 11);
}

#[test]
fn searches_run_concurrently_with_writes() {
    let index = Arc::new(index());
    let searchers: Vec<_> = (0..4)
        .map(|_| {
            let index = Arc::clone(&index);
            std::thread::spawn(move || {
                for _ in 0..200 {
                    let hits = index
                        .search("centre femmes jonquiere", 10, &Filters::default(), false)
                        .unwrap();
                    assert_eq!(hits[0].id, "ORG-femmes");
                }
            })
        })
        .collect();
    for i in 0..20 {
        index
            .apply(
                vec![org(&format!("ORG-{i}"), &format!("Organisme numéro {i}"))],
                vec![],
                100 + i,
            )
            .unwrap();
    }
    for handle in searchers {
        handle.join().unwrap();
    }
    assert_eq!(index.last_change_id(), 119);
    assert_eq!(search(&index, "organisme numero").len(), 20);
}

#[test]
fn kind_serializes_lowercase() {
    assert_eq!(
        serde_json::to_string(&Kind::Organization).unwrap(),
        r#""organization""#
    );
    assert_eq!(
        serde_json::from_str::<Kind>(r#""service""#).unwrap(),
        Kind::Service
    );
}

#[test]
fn a_rebuild_interrupted_by_a_panic_publishes_nothing() {
    let index = index();
    let before = index.doc_count();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let docs = (0..10).map(|i| {
            assert!(i < 5, "the store failed while streaming");
            org(&format!("ORG-partial-{i}"), "Organisme partiel")
        });
        index.rebuild(docs, 50).unwrap();
    }));
    assert!(result.is_err());
    // The next commit must not publish the half-done rebuild.
    index
        .apply(vec![org("ORG-after", "Organisme suivant")], vec![], 51)
        .unwrap();
    assert_eq!(index.doc_count(), before + 1);
    assert!(search(&index, "partiel").is_empty());
    assert_eq!(first(&index, "crepas"), "ORG-crepas");
    assert_eq!(index.last_change_id(), 51);
}
