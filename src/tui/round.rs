//! The Round view's lines: today's checklist grouped by patient, derived from the assessments.

use crate::engine::checklist::checklist;
use crate::engine::{Category, Completion};
use crate::ward::WardRow;

#[derive(Debug, Clone, PartialEq)]
pub struct RoundLine {
    pub file: String,
    /// A patient heading (not selectable), or an item.
    pub heading: bool,
    pub text: String,
    pub category: Option<Category>,
    /// The record that completes the item; none for a file that must be fixed first.
    pub completion: Option<Completion>,
    pub detail: String,
}

impl RoundLine {
    pub fn selectable(&self) -> bool {
        !self.heading
    }
}

/// Every patient with something on the round, in clinical priority order, each followed by its
/// items. Files with problems come first and are never filtered out by ward.
pub fn round_lines(rows: &[WardRow], ward: Option<&str>, edit_key: &str) -> Vec<RoundLine> {
    let mut out = Vec::new();
    for row in rows {
        let file = row.entry.file.clone();
        if row.has_problem() {
            out.push(RoundLine {
                file: file.clone(),
                heading: true,
                text: format!("UNREADABLE  {file}"),
                category: None,
                completion: None,
                detail: String::new(),
            });
            for p in &row.entry.problems {
                out.push(RoundLine {
                    file: file.clone(),
                    heading: false,
                    text: format!("?? fix this file: {p}"),
                    category: None,
                    completion: None,
                    detail: format!("press {edit_key} to edit the file"),
                });
            }
            continue;
        }
        let (Some(case), Some(a)) = (row.case(), &row.assessment) else { continue };
        if let Some(w) = ward
            && case.ward.as_ref().is_none_or(|cw| cw.raw() != w)
        {
            continue;
        }
        let items = checklist(case, a);
        if items.is_empty() {
            continue;
        }
        let bed = case.bed.as_ref().map(|b| format!("Bed {}  ", b.safe())).unwrap_or_default();
        out.push(RoundLine {
            file: file.clone(),
            heading: true,
            text: format!("{bed}{} ({})", case.name.safe(), case.id),
            category: None,
            completion: None,
            detail: String::new(),
        });
        for item in items {
            out.push(RoundLine {
                file: file.clone(),
                heading: false,
                text: format!("{} [ ] {}: {}", item.category.marker(), item.category.label(), item.text),
                category: Some(item.category),
                completion: Some(item.completion),
                detail: item.detail,
            });
        }
    }
    out
}
