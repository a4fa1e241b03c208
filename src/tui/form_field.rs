//! What a key does to one field of a form, and what to say when it does nothing there: a choice
//! takes only its own keys, a score only digits, and free text goes only into text fields. A key
//! a field does not take changes nothing and is answered in the field with the keys it does take.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::forms::{Field, Input};

/// The longest text a field takes.
const MAX_TEXT: usize = 500;

/// Edits a line of text as a shell does: Left/Right, Home/End and Ctrl-A/Ctrl-E move; Backspace
/// and Delete take the letter before and under the cursor; Ctrl-U clears to the start, Ctrl-W the
/// word before the cursor. False for a key that does nothing to text.
fn line_edit(value: &mut String, cursor: &mut usize, code: KeyCode, control: bool) -> bool {
    let mut chars: Vec<char> = value.chars().collect();
    let mut at = (*cursor).min(chars.len());
    match (code, control) {
        (KeyCode::Left, _) | (KeyCode::Char('b'), true) => at = at.saturating_sub(1),
        (KeyCode::Right, _) | (KeyCode::Char('f'), true) => at = (at + 1).min(chars.len()),
        (KeyCode::Home, _) | (KeyCode::Char('a'), true) => at = 0,
        (KeyCode::End, _) | (KeyCode::Char('e'), true) => at = chars.len(),
        (KeyCode::Backspace, false) | (KeyCode::Char('h'), true) if at > 0 => {
            chars.remove(at - 1);
            at -= 1;
        }
        (KeyCode::Backspace, _) | (KeyCode::Char('h'), true) => {}
        (KeyCode::Delete, _) | (KeyCode::Char('d'), true) => {
            if at < chars.len() {
                chars.remove(at);
            }
        }
        (KeyCode::Char('u'), true) => {
            chars.drain(..at);
            at = 0;
        }
        (KeyCode::Char('k'), true) => chars.truncate(at),
        (KeyCode::Char('w'), true) => {
            let mut from = at;
            while from > 0 && chars[from - 1].is_whitespace() {
                from -= 1;
            }
            while from > 0 && !chars[from - 1].is_whitespace() {
                from -= 1;
            }
            chars.drain(from..at);
            at = from;
        }
        (KeyCode::Char(c), false) if !c.is_control() => {
            if chars.len() < MAX_TEXT {
                chars.insert(at, c);
                at += 1;
            }
        }
        _ => return false,
    }
    *value = chars.into_iter().collect();
    *cursor = at;
    true
}

/// Applies `key` to `input`; false when the field takes no such key (nothing changed).
pub fn edit(input: &mut Input, key: KeyEvent) -> bool {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    if let Input::Text { value, cursor, .. } = input {
        return line_edit(value, cursor, key.code, control);
    }
    match (input, key.code) {
        (_, KeyCode::Char(_)) if control => false,
        (Input::Choice { options, selected }, KeyCode::Char(c)) => {
            match options.iter().position(|(k, _)| *k == c.to_ascii_lowercase()) {
                // A key selects, and again keeps it selected: pressing "1" twice to be sure
                // must never clear the choice. Backspace clears.
                Some(i) => {
                    *selected = Some(i);
                    true
                }
                None => false,
            }
        }
        (Input::Choice { selected, .. }, KeyCode::Backspace | KeyCode::Delete) => {
            *selected = None;
            true
        }
        (Input::Toggles { options, on }, KeyCode::Char(c)) => {
            match options.iter().position(|(k, _)| *k == c.to_ascii_lowercase()) {
                Some(i) => {
                    on[i] = !on[i];
                    true
                }
                None => false,
            }
        }
        (Input::Score { value, max }, KeyCode::Char(c)) if c.is_ascii_digit() => {
            let d = c as u8 - b'0';
            if *value == Some(1) && d == 0 && *max >= 10 {
                *value = Some(10);
            } else if d <= *max {
                *value = Some(d);
            } else {
                // A 7 in a 0-5 grade is a slip, not a value: said, not kept.
                return false;
            }
            true
        }
        (Input::Score { value, .. }, KeyCode::Backspace | KeyCode::Delete) => {
            *value = None;
            true
        }
        _ => false,
    }
}

/// What the field takes, said after a key it does not: "Motor takes n normal, w weakness, p
/// paralysis (Backspace clears); 'e' is not one of them". `text_in` names the form's field for
/// free text, when it has one, so a note started in the wrong place finds its way.
pub fn keys_of(field: &Field, typed: Option<char>, text_in: Option<&str>) -> String {
    let listed = |options: &[(char, String)]| -> String {
        options.iter().map(|(k, w)| format!("{k} {w}")).collect::<Vec<_>>().join(", ")
    };
    let takes = match &field.input {
        Input::Choice { options, .. } if options.is_empty() => "nothing to choose".to_string(),
        Input::Choice { options, .. } => format!("{} (Backspace clears)", listed(options)),
        Input::Toggles { options, .. } => format!("{} (each key turns it on or off)", listed(options)),
        Input::Score { max, .. } => format!("digits 0-{max} (Backspace clears)"),
        Input::Text { .. } => "text: Left/Right, Home/End (Ctrl-A/E) move, Ctrl-U and Ctrl-W delete".to_string(),
    };
    let not = match (typed, text_in) {
        (Some(c), Some(text)) if !c.is_control() => format!("; '{c}' is not one of them (text goes in {text})"),
        (Some(c), None) if !c.is_control() => format!("; '{c}' is not one of them"),
        _ => String::new(),
    };
    format!("{} takes {takes}{not}", field.label)
}
