# Live participation: the coordinator's pages (rooms, activities, presenter, projector).
live-rooms-title = Participation en direct · { $name }
live-rooms-intro = Une salle réunit les activités d’une rencontre (nuage de mots, tableau de post-it, sondage, échelle, questions). Les participants la rejoignent avec son code à 8 chiffres.
live-rooms-none = Aucune salle pour l’instant.
live-rooms-link = Participation en direct
live-code = Code
live-join-link = Lien pour rejoindre
live-room-open = Ouverte
live-room-closed = Fermée
live-room-closed-hint = Cette salle est fermée : son code ne fonctionne plus. Rouvrez-la pour la rencontre suivante.
live-count-activities = { $count ->
    [0] Aucune activité
    [one] { $count } activité
   *[other] { $count } activités
}
live-count-participants = { $count ->
    [0] Aucun participant
    [one] { $count } participant
   *[other] { $count } participants
}
live-count-answers = { $count ->
    [0] Aucune réponse
    [one] { $count } réponse
   *[other] { $count } réponses
}
live-count-choices = { $count ->
    [0] Aucun choix
    [one] { $count } choix
   *[other] { $count } choix
}
live-count-votes = { $count ->
    [0] aucun vote
    [one] { $count } vote
   *[other] { $count } votes
}
live-words-per-answer = { $count ->
    [one] { $count } mot par réponse
   *[other] { $count } mots par réponse
}
live-room-new = Nouvelle salle
live-room-title = Titre
live-room-session = Séance
live-room-session-hint = Facultatif : la séance d’un événement du regroupement où la salle sert.
live-room-create = Créer la salle
live-room-settings = Réglages de la salle
live-room-close = Fermer la salle
live-room-reopen = Rouvrir la salle
live-room-delete = Supprimer la salle
live-room-delete-confirm = Supprimer la salle « { $name } », ses activités et toutes leurs réponses ? Cette action est définitive.
live-presenter = Animer
live-presenter-title = Animation · { $name }
live-projector = Projection
live-prepare = Préparer les activités
live-export-csv = Exporter les réponses (CSV)
live-activities = Activités
live-activities-none = Aucune activité pour l’instant. Ajoutez-en une ci-dessous.
live-activity-add = Ajouter une activité
live-activity-add-button = Ajouter
live-activity-edit = Modifier l’activité
live-activity-prompt = Consigne
live-activity-max-words = Mots par réponse
live-activity-columns = Colonnes
live-activity-options = Options
live-activity-multiple = Plusieurs choix permis
live-activity-min = Valeur la plus basse
live-activity-max = Valeur la plus haute
live-activity-min-label = Sens de la valeur la plus basse
live-activity-max-label = Sens de la valeur la plus haute
live-one-per-line = Une par ligne.
live-poll-multiple-short = plusieurs choix
live-scale-range = de { $min } à { $max }
live-edit = Modifier
live-move-up = Monter
live-move-down = Descendre
live-delete = Supprimer
live-kind-word_cloud = Nuage de mots
live-kind-word_cloud-hint = Chacun écrit quelques mots, et les mots semblables se regroupent.
live-kind-board = Tableau de post-it
live-kind-board-hint = Des post-it par colonne, pour lesquels on vote.
live-kind-poll = Sondage
live-kind-poll-hint = Un choix (ou plusieurs) parmi des options.
live-kind-scale = Échelle
live-kind-scale-hint = Une valeur sur une échelle, par exemple de 1 à 5.
live-kind-questions = Questions
live-kind-questions-hint = Les participants posent des questions et votent pour celles des autres.
live-status-draft = En préparation
live-status-open = Ouverte
live-status-closed = Fermée
live-activity-of = Activité
live-previous = Précédente
live-next = Suivante
live-open = Ouvrir
live-close = Fermer
live-results = Résultats
live-results-none = Aucune réponse pour l’instant.
live-results-show = Montrer les résultats aux participants
live-results-hide = Masquer les résultats aux participants
live-results-shown-note = Les participants voient les résultats, et la projection aussi.
live-results-hidden-note = Résultats masqués aux participants : la projection les masque aussi. Vous seul les voyez ici.
live-percent = { "\u00A0" }%
live-mean = Moyenne : { $mean }
live-answered = Répondue
live-moderation = Modération des réponses
live-answer-hidden = Masquée
live-answer-merged = Fusionnée
live-answer-hide = Masquer
live-answer-show = Afficher
live-answer-answered = Marquer comme répondue
live-answer-unanswered = Marquer comme non répondue
live-answer-merge = Fusionner
live-answer-merge-into = Fusionner avec
live-projector-join = Rejoignez la salle sur votre téléphone :
live-projector-waiting = L’activité commence bientôt.
live-projector-results-hidden = Les résultats seront dévoilés bientôt.
flash-live-room-created = La salle est créée. Ajoutez-y des activités.
flash-live-room-saved = La salle est enregistrée.
flash-live-room-closed = La salle est fermée.
flash-live-room-reopened = La salle est rouverte.
flash-live-room-deleted = La salle est supprimée.
flash-live-activity-added = L’activité est ajoutée.
flash-live-activity-saved = L’activité est enregistrée.
flash-live-activity-moved = L’ordre des activités est changé.
flash-live-activity-deleted = L’activité est supprimée.
flash-live-activity-opened = L’activité est ouverte.
flash-live-activity-closed = L’activité est fermée.
flash-live-results-hidden = Les résultats sont masqués aux participants.
flash-live-results-shown = Les participants voient les résultats.
flash-live-answer-hidden = La réponse est masquée.
flash-live-answer-shown = La réponse est affichée.
flash-live-answer-answered = La question est marquée comme répondue.
flash-live-answer-unanswered = La question est marquée comme non répondue.
flash-live-answer-merged = Les réponses sont fusionnées.
flash-live-error-merge = Une réponse se fusionne seulement avec une autre réponse de la même activité.
live-cloud-words = Les mots, un à un
live-cloud-label = { $count ->
    [0] Nuage de mots, aucune réponse
    [one] Nuage de mots, { $count } réponse
   *[other] Nuage de mots, { $count } réponses
}
live-qr-label = Code QR pour rejoindre la salle { $code }
