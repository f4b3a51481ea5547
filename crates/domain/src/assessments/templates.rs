//! The tools shipped from seed 003 (« Collaboration École-famille », the
//! Ministère's support tool for school staff), their text verbatim, as the
//! seed writes it (straight apostrophes and « ... » included): the API
//! promises the items word for word.

/// A section of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateSection {
    pub title: &'static str,
    pub guide: Option<&'static str>,
    pub items: &'static [&'static str],
}

/// A tool the platform ships, loaded once by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    pub key: &'static str,
    pub title: &'static str,
    pub introduction: &'static str,
    pub sections: &'static [TemplateSection],
}

/// Seed 003's self-assessment tool: one section, its guiding sentence and
/// its seven items, rated on the default scale.
pub const DENOUER: Template = Template {
    key: "seed-003-denouer-les-enjeux",
    title: "Dénouer les enjeux liés à la relation école-famille, un nœud à la fois",
    introduction: concat!(
        "Outil d'accompagnement pour le personnel scolaire travaillant en milieu défavorisé",
        "\n\n",
        "Cet outil présente des pistes d'action que l'école peut mettre en place pour mieux s'adapter aux diverses conditions de vie des familles et établir avec elles une relation de confiance, de respect mutuel, d'acceptation et d'égalité. Il s'adresse à toute personne travaillant dans le réseau scolaire (gestionnaire, professionnel ou enseignant) qui souhaite accroître son pouvoir d'agir sur le parcours des élèves de milieu défavorisé en misant notamment sur le lien école-famille.",
        "\n\n",
        "Brossez le portrait des diverses manifestations de la collaboration école-famille dans votre milieu en faisant état de celles qui sont déjà bien implantées et de celles qui nécessiteraient d'être améliorées ou mises en place. De toutes ces manifestations, ne retenez que celles qui vous semblent adaptées à la réalité et aux besoins de votre milieu."
    ),
    sections: &[TemplateSection {
        title: "La raison pour laquelle ces parents semblent désengagés est peut-être...",
        guide: Some(
            "... qu'ils sont confrontés à des difficultés qui entravent leur participation à la vie scolaire de leur enfant.",
        ),
        items: &[
            "Connaître les conditions de vie des familles en s'intéressant à leur vécu, à leurs champs d'intérêt et à l'environnement dans lequel elles évoluent.",
            "Dresser et mettre à jour la liste des organismes communautaires de la région qui peuvent venir en aide aux familles aux prises avec de l'insécurité alimentaire, matérielle ou financière.",
            "Se concerter avec les partenaires de la communauté pour établir des ententes concernant l'offre de services aux jeunes et à leur famille.",
            "Créer un climat favorable à la communication en adoptant une attitude ouverte, respectueuse et à l'écoute de l'autre.",
            "Faire appel à l'agente ou à l'agent de soutien au renforcement du lien école-famille ou à une autre personne-ressource qui a le mandat de soutenir le lien avec les familles et de guider le personnel scolaire.",
            "Donner la parole aux parents afin de pouvoir répondre à leurs questions, à leurs inquiétudes et à leurs besoins.",
            "S'assurer que le non-respect de certaines règles n'est pas dû à un manque de ressources financières.",
        ],
    }],
};

/// Seed 003's questions to guide the deployment (Qui? Pourquoi? Comment?)
/// and its favourable conditions: a team's reflection.
pub const DEPLOIEMENT: Template = Template {
    key: "seed-003-deploiement-lien-ecole-famille",
    title: "Questions pour guider le déploiement",
    introduction: "Au Québec, le réseau scolaire déploie des efforts considérables pour établir une collaboration école-famille positive qui favorise le maintien de l'engagement parental. Toutefois, avant de se lancer dans l'élaboration d'actions, de programmes et de stratégies pour aller à la rencontre des familles, il faut se poser certaines questions, dont voici quelques exemples :",
    sections: &[
        TemplateSection {
            title: "Questions pour guider le déploiement",
            guide: None,
            items: &[
                "Qui? Qui sont les élèves dont le parcours scolaire pourrait souffrir de l'absence d'un lien école-famille? Qui sont leurs familles?",
                "Pourquoi? Quelles sont les raisons qui pourraient affecter le lien entre l'école et la famille?",
                "Comment? En tenant compte des obstacles rencontrés, quelles sont les actions à prévoir pour créer et consolider le lien école-famille? Qui sont les acteurs avec qui l'équipe-école peut collaborer pour lever ces obstacles et créer un filet de protection autour des élèves et des familles?",
            ],
        },
        TemplateSection {
            title: "Conditions favorables au déploiement de la mesure",
            guide: Some(
                "Établir des ponts entre les familles et l'école et renforcer ce lien implique la mise en place de certaines conditions, dont voici des exemples :",
            ),
            items: &[
                "Prioriser les élèves et les familles : Créer un lien de confiance et l'entretenir demande du temps. Il faut donc se donner les moyens nécessaires pour prioriser les familles à joindre.",
                "Favoriser la concertation entre les acteurs : Réfléchir à des façons de faire et à des stratégies gagnantes où les savoirs de chacun permettront de s'appuyer sur un savoir-faire collectif et cohérent pour les familles.",
                "S'appuyer sur le projet éducatif comme levier à la mobilisation et à l'adhésion : Définir un objectif commun qui contribue à la mobilisation des acteurs et au partage des responsabilités selon l'expertise propre à chacun.",
                "Mettre en commun les ressources disponibles : Permettre aux différents acteurs touchés par les enjeux de la relation école-famille-communauté de se concerter et de tirer profit des expertises de chacun.",
                "Assurer en continu un suivi des actions menées : Optimiser la collaboration école-famille sera possible si celle-ci est planifiée, évaluée et ajustée aux besoins des acteurs.",
            ],
        },
    ],
};

/// Every shipped template, in the order the pages list them.
pub const ALL: [&Template; 2] = [&DENOUER, &DEPLOIEMENT];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_tool_has_its_seven_items_in_order() {
        assert_eq!(DENOUER.sections.len(), 1);
        let items = DENOUER.sections[0].items;
        assert_eq!(items.len(), 7);
        assert!(items[0].starts_with("Connaître les conditions de vie des familles"));
        assert!(items[6].starts_with("S'assurer que le non-respect"));
        assert!(
            DENOUER.sections[0]
                .guide
                .unwrap()
                .starts_with("... qu'ils sont confrontés")
        );
    }

    #[test]
    fn the_deployment_template_asks_who_why_how_and_lists_five_conditions() {
        let questions = DEPLOIEMENT.sections[0].items;
        assert!(questions[0].starts_with("Qui?"));
        assert!(questions[1].starts_with("Pourquoi?"));
        assert!(questions[2].starts_with("Comment?"));
        assert_eq!(DEPLOIEMENT.sections[1].items.len(), 5);
        let keys: std::collections::HashSet<&str> = ALL.iter().map(|t| t.key).collect();
        assert_eq!(keys.len(), ALL.len());
    }
}
