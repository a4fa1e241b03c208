//! The Patients filter as it is typed. `/` starts a new search, with the old one offered: the
//! first letter typed replaces it, Backspace edits it, Enter keeps it. A search that matches no
//! patient says so and leaves the list and its cursor as they were, on the last search that
//! matched: a list of nothing but unreadable files would put the cursor on one by surprise.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, View};

impl App {
    /// `/`: the Patients view, editing the filter, the old one offered.
    pub(super) fn start_filter(&mut self) {
        self.go(View::Patients);
        self.filter_editing = true;
        self.filter_offered = !self.filter.is_empty();
        self.filter_unmatched = false;
        self.filter_good = self.filter.clone();
    }

    pub(super) fn handle_filter_key(&mut self, key: KeyEvent) {
        let offered = std::mem::take(&mut self.filter_offered);
        match key.code {
            KeyCode::Esc => {
                self.filter.clear();
                self.filter_editing = false;
            }
            KeyCode::Enter => {
                self.filter_editing = false;
                if self.filter_unmatched {
                    let typed = std::mem::replace(&mut self.filter, self.filter_good.clone());
                    let kept = match self.filter.is_empty() {
                        true => "the list is not filtered".to_string(),
                        false => format!("the filter stays \"{}\"", self.filter),
                    };
                    self.filter_unmatched = false;
                    self.say(format!("no patient matches \"{typed}\"; {kept}"), true);
                }
                return;
            }
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Char(c) if !c.is_control() && !key.modifiers.contains(KeyModifiers::CONTROL) => {
                if offered {
                    self.filter.clear();
                }
                if self.filter.chars().count() < 40 {
                    self.filter.push(c);
                }
            }
            _ => {
                self.filter_offered = offered;
                return;
            }
        }
        self.apply_filter();
    }

    /// Shows the patients the typed filter matches, the cursor on the first; or, when it matches
    /// none, leaves the list and the cursor on the last filter that matched.
    fn apply_filter(&mut self) {
        let before = self.selected_file();
        self.filter_unmatched = false;
        self.refresh_visible();
        let matched = self.visible.iter().any(|&i| !self.rows[i].has_problem());
        if self.filter.is_empty() || matched {
            self.filter_good = self.filter.clone();
            // Problem files stay listed whatever the filter; the cursor goes on the first match.
            self.selected = match self.filter.is_empty() {
                true => 0,
                false => self.visible.iter().position(|&i| !self.rows[i].has_problem()).unwrap_or(0),
            };
            return;
        }
        self.filter_unmatched = true;
        self.refresh_visible_keeping(before);
    }

    /// The filter the list shows: the one typed, or while it matches nothing, the last that did.
    pub fn shown_filter(&self) -> &str {
        if self.filter_unmatched { &self.filter_good } else { &self.filter }
    }
}
