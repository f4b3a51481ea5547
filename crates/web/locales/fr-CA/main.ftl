## Gabarit
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-soon = bientôt
nav-users = Utilisateurs
nav-logout = Se déconnecter
nav-login = Se connecter
lang-switch = English
footer-text = maillage — la plateforme de la concertation intersectorielle au Québec.
nav-dashboard = Tableau de bord
nav-directory = Répertoire
nav-groupings = Regroupements
nav-plans = Plans d’action
nav-events = Événements
nav-network = Réseau

## Rôles
role-admin = Administrateur·trice
role-coordinator = Coordination
role-member = Membre
role-viewer = Lecture seule

## Erreurs
error-id-label = Numéro de l’erreur à transmettre au soutien :
error-back-home = Retour à l’accueil
error-title-400 = Demande invalide
error-title-401 = Connexion requise
error-title-403 = Accès refusé
error-title-404 = Page introuvable
error-title-405 = Action non permise
error-title-409 = Conflit
error-title-413 = Envoi trop volumineux
error-title-415 = Format non pris en charge
error-title-422 = Données invalides
error-title-429 = Trop de tentatives
error-title-500 = Erreur interne
error-title-503 = Service indisponible
error-not-found = La page demandée n’existe pas ou a été déplacée.
error-unauthenticated = Vous devez vous connecter pour continuer.
error-forbidden = Vous n’avez pas les droits nécessaires pour cette action.
error-csrf = Le jeton de sécurité du formulaire est absent ou périmé. Rechargez la page et réessayez.
error-too-many-attempts = Trop de tentatives de connexion échouées. Réessayez dans 15 minutes.
error-internal = Une erreur inattendue est survenue. Elle a été consignée ; réessayez dans un moment.
error-bad-request = La demande est mal formée : vérifiez les champs et réessayez.
error-method-not-allowed = Cette action n’est pas permise à cette adresse.
error-payload-too-large = L’envoi dépasse la taille permise.
error-too-many-writes = Trop d’envois depuis votre adresse en peu de temps. Réessayez dans quelques minutes.
error-name-too-long = Ce nom dépasse 300 caractères : raccourcissez-le.
error-short-text-too-long = Ce champ dépasse 500 caractères : raccourcissez-le.
error-long-text-too-long = Ce texte dépasse 10 000 caractères : raccourcissez-le.
error-document-too-long = Ce texte dépasse 20 000 caractères : raccourcissez-le.

## Connexion
login-title = Connexion
login-intro = Connectez-vous avec l’adresse courriel et le mot de passe de votre compte maillage.
login-session-expired = Votre session a expiré. Reconnectez-vous pour continuer.
login-submit = Se connecter
field-email = Adresse courriel
field-password = Mot de passe
error-login-failed = Adresse courriel ou mot de passe incorrect.
error-email-empty = Indiquez une adresse courriel.
error-email-too-long = L’adresse courriel dépasse 254 caractères.
error-email-malformed = L’adresse courriel n’est pas valide (exemple : prenom.nom@organisme.qc.ca).

## Tableau de bord
dashboard-title = Tableau de bord
dashboard-welcome = Bonjour { $name } !
dashboard-empty-title = Bienvenue dans maillage
dashboard-empty-intro = maillage réunit en un seul endroit ce que la concertation fait aujourd’hui avec des plans Word, des grilles Excel, des murs Padlet et des rapports PDF :
dashboard-feature-directory = le répertoire des organisations et des services du territoire, pour mieux référer les familles ;
dashboard-feature-plans = les regroupements, leurs plans d’action pluriannuels et leurs indicateurs ;
dashboard-feature-events = les rencontres, les inscriptions, les présences et le bilan généré ;
dashboard-feature-live = la participation en direct : on rejoint une salle avec son code à 8 chiffres pour répondre à un nuage de mots, un tableau de post-it, un sondage, une échelle ou des questions ; les résultats restent dans le bilan et s’exportent ;
dashboard-feature-network = le réseau des liens créés entre les organisations, mesuré au fil du temps.
dashboard-territory = Le territoire
dashboard-organization-count = Organisations : { $count }
dashboard-grouping-count = Regroupements : { $count }
dashboard-my-groupings = Mes regroupements
dashboard-no-grouping = Vous n’avez de rôle dans aucun regroupement pour l’instant.
dashboard-admin = Administration
dashboard-user-count = Comptes : { $count }
dashboard-manage-users = Gérer les utilisateurs

## Profil
profile-title = Mon profil
profile-account = Mon compte
field-display-name = Nom
field-roles = Rôles
profile-change-password = Changer le mot de passe
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-confirm-password = Confirmer le nouveau mot de passe
password-hint = Au moins 10 caractères ; une courte phrase est idéale.
profile-save-password = Enregistrer le mot de passe
error-current-password = Le mot de passe actuel est incorrect.
error-password-too-short = Le mot de passe doit compter au moins { $min } caractères.
error-password-too-long = Le mot de passe doit compter au plus 256 caractères.
error-password-same-as-email = Le mot de passe ne doit pas être votre adresse courriel.
error-password-mismatch = La confirmation ne correspond pas au nouveau mot de passe.

## Administration des comptes
users-title = Utilisateurs
users-invite = Inviter une personne
users-invite-submit = Créer le compte
users-list = Comptes
users-change-role = Changer le rôle
users-actions = Actions
users-apply = Appliquer
users-deactivate = Désactiver
users-activate = Réactiver
field-role = Rôle
field-grouping = Regroupement
field-grouping-none = — aucun (administrateur·trice) —
field-grouping-hint = Obligatoire pour tous les rôles sauf administrateur·trice.
field-status = Statut
status-active = Actif
status-inactive = Désactivé
error-display-name = Indiquez un nom d’au plus 120 caractères.
error-role-unknown = Choisissez un rôle : administrateur·trice, coordination, membre ou lecture seule.
error-grouping-required = Choisissez le regroupement dans lequel ce rôle s’exerce.
error-grouping-unknown = Ce regroupement n’existe pas.
error-email-taken = Un compte existe déjà pour cette adresse courriel.
invited-title = Compte créé
invited-intro = Le compte de { $email } est créé. Transmettez-lui ce mot de passe à usage unique :
invited-warning = Il ne sera plus affiché. La personne devra le remplacer à sa première connexion.
invited-back = Retour aux utilisateurs

## Messages ponctuels
flash-logged-out = Vous êtes déconnecté·e.
flash-password-changed = Votre mot de passe a été changé.
flash-change-one-time-password = Bienvenue ! Remplacez d’abord votre mot de passe à usage unique.
flash-role-changed = Le rôle a été modifié.
flash-user-deactivated = Le compte a été désactivé ; ses sessions sont fermées.
flash-user-activated = Le compte a été réactivé.
flash-last-admin = Impossible : il doit rester au moins un·e administrateur·trice actif·ve.
flash-not-yourself = Vous ne pouvez pas désactiver votre propre compte.
flash-role-invalid = Ce rôle demande un regroupement existant.
