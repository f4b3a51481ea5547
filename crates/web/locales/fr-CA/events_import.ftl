## Import des grilles de présences

attendance-import-title = Importer une grille de présences
attendance-import-intro = Un fichier CSV, TSV ou Excel comme la grille du bilan : une colonne de noms d’organisations et une colonne par séance, titrée par sa date (08.05.2018, 2018-05-08, 8 mai 2018…), avec x, ✓, oui ou 1 pour présent. Rien n’est écrit avant votre confirmation.
attendance-import-file = Grille
attendance-import-file-hint = .csv, .tsv ou .xlsx ; les noms sont reconnus comme dans le répertoire (accents, majuscules et petites fautes n’importent pas).
attendance-import-preview = Lire la grille
attendance-import-refused = La grille a été refusée ; rien n’a été écrit :
attendance-import-error-file = Choisissez le fichier de la grille.
attendance-import-error-upload = L’envoi de la grille a échoué ou a été modifié ; recommencez l’import.
attendance-import-error-unresolved = Choisissez l’organisation de « { $name } ».
attendance-import-review-title = Vérifier les correspondances
attendance-import-review-intro = Voici comment les noms de la grille correspondent au répertoire, pour « { $event } ». Confirmez les correspondances approximatives et choisissez l’organisation des noms ambigus avant d’enregistrer.
attendance-import-present-on = { $count ->
    [one] organisation présente
   *[other] organisations présentes
} le { $date }
attendance-import-to-check = noms à vérifier (approximatifs, ambigus ou inconnus)
attendance-import-name = Nom dans la grille
attendance-import-match = Correspondance
attendance-import-organization = Organisation
attendance-import-method-exact = exacte
attendance-import-method-alias = autre nom connu
attendance-import-method-fuzzy = approximative — à confirmer
attendance-import-method-ambiguous = ambiguë — à choisir
attendance-import-method-unmatched = inconnue
attendance-import-choose = — choisir l’organisation —
attendance-import-create = Créer l’organisation « { $name } »
attendance-import-review-hint = Les correspondances confirmées deviennent d’autres noms de l’organisation : la prochaine grille les reconnaîtra d’emblée.
attendance-import-confirm = Enregistrer les présences
flash-attendance-imported = Les présences ont été importées.
