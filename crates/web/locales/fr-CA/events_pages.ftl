## events_pages

evpages-list-title = Événements
evpages-list-intro = Les rencontres des regroupements : inscriptions, accueil, présences et bilans.
evpages-none = Aucun événement pour l’instant.
evpages-none-short = Aucune.
evpages-new = Nouvel événement
evpages-new-title = Nouvel événement
evpages-edit-title = Modifier « { $name } »
evpages-no-grouping = Sans regroupement
evpages-grouping-feed = Calendrier des événements (iCal)
evpages-first-date = Première séance
evpages-sessions = Séances
evpages-status-draft = Brouillon
evpages-status-published = Publié
evpages-status-done = Terminé

evpages-field-grouping = Regroupement
evpages-field-title = Titre
evpages-field-description = Description
evpages-field-intentions = Intentions
evpages-field-intentions-hint = Une intention par ligne.
evpages-field-audience = Public visé
evpages-field-capacity = Nombre de places
evpages-field-capacity-hint = Laissez vide s’il n’y a pas de limite. Au-delà, les inscriptions vont sur la liste d’attente.
evpages-field-status = Statut
evpages-field-closes = Fin des inscriptions le
evpages-first-session = Première séance
evpages-field-date = Date
evpages-field-starts = Début (HH:MM)
evpages-field-ends = Fin (HH:MM)
evpages-field-place = Lieu
evpages-field-address = Adresse

evpages-error-title = Indiquez le titre de l’événement.
evpages-error-grouping = Choisissez un regroupement que vous coordonnez.
evpages-error-capacity = Le nombre de places doit être un nombre entier positif (ou vide).
evpages-error-status = Choisissez un statut : brouillon, publié ou terminé.
evpages-error-date = Date invalide ; écrivez-la AAAA-MM-JJ (par exemple 2018-05-08).
evpages-error-session-date = Indiquez la date de la séance.
evpages-error-time = Heure invalide ; écrivez-la HH:MM (par exemple 09:30).
evpages-error-time-order = L’heure de fin doit suivre l’heure de début.
evpages-error-session-same-date = L’événement a déjà une séance à cette date ; une date ne compte qu’une séance.
evpages-error-stale = Quelqu’un d’autre a modifié cet événement entre-temps ; le formulaire montre maintenant la version enregistrée. Reprenez vos changements, puis enregistrez.
evpages-error-name = Indiquez votre nom.

evpages-session-new-title = Ajouter une séance
evpages-session-edit-title = Modifier la séance

evpages-add-calendar = Ajouter à mon calendrier
evpages-manage = Gérer l’événement
evpages-edit = Modifier l’événement
evpages-intentions = Intentions
evpages-no-sessions = Aucune séance pour l’instant.
evpages-full = Complet : les nouvelles inscriptions vont sur la liste d’attente.
evpages-places-left =
    { $count ->
        [one] { $count } place restante
       *[other] { $count } places restantes
    }
evpages-closes-on = Inscriptions jusqu’au { $date }.
evpages-register = Inscription
evpages-waitlist-notice = L’événement est complet. Vous pouvez vous inscrire sur la liste d’attente : une place vous sera offerte si quelqu’un se désiste.
evpages-reg-name = Nom
evpages-reg-email = Courriel
evpages-reg-organization = Organisation
evpages-reg-organization-hint = Commencez à écrire le nom : choisissez votre organisation dans le répertoire, ou gardez le nom tel qu’écrit (autre).
evpages-reg-role = Rôle ou profession
evpages-reg-needs = Besoins alimentaires ou d’accessibilité
evpages-needs-short = Besoins
evpages-register-submit = M’inscrire
evpages-register-waitlist = M’inscrire sur la liste d’attente
evpages-org-pick = Organisations du répertoire
evpages-org-other = Autre : « { $name } » tel qu’écrit
evpages-org-none = Aucune organisation du répertoire ne correspond ; le nom sera gardé tel qu’écrit (autre).
evpages-refused-not-open = Les inscriptions ne sont pas ouvertes pour cet événement.
evpages-refused-closed = Les inscriptions à cet événement sont closes.
evpages-refused-duplicate = Cette adresse courriel est déjà inscrite à cet événement.

evpages-registered-title = Inscription reçue
evpages-registered-ok = Merci { $name }, votre inscription est confirmée.
evpages-registered-waitlist = Merci { $name }. L’événement est complet : vous êtes sur la liste d’attente.
evpages-confirmation-box = Courriel de confirmation
evpages-confirmation-no-mail = Aucun serveur de courriel n’est configuré : le message est affiché ici et conservé avec votre inscription.
evpages-personal-title = Votre lien personnel
evpages-personal-intro = Gardez ce lien : vous y trouverez le canevas de réflexion et l’évaluation de l’événement.
evpages-mail-greeting = Bonjour { $name },
evpages-mail-confirmed = Votre inscription à « { $event } » est confirmée.
evpages-mail-waitlisted = L’événement « { $event } » est complet : vous êtes inscrit·e sur la liste d’attente. Nous vous écrirons si une place se libère.
evpages-mail-promoted = Une place s’est libérée : votre inscription à « { $event } » est maintenant confirmée.
evpages-mail-sessions = Séances :
evpages-mail-link = Votre lien personnel (canevas de réflexion, évaluation) : { $link }
evpages-mail-signature = Au plaisir de vous y voir !

evpages-manage-title = Gestion : { $name }
evpages-public-page = Page publique
evpages-tools = Outils de l’événement
evpages-link-attendance = Présences
evpages-link-import = Importer une grille de présences
evpages-link-teams = Équipes
evpages-link-observations = Observations des animateurs
evpages-link-mosaic = Mosaïque
evpages-link-canvas = Canevas de réflexion
evpages-link-evaluation = Évaluation
evpages-link-report = Bilan
evpages-times = Heures
evpages-actions = Actions
evpages-checkin = Accueil
evpages-edit-session = Modifier
evpages-delete-session = Supprimer
evpages-add-session = Ajouter une séance
evpages-registrants = Personnes inscrites
evpages-count-confirmed = Confirmées
evpages-count-waitlist = Liste d’attente
evpages-count-cancelled = Annulées
evpages-no-registrants = Personne n’est inscrit pour l’instant.
evpages-other = autre
evpages-reg-confirmed = Confirmé·e
evpages-reg-waitlist = Liste d’attente
evpages-reg-cancelled = Annulé·e
evpages-cancel-registration = Annuler l’inscription
evpages-promoted = { $name } quitte la liste d’attente : sa place est confirmée.

evpages-checkin-title = Accueil
evpages-count-present = { $count ->
    [one] personne présente
   *[other] personnes présentes
}
evpages-count-expected = { $count ->
    [one] inscription confirmée
   *[other] inscriptions confirmées
}
evpages-count-organizations = { $count ->
    [one] organisation
   *[other] organisations
}
evpages-count-people = personnes
evpages-checkin-search = Chercher une personne ou une organisation
evpages-checkin-find = Chercher
evpages-checkin-filtered = Liste filtrée.
evpages-checkin-show-all = Tout afficher
evpages-checkin-none = Personne ne correspond.
evpages-is-present = Présent·e ✓
evpages-mark-present = Présent·e
evpages-undo-checkin = Annuler
evpages-walk-in = Sans inscription
evpages-walk-in-add = Ajouter présent·e
evpages-walk-in-remove = Retirer

evpages-attendance-title = Présences
evpages-attendance-intro = Les organisations présentes à « { $name } », séance par séance.
evpages-counts-title = En chiffres
evpages-distinct-organizations = Organisations distinctes
evpages-grid-title = Les organisations présentes
evpages-grid-organizations = Nom des organisations qui ont participé
evpages-grid-sector = Secteur
evpages-first-time = première fois
evpages-every-session = Présentes à toutes les séances
evpages-first-timers = Nouvelles organisations
evpages-first-timers-hint = Organisations qu’aucun événement antérieur du regroupement n’avait vues.
evpages-sector-chart = Organisations par secteur
evpages-no-attendance = Aucune présence pour l’instant.

flash-evpages-event-saved = L’événement a été enregistré.
flash-evpages-session-saved = La séance a été enregistrée.
flash-evpages-session-deleted = La séance a été supprimée.
flash-evpages-registration-cancelled = L’inscription a été annulée.
flash-evpages-checked-in = Présence notée.
flash-evpages-checkin-undone = Présence annulée.
flash-evpages-error-cancelled = Cette inscription est annulée ; ajoutez la personne sans inscription.
flash-evpages-error-walk-in-name = Indiquez le nom de la personne.
flash-evpages-walk-in-added = Personne ajoutée comme présente.
flash-evpages-walk-in-unmatched = Personne ajoutée ; son organisation n’est pas dans le répertoire et est gardée avec son nom.
flash-evpages-walk-in-removed = Personne retirée.

# Confirmation e-mail over SMTP
evpages-confirmation-mailed = Ce message vous est aussi envoyé par courriel. Il reste affiché ici et conservé avec votre inscription.
evpages-mail-subject = Inscription confirmée : { $event }
evpages-mail-subject-waitlist = Liste d’attente : { $event }
evpages-mail-column = Courriel de confirmation
evpages-mail-status-sent = Envoyé le { $date }
evpages-mail-status-failed = Échec de l’envoi
evpages-mail-status-pending = En attente d’envoi
evpages-mail-status-off = Non configuré (affiché et conservé seulement)
evpages-mail-resend = Renvoyer la confirmation
flash-evpages-mail-resent = La confirmation a été envoyée.
flash-evpages-error-mail-failed = Le serveur de courriel a refusé la confirmation : la raison est indiquée dans la liste.
flash-evpages-error-mail-off = Aucun serveur de courriel n’est configuré : la confirmation ne peut pas être envoyée.
flash-evpages-error-mail-cancelled = Cette inscription est annulée : aucune confirmation n’est envoyée.

# Check-in list: the first rows only
evpages-checkin-more = { $count ->
    [one] Une autre personne correspond : précisez la recherche, ou
   *[other] { $count } autres personnes correspondent : précisez la recherche, ou
}
