//! One acknowledgement as a line: a plan ("acknowledged 2026-11-23 09:10 by Dr Patel: MRI
//! booked") or, for one that closed the flag or step, who closed it and why. A closing
//! acknowledgement has no plan; printing it as an acknowledgement would show an empty plan and
//! hide the reason, which is the one thing the next reader needs.

use crate::engine::{Flag, FlagStatus};
use crate::model::Acknowledgement;

/// A flag's acknowledgements as lines, less the one that closed it: the flag's own clock line
/// already says who closed it and why ([`super::flag_clock`]).
pub fn ack_lines(f: &Flag) -> Vec<String> {
    let closed_at = match &f.status {
        FlagStatus::Closed { at, .. } => Some(*at),
        _ => None,
    };
    f.acknowledgements.iter().filter(|a| !(a.closed.is_some() && Some(a.at) == closed_at)).map(ack_line).collect()
}

/// "acknowledged AT by X: plan" or "closed AT by X: reason".
pub fn ack_line(a: &Acknowledgement) -> String {
    let by = a.by.as_ref().map(|b| b.safe()).unwrap_or_else(|| "?".into());
    match &a.closed {
        Some(reason) => format!("closed {} by {by}: {}", a.at, reason.safe()),
        None => format!("acknowledged {} by {by}: {}", a.at, a.plan.as_ref().map(|p| p.safe()).unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stamp, Text};

    #[test]
    fn a_closing_acknowledgement_says_closed_and_why() {
        let mut a = Acknowledgement {
            flag: "mscc-neuro".parse().expect("rule"),
            at: Stamp::parse("2026-11-23 09:10").expect("stamp"),
            by: Some(Text::new("Dr Patel")),
            plan: None,
            closed: Some(Text::new("MRI last week, no change")),
            reason: None,
            role: None,
            mri_at: None,
            struck: None,
        };
        assert_eq!(ack_line(&a), "closed 2026-11-23 09:10 by Dr Patel: MRI last week, no change");
        a.closed = None;
        a.plan = Some(Text::new("MRI booked"));
        assert_eq!(ack_line(&a), "acknowledged 2026-11-23 09:10 by Dr Patel: MRI booked");
    }
}
