//! Who is recording: a clinician's name and, when known, their role, set once (the config file's
//! `clinician:`, `$CORDWATCH_CLINICIAN`, or the dashboard's first-run question) and used as the
//! default "by" of every record and beside the OS account in the audit log.
//!
//! Written as one line, `Dr A Shah (registrar)`: the role in brackets at the end is a word of
//! the role vocabulary. A name alone is a name without a role, never a guessed one.

use super::text::Text;
use super::vocab::Role;

/// A clinician: a name, and a role when one was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clinician {
    pub name: Text,
    pub role: Option<Role>,
}

impl Clinician {
    /// A clinician from a name and a role word; a blank name is refused.
    pub fn new(name: &str, role: Option<&str>) -> Result<Clinician, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("the clinician's name is empty; give a name such as \"Dr A Shah\"".into());
        }
        if name.chars().any(|c| c.is_control()) {
            return Err("the clinician's name holds a control character; give it on one line".into());
        }
        let role = role.map(|r| r.trim().parse::<Role>()).transpose().map_err(|e| e.to_string())?;
        Ok(Clinician { name: Text::new(name.to_string()), role })
    }

    /// Reads `Name (role)` or `Name`: a bracketed word at the end is the role, and must be one of
    /// the role vocabulary (a misspelt role is refused, never kept as part of the name).
    pub fn parse(line: &str) -> Result<Clinician, String> {
        let line = line.trim();
        match line.strip_suffix(')').and_then(|rest| rest.rsplit_once('(')) {
            Some((name, role)) => Clinician::new(name, Some(role)),
            None => Clinician::new(line, None),
        }
    }

    /// One line, as [`Clinician::parse`] reads it: `Dr A Shah (registrar)`.
    pub fn line(&self) -> String {
        match self.role {
            Some(role) => format!("{} ({role})", self.name.safe()),
            None => self.name.safe(),
        }
    }
}

impl std::fmt::Display for Clinician {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.line())
    }
}

/// How a record's author is said in the audit log and on screen: `name (role)`, or the name
/// alone.
pub fn by_line(by: &Text, role: Option<Role>) -> String {
    Clinician { name: by.clone(), role }.line()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_a_role_and_a_name_alone_both_read() {
        let c = Clinician::parse("Dr A Shah (registrar)").expect("name and role");
        assert_eq!((c.name.raw(), c.role), ("Dr A Shah", Some(Role::Registrar)));
        assert_eq!(c.line(), "Dr A Shah (registrar)");
        let c = Clinician::parse("  Sister Jones ").expect("name alone");
        assert_eq!((c.name.raw(), c.role), ("Sister Jones", None));
        assert_eq!(Clinician::parse(&c.line()), Ok(c));
    }

    #[test]
    fn a_misspelt_role_or_a_blank_name_is_refused() {
        let err = Clinician::parse("Dr A Shah (registar)").expect_err("misspelt role");
        assert!(err.contains("registar"), "{err}");
        assert!(Clinician::parse("(registrar)").is_err(), "a role without a name");
        assert!(Clinician::parse("   ").is_err());
        assert!(Clinician::new("Dr\nShah", None).is_err());
    }
}
