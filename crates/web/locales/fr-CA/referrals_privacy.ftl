# Referrals and Law 25: the privacy notice, the export and erasure, the grouping's retention period.
referrals-privacy-title = Confidentialité des références
referrals-privacy-intro = Quand un organisme vous réfère à un service d’un autre organisme avec maillage, voici ce qui est conservé à votre sujet, qui peut le voir, pendant combien de temps, et vos droits (Loi 25 du Québec).
referrals-privacy-what-title = Ce qu’une référence contient
referrals-privacy-what-person = Votre prénom ou vos initiales, un moyen de vous joindre (téléphone ou courriel), votre langue et votre groupe d’âge (jamais votre date de naissance).
referrals-privacy-what-extra = Rien d’autre, sauf un renseignement que le service demande expressément et nomme (au plus cinq).
referrals-privacy-what-note = Une note échangée entre les deux organismes.
referrals-privacy-what-consent = Votre consentement : qui l’a donné (vous ou votre parent ou tuteur), quand, ce qui est partagé et jusqu’à quelle date. Sans consentement, aucune référence n’est envoyée.
referrals-privacy-what-referral = Le motif, l’urgence, le service, et chaque étape du suivi (reçue, acceptée, commencée, terminée…) avec sa date, le nom de l’intervenant qui l’a inscrite et son commentaire.
referrals-privacy-what-never = Ces renseignements ne sont pas publiés dans le répertoire, ni dans la recherche, ni dans les statistiques.
referrals-privacy-who-title = Qui peut la voir
referrals-privacy-who = Seuls les membres des deux organismes concernés : celui qui vous réfère et celui qui offre le service. Ni les coordonnateurs du regroupement, ni les administrateurs de la plateforme, ni les autres organismes ne la voient.
referrals-privacy-who-audit = Chaque consultation, exportation ou effacement est inscrit au journal d’audit, avec le numéro de la référence et la personne qui l’a fait, jamais vos renseignements.
referrals-privacy-retention-title = Combien de temps
referrals-privacy-retention = { $count ->
    [one] Vos renseignements sont conservés pendant la durée choisie par le regroupement, { $count } mois après la fermeture de la référence si le regroupement n’en a pas choisi d’autre.
   *[other] Vos renseignements sont conservés pendant la durée choisie par le regroupement, { $count } mois après la fermeture de la référence si le regroupement n’en a pas choisi d’autre.
}
referrals-privacy-retention-after = Ensuite, une tâche quotidienne les efface : prénom, moyen de vous joindre, langue, groupe d’âge, renseignements demandés, note, commentaires, motif écrit à la main et ce que le consentement partageait. Il ne reste que des statistiques sans renseignement personnel : les organismes, le service, les dates, les étapes, le motif choisi dans le répertoire, l’urgence.
referrals-privacy-retention-table = Durée de conservation de chaque regroupement
referrals-privacy-grouping = Regroupement
referrals-privacy-months = Après la fermeture
referrals-privacy-months-count = { $count ->
    [one] { $count } mois
   *[other] { $count } mois
}
referrals-privacy-disk-title = Effacé pour vrai
referrals-privacy-disk-sqlite = Avec la base de données intégrée (SQLite), les renseignements effacés sont remplacés par des zéros dans le fichier de la base, et le journal d’écriture de la base est vidé après chaque effacement (à la tâche suivante s’il est occupé à ce moment).
referrals-privacy-disk-postgres = Avec PostgreSQL, les lignes sont supprimées et la purge quotidienne nettoie les tables (VACUUM), mais PostgreSQL ne réécrit pas l’espace libéré : des copies peuvent subsister dans ses fichiers jusqu’à ce que l’espace soit réutilisé, dans ses journaux de transactions et dans les sauvegardes, jusqu’à leur rotation par l’hébergeur.
referrals-privacy-rights-title = Vos droits
referrals-privacy-rights-access = Accès : l’un ou l’autre des deux organismes peut vous remettre tout ce qui est conservé à votre sujet pour une référence (un fichier JSON).
referrals-privacy-rights-erase = Effacement : sur votre demande, l’un ou l’autre des deux organismes efface vos renseignements sur-le-champ, où qu’en soit la référence.
referrals-privacy-rights-consent = Votre consentement vaut jusqu’à la date inscrite ; vous pouvez demander l’effacement avant.
referrals-privacy-rights-contact = Pour exercer vos droits, adressez-vous à l’organisme qui vous a référé, ou à celui qui offre le service.
referrals-export = Exporter les renseignements de la personne (JSON)
referrals-erase = Effacer les renseignements de la personne
referrals-erase-confirm = Effacer maintenant le prénom, le moyen de joindre, la note et les commentaires de cette référence, à la demande de la personne ? Les statistiques restent. On ne peut pas revenir en arrière.
flash-referrals-erased = Les renseignements de la personne sont effacés ; il ne reste que les statistiques.
referrals-retention-title = Conservation des références
referrals-retention-intro = Durée pendant laquelle les renseignements des personnes référées sont conservés après la fermeture d’une référence. Ensuite, il ne reste que des statistiques sans renseignement personnel.
referrals-retention-months = Durée en mois après la fermeture
referrals-retention-hint = De 1 à 120 mois ; 12 par défaut.
referrals-retention-save = Enregistrer la durée
flash-referrals-retention-saved = La durée de conservation est enregistrée.
