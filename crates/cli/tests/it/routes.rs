//! Who may reach which route: one row per route, with the roles allowed.
//! Later areas add their rows here.

use maillage_domain::Role;
use reqwest::StatusCode;

use crate::harness::{TestApp, TestClient, location};
use maillage_test_macros::db_test;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    Anonymous,
    Viewer,
    Member,
    Coordinator,
    Admin,
}

const EVERYONE: &[Who] = &[
    Who::Anonymous,
    Who::Viewer,
    Who::Member,
    Who::Coordinator,
    Who::Admin,
];
const SIGNED_IN: &[Who] = &[Who::Viewer, Who::Member, Who::Coordinator, Who::Admin];
const ADMIN: &[Who] = &[Who::Admin];
const EDITORS: &[Who] = &[Who::Coordinator, Who::Admin];

#[derive(Debug, Clone, Copy)]
pub(crate) enum Method {
    Get,
    Post,
    /// Sent with the CSRF token in its header (a browser's script).
    Delete,
}

pub(crate) struct Route {
    pub(crate) method: Method,
    /// `{user}` is replaced by the id of a bystander account, `{org}` and
    /// `{service}` by those of a directory entry, `{proposal}` by an id
    /// that names no proposal.
    pub(crate) path: &'static str,
    pub(crate) allowed: &'static [Who],
}

const fn get(path: &'static str, allowed: &'static [Who]) -> Route {
    Route {
        method: Method::Get,
        path,
        allowed,
    }
}

const fn delete(path: &'static str, allowed: &'static [Who]) -> Route {
    Route {
        method: Method::Delete,
        path,
        allowed,
    }
}

const fn post(path: &'static str, allowed: &'static [Who]) -> Route {
    Route {
        method: Method::Post,
        path,
        allowed,
    }
}

pub(crate) const ROUTES: &[Route] = &[
    get("/healthz", EVERYONE),
    get("/readyz", EVERYONE),
    get("/static/maillage.css", EVERYONE),
    get("/static/vendor/htmx.min.js", EVERYONE),
    get("/langue/en?suivant=/", EVERYONE),
    get("/api/v1/openapi.json", EVERYONE),
    // design system: icons, the API documentation, the components page
    get("/favicon.ico", EVERYONE),
    get("/static/manifest.webmanifest", EVERYONE),
    get("/api/docs", EVERYONE),
    get("/style", ADMIN),
    get("/connexion", EVERYONE),
    post("/connexion", EVERYONE),
    get("/", EVERYONE),
    // « mot de passe oublié »: the form, and a link (`{reset}` names none:
    // its page says the link is not valid, to anyone)
    get("/mot-de-passe-oublie", EVERYONE),
    post("/mot-de-passe-oublie", EVERYONE),
    get("/mot-de-passe/{reset}", EVERYONE),
    post("/mot-de-passe/{reset}", EVERYONE),
    get("/profil", SIGNED_IN),
    post("/profil/mot-de-passe", SIGNED_IN),
    post("/deconnexion", SIGNED_IN),
    get("/api/v1/me", SIGNED_IN),
    // API tokens; `{api_token}` names no token (one's own are the
    // only ones found, and the bearer pass below uses real ones)
    post("/profil/jetons", SIGNED_IN),
    post("/profil/jetons/{api_token}/nom", SIGNED_IN),
    post("/profil/jetons/{api_token}/revoquer", SIGNED_IN),
    get("/api/v1/tokens", SIGNED_IN),
    delete("/api/v1/tokens/{api_token}", SIGNED_IN),
    // end of API tokens
    get("/admin/utilisateurs", ADMIN),
    post("/admin/utilisateurs", ADMIN),
    post("/admin/utilisateurs/{user}/role", ADMIN),
    post("/admin/utilisateurs/{user}/desactiver", ADMIN),
    post("/admin/utilisateurs/{user}/activer", ADMIN),
    get("/api/v1/users", ADMIN),
    // directory pages (rows added by the directory area)
    get("/repertoire", EVERYONE),
    get("/repertoire?q=centre&secteur=communautaire", EVERYONE),
    get("/repertoire/resultats?q=cen", EVERYONE),
    get("/repertoire/organisations/{org}", EVERYONE),
    get("/repertoire/services/{service}", EVERYONE),
    get("/repertoire/organisations/nouvelle", EDITORS),
    post("/repertoire/organisations/nouvelle", EDITORS),
    get("/repertoire/organisations/{org}/modifier", EDITORS),
    post("/repertoire/organisations/{org}/modifier", EDITORS),
    post("/repertoire/organisations/{org}/verifier", EDITORS),
    get("/repertoire/organisations/{org}/fusionner", EDITORS),
    post("/repertoire/organisations/{org}/fusionner", EDITORS),
    // Members propose for their own organization only (these accounts
    // have none); coordinators are sent to the edit form.
    get("/repertoire/organisations/{org}/proposer", EDITORS),
    post("/repertoire/organisations/{org}/proposer", EDITORS),
    get("/repertoire/organisations/{org}/representants", EDITORS),
    post("/repertoire/organisations/{org}/representants", EDITORS),
    post(
        "/repertoire/organisations/{org}/representants/{user}/retirer",
        EDITORS,
    ),
    get("/repertoire/organisations/{org}/services/nouveau", EDITORS),
    post("/repertoire/organisations/{org}/services/nouveau", EDITORS),
    get("/repertoire/services/{service}/modifier", EDITORS),
    post("/repertoire/services/{service}/modifier", EDITORS),
    get("/repertoire/a-verifier", EDITORS),
    get("/repertoire/propositions", EDITORS),
    post("/repertoire/propositions/{proposal}/approuver", EDITORS),
    post("/repertoire/propositions/{proposal}/refuser", EDITORS),
    get("/repertoire/export.zip", EDITORS),
    // end of directory pages
    // directory API (rows added by the directory API)
    get("/api/v1/", EVERYONE),
    get("/api/v1", EVERYONE),
    get("/api/v1/search?q=crepas", EVERYONE),
    get("/api/v1/organizations", EVERYONE),
    get("/api/v1/organizations/inconnu", EVERYONE),
    get("/api/v1/services", EVERYONE),
    get("/api/v1/services/inconnu", EVERYONE),
    get("/api/v1/service_at_locations", EVERYONE),
    get("/api/v1/service_at_locations/inconnu", EVERYONE),
    get("/api/v1/locations", EVERYONE),
    get("/api/v1/locations/inconnu", EVERYONE),
    get("/api/v1/taxonomies", EVERYONE),
    get("/api/v1/taxonomies/inconnu", EVERYONE),
    get("/api/v1/taxonomy_terms", EVERYONE),
    get("/api/v1/taxonomy_terms/inconnu", EVERYONE),
    // end of directory API
    // groupings and plans (rows added by the plans area); `{plan}` is a
    // published plan of the accounts' grouping, `{orientation}`,
    // `{strategy}`, `{action}`, `{indicator}`, `{measurement}`,
    // `{pathway}` and `{staff}` are in it. Deletions come last.
    get("/regroupements", EVERYONE),
    get("/regroupements/table-de-test", EVERYONE),
    get("/regroupements/table-de-test?date=2020-01-01", EVERYONE),
    get("/api/v1/groupings", EVERYONE),
    get("/regroupements/nouveau", ADMIN),
    post("/regroupements/nouveau", ADMIN),
    get("/regroupements/table-de-test/modifier", EDITORS),
    post("/regroupements/table-de-test/modifier", EDITORS),
    post("/regroupements/table-de-test/voies", EDITORS),
    post(
        "/regroupements/table-de-test/voies/{pathway}/descendre",
        EDITORS,
    ),
    post(
        "/regroupements/table-de-test/voies/{pathway}/modifier",
        EDITORS,
    ),
    post("/regroupements/table-de-test/personnel", EDITORS),
    post("/regroupements/table-de-test/membres", EDITORS),
    post(
        "/regroupements/table-de-test/membres/{org}/retirer",
        EDITORS,
    ),
    post("/regroupements/table-de-test/bailleurs", EDITORS),
    post(
        "/regroupements/table-de-test/bailleurs/{org}/retirer",
        EDITORS,
    ),
    get("/regroupements/table-de-test/portrait", EVERYONE),
    get("/regroupements/table-de-test/plans/nouveau", EDITORS),
    post("/regroupements/table-de-test/plans/nouveau", EDITORS),
    get("/regroupements/table-de-test/plans/importer", EDITORS),
    // a published plan is public, with its actions, indicators and exports
    get("/plans", EVERYONE),
    get("/plans/{plan}", EVERYONE),
    get("/plans/{plan}/export.csv", EVERYONE),
    get("/plans/{plan}/export.xlsx", EVERYONE),
    get("/api/v1/plans/{plan}", EVERYONE),
    get("/api/v1/actions", SIGNED_IN),
    get("/plans/{plan}/modifier", EDITORS),
    post("/plans/{plan}/modifier", EDITORS),
    get("/plans/{plan}/copier", EDITORS),
    post("/plans/{plan}/copier", EDITORS),
    post("/plans/{plan}/orientations", EDITORS),
    post("/orientations/{orientation}/modifier", EDITORS),
    post("/orientations/{orientation}/descendre", EDITORS),
    post("/orientations/{orientation}/strategies", EDITORS),
    post("/strategies/{strategy}/modifier", EDITORS),
    post("/strategies/{strategy}/monter", EDITORS),
    get("/strategies/{strategy}/actions/nouvelle", EDITORS),
    post("/strategies/{strategy}/actions/nouvelle", EDITORS),
    post("/strategies/{strategy}/indicateurs", EDITORS),
    get("/actions/{action}", EVERYONE),
    get("/actions/{action}/modifier", EDITORS),
    post("/actions/{action}/modifier", EDITORS),
    get("/actions/{action}/sous-actions/nouvelle", EDITORS),
    post("/actions/{action}/sous-actions/nouvelle", EDITORS),
    post("/actions/{action}/indicateurs", EDITORS),
    post("/actions/{action}/descendre", EDITORS),
    get("/indicateurs/{indicator}", EVERYONE),
    post("/indicateurs/{indicator}/mesures", EDITORS),
    post(
        "/regroupements/table-de-test/personnel/{staff}/supprimer",
        EDITORS,
    ),
    post(
        "/regroupements/table-de-test/voies/{pathway}/supprimer",
        EDITORS,
    ),
    post(
        "/indicateurs/{indicator}/mesures/{measurement}/supprimer",
        EDITORS,
    ),
    post("/indicateurs/{indicator}/supprimer", EDITORS),
    post("/actions/{action}/supprimer", EDITORS),
    post("/strategies/{strategy}/supprimer", EDITORS),
    post("/orientations/{orientation}/supprimer", EDITORS),
    post("/plans/{plan}/supprimer", EDITORS),
    // end of groupings and plans
    // events: pages, registration, iCal, check-in, attendance (helper A)
    get("/evenements", EVERYONE),
    get("/evenements/{event}", EVERYONE),
    get(
        "/evenements/{event}/organisations?organization_text=Organisme",
        EVERYONE,
    ),
    get("/evenements/{event}/calendrier.ics", EVERYONE),
    get("/regroupements/table-de-test/evenements.ics", EVERYONE),
    post("/evenements/{event}/inscription", EVERYONE),
    get("/evenements/nouveau", EDITORS),
    post("/evenements/nouveau", EDITORS),
    get("/evenements/{event}/modifier", EDITORS),
    post("/evenements/{event}/modifier", EDITORS),
    get("/evenements/{event}/gestion", EDITORS),
    get("/evenements/{event}/seances", EDITORS),
    post("/evenements/{event}/seances", EDITORS),
    get("/evenements/{event}/seances/{session}/modifier", EDITORS),
    post("/evenements/{event}/seances/{session}/modifier", EDITORS),
    get("/evenements/{event}/seances/{session}/accueil", EDITORS),
    post("/evenements/{event}/seances/{session}/accueil", EDITORS),
    get(
        "/evenements/{event}/seances/{session}/accueil?q=personne",
        EDITORS,
    ),
    post(
        "/evenements/{event}/seances/{session}/accueil/{registration}/present",
        EDITORS,
    ),
    post(
        "/evenements/{event}/seances/{session}/accueil/{registration}/annuler",
        EDITORS,
    ),
    post(
        "/evenements/{event}/seances/{session}/accueil/sans-inscription",
        EDITORS,
    ),
    get("/evenements/{event}/presences", SIGNED_IN),
    post(
        "/evenements/{event}/seances/{session}/accueil/sans-inscription/{evp_walk_in}/supprimer",
        EDITORS,
    ),
    post(
        "/evenements/{event}/inscriptions/{registration}/confirmation",
        EDITORS,
    ),
    post(
        "/evenements/{event}/inscriptions/{evp_registration}/annuler",
        EDITORS,
    ),
    post(
        "/evenements/{event}/seances/{evp_session}/supprimer",
        EDITORS,
    ),
    // end of events: pages
    // events: teams, canvas, observations, mosaic, evaluation (helper B)
    get("/evenements/{event}/equipes", SIGNED_IN),
    post("/evenements/{event}/equipes", EDITORS),
    post("/evenements/{event}/equipes/repartir", EDITORS),
    post("/evenements/{event}/equipes/affecter", EDITORS),
    post("/evenements/{event}/equipes/{team}/modifier", EDITORS),
    post("/evenements/{event}/equipes/{team}/descendre", EDITORS),
    get("/evenements/{event}/canevas", SIGNED_IN),
    post("/evenements/{event}/canevas", EDITORS),
    post("/evenements/{event}/canevas/modele", EDITORS),
    get("/evenements/{event}/canevas/reponses", SIGNED_IN),
    post(
        "/evenements/{event}/canevas/{canvas_question}/modifier",
        EDITORS,
    ),
    post(
        "/evenements/{event}/canevas/{canvas_question}/monter",
        EDITORS,
    ),
    get("/evenements/{event}/moi/{token}", EVERYONE),
    get("/evenements/{event}/moi/{token}/inscription", EVERYONE),
    post("/evenements/{event}/moi/{token}/canevas", EVERYONE),
    get("/evenements/{event}/observations", EDITORS),
    post("/evenements/{event}/observations", EDITORS),
    get("/evenements/{event}/mosaique", EDITORS),
    // live: what a room leaves behind (exports, post-its → plan actions)
    get("/salles/{export_room}/export.csv", EDITORS),
    get(
        "/salles/{export_room}/activites/{export_activity}/nuage.svg",
        EDITORS,
    ),
    get(
        "/salles/{export_room}/activites/{export_activity}/nuage.png",
        EDITORS,
    ),
    get("/salles/{export_room}/post-it", EDITORS),
    post(
        "/salles/{export_room}/reponses/{export_answer}/action",
        EDITORS,
    ),
    post("/evenements/{event}/mosaique", EDITORS),
    get("/evenements/{event}/evaluation", EDITORS),
    post("/evenements/{event}/evaluation", EDITORS),
    post("/evenements/{event}/evaluation/modele", EDITORS),
    post(
        "/evenements/{event}/evaluation/questions/{survey_question}/modifier",
        EDITORS,
    ),
    post(
        "/evenements/{event}/evaluation/questions/{survey_question}/descendre",
        EDITORS,
    ),
    get("/evenements/{event}/evaluation/repondre", EVERYONE),
    post("/evenements/{event}/evaluation/repondre", EVERYONE),
    get("/evenements/{event}/evaluation/resultats", SIGNED_IN),
    get("/evenements/{event}/evaluation/resultats.csv", SIGNED_IN),
    post(
        "/evenements/{event}/observations/{observation}/supprimer",
        EDITORS,
    ),
    post("/evenements/{event}/mosaique/{sticky}/supprimer", EDITORS),
    post(
        "/evenements/{event}/evaluation/questions/{survey_question}/supprimer",
        EDITORS,
    ),
    post(
        "/evenements/{event}/canevas/{canvas_question}/supprimer",
        EDITORS,
    ),
    post("/evenements/{event}/equipes/{team}/supprimer", EDITORS),
    // end of events: teams
    // events: bilan (helper D); the PDF runs Chromium (a 503 page without it)
    get("/evenements/{event}/bilan", SIGNED_IN),
    get("/evenements/{event}/bilan.html", SIGNED_IN),
    get("/evenements/{event}/bilan.pdf", SIGNED_IN),
    post("/evenements/{event}/bilan/origine", EDITORS),
    post("/evenements/{event}/bilan/origine/regenerer", EDITORS),
    // end of events: bilan
    // events: attendance import (lead); `{event}` is a published event of
    // the accounts' grouping with one session (`{session}`)
    get("/evenements/{event}/presences/importer", EDITORS),
    post("/evenements/{event}/presences/confirmer", EDITORS),
    // end of events: attendance import
    // network (helper N): pages, exports and API for signed-in accounts;
    // the declared-links form by the registrant's token (`{token}`)
    get("/reseau", SIGNED_IN),
    get("/regroupements/table-de-test/reseau", SIGNED_IN),
    get(
        "/regroupements/table-de-test/reseau?tri=nom&taille=eigenvector",
        SIGNED_IN,
    ),
    get("/regroupements/table-de-test/reseau.gexf", SIGNED_IN),
    get("/regroupements/table-de-test/reseau.graphml", SIGNED_IN),
    get("/regroupements/table-de-test/reseau-noeuds.csv", SIGNED_IN),
    get("/regroupements/table-de-test/reseau-liens.csv", SIGNED_IN),
    get("/evenements/{event}/reseau", SIGNED_IN),
    get("/evenements/{event}/reseau.gexf", SIGNED_IN),
    get("/evenements/{event}/reseau.graphml", SIGNED_IN),
    get("/evenements/{event}/reseau-noeuds.csv", SIGNED_IN),
    get("/evenements/{event}/reseau-liens.csv", SIGNED_IN),
    get("/api/v1/groupings/table-de-test/network", SIGNED_IN),
    get("/evenements/{event}/moi/{token}/liens", EVERYONE),
    post("/evenements/{event}/moi/{token}/liens", EVERYONE),
    // end of network
    // live participation: coordinator pages (helper H4); `{live_room}` is
    // an open room of the accounts' grouping at `{session}`, with one
    // activity of each kind, `{live_activity}` its open word cloud and
    // `{live_answer}` an answer to it. Deletions come last.
    get("/regroupements/table-de-test/salles", EDITORS),
    post("/regroupements/table-de-test/salles", EDITORS),
    get("/evenements/{event}/salles", EDITORS),
    get("/salles/{live_room}", EDITORS),
    get("/salles/{live_room}/animation", EDITORS),
    get("/salles/{live_room}/projection", EDITORS),
    get("/salles/{live_room}/supprimer", EDITORS),
    get(
        "/salles/{live_room}/activites/{live_activity}/modifier",
        EDITORS,
    ),
    post("/salles/{live_room}/modifier", EDITORS),
    post("/salles/{live_room}/activites", EDITORS),
    post(
        "/salles/{live_room}/activites/{live_activity}/modifier",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/activites/{live_activity}/descendre",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/activites/{live_activity}/monter",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/activites/{live_activity}/fermer",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/activites/{live_activity}/ouvrir",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/activites/{live_activity}/masquer-resultats",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/activites/{live_activity}/afficher-resultats",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/reponses/{live_answer}/masquer",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/reponses/{live_answer}/afficher",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/reponses/{live_answer}/repondue",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/reponses/{live_answer}/non-repondue",
        EDITORS,
    ),
    post(
        "/salles/{live_room}/reponses/{live_answer}/fusionner",
        EDITORS,
    ),
    post("/salles/{live_room}/fermer", EDITORS),
    post("/salles/{live_room}/rouvrir", EDITORS),
    post(
        "/salles/{live_room}/activites/{live_activity}/supprimer",
        EDITORS,
    ),
    post("/salles/{live_room}/supprimer", EDITORS),
    // end of live participation: coordinator pages
    // live: the participants' phone pages (no account; `{live_code}` is an
    // open room's code, joined by the POST)
    get("/rejoindre", EVERYONE),
    get("/join", EVERYONE),
    post("/rejoindre", EVERYONE),
    get("/rejoindre/{live_code}", EVERYONE),
    post("/rejoindre/{live_code}", EVERYONE),
    // end of live: phone
    // evaluations: `{evaluation}` is an evaluation of the accounts'
    // grouping with one axis (`{eval_axis}`), one constat
    // (`{eval_finding}`) and one recommandation (`{recommendation}`)
    // linked to `{action}`. Deletions come last.
    get("/evaluations", SIGNED_IN),
    get("/evaluations/nouvelle", EDITORS),
    post("/evaluations", EDITORS),
    get("/evaluations/{evaluation}", SIGNED_IN),
    get("/evaluations/{evaluation}/modifier", EDITORS),
    post("/evaluations/{evaluation}/rapport", EDITORS),
    post("/evaluations/{evaluation}/modifier", EDITORS),
    get("/regroupements/table-de-test/recommandations", SIGNED_IN),
    get(
        "/regroupements/table-de-test/recommandations?sans-action=1",
        SIGNED_IN,
    ),
    post("/evaluations/{evaluation}/axes", EDITORS),
    post(
        "/evaluations/{evaluation}/axes/{eval_axis}/modifier",
        EDITORS,
    ),
    post(
        "/evaluations/{evaluation}/axes/{eval_axis}/constats",
        EDITORS,
    ),
    post(
        "/evaluations/{evaluation}/axes/{eval_axis}/recommandations",
        EDITORS,
    ),
    post(
        "/evaluations/{evaluation}/constats/{eval_finding}/modifier",
        EDITORS,
    ),
    post("/recommandations/{recommendation}/modifier", EDITORS),
    post("/recommandations/{recommendation}/statut", EDITORS),
    post("/recommandations/{recommendation}/actions", EDITORS),
    post(
        "/recommandations/{recommendation}/actions/nouvelle",
        EDITORS,
    ),
    get("/api/v1/evaluations", SIGNED_IN),
    get("/api/v1/evaluations/{evaluation}", SIGNED_IN),
    get(
        "/api/v1/evaluations/{evaluation}/recommendations?without_action=true",
        SIGNED_IN,
    ),
    post("/api/v1/recommendations/{recommendation}/status", EDITORS),
    post("/api/v1/recommendations/{recommendation}/actions", EDITORS),
    post(
        "/recommandations/{recommendation}/actions/{action}/retirer",
        EDITORS,
    ),
    post(
        "/evaluations/{evaluation}/constats/{eval_finding}/supprimer",
        EDITORS,
    ),
    post("/recommandations/{recommendation}/supprimer", EDITORS),
    post(
        "/evaluations/{evaluation}/axes/{eval_axis}/supprimer",
        EDITORS,
    ),
    post("/evaluations/{evaluation}/rapport/supprimer", EDITORS),
    post("/evaluations/{evaluation}/supprimer", EDITORS),
    // end of evaluations
    // self-assessments (assess-core): `{assess_template}` is seed 003's
    // tool, `{assess_tool}` a tool of the test grouping, `{assess_response}`
    // a draft of one of its member organizations on it
    get("/outils-autoevaluation", SIGNED_IN),
    get("/outils-autoevaluation/{assess_template}", SIGNED_IN),
    get("/outils-autoevaluation/{assess_template}/modifier", ADMIN),
    get("/outils-autoevaluation/{assess_tool}", SIGNED_IN),
    get("/outils-autoevaluation/{assess_tool}/modifier", EDITORS),
    get("/regroupements/table-de-test/autoevaluations", SIGNED_IN),
    get("/autoevaluations/{assess_response}", SIGNED_IN),
    post("/outils-autoevaluation/{assess_tool}/modifier", EDITORS),
    post("/autoevaluations/{assess_response}/rouvrir", EDITORS),
    get("/api/v1/assessment-tools", SIGNED_IN),
    get("/api/v1/assessment-tools/{assess_tool}", SIGNED_IN),
    get("/api/v1/assessment-responses/{assess_response}", SIGNED_IN),
    // end of self-assessments
    // assessments: portraits and exports (assess-portrait)
    get(
        "/regroupements/table-de-test/autoevaluations/{assess_tool}/portrait",
        SIGNED_IN,
    ),
    get(
        "/regroupements/table-de-test/autoevaluations/{assess_tool}/portrait?du=2026-01-01&au=2026-12-31",
        SIGNED_IN,
    ),
    get(
        "/regroupements/table-de-test/autoevaluations/{assess_tool}/portrait/imprimer",
        SIGNED_IN,
    ),
    get(
        "/regroupements/table-de-test/autoevaluations/{assess_tool}/portrait.csv",
        SIGNED_IN,
    ),
    get(
        "/regroupements/table-de-test/autoevaluations/{assess_tool}/portrait.xlsx",
        SIGNED_IN,
    ),
    get(
        "/regroupements/table-de-test/autoevaluations/{assess_tool}/reponses.csv",
        SIGNED_IN,
    ),
    get(
        "/regroupements/table-de-test/autoevaluations/{assess_tool}/reponses.xlsx",
        SIGNED_IN,
    ),
    get("/autoevaluations/{assess_response}/portrait", SIGNED_IN),
    get(
        "/autoevaluations/{assess_response}/portrait/imprimer",
        SIGNED_IN,
    ),
    get(
        "/api/v1/assessment-tools/{assess_tool}/portrait?grouping=table-de-test",
        SIGNED_IN,
    ),
    // end of assessments: portraits
    // toolkits: `{tk_slug}` is a toolkit of the accounts' grouping with
    // `{tk_theme}` and its `{tk_activity}`. Deletions come last.
    get("/trousses", SIGNED_IN),
    get("/trousses/recherche", SIGNED_IN),
    get(
        "/trousses/recherche?q=causerie&public=parents&duree=courte",
        SIGNED_IN,
    ),
    get("/trousses/{tk_slug}", SIGNED_IN),
    get("/trousses/{tk_slug}/activites/{tk_activity}", SIGNED_IN),
    get("/trousses/{tk_slug}/activites/nouvelle", EDITORS),
    get(
        "/trousses/{tk_slug}/activites/{tk_activity}/modifier",
        EDITORS,
    ),
    get(
        "/trousses/{tk_slug}/activites/{tk_activity}/supprimer",
        EDITORS,
    ),
    get("/trousses/{tk_slug}/themes/{tk_theme}/modifier", EDITORS),
    get("/trousses/{tk_slug}/themes/{tk_theme}/supprimer", EDITORS),
    get("/regroupements/table-de-test/trousses", SIGNED_IN),
    get("/api/v1/toolkits", SIGNED_IN),
    get("/api/v1/toolkits/{tk_id}", SIGNED_IN),
    get(
        "/api/v1/toolkit-activities?q=causerie&audience=parents",
        SIGNED_IN,
    ),
    post("/trousses/{tk_slug}/themes", EDITORS),
    post("/trousses/{tk_slug}/activites/nouvelle", EDITORS),
    post("/trousses/{tk_slug}/themes/{tk_theme}/modifier", EDITORS),
    post(
        "/trousses/{tk_slug}/activites/{tk_activity}/modifier",
        EDITORS,
    ),
    post(
        "/trousses/{tk_slug}/activites/{tk_activity}/documents",
        EDITORS,
    ),
    post(
        "/trousses/{tk_slug}/activites/{tk_activity}/supprimer",
        EDITORS,
    ),
    post("/trousses/{tk_slug}/themes/{tk_theme}/supprimer", EDITORS),
    // end of toolkits
    // referrals API: the matrix's accounts belong to no organization, so
    // no box is theirs (403) and no referral either (404, as unknown).
    get("/api/v1/referrals", &[]),
    get(
        "/api/v1/referrals/00000000-0000-4000-8000-000000000000",
        SIGNED_IN,
    ),
    // end of referrals API
    // referral statistics (ref-stats): any account of the grouping
    get("/regroupements/table-de-test/references", SIGNED_IN),
    get(
        "/regroupements/table-de-test/references?du=2026-01-01&au=2026-12-31",
        SIGNED_IN,
    ),
    get("/regroupements/table-de-test/references.csv", SIGNED_IN),
    get("/api/v1/groupings/table-de-test/referral-stats", SIGNED_IN),
    // end of referral statistics
    // referrals, privacy (ref-purge): the public notice, the grouping's
    // retention period
    get("/confidentialite/references", EVERYONE),
    get(
        "/regroupements/table-de-test/references/conservation",
        EDITORS,
    ),
    post(
        "/regroupements/table-de-test/references/conservation",
        EDITORS,
    ),
    // end of referrals, privacy
    // referrals: pages and capacity (ref-pages); `{referral}` is a referral
    // between two organizations none of these accounts works for (a 404
    // to each of them); accounts without an organization are told why
    // they have no boxes and send nothing (403)
    get("/references", SIGNED_IN),
    get(
        "/references?boite=envoyees&statut=sent&en_retard=1&page=2",
        SIGNED_IN,
    ),
    get("/references/nouvelle", SIGNED_IN),
    get("/references/nouvelle?service={service}", SIGNED_IN),
    get("/references/{referral}", SIGNED_IN),
    post("/references/{referral}/statut", SIGNED_IN),
    post("/references", &[]),
    get("/repertoire/services/{service}/references", EDITORS),
    post("/repertoire/services/{service}/references", EDITORS),
    get("/api/v1/services/{service}/referral-capacity", EVERYONE),
    // end of referrals: pages
];

async fn client_for(app: &TestApp, who: Who, n: usize) -> TestClient {
    let role = match who {
        Who::Anonymous => return app.client(),
        Who::Viewer => Role::Viewer,
        Who::Member => Role::Member,
        Who::Coordinator => Role::Coordinator,
        Who::Admin => Role::Admin,
    };
    app.signed_in(&format!("{who:?}-{n}@exemple.ca").to_lowercase(), role)
        .await
}

/// What the route table's placeholders stand for.
pub(crate) struct Fixture {
    pub(crate) bystander: String,
    pub(crate) org: String,
    pub(crate) service: String,
    pub(crate) proposal: String,
    pub(crate) ids: Vec<(&'static str, String)>,
}

/// A bystander account, an organization with a service, and a plan, an
/// event with its pages and teams to find routes under.
pub(crate) async fn fixture(app: &TestApp) -> Fixture {
    app.create_user("temoin@exemple.ca", Role::Viewer, Some("table-de-test"))
        .await;
    let bystander = app.user_id("temoin@exemple.ca").await.to_string();
    let org = maillage_store::repo::organizations::create_organization(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: "Organisme des routes".to_owned(),
            description: "Pour la table des routes.".to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("an organization");
    let service = maillage_store::repo::organizations::create_service(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        &org,
        &maillage_domain::directory::ServiceInput {
            name: "Service des routes".to_owned(),
            status: "active".to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("a service");
    let proposal = uuid::Uuid::new_v4().to_string();
    let mut ids = plan_fixture(app, &org).await;
    ids.push(("api_token", uuid::Uuid::new_v4().to_string()));
    ids.push(("reset", maillage_domain::token::new_token()));
    ids.extend(event_fixture(app, &org).await);
    ids.extend(event_pages_fixture(app, &ids).await);
    ids.extend(teams_fixture(app, &ids).await);
    ids.extend(live_rooms_fixture(app, &ids).await);
    ids.extend(crate::live_join::fixture(app).await);
    ids.extend(crate::live_report::route_fixture(app, &ids).await);
    ids.extend(crate::evaluations_pages::route_fixture(app, &ids).await);
    ids.extend(crate::assessments_tools::route_fixture(app).await);
    ids.extend(crate::assessments_portrait::route_fixture(app).await);
    ids.extend(crate::toolkits_pages::route_fixture(app).await);
    ids.extend(crate::referrals_pages::route_fixture(app).await);
    Fixture {
        bystander,
        org,
        service,
        proposal,
        ids,
    }
}

/// `method` on `path` as `client` (with its CSRF token when unsafe).
async fn send(client: &TestClient, method: Method, path: &str) -> reqwest::Response {
    match method {
        Method::Get => client.get(path).await,
        Method::Post => client.post_form(path, &[]).await,
        Method::Delete => {
            let csrf = client.csrf().await;
            client
                .http
                .delete(client.url(path))
                .header("x-csrf-token", csrf)
                .send()
                .await
                .expect("DELETE")
        }
    }
}

#[db_test]
async fn every_route_admits_exactly_its_roles(app: &TestApp) {
    let fixture = fixture(app).await;
    let mut n = 0;
    for route in ROUTES {
        for who in EVERYONE {
            n += 1;
            let client = client_for(app, *who, n).await;
            let path = route
                .path
                .replace("{user}", &fixture.bystander)
                .replace("{org}", &fixture.org)
                .replace("{service}", &fixture.service)
                .replace("{proposal}", &fixture.proposal);
            let path = fixture
                .ids
                .iter()
                .fold(path, |p, (k, v)| p.replace(&format!("{{{k}}}"), v));
            let response = send(&client, route.method, &path).await;
            let status = response.status();
            // Pages that need an account answer 401 with a sign-in page
            // (never a silent redirect), the API 401 with its JSON error.
            let denied = status == StatusCode::FORBIDDEN || status == StatusCode::UNAUTHORIZED;
            let allowed = route.allowed.contains(who);
            assert_eq!(
                !denied,
                allowed,
                "{:?} {path} as {who:?}: status {status}, location {:?}",
                route.method,
                location(&response)
            );
            if denied {
                let expected = if *who == Who::Anonymous { "401" } else { "403" };
                assert_eq!(
                    status.as_str(),
                    expected,
                    "{:?} {path} as {who:?}",
                    route.method
                );
            }
            // The bilan's PDF is printed by Chromium: on a machine without
            // it the route answers its 503 page, which is still an answer
            // to an allowed visitor (the PDF itself is tested with Chromium).
            let pdf_without_chromium =
                status == StatusCode::SERVICE_UNAVAILABLE && path.ends_with("/bilan.pdf");
            assert!(
                !status.is_server_error() || pdf_without_chromium,
                "{:?} {path} as {who:?}: {status}",
                route.method
            );
            if path.starts_with("/api/") && *who != Who::Anonymous {
                n += 1;
                bearer_gets_the_same(app, route, &path, *who, n).await;
            }
        }
    }
}

/// A script with a write token of an account like `who`'s is let through
/// exactly where that account's browser is, and refused with 403 where it
/// is not.
async fn bearer_gets_the_same(app: &TestApp, route: &Route, path: &str, who: Who, n: usize) {
    use maillage_domain::token;
    use maillage_store::repo::api_tokens;
    let role = match who {
        Who::Anonymous => return,
        Who::Viewer => Role::Viewer,
        Who::Member => Role::Member,
        Who::Coordinator => Role::Coordinator,
        Who::Admin => Role::Admin,
    };
    let email = format!("script-{who:?}-{n}@exemple.ca").to_lowercase();
    app.create_user(&email, role, role.is_scoped().then_some("table-de-test"))
        .await;
    let secret = token::new_api_token();
    api_tokens::create(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        api_tokens::NewToken {
            user_id: app.user_id(&email).await,
            name: "Matrice".to_owned(),
            scope: token::ApiScope::Write,
            digest: token::digest(&secret),
            expires_at: None,
        },
    )
    .await
    .expect("a token");
    let http = reqwest::Client::new();
    let request = match route.method {
        Method::Get => http.get(app.url(path)),
        Method::Post => http.post(app.url(path)).form(&[("x", "")]),
        Method::Delete => http.delete(app.url(path)),
    };
    let status = request
        .bearer_auth(&secret)
        .send()
        .await
        .expect("bearer request")
        .status();
    let denied = status == StatusCode::FORBIDDEN || status == StatusCode::UNAUTHORIZED;
    assert_eq!(
        !denied,
        route.allowed.contains(&who),
        "{:?} {path} with a token of {who:?}: status {status}",
        route.method
    );
    if denied {
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{path} with a token of {who:?}"
        );
    }
    assert!(
        !status.is_server_error(),
        "{path} with a token of {who:?}: {status}"
    );
}

/// A published plan of `table-de-test` with one of everything, by the name
/// of its placeholder.
async fn plan_fixture(app: &TestApp, org: &str) -> Vec<(&'static str, String)> {
    use maillage_store::repo::{groupings, plans};
    let conn = app.store.conn();
    let gid = app.grouping("table-de-test").await;
    groupings::add_member(conn, gid, org).await.unwrap();
    groupings::add_funder_in(conn, gid, org).await.unwrap();
    let pathway = groupings::create_pathway_in(conn, gid, "Voie des routes", None)
        .await
        .unwrap();
    groupings::create_staff_in(conn, gid, "Personne", "Coordination", None)
        .await
        .unwrap();
    let staff = groupings::staff(&app.store, gid).await.unwrap()[0].id;
    let actor = maillage_store::repo::audit::Actor::system();
    let plan = plans::create_plan(
        &app.store,
        &actor,
        gid,
        &plans::PlanInput {
            title: "Plan des routes".to_owned(),
            description: None,
            start_year: 2020,
            end_year: 2022,
            status: "published".to_owned(),
            weighting: "equal".to_owned(),
        },
    )
    .await
    .unwrap();
    let orientation = plans::create_orientation(conn, plan.id, "Orientation", None)
        .await
        .unwrap();
    let strategy = plans::create_strategy(conn, &orientation, "Stratégie")
        .await
        .unwrap();
    let action = plans::create_action(
        &app.store,
        &actor,
        strategy.id,
        None,
        &plans::ActionInput {
            title: "Action des routes".to_owned(),
            status: "en_cours".to_owned(),
            weight: 1.0,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let indicator = plans::create_indicator(
        conn,
        plan.id,
        plans::IndicatorOf::Action(action.id),
        &plans::IndicatorInput {
            name: "Indicateur".to_owned(),
            unit: "%".to_owned(),
            baseline_value: Some(0.0),
            baseline_on: None,
            target_value: 100.0,
            target_on: None,
            weight: 1.0,
        },
    )
    .await
    .unwrap();
    plans::add_measurement(
        conn,
        indicator.id,
        &plans::MeasurementInput {
            value: 40.0,
            measured_on: chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
            source: None,
            comment: None,
        },
        None,
    )
    .await
    .unwrap();
    let measurement =
        plans::outline(conn, plan.id).await.unwrap().actions()[0].indicators[0].measurements[0].id;
    vec![
        ("plan", plan.id.to_string()),
        ("orientation", orientation.id.to_string()),
        ("strategy", strategy.id.to_string()),
        ("action", action.id.to_string()),
        ("indicator", indicator.id.to_string()),
        ("measurement", measurement.to_string()),
        ("pathway", pathway.id.to_string()),
        ("staff", staff.to_string()),
    ]
}

/// A published event of `table-de-test` with one session and one
/// registration, by the name of its placeholder.
async fn event_fixture(app: &TestApp, org: &str) -> Vec<(&'static str, String)> {
    use maillage_store::repo::events;
    let gid = app.grouping("table-de-test").await;
    let event = events::create_event(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        &events::EventInput {
            grouping_id: Some(gid),
            title: "Rencontre des routes".to_owned(),
            status: maillage_store::entity::event::EventStatus::Published,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let session = events::ensure_session(
        app.store.conn(),
        event.id,
        &events::SessionInput {
            date: chrono::NaiveDate::from_ymd_opt(2026, 5, 8).unwrap(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let registered = events::register(
        &app.store,
        event.id,
        &events::RegistrationInput {
            name: "Personne inscrite".to_owned(),
            email: "inscrite@exemple.ca".to_owned(),
            organization_id: Some(org.to_owned()),
            ..Default::default()
        },
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        |_, _| "Confirmation".to_owned(),
    )
    .await
    .unwrap()
    .expect("registered");
    vec![
        ("event", event.id.to_string()),
        ("session", session.id.to_string()),
        ("registration", registered.registration.id.to_string()),
        ("token", registered.token),
    ]
}

/// A team, a canvas question, an observation, a sticky and a survey
/// question of the event of `event_fixture` (found in `ids`).
async fn teams_fixture(
    app: &TestApp,
    ids: &[(&'static str, String)],
) -> Vec<(&'static str, String)> {
    use maillage_store::repo::events::{evaluations, teams as event_teams};
    let event = ids
        .iter()
        .find(|(k, _)| *k == "event")
        .and_then(|(_, v)| uuid::Uuid::parse_str(v).ok())
        .expect("the event fixture comes first");
    let conn = app.store.conn();
    let team = event_teams::create_team_in(conn, event, "Table des routes", None)
        .await
        .unwrap();
    event_teams::create_team_in(conn, event, "Autre table", None)
        .await
        .unwrap();
    event_teams::add_canvas_questions(
        &app.store,
        event,
        &["Première question", "Deuxième question"],
    )
    .await
    .unwrap();
    let canvas_question = event_teams::canvas_questions(conn, event).await.unwrap()[1].id;
    let observation =
        event_teams::add_observation(&app.store, event, Some(team.id), "Vu", Some(2), None)
            .await
            .unwrap();
    event_teams::add_stickies(&app.store, event, Some(team.id), &["Post-it".to_owned()])
        .await
        .unwrap();
    let sticky = event_teams::stickies(conn, event).await.unwrap()[0].id;
    evaluations::add_questions(
        &app.store,
        event,
        &[evaluations::QuestionInput {
            kind: maillage_domain::events::QuestionKind::Scale,
            prompt: "Satisfaction".to_owned(),
            options: Vec::new(),
        }],
    )
    .await
    .unwrap();
    let survey_question = evaluations::questions(conn, event).await.unwrap()[0].id;
    vec![
        ("team", team.id.to_string()),
        ("canvas_question", canvas_question.to_string()),
        ("observation", observation.id.to_string()),
        ("sticky", sticky.to_string()),
        ("survey_question", survey_question.to_string()),
    ]
}

/// A second session, a registration and a walk-in of the event of
/// `event_fixture` (found in `ids`), for the event pages' destructive rows.
async fn event_pages_fixture(
    app: &TestApp,
    ids: &[(&'static str, String)],
) -> Vec<(&'static str, String)> {
    use maillage_store::repo::events::{self, pages as event_pages};
    let id_of = |key: &str| {
        ids.iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| uuid::Uuid::parse_str(v).ok())
            .expect("the event fixture comes first")
    };
    let (event, session) = (id_of("event"), id_of("session"));
    let second = event_pages::add_session(
        &app.store,
        event,
        &events::SessionInput {
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let registered = events::register(
        &app.store,
        event,
        &events::RegistrationInput {
            name: "Personne qui se désiste".to_owned(),
            email: "desiste@exemple.ca".to_owned(),
            ..Default::default()
        },
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        |_, _| "Confirmation".to_owned(),
    )
    .await
    .unwrap()
    .expect("registered");
    events::walk_in(&app.store, event, session, "Sans inscription", None)
        .await
        .unwrap();
    let walk_in = event_pages::session_attendance(app.store.conn(), session)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.registration_id.is_none())
        .expect("the walk-in")
        .id;
    vec![
        ("evp_session", second.id.to_string()),
        ("evp_registration", registered.registration.id.to_string()),
        ("evp_walk_in", walk_in.to_string()),
    ]
}

/// An open room of `table-de-test` at the session of `event_fixture`, with
/// one activity of each kind, its word cloud open and answered once.
async fn live_rooms_fixture(
    app: &TestApp,
    ids: &[(&'static str, String)],
) -> Vec<(&'static str, String)> {
    use maillage_domain::live::{ActivityInput, AnswerInput};
    use maillage_store::repo::live;
    let actor = maillage_store::repo::audit::Actor::system();
    let session = ids
        .iter()
        .find(|(k, _)| *k == "session")
        .map(|(_, v)| uuid::Uuid::parse_str(v).unwrap());
    let now = chrono::Utc::now();
    let room = live::create_room(
        &app.store,
        &actor,
        &live::NewRoom {
            grouping_id: app.grouping("table-de-test").await,
            session_id: session,
            title: "Salle des routes".to_owned(),
        },
        now,
    )
    .await
    .unwrap();
    let inputs = [
        ("word_cloud", vec![], vec![]),
        (
            "board",
            vec![],
            vec!["Forces".to_owned(), "Défis".to_owned()],
        ),
        ("poll", vec!["Oui".to_owned(), "Non".to_owned()], vec![]),
        ("scale", vec![], vec![]),
        ("questions", vec![], vec![]),
    ];
    let mut first = None;
    for (kind, options, columns) in inputs {
        let draft = ActivityInput {
            kind: kind.to_owned(),
            prompt: format!("Consigne {kind}"),
            options,
            columns,
            ..ActivityInput::default()
        }
        .validate()
        .unwrap();
        let a = live::add_activity(&app.store, &actor, room.id, &draft, now)
            .await
            .unwrap();
        first.get_or_insert(a.id);
    }
    let activity = first.unwrap();
    live::start_activity(&app.store, room.id, activity, now)
        .await
        .unwrap();
    let participant = live::join(&app.store, &room, "empreinte-des-routes", None, None, now)
        .await
        .unwrap();
    let answer = live::answer(
        &app.store,
        &participant,
        activity,
        &AnswerInput {
            text: Some("Écoute, confiance".to_owned()),
            ..AnswerInput::default()
        },
        now,
    )
    .await
    .unwrap();
    vec![
        ("live_room", room.id.to_string()),
        ("live_activity", activity.to_string()),
        ("live_answer", answer.to_string()),
    ]
}
