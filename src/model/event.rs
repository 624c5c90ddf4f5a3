//! Events of the story, each resting on a sentence of the article.

use serde::{Deserialize, Serialize};

use super::{Count, PartialDate};

/// Where a date comes from, so the app can be honest about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// Stated in the article.
    Article,
    /// Follows from the article and its publication on Monday 5 July 2021.
    ArticleContext,
    /// Not in the article: added from general knowledge.
    GeneralKnowledge,
}

impl DateSource {
    /// Short phrase for the side panel and tooltips.
    pub fn label(self) -> &'static str {
        match self {
            Self::Article => "date from the article",
            Self::ArticleContext => "date inferred from the article's context",
            Self::GeneralKnowledge => "date from general knowledge, not in the article",
        }
    }
}

/// Event categories; each has a colour and symbol in the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Attack,
    Airstrike,
    Fighting,
    Refuge,
    Diplomacy,
    Politics,
    Deployment,
    Death,
    Civilian,
}

impl EventKind {
    /// Every kind, in legend order.
    pub const ALL: [EventKind; 9] = [
        Self::Refuge,
        Self::Fighting,
        Self::Attack,
        Self::Airstrike,
        Self::Deployment,
        Self::Diplomacy,
        Self::Politics,
        Self::Death,
        Self::Civilian,
    ];

    /// Name for the legend.
    pub fn label(self) -> &'static str {
        match self {
            Self::Attack => "Attack",
            Self::Airstrike => "Air strike",
            Self::Fighting => "Fighting",
            Self::Refuge => "Flight / refuge",
            Self::Diplomacy => "Diplomacy",
            Self::Politics => "Politics",
            Self::Deployment => "Troops",
            Self::Death => "Death",
            Self::Civilian => "Civilian life",
        }
    }
}

/// One entry of `data/events.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub date: PartialDate,
    pub date_source: DateSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    pub kind: EventKind,
    /// Place ids, most specific first.
    pub places: Vec<String>,
    /// Verbatim sentence of the article.
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<Count>,
}
