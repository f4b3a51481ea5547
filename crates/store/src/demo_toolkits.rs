//! The demo's activity toolkits, both from seed 000 (Mobilisation famille
//! Saguenay–Lac-Saint-Jean):
//!
//! - the toolkit « Je le soutiens, il persévère »: the seed says it offers
//!   22 activities on 5 themes to value the parents' role in school
//!   perseverance, and gives neither the themes' nor the activities'
//!   texts. The 5 themes follow the plan's pathways and the 22 activities
//!   are written for the demo, marked as placeholders (the page says so);
//! - the « Répertoire de travail de 13 activités porteuses », a list linked
//!   to the SLSJ plan: the seed gives only the count, so its 13 activities
//!   are placeholders too.
//!
//! A few runs by the grouping's member organizations show where the
//! toolkit is used. Loading is idempotent: a toolkit already there (by
//! slug) is left as it is.

use chrono::NaiveDate;
use maillage_domain::toolkits::{Activity, Audience, Run, Theme, ToolkitKind};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::{pathway, strategy, toolkit};
use crate::repo::toolkits::{self as repo, ActivityWrite, NewToolkit, RunWrite};
use crate::repo::{groupings, plans};

pub const SLSJ: &str = "mobilisation-famille-slsj";
pub const TOOLKIT_SLUG: &str = "je-le-soutiens-il-persevere";
pub const TOOLKIT_TITLE: &str = "Je le soutiens, il persévère";
pub const LIST_SLUG: &str = "repertoire-13-activites-porteuses";
pub const LIST_TITLE: &str = "Répertoire de 13 activités porteuses";

/// The strategy of the SLSJ plan each toolkit supports.
const TOOLKIT_STRATEGY: &str =
    "Outiller les travailleuses et les travailleurs qui interviennent auprès des parents";
const LIST_STRATEGY: &str = "Identifier les actions existantes et rechercher de nouvelles actions de valorisation du rôle de la famille";

use Audience::{
    EarlyChildhood as A05, Parents as P, Practitioners as I, Primary as PR, Schools as E,
    Secondary as S,
};

/// One demo activity: title, objectives, audiences, minutes, material,
/// steps (one a line), facilitation tips.
struct Demo {
    title: &'static str,
    objectives: &'static str,
    audiences: &'static [Audience],
    minutes: i32,
    material: &'static str,
    steps: &'static str,
    tips: &'static str,
}

/// A theme: title, description, the index of the SLSJ pathway it serves,
/// its activities.
struct DemoTheme {
    title: &'static str,
    description: &'static str,
    pathway: usize,
    activities: &'static [Demo],
}

const THEMES: [DemoTheme; 5] = [
    DemoTheme {
        title: "Valorisation de l’éducation",
        description: "Faire de l’éducation une valeur du quotidien à la maison, dès la petite enfance.",
        pathway: 0,
        activities: &[
            Demo {
                title: "La lecture, un plaisir à partager",
                objectives: "Une activité pour montrer aux parents de tout-petits que lire une histoire chaque jour éveille le goût d’apprendre.\nDonner des trucs simples pour rendre la lecture amusante.",
                audiences: &[P, A05],
                minutes: 45,
                material: "Livres d’images pour les 0-5 ans\nSignets à remettre aux parents",
                steps: "Accueillir les parents et leurs enfants\nLire une histoire à voix haute en montrant les images\nInviter chaque parent à lire un livre avec son enfant\nÉchanger sur les moments de lecture à la maison",
                tips: "Prévoir des livres dans les langues parlées par les familles.\nValoriser chaque parent, même celui qui lit peu.",
            },
            Demo {
                title: "Jouer pour apprendre",
                objectives: "Faire découvrir aux parents que le jeu libre développe le langage, la curiosité et la persévérance des tout-petits.",
                audiences: &[P, A05],
                minutes: 60,
                material: "Jeux de construction, casse-têtes, pâte à modeler",
                steps: "Présenter trois façons de jouer avec son enfant\nAteliers de jeu parent-enfant\nRetour en groupe : qu’a appris votre enfant aujourd’hui?",
                tips: "Laisser l’enfant mener le jeu; le parent observe et nomme ce que l’enfant réussit.",
            },
            Demo {
                title: "Célébrer les réussites",
                objectives: "Aider les parents à souligner les efforts et les réussites de leur enfant pour nourrir sa réussite éducative.",
                audiences: &[P, PR],
                minutes: 30,
                material: "Cartes de félicitations à compléter",
                steps: "Discussion : comment souligne-t-on une réussite chez vous?\nChaque parent écrit une carte pour son enfant\nPartage d’idées de célébrations simples",
                tips: "Insister sur l’effort plutôt que sur la note.",
            },
            Demo {
                title: "L’école, c’est important chez nous",
                objectives: "Amener les parents à exprimer à leur enfant la valeur qu’ils accordent à l’école.",
                audiences: &[P, PR, S],
                minutes: 45,
                material: "Affiche « Chez nous, l’école c’est important »",
                steps: "Témoignage d’un parent\nRéflexion en petits groupes sur les messages envoyés à la maison\nChoix d’un geste concret pour la semaine",
                tips: "Rester dans le concret : un mot d’encouragement, une question au souper.",
            },
            Demo {
                title: "Sortie en famille à la bibliothèque",
                objectives: "Faire connaître la bibliothèque municipale aux familles et les inscrire.",
                audiences: &[P, A05, PR],
                minutes: 90,
                material: "Formulaires d’abonnement\nTransport au besoin",
                steps: "Visite guidée de la section jeunesse\nHeure du conte\nAbonnement des familles qui le souhaitent",
                tips: "Organiser la sortie avec la bibliothécaire; prévoir une collation.",
            },
        ],
    },
    DemoTheme {
        title: "Rôle de la famille dans la persévérance scolaire",
        description: "Reconnaître que la famille est le premier soutien du jeune, de la petite enfance à la fin du secondaire.",
        pathway: 1,
        activities: &[
            Demo {
                title: "La persévérance, ça se cultive",
                objectives: "Faire comprendre aux parents les facteurs de persévérance scolaire sur lesquels la famille agit.",
                audiences: &[P, I],
                minutes: 60,
                material: "Présentation des facteurs de persévérance scolaire",
                steps: "Présenter les facteurs familiaux de la persévérance scolaire\nQuiz en équipe\nChaque parent nomme un facteur qu’il soutient déjà",
                tips: "Partir de ce que les parents font déjà bien.",
            },
            Demo {
                title: "Mon parcours scolaire, mon histoire",
                objectives: "Permettre aux parents de revisiter leur propre parcours scolaire pour mieux accompagner celui de leur enfant.",
                audiences: &[P],
                minutes: 75,
                material: "Ligne du temps imprimée, crayons",
                steps: "Chacun trace sa ligne du temps scolaire\nÉchange en dyades sur les personnes qui ont aidé\nLien avec le rôle de parent aujourd’hui",
                tips: "Certains parents ont de mauvais souvenirs de l’école : accueillir sans juger.",
            },
            Demo {
                title: "Les pères s’en mêlent",
                objectives: "Reconnaître et soutenir l’engagement des pères dans la scolarité de leur enfant.",
                audiences: &[P, PR, S],
                minutes: 60,
                material: "Capsules vidéo de témoignages de pères",
                steps: "Visionnement d’une capsule\nDiscussion entre pères animée par un intervenant\nIdées d’activités père-enfant liées à l’école",
                tips: "Prévoir l’activité en soirée ou la fin de semaine.",
            },
            Demo {
                title: "Grands-parents, alliés de la réussite",
                objectives: "Valoriser le rôle de la famille élargie auprès des jeunes.",
                audiences: &[P, PR],
                minutes: 45,
                material: "Jeux de société intergénérationnels",
                steps: "Présentation du rôle des grands-parents\nJeux intergénérationnels\nMot de la fin sur la transmission du goût d’apprendre",
                tips: "Inviter les familles à venir à trois générations.",
            },
        ],
    },
    DemoTheme {
        title: "Compétence parentale",
        description: "Développer chez les parents le sentiment d’être compétents pour soutenir leur enfant dans ses études.",
        pathway: 2,
        activities: &[
            Demo {
                title: "Les devoirs sans larmes",
                objectives: "Outiller les parents pour un moment des devoirs et des leçons plus calme.",
                audiences: &[P, PR],
                minutes: 60,
                material: "Aide-mémoire sur l’organisation des devoirs",
                steps: "Tour de table : le moment des devoirs chez vous\nPrésentation de cinq stratégies\nMise en situation en équipes",
                tips: "Rappeler que le parent n’a pas à être un enseignant.",
            },
            Demo {
                title: "Des routines qui aident à apprendre",
                objectives: "Aider les parents à installer des routines du matin et du soir qui favorisent la disponibilité pour apprendre.",
                audiences: &[P, A05, PR],
                minutes: 45,
                material: "Pictogrammes de routine à découper",
                steps: "Discussion sur les routines actuelles\nFabrication d’un tableau de routine avec pictogrammes\nPlan d’essai pour une semaine",
                tips: "Adapter les routines à la réalité de chaque famille (horaires atypiques).",
            },
            Demo {
                title: "Bâtir l’estime de soi de son enfant",
                objectives: "Donner aux parents des moyens concrets de nourrir l’estime de soi de leur enfant.",
                audiences: &[P, A05, PR],
                minutes: 60,
                material: "Fiches de mises en situation",
                steps: "Présentation des composantes de l’estime de soi\nMises en situation\nEngagement personnel",
                tips: "Utiliser des exemples tirés du quotidien des familles présentes.",
            },
            Demo {
                title: "Encourager sans surprotéger",
                objectives: "Aider les parents de jeunes enfants à laisser leur enfant essayer, se tromper et recommencer : le début de la persévérance.",
                audiences: &[P, A05],
                minutes: 45,
                material: "Courtes vidéos d’enfants qui persévèrent devant un défi",
                steps: "Visionnement et discussion\nJeu de défis parent-enfant\nCe que je dis quand mon enfant a de la difficulté",
                tips: "Montrer comment nommer l’effort : « Tu as essayé encore! »",
            },
            Demo {
                title: "Accompagner les émotions liées à l’école",
                objectives: "Aider les parents à reconnaître et accueillir l’anxiété, la colère ou la déception de leur enfant face à l’école.",
                audiences: &[P, PR, S],
                minutes: 60,
                material: "Thermomètre des émotions",
                steps: "Nommer les émotions vécues à l’école\nJeu de rôle parent-enfant\nRessources du territoire",
                tips: "Avoir sous la main la liste des ressources d’aide du territoire.",
            },
        ],
    },
    DemoTheme {
        title: "Moyens pour soutenir les jeunes",
        description: "Faire connaître aux parents les moyens concrets de soutenir les jeunes dans leur parcours, à chaque transition.",
        pathway: 3,
        activities: &[
            Demo {
                title: "Préparer l’entrée à la maternelle",
                objectives: "Préparer parents et enfants à la transition vers la maternelle.",
                audiences: &[P, A05, E],
                minutes: 90,
                material: "Trousse de transition, photos de l’école",
                steps: "Visite de la classe de maternelle\nAtelier parent-enfant sur les routines de l’école\nÉchange avec l’enseignante",
                tips: "Faire l’activité au printemps précédant l’entrée.",
            },
            Demo {
                title: "Le passage au secondaire",
                objectives: "Informer les parents des changements que vit le jeune au secondaire et des façons de rester présents.",
                audiences: &[P, S],
                minutes: 60,
                material: "Horaire type du secondaire, plan de l’école",
                steps: "Présentation du fonctionnement du secondaire\nTémoignage d’élèves\nQuestions des parents",
                tips: "Inviter un membre de la direction de l’école secondaire.",
            },
            Demo {
                title: "Parler d’avenir et de métiers avec son ado",
                objectives: "Outiller les parents pour discuter d’orientation, de métiers et de choix de carrière avec leur adolescent.",
                audiences: &[P, S],
                minutes: 60,
                material: "Cartes métiers, sites d’information scolaire",
                steps: "Jeu des cartes métiers en duo parent-ado\nPrésentation des ressources d’orientation\nPlan de discussion à la maison",
                tips: "Laisser le jeune parler de ses intérêts avant de proposer des pistes.",
            },
            Demo {
                title: "Garder la motivation au secondaire",
                objectives: "Aider les parents à soutenir la motivation de leur adolescent quand l’école devient difficile.",
                audiences: &[P, S],
                minutes: 45,
                material: "Aide-mémoire sur la motivation scolaire",
                steps: "Ce qui démotive les jeunes : discussion\nStratégies d’encouragement\nSignaux d’alerte et ressources",
                tips: "Inclure les ressources d’aide aux devoirs du territoire.",
            },
        ],
    },
    DemoTheme {
        title: "Communication école-famille",
        description: "Bâtir une relation de confiance entre l’école et les familles, au service de l’enfant.",
        pathway: 1,
        activities: &[
            Demo {
                title: "Premier contact positif avec l’enseignant",
                objectives: "Favoriser un premier contact positif entre les parents et l’enseignant en début d’année.",
                audiences: &[P, E, PR],
                minutes: 30,
                material: "Carton de présentation de l’enfant",
                steps: "Le parent présente son enfant sur un carton\nRencontre brève avec l’enseignant\nÉchange de coordonnées",
                tips: "Prévoir un interprète au besoin.",
            },
            Demo {
                title: "Se préparer à la rencontre de parents",
                objectives: "Aider les parents à préparer leurs questions pour la rencontre de parents.",
                audiences: &[P, PR, S],
                minutes: 30,
                material: "Aide-mémoire de questions",
                steps: "Pourquoi une rencontre de parents?\nPréparation des questions en dyades\nSimulation de rencontre",
                tips: "Rassurer : la rencontre porte sur l’enfant, pas sur le parent.",
            },
            Demo {
                title: "Lire le bulletin ensemble",
                objectives: "Rendre le bulletin scolaire compréhensible aux parents et en faire une occasion d’encouragement.",
                audiences: &[P, PR, S],
                minutes: 45,
                material: "Exemple de bulletin fictif",
                steps: "Lecture guidée d’un bulletin fictif\nRepérer les forces de l’enfant\nPréparer la discussion avec son enfant",
                tips: "Commencer toujours par les forces.",
            },
            Demo {
                title: "Un message d’encouragement par semaine",
                objectives: "Créer l’habitude de messages positifs entre l’école et la maison.",
                audiences: &[P, E, PR],
                minutes: 20,
                material: "Carnet de messages",
                steps: "Présentation du carnet\nChaque parent écrit un premier message\nL’enseignant répond dans la semaine",
                tips: "À organiser avec l’équipe-école.",
            },
        ],
    },
];

/// The 13 activités porteuses of the working list (placeholders).
const LIST: [Demo; 13] = [
    Demo {
        title: "Café-rencontre des parents",
        objectives: "Offrir aux parents un lieu d’échange informel sur la réussite éducative de leurs enfants.",
        audiences: &[P],
        minutes: 90,
        material: "Café, collations, thème de la rencontre",
        steps: "Accueil\nDiscussion sur un thème choisi par les parents\nRessources du milieu",
        tips: "Laisser les parents choisir les thèmes.",
    },
    Demo {
        title: "Sac à dos de lecture",
        objectives: "Faire circuler des livres entre l’école et la maison.",
        audiences: &[P, A05, PR],
        minutes: 15,
        material: "Sacs à dos, livres, carnet de lecture",
        steps: "Remise du sac\nLecture à la maison\nRetour et échange du sac",
        tips: "Inclure un livre pour le parent.",
    },
    Demo {
        title: "Semaine de la persévérance scolaire en famille",
        objectives: "Mobiliser les familles pendant les Journées de la persévérance scolaire.",
        audiences: &[P, PR, S, E],
        minutes: 60,
        material: "Rubans verts et blancs, affiches",
        steps: "Distribution des rubans\nActivités familiales proposées\nDiffusion des encouragements",
        tips: "S’arrimer à la campagne régionale.",
    },
    Demo {
        title: "Ateliers de stimulation du langage",
        objectives: "Soutenir le développement du langage des tout-petits avec leurs parents.",
        audiences: &[P, A05],
        minutes: 60,
        material: "Comptines, imagiers",
        steps: "Comptines\nJeux de langage\nTrucs pour la maison",
        tips: "Animé avec une orthophoniste du CIUSSS si possible.",
    },
    Demo {
        title: "Soirée d’information pour les nouveaux arrivants",
        objectives: "Expliquer le système scolaire québécois aux familles immigrantes.",
        audiences: &[P, E],
        minutes: 90,
        material: "Présentation traduite, interprètes",
        steps: "Présentation du système scolaire\nQuestions\nVisite d’une école",
        tips: "Travailler avec les organismes d’accueil.",
    },
    Demo {
        title: "Aide aux devoirs communautaire",
        objectives: "Offrir un lieu d’aide aux devoirs et y accueillir les parents.",
        audiences: &[PR, S, P],
        minutes: 90,
        material: "Local, bénévoles",
        steps: "Collation\nPériode de devoirs\nMot aux parents",
        tips: "Garder un lien régulier avec l’école.",
    },
    Demo {
        title: "Formation des intervenants à l’approche famille",
        objectives: "Outiller les intervenants pour valoriser le rôle des parents dans la persévérance scolaire.",
        audiences: &[I],
        minutes: 180,
        material: "Cahier du participant",
        steps: "Les facteurs familiaux\nÉtudes de cas\nPlan d’action personnel",
        tips: "Mêler intervenants de plusieurs secteurs.",
    },
    Demo {
        title: "Fête de la rentrée",
        objectives: "Accueillir les familles à l’école dans un climat festif.",
        audiences: &[P, E, PR],
        minutes: 120,
        material: "Jeux, repas communautaire",
        steps: "Accueil\nJeux en famille\nRencontre du personnel",
        tips: "Impliquer les organismes du quartier.",
    },
    Demo {
        title: "Capsules vidéo pour les parents",
        objectives: "Diffuser des conseils courts sur le soutien scolaire.",
        audiences: &[P],
        minutes: 5,
        material: "Capsules en ligne",
        steps: "Diffusion sur les réseaux sociaux\nRelais par les organisations",
        tips: "Sous-titrer les capsules.",
    },
    Demo {
        title: "Jardin éducatif parents-enfants",
        objectives: "Apprendre ensemble en jardinant.",
        audiences: &[P, A05, PR],
        minutes: 60,
        material: "Semences, bacs",
        steps: "Semis\nEntretien\nRécolte partagée",
        tips: "Lier aux apprentissages en sciences.",
    },
    Demo {
        title: "Chroniques dans le journal local",
        objectives: "Sensibiliser la population au rôle de la famille dans la réussite.",
        audiences: &[P],
        minutes: 10,
        material: "Chroniques rédigées",
        steps: "Rédaction\nPublication mensuelle",
        tips: "Donner la parole à des parents.",
    },
    Demo {
        title: "Employeurs conciliants travail-famille",
        objectives: "Encourager les employeurs à libérer les parents pour les activités scolaires.",
        audiences: &[P],
        minutes: 30,
        material: "Trousse employeur",
        steps: "Rencontre d’employeurs\nEngagement signé",
        tips: "Souligner publiquement les employeurs engagés.",
    },
    Demo {
        title: "Halte-parents à l’école",
        objectives: "Offrir aux parents un local à l’école pour se rencontrer.",
        audiences: &[P, E],
        minutes: 60,
        material: "Local, café",
        steps: "Ouverture hebdomadaire\nAnimation légère",
        tips: "Une présence régulière de la même personne crée la confiance.",
    },
];

const TOOLKIT_DESCRIPTION: &str = "Un outil de sensibilisation et d’intervention destiné aux travailleuses et aux travailleurs des milieux de la petite enfance, de l’éducation ainsi que de la santé et des services sociaux, pour intervenir auprès des parents. Ses activités visent à valoriser l’importance du rôle des parents dans la persévérance scolaire et à les outiller pour mieux l’exercer.";
const TOOLKIT_SOURCE: &str = "Mobilisation famille Saguenay–Lac-Saint-Jean, plan d’action 2014-2017 : la trousse « Je le soutiens, il persévère » propose 22 activités touchant 5 thèmes. La source ne donne que ces nombres : les thèmes suivent les voies d’action du plan et les 22 activités sont des exemples écrits pour la démonstration.";
const LIST_DESCRIPTION: &str = "Répertoire de travail des actions existantes de valorisation du rôle de la famille dans la persévérance scolaire, réalisées par les organisations et les structures de concertation de la région.";
const LIST_SOURCE: &str = "Mobilisation famille Saguenay–Lac-Saint-Jean, plan d’action 2014-2017 : « Répertoire de travail de 13 activités porteuses ». La source ne donne que ce nombre : les 13 activités sont des exemples écrits pour la démonstration.";

fn activity(d: &Demo) -> Activity {
    Activity {
        title: d.title.to_owned(),
        objectives: d.objectives.to_owned(),
        audiences: d.audiences.to_vec(),
        duration_minutes: Some(d.minutes),
        material: d.material.to_owned(),
        steps: d.steps.to_owned(),
        tips: d.tips.to_owned(),
    }
}

async fn strategy_id(
    txn: &DatabaseTransaction,
    plan_id: Option<Uuid>,
    title: &str,
) -> Result<Option<Uuid>, StoreError> {
    let Some(plan_id) = plan_id else {
        return Ok(None);
    };
    Ok(strategy::Entity::find()
        .filter(strategy::Column::PlanId.eq(plan_id))
        .filter(strategy::Column::Title.eq(title))
        .one(txn)
        .await?
        .map(|s| s.id))
}

/// Loads both toolkits in the demo's transaction.
pub(crate) async fn load(txn: &DatabaseTransaction) -> Result<(), StoreError> {
    let Some(slsj) = groupings::find_by_slug(txn, SLSJ).await? else {
        return Ok(());
    };
    let plan_id = plans::plans_of(txn, &[slsj.id])
        .await?
        .first()
        .map(|p| p.id);
    let pathways: Vec<Uuid> = pathway::Entity::find()
        .filter(pathway::Column::GroupingId.eq(slsj.id))
        .order_by_asc(pathway::Column::Position)
        .all(txn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();

    let (kit, created) = repo::ensure_toolkit(
        txn,
        &NewToolkit {
            slug: TOOLKIT_SLUG.to_owned(),
            title: TOOLKIT_TITLE.to_owned(),
            description: TOOLKIT_DESCRIPTION.to_owned(),
            source_note: TOOLKIT_SOURCE.to_owned(),
            kind: ToolkitKind::Toolkit,
            grouping_id: Some(slsj.id),
            plan_id,
        },
    )
    .await?;
    if created {
        let strategy = strategy_id(txn, plan_id, TOOLKIT_STRATEGY).await?;
        let mut ids = Vec::new();
        for t in &THEMES {
            let theme = repo::create_theme_in(
                txn,
                kit.id,
                &Theme {
                    title: t.title.to_owned(),
                    description: t.description.to_owned(),
                },
            )
            .await?;
            for d in t.activities {
                let write = ActivityWrite {
                    theme_id: theme.id,
                    activity: activity(d),
                    pathway_ids: pathways.get(t.pathway).copied().into_iter().collect(),
                    strategy_id: strategy,
                    placeholder: true,
                };
                ids.push(create(txn, &kit, &write).await?);
            }
        }
        runs(txn, slsj.id, &ids).await?;
    }

    let (list, created) = repo::ensure_toolkit(
        txn,
        &NewToolkit {
            slug: LIST_SLUG.to_owned(),
            title: LIST_TITLE.to_owned(),
            description: LIST_DESCRIPTION.to_owned(),
            source_note: LIST_SOURCE.to_owned(),
            kind: ToolkitKind::List,
            grouping_id: Some(slsj.id),
            plan_id,
        },
    )
    .await?;
    if created {
        let strategy = strategy_id(txn, plan_id, LIST_STRATEGY).await?;
        let theme = repo::create_theme_in(
            txn,
            list.id,
            &Theme {
                title: "Activités porteuses".to_owned(),
                description: String::new(),
            },
        )
        .await?;
        for d in &LIST {
            let write = ActivityWrite {
                theme_id: theme.id,
                activity: activity(d),
                pathway_ids: pathways.get(1).copied().into_iter().collect(),
                strategy_id: strategy,
                placeholder: true,
            };
            create(txn, &list, &write).await?;
        }
    }
    Ok(())
}

async fn create(
    txn: &DatabaseTransaction,
    kit: &toolkit::Model,
    write: &ActivityWrite,
) -> Result<Uuid, StoreError> {
    match repo::create_activity_in(txn, kit, write).await {
        Ok(a) => Ok(a.id),
        Err(repo::ToolkitsError::Store(e)) => Err(e),
        Err(other) => Err(StoreError::Invalid(format!("demo activity: {other}"))),
    }
}

/// A few runs by the grouping's two member organizations.
async fn runs(txn: &DatabaseTransaction, grouping: Uuid, ids: &[Uuid]) -> Result<(), StoreError> {
    let members = repo::member_organizations(txn, grouping).await?;
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    // (activity index, member index, date, participants, comment)
    let plan: [(usize, usize, NaiveDate, i32, &str); 6] = [
        (
            0,
            0,
            date(2016, 10, 12),
            14,
            "Soirée de lecture à la maison de la famille.",
        ),
        (0, 1, date(2016, 11, 3), 9, ""),
        (
            5,
            1,
            date(2017, 2, 15),
            22,
            "Pendant les Journées de la persévérance scolaire.",
        ),
        (
            9,
            0,
            date(2017, 3, 8),
            11,
            "Les parents ont demandé une deuxième rencontre.",
        ),
        (14, 1, date(2017, 5, 17), 18, ""),
        (18, 0, date(2017, 9, 6), 25, "Avec l’équipe-école."),
    ];
    for (activity, member, ran_on, participants, comment) in plan {
        let (Some(activity_id), Some((organization_id, _))) =
            (ids.get(activity), members.get(member))
        else {
            continue;
        };
        let write = RunWrite {
            activity_id: *activity_id,
            grouping_id: grouping,
            organization_id: organization_id.clone(),
            run: Run {
                date: ran_on,
                participants,
                comment: comment.to_owned(),
            },
            recorded_by: None,
        };
        match repo::record_run_in(txn, &write).await {
            Ok(_) => {}
            Err(repo::ToolkitsError::Store(e)) => return Err(e),
            Err(other) => return Err(StoreError::Invalid(format!("demo run: {other}"))),
        }
    }
    Ok(())
}
