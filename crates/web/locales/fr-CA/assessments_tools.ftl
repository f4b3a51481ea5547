# Self-assessment tools: the list, a tool's page, the builder.
assess-tool-list-title = Outils d’autoévaluation
assess-tool-list-intro = Un outil d’autoévaluation aide une école, un organisme ou une équipe à faire le portrait de ses pratiques : chaque élément est coté sur une échelle (Déjà en place, À améliorer, À développer…), avec un commentaire au besoin.
assess-tool-templates = Modèles
assess-tool-templates-intro = Offerts à tous les regroupements : remplissez-les tels quels, ou copiez-les dans votre regroupement pour les adapter.
assess-tool-mine = Outils de mes regroupements
assess-tool-mine-none = Aucun outil propre à vos regroupements pour l’instant.
assess-tool-template-badge = Modèle
assess-tool-of-grouping = Outil de { $name }
assess-tool-version = Version { $version }
assess-tool-count-items = { $count ->
    [0] Aucun élément
    [one] { $count } élément
   *[other] { $count } éléments
}
assess-tool-new = Nouvel outil
assess-tool-new-hint = Un outil vierge avec l’échelle par défaut ; vous ajoutez ensuite ses sections et ses éléments.
assess-tool-grouping = Regroupement
assess-tool-title = Titre
assess-tool-create = Créer l’outil
assess-tool-scale = Échelle de réponse
assess-tool-introduction = Introduction
assess-tool-fill = Remplir
assess-tool-fill-for = Regroupement pour lequel remplir
assess-tool-fill-hint = Vous choisissez ensuite l’organisation répondante, l’équipe et la date.
assess-tool-fill-none = Remplir un outil demande d’être membre d’un regroupement.
assess-tool-copy = Copier dans mon regroupement
assess-tool-copy-hint = La copie garde les sections et les éléments ; vous l’adaptez sans toucher à l’original.
assess-tool-edit = Modifier l’outil
assess-tool-view = Voir l’outil
assess-tool-archived = Cet outil est archivé : il ne reçoit plus de nouvelles réponses.
assess-tool-builder-title = Modifier « { $name } »
assess-tool-builder-intro = Chaque changement publie l’outil : tant que personne n’a répondu à sa dernière version, celle-ci est mise à jour ; sinon une nouvelle version est créée, et les réponses déjà données gardent la leur.
assess-tool-scale-hint = Un niveau par ligne, sous la forme « code | libellé » (le code est ce que l’API et les exports portent) ; de deux à huit niveaux.
assess-tool-save = Enregistrer l’outil
assess-tool-sections = Sections et éléments
assess-tool-no-sections = Aucune section pour l’instant.
assess-tool-section-title = Titre de la section
assess-tool-section-guide = Phrase qui guide la section
assess-tool-section-save = Enregistrer la section
assess-tool-section-up = Monter la section
assess-tool-section-down = Descendre la section
assess-tool-section-delete = Supprimer la section
assess-tool-section-new = Nouvelle section
assess-tool-section-add = Ajouter la section
assess-tool-section-empty = Aucun élément dans cette section.
assess-tool-item-text = Texte de l’élément
assess-tool-item-save = Enregistrer
assess-tool-item-up = Monter
assess-tool-item-down = Descendre
assess-tool-item-archive = Archiver
assess-tool-item-restore = Rétablir
assess-tool-item-delete = Supprimer
assess-tool-item-archived = Archivé : il ne figure plus dans la prochaine version.
assess-tool-item-answers = { $count ->
    [0] Aucune réponse
    [one] { $count } réponse
   *[other] { $count } réponses
}
assess-tool-item-new = Nouvel élément
assess-tool-item-add = Ajouter l’élément
flash-assess-tool-created = Outil créé : ajoutez ses sections et ses éléments.
flash-assess-tool-copied = Copie créée dans votre regroupement : adaptez-la ici.
flash-assess-tool-saved = Outil enregistré et publié.
assess-tool-error-title = Le titre est obligatoire (300 caractères au plus).
assess-tool-error-introduction = L’introduction dépasse 10 000 caractères.
assess-tool-error-section-title = Une section a besoin d’un titre (300 caractères au plus).
assess-tool-error-guide = La phrase qui guide la section dépasse 10 000 caractères.
assess-tool-error-item-text = Un élément a besoin d’un texte (10 000 caractères au plus).
assess-tool-error-scale-size = L’échelle compte de deux à huit niveaux.
assess-tool-error-scale-code = Le code d’un niveau s’écrit en lettres minuscules sans accents, en chiffres et en « _ » (40 caractères au plus).
assess-tool-error-scale-label = Chaque niveau a besoin d’un libellé (300 caractères au plus).
assess-tool-error-scale-duplicate = Deux niveaux de l’échelle ont le même code.
assess-tool-error-item-answered = Cet élément a déjà des réponses : il ne peut pas être supprimé. Archivez-le plutôt : il quittera la prochaine version, et les réponses déjà données le gardent.
assess-tool-error-section-not-empty = Cette section contient encore des éléments (archivés compris) : supprimez-les d’abord. Une section dont un élément a des réponses reste dans l’outil.
assess-tool-error-grouping = Choisissez un regroupement que vous coordonnez.
assess-tool-dashboard-feature = une école, un organisme ou une équipe fait le portrait de ses pratiques sur un téléphone ou un ordinateur, à partir des modèles ou des outils de son regroupement ;
