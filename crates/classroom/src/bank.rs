//! The workshop's texts, side by side in English and French: sentences whose sentiment the
//! students label (with the expected label) and short posts they add hashtags to. The same item
//! is drawn in either language, so a workshop's answers do not depend on its language.

use serde::{Deserialize, Serialize};

/// The label of a sentence's sentiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sentiment {
    /// Pleased, enthusiastic, grateful.
    Positive,
    /// Displeased, angry, disappointed.
    Negative,
    /// A plain statement of fact.
    Neutral,
}

/// A sentence to label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// In English.
    pub en: &'static str,
    /// In French.
    pub fr: &'static str,
    /// The expected label.
    pub sentiment: Sentiment,
}

const fn s(en: &'static str, fr: &'static str, sentiment: Sentiment) -> Sentence {
    Sentence { en, fr, sentiment }
}

use Sentiment::{Negative, Neutral, Positive};

/// Sentences to label: eight of each sentiment, written to be clear-cut.
pub const SENTENCES: [Sentence; 24] = [
    s(
        "This phone case is perfect, I love it!",
        "Cette coque de téléphone est parfaite, je l'adore !",
        Positive,
    ),
    s(
        "The delivery came a day early, great service.",
        "La livraison est arrivée un jour plus tôt, super service.",
        Positive,
    ),
    s(
        "Best concert of my life, thank you all!",
        "Le meilleur concert de ma vie, merci à tous !",
        Positive,
    ),
    s(
        "The new library is bright and the staff are so kind.",
        "La nouvelle médiathèque est lumineuse et l'équipe est adorable.",
        Positive,
    ),
    s(
        "What a beautiful goal, the whole stadium was cheering.",
        "Quel but magnifique, tout le stade applaudissait.",
        Positive,
    ),
    s(
        "I finally passed my driving test, so happy!",
        "J'ai enfin eu mon permis, trop contente !",
        Positive,
    ),
    s(
        "Delicious pizza and a friendly welcome, we will be back.",
        "Pizza délicieuse et accueil chaleureux, on reviendra.",
        Positive,
    ),
    s(
        "This tutorial saved my homework, brilliant explanation.",
        "Ce tutoriel a sauvé mes devoirs, explication géniale.",
        Positive,
    ),
    s(
        "The app crashes every time I open it. Useless.",
        "L'appli plante à chaque ouverture. Inutile.",
        Negative,
    ),
    s(
        "Two hours late and nobody told us anything.",
        "Deux heures de retard et personne ne nous a prévenus.",
        Negative,
    ),
    s(
        "The headphones broke after one week, what a waste of money.",
        "Le casque s'est cassé au bout d'une semaine, quel gâchis.",
        Negative,
    ),
    s(
        "Worst customer service ever, I am so angry.",
        "Le pire service client qui soit, je suis furieux.",
        Negative,
    ),
    s(
        "The film was boring and far too long.",
        "Le film était ennuyeux et beaucoup trop long.",
        Negative,
    ),
    s(
        "My order arrived damaged and the refund was refused.",
        "Ma commande est arrivée abîmée et le remboursement a été refusé.",
        Negative,
    ),
    s(
        "The canteen food was cold again today, disgusting.",
        "La cantine était encore froide aujourd'hui, immangeable.",
        Negative,
    ),
    s(
        "So disappointed by this update, everything is slower.",
        "Très déçue par cette mise à jour, tout est plus lent.",
        Negative,
    ),
    s(
        "The shop opens at nine on Saturdays.",
        "Le magasin ouvre à neuf heures le samedi.",
        Neutral,
    ),
    s(
        "The bus line 12 now stops at the station.",
        "La ligne de bus 12 s'arrête maintenant à la gare.",
        Neutral,
    ),
    s(
        "The meeting has been moved to room B.",
        "La réunion a été déplacée en salle B.",
        Neutral,
    ),
    s(
        "This jacket is available in three sizes.",
        "Cette veste existe en trois tailles.",
        Neutral,
    ),
    s(
        "The match starts at eight in the evening.",
        "Le match commence à vingt heures.",
        Neutral,
    ),
    s(
        "The museum is closed on Tuesdays.",
        "Le musée est fermé le mardi.",
        Neutral,
    ),
    s(
        "The recipe uses two eggs and some flour.",
        "La recette demande deux œufs et un peu de farine.",
        Neutral,
    ),
    s(
        "The train to Lyon leaves from platform 4.",
        "Le train pour Lyon part de la voie 4.",
        Neutral,
    ),
];

/// A short post to add hashtags to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Post {
    /// In English.
    pub en: &'static str,
    /// In French.
    pub fr: &'static str,
}

const fn p(en: &'static str, fr: &'static str) -> Post {
    Post { en, fr }
}

/// Posts to tag, of the kind people share every day.
pub const POSTS: [Post; 12] = [
    p(
        "Sunset over the sea after a long day at the beach.",
        "Coucher de soleil sur la mer après une longue journée à la plage.",
    ),
    p(
        "Homemade chocolate cake for my sister's birthday.",
        "Gâteau au chocolat maison pour l'anniversaire de ma sœur.",
    ),
    p(
        "First snow of the year in the mountains!",
        "Première neige de l'année à la montagne !",
    ),
    p(
        "Our team won the school basketball final.",
        "Notre équipe a gagné la finale de basket du lycée.",
    ),
    p(
        "My cat fell asleep on my keyboard again.",
        "Mon chat s'est encore endormi sur mon clavier.",
    ),
    p(
        "Cycling to school this morning, the air was so fresh.",
        "À vélo jusqu'au lycée ce matin, l'air était si frais.",
    ),
    p(
        "Trying a new vegetarian recipe tonight.",
        "J'essaie une nouvelle recette végétarienne ce soir.",
    ),
    p(
        "Street art spotted near the station.",
        "Street art repéré près de la gare.",
    ),
    p(
        "Studying for the exams with my friends at the library.",
        "Révisions pour les examens avec les copains à la médiathèque.",
    ),
    p(
        "The climate march gathered thousands of people today.",
        "La marche pour le climat a réuni des milliers de personnes aujourd'hui.",
    ),
    p(
        "New sneakers, ready for the marathon.",
        "Nouvelles baskets, prêt pour le marathon.",
    ),
    p(
        "Rainy Sunday, films and hot chocolate.",
        "Dimanche pluvieux, films et chocolat chaud.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_in_both_languages_and_sentiments_are_balanced() {
        for sentence in SENTENCES {
            assert!(!sentence.en.is_empty() && !sentence.fr.is_empty());
            assert_ne!(sentence.en, sentence.fr);
        }
        for sentiment in [Positive, Negative, Neutral] {
            let count = SENTENCES
                .iter()
                .filter(|s| s.sentiment == sentiment)
                .count();
            assert_eq!(count, 8, "{sentiment:?}");
        }
        for post in POSTS {
            assert!(!post.en.contains('#') && !post.fr.contains('#'));
        }
    }
}
