## Répertoire : recherche
directory-title = Répertoire des organisations et des services
directory-intro = Qui fait quoi sur le territoire, où et pour qui : trouvez une organisation ou un service pour mieux référer les familles.
directory-tools = Outils de coordination du répertoire
directory-new-organization = Nouvelle organisation
directory-stale-link = À vérifier
directory-proposals-link = Propositions
directory-export-link = Exporter (HSDS, .zip)
directory-search-label = Rechercher une organisation ou un service
directory-search-placeholder = Ex. : centre de femmes Jonquière, halte-garderie, CRÉPAS
directory-search-hint = Tapez ce dont vous vous souvenez : les accents et les majuscules ne comptent pas, une petite faute de frappe est tolérée.
directory-search-submit = Rechercher
directory-filters = Filtres
directory-any-sector = Tous les secteurs
directory-any-territory = Tous les territoires
directory-any-age = Tous les âges
directory-any-theme = Tous les thèmes
directory-any-language = Toutes les langues
directory-any-kind = Tous les types
directory-near = Près de
directory-any-town = Toutes les municipalités
directory-reset = Effacer la recherche et les filtres
directory-results = Résultats
directory-hits =
    { $count ->
        [one] { $count } résultat
       *[other] { $count } résultats
    }
directory-organization-count =
    { $count ->
        [one] { $count } organisation
       *[other] { $count } organisations
    }
directory-service-count =
    { $count ->
        [one] { $count } service
       *[other] { $count } services
    }
directory-page-of = page { $page } sur { $pages }
directory-no-hits = Aucun résultat pour « { $query } ».
directory-blank-query = Tapez au moins un mot : un nom, un sigle, un service ou une ville.
directory-no-hits-hint = Vérifiez l’orthographe, essayez un autre mot ou retirez un filtre.
directory-no-organizations = Aucune organisation ne correspond à ces filtres.
directory-no-services = Aucun service ne correspond à ces filtres.
directory-query-truncated = Votre recherche dépassait 200 caractères : seuls les 200 premiers ont été utilisés.
directory-offered-by = Offert par
directory-pages = Pages de résultats
directory-previous = Page précédente
directory-next = Page suivante
directory-back = Retour au répertoire

## Champs
dir-field-name = Nom
dir-field-service-name = Nom du service
dir-field-aliases = Autres noms et sigles
dir-field-aliases-hint = Un par ligne (ex. : CRÉPAS, UQAC). Le premier est le nom alternatif transmis en HSDS.
dir-field-alternate-name = Autre nom
dir-field-description = Description
dir-field-website = Site Web
dir-field-sector = Secteur
dir-field-territory = Territoire
dir-field-legal-status = Statut juridique
dir-field-legal-status-hint = Ex. : OBNL, coopérative, organisme public.
dir-field-year = Année de fondation
dir-field-status = Statut du service
dir-field-eligibility = Admissibilité
dir-field-eligibility-hint = À qui s’adresse le service, conditions d’accès.
dir-field-application = Comment y accéder
dir-field-fees = Coûts
dir-field-languages = Langues
dir-field-terms = Groupes d’âge et thèmes
dir-field-age-group = Groupe d’âge
dir-field-theme = Thème
dir-field-language = Langue
dir-field-kind = Type
dir-kind-organization = Organisation
dir-kind-service = Service
dir-language-fr = Français
dir-language-en = Anglais

## Fiche d'une organisation
org-also-known-as = Aussi appelée :
org-verified = Vérifiée le { $date }.
org-verified-by = Vérifiée le { $date } par { $name }.
org-never-verified = Cette fiche n’a jamais été vérifiée.
org-edit = Modifier
org-verify = Marquer comme vérifiée
org-merge = Fusionner avec…
org-add-service = Ajouter un service
org-representatives = Représentant·es
org-propose = Proposer une modification
org-about = Présentation
org-services = Services
org-no-services = Aucun service n’est inscrit pour cette organisation.
org-locations = Points de service
org-no-locations = Aucune adresse n’est inscrite.
org-contacts = Joindre l’organisation
org-groupings = Regroupements
org-no-groupings = Cette organisation n’est membre d’aucun regroupement pour l’instant.
dir-grouping-kind-regional_instance = instance régionale
dir-grouping-kind-local_grouping = regroupement local
dir-grouping-kind-table = table de concertation

## Fiche d'un service
service-edit = Modifier le service
service-about = Le service
service-no-description = Aucune description pour l’instant.
service-no-locations = Aucun point de service n’est inscrit.
service-phones = Téléphones
service-schedules = Horaire
service-status-active = En activité
service-status-inactive = Inactif
service-status-defunct = Fermé définitivement
service-status-temporarily-closed = Fermé temporairement

## Formulaires
form-back = Retour
form-save = Enregistrer
form-cancel = Annuler
form-required = (obligatoire)
form-none = — aucun —
form-choose = — choisir —
form-has-errors = Le formulaire contient des erreurs ; corrigez les champs indiqués.
form-conflict = Quelqu’un d’autre a enregistré cette fiche entre-temps. Vos modifications n’ont pas été enregistrées : le formulaire montre maintenant la version enregistrée. Reprenez vos changements, puis enregistrez.
form-conflict-yours = Ce que vous aviez saisi
diff-saved = Enregistré :
diff-yours = Votre saisie :
diff-empty = (vide)
org-new-title = Nouvelle organisation
org-new-intro = Ajoutez une organisation du territoire au répertoire. Vérifiez d’abord qu’elle n’y est pas déjà sous un autre nom.
org-create = Créer l’organisation
org-edit-title = Modifier « { $name } »
service-new-title = Nouveau service
service-create = Créer le service
service-edit-title = Modifier le service « { $name } »

## Messages de validation
error-org-name-required = Indiquez le nom de l’organisation.
error-org-name-too-long = Le nom doit compter au plus 300 caractères.
error-org-description-required = Décrivez l’organisation en quelques phrases : sa mission, ses services, son territoire.
error-description-too-long = La description doit compter au plus 5 000 caractères.
error-aliases = Indiquez au plus 20 autres noms, d’au plus 120 caractères chacun.
error-url = Indiquez une adresse Web complète qui commence par https:// (ex. : https://crepas.qc.ca).
error-year = Indiquez une année à quatre chiffres (ex. : 1987).
error-field-too-long = Ce champ doit compter au plus 120 caractères.
error-service-name-required = Indiquez le nom du service.
error-service-status = Choisissez le statut du service.
error-sector-unknown = Choisissez un secteur de la liste.
error-territory-unknown = Choisissez un territoire de la liste.

## À vérifier
stale-title = Fiches à vérifier
stale-intro = Les organisations dont la fiche n’a pas été vérifiée depuis 12 mois, ou ne l’a jamais été. Vérifiez l’information auprès de l’organisation, corrigez-la au besoin, puis marquez la fiche comme vérifiée.
stale-empty = Toutes les fiches ont été vérifiées au cours des 12 derniers mois. Bravo !
stale-last-verified = Dernière vérification
stale-count =
    { $count ->
        [one] { $count } fiche à vérifier
       *[other] { $count } fiches à vérifier
    }
stale-never = jamais
stale-actions = Actions

## Fusion
merge-title = Fusionner deux fiches
merge-intro = Choisissez la fiche en double à fusionner dans « { $name } ». Cette fiche-ci est conservée ; l’autre disparaît et son nom devient un autre nom de celle-ci.
merge-candidates = Ces fiches semblent identiques
merge-no-candidates = Aucune fiche semblable n’a été trouvée. Vous pouvez coller l’identifiant ou l’adresse de l’autre fiche ci-dessous.
merge-similarity = noms semblables à { $percent } %
merge-similar-search = trouvée par la recherche
merge-see = voir la fiche
merge-paste = Ou collez l’identifiant (ou l’adresse de la page) de l’autre fiche
merge-paste-hint = Ex. : https://…/repertoire/organisations/3f2a… — ce champ a priorité sur le choix ci-dessus.
merge-next = Continuer
merge-error-choose = Choisissez la fiche à fusionner dans celle-ci.
merge-error-same = Une fiche ne peut pas être fusionnée avec elle-même.
merge-error-unknown = Cette fiche n’existe pas (ou plus). Vérifiez l’identifiant.
merge-confirm-title = Confirmer la fusion
merge-removed = Fiche retirée
merge-kept = Fiche conservée
merge-what-moves = Ce qui sera transféré
merge-name-becomes-alias = le nom « { $name } » devient un autre nom de la fiche conservée ;
merge-alias-moves = l’autre nom « { $name } » ;
merge-service = le service
merge-locations = points de service : { $count } ;
merge-contacts = personnes-ressources : { $count } ;
merge-phones = téléphones : { $count } ;
merge-membership = l’adhésion au regroupement « { $name } » ;
merge-audited = La fusion est définitive et consignée au journal d’audit.
merge-confirm = Fusionner définitivement

## Propositions
proposal-title = Proposer une modification de « { $name } »
proposal-intro = Vous représentez cette organisation : proposez les corrections de sa fiche. La coordination les examinera avant de les publier.
proposal-submit = Envoyer la proposition
proposals-title = Propositions de modification
proposals-intro = Les modifications proposées par les organisations pour leur propre fiche. Comparez avec la fiche actuelle, puis approuvez ou refusez.
proposals-empty = Aucune proposition en attente.
proposals-by = Proposée par { $email } le { $date }
proposals-no-change = Cette proposition ne change rien à la fiche actuelle.
proposals-field = Champ
proposals-current = Actuel
proposals-proposed = Proposé
proposals-approve = Approuver et publier
proposals-reject = Refuser

## Représentant·es
representatives-title = Représentant·es de l’organisation
representatives-intro = Les comptes qui représentent « { $name } » peuvent proposer des modifications de sa fiche.
representatives-current = Comptes rattachés
representatives-none = Aucun compte ne représente cette organisation pour l’instant.
representatives-remove = Retirer
representatives-add = Ajouter un·e représentant·e
representatives-hint = L’adresse courriel d’un compte maillage existant. Un compte représente une seule organisation.
representatives-submit = Rattacher ce compte
representative-unknown-account = Aucun compte n’existe pour cette adresse courriel. Invitez d’abord la personne.

## Messages ponctuels du répertoire
flash-organization-created = L’organisation a été ajoutée au répertoire.
flash-organization-saved = Les modifications ont été enregistrées.
flash-organization-verified = La fiche est marquée comme vérifiée aujourd’hui.
flash-organizations-merged = Les deux fiches ont été fusionnées.
flash-service-created = Le service a été ajouté.
flash-service-saved = Le service a été enregistré.
flash-proposal-sent = Merci ! Votre proposition a été transmise à la coordination.
flash-proposal-approved = La proposition a été approuvée et la fiche, mise à jour.
flash-proposal-rejected = La proposition a été refusée.
flash-proposal-decided = Cette proposition a déjà été traitée.
flash-representative-added = Le compte représente maintenant cette organisation.
flash-representative-removed = Le compte ne représente plus cette organisation.

## Coordonnées, heures et points de service
dir-contact-legend = Coordonnées
dir-contact-hint = L’adresse du point de service principal et le numéro de téléphone de l’accueil.
dir-field-address = Adresse
dir-field-address-hint = Numéro et rue, par exemple 2351, rue Saint-Dominique
dir-field-city = Municipalité
dir-field-postal-code = Code postal
dir-field-postal-code-hint = Sous la forme A1A 1A1
dir-field-phone = Téléphone
dir-field-phone-hint = Par exemple 418 555-0142
dir-field-extension = Poste
dir-phone-with-extension = { $number }, poste { $ext }
dir-hours-legend = Heures d’ouverture
dir-field-days = Jours
dir-days-mo-tu-we-th-fr = Du lundi au vendredi
dir-days-mo-tu-we-th-fr-sa = Du lundi au samedi
dir-days-mo-tu-we-th-fr-sa-su = Tous les jours
dir-days-sa-su = La fin de semaine
dir-field-opens-at = Ouverture
dir-field-closes-at = Fermeture
dir-field-time-hint = Par exemple 8 h 30
dir-field-hours-note = Précisions sur l’horaire
dir-hours-range = de { $opens } à { $closes }
dir-field-locations = Points de service
dir-field-locations-hint = Les lieux de l’organisation où ce service est offert.
dir-no-locations-yet = L’organisation n’a pas encore de point de service : ajoutez son adresse dans sa fiche, puis revenez cocher où le service est offert.
error-address-required = Indiquez le numéro et la rue, ou laissez l’adresse entièrement vide.
error-city-required = Indiquez la municipalité de l’adresse.
error-postal-code-required = Indiquez le code postal de l’adresse.
error-postal-code = Le code postal doit avoir la forme A1A 1A1 (par exemple G7X 6L8).
error-phone = Le numéro de téléphone doit avoir 10 chiffres, par exemple 418 555-0142.
error-phone-extension = Le poste doit être un nombre d’au plus 6 chiffres, par exemple 224.
error-phone-required = Un poste a besoin d’un numéro de téléphone.
error-days = Choisissez des jours dans la liste.
error-time = Écrivez l’heure comme 8 h 30 ou 16 h 30.
error-hours-order = L’heure de fermeture doit suivre l’heure d’ouverture.
error-hours-both = Indiquez l’heure d’ouverture et l’heure de fermeture.
error-location-unknown = Ce point de service n’appartient pas à l’organisation.
