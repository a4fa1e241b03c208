//! The print window's keys: the file name (or `| command`) is typed, Enter sends the list,
//! Esc cancels. A refusal (a file that exists, a place inside the data directory) keeps the
//! window open with the reason, so another name can be typed.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Modal};

impl App {
    pub(super) fn open_print(&mut self) {
        if crate::tui::print::view_lines(self).is_none() {
            self.say(
                format!("the {} view is not a list to print; use Patients, Round, Urgent or Jobs", self.view.title()),
                true,
            );
            return;
        }
        self.modal = Some(Modal::Print { target: crate::tui::print::default_target(self), error: None });
    }

    pub(super) fn print_key(&mut self, mut target: String, key: KeyEvent) {
        match key.code {
            KeyCode::Esc => {
                self.say("nothing was printed".into(), false);
                return;
            }
            KeyCode::Enter => {
                match crate::tui::print::send(self, &target) {
                    Ok(said) => self.say(said, false),
                    Err(error) => self.modal = Some(Modal::Print { target, error: Some(error) }),
                }
                return;
            }
            KeyCode::Backspace => {
                target.pop();
            }
            KeyCode::Char(c)
                if !c.is_control()
                    && !key.modifiers.contains(KeyModifiers::CONTROL)
                    && target.chars().count() < 400 =>
            {
                target.push(c);
            }
            _ => {}
        }
        self.modal = Some(Modal::Print { target, error: None });
    }
}
