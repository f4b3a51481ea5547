# Evaluations: pages, API and messages.
nav-evaluations = Évaluations
evaluations-title = Évaluations
evaluations-intro = Les évaluations des regroupements : leurs constats et leurs recommandations, axe par axe, avec le suivi de chaque recommandation et les actions des plans qui y répondent.
evaluations-none = Aucune évaluation pour le moment.
evaluations-new = Nouvelle évaluation
evaluations-edit = Modifier l’évaluation
evaluations-create = Créer l’évaluation
evaluations-save = Enregistrer
evaluations-grouping = Regroupement responsable
evaluations-field-title = Titre
evaluations-field-authors = Auteurs
evaluations-field-authors-hint = Comme dans la référence, par exemple « Lépine, É., Mailloux, D. & Lacharité, C. ».
evaluations-field-year = Année
evaluations-field-citation = Référence
evaluations-citation = Référence :
evaluations-field-citation-hint = La référence complète du rapport, telle qu’on la cite.
evaluations-count-recommendations = { $count ->
    [0] Aucune recommandation
    [one] { $count } recommandation
   *[other] { $count } recommandations
}
evaluations-count-without-action = { $count ->
    [0] Toutes les recommandations ont une action
    [one] { $count } recommandation sans action
   *[other] { $count } recommandations sans action
}
evaluations-count-actions = { $count ->
    [one] { $count } action y répond :
   *[other] { $count } actions y répondent :
}
evaluations-grouping-link = Recommandations
evaluations-grouping-recommendations = Recommandations du regroupement
evaluations-grouping-recommendations-title = Recommandations — { $name }
evaluations-filter-label = Filtrer les recommandations
evaluations-filter-all = { $count ->
    [0] Toutes (aucune)
   *[other] Toutes ({ $count })
}
evaluations-filter-without-action = { $count ->
    [0] Sans action (aucune)
   *[other] Sans action ({ $count })
}
evaluations-without-action-intro = Les recommandations qu’aucune action ne répond encore : liez-leur une action d’un plan du regroupement, ou créez-en une.
evaluations-none-without-action = Chaque recommandation a au moins une action qui y répond.
evaluations-none-recommendations = Aucune recommandation pour ce regroupement.
evaluations-no-action = Sans action
evaluations-reason = Motif :
evaluations-hidden-action = Une action d’un plan en préparation
evaluations-open-recommendation = Voir dans l’évaluation
evaluations-delete = Supprimer l’évaluation
evaluations-delete-warning = L’évaluation, ses axes, ses constats et ses recommandations seront supprimés. Les actions des plans restent.
evaluations-delete-confirm = Supprimer définitivement
evaluations-no-axes = Aucun axe pour le moment.
evaluations-edit-axis = Modifier l’axe
evaluations-axis-title = Titre de l’axe
evaluations-delete-axis = Supprimer l’axe
evaluations-add-axis = Ajouter un axe
evaluations-findings = Constats
evaluations-no-findings = Aucun constat.
evaluations-edit-finding = Modifier ce constat
evaluations-finding-heading = Sous-thème
evaluations-finding-heading-hint = Facultatif, par exemple « Municipal » ou « Scolaire ».
evaluations-finding-text = Constat
evaluations-delete-finding = Supprimer ce constat
evaluations-add-finding = Ajouter un constat
evaluations-recommendations = Recommandations
evaluations-no-recommendations = Aucune recommandation.
evaluations-recommendation-text = Recommandation
evaluations-edit-recommendation = Modifier ou supprimer
evaluations-delete-recommendation = Supprimer cette recommandation
evaluations-add-recommendation = Ajouter une recommandation
evaluations-follow-up = Suivi
evaluations-status = Statut
evaluations-reason-field = Motif
evaluations-reason-hint = Obligatoire pour une recommandation non retenue.
evaluations-save-status = Enregistrer le suivi
evaluations-link-action = Actions qui y répondent
evaluations-link-action-field = Action existante d’un plan du regroupement
evaluations-no-actions-to-link = Les plans du regroupement n’ont pas encore d’action.
evaluations-choose = — choisir —
evaluations-link = Lier l’action
evaluations-unlink = Retirer le lien
evaluations-no-strategies = Les plans du regroupement n’ont pas encore de stratégie où créer une action.
evaluations-new-action-strategy = Ou créer une action sous la stratégie
evaluations-new-action-title = Titre de la nouvelle action
evaluations-new-action-hint = Vide : la première ligne de la recommandation.
evaluations-new-action = Créer l’action
evaluations-action-answers = Recommandations auxquelles cette action répond
evaluations-status-retenue = Retenue
evaluations-status-en_cours = En cours
evaluations-status-realisee = Réalisée
evaluations-status-non_retenue = Non retenue
evaluations-error-title = Donnez un titre à l’évaluation (500 caractères au plus).
evaluations-error-authors = Nommez les auteurs de l’évaluation (500 caractères au plus).
evaluations-error-year = L’année s’écrit en chiffres, par exemple 2019.
evaluations-error-citation = La référence compte au plus 10 000 caractères.
evaluations-error-axis-title = Donnez un titre à l’axe (500 caractères au plus).
evaluations-error-text = Écrivez le texte (10 000 caractères au plus).
evaluations-error-heading = Le sous-thème compte au plus 300 caractères.
evaluations-error-status = Ce statut n’existe pas : retenue, en_cours, realisee ou non_retenue.
evaluations-error-reason-required = Une recommandation non retenue demande un motif.
evaluations-error-reason-long = Le motif compte au plus 10 000 caractères.
evaluations-error-grouping = Choisissez un regroupement que vous coordonnez.
evaluations-error-unknown-action = Cette action n’existe pas.
evaluations-error-foreign-action = Cette action appartient au plan d’un autre regroupement : une recommandation se lie seulement aux actions des plans de son regroupement.
evaluations-error-foreign-strategy = Cette stratégie n’appartient pas à un plan du regroupement de la recommandation.
evaluations-api-error-fields = Un champ manque ou n’a pas la bonne forme.
evaluations-api-error-json = Le corps de la requête n’est pas du JSON valide.
flash-evaluations-created = Évaluation créée. Ajoutez-lui ses axes.
flash-evaluations-updated = Évaluation enregistrée.
flash-evaluations-deleted = Évaluation supprimée.
flash-evaluations-axis-added = Axe ajouté.
flash-evaluations-axis-updated = Axe enregistré.
flash-evaluations-axis-deleted = Axe supprimé.
flash-evaluations-finding-added = Constat ajouté.
flash-evaluations-finding-updated = Constat enregistré.
flash-evaluations-finding-deleted = Constat supprimé.
flash-evaluations-recommendation-added = Recommandation ajoutée.
flash-evaluations-recommendation-updated = Recommandation enregistrée.
flash-evaluations-recommendation-deleted = Recommandation supprimée.
flash-evaluations-status-updated = Suivi enregistré.
flash-evaluations-linked = Action liée à la recommandation.
flash-evaluations-already-linked = Cette action était déjà liée à la recommandation.
flash-evaluations-action-created = Action créée dans le plan et liée à la recommandation.
flash-evaluations-unlinked = Lien retiré.
flash-evaluations-error-title = Donnez un titre à l’évaluation (500 caractères au plus).
flash-evaluations-error-authors = Nommez les auteurs de l’évaluation (500 caractères au plus).
flash-evaluations-error-year = L’année s’écrit en chiffres, par exemple 2019.
flash-evaluations-error-citation = La référence compte au plus 10 000 caractères.
flash-evaluations-error-axis-title = Donnez un titre à l’axe (500 caractères au plus). Rien n’a été enregistré.
flash-evaluations-error-text = Écrivez le texte (10 000 caractères au plus). Rien n’a été enregistré.
flash-evaluations-error-heading = Le sous-thème compte au plus 300 caractères. Rien n’a été enregistré.
flash-evaluations-error-status = Choisissez un des statuts proposés. Rien n’a été enregistré.
flash-evaluations-error-reason-required = Une recommandation non retenue demande un motif. Rien n’a été enregistré.
flash-evaluations-error-reason-long = Le motif compte au plus 10 000 caractères. Rien n’a été enregistré.
flash-evaluations-error-choose-action = Choisissez l’action à lier.
flash-evaluations-error-choose-strategy = Choisissez la stratégie où créer l’action.
