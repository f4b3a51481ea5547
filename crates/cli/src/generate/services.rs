//! Services offered by each family of organizations: names, descriptions
//! and the age groups they reach.

/// The age groups of the « Groupes d'âge » taxonomy (the demo's, and seniors).
pub const AGE_GROUPS: &[&str] = &[
    "0-5 ans",
    "6-12 ans",
    "13-17 ans",
    "Parents",
    "Adultes",
    "Aînés",
    "Intervenants",
];

/// The ages (minimum, maximum) of the age groups that have them.
pub fn age_range(group: &str) -> Option<(u8, Option<u8>)> {
    match group {
        "0-5 ans" => Some((0, Some(5))),
        "6-12 ans" => Some((6, Some(12))),
        "13-17 ans" => Some((13, Some(17))),
        "Adultes" => Some((18, None)),
        "Aînés" => Some((65, None)),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Childcare,
    HomeChildcare,
    DropIn,
    Primary,
    Secondary,
    AdultEducation,
    College,
    Clsc,
    Clinic,
    LongTermCare,
    Crisis,
    HealthCentre,
    SchoolBoard,
    Parenting,
    Youth,
    Women,
    Community,
    Volunteer,
    Food,
    Housing,
    Disability,
    Literacy,
    Seniors,
    Concertation,
    City,
    Library,
    Employment,
    Business,
    Philanthropy,
    Research,
    Government,
}

/// One kind of service; `{place}` in the description is where it is offered.
#[derive(Debug)]
pub struct ServiceTemplate {
    pub name: &'static str,
    pub description: &'static str,
    pub ages: &'static [&'static str],
}

/// A template as a constant expression (promoted to `'static`, which a
/// `const fn` call in a `match` arm is not).
macro_rules! s {
    ($name:expr, $description:expr, $ages:expr $(,)?) => {
        ServiceTemplate {
            name: $name,
            description: $description,
            ages: $ages,
        }
    };
}

const KIDS: &[&str] = &["0-5 ans"];
const KIDS_PARENTS: &[&str] = &["0-5 ans", "Parents"];
const SCHOOL_AGE: &[&str] = &["6-12 ans"];
const TEENS: &[&str] = &["13-17 ans"];
const PARENTS: &[&str] = &["Parents"];
const ADULTS: &[&str] = &["Adultes"];
const SENIORS: &[&str] = &["Aînés"];
const PROS: &[&str] = &["Intervenants"];
const FAMILIES: &[&str] = &["0-5 ans", "6-12 ans", "Parents"];
const EVERYONE: &[&str] = &[];

impl Family {
    /// The services an organization of this family may offer (at least six).
    #[expect(
        clippy::too_many_lines,
        reason = "a table of data: one arm per family with its service templates, read as a list"
    )]
    pub fn services(self) -> &'static [ServiceTemplate] {
        match self {
            Family::Childcare => &[
                s!(
                    "Services de garde éducatifs 0-5 ans",
                    "Places à contribution réduite en installation pour les enfants de 0 à 5 ans. Le programme éducatif soutient le développement global de l'enfant.",
                    KIDS_PARENTS
                ),
                s!(
                    "Pouponnière",
                    "Groupe de poupons de 0 à 18 mois accueillis par des éducatrices qualifiées, dans un local adapté.",
                    KIDS
                ),
                s!(
                    "Préparation à la maternelle",
                    "Activités d'éveil à la lecture, à l'écriture et aux mathématiques pour les enfants de 4 ans qui entreront à l'école.",
                    KIDS
                ),
                s!(
                    "Soutien aux parents",
                    "Rencontres individuelles et ateliers sur le développement de l'enfant, l'alimentation et le sommeil.",
                    PARENTS
                ),
                s!(
                    "Intégration des enfants ayant des besoins particuliers",
                    "Mesures d'intégration et accompagnement des enfants handicapés ou ayant des besoins particuliers, en collaboration avec le CLSC.",
                    KIDS_PARENTS
                ),
                s!(
                    "Éveil à la lecture",
                    "Heure du conte hebdomadaire et prêt de livres aux familles pour faire aimer les livres dès la petite enfance.",
                    KIDS_PARENTS
                ),
                s!(
                    "Jeux extérieurs et motricité",
                    "Sorties quotidiennes et parcours moteurs pour développer la motricité globale des tout-petits.",
                    KIDS
                ),
                s!(
                    "Transition vers l'école",
                    "Passage harmonieux vers la maternelle : visites de l'école, portrait de l'enfant remis aux parents et à l'enseignante.",
                    KIDS_PARENTS
                ),
            ],
            Family::HomeChildcare => &[
                s!(
                    "Garde en milieu familial reconnue",
                    "Coordination des places subventionnées offertes par les responsables de service de garde en milieu familial à {place}.",
                    KIDS_PARENTS
                ),
                s!(
                    "Soutien pédagogique aux responsables de service de garde",
                    "Visites, accompagnement et formation continue offerts aux responsables de service de garde reconnues.",
                    PROS
                ),
                s!(
                    "Guichet d'information aux parents",
                    "Information sur les milieux reconnus, les places disponibles et l'inscription à La Place 0-5.",
                    PARENTS
                ),
                s!(
                    "Formation continue des responsables de service de garde",
                    "Formations obligatoires et ateliers thématiques sur le développement de l'enfant.",
                    PROS
                ),
                s!(
                    "Prêt de matériel éducatif",
                    "Trousses de jeux et de livres prêtées aux milieux familiaux.",
                    PROS
                ),
                s!(
                    "Reconnaissance des nouvelles responsables",
                    "Accompagnement des personnes qui souhaitent ouvrir un service de garde en milieu familial.",
                    ADULTS
                ),
            ],
            Family::DropIn => &[
                s!(
                    "Halte-garderie",
                    "Garde occasionnelle de quelques heures pour les enfants de 0 à 5 ans, pendant que les parents prennent du répit ou font des démarches.",
                    KIDS_PARENTS
                ),
                s!(
                    "Répit parental",
                    "Quelques heures par semaine pour souffler, à petit prix, dans un milieu chaleureux.",
                    PARENTS
                ),
                s!(
                    "Ateliers parents-enfants",
                    "Jeux, comptines et bricolages à faire ensemble, animés par une éducatrice.",
                    KIDS_PARENTS
                ),
                s!(
                    "Halte-garderie pendant les activités",
                    "Garde gratuite des enfants pendant que les parents participent aux activités de l'organisme.",
                    KIDS
                ),
                s!(
                    "Stimulation précoce",
                    "Petits groupes de jeux pour stimuler le langage et la motricité des enfants de 2 à 5 ans.",
                    KIDS
                ),
                s!(
                    "Halte-allaitement",
                    "Rencontres d'entraide entre mères qui allaitent, avec une marraine d'allaitement.",
                    PARENTS
                ),
            ],
            Family::Primary => &[
                s!(
                    "Enseignement primaire",
                    "Enseignement de la maternelle 5 ans à la 6e année selon le Programme de formation de l'école québécoise.",
                    SCHOOL_AGE
                ),
                s!(
                    "Service de garde en milieu scolaire",
                    "Garde des élèves avant et après les classes, le midi et pendant les journées pédagogiques.",
                    SCHOOL_AGE
                ),
                s!(
                    "Maternelle 4 ans",
                    "Classe de maternelle à temps plein pour les enfants de 4 ans.",
                    KIDS
                ),
                s!(
                    "Aide aux devoirs",
                    "Période d'aide aux devoirs et aux leçons, animée par des enseignants et des bénévoles.",
                    SCHOOL_AGE
                ),
                s!(
                    "Orthopédagogie",
                    "Soutien individuel ou en petit groupe aux élèves qui éprouvent des difficultés d'apprentissage.",
                    SCHOOL_AGE
                ),
                s!(
                    "Classe d'accueil et francisation",
                    "Apprentissage du français pour les élèves nouvellement arrivés au Québec.",
                    SCHOOL_AGE
                ),
                s!(
                    "Activités parascolaires",
                    "Sports, arts et sciences après les classes.",
                    SCHOOL_AGE
                ),
                s!(
                    "Petits déjeuners à l'école",
                    "Déjeuner nutritif offert gratuitement aux élèves chaque matin.",
                    SCHOOL_AGE
                ),
            ],
            Family::Secondary => &[
                s!(
                    "Enseignement secondaire",
                    "Enseignement de la 1re à la 5e secondaire, parcours de formation générale et appliquée.",
                    TEENS
                ),
                s!(
                    "Programme sport-études",
                    "Horaire adapté pour les élèves-athlètes reconnus par leur fédération.",
                    TEENS
                ),
                s!(
                    "Service d'orientation",
                    "Rencontres avec une conseillère d'orientation pour choisir un parcours scolaire et professionnel.",
                    TEENS
                ),
                s!(
                    "Soutien à la persévérance scolaire",
                    "Mentorat, tutorat et suivi des élèves à risque de décrochage.",
                    TEENS
                ),
                s!(
                    "Formation préparatoire au travail",
                    "Parcours de formation axée sur l'emploi, avec stages en entreprise.",
                    TEENS
                ),
                s!(
                    "Activités parascolaires",
                    "Sports, théâtre, robotique et radio étudiante après les classes.",
                    TEENS
                ),
                s!(
                    "Psychoéducation",
                    "Accompagnement des élèves qui vivent des difficultés d'adaptation ou de comportement.",
                    TEENS
                ),
                s!(
                    "Infirmière scolaire",
                    "Santé sexuelle, vaccination et prévention, en collaboration avec le CLSC.",
                    TEENS
                ),
            ],
            Family::AdultEducation => &[
                s!(
                    "Formation générale des adultes",
                    "Cours de français, de mathématiques et d'anglais menant au diplôme d'études secondaires.",
                    ADULTS
                ),
                s!(
                    "Francisation des personnes immigrantes",
                    "Cours de français à temps plein ou à temps partiel pour les personnes immigrantes.",
                    ADULTS
                ),
                s!(
                    "Reconnaissance des acquis et des compétences",
                    "Évaluation des compétences acquises au travail pour obtenir un diplôme.",
                    ADULTS
                ),
                s!(
                    "Diplôme d'études professionnelles",
                    "Programmes menant à un DEP : santé, assistance et soins infirmiers, petite enfance, secrétariat.",
                    ADULTS
                ),
                s!(
                    "Alphabétisation",
                    "Apprentissage de la lecture et de l'écriture pour les adultes peu scolarisés.",
                    ADULTS
                ),
                s!(
                    "Préparation aux études postsecondaires",
                    "Cours préalables pour l'admission au cégep.",
                    ADULTS
                ),
                s!(
                    "Service d'accueil, de référence, de conseil et d'accompagnement",
                    "Aide aux adultes qui veulent retourner aux études : bilan, projet et inscription.",
                    ADULTS
                ),
            ],
            Family::College => &[
                s!(
                    "Techniques d'éducation à l'enfance",
                    "Programme technique de trois ans qui forme les éducatrices et éducateurs à l'enfance.",
                    ADULTS
                ),
                s!(
                    "Techniques de travail social",
                    "Programme technique formant les techniciennes et techniciens en travail social.",
                    ADULTS
                ),
                s!(
                    "Formation continue",
                    "Attestations d'études collégiales et perfectionnement pour les adultes en emploi.",
                    ADULTS
                ),
                s!(
                    "Services adaptés",
                    "Accommodements pour les étudiantes et étudiants en situation de handicap.",
                    ADULTS
                ),
                s!(
                    "Sciences humaines",
                    "Programme préuniversitaire en sciences humaines.",
                    ADULTS
                ),
                s!(
                    "Techniques de soins infirmiers",
                    "Programme technique menant à l'exercice de la profession infirmière.",
                    ADULTS
                ),
                s!(
                    "Centre d'aide en français",
                    "Tutorat par les pairs pour améliorer la qualité du français écrit.",
                    ADULTS
                ),
            ],
            Family::Clsc => &[
                s!(
                    "Services de santé courants",
                    "Prélèvements, soins de plaies, injections et suivi infirmier, sur rendez-vous.",
                    EVERYONE
                ),
                s!(
                    "Vaccination",
                    "Vaccination des enfants, des adultes et des personnes aînées selon le Programme québécois d'immunisation.",
                    EVERYONE
                ),
                s!(
                    "Services psychosociaux généraux",
                    "Consultation sociale ou psychologique à court terme pour les personnes qui traversent une période difficile.",
                    ADULTS
                ),
                s!(
                    "Services intégrés en périnatalité et petite enfance",
                    "Visites à domicile et soutien aux familles vulnérables, de la grossesse jusqu'à l'entrée à l'école.",
                    KIDS_PARENTS
                ),
                s!(
                    "Soutien à domicile",
                    "Soins et services à domicile pour les personnes en perte d'autonomie et leurs proches aidants.",
                    SENIORS
                ),
                s!(
                    "Orthophonie",
                    "Évaluation et intervention auprès des enfants qui présentent un retard de langage.",
                    KIDS
                ),
                s!(
                    "Santé mentale jeunesse",
                    "Évaluation et suivi des jeunes de 0 à 17 ans qui présentent un trouble de santé mentale.",
                    &["6-12 ans", "13-17 ans"]
                ),
                s!(
                    "Organisation communautaire",
                    "Soutien aux organismes et aux concertations du territoire.",
                    PROS
                ),
                s!(
                    "Accueil, analyse, orientation et référence",
                    "Porte d'entrée des services sociaux : une intervenante évalue la demande et oriente vers le bon service.",
                    EVERYONE
                ),
                s!(
                    "Clinique jeunesse",
                    "Consultations sans jugement pour les jeunes de 14 à 24 ans : contraception, dépistage, santé mentale.",
                    TEENS
                ),
            ],
            Family::Clinic => &[
                s!(
                    "Consultations sans rendez-vous",
                    "Plages de consultation sans rendez-vous pour les problèmes de santé urgents mineurs.",
                    EVERYONE
                ),
                s!(
                    "Suivi de grossesse",
                    "Suivi médical et infirmier de la grossesse.",
                    PARENTS
                ),
                s!(
                    "Suivi des maladies chroniques",
                    "Suivi du diabète, de l'hypertension et de l'asthme par une infirmière clinicienne.",
                    ADULTS
                ),
                s!(
                    "Santé des enfants",
                    "Suivi du développement et vaccination des enfants de 0 à 5 ans.",
                    KIDS_PARENTS
                ),
                s!(
                    "Infirmière praticienne spécialisée",
                    "Consultations avec une infirmière praticienne spécialisée en soins de première ligne.",
                    EVERYONE
                ),
                s!(
                    "Travailleuse sociale en GMF",
                    "Soutien psychosocial pour les patients inscrits.",
                    ADULTS
                ),
                s!(
                    "Prélèvements sanguins",
                    "Centre de prélèvements sur rendez-vous.",
                    EVERYONE
                ),
            ],
            Family::LongTermCare => &[
                s!(
                    "Hébergement de longue durée",
                    "Milieu de vie et soins 24 heures sur 24 pour les personnes en grande perte d'autonomie.",
                    SENIORS
                ),
                s!(
                    "Soins palliatifs",
                    "Soins de confort et accompagnement des personnes en fin de vie et de leurs proches.",
                    ADULTS
                ),
                s!(
                    "Loisirs thérapeutiques",
                    "Activités adaptées pour maintenir l'autonomie et la vie sociale des résidents.",
                    SENIORS
                ),
                s!(
                    "Soutien aux proches aidants",
                    "Rencontres d'information et groupes de soutien pour les familles des résidents.",
                    ADULTS
                ),
                s!(
                    "Bénévolat en accompagnement",
                    "Recrutement et formation de bénévoles qui visitent les résidents.",
                    ADULTS
                ),
                s!(
                    "Hébergement temporaire",
                    "Séjours de répit ou de convalescence de quelques semaines.",
                    SENIORS
                ),
            ],
            Family::Crisis => &[
                s!(
                    "Ligne d'intervention 24/7",
                    "Intervention téléphonique en tout temps pour les personnes en détresse et leurs proches.",
                    EVERYONE
                ),
                s!(
                    "Suivi de crise",
                    "Rencontres d'intervention à court terme après une crise suicidaire.",
                    ADULTS
                ),
                s!(
                    "Soutien aux personnes endeuillées",
                    "Groupes de soutien pour les personnes endeuillées par suicide.",
                    ADULTS
                ),
                s!(
                    "Formation sentinelle",
                    "Formation des personnes qui repèrent et orientent les personnes à risque dans leur milieu.",
                    PROS
                ),
                s!(
                    "Réadaptation en dépendance",
                    "Services externes et internes de réadaptation pour les adultes.",
                    ADULTS
                ),
                s!(
                    "Programme jeunesse en dépendance",
                    "Intervention précoce auprès des jeunes qui consomment et soutien à leurs parents.",
                    TEENS
                ),
                s!(
                    "Prévention dans les écoles",
                    "Ateliers de prévention présentés dans les écoles secondaires.",
                    TEENS
                ),
            ],
            Family::HealthCentre => &[
                s!(
                    "Info-Santé et Info-Social 811",
                    "Ligne téléphonique de conseils santé et psychosociaux, en tout temps.",
                    EVERYONE
                ),
                s!(
                    "Direction de la protection de la jeunesse",
                    "Réception et traitement des signalements concernant les enfants dont la sécurité ou le développement est compromis.",
                    &["0-5 ans", "6-12 ans", "13-17 ans"]
                ),
                s!(
                    "Santé publique régionale",
                    "Surveillance, promotion de la santé et prévention pour la population de la région.",
                    PROS
                ),
                s!(
                    "Services en déficience intellectuelle et trouble du spectre de l'autisme",
                    "Évaluation, adaptation et réadaptation des enfants et des adultes.",
                    FAMILIES
                ),
                s!(
                    "Programme jeunes en difficulté",
                    "Services spécialisés pour les jeunes et leurs familles.",
                    &["6-12 ans", "13-17 ans", "Parents"]
                ),
                s!(
                    "Guichet d'accès à un médecin de famille",
                    "Inscription des personnes sans médecin de famille.",
                    EVERYONE
                ),
            ],
            Family::SchoolBoard => &[
                s!(
                    "Services éducatifs complémentaires",
                    "Psychologie, orthophonie, psychoéducation et animation de vie spirituelle dans les écoles.",
                    &["6-12 ans", "13-17 ans"]
                ),
                s!(
                    "Transport scolaire",
                    "Organisation du transport des élèves du territoire.",
                    &["6-12 ans", "13-17 ans"]
                ),
                s!(
                    "Admission et inscription",
                    "Inscription des élèves au préscolaire, au primaire et au secondaire.",
                    PARENTS
                ),
                s!(
                    "Formation générale des adultes",
                    "Coordination des centres d'éducation des adultes.",
                    ADULTS
                ),
                s!(
                    "Services aux élèves handicapés ou en difficulté",
                    "Classes spécialisées et accompagnement des élèves HDAA.",
                    &["6-12 ans", "13-17 ans", "Parents"]
                ),
                s!(
                    "Service aux entreprises",
                    "Formation sur mesure pour les entreprises de la région.",
                    ADULTS
                ),
            ],
            Family::Parenting => &[
                s!(
                    "Halte-garderie",
                    "Garde occasionnelle des enfants de 0 à 5 ans pendant que les parents participent aux activités.",
                    KIDS
                ),
                s!(
                    "Ateliers parents-enfants",
                    "Jeux, comptines et bricolages pour les parents et leurs enfants de 0 à 5 ans.",
                    KIDS_PARENTS
                ),
                s!(
                    "Cafés-rencontres",
                    "Discussions entre parents sur des thèmes qu'ils choisissent.",
                    PARENTS
                ),
                s!(
                    "Soutien aux pères",
                    "Activités père-enfant et groupe de discussion pour les papas.",
                    PARENTS
                ),
                s!(
                    "Programme Y'a personne de parfait",
                    "Série de rencontres pour les parents d'enfants de 0 à 5 ans.",
                    PARENTS
                ),
                s!(
                    "Stimulation du langage",
                    "Ateliers de stimulation du langage pour les tout-petits et leurs parents.",
                    KIDS_PARENTS
                ),
                s!(
                    "Joujouthèque",
                    "Prêt de jouets éducatifs aux familles membres.",
                    FAMILIES
                ),
                s!(
                    "Accompagnement des nouvelles familles",
                    "Visites et soutien aux familles qui accueillent un bébé.",
                    PARENTS
                ),
                s!(
                    "Fête de quartier",
                    "Grande fête familiale annuelle organisée avec les partenaires du quartier.",
                    FAMILIES
                ),
            ],
            Family::Youth => &[
                s!(
                    "Lieu de rencontre 12-17 ans",
                    "Local ouvert en soirée où les jeunes se retrouvent avec des animateurs.",
                    TEENS
                ),
                s!(
                    "Aide aux devoirs",
                    "Soutien scolaire après l'école, dans une ambiance détendue.",
                    TEENS
                ),
                s!(
                    "Prévention des dépendances",
                    "Ateliers sur la consommation, les écrans et les jeux de hasard.",
                    TEENS
                ),
                s!(
                    "Activités sportives et culturelles",
                    "Ligues sportives, improvisation, musique et sorties.",
                    TEENS
                ),
                s!(
                    "Travail de rue",
                    "Des travailleurs de rue vont à la rencontre des jeunes là où ils sont.",
                    &["13-17 ans", "Adultes"]
                ),
                s!(
                    "Projets jeunesse",
                    "Les jeunes organisent leurs propres projets : voyages, levées de fonds, engagement citoyen.",
                    TEENS
                ),
                s!(
                    "Préados 9-12 ans",
                    "Soirées d'activités pour les préadolescents.",
                    SCHOOL_AGE
                ),
            ],
            Family::Women => &[
                s!(
                    "Accueil et écoute",
                    "Écoute, information et référence pour les femmes, sans rendez-vous.",
                    ADULTS
                ),
                s!(
                    "Ateliers et formations",
                    "Ateliers sur l'estime de soi, la santé et l'autonomie financière.",
                    ADULTS
                ),
                s!(
                    "Défense collective des droits",
                    "Actions collectives pour l'égalité et contre la pauvreté des femmes.",
                    ADULTS
                ),
                s!(
                    "Soutien aux femmes victimes de violence",
                    "Rencontres individuelles et groupes de soutien pour les femmes victimes de violence conjugale.",
                    ADULTS
                ),
                s!(
                    "Groupe de parole",
                    "Groupe d'échange hebdomadaire entre femmes.",
                    ADULTS
                ),
                s!(
                    "Cuisine collective",
                    "Préparation de repas en groupe, pour économiser et briser l'isolement.",
                    ADULTS
                ),
            ],
            Family::Community => &[
                s!(
                    "Accueil et référence",
                    "Information et orientation vers les ressources du milieu.",
                    EVERYONE
                ),
                s!(
                    "Écoute téléphonique",
                    "Ligne d'écoute pour les personnes seules ou en détresse.",
                    ADULTS
                ),
                s!(
                    "Activités de loisirs",
                    "Activités de groupe pour briser l'isolement.",
                    EVERYONE
                ),
                s!(
                    "Clinique d'impôt",
                    "Déclarations de revenus préparées gratuitement par des bénévoles pour les personnes à faible revenu.",
                    ADULTS
                ),
                s!(
                    "Friperie",
                    "Vêtements usagés à petit prix pour toute la famille.",
                    EVERYONE
                ),
                s!(
                    "Soutien aux personnes isolées",
                    "Appels d'amitié et visites à domicile.",
                    SENIORS
                ),
                s!(
                    "Ateliers de français",
                    "Conversation française pour les personnes nouvellement arrivées.",
                    ADULTS
                ),
                s!(
                    "Accompagnement aux rendez-vous",
                    "Accompagnement des personnes vulnérables à leurs rendez-vous médicaux et administratifs.",
                    ADULTS
                ),
            ],
            Family::Volunteer => &[
                s!(
                    "Accompagnement-transport bénévole",
                    "Transport et accompagnement aux rendez-vous médicaux par des bénévoles.",
                    SENIORS
                ),
                s!(
                    "Popote roulante",
                    "Repas chauds livrés à domicile par des bénévoles.",
                    SENIORS
                ),
                s!(
                    "Visites d'amitié",
                    "Des bénévoles rendent visite aux personnes seules.",
                    SENIORS
                ),
                s!(
                    "Appels de sécurité",
                    "Appel quotidien aux personnes aînées qui vivent seules.",
                    SENIORS
                ),
                s!(
                    "Recrutement et formation des bénévoles",
                    "Jumelage des bénévoles avec les organismes du milieu.",
                    ADULTS
                ),
                s!(
                    "Clinique d'impôt",
                    "Déclarations de revenus préparées gratuitement pour les personnes à faible revenu.",
                    ADULTS
                ),
                s!(
                    "Soutien aux proches aidants",
                    "Répit et groupes d'entraide pour les proches aidants.",
                    ADULTS
                ),
            ],
            Family::Food => &[
                s!(
                    "Dépannage alimentaire",
                    "Paniers de nourriture pour les ménages en situation d'urgence, sur rendez-vous.",
                    EVERYONE
                ),
                s!(
                    "Popote roulante",
                    "Repas livrés à domicile aux personnes aînées ou malades.",
                    SENIORS
                ),
                s!(
                    "Cuisines collectives",
                    "Petits groupes qui cuisinent ensemble des repas économiques.",
                    ADULTS
                ),
                s!(
                    "Jardin communautaire",
                    "Parcelles de jardin et ateliers de jardinage écologique.",
                    EVERYONE
                ),
                s!(
                    "Paniers de Noël",
                    "Distribution annuelle de paniers de Noël aux familles inscrites.",
                    FAMILIES
                ),
                s!(
                    "Épicerie solidaire",
                    "Aliments à prix réduit pour les membres à faible revenu.",
                    EVERYONE
                ),
                s!(
                    "Ateliers de cuisine parents-enfants",
                    "Cuisiner en famille des recettes simples et nutritives.",
                    FAMILIES
                ),
            ],
            Family::Housing => &[
                s!(
                    "Hébergement d'urgence",
                    "Hébergement temporaire en tout temps pour les personnes sans toit ou en danger.",
                    ADULTS
                ),
                s!(
                    "Hébergement transitoire",
                    "Logement de quelques mois avec accompagnement vers un logement stable.",
                    ADULTS
                ),
                s!(
                    "Suivi post-hébergement",
                    "Rencontres de suivi après le départ de la maison.",
                    ADULTS
                ),
                s!(
                    "Ligne d'écoute 24/7",
                    "Écoute et information en tout temps.",
                    ADULTS
                ),
                s!(
                    "Logement social",
                    "Logements à loyer modique pour les ménages à faible revenu.",
                    EVERYONE
                ),
                s!(
                    "Soutien communautaire en logement",
                    "Intervention auprès des locataires pour favoriser le bon voisinage.",
                    ADULTS
                ),
                s!(
                    "Hébergement jeunesse",
                    "Hébergement et accompagnement des jeunes de 12 à 17 ans en rupture familiale.",
                    TEENS
                ),
            ],
            Family::Disability => &[
                s!(
                    "Loisirs adaptés",
                    "Activités sportives et culturelles adaptées aux personnes handicapées.",
                    EVERYONE
                ),
                s!(
                    "Répit aux familles",
                    "Fins de semaine de répit pour les familles d'enfants handicapés.",
                    PARENTS
                ),
                s!(
                    "Camp de jour adapté",
                    "Camp de jour estival avec accompagnement pour les jeunes handicapés.",
                    &["6-12 ans", "13-17 ans"]
                ),
                s!(
                    "Défense des droits",
                    "Information et accompagnement pour faire valoir ses droits.",
                    ADULTS
                ),
                s!(
                    "Information sur le transport adapté",
                    "Aide à l'admission au transport adapté et aux programmes de soutien.",
                    ADULTS
                ),
                s!(
                    "Intégration sociale",
                    "Ateliers de vie autonome et sorties de groupe.",
                    ADULTS
                ),
            ],
            Family::Literacy => &[
                s!(
                    "Alphabétisation des adultes",
                    "Ateliers de lecture, d'écriture et de calcul en petits groupes.",
                    ADULTS
                ),
                s!(
                    "Francisation",
                    "Apprentissage du français pour les personnes immigrantes.",
                    ADULTS
                ),
                s!(
                    "Initiation à l'informatique",
                    "Apprendre à utiliser un ordinateur, un téléphone et les services en ligne.",
                    ADULTS
                ),
                s!(
                    "Éveil à la lecture en famille",
                    "Lecture et jeux de mots pour les parents et leurs jeunes enfants.",
                    KIDS_PARENTS
                ),
                s!(
                    "Aide aux devoirs",
                    "Soutien scolaire pour les enfants du primaire.",
                    SCHOOL_AGE
                ),
                s!(
                    "Préparation au test de développement général",
                    "Préparation au TDG pour accéder à une formation professionnelle.",
                    ADULTS
                ),
            ],
            Family::Seniors => &[
                s!(
                    "Activités sociales pour les aînés",
                    "Dîners communautaires, jeux de cartes et sorties.",
                    SENIORS
                ),
                s!(
                    "Soutien aux proches aidants",
                    "Groupes de soutien et répit pour les proches aidants.",
                    ADULTS
                ),
                s!(
                    "Conférences santé",
                    "Conférences mensuelles sur la santé et le bien-vieillir.",
                    SENIORS
                ),
                s!(
                    "Exercices en groupe",
                    "Programme d'exercices pour prévenir les chutes.",
                    SENIORS
                ),
                s!(
                    "Répit à domicile",
                    "Présence d'un accompagnateur à domicile pour permettre au proche aidant de s'absenter.",
                    ADULTS
                ),
                s!(
                    "Danse et loisirs",
                    "Soirées de danse et tournois amicaux.",
                    SENIORS
                ),
            ],
            Family::Concertation => &[
                s!(
                    "Concertation des partenaires",
                    "Rencontres régulières des partenaires du territoire pour agir ensemble.",
                    PROS
                ),
                s!(
                    "Soutien aux organismes membres",
                    "Formation, représentation et services partagés pour les organismes.",
                    PROS
                ),
                s!(
                    "Plan d'action local",
                    "Élaboration et suivi du plan d'action concerté du territoire.",
                    PROS
                ),
                s!(
                    "Formation des intervenants",
                    "Formations communes pour les intervenants de tous les secteurs.",
                    PROS
                ),
                s!(
                    "Portrait du territoire",
                    "Portrait des besoins et des ressources du territoire, mis à jour chaque année.",
                    PROS
                ),
                s!(
                    "Répertoire des ressources",
                    "Bottin des ressources communautaires du territoire.",
                    EVERYONE
                ),
            ],
            Family::City => &[
                s!(
                    "Camp de jour municipal",
                    "Camp de jour estival pour les enfants de 5 à 12 ans.",
                    SCHOOL_AGE
                ),
                s!(
                    "Programmation loisirs",
                    "Cours et activités de loisirs pour tous les âges, trois sessions par année.",
                    EVERYONE
                ),
                s!(
                    "Soutien aux organismes",
                    "Reconnaissance, soutien financier et prêt de locaux aux organismes.",
                    PROS
                ),
                s!(
                    "Politique familiale municipale",
                    "Plan d'action en faveur des familles et des aînés.",
                    FAMILIES
                ),
                s!(
                    "Patinoires et parcs",
                    "Parcs, jeux d'eau et patinoires extérieures.",
                    EVERYONE
                ),
                s!(
                    "Spectacles et expositions",
                    "Programmation culturelle gratuite.",
                    EVERYONE
                ),
                s!(
                    "Fête nationale",
                    "Festivités de la Fête nationale.",
                    EVERYONE
                ),
            ],
            Family::Library => &[
                s!(
                    "Prêt de livres et de documents",
                    "Livres, revues, films et livres numériques pour tous.",
                    EVERYONE
                ),
                s!(
                    "Heure du conte",
                    "Lecture animée pour les enfants de 3 à 5 ans.",
                    KIDS
                ),
                s!(
                    "Club de lecture d'été",
                    "Club de lecture TD pour les jeunes pendant l'été.",
                    SCHOOL_AGE
                ),
                s!(
                    "Aide informatique",
                    "Accompagnement individuel pour utiliser les outils numériques.",
                    SENIORS
                ),
                s!(
                    "Une naissance, un livre",
                    "Trousse de bébé lecteur offerte aux familles qui abonnent leur bébé.",
                    KIDS_PARENTS
                ),
                s!(
                    "Prêt de jeux de société",
                    "Collection de jeux de société à emprunter.",
                    FAMILIES
                ),
            ],
            Family::Employment => &[
                s!(
                    "Recherche d'emploi",
                    "Curriculum vitæ, préparation aux entrevues et accès aux offres d'emploi.",
                    ADULTS
                ),
                s!(
                    "Orientation scolaire et professionnelle",
                    "Rencontres avec une conseillère d'orientation.",
                    ADULTS
                ),
                s!(
                    "Retour aux études",
                    "Accompagnement des jeunes adultes qui veulent raccrocher.",
                    ADULTS
                ),
                s!(
                    "Entrepreneuriat jeunesse",
                    "Soutien aux jeunes qui démarrent une entreprise.",
                    ADULTS
                ),
                s!(
                    "Intégration en emploi des personnes immigrantes",
                    "Aide à la reconnaissance des diplômes et à l'intégration au travail.",
                    ADULTS
                ),
                s!(
                    "Stages en entreprise",
                    "Stages rémunérés pour acquérir une première expérience.",
                    ADULTS
                ),
                s!(
                    "Persévérance scolaire",
                    "Ateliers et mentorat pour les jeunes à risque de décrochage.",
                    TEENS
                ),
            ],
            Family::Business => &[
                s!(
                    "Réseautage d'affaires",
                    "Déjeuners-conférences et activités de réseautage.",
                    ADULTS
                ),
                s!(
                    "Financement des entreprises",
                    "Prêts et garanties pour les entreprises et les projets collectifs.",
                    ADULTS
                ),
                s!(
                    "Accompagnement des entrepreneurs",
                    "Conseils et mentorat pour démarrer ou faire croître une entreprise.",
                    ADULTS
                ),
                s!(
                    "Éducation financière",
                    "Ateliers sur le budget et l'épargne.",
                    ADULTS
                ),
                s!(
                    "Soutien aux projets collectifs",
                    "Fonds d'aide au développement du milieu.",
                    PROS
                ),
                s!(
                    "Marché des producteurs locaux",
                    "Marché saisonnier des producteurs de la région.",
                    EVERYONE
                ),
            ],
            Family::Philanthropy => &[
                s!(
                    "Soutien financier aux organismes",
                    "Appel de projets annuel pour les organismes du territoire.",
                    PROS
                ),
                s!(
                    "Bourses d'études",
                    "Bourses pour les jeunes qui persévèrent dans leurs études.",
                    TEENS
                ),
                s!(
                    "Collecte de fonds annuelle",
                    "Campagne de financement auprès de la population et des entreprises.",
                    EVERYONE
                ),
                s!(
                    "Programme de petits déjeuners",
                    "Financement de petits déjeuners dans les écoles.",
                    SCHOOL_AGE
                ),
                s!(
                    "Fonds d'urgence",
                    "Aide ponctuelle aux familles en situation d'urgence.",
                    FAMILIES
                ),
                s!(
                    "Soutien aux camps de vacances",
                    "Places en camp de vacances pour les enfants de familles à faible revenu.",
                    SCHOOL_AGE
                ),
            ],
            Family::Research => &[
                s!(
                    "Recherche partenariale",
                    "Projets de recherche menés avec les organismes et les établissements.",
                    PROS
                ),
                s!(
                    "Transfert de connaissances",
                    "Fiches synthèses, webinaires et ateliers pour les milieux de pratique.",
                    PROS
                ),
                s!(
                    "Portraits statistiques du territoire",
                    "Indicateurs sur les conditions de vie et la santé de la population.",
                    PROS
                ),
                s!(
                    "Évaluation de programmes",
                    "Évaluation des programmes et des actions concertées.",
                    PROS
                ),
                s!(
                    "Colloque annuel",
                    "Colloque réunissant chercheurs et intervenants.",
                    PROS
                ),
                s!(
                    "Formation des étudiants",
                    "Encadrement d'étudiants aux cycles supérieurs.",
                    ADULTS
                ),
            ],
            Family::Government => &[
                s!(
                    "Renseignements sur les programmes gouvernementaux",
                    "Information et aide pour accéder aux programmes et services du gouvernement.",
                    EVERYONE
                ),
                s!(
                    "Aide financière de dernier recours",
                    "Demandes d'aide sociale et de solidarité sociale.",
                    ADULTS
                ),
                s!(
                    "Information sur le Régime québécois d'assurance parentale",
                    "Information sur les prestations de maternité, de paternité et parentales.",
                    PARENTS
                ),
                s!(
                    "Services aux entreprises",
                    "Aide à l'embauche et subventions salariales.",
                    ADULTS
                ),
                s!(
                    "Services publics d'emploi",
                    "Aide à la recherche d'emploi et mesures de formation.",
                    ADULTS
                ),
                s!(
                    "Assermentation et documents officiels",
                    "Certificats, assermentation et dépôt de documents.",
                    ADULTS
                ),
            ],
        }
    }
}

/// Sentences that end a service description; `{place}` is where it is offered.
pub const CLOSERS: &[&str] = &[
    "Offert à {place}.",
    "Sur inscription.",
    "Gratuit.",
    "Sans rendez-vous.",
    "Offert en français et en anglais.",
    "Places limitées : inscription au début de chaque session.",
    "Contribution volontaire.",
    "Accessible aux personnes à mobilité réduite.",
    "Pour les résidents de {place} et des environs.",
    "Du lundi au vendredi, de 8 h 30 à 16 h 30.",
    "En soirée et la fin de semaine.",
    "Sur référence d'un intervenant.",
];

/// Fees, when they are described.
pub const FEES: &[&str] = &[
    "Gratuit.",
    "Contribution volontaire.",
    "Tarif réduit pour les familles à faible revenu.",
    "Carte de membre annuelle : 5 $.",
    "Contribution réduite : 9,35 $ par jour.",
    "Selon le revenu familial.",
];

/// How to apply, when it is described.
pub const APPLICATION: &[&str] = &[
    "Par téléphone ou en personne.",
    "Inscription en ligne.",
    "Sur rendez-vous.",
    "Sur référence du CLSC ou d'un organisme.",
    "Sans inscription : présentez-vous sur place.",
];
