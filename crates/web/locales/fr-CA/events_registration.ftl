## The registrant’s confirmation page
evreg-title-confirmed = Inscription confirmée
evreg-title-waitlist = Inscription sur la liste d’attente
evreg-title-cancelled = Inscription annulée
evreg-cancelled = { $name }, cette inscription a été annulée.
evreg-summary = Votre inscription
evreg-event = Événement
evreg-date = Date
evreg-session = Rencontre { $n }
evreg-status = Statut
evreg-status-confirmed = Confirmée
evreg-status-waitlist = Liste d’attente : une place vous sera offerte si une autre se libère.
evreg-status-cancelled = Annulée
evreg-mailed = Un courriel de confirmation est envoyé à { $email }.
evreg-open-personal = Ouvrir ma page
evreg-personal-address = Adresse de votre page
