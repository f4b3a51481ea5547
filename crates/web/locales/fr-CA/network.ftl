# Le réseau (maillage) : pages, exportations, liens déclarés.
network-territory-title = Réseau du territoire
network-grouping-title = Réseau de { $name }
network-event-title = Réseau de l’événement « { $name } »
network-intro = Les liens entre organisations viennent du travail réel : présence aux mêmes séances (plus forte à la même table), actions communes, appartenance à d’autres regroupements, liens déclarés et, pour les comptes du regroupement, ses références entre organisations. Seules les organisations apparaissent ici ; les personnes ne sont visibles que des membres du regroupement, sur son propre réseau.
network-filters = Filtres
network-from = Du
network-at = Au (réseau à cette date)
network-sector = Secteur
network-all-sectors = Tous les secteurs
network-min-weight = Seuil : poids minimal d’un lien
network-size-by = Taille des nœuds selon
network-sources = Sources des liens
network-apply = Filtrer
network-source-co-attendance = Présence à une même séance
network-source-same-team = Même table
network-source-joint-action = Action commune
network-source-co-membership = Autre regroupement commun
network-source-declared = Lien déclaré
network-source-referral = Référence
network-degree = Liens directs (centralité de degré)
network-betweenness = Rôle de passerelle (intermédiarité)
network-closeness = Proximité de tous (centralité de proximité)
network-eigenvector = Influence (centralité de vecteur propre)
network-col-name = Organisation
network-col-sector = Secteur
network-col-community = Communauté
network-no-sector = Secteur non précisé
network-bad-date = Date invalide : utilisez le format AAAA-MM-JJ.
network-bad-source = Source inconnue : co_attendance, same_team, joint_action, co_membership, declared ou referral.
network-bad-weight = Le seuil doit être un nombre positif ou nul.
network-organizations = organisations
network-links = Liens
network-new-links = Nouveaux liens
network-density = Part des liens possibles qui existent
network-density-percent = Densité (%)
network-components = Groupes sans lien entre eux
network-clustering = Voisins liés entre eux
network-communities = Sous-groupes
network-modularity = netteté des sous-groupes
network-cross-share = Part des liens intersectoriels
network-ei = ouverture aux autres secteurs
network-drawing = Le réseau
network-svg-title = Réseau des organisations
network-svg-desc = { $count ->
    [one] { $count } organisation, colorée
   *[other] { $count } organisations, colorées
  } selon leur secteur ; chaque nœud mène à la fiche de l’organisation.
network-help = Molette ou pincement pour zoomer, glisser pour déplacer ; au clavier : + et − pour zoomer, flèches pour déplacer, 0 pour revenir. Survolez une organisation pour voir ses voisines ; cliquez pour ouvrir sa fiche.
network-zoom-in = Zoom avant
network-zoom-out = Zoom arrière
network-zoom-reset = Vue d’ensemble
network-sampled = Grand réseau : l’intermédiarité et la proximité sont estimées à partir de 200 organisations tirées au hasard.
network-export = Exporter
network-nodes-csv = nœuds (CSV)
network-edges-csv = liens (CSV)
network-export-description = Liens entre organisations (maillage), avec leurs sources, poids et dates de première observation.
network-new-by-session = Nouveaux liens, séance par séance
network-session = Séance { $number }
network-new-links-count =
    { $count ->
        [0] Aucun nouveau lien
        [one] { $count } nouveau lien
       *[other] { $count } nouveaux liens
    }
network-cross-sector-count =
    { $count ->
        [0] aucun entre secteurs différents
        [one] { $count } entre secteurs différents
       *[other] { $count } entre secteurs différents
    }
network-new-sector-pairs =
    { $count ->
        [0] aucune paire de secteurs liée pour la première fois
        [one] { $count } paire de secteurs liée pour la première fois
       *[other] { $count } paires de secteurs liées pour la première fois
    }
network-pairs-caption = Nouveaux liens selon les secteurs des deux organisations
network-sector-a = Secteur
network-sector-b = Secteur
network-first-between = première fois
network-which-links = Quels liens ?
network-first-timers = Organisations présentes pour la première fois
network-first-timers-count =
    { $count ->
        [one] { $count } organisation participait pour la première fois à un événement du regroupement.
       *[other] { $count } organisations participaient pour la première fois à un événement du regroupement.
    }
network-growth = Croissance du réseau, événement par événement
network-growth-links = Liens du réseau à la fin de chaque événement
network-growth-shares = Densité et part intersectorielle (%)
network-brokers = Organisations passerelles
network-no-brokers = Aucune organisation n’est seule à relier des secteurs.
network-isolates = Membres sans lien
network-no-isolates = Tous les membres ont au moins un lien.
network-metrics = Mesures par organisation
network-table-first = { $count ->
    [one] La première organisation
   *[other] Les { $count } premières organisations
  } selon ce tri ; l’export CSV les contient toutes.
network-ego = Réseau de l’organisation
network-ego-count =
    { $count ->
        [one] { $count } organisation liée
       *[other] { $count } organisations liées
    }
network-ego-among =
    { $count ->
        [0] aucun lien entre elles
        [one] { $count } lien entre elles
       *[other] { $count } liens entre elles
    }
network-ego-desc = L’organisation au centre, { $count ->
    [one] { $count } organisation liée autour
   *[other] { $count } organisations liées autour
  }, { $among_count ->
    [0] aucun lien entre elles.
    [one] { $among_count } lien entre elles.
   *[other] { $among_count } liens entre elles.
  }
network-ego-none = Aucun lien observé pour l’instant.
network-declared-title = Vos nouveaux liens
network-declared-question = Avec quelles organisations avez-vous créé un nouveau contact, échangé de l’information, planifié une collaboration ?
network-declared-hint = Cochez les organisations présentes à l’événement et choisissez jusqu’où le lien est allé. Un nouvel envoi remplace le précédent.
network-declared-for = Au nom de { $name }
network-declared-level-for = Niveau du lien avec { $name }
network-declared-save = Enregistrer
network-declared-saved = Merci ! Vos liens sont enregistrés.
network-declared-no-org = Votre inscription n’est liée à aucune organisation : demandez à la personne qui coordonne l’événement de l’y associer, puis revenez à ce lien.
network-declared-nobody = Aucune autre organisation n’a encore été notée présente à cet événement.
network-level-1 = Connaissance
network-level-2 = Échange d’information
network-level-3 = Collaboration
network-level-4 = Partenariat formel
network-by-grouping = Réseau de chaque regroupement
network-drawn-part = Le dessin montre les { $nodes } organisations les plus grandes selon la mesure choisie (sur { $total }) et au plus { $links } liens, les plus forts, entre elles ; les chiffres, le tableau et les exports portent sur tout le réseau.

# Le niveau des personnes (à l’intérieur d’un regroupement seulement).
network-level = Niveau
network-level-organizations = Organisations
network-level-people = Personnes
network-level-hint = Le niveau des personnes n’est visible qu’à l’intérieur du regroupement.
network-bad-level = Niveau inconnu : organisations ou personnes.
network-people-intro = Les liens entre personnes viennent de la présence aux mêmes séances des événements du regroupement, plus forte à la même table. Ce niveau n’est visible qu’à l’intérieur du regroupement ; les pages publiques ne montrent que les organisations.
network-people = personnes
network-people-svg-title = Réseau des personnes
network-people-svg-desc = { $count ->
    [one] { $count } personne, colorée
   *[other] { $count } personnes, colorées
  } selon le secteur de leur organisation ; chaque nœud mène à la fiche de l’organisation.
network-col-person = Personne
network-col-organization = Organisation
network-people-brokers = Personnes passerelles
network-people-no-brokers = Aucune personne n’est seule à relier des secteurs.
network-people-isolates = Personnes sans lien
network-people-no-isolates = Toutes les personnes présentes ont au moins un lien.
network-people-metrics = Mesures par personne
network-people-export-description = Liens entre personnes d’un regroupement (maillage), avec leurs sources, poids et dates de première observation ; sans adresse courriel. Données internes du regroupement.
network-isolates-more = { $count ->
    [one] … et { $count } autre
   *[other] … et { $count } autres
  } : l’export CSV des nœuds les donne tous.
network-people-help = Molette ou pincement pour zoomer, glisser pour déplacer ; au clavier : + et − pour zoomer, flèches pour déplacer, 0 pour revenir. Survolez une personne pour voir avec qui elle est liée ; cliquez pour ouvrir la fiche de son organisation.

# Pondération, seuil et mesures en langage clair (issue 15).
network-weighting = Pondération des liens
network-weighting-collaboration = Collaboration (chaque rencontre compte selon la taille du groupe)
network-weighting-count = Nombre de rencontres (sans pondération)
network-bad-weighting = Pondération inconnue : collaboration ou nombre.
network-min-weight-hint = Par défaut 0,2 : ce que donne une table de six organisations. Une plénière de 48 organisations ne donne que 0,02 par paire. Mettez 0 pour voir tous les liens.
network-scope = Les mesures portent sur { $count ->
    [one] le { $count } lien
   *[other] les { $count } liens
  } de poids ≥ { $threshold } ({ $weighting }) ; { $weaker_count ->
    [0] aucun lien plus faible n’est écarté.
    [one] { $weaker_count } lien plus faible est écarté.
   *[other] { $weaker_count } liens plus faibles sont écartés.
  }
network-scope-collaboration = pondération collaboration
network-scope-count = nombre de rencontres
network-organizations-count = { $count ->
    [one] organisation
   *[other] organisations
  }
network-people-count = { $count ->
    [one] personne
   *[other] personnes
  }
network-links-count = { $count ->
    [one] lien
   *[other] liens
  }
network-components-count = { $count ->
    [one] groupe sans lien avec les autres
   *[other] groupes sans lien entre eux
  }
network-communities-count = { $count ->
    [one] sous-groupe
   *[other] sous-groupes
  }
network-term-density = densité
network-term-components = composantes connexes
network-term-clustering = coefficient de regroupement moyen (clustering)
network-term-communities = communautés de Louvain, modularité
network-term-ei = indice E-I de Krackhardt
network-help-density = La densité : les liens qui existent divisés par tous les liens possibles entre ces organisations, de 0 (aucun) à 1 (toutes liées à toutes).
network-help-components = Les composantes connexes : les morceaux du réseau qu’aucun chemin de liens ne relie entre eux (une organisation seule en est un).
network-help-clustering = Le coefficient de regroupement moyen (clustering) : pour chaque organisation, la part de ses voisines qui sont aussi liées entre elles, en moyenne, de 0 à 1.
network-help-communities = Les communautés : des sous-groupes d’organisations plus liées entre elles qu’avec le reste (méthode de Louvain). La modularité dit à quel point ils sont nets, de 0 (pas de sous-groupes) à près de 1.
network-help-cross-share = La part des liens entre deux organisations de secteurs différents, parmi les liens dont les deux organisations ont un secteur.
network-help-ei = L’indice E-I (Krackhardt) : liens avec d’autres secteurs moins liens dans le même secteur, divisés par tous les liens, de −1 (chacun reste dans son secteur) à +1 (tous les liens traversent les secteurs).
network-help-degree = La centralité de degré : le nombre de liens directs d’une organisation divisé par le nombre des autres organisations (de 0 à 1).
network-help-betweenness = L’intermédiarité : la part des plus courts chemins entre deux autres organisations qui passent par celle-ci. Une organisation passerelle relie des groupes qui sans elle seraient loin.
network-help-closeness = La centralité de proximité : à combien de liens, en moyenne, une organisation se trouve de toutes les autres (plus c’est proche de 1, plus elle les rejoint vite).
network-help-eigenvector = La centralité de vecteur propre : une organisation est influente si elle est liée à des organisations elles-mêmes influentes.
network-definitions = Comment lire ce réseau
network-definitions-links = D’où viennent les liens
network-definitions-weight = Le poids d’un lien
network-definitions-measures = Les mesures
network-define-co-attendance = Présence à une même séance : les deux organisations ont noté une présence à la même séance d’un événement.
network-define-same-team = Même table : des personnes des deux organisations étaient assises à la même table (équipe) d’un événement.
network-define-joint-action = Action commune : les deux organisations portent ou soutiennent la même action d’un plan.
network-define-co-membership = Autre regroupement commun : les deux organisations sont membres d’un même autre regroupement (sur la page d’un regroupement, le sien ne compte pas).
network-define-declared = Lien déclaré : une personne a déclaré après un événement un lien avec l’autre organisation, de la connaissance (1) au partenariat formel (4).
network-define-referral = Référence : l’une des organisations a référé une personne à un service de l’autre, par le regroupement (0,5 par référence). Visible des seuls comptes du regroupement ; aucune donnée personnelle.
network-define-weight = Chaque séance, table ou autre regroupement partagé avec n organisations ajoute 1/(n − 1) au lien de chaque paire (pondération de collaboration de Newman, 2001) : deux organisations seules à une table ajoutent 1, une table de six ajoute 0,2, une plénière de 48 ajoute 0,02. Une action commune ajoute 1, un lien déclaré son niveau (1 à 4), une référence 0,5. Le poids d’un lien est la somme de tout cela. Le nombre de rencontres compte chaque séance, table, action, regroupement ou déclaration pour 1, quelle que soit sa taille.
network-define-threshold = La page s’ouvre sur les liens de poids 0,2 ou plus : une table partagée ou une action commune suffit à faire un lien, une plénière seule ne suffit pas. Les chiffres, le dessin, le tableau et les exports portent sur ces liens-là.
network-export-weights = Dans les exports, « weight » est le poids de collaboration et « count » le nombre de rencontres, avec le détail par source.
network-ego-threshold = (liens de poids ≥ { $threshold } : une table partagée ou une action commune, pas une plénière seule).
