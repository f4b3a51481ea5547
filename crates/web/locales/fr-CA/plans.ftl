## Regroupements

groupings-title = Regroupements
groupings-intro = Les instances régionales, les regroupements locaux et les tables de concertation du territoire, avec leurs membres et leurs plans d’action.
groupings-new = Nouveau regroupement
groupings-name = Nom
groupings-kind = Type
groupings-members = Membres
groupings-under = sous { $name }
grouping-kind-regional_instance = Instance régionale
grouping-kind-local_grouping = Regroupement local
grouping-kind-table = Table de concertation
membership-role-member = Membre
membership-role-lead = Porteur
membership-role-fiduciary = Fiduciaire
membership-role-observer = Observateur
grouping-portrait = Portrait des actions
grouping-edit = Modifier le regroupement
grouping-new-plan = Nouveau plan d’action
grouping-import-plan = Importer un plan
grouping-mission = Mission
grouping-vision = Vision
grouping-plans = Plans d’action
grouping-no-plans = Aucun plan d’action pour l’instant.
grouping-members = Membres
grouping-members-on = au { $date }
grouping-members-date = Composition à la date du
grouping-members-show = Afficher
grouping-members-today = Revenir à aujourd’hui
grouping-no-members = Aucun membre.
grouping-member-org = Organisation
grouping-member-sector = Secteur
grouping-member-role = Rôle
grouping-member-joined = Depuis le
grouping-member-left = Départ le
grouping-member-leave = Retirer
grouping-member-representatives = Personnes représentantes
grouping-member-representatives-hint = Une personne par ligne (nom, fonction).
grouping-former-members = Anciens membres
grouping-add-member = Ajouter ou modifier un membre
grouping-add-member-submit = Enregistrer le membre
grouping-composition = Composition par secteur
grouping-pathways = Voies d’action
grouping-no-pathways = Aucune voie d’action définie.
grouping-pathway-name = Nouvelle voie d’action
grouping-pathway-description = Description
grouping-add-pathway = Ajouter la voie d’action
grouping-staff = Équipe
grouping-no-staff = Aucune personne inscrite.
grouping-staff-name = Nom
grouping-staff-role = Fonction
grouping-add-staff = Ajouter à l’équipe
grouping-support = Fiduciaire et bailleurs de fonds
grouping-fiduciary = Fiduciaire
grouping-funders = Bailleurs de fonds
grouping-add-funder = Ajouter un bailleur de fonds
grouping-add-funder-submit = Ajouter
grouping-children = Regroupements locaux
grouping-new-title = Nouveau regroupement
grouping-edit-title = Modifier « { $name } »
grouping-slug = Identifiant dans l’adresse
grouping-slug-hint = Lettres minuscules, chiffres et traits d’union ; tiré du nom s’il est laissé vide.
grouping-parent = Regroupement parent
grouping-error-name = Indiquez le nom du regroupement.
grouping-error-kind = Choisissez le type de regroupement.
grouping-error-parent = Le regroupement parent choisi n’existe pas.
grouping-error-cycle = Ce regroupement parent est lui-même sous ce regroupement : un regroupement ne peut pas être son propre parent.
grouping-error-territory = Le territoire choisi n’existe pas.
grouping-error-slug = L’identifiant doit contenir au moins une lettre ou un chiffre.
grouping-error-slug-taken = Un autre regroupement utilise déjà cet identifiant.
flash-grouping-saved = Le regroupement a été enregistré.
flash-pathway-saved = Les voies d’action ont été mises à jour.
flash-error-pathway-name = Indiquez le nom de la voie d’action.
flash-staff-saved = L’équipe a été mise à jour.
flash-error-staff = Indiquez le nom et la fonction de la personne.
flash-error-staff-email = L’adresse courriel de la personne n’est pas valide.
flash-membership-saved = Le membre a été enregistré.
flash-membership-ended = Le départ du membre a été enregistré ; il reste dans l’historique.
flash-error-membership-role = Choisissez un rôle de membre.
flash-error-membership-date = La date n’est pas valide (AAAA-MM-JJ).
flash-error-membership-left-before = La date de départ précède la date d’arrivée du membre.
flash-error-organization-unknown = Aucune organisation du répertoire ne porte ce nom ; ajoutez-la d’abord au répertoire.
flash-error-organization-ambiguous = Ce nom correspond à plusieurs organisations du répertoire ; écrivez le nom exact.
flash-funder-saved = Les bailleurs de fonds ont été mis à jour.

## Plans d'action

plans-title = Plans d’action
plans-intro = Les plans d’action pluriannuels des regroupements : orientations, stratégies, actions et indicateurs.
plans-none = Aucun plan d’action visible pour l’instant.
plans-no-sector = Secteur non précisé
plans-error-date = La date n’est pas valide (AAAA-MM-JJ).
plans-error-stale = Quelqu’un a enregistré ce formulaire entre-temps : voici les valeurs enregistrées ; refaites vos changements.
plan-status-draft = Brouillon
plan-status-published = Publié
weighting-equal = Poids égaux
weighting-custom = Poids choisis
weighting-budget = Selon le budget
plan-title-field = Titre
plan-grouping = Regroupement
plan-period = Période
plan-status = État
plan-start-year = Année de début
plan-end-year = Année de fin
plan-weighting = Calcul de l’avancement
plan-weighting-hint = Poids égaux : chaque partie compte autant. Poids choisis : selon le poids de chaque orientation, stratégie et action. Selon le budget : les actions comptent selon leur budget.
plan-new-title = Nouveau plan d’action de { $name }
plan-edit-title = Modifier « { $name } »
plan-copy-title = Copier « { $name } » dans une nouvelle période
plan-copy-intro = Les orientations, stratégies, actions, organisations et indicateurs sont copiés ; les dates sont décalées d’autant d’années ; les mesures ne le sont pas et les actions repartent « à venir ». La copie est un brouillon.
plan-edit = Modifier le plan
plan-copy = Copier dans une nouvelle période
plan-delete = Supprimer le plan
plan-export-csv = Exporter (CSV)
plan-export-xlsx = Exporter (Excel)
plan-error-title = Indiquez le titre du plan.
plan-error-status = Choisissez l’état du plan.
plan-error-weighting = Choisissez le calcul de l’avancement.
error-plan-year = L’année doit être comprise entre 1900 et 2100.
error-plan-period-order = La période se termine avant de commencer : l’année de fin doit suivre l’année de début.
flash-plan-saved = Le plan d’action a été enregistré.
flash-plan-copied = Le plan a été copié dans la nouvelle période (brouillon).
flash-plan-deleted = Le plan d’action a été supprimé.
flash-plan-imported = Le plan a été importé (brouillon) : vérifiez-le, puis publiez-le.
flash-outline-saved = Le plan a été mis à jour.
flash-error-title-required = Indiquez un titre.
flash-error-weight = Le poids doit être un nombre positif.

outline-plan-progress = Avancement du plan :
outline-progress = Avancement
outline-no-progress = aucune donnée
outline-actions-count = { $count ->
    [one] { $count } action
   *[other] { $count } actions
}
outline-counted = { $count ->
    [one] { $count } mesure ou état pris en compte
   *[other] { $count } mesures ou états pris en compte
}
outline-missing = { $count ->
    [one] { $count } indicateur sans mesure
   *[other] { $count } indicateurs sans mesure
}
outline-abandoned = { $count ->
    [one] { $count } action abandonnée, exclue du calcul
   *[other] { $count } actions abandonnées, exclues du calcul
}
outline-empty = Ce plan n’a pas encore d’orientation.
outline-no-actions = Aucune action dans cette stratégie.
outline-up = Monter
outline-down = Descendre
outline-delete = Supprimer
outline-rename = Modifier
outline-title = Titre
outline-year = Année
outline-weight = Poids
outline-add = Ajouter
outline-add-action = Ajouter une action
outline-add-indicator = Ajouter un indicateur
outline-new-orientation = Nouvelle orientation
outline-new-strategy = Nouvelle stratégie

## Actions

action-status-a_venir = À venir
action-status-en_cours = En cours
action-status-realisee = Réalisée
action-status-reportee = Reportée
action-status-abandonnee = Abandonnée
action-status = Statut
action-leads = Porteurs
action-partners = Partenaires
action-members = Membres du regroupement
action-other-orgs = Autres organisations du répertoire
action-other-orgs-hint = Une organisation par ligne, écrite comme dans le répertoire (le nom ou un autre nom connu).
action-not-member = pas membre du regroupement
action-warning-lead-not-member = Au moins un porteur n’est pas membre du regroupement. Cochez la case de confirmation au bas du formulaire pour l’enregistrer quand même.
action-confirm-non-member = Je confirme : un porteur de cette action n’est pas membre du regroupement.
action-edit = Modifier
action-edit-title = Modifier « { $name } »
action-new-title = Nouvelle action — { $name }
action-new-subtask-title = Nouvelle sous-action de « { $name } »
action-add-subtask = Ajouter une sous-action
action-about = L’action
action-audience = Public cible
action-audience-hint = Parents, 0-5 ans, élèves du primaire…
action-start = Début
action-end = Fin
action-budget = Budget
action-documents = Documents
action-documents-hint = Un lien par ligne.
action-indicators = Indicateurs
action-no-indicators = Aucun indicateur pour cette action.
action-subtasks = Sous-actions
action-error-title = Indiquez le titre de l’action.
action-error-status = Choisissez un statut.
action-error-end-before-start = La fin précède le début de l’action.
action-error-budget = Le budget doit être un montant positif (ex. : 12 500).
action-error-weight = Le poids doit être un nombre positif.
flash-action-saved = L’action a été enregistrée.
flash-action-deleted = L’action a été supprimée.

## Indicateurs

indicator-name = Nom de l’indicateur
indicator-unit = Unité
indicator-baseline = Valeur de départ
indicator-baseline-date = Date de départ
indicator-target = Cible
indicator-target-date = Date de la cible
indicator-no-baseline = aucune
indicator-no-measurement = Aucune mesure pour l’instant
indicator-measurements = Mesures
indicator-add-measurement = Ajouter une mesure
indicator-date = Date
indicator-value = Valeur
indicator-source = Source
indicator-comment = Commentaire
indicator-delete = Supprimer l’indicateur
error-indicator-name-required = Indiquez le nom de l’indicateur.
error-indicator-unit-required = Indiquez l’unité de l’indicateur (%, organisations, parents…).
error-indicator-target-required = Indiquez la valeur cible.
error-indicator-target-before-baseline = La date de la cible précède la date de la valeur de départ.
error-indicator-target-equals-baseline = La cible est égale à la valeur de départ : elle ne mesure aucun changement.
error-indicator-number = Les valeurs doivent être des nombres (ex. : 12,5).
error-measurement-unit = L’unité de la mesure ne correspond pas à celle de l’indicateur.
error-measurement-number = La mesure doit être un nombre (ex. : 12,5).
flash-indicator-saved = L’indicateur a été enregistré.
flash-indicator-deleted = L’indicateur a été supprimé.
flash-measurement-saved = La mesure a été enregistrée.
flash-measurement-deleted = La mesure a été supprimée.
flash-error-indicator-name-required = Indiquez le nom de l’indicateur.
flash-error-indicator-unit-required = Indiquez l’unité de l’indicateur (%, organisations, parents…).
flash-error-indicator-target-required = Indiquez la valeur cible de l’indicateur.
flash-error-indicator-target-before-baseline = La date de la cible précède la date de la valeur de départ.
flash-error-indicator-target-equals-baseline = La cible est égale à la valeur de départ : elle ne mesure aucun changement.
flash-error-indicator-number = Les valeurs de l’indicateur doivent être des nombres (ex. : 12,5).
flash-error-indicator-date = Les dates de l’indicateur ne sont pas valides (AAAA-MM-JJ).
flash-error-measurement-unit = L’unité de la mesure ne correspond pas à celle de l’indicateur.
flash-error-measurement-number = La mesure doit être un nombre (ex. : 12,5).
flash-error-measurement-date = Indiquez la date de la mesure (AAAA-MM-JJ).

## Portrait

portrait-title = Portrait territorial des actions
portrait-intro = Les actions du plan selon les voies d’action qu’elles servent et les secteurs des organisations qui y participent. Les cases vides montrent les manques.
portrait-intro-regional = Les actions des plans de l’instance et de ses regroupements locaux, selon les voies d’action et les secteurs des organisations qui y participent. Les cases vides montrent les manques.
portrait-year = Année
portrait-all = Toutes
portrait-filter = Filtrer
portrait-actions = actions
portrait-intersectoral = actions intersectorielles (plusieurs secteurs)
portrait-sectoral = actions sectorielles (un seul secteur)
portrait-no-sector = actions sans secteur connu
portrait-without-pathway = actions sans voie d’action
portrait-gaps = Des voies d’action ne sont couvertes par aucune action :
portrait-no-action-on-pathway = aucune action sur cette voie
portrait-matrix = Actions par voie d’action et par secteur
portrait-matrix-caption = Nombre d’actions servant chaque voie d’action, par secteur des organisations porteuses et partenaires
portrait-pathway = Voie d’action
portrait-total = Total
portrait-by-sector = Par secteur
portrait-gap = aucune action
portrait-legend = Un point (·) marque une case vide : aucune action de cette voie n’engage ce secteur.
portrait-groupings = Par regroupement
portrait-plans = Plans pris en compte

## Import

import-title = Importer un plan d’action
import-intro = Un fichier CSV ou Excel avec une ligne par action et les colonnes orientation, stratégie et action (et au besoin : année, sous-action de, description, porteurs, partenaires, voies d’action, public cible, début, fin, statut, budget). Tout est vérifié avant d’écrire : un fichier refusé n’écrit rien.
import-file = Fichier
import-file-hint = .csv, .tsv ou .xlsx ; les organisations sont reconnues comme dans le répertoire (accents et majuscules n’importent pas).
import-sheet = Feuille (classeur Excel)
import-sheet-hint = À préciser seulement si le classeur a plusieurs feuilles.
import-submit = Vérifier et importer
import-refused = Le fichier a été refusé ; rien n’a été écrit. Corrigez ces points et réessayez :
plans-import-error-file = Choisissez le fichier à importer.
plans-import-error-period = Indiquez la période du plan (ex. : 2014-2017).
plans-import-error-upload = L’envoi du fichier a échoué ; réessayez.

api-error-status = Statut inconnu : a_venir, en_cours, realisee, reportee ou abandonnee.
api-error-grouping = Aucun regroupement ne porte cet identifiant.
