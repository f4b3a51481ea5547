## The sign-in prompt of a page that needs an account
signin-required-page = Connectez-vous pour voir cette page.
signin-required-action = Connectez-vous pour continuer : cette action demande un compte.
signin-required-expired = Votre session a expiré. Connectez-vous de nouveau pour continuer.
signin-required-public = Le répertoire, les événements, les regroupements et leurs plans publiés restent accessibles sans compte.
signin-required-button = Se connecter
signin-required-home = Retour à l’accueil

## The territory’s home page (anonymous visitors)
home-title = La concertation du territoire
home-lead = maillage réunit les partenaires du territoire — écoles, CISSS et CLSC, CPE, organismes communautaires, municipalités — qui agissent ensemble pour la persévérance scolaire, la petite enfance et les familles.
home-intro = Trouvez ici les organismes et les services du territoire, les rencontres à venir et leurs inscriptions, les regroupements et leurs plans d’action publiés, avec leur avancement.
home-search-label = Chercher un organisme ou un service
home-search-placeholder = Par exemple : aide aux devoirs, halte-garderie
home-search-submit = Chercher
home-events = Événements à venir
home-no-events = Aucun événement à venir pour l’instant.
home-all-events = Tous les événements
home-groupings = Regroupements
home-no-groupings = Aucun regroupement pour l’instant.
home-plans = Plans d’action publiés
home-no-plans = Aucun plan d’action publié pour l’instant.

## The dashboard’s recent activity
dashboard-activity = Activité récente
dashboard-no-activity = Aucune modification récente.
home-change-organization = Organisation
home-change-service = Service
home-change-grouping = Regroupement
home-change-added = ajout
home-change-updated = mise à jour

## Navigation of a visitor who is not signed in
nav-home = Accueil
