## « Mot de passe oublié »
reset-forgot-link = Mot de passe oublié ?
reset-forgot-title = Mot de passe oublié
reset-forgot-intro = Indiquez l’adresse courriel de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.
reset-forgot-submit = Recevoir un lien
reset-forgot-no-mail = Ce site n’envoie pas de courriels. Demandez à une coordonnatrice, à un coordonnateur ou à l’administration de votre regroupement de vous donner un mot de passe à usage unique.
reset-forgot-sent = Si un compte actif correspond à cette adresse, un lien pour choisir un nouveau mot de passe vient d’y être envoyé.
reset-forgot-sent-hint = Le lien est valable une heure et ne sert qu’une fois. Vérifiez aussi vos courriels indésirables.
reset-back-to-login = Retour à la connexion
reset-title = Choisir un nouveau mot de passe
reset-new = Nouveau mot de passe
reset-confirm = Confirmez le nouveau mot de passe
reset-submit = Enregistrer le mot de passe
reset-invalid = Ce lien n’est plus valide : il a déjà servi ou il a expiré. Demandez-en un nouveau.
reset-ask-again = Demander un nouveau lien
reset-mail-subject = maillage — choisir un nouveau mot de passe
reset-mail-body =
    Bonjour { $name },

    Pour choisir un nouveau mot de passe, ouvrez ce lien dans les { $minutes } prochaines minutes :
    { $link }

    Le lien ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.

    — maillage
flash-password-reset = Votre mot de passe a été changé. Connectez-vous avec le nouveau.
