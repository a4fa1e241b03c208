//! What a key does to one field of a form, and what to say when it does nothing there: a choice
//! takes only its own keys, a score only digits, and free text goes only into text fields. A key
//! a field does not take changes nothing and is answered in the field with the keys it does take.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::forms::{Field, Input};

/// Applies `key` to `input`; false when the field takes no such key (nothing changed).
pub fn edit(input: &mut Input, key: KeyEvent) -> bool {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match (input, key.code) {
        (_, KeyCode::Char(_)) if control => false,
        (Input::Choice { options, selected }, KeyCode::Char(c)) => {
            match options.iter().position(|(k, _)| *k == c.to_ascii_lowercase()) {
                Some(i) => {
                    *selected = if *selected == Some(i) { None } else { Some(i) };
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
        (Input::Text { value, .. }, KeyCode::Char(c)) if !c.is_control() => {
            if value.chars().count() < 500 {
                value.push(c);
            }
            true
        }
        (Input::Text { value, .. }, KeyCode::Backspace) => {
            value.pop();
            true
        }
        (Input::Score { value }, KeyCode::Char(c)) if c.is_ascii_digit() => {
            let d = c as u8 - b'0';
            *value = Some(if *value == Some(1) && d == 0 { 10 } else { d });
            true
        }
        (Input::Score { value }, KeyCode::Backspace | KeyCode::Delete) => {
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
        Input::Score { .. } => "digits 0-10 (Backspace clears)".to_string(),
        Input::Text { .. } => "text".to_string(),
    };
    let not = match (typed, text_in) {
        (Some(c), Some(text)) if !c.is_control() => format!("; '{c}' is not one of them (text goes in {text})"),
        (Some(c), None) if !c.is_control() => format!("; '{c}' is not one of them"),
        _ => String::new(),
    };
    format!("{} takes {takes}{not}", field.label)
}
