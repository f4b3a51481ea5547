# Referrals: the JSON API's own messages and the e-mail notices (no personal data in a notice).
referrals-api-error-json = Le corps de la requête n’est pas du JSON valide.
referrals-api-error-fields = Un champ manque ou n’a pas le bon type : consultez la documentation de l’API (/api/v1/openapi.json).
referrals-api-error-box = La boîte est « inbox » (références reçues) ou « outbox » (références envoyées).
referrals-api-error-overdue = Le filtre overdue vaut « true » ou « false ».
referrals-api-error-page = La page commence à 1 et per_page va de 1 à 200.
referrals-api-mail-subject-new = Nouvelle référence pour « { $service } »
referrals-api-mail-body-new =
    Bonjour,

    Une nouvelle référence a été envoyée au service « { $service } » de votre organisation.

    Pour la consulter et en accuser réception, connectez-vous à maillage : { $link }

    Par respect de la vie privée, ce courriel ne contient aucun renseignement sur la personne.
referrals-api-mail-subject = Référence pour « { $service } » : { $status }
referrals-api-mail-body =
    Bonjour,

    La référence vers le service « { $service } » a changé de statut : { $status }.

    Pour la consulter, connectez-vous à maillage : { $link }

    Par respect de la vie privée, ce courriel ne contient aucun renseignement sur la personne.
