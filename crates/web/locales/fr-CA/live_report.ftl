# Live participation: what a room leaves behind (exports, bilan, post-its → plan actions).
live-report-kind-word-cloud = Nuage de mots
live-report-kind-board = Tableau de post-it
live-report-kind-poll = Sondage
live-report-kind-scale = Échelle
live-report-kind-questions = Questions
live-report-col-activity = Activité (position)
live-report-col-kind = Type
live-report-col-prompt = Consigne
live-report-col-column = Colonne
live-report-col-text = Texte
live-report-col-choices = Choix
live-report-col-value = Valeur
live-report-col-votes = Votes
live-report-col-answered = Répondue
live-report-col-hidden = Masquée
live-report-col-merged-into = Fusionnée dans
live-report-col-nickname = Surnom
live-report-col-team = Équipe
live-report-col-created-at = Date et heure (ISO 8601)
live-report-yes = oui
live-report-no = non
live-report-cloud-label = { $count ->
    [0] Nuage de mots, aucune réponse
    [one] Nuage de mots, { $count } réponse
   *[other] Nuage de mots, { $count } réponses
}
live-report-answers = { $count ->
    [0] Aucune réponse
    [one] { $count } réponse
   *[other] { $count } réponses
}
live-report-votes = { $count ->
    [0] aucun vote
    [one] { $count } vote
   *[other] { $count } votes
}
live-report-section = Participation en direct
live-report-room = Salle « { $title } »
live-report-cloud = Nuage de mots
live-report-col-option = Option
live-report-col-count = Réponses
live-report-col-scale-value = Valeur
live-report-col-question = Question
live-report-col-votes-head = Votes
live-report-col-status = Statut
live-report-answered = Répondue
live-report-mean = Moyenne : { $mean }
live-report-no-answer = Aucune réponse.
live-report-mosaic-note = Ces post-it viennent du tableau d’une salle de participation en direct ; ils remplacent ceux saisis après la rencontre.
live-report-stickies-title = Des post-it au plan d’action
live-report-stickies-intro = Chaque post-it d’un tableau peut devenir une action du plan d’action du regroupement, sous la stratégie choisie. Le post-it mène ensuite à son action, et l’action rappelle son post-it.
live-report-no-strategy = Le regroupement n’a pas encore de plan d’action avec une stratégie : créez-en un pour y verser les post-it.
live-report-no-board = Cette salle n’a pas de tableau de post-it.
live-report-no-sticky = Aucun post-it pour l’instant.
live-report-strategy = Stratégie du plan d’action
live-report-sticky-to-action = Faire de ce post-it une action
live-report-sticky-action-link = Voir l’action du plan
live-report-error-strategy = Choisissez une stratégie d’un plan d’action du regroupement de la salle.
live-report-flash-action = Le post-it est devenu une action du plan.
live-report-origin = Issue d’un post-it de la salle « { $room } »
live-report-export-csv = Télécharger les réponses (CSV)
live-report-cloud-svg = Nuage de mots (SVG)
live-report-cloud-png = Nuage de mots (PNG)
