# Live participation: the participants' phone pages (join by code, answer, vote).
live-join-title = Rejoindre une salle
live-join-lead = Participez en direct depuis votre téléphone, sans compte.
live-join-code-label = Code de la salle
live-join-code-placeholder = 1530 4040
live-join-code-help = Les 8 chiffres affichés à l’écran.
live-join-code-submit = Rejoindre
live-join-room-lead = Vos réponses sont anonymes. Un surnom et une équipe sont facultatifs.
live-join-nickname = Surnom (facultatif)
live-join-nickname-help = Au plus 40 caractères.
live-join-team = Équipe (facultatif)
live-join-team-none = Aucune équipe
live-join-room-submit = Entrer dans la salle
live-phone-code = Salle { $code }
live-phone-as = vous êtes { $name }
live-phone-waiting = En attente de la prochaine activité…
live-phone-recorded = Votre réponse est enregistrée.
live-phone-your-answer = Votre réponse
live-phone-words-help = { $count ->
    [one] Un mot ou une expression.
   *[other] Jusqu’à { $count } mots ou expressions, séparés par des virgules.
}
live-phone-send = Envoyer
live-phone-column = Colonne
live-phone-sticky = Votre post-it
live-phone-send-sticky = Ajouter le post-it
live-phone-choose-one = Choisissez une option.
live-phone-choose-many = Choisissez une ou plusieurs options.
live-phone-vote-send = Voter
live-phone-question = Votre question
live-phone-send-question = Poser la question
live-phone-answered = { $count ->
    [one] Vous avez envoyé une réponse. Vous pouvez en ajouter.
   *[other] Vous avez envoyé { $count } réponses. Vous pouvez en ajouter.
}
live-phone-results = Résultats
live-phone-vote-title = Votez pour vos préférés
live-phone-answers = { $count ->
    [0] Aucune réponse pour l’instant.
    [one] Une réponse.
   *[other] { $count } réponses.
}
live-phone-mean = Moyenne : { $mean }
live-phone-column-empty = Aucun post-it pour l’instant.
live-phone-no-questions = Aucune question pour l’instant.
live-phone-results-hidden = Les résultats s’afficheront à l’écran de la salle.
live-phone-answered-mark = Répondue
live-phone-vote = Voter
live-phone-voted = Voté
live-phone-votes = { $count ->
    [0] Aucun vote
    [one] Un vote
   *[other] { $count } votes
}
flash-live-joined = Bienvenue ! Vous participez maintenant.
flash-live-answer-sent = Merci, c’est envoyé !
flash-live-vote-sent = Merci, votre vote est compté.
