## events_teams — équipes, canevas, observations, mosaïque, évaluation

teams-nav-manage = Gestion de l’événement
teams-nav-label = Animation de l’événement
teams-title = Équipes
teams-intro = Répartissez les personnes inscrites en équipes (tables), à la main ou automatiquement en mélangeant les secteurs, et nommez une personne à l’animation de chaque table.
teams-count = { $count ->
    [one] { $count } équipe
   *[other] { $count } équipes
}
teams-people = { $count ->
    [one] { $count } personne inscrite confirmée
   *[other] { $count } personnes inscrites confirmées
}
teams-unassigned = { $count } sans équipe
teams-auto-title = Répartir automatiquement
teams-auto-help = Chaque table reçoit autant de secteurs différents que possible et des tailles équilibrées. Les répartitions existantes sont remplacées ; les noms d’équipes et les animateurs sont conservés.
teams-auto-count = Nombre d’équipes
teams-auto-submit = Répartir automatiquement
teams-empty = Aucune équipe pour l’instant.
teams-sectors-help = Nombre de secteurs différents à cette table
teams-sectors = { $count ->
    [one] { $count } secteur
   *[other] { $count } secteurs
}
teams-facilitator = Animation
teams-no-members = Personne à cette table.
teams-up = Monter
teams-down = Descendre
teams-edit = Renommer, animation
teams-name = Nom de l’équipe
teams-delete = Supprimer l’équipe
teams-new = Nouvelle équipe
teams-add = Ajouter
teams-people-title = Personnes inscrites
teams-no-people = Aucune inscription confirmée.
teams-person = Personne
teams-organization = Organisation
teams-sector = Secteur
teams-team = Équipe
teams-no-team = Sans équipe
teams-assign = Affecter
teams-default-name = Table { $number }
flash-teams-error-name = Donnez un nom à l’équipe.
flash-teams-saved = Équipe enregistrée.
flash-teams-deleted = Équipe supprimée ; ses membres sont maintenant sans équipe.
flash-teams-error-count = Le nombre d’équipes doit être un nombre entier de 1 à 100.
flash-teams-split = Les personnes inscrites ont été réparties en mélangeant les secteurs.
flash-teams-error-person = Cette personne n’est pas inscrite à cet événement.
flash-teams-error-team = Cette équipe n’existe pas dans cet événement.
flash-teams-assigned = Affectation enregistrée.
flash-teams-error-not-confirmed = Seules les inscriptions confirmées peuvent être placées dans une équipe (pas la liste d’attente ni les annulations).

canvas-title = Canevas de réflexion
canvas-intro = Les questions que les participantes et participants remplissent en ligne avant ou pendant l’événement, depuis leur page personnelle. Leurs réponses sont visibles par leur équipe et par le regroupement.
canvas-preset = Utiliser le canevas « Regard sur les pratiques »
canvas-empty = Aucune question pour l’instant.
canvas-answer-count = { $count ->
    [one] { $count } réponse
   *[other] { $count } réponses
}
canvas-edit = Modifier
canvas-prompt = Question
canvas-delete = Supprimer
canvas-new = Nouvelle question
canvas-add = Ajouter la question
canvas-how-participants = Chaque personne inscrite répond depuis le lien personnel reçu à l’inscription.
canvas-answers-title = Réponses au canevas
canvas-answers-total = { $count ->
    [one] { $count } réponse en tout
   *[other] { $count } réponses en tout
}
canvas-no-answers = Aucune réponse pour l’instant.
canvas-on-behalf-badge = au nom de l’organisation
flash-canvas-error-prompt = Écrivez la question (2 000 caractères au plus).
flash-canvas-saved = Canevas enregistré.
flash-canvas-preset-added = Les cinq questions du canevas « Regard sur les pratiques » ont été ajoutées.
flash-canvas-deleted = Question supprimée, avec ses réponses.

mypage-title = Ma participation
mypage-hello = Bonjour { $name }
mypage-intro = Votre page personnelle pour cet événement : votre équipe, votre canevas de réflexion et l’évaluation. Gardez ce lien pour vous : il vous identifie.
mypage-team = Mon équipe
mypage-no-team = Les équipes ne sont pas encore formées.
mypage-no-canvas = Il n’y a pas de canevas à remplir pour cet événement.
mypage-canvas-help = Vos réponses sont enregistrées en votre nom et visibles par votre équipe et par les personnes qui coordonnent. Vous pouvez les modifier jusqu’à l’événement.
mypage-on-behalf = Je réponds au nom de mon organisation ({ $organization })
mypage-save = Enregistrer mes réponses
mypage-team-answers = Les réponses de mon équipe
mypage-evaluation-help = Après l’événement, donnez-nous votre avis : c’est anonyme.
mypage-evaluation-link = Remplir l’évaluation
mypage-status-confirmed = Inscription confirmée
mypage-status-waitlist = Sur la liste d’attente
mypage-status-cancelled = Inscription annulée
flash-mypage-error-cancelled = Votre inscription est annulée : le canevas ne peut plus être modifié.
flash-mypage-error-question = Le canevas a changé entretemps : rechargez la page et recommencez.
flash-mypage-error-too-long = Une réponse dépasse 10 000 caractères : raccourcissez-la.
flash-mypage-saved = Vos réponses sont enregistrées.

observations-title = Observations
observations-intro = Ce que les animatrices et animateurs ont vu à leur table : les liens créés, les références, les idées qui ont émergé.
observations-new = Nouvelle observation
observations-general = Générale (toutes les tables)
observations-text = Observation
observations-count = Nombre de nouveaux contacts observés
observations-count-help = Facultatif : un nombre entier, 0 ou plus.
observations-add = Ajouter l’observation
observations-list = Observations notées
observations-total = { $count ->
    [one] { $count } nouveau contact observé en tout
   *[other] { $count } nouveaux contacts observés en tout
}
observations-empty = Aucune observation pour l’instant.
observations-contacts = { $count ->
    [one] { $count } nouveau contact
   *[other] { $count } nouveaux contacts
}
observations-delete = Supprimer
observations-error-text = Écrivez l’observation (10 000 caractères au plus).
observations-error-count = Le nombre de nouveaux contacts observés doit être un nombre entier de 0 à 10 000 (par exemple 4), ou rester vide.
observations-error-team = Cette équipe n’existe pas dans cet événement.
flash-observations-saved = Observation enregistrée.
flash-observations-deleted = Observation supprimée.

mosaic-title = Mosaïque
mosaic-intro = L’œuvre collective des post-it géants : tapez les post-it de chaque équipe, un par ligne.
mosaic-new = Ajouter des post-it
mosaic-general = Sans équipe
mosaic-lines = Post-it (un par ligne)
mosaic-lines-help = Chaque ligne non vide devient un post-it.
mosaic-add = Ajouter à la mosaïque
mosaic-wall = La mosaïque ({ $count } post-it)
mosaic-empty = La mosaïque est vide.
mosaic-delete = Retirer le post-it
flash-mosaic-error-empty = Tapez au moins un post-it (un par ligne).
flash-mosaic-error-too-long = Un post-it dépasse 500 caractères, ou il y en a plus de 200 d’un coup.
flash-mosaic-error-team = Cette équipe n’existe pas dans cet événement.
flash-mosaic-saved = Post-it ajoutés à la mosaïque.
flash-mosaic-deleted = Post-it retiré.

evaluation-title = Évaluation
evaluation-results-title = Résultats de l’évaluation
evaluation-intro = Construisez le questionnaire d’évaluation de l’événement. Les réponses sont anonymes.
evaluation-kind-single = Choix unique
evaluation-kind-multiple = Choix multiples
evaluation-kind-scale = Échelle de 1 à 5
evaluation-kind-text = Texte libre
evaluation-error-prompt = Écrivez la question (2 000 caractères au plus).
evaluation-error-kind = Choisissez un type de question de la liste.
evaluation-error-options = Une question à choix demande au moins deux choix, un par ligne.
evaluation-error-not-an-option = Choisissez parmi les choix proposés.
evaluation-error-one-choice = Un seul choix est permis pour cette question.
evaluation-error-scale = Choisissez une valeur de 1 à 5.
evaluation-error-too-long = Votre réponse dépasse 5 000 caractères : raccourcissez-la.
evaluation-links = Liens de réponse
evaluation-public-link = Lien général (pour les personnes non inscrites) :
evaluation-personal-links = Chaque personne inscrite a aussi un lien personnel depuis sa page : une seule réponse par lien personnel.
evaluation-responses = { $count ->
    [one] { $count } réponse
   *[other] { $count } réponses
}
evaluation-preset = Ajouter les questions types (dont « Votre sujet chouchou pour la prochaine rencontre »)
evaluation-empty = Aucune question pour l’instant.
evaluation-edit = Modifier
evaluation-kind = Type
evaluation-prompt = Question
evaluation-options = Choix (un par ligne)
evaluation-options-help = Obligatoires pour les questions à choix ; ignorés pour l’échelle et le texte libre.
evaluation-delete = Supprimer
evaluation-new = Nouvelle question
evaluation-add = Ajouter la question
flash-evaluation-error-prompt = Écrivez la question (2 000 caractères au plus).
flash-evaluation-error-options = Une question à choix demande au moins deux choix, un par ligne.
flash-evaluation-error-kind = Choisissez un type de question de la liste.
flash-evaluation-saved = Questionnaire enregistré.
flash-evaluation-preset-added = Les questions types ont été ajoutées.
flash-evaluation-deleted = Question supprimée, avec ses réponses.
evaluation-answer-title = Évaluation de l’événement
evaluation-anonymous = Vos réponses sont anonymes : votre nom n’y est jamais associé. Toutes les questions sont facultatives.
evaluation-once = Ce lien personnel permet une seule réponse.
evaluation-error-fix = Certaines réponses sont à corriger : voyez les messages ci-dessous.
evaluation-scale-help = 1 = pas du tout, 5 = tout à fait
evaluation-send = Envoyer mon évaluation
evaluation-already-answered = Vous avez déjà répondu à cette évaluation avec ce lien personnel. Merci !
evaluation-no-questions = L’évaluation n’est pas encore prête.
evaluation-error-empty = Répondez à au moins une question avant d’envoyer.
evaluation-thanks = Merci ! Votre évaluation est enregistrée.
evaluation-error-changed = Le questionnaire a changé entretemps : rechargez la page et recommencez.
evaluation-csv = Exporter en CSV
evaluation-csv-response = Réponse
evaluation-answered = { $count ->
    [one] { $count } réponse à cette question
   *[other] { $count } réponses à cette question
}
evaluation-mean = Moyenne : { $mean } / 5
evaluation-no-answers = Aucune réponse pour l’instant.
evaluation-choice = Choix
evaluation-count = Nombre
