## events_report — le bilan d'un événement

report-title = Bilan
report-kicker = Bilan des activités
report-generated-on = Bilan généré le { $date } à partir des inscriptions, des présences, des équipes et des évaluations.
report-manage = Gestion de l’événement
report-download-html = Télécharger (HTML)
report-download-pdf = Télécharger (PDF)
report-print-hint = Pour l’imprimer, utilisez l’impression du navigateur : la page se met en A4.
report-back = Revenir au bilan

report-section-origine = Origine et intentions
report-section-seances = Les rencontres
report-section-presences = Les organisations présentes
report-section-chiffres = En chiffres
report-section-equipes = Les équipes et la mosaïque
report-section-observations = Dans l’œil des animateurs et animatrices
report-section-evaluation = Ce que vos évaluations nous révèlent
report-section-suites = Les suites

report-edited = texte modifié
report-to-write = Cette section est à rédiger.
report-edit-section = Modifier cette section
report-edit-label = Texte de la section « { $title } »
report-edit-hint = Une ligne vide sépare les paragraphes ; « - » au début d’une ligne en fait un élément de liste, « 1. » une liste numérotée, « ## » un intertitre. Les tableaux et graphiques restent générés à partir des données.
report-save = Enregistrer la section
report-reset = Revenir au texte généré
report-edited-on = Modifiée le { $date }.

report-col-date = Date
report-col-times = Heures
report-col-place = Lieu
report-col-people = Personnes
report-col-organizations = Organisations
report-grid-caption = Présences par organisation et par rencontre (x : présente)
report-grid-names = Nom des organisations qui ont participé à cette action
report-grid-total = Organisations présentes
report-first-time = première participation
report-num-people = { $count ->
    [one] personne présente
   *[other] personnes présentes
}
report-num-organizations = { $count ->
    [one] organisation distincte
   *[other] organisations distinctes
}
report-num-sectors = { $count ->
    [one] secteur représenté
   *[other] secteurs représentés
}
report-num-first-timers = { $count ->
    [one] organisation présente pour la première fois
   *[other] organisations présentes pour la première fois
}
report-num-every-session = { $count ->
    [one] organisation présente à toutes les rencontres
   *[other] organisations présentes à toutes les rencontres
}
report-first-timers = Organisations présentes pour la première fois
report-every-session = Organisations présentes à toutes les rencontres
report-sector-chart = Organisations présentes par secteur
report-no-attendance-yet = Aucune présence enregistrée pour l’instant.
report-no-sector = Secteur non précisé
report-facilitator = Animation : { $name }
report-team-size = Membres : { $count }
report-team-sectors = Secteurs : { $count }
report-loose-stickies = Post-it sans équipe
report-new-contacts-total = Nouveaux contacts observés en tout : { $count }
report-new-contacts = Nouveaux contacts observés : { $count }
report-answered = Réponses : { $count }
report-mean = moyenne : { $mean } sur 5
report-no-answers = Aucune réponse pour l’instant.

report-pdf-unavailable = PDF non disponible
report-pdf-no-chromium = La génération du PDF demande Chromium sur le serveur, et il n’y est pas installé (apt-get install chromium, ou la variable MAILLAGE_CHROMIUM). Vous pouvez télécharger le bilan en HTML et l’imprimer en PDF depuis votre navigateur.
report-pdf-failed = La génération du PDF par Chromium a échoué ou a pris plus de 60 secondes. Réessayez dans un moment, ou téléchargez le bilan en HTML et imprimez-le en PDF depuis votre navigateur.

flash-report-saved = La section a été enregistrée. Les autres sections ne changent pas.
flash-report-reset = La section affiche de nouveau le texte généré.
flash-report-empty = Le texte de la section est vide : rien n’a été enregistré. Pour revenir au texte généré, utilisez « Revenir au texte généré ».
flash-report-too-long = Le texte de la section dépasse 20 000 caractères : rien n’a été enregistré.

## Textes générés

report-text-origin = « { $title } » est une action du regroupement { $grouping }.
report-text-origin-alone = « { $title } » est une action intersectorielle.
report-text-audience = Elle s’adressait à : { $audience }.
report-text-intentions = { $count } intentions étaient visées par cette action :
report-text-intentions-one = Une intention était visée par cette action :
report-text-no-sessions = Aucune rencontre n’est encore inscrite au calendrier.
report-text-sessions = L’action s’est déroulée en { $count } rencontres :
report-text-sessions-one = L’action s’est déroulée en une rencontre :
report-text-no-attendance = Aucune présence n’a encore été enregistrée.
report-text-attendance = Organisations présentes à au moins une rencontre : { $organizations }.
report-text-attendance-every = { $count } d’entre elles étaient présentes à toutes les rencontres.
report-text-attendance-every-one = Une d’entre elles était présente à toutes les rencontres.
report-text-numbers = Personnes présentes : { $people } ; organisations distinctes : { $organizations } ; secteurs représentés : { $sectors }.
report-text-numbers-organizations = Organisations distinctes : { $organizations } ; secteurs représentés : { $sectors }.
report-text-registered = { $count } personnes s’étaient inscrites.
report-text-registered-one = Une personne s’était inscrite.
report-text-per-session = { $date } — personnes : { $people } ; organisations : { $organizations }
report-text-first-timers = { $count } organisations participaient pour la première fois à une activité du regroupement.
report-text-first-timers-one = Une organisation participait pour la première fois à une activité du regroupement.
report-text-every-session = { $count } organisations ont été présentes à toutes les rencontres.
report-text-every-session-one = Une organisation a été présente à toutes les rencontres.
report-text-no-teams = Aucune équipe n’a été formée et aucun post-it n’a été déposé pour cet événement.
report-text-teams = Les participants et participantes ont travaillé en { $count } équipes.
report-text-teams-one = Les participants et participantes ont travaillé en une seule équipe.
report-text-mosaic = La mosaïque, l’œuvre collective des équipes, rassemble { $count } post-it.
report-text-mosaic-one = La mosaïque rassemble un post-it.
report-text-no-observations = Aucune observation des animateurs et animatrices n’a été notée.
report-text-observations = Les animateurs et animatrices ont noté { $count } observations.
report-text-observations-one = Les animateurs et animatrices ont noté une observation.
report-text-new-contacts = Ils et elles ont été témoins de { $count } nouveaux contacts.
report-text-new-contacts-one = Ils et elles ont été témoins d’un nouveau contact.
report-text-no-evaluation = Aucune évaluation n’a encore été remplie.
report-text-evaluation = { $count } personnes ont rempli l’évaluation.
report-text-evaluation-one = Une personne a rempli l’évaluation.
report-text-scale = { $prompt } : { $mean } sur 5 en moyenne ({ $count } réponses).
report-text-scale-one = { $prompt } : { $mean } sur 5 (une réponse).
report-text-choice = { $prompt } : « { $top } » le plus souvent ({ $count } réponses).
report-text-choice-one = { $prompt } : « { $top } » (une réponse).
report-text-free = { $prompt } : { $count } réponses écrites.
report-text-free-one = { $prompt } : une réponse écrite.
report-text-topics = Vos sujets chouchous pour la prochaine rencontre :
report-text-topic = { $topic } ({ $count } mentions)
report-text-topic-one = { $topic } (une mention)
report-text-next-steps = Ce que vous souhaitez pour la suite :
