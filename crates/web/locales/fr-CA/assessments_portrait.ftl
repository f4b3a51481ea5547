# Self-assessments: portraits (a grouping's, a respondent's), « ce qui a progressé », items → plan actions, exports.
assess-portrait-title = Portrait
assess-portrait-response-title = Portrait du répondant
assess-portrait-chart-title = { $count ->
    [0] Répartition des niveaux par énoncé, aucun répondant
    [one] Répartition des niveaux par énoncé, { $count } répondant
   *[other] Répartition des niveaux par énoncé, { $count } répondants
}
assess-portrait-rule = { $count ->
    [0] Aucune réponse soumise pour l’instant. Chaque répondant compte une fois, avec sa dernière réponse soumise ; les brouillons ne comptent pas.
    [one] { $count } répondant. Chaque répondant compte une fois, avec sa dernière réponse soumise ; les brouillons ne comptent pas.
   *[other] { $count } répondants. Chaque répondant compte une fois, avec sa dernière réponse soumise ; les brouillons ne comptent pas.
}
assess-portrait-none = Aucune réponse soumise pour l’instant.
assess-portrait-unanswered = Sans réponse
assess-portrait-item = Énoncé
assess-portrait-table-caption = Nombre de répondants par énoncé et par niveau
assess-portrait-responses = Réponses soumises
assess-portrait-version = version { $version }
assess-portrait-not-counted = remplacée par une réponse plus récente
assess-portrait-print = Version imprimable
assess-portrait-print-hint = Utilisez la commande Imprimer de votre navigateur (format A4).
assess-portrait-back = Retour au portrait
assess-portrait-export-portrait-csv = Portrait (CSV)
assess-portrait-export-portrait-xlsx = Portrait (Excel)
assess-portrait-export-responses-csv = Réponses (CSV)
assess-portrait-export-responses-xlsx = Réponses (Excel)
assess-portrait-progress-title = Ce qui a progressé
assess-portrait-progress-intro = Comparez, pour chaque répondant, sa dernière réponse soumise à la première date et sa dernière réponse soumise à la seconde. « Non pertinent » n’est ni un progrès ni un recul.
assess-portrait-progress-from = Première date
assess-portrait-progress-to = Seconde date
assess-portrait-progress-show = Comparer
assess-portrait-progress-bad-dates = Indiquez deux dates valides (AAAA-MM-JJ).
assess-portrait-progress-nothing = Aucune réponse soumise entre ces deux dates.
assess-portrait-progress-first = Première réponse : { $date }
assess-portrait-move-improved = { $count ->
    [one] { $count } énoncé a progressé
   *[other] { $count } énoncés ont progressé
}
assess-portrait-move-worsened = { $count ->
    [one] { $count } énoncé a reculé
   *[other] { $count } énoncés ont reculé
}
assess-portrait-move-new = { $count ->
    [one] { $count } énoncé évalué pour la première fois
   *[other] { $count } énoncés évalués pour la première fois
}
assess-portrait-move-set-aside = { $count ->
    [one] { $count } énoncé mis de côté (sans réponse ou non pertinent)
   *[other] { $count } énoncés mis de côté (sans réponse ou non pertinent)
}
assess-portrait-move-unchanged = { $count ->
    [one] { $count } énoncé inchangé
   *[other] { $count } énoncés inchangés
}
assess-portrait-draft = Brouillon
assess-portrait-comment = Commentaire :
assess-portrait-strategy = Stratégie du plan
assess-portrait-create-action = Créer une action
assess-portrait-action-link = Voir l’action du plan
assess-portrait-no-strategy = Le plan d’action du regroupement n’a pas encore de stratégie : ajoutez-en une pour transformer un énoncé en action.
assess-portrait-origin = Vient de l’autoévaluation « { $tool } » de { $respondent } ({ $date }) : { $item }
flash-assess-portrait-action = L’action est créée dans le plan ; l’énoncé y mène maintenant.
assess-portrait-error-no-call = Seul un énoncé « À améliorer » ou « À développer » peut devenir une action.
assess-portrait-error-foreign-plan = Choisissez un plan ou une stratégie du regroupement de cette réponse.
assess-portrait-error-no-strategy = Ce plan n’a pas encore de stratégie : ajoutez-en une, ou nommez-en une (« strategy »).
assess-portrait-error-grouping = Ce regroupement n’existe pas.
assess-portrait-error-json = Le corps de la requête n’est pas du JSON valide.
assess-portrait-error-fields = Un champ n’a pas la forme attendue : « plan » est l’identifiant d’un plan, « strategy » (facultatif) celui d’une stratégie.
assess-export-col-respondent = Répondant
assess-export-col-organization = Organisation (identifiant)
assess-export-col-team = Équipe
assess-export-col-date = Date
assess-export-col-version = Version de l’outil
assess-export-col-item = Énoncé
assess-export-col-level = Niveau
assess-export-col-level-code = Code du niveau
assess-export-col-comment = Commentaire
assess-export-col-action = Action du plan
assess-export-col-unanswered = Sans réponse
assess-export-col-respondents = Répondants
assess-export-sheet-responses = Réponses
assess-export-sheet-portrait = Portrait
