# Referrals: the boxes, the form that sends one, the referral page, the service's capacity.
referrals-pages-title = Références
referrals-pages-new = Référer une personne
referrals-pages-intro = Les références de votre organisation : celles reçues par ses services et celles qu’elle a envoyées. Seules les deux organisations d’une référence la voient.
referrals-pages-unread = { $count ->
    [0] Aucun avis non lu
    [one] { $count } avis non lu
   *[other] { $count } avis non lus
}
referrals-pages-boxes = Boîtes de références
referrals-pages-inbox = Reçues
referrals-pages-outbox = Envoyées
referrals-pages-filter-status = Statut
referrals-pages-filter-any = Tous les statuts
referrals-pages-filter-service = Service
referrals-pages-filter-any-service = Tous les services
referrals-pages-filter-apply = Filtrer
referrals-pages-count = { $count ->
    [0] Aucune référence
    [one] { $count } référence
   *[other] { $count } références
}
referrals-pages-inbox-empty = Aucune référence reçue ne correspond à ces filtres.
referrals-pages-outbox-empty = Aucune référence envoyée ne correspond à ces filtres. Pour référer une personne, trouvez le service dans le répertoire.
referrals-pages-erased = Données effacées
referrals-pages-new-notice = Nouveau
referrals-pages-from = de
referrals-pages-to = à
referrals-pages-route-from = De
referrals-pages-sent-on = Envoyée le { $date }
referrals-pages-no-organization = Votre compte n’est rattaché à aucune organisation : les références se font au nom d’une organisation. Demandez à la coordination de votre regroupement de rattacher votre compte à la vôtre.
referrals-pages-no-role = Votre compte n’a le rôle de membre dans aucun regroupement : il ne peut ni envoyer ni recevoir de références.
referrals-pages-choose-service = Choisissez d’abord, dans le répertoire, le service vers lequel référer la personne, puis « Référer une famille ».
referrals-pages-to-directory = Chercher un service dans le répertoire
referrals-pages-criteria = Critères d’admissibilité
referrals-pages-delay = Délai de réponse
referrals-pages-waiting-title = Liste d’attente
referrals-pages-asked = Renseignements demandés par le service
referrals-pages-grouping = Regroupement par lequel référer
referrals-pages-person = La personne
referrals-pages-person-hint = Le moins possible : un prénom ou des initiales, un moyen de la joindre, sa langue et son groupe d’âge suffisent.
referrals-pages-first-name = Prénom ou initiales
referrals-pages-contact = Moyen de la joindre
referrals-pages-contact-hint = Un numéro de téléphone ou une adresse courriel.
referrals-pages-language = Langue
referrals-pages-age-group = Groupe d’âge
referrals-pages-age-unknown = Non précisé
referrals-pages-request = La demande
referrals-pages-reason = Motif
referrals-pages-urgency = Urgence
referrals-pages-note = Note
referrals-pages-note-hint = Vue seulement par les deux organisations ; effacée avec les données de la personne.
referrals-pages-consent = Consentement
referrals-pages-consent-box = La personne (ou son parent ou tuteur) consent à ce que ces renseignements soient transmis au service.
referrals-pages-consent-given-by = Consentement donné par
referrals-pages-consent-shared = Ce qui est partagé
referrals-pages-consent-until = Valide jusqu’au
referrals-pages-consent-on = Donné le
referrals-pages-consent-shared-default = prénom, moyen de joindre, langue, groupe d’âge, motif
referrals-pages-send = Envoyer la référence
referrals-pages-referral = Référence
referrals-pages-referral-of = Référence de { $name }
referrals-pages-sent-at = Envoyée le { $date }
referrals-pages-due = Réponse attendue le { $date }
referrals-pages-redirected-from = Cette référence suit une réorientation : voir la référence d’origine
referrals-pages-redirected-to = Voir la nouvelle référence
referrals-pages-person-erased = Les données personnelles ont été effacées.
referrals-pages-person-erased-on = Les données personnelles ont été effacées le { $date }.
referrals-pages-history = Historique
referrals-pages-signed-by = Par { $name }
referrals-pages-moves = Suivi
referrals-pages-no-moves = Aucun changement de statut ne revient à votre organisation pour le moment.
referrals-pages-decline-reason = Raison du refus
referrals-pages-obstacle = Obstacle
referrals-pages-redirect-to = Réorienter vers
referrals-pages-choose = Choisir un service
referrals-pages-comment = Commentaire (facultatif)
referrals-pages-move-received = Accuser réception
referrals-pages-move-accepted = Accepter
referrals-pages-move-declined = Refuser
referrals-pages-move-redirected = Réorienter
referrals-pages-move-withdrawn = Retirer la référence
referrals-pages-move-started = Le service a commencé
referrals-pages-move-completed = Le service est terminé
referrals-pages-move-no_follow_up = Sans suite
referrals-pages-move-closed = Fermer la référence
referrals-pages-capacity-title = Références vers ce service
referrals-pages-capacity-intro = Ce que le service publie pour les organisations qui lui réfèrent des personnes : affiché dans le répertoire, ses résultats de recherche et le formulaire de référence.
referrals-pages-capacity-accepts = Le service reçoit des références
referrals-pages-capacity-ack = Délai de réponse (jours)
referrals-pages-capacity-ack-hint = De 0 à 90 jours ; 5 si vide. Une référence sans réponse après ce délai paraît « En retard ».
referrals-pages-capacity-waiting = Liste d’attente (semaines)
referrals-pages-capacity-waiting-hint = De 0 à 104 semaines ; vide s’il n’y a pas de liste d’attente.
referrals-pages-capacity-asked-hint = Au plus 5 renseignements de plus, un par ligne (par exemple « École »). Rien d’autre n’est demandé à la personne.
referrals-pages-capacity-save = Enregistrer
referrals-pages-capacity-edit = Modifier ce que le service publie
referrals-pages-refer = Référer une famille
referrals-pages-overdue-count = { $count ->
    [one] { $count } référence reçue en retard
   *[other] { $count } références reçues en retard
}
referrals-pages-open-boxes = Ouvrir les références
referrals-pages-ack-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
referrals-pages-waiting = Liste d’attente : { $count ->
    [one] { $count } semaine
   *[other] { $count } semaines
}
referrals-pages-no-waiting = Pas de liste d’attente
referrals-pages-api-error-fields = Un champ manque ou n’a pas le bon type : accepts_referrals (vrai ou faux), criteria (texte), ack_days et waiting_weeks (nombres entiers), asked_fields (liste de textes).
referrals-pages-api-error-json = Le corps de la requête n’est pas un document JSON valide.
referrals-pages-language-fr = Français
referrals-pages-language-en = Anglais
referrals-pages-language-es = Espagnol
referrals-pages-language-ar = Arabe
referrals-pages-language-ht = Créole haïtien
referrals-pages-language-pt = Portugais
referrals-pages-language-zh = Chinois
referrals-pages-language-fa = Persan
referrals-pages-language-ru = Russe
referrals-pages-language-uk = Ukrainien
flash-referrals-pages-sent = La référence est envoyée : le service en est avisé.
flash-referrals-pages-moved = Le statut de la référence est à jour : l’autre organisation en est avisée.
flash-referrals-pages-capacity-saved = Ce que le service publie sur les références est enregistré.
referrals-pages-rights = Droits de la personne
referrals-pages-export = Exporter ses renseignements (JSON), pour une demande d’accès
referrals-pages-privacy = Avis de confidentialité
referrals-pages-erase-hint = À la demande de la personne, ses renseignements (prénom, moyen de joindre, langue, groupe d’âge, note, commentaires) sont effacés tout de suite, pour les deux organisations ; seules les statistiques restent. Cette action est définitive.
referrals-pages-erase = Effacer ses renseignements
