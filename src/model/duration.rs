//! Every duration the program says, in one place: the long form for sentences ("5h 20m",
//! "1h 30m late") and the short form for table cells ("18h left", "3h ago"). The engine keeps the
//! minutes; these functions are the only words for them, so the command line, the Markdown
//! checklist and the dashboard say the same thing.
//!
//! A leaf below the engine: it knows only numbers, so the engine's own sentences (a checklist
//! item, a schedule item's detail, which are JSON fields) use it without reaching up to
//! `present`, which re-exports it for the front ends.

/// "5h 20m", "3d 4h", "45m": a duration in a sentence.
pub fn long(minutes: i64) -> String {
    let m = minutes.unsigned_abs();
    let (days, hours, mins) = (m / 1440, (m % 1440) / 60, m % 60);
    if days >= 2 || (days >= 1 && hours == 0) {
        if hours == 0 { format!("{days}d") } else { format!("{days}d {hours}h") }
    } else if m >= 60 {
        let hours = m / 60;
        if mins == 0 { format!("{hours}h") } else { format!("{hours}h {mins}m") }
    } else {
        format!("{mins}m")
    }
}

/// "19h", "45m", "3d": a duration rounded down to its largest unit, for a table cell.
fn short(minutes: i64) -> String {
    let m = minutes.unsigned_abs();
    if m >= 48 * 60 {
        format!("{}d", m / 1440)
    } else if m >= 60 {
        format!("{}h", m / 60)
    } else {
        format!("{m}m")
    }
}

/// "left" or "late" after `amount`, or "due now" at the deadline itself.
fn against_deadline(minutes_left: i64, amount: String) -> String {
    match minutes_left {
        0 => "due now".to_string(),
        m if m > 0 => format!("{amount} left"),
        _ => format!("{amount} late"),
    }
}

/// "5h left", "due now", "1h 30m late": where an open flag stands against its deadline, in a
/// sentence.
pub fn countdown(minutes_left: i64) -> String {
    against_deadline(minutes_left, long(minutes_left))
}

/// "19h left", "45m late", "3d left": the same countdown short enough for a table cell.
pub fn countdown_cell(minutes_left: i64) -> String {
    against_deadline(minutes_left, short(minutes_left))
}

/// "1h 30m" stressed in capitals for a late flag, with minutes said as MIN ("1H 30 MIN"), so
/// that "4M" is never read as four months.
fn shout(amount: &str) -> String {
    amount
        .split(' ')
        .map(|part| match part.strip_suffix('m') {
            Some(n) => format!("{n} MIN"),
            None => part.to_uppercase(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`countdown`] as a front end stresses it: "1H 30 MIN LATE" when late, else unchanged.
pub fn countdown_stressed(minutes_left: i64) -> String {
    if minutes_left < 0 { format!("{} LATE", shout(&long(minutes_left))) } else { countdown(minutes_left) }
}

/// [`countdown_cell`] as a front end stresses it: "4 MIN LATE", "3H LATE", "2D LATE" when late,
/// else unchanged.
pub fn countdown_cell_stressed(minutes_left: i64) -> String {
    if minutes_left < 0 { format!("{} LATE", shout(&short(minutes_left))) } else { countdown_cell(minutes_left) }
}

/// "3h ago", "2d ago": how long since something, for a table cell.
pub fn ago_cell(minutes_since: i64) -> String {
    format!("{} ago", short(minutes_since))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_say_the_minutes_cells_round_down() {
        assert_eq!(long(45), "45m");
        assert_eq!(long(60), "1h");
        assert_eq!(long(5 * 60 + 20), "5h 20m");
        assert_eq!(long(24 * 60), "1d");
        assert_eq!(long(30 * 60), "30h");
        assert_eq!(long(6 * 24 * 60 + 60), "6d 1h");
        assert_eq!(countdown(0), "due now");
        assert_eq!(countdown(-90), "1h 30m late");
        assert_eq!(countdown(300), "5h left");
        assert_eq!(countdown(23 * 60 + 59), "23h 59m left");
        assert_eq!(countdown_cell(23 * 60 + 59), "23h left");
        assert_eq!(countdown_cell(18 * 60 + 47), "18h left");
        assert_eq!(countdown_cell(-(18 * 60 + 47)), "18h late");
        assert_eq!(countdown_cell(5 * 1440 + 300), "5d left");
        assert_eq!(countdown_cell(30), "30m left");
        assert_eq!(countdown_cell(0), "due now");
        assert_eq!(ago_cell(3 * 60 + 5), "3h ago");
        assert_eq!(ago_cell(0), "0m ago");
    }

    #[test]
    fn late_is_stressed_without_a_bare_m_that_reads_as_months() {
        assert_eq!(countdown_cell_stressed(-4), "4 MIN LATE");
        assert_eq!(countdown_cell_stressed(-59), "59 MIN LATE");
        assert_eq!(countdown_cell_stressed(-60), "1H LATE");
        assert_eq!(countdown_cell_stressed(-(3 * 60 + 59)), "3H LATE");
        assert_eq!(countdown_cell_stressed(-(47 * 60 + 59)), "47H LATE");
        assert_eq!(countdown_cell_stressed(-(48 * 60)), "2D LATE");
        assert_eq!(countdown_cell_stressed(-(5 * 1440 + 300)), "5D LATE");
        // Not late: the plain words, unstressed.
        assert_eq!(countdown_cell_stressed(0), "due now");
        assert_eq!(countdown_cell_stressed(4), "4m left");
        assert_eq!(countdown_stressed(-30), "30 MIN LATE");
        assert_eq!(countdown_stressed(-90), "1H 30 MIN LATE");
        assert_eq!(countdown_stressed(-(6 * 24 * 60 + 60)), "6D 1H LATE");
        assert_eq!(countdown_stressed(-(24 * 60)), "1D LATE");
        assert_eq!(countdown_stressed(300), "5h left");
        for m in 1..(10 * 1440) {
            for words in [countdown_stressed(-m), countdown_cell_stressed(-m)] {
                assert!(!words.contains("M ") && !words.ends_with('M'), "{m}: {words}");
            }
        }
    }
}
