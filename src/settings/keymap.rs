//! Key bindings: one table of actions with their default keys, overridable in the config file.
//!
//! The footer hints, the help screen and every message that names a key take the key from this
//! table, so none of them can disagree with what a key does. Nothing needs the kitty keyboard protocol, Ctrl+Enter or a mouse.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::record::KindId;

macro_rules! actions {
    (
        $($variant:ident => $name:literal, [$($key:literal),*], $describe:literal;)+
        @records
        $($after:ident => $aname:literal, [$($akey:literal),*], $adescribe:literal;)+
    ) => {
        /// Everything a key can do in the dashboard: moving and showing, opening the form of each
        /// kind of record the catalogue gives a key, and the rest.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub enum Action {
            $($variant,)+
            /// Open the form of a kind of record (the catalogue's own key and words).
            Record(KindId),
            $($after,)+
        }

        const BEFORE: &[Action] = &[$(Action::$variant),+];
        const AFTER: &[Action] = &[$(Action::$after),+];
        const COUNT: usize = BEFORE.len() + KindId::WITH_KEYS + AFTER.len();
        /// The actions in the order the help lists them: the records' after moving and showing.
        const ORDERED: [Action; COUNT] = {
            let mut out = [Action::Quit; COUNT];
            let mut n = 0;
            let mut i = 0;
            while i < BEFORE.len() {
                out[n] = BEFORE[i];
                n += 1;
                i += 1;
            }
            let mut k = 0;
            while k < KindId::ALL.len() {
                if KindId::ALL[k].kind().action.is_some() {
                    out[n] = Action::Record(KindId::ALL[k]);
                    n += 1;
                }
                k += 1;
            }
            let mut a = 0;
            while a < AFTER.len() {
                out[n] = AFTER[a];
                n += 1;
                a += 1;
            }
            out
        };

        impl Action {
            pub const ALL: &'static [Action] = &ORDERED;

            /// The name used in the config file's `keys:` section.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)+
                    Action::Record(k) => k.kind().action.map_or(k.kind().command, |a| a.name),
                    $(Action::$after => $aname,)+
                }
            }

            /// What it does, for the help screen.
            pub fn describe(self) -> &'static str {
                match self {
                    $(Action::$variant => $describe,)+
                    Action::Record(k) => k.kind().action.map_or(k.kind().title, |a| a.describe),
                    $(Action::$after => $adescribe,)+
                }
            }

            fn default_keys(self) -> &'static [&'static str] {
                match self {
                    $(Action::$variant => &[$($key),*],)+
                    Action::Record(k) => match &k.kind().action {
                        Some(a) => std::slice::from_ref(&a.key),
                        None => &[],
                    },
                    $(Action::$after => &[$($akey),*],)+
                }
            }
        }
    };
}

actions! {
    Up => "up", ["k", "Up"], "move up";
    Down => "down", ["j", "Down"], "move down";
    Top => "top", ["g", "Home"], "go to the first row";
    Bottom => "bottom", ["G", "End"], "go to the last row";
    PageUp => "page_up", ["PageUp", "Ctrl-b"], "one page up";
    PageDown => "page_down", ["PageDown", "Ctrl-f"], "one page down";
    Open => "open", ["Enter"], "open the selected patient or item";
    Back => "back", ["Esc", "Backspace"], "back, cancel, clear the filter";
    NextView => "next_view", ["Tab"], "next view";
    PrevView => "prev_view", ["BackTab"], "previous view";
    ViewPatients => "view_patients", ["1"], "Patients view (the whole list)";
    ViewPatient => "view_patient", ["2"], "Patient view (the selected patient)";
    ViewRound => "view_round", ["3"], "Round view (today's checklist)";
    ViewUrgent => "view_urgent", ["4"], "Urgent view (open flags with countdowns)";
    ViewAudit => "view_audit", ["5"], "Audit view (how fast the pathway ran: the QS56 measures)";
    ViewJobs => "view_jobs", ["6"], "Jobs view (the ward's open jobs, overdue first)";
    Filter => "filter", ["/"], "filter by name, id, bed or ward (a new search)";
    WardFilter => "ward_filter", ["w"], "show one ward at a time";
    Sort => "sort", ["s"], "change the order (in the Round view: urgency or bed)";
    NextPatient => "next_patient", ["]"], "Round, Urgent views: the next patient";
    PrevPatient => "prev_patient", ["["], "Round, Urgent views: the previous patient";
    @records
    Edit => "edit", ["e"], "edit the case file in $EDITOR";
    NewPatient => "new_patient", ["n"], "add a new patient";
    Discharge => "discharge", ["D"], "discharge the patient (asks first)";
    Messages => "messages", ["L"], "the last messages again (the message log)";
    History => "history", ["W"], "who did what: the patient's audit.log lines";
    Help => "help", ["?"], "this help";
    JobDone => "job_done", ["y"], "Jobs view: tick off the selected job (done now, by you)";
    JobCancel => "job_cancel", ["C"], "Jobs view: cancel the selected job (asks the reason)";
    JobsMine => "jobs_mine", ["M"], "Jobs view: only your jobs, or everyone's again";
    Print => "print", ["P"], "print the list on screen to a file, or | a command (lp)";
    Quit => "quit", ["q"], "quit (asks before losing typed input or demo changes)";
}

/// One key as written in the config file: a character, a named key, or Ctrl-<char>.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const NAMED: [(&str, KeyCode); 12] = [
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Tab", KeyCode::Tab),
];

impl Key {
    pub fn parse(text: &str) -> Result<Key, String> {
        if let Some(rest) = text.strip_prefix("Ctrl-") {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => {
                    Ok(Key { code: KeyCode::Char(c.to_ascii_lowercase()), ctrl: true })
                }
                _ => Err(format!("`{text}`: Ctrl- takes one letter or digit, such as Ctrl-n")),
            };
        }
        if text == "BackTab" {
            return Ok(Key { code: KeyCode::BackTab, ctrl: false });
        }
        if let Some((_, code)) = NAMED.iter().find(|(name, _)| *name == text) {
            return Ok(Key { code: *code, ctrl: false });
        }
        if let Some(n) = text.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n)) {
            return Ok(Key { code: KeyCode::F(n), ctrl: false });
        }
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() && c != ' ' => Ok(Key { code: KeyCode::Char(c), ctrl: false }),
            _ => Err(format!(
                "`{}` is not a key; use one character, Up, Down, Left, Right, PageUp, PageDown, Home, End, Enter, Esc, Backspace, Tab, BackTab, F1-F12 or Ctrl-<letter>",
                crate::model::text::sanitize(text)
            )),
        }
    }

    pub fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        code == self.code && ctrl == self.ctrl
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "^")?;
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Bksp"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::F(n) => write!(f, "F{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Action, Vec<Key>)>,
}

impl Keymap {
    pub fn defaults() -> Keymap {
        Keymap::with_overrides(&BTreeMap::new()).unwrap_or_else(|_| Keymap { bindings: Vec::new() })
    }

    /// The defaults with the config file's `keys:` overrides; an unknown action, a bad key or a key
    /// bound to two actions is an error.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        for name in overrides.keys() {
            if !Action::ALL.iter().any(|a| a.name() == name) {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                return Err(format!(
                    "keys: `{}` is not an action{}; actions are {}",
                    crate::model::text::sanitize(name),
                    crate::model::vocab::did_you_mean(name, names.iter().copied()),
                    names.join(", ")
                ));
            }
        }
        let mut bindings = Vec::new();
        for action in Action::ALL {
            let keys: Vec<Key> = match overrides.get(action.name()) {
                Some(keys) => keys
                    .iter()
                    .map(|k| Key::parse(k).map_err(|e| format!("keys.{}: {e}", action.name())))
                    .collect::<Result<_, _>>()?,
                None => action.default_keys().iter().map(|k| Key::parse(k)).collect::<Result<_, _>>()?,
            };
            if keys.is_empty() {
                return Err(format!("keys.{}: needs at least one key", action.name()));
            }
            bindings.push((*action, keys));
        }
        for (i, (a, keys)) in bindings.iter().enumerate() {
            for (b, other) in &bindings[i + 1..] {
                if let Some(k) = keys.iter().find(|k| other.contains(k)) {
                    return Err(format!(
                        "keys: `{k}` is bound to both {} and {}; give each action its own keys",
                        a.name(),
                        b.name()
                    ));
                }
            }
        }
        Ok(Keymap { bindings })
    }

    /// The action a key press asks for.
    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.bindings.iter().find(|(_, keys)| keys.iter().any(|k| k.matches(event))).map(|(a, _)| *a)
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings.iter().find(|(a, _)| *a == action).map(|(_, k)| k.as_slice()).unwrap_or(&[])
    }

    /// "j/↓": every key of an action.
    pub fn label(&self, action: Action) -> String {
        self.keys(action).iter().map(|k| k.to_string()).collect::<Vec<_>>().join("/")
    }

    /// The first key of an action, for compact hints.
    pub fn first(&self, action: Action) -> String {
        self.keys(action).first().map(|k| k.to_string()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_have_no_conflicts_and_map_vim_and_arrow_keys() {
        let k = Keymap::with_overrides(&BTreeMap::new()).expect("defaults are valid");
        assert_eq!(k.action(&press(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Action::Down));
        assert_eq!(k.action(&press(KeyCode::Down, KeyModifiers::NONE)), Some(Action::Down));
        assert_eq!(k.action(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Action::Bottom));
        assert_eq!(k.action(&press(KeyCode::Char('f'), KeyModifiers::CONTROL)), Some(Action::PageDown));
        assert_eq!(
            k.action(&press(KeyCode::Char('f'), KeyModifiers::NONE)),
            Some(Action::Record(KindId::Referral)),
            "plain f is not Ctrl-f"
        );
        assert_eq!(k.label(Action::Down), "j/↓");
    }

    #[test]
    fn overrides_replace_one_action_and_are_checked() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), vec!["Q".to_string(), "Ctrl-c".to_string()]);
        let k = Keymap::with_overrides(&o).expect("valid override");
        assert_eq!(k.action(&press(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        assert_eq!(k.action(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));

        let mut bad = BTreeMap::new();
        bad.insert("qiut".to_string(), vec!["q".to_string()]);
        assert!(Keymap::with_overrides(&bad).expect_err("unknown").contains("did you mean `quit`"));
        let mut clash = BTreeMap::new();
        clash.insert("quit".to_string(), vec!["j".to_string()]);
        assert!(Keymap::with_overrides(&clash).expect_err("clash").contains("bound to both"));
        let mut weird = BTreeMap::new();
        weird.insert("quit".to_string(), vec!["Ctrl-Enter".to_string()]);
        assert!(Keymap::with_overrides(&weird).is_err());
    }
}
