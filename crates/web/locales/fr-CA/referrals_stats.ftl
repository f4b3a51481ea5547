# Références : les statistiques d’un regroupement, sans donnée personnelle.
refstats-link = Statistiques des références
refstats-title = Références de { $name }
refstats-intro = Qui réfère à qui, ce que deviennent les références et quels services débordent. Aucune donnée personnelle : ces chiffres restent les mêmes après l’effacement des données des personnes.
refstats-csv = Exporter (CSV)
refstats-from = Du
refstats-to = Au
refstats-apply = Afficher
refstats-figures = Chiffres clés
refstats-total = Références
refstats-total-label =
    { $count ->
        [one] référence envoyée
       *[other] références envoyées
    }
refstats-acceptance = Taux d’acceptation
refstats-completion = Taux de service terminé
refstats-median = Délai médian de réponse (jours)
refstats-acknowledged =
    { $count ->
        [one] { $count } référence reçue
       *[other] { $count } références reçues
    }
refstats-percent = { $value } %
refstats-of = { $count } sur { $total }
refstats-none = —
refstats-no-sector = Secteur non précisé
refstats-empty = Aucune référence pour cette période.
refstats-flow = { $from } → { $to }
refstats-sectors = Qui réfère à qui : par secteur
refstats-sectors-chart = Références selon le secteur de l’organisation qui réfère et celui du service
refstats-sectors-caption = Références par paire de secteurs : de l’organisation qui réfère vers celle du service
refstats-organizations = Qui réfère à qui : par organisation
refstats-organizations-caption = Les flux de références les plus nombreux entre organisations
refstats-saturated = Services les plus sollicités
refstats-saturated-hint = Refus pour liste d’attente, références en retard aujourd’hui et liste d’attente publiée par le service.
refstats-saturated-caption = Services avec un signe de débordement, du plus sollicité au moins sollicité
refstats-no-saturation = Aucun service ne montre de signe de débordement.
refstats-obstacles = Obstacles les plus signalés
refstats-obstacles-caption = Obstacles signalés quand une référence est restée sans suite
refstats-declines = Raisons de refus
refstats-declines-caption = Raisons données par les services qui ont refusé une référence
refstats-by-status = Où en sont les références
refstats-statuses-caption = Références selon leur statut actuel
refstats-weeks =
    { $count ->
        [one] { $count } semaine
       *[other] { $count } semaines
    }
refstats-col-from-sector = Secteur qui réfère
refstats-col-to-sector = Secteur du service
refstats-col-from = Organisation qui réfère
refstats-col-to-organization = Organisation du service
refstats-col-referrals = Références
refstats-col-accepted = Acceptées
refstats-col-service = Service
refstats-col-waiting-declines = Refus pour liste d’attente
refstats-col-overdue = En retard
refstats-col-waiting = Liste d’attente publiée
refstats-col-obstacle = Obstacle
refstats-col-reason = Raison
refstats-col-status = Statut
refstats-col-section = Section
refstats-col-item = Élément
refstats-col-to = Vers
refstats-col-count = Nombre
refstats-col-detail = Détail
refstats-saturation-detail = { $declined } refus pour liste d’attente, { $overdue } en retard, liste d’attente publiée : { $waiting }
refstats-saturation-detail-none = { $declined } refus pour liste d’attente, { $overdue } en retard
refstats-definitions = Comment ces chiffres sont calculés
refstats-define-acceptance = Taux d’acceptation : références acceptées sur les références auxquelles le service a répondu (acceptée, refusée ou réorientée).
refstats-define-completion = Taux de service terminé : services terminés sur les références acceptées qui ont pris fin (service terminé, sans suite, ou retirée après acceptation).
refstats-define-median = Délai médian de réponse : la moitié des services ont confirmé la réception en moins de temps, l’autre moitié en plus, compté de l’envoi à la mention « Reçue ».
refstats-define-saturation = Un service paraît débordé quand il refuse pour liste d’attente, qu’une référence attend sa réponse au-delà du délai qu’il publie ou qu’il publie une liste d’attente.
refstats-define-privacy = Ces chiffres ne lisent que les organisations, les services, les statuts, les raisons et les dates : jamais le prénom, le contact ni les notes, qui sont effacés après la durée de conservation.
refstats-bad-date = Date invalide : utilisez le format AAAA-MM-JJ.
refstats-bad-period = La date de début suit la date de fin.
