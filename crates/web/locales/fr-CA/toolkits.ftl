# Activity toolkits (« trousses ») and lists of activities (« répertoires »).
toolkits-title = Trousses d’activités
toolkits-intro = Des activités prêtes à animer, classées par thème, pour intervenir auprès des parents, des enfants et des milieux. Cherchez par mots, même sans accents ou avec une faute de frappe, et notez où votre organisation les a animées.
toolkits-dashboard-link = Trousses d’activités
toolkits-tools = Outils des trousses
toolkits-none = Aucune trousse pour l’instant.
toolkits-kind-trousse = Trousse
toolkits-kind-repertoire = Répertoire
toolkits-count-themes = { $count ->
    [0] Aucun thème
    [one] { $count } thème
   *[other] { $count } thèmes
}
toolkits-count-activities = { $count ->
    [0] Aucune activité
    [one] { $count } activité
   *[other] { $count } activités
}
toolkits-count-runs = { $count ->
    [0] Aucune utilisation
    [one] { $count } utilisation
   *[other] { $count } utilisations
}
toolkits-count-organizations = { $count ->
    [0] Aucune organisation
    [one] { $count } organisation
   *[other] { $count } organisations
}
toolkits-count-participants = { $count ->
    [0] Aucun participant
    [one] { $count } participant
   *[other] { $count } participants
}
toolkits-placeholder-short = Textes d’exemple écrits pour la démonstration.
toolkits-placeholder-badge = Exemple
toolkits-placeholder-note = { $count ->
    [one] { $count } activité est un texte d’exemple écrit pour la démonstration : la source ne donne que le nombre d’activités et de thèmes, pas leurs textes.
   *[other] { $count } activités sont des textes d’exemple écrits pour la démonstration : la source ne donne que le nombre d’activités et de thèmes, pas leurs textes.
}
toolkits-placeholder-activity = Cette activité est un texte d’exemple écrit pour la démonstration : la source ne donne pas le texte des activités.
toolkits-source = Source
toolkits-linked-plan = Plan d’action lié
toolkits-theme-number = Thème { $number } —
toolkits-theme-empty = Aucune activité dans ce thème pour l’instant.
toolkits-theme-new = Nouveau thème
toolkits-theme-create = Ajouter le thème
toolkits-theme-edit = Modifier le thème
toolkits-theme-delete = Supprimer le thème
toolkits-theme-delete-confirm = { $count ->
    [0] Supprimer le thème « { $name } » ? Il ne contient aucune activité.
    [one] Supprimer le thème « { $name } » et son activité ({ $count }), avec ses utilisations ? Cette action est définitive.
   *[other] Supprimer le thème « { $name } » et ses { $count } activités, avec leurs utilisations ? Cette action est définitive.
}
toolkits-activity-new = Nouvelle activité
toolkits-activity-add-here = Ajouter une activité à ce thème
toolkits-activity-edit = Modifier l’activité
toolkits-activity-delete = Supprimer l’activité
toolkits-activity-delete-confirm = { $count ->
    [0] Supprimer l’activité « { $name } » ? Aucune utilisation n’est notée.
    [one] Supprimer l’activité « { $name } » et son utilisation notée ({ $count }) ? Cette action est définitive.
   *[other] Supprimer l’activité « { $name } » et ses { $count } utilisations notées ? Cette action est définitive.
}
toolkits-no-themes = Ajoutez d’abord un thème à la trousse.
toolkits-field-title = Titre
toolkits-field-description = Description
toolkits-field-theme = Thème
toolkits-field-objectives = Objectifs
toolkits-field-audience = Public
toolkits-field-duration = Durée
toolkits-field-duration-minutes = Durée (en minutes)
toolkits-field-material = Matériel
toolkits-field-steps = Déroulement
toolkits-field-tips = Conseils d’animation
toolkits-field-pathways = Voies d’action servies
toolkits-field-strategy = Stratégie du plan soutenue
toolkits-field-placeholder = Texte d’exemple (écrit pour la démonstration)
toolkits-steps-hint = Une étape par ligne.
toolkits-not-given = Non précisé
toolkits-plan-links = Liens avec le plan d’action
toolkits-audience-parents = Parents
toolkits-audience-0-5 = Enfants de 0 à 5 ans
toolkits-audience-primaire = Primaire
toolkits-audience-secondaire = Secondaire
toolkits-audience-intervenants = Intervenants
toolkits-audience-ecoles = Écoles
toolkits-duration-courte = 30 minutes ou moins
toolkits-duration-moyenne = De 31 à 60 minutes
toolkits-duration-longue = Plus d’une heure
toolkits-runs = Utilisations
toolkits-runs-none = Aucune utilisation notée pour l’instant.
toolkits-run-new = Noter une utilisation
toolkits-run-organization = Organisation qui a animé l’activité
toolkits-run-date = Date
toolkits-run-participants = Nombre de participants
toolkits-run-comment = Commentaire
toolkits-run-record = Noter l’utilisation
toolkits-search-link = Chercher une activité
toolkits-search-title = Chercher une activité
toolkits-search-label = Mots à chercher
toolkits-search-submit = Chercher
toolkits-search-hint = Par exemple « lecture », « activité parents 0-5 ans » ; les accents et une faute de frappe ne comptent pas.
toolkits-search-empty = Tapez des mots ou choisissez un filtre.
toolkits-filters = Filtres
toolkits-any-audience = Tous les publics
toolkits-any-theme = Tous les thèmes
toolkits-any-duration = Toutes les durées
toolkits-results-count = { $count ->
    [0] Aucune activité trouvée
    [one] { $count } activité trouvée
   *[other] { $count } activités trouvées
}
toolkits-results-none = Essayez d’autres mots ou retirez un filtre.
toolkits-usage-title = Trousses utilisées · { $name }
toolkits-usage-intro = Les activités des trousses que les organisations membres ont animées, avec les dates et le nombre de participants.
toolkits-usage-none = Aucune utilisation notée pour ce regroupement.
toolkits-usage-activities = Activités animées
toolkits-error-title-empty = Le titre est obligatoire.
toolkits-error-title-long = Le titre est trop long (300 caractères au plus).
toolkits-error-text-long = Un des textes est trop long (10 000 caractères au plus).
toolkits-error-audience = Ce public n’est pas dans la liste.
toolkits-error-duration = La durée est un nombre de minutes, de 1 à 1 440.
toolkits-error-date = La date doit être une vraie date (AAAA-MM-JJ).
toolkits-error-date-future = La date est dans le futur : notez une activité une fois animée.
toolkits-error-participants = Le nombre de participants est un nombre entier de 0 à 10 000.
toolkits-error-organization = Choisissez une organisation membre du regroupement.
toolkits-error-theme = Ce thème n’est pas un thème de cette trousse.
toolkits-error-strategy = Cette stratégie n’est pas dans un plan du regroupement de la trousse.
toolkits-error-pathway = Cette voie d’action n’est pas une voie du regroupement de la trousse.
toolkits-api-error-json = Le corps de la requête n’est pas du JSON valide.
toolkits-api-error-fields = Un champ manque ou n’a pas le bon type (participants est un nombre).
toolkits-api-error-grouping = Ce regroupement n’existe pas.
toolkits-api-error-audience = Ce public n’est pas dans la liste : parents, 0-5, primaire, secondaire, intervenants, ecoles.
flash-toolkits-theme-created = Thème ajouté.
flash-toolkits-theme-saved = Thème enregistré.
flash-toolkits-theme-deleted = Thème supprimé.
flash-toolkits-activity-created = Activité ajoutée.
flash-toolkits-activity-saved = Activité enregistrée.
flash-toolkits-activity-deleted = Activité supprimée.
flash-toolkits-run-recorded = Utilisation notée. Merci !
toolkits-documents = Documents
toolkits-documents-none = Aucun document joint.
toolkits-document-file = Document à joindre
toolkits-document-hint = PDF, Word, Excel, PowerPoint, OpenDocument, RTF, image PNG ou JPEG, ou texte ; 10 Mo au plus.
toolkits-document-attach = Joindre le document
toolkits-document-kb = { $count ->
    [one] { $count } ko
   *[other] { $count } ko
}
toolkits-error-upload = Le fichier n’a pas pu être lu : envoyez-le de nouveau.
toolkits-error-document-empty = Choisissez un fichier : celui-ci est vide.
toolkits-error-document-large = Ce fichier dépasse 10 Mo : il n’a pas été joint.
toolkits-error-not-a-document = Ce fichier n’est pas un document (PDF, Word, Excel, PowerPoint, OpenDocument, RTF, image PNG ou JPEG, texte) : il n’a pas été joint.
flash-toolkits-document-attached = Document joint.
