//! Calendar dates and ward-clock moments as case files write them.
//!
//! Case files record the ward's wall clock with minute precision ("2026-11-21 08:30"); the ward's
//! time zone (the `time_zone` setting, handed in by the front end through [`set_ward_zone`]) makes
//! each wall time one real moment, and a repeated hour is written with its offset
//! ("2026-10-25 01:30 +01:00"). These types parse exactly the formats the case-file contract
//! allows, reject impossible dates and times a clock change skips, and do the little arithmetic
//! the engine needs in real elapsed time (whole minutes) and in calendar days. Nothing here reads
//! `TZ` or the machine's zone.

use std::fmt;

use jiff::civil;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How far ahead of the clock a record may be dated before it is refused or is a problem with the
/// file: clocks on two machines differ by a little, a year typo by much more.
pub const CLOCK_SKEW_MINUTES: i64 = 5;

/// Earliest and latest years accepted: anything outside is a typing error, not a real record.
const YEAR_RANGE: std::ops::RangeInclusive<i16> = 1900..=2200;

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date(civil::Date);

/// A moment on the ward clock, written `YYYY-MM-DD HH:MM` (or with `T`, and optionally `:SS`) in
/// the ward's time zone, with its offset (`2026-10-25 01:30 +01:00`) where the wall time alone
/// would name two moments.
///
/// A stamp is a real instant: order, deadlines and "minutes since" count elapsed time, so a day
/// across a clock change is 23 or 25 hours of wall clock and always 24 hours of patient. It keeps
/// the wall time it was read as, and the zone it was read in, to show and write it back.
///
/// A few fields (imaging `requested`/`done`, referral `at`) also accept a date alone, for history
/// copied from a letter that gives no time. Such a stamp stands at the start of its day, which is
/// the safe direction for every rule: a date-only MRI never answers a flag raised the same day,
/// and a deadline counted from it is never later than one counted from the real time. It is
/// written back and shown as the date alone.
#[derive(Clone, Copy)]
pub struct Stamp {
    at: jiff::Timestamp,
    wall: civil::DateTime,
    zone: &'static jiff::tz::TimeZone,
    date_only: bool,
}

impl PartialEq for Stamp {
    fn eq(&self, other: &Stamp) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Stamp {}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Stamp) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By the instant; a date alone after a timed stamp of the same instant, so whether it had a
/// time never changes which of two moments is earlier.
impl Ord for Stamp {
    fn cmp(&self, other: &Stamp) -> std::cmp::Ordering {
        (self.at, self.date_only).cmp(&(other.at, other.date_only))
    }
}

impl std::hash::Hash for Stamp {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.at.hash(h);
        self.date_only.hash(h);
    }
}

impl fmt::Debug for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stamp({self} = {})", self.at)
    }
}

/// Why a date or time could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TimeError(String);

fn digits(s: &str) -> Option<i32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Date {
    /// Builds a date from numbers, refusing impossible ones (30 February, month 13).
    pub fn new(year: i16, month: i8, day: i8) -> Result<Date, TimeError> {
        if !YEAR_RANGE.contains(&year) {
            return Err(TimeError(format!(
                "year {year} is out of range ({}-{})",
                YEAR_RANGE.start(),
                YEAR_RANGE.end()
            )));
        }
        civil::Date::new(year, month, day)
            .map(Date)
            .map_err(|_| TimeError(format!("{year:04}-{month:02}-{day:02} is not a real date")))
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, TimeError> {
        let expected = || {
            TimeError(format!(
                "`{}` is not a date; expected YYYY-MM-DD, for example 2026-11-21",
                crate::model::text::sanitize(text)
            ))
        };
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(expected());
        }
        let year = digits(&text[0..4]).ok_or_else(expected)?;
        let month = digits(&text[5..7]).ok_or_else(expected)?;
        let day = digits(&text[8..10]).ok_or_else(expected)?;
        // The digit checks above bound each value to its field width, so the casts cannot wrap.
        Date::new(year as i16, month as i8, day as i8)
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    pub fn month(self) -> i8 {
        self.0.month()
    }

    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// The date `days` later (or earlier when negative). Saturates at the calendar's ends rather
    /// than failing: a due date thousands of years away is still "later".
    pub fn add_days(self, days: i64) -> Date {
        let span = jiff::Span::new().days(days.clamp(-3_000_000, 3_000_000));
        match self.0.checked_add(span) {
            Ok(d) => Date(d),
            Err(_) if days < 0 => Date(civil::Date::MIN),
            Err(_) => Date(civil::Date::MAX),
        }
    }

    pub fn add_weeks(self, weeks: i64) -> Date {
        self.add_days(weeks.saturating_mul(7))
    }

    /// Whole days from `earlier` to `self` (negative when `self` is before `earlier`).
    pub fn days_since(self, earlier: Date) -> i64 {
        let a = self.0.to_zoned(jiff::tz::TimeZone::UTC);
        let b = earlier.0.to_zoned(jiff::tz::TimeZone::UTC);
        match (a, b) {
            (Ok(a), Ok(b)) => (a.timestamp().as_second() - b.timestamp().as_second()).div_euclid(86_400),
            _ => 0,
        }
    }

    /// This date at the given time of day on the ward clock ([`ward_zone`]); a time the clocks
    /// skip moves on past the change, a repeated one takes the first.
    pub fn at(self, hour: i8, minute: i8) -> Stamp {
        let time = civil::Time::new(hour, minute, 0, 0).unwrap_or(civil::Time::MIN);
        Stamp::wall_in(self.0.to_datetime(time), ward_zone(), false)
    }

    /// Saturday or Sunday: no radiotherapy fraction is counted on them.
    pub fn is_weekend(self) -> bool {
        matches!(self.0.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday)
    }

    /// The day `n` working days (Monday to Friday) after this one; this day itself when `n` is 0.
    pub fn add_working_days(self, n: u32) -> Date {
        let mut day = self;
        let mut left = n.min(100_000);
        while left > 0 {
            day = day.add_days(1);
            if !day.is_weekend() {
                left -= 1;
            }
        }
        day
    }

    /// Short weekday name, for ward-facing text ("Mon").
    pub fn weekday_short(self) -> &'static str {
        use jiff::civil::Weekday::*;
        match self.0.weekday() {
            Monday => "Mon",
            Tuesday => "Tue",
            Wednesday => "Wed",
            Thursday => "Thu",
            Friday => "Fri",
            Saturday => "Sat",
            Sunday => "Sun",
        }
    }

    /// "21 Nov", for narrow columns.
    pub fn day_month(self) -> String {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let month = MONTHS[(self.month().clamp(1, 12) - 1) as usize];
        format!("{} {month}", self.day())
    }
}

/// The zone case files, `--at` and forms are read in until [`set_ward_zone`] names the ward's:
/// UTC, which has no clock changes, so a program that never sets it judges as it always did.
static UTC_ZONE: jiff::tz::TimeZone = jiff::tz::TimeZone::UTC;

/// The ward's zone, set once where the settings are read (`context`); every wall time read after
/// that is a moment in it. Neither the model nor the engine reads `TZ` or the machine's zone.
static WARD: std::sync::RwLock<Option<&'static jiff::tz::TimeZone>> = std::sync::RwLock::new(None);

/// Names the zone that every wall time read from now on is placed in. The front ends call this
/// once, from the `time_zone` setting, before any case file is read.
pub fn set_ward_zone(zone: WardZone) {
    *WARD.write().unwrap_or_else(|e| e.into_inner()) = Some(zone.0);
}

/// The zone wall times are read in: the one [`set_ward_zone`] named, else UTC.
pub fn ward_zone() -> WardZone {
    WardZone(WARD.read().unwrap_or_else(|e| e.into_inner()).unwrap_or(&UTC_ZONE))
}

/// One copy of each zone for the life of the program, so a stamp can carry its zone and still be
/// copied freely. A program uses one or two zones; the list never grows past a handful.
fn intern(zone: jiff::tz::TimeZone) -> &'static jiff::tz::TimeZone {
    static ZONES: std::sync::Mutex<Vec<&'static jiff::tz::TimeZone>> = std::sync::Mutex::new(Vec::new());
    if zone == UTC_ZONE {
        return &UTC_ZONE;
    }
    let mut zones = ZONES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = zones.iter().find(|z| ***z == zone) {
        return known;
    }
    let leaked: &'static jiff::tz::TimeZone = Box::leak(Box::new(zone));
    zones.push(leaked);
    leaked
}

/// "+01:00".
fn offset_text(offset: jiff::tz::Offset) -> String {
    let secs = offset.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", secs / 3600, (secs % 3600) / 60)
}

/// Reads "+01:00", "-05:30" or "+0100".
fn parse_offset(text: &str) -> Option<jiff::tz::Offset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (h, m) = match rest.len() {
        5 if rest.as_bytes()[2] == b':' => (&rest[0..2], &rest[3..5]),
        4 => (&rest[0..2], &rest[2..4]),
        _ => return None,
    };
    let (h, m) = (digits(h)?, digits(m)?);
    if h > 18 || m > 59 {
        return None;
    }
    jiff::tz::Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

impl Stamp {
    /// Parses `YYYY-MM-DD HH:MM`, `YYYY-MM-DDTHH:MM`, each optionally with `:SS` and then an
    /// offset (`+01:00`), as a moment in the ward's zone ([`ward_zone`]).
    pub fn parse(text: &str) -> Result<Stamp, TimeError> {
        Stamp::parse_in(text, ward_zone())
    }

    /// Parses as [`Stamp::parse`] does, in `zone`. A wall time the zone's clocks skip is refused;
    /// one they repeat is refused unless its offset says which of the two it is; an offset the
    /// zone does not have at that wall time is refused.
    pub fn parse_in(text: &str, zone: WardZone) -> Result<Stamp, TimeError> {
        let expected = || {
            TimeError(format!(
                "`{}` is not a date and time; expected YYYY-MM-DD HH:MM (local ward time), \
                 for example 2026-11-21 08:30",
                crate::model::text::sanitize(text)
            ))
        };
        let (wall_text, offset) = split_offset(text);
        let offset = match offset {
            Some(o) => Some(parse_offset(o).ok_or_else(|| {
                TimeError(format!(
                    "`{}` has an offset `{}` that is not one; write it as +01:00 or -05:00",
                    crate::model::text::sanitize(text),
                    crate::model::text::sanitize(o)
                ))
            })?),
            None => None,
        };
        let bytes = wall_text.as_bytes();
        if bytes.len() != 16 && bytes.len() != 19 {
            return Err(expected());
        }
        if bytes[10] != b' ' && bytes[10] != b'T' {
            return Err(expected());
        }
        let date = match Date::parse(&wall_text[0..10]) {
            Ok(d) => d,
            Err(e) if bytes[4] == b'-' && bytes[7] == b'-' => return Err(e),
            Err(_) => return Err(expected()),
        };
        let rest = &wall_text[11..];
        let rb = rest.as_bytes();
        if rb[2] != b':' || (rb.len() == 8 && rb[5] != b':') {
            return Err(expected());
        }
        let hour = digits(&rest[0..2]).ok_or_else(expected)?;
        let minute = digits(&rest[3..5]).ok_or_else(expected)?;
        let second = if rb.len() == 8 { digits(&rest[6..8]).ok_or_else(expected)? } else { 0 };
        if hour > 23 || minute > 59 || second > 59 {
            return Err(TimeError(format!(
                "`{}` is not a real time of day (00:00 to 23:59)",
                crate::model::text::sanitize(text)
            )));
        }
        let time = civil::Time::new(hour as i8, minute as i8, second as i8, 0).map_err(|_| expected())?;
        Stamp::resolve(date.0.to_datetime(time), offset, zone)
    }

    /// The moment a wall time names in `zone`, refusing the ones a clock change skips, and the
    /// ones it repeats unless `offset` picks one of the two.
    fn resolve(wall: civil::DateTime, offset: Option<jiff::tz::Offset>, zone: WardZone) -> Result<Stamp, TimeError> {
        use jiff::tz::AmbiguousOffset;
        let shown = || {
            let t = wall.time();
            format!("{} {:02}:{:02}", Date(wall.date()), t.hour(), t.minute())
        };
        let chosen = match (zone.0.to_ambiguous_timestamp(wall).offset(), offset) {
            (AmbiguousOffset::Unambiguous { offset: o }, None) => o,
            (AmbiguousOffset::Unambiguous { offset: o }, Some(given)) if given == o => o,
            (AmbiguousOffset::Unambiguous { offset: o }, Some(given)) => {
                return Err(TimeError(format!(
                    "{} {} is not a time in {}, whose offset then is {}; give the offset {} or none",
                    shown(),
                    offset_text(given),
                    zone.name(),
                    offset_text(o),
                    offset_text(o)
                )));
            }
            (AmbiguousOffset::Gap { before, after }, _) => {
                return Err(TimeError(format!(
                    "{} does not exist in {}: the clocks went forward from {} to {} that night; \
                     give the time as the clock showed it after the change",
                    shown(),
                    zone.name(),
                    offset_text(before),
                    offset_text(after)
                )));
            }
            (AmbiguousOffset::Fold { before, after }, Some(given)) if given == before || given == after => given,
            (AmbiguousOffset::Fold { before, after }, _) => {
                return Err(TimeError(format!(
                    "{} happened twice in {} (the clocks went back): write which with its offset, \
                     \"{} {}\" for the first, \"{} {}\" for the second",
                    shown(),
                    zone.name(),
                    shown(),
                    offset_text(before),
                    shown(),
                    offset_text(after)
                )));
            }
        };
        let at = chosen.to_timestamp(wall).map_err(|_| TimeError(format!("{} is out of range", shown())))?;
        Ok(Stamp { at, wall, zone: zone.0, date_only: false })
    }

    /// The moment a wall time computed by the program names (the start of a day, the end of a
    /// day): a time the clocks skip moves on past the change, a repeated one takes the first.
    fn wall_in(wall: civil::DateTime, zone: WardZone, date_only: bool) -> Stamp {
        let at = zone.0.to_ambiguous_timestamp(wall).compatible().unwrap_or_else(|_| {
            if wall < civil::DateTime::constant(1970, 1, 1, 0, 0, 0, 0) {
                jiff::Timestamp::MIN
            } else {
                jiff::Timestamp::MAX
            }
        });
        Stamp { at, wall: zone.0.to_datetime(at), zone: zone.0, date_only }
    }

    /// A moment as the ward clock in `zone` showed it.
    pub fn at_instant(at: jiff::Timestamp, zone: WardZone) -> Stamp {
        Stamp { at, wall: zone.0.to_datetime(at), zone: zone.0, date_only: false }
    }

    /// The clock's instant, in `zone`, cut down to the minute. Cut, never rounded: a record made
    /// at 10:00:40 is stamped 10:00, and a report run later in that minute must not take "now"
    /// for an earlier moment than the record (it would not count it yet).
    pub fn now_in(now: jiff::Timestamp, zone: WardZone) -> Stamp {
        let exact = Stamp::at_instant(now, zone);
        let into_minute = jiff::SignedDuration::from_secs(i64::from(exact.wall.second()))
            + jiff::SignedDuration::from_nanos(i64::from(exact.wall.subsec_nanosecond()));
        let at = now.checked_sub(into_minute).unwrap_or(now);
        Stamp::at_instant(at, zone)
    }

    /// Parses a stamp as [`Stamp::parse`] does, or a date alone (`YYYY-MM-DD`), which stands at
    /// the start of that day and is marked as having no time.
    pub fn parse_or_date(text: &str) -> Result<Stamp, TimeError> {
        if text.len() == 10 {
            return Date::parse(text).map(Stamp::date_only);
        }
        Stamp::parse(text)
    }

    /// A moment known only by its date: the start of the day in the ward's zone, marked as
    /// having no time.
    pub fn date_only(date: Date) -> Stamp {
        Stamp::wall_in(date.0.to_datetime(civil::Time::MIN), ward_zone(), true)
    }

    /// Whether this was recorded as a date with no time of day.
    pub fn is_date_only(self) -> bool {
        self.date_only
    }

    /// Whether this moment has certainly come by `now`: by its time when it has one; a day alone
    /// only once that whole day has passed, since on its own day it may still be to come. A
    /// treatment is taken as given, or still booked, by this one rule: booked is not given.
    pub fn has_come(self, now: Stamp) -> bool {
        if self.is_date_only() { self.date() < now.date() } else { self <= now }
    }

    pub fn date(self) -> Date {
        Date(self.wall.date())
    }

    pub fn hour(self) -> i8 {
        self.wall.hour()
    }

    pub fn minute(self) -> i8 {
        self.wall.minute()
    }

    /// The zone this moment was read in.
    pub fn zone(self) -> WardZone {
        WardZone(self.zone)
    }

    /// The instant, for formats that carry one.
    pub fn instant(self) -> jiff::Timestamp {
        self.at
    }

    /// The offset from UTC of the ward clock at this moment.
    pub fn offset(self) -> jiff::tz::Offset {
        self.zone.to_offset(self.at)
    }

    /// Whether the wall time alone would name two moments (the hour the clocks go back), so it
    /// is written with its offset.
    fn is_repeated(self) -> bool {
        matches!(self.zone.to_ambiguous_timestamp(self.wall).offset(), jiff::tz::AmbiguousOffset::Fold { .. })
    }

    /// The wall time `hour:minute` on `date` in this moment's zone: the start or end of a day
    /// reckoned in the same clock as the moment it is compared with.
    pub fn on(self, date: Date, hour: i8, minute: i8) -> Stamp {
        let time = civil::Time::new(hour, minute, 0, 0).unwrap_or(civil::Time::MIN);
        Stamp::wall_in(date.0.to_datetime(time), WardZone(self.zone), false)
    }

    /// The start of this moment's day.
    pub fn start_of_day(self) -> Stamp {
        self.on(self.date(), 0, 0)
    }

    /// This moment with its seconds dropped, as a time of day (a date alone becomes the start
    /// of its day).
    pub fn to_minute(self) -> Stamp {
        let secs = i64::from(self.wall.second());
        let at = self.at.checked_sub(jiff::SignedDuration::from_secs(secs)).unwrap_or(self.at);
        Stamp::at_instant(at, WardZone(self.zone))
    }

    /// The moment `minutes` of real time later (earlier when negative), saturating at the
    /// calendar's ends. Across a clock change the wall time moves by an hour more or less.
    pub fn add_minutes(self, minutes: i64) -> Stamp {
        let secs = minutes.clamp(-4_000_000_000, 4_000_000_000).saturating_mul(60);
        let at = match self.at.checked_add(jiff::SignedDuration::from_secs(secs)) {
            Ok(t) => t,
            Err(_) if minutes < 0 => jiff::Timestamp::MIN,
            Err(_) => jiff::Timestamp::MAX,
        };
        Stamp::at_instant(at, WardZone(self.zone))
    }

    pub fn add_hours(self, hours: i64) -> Stamp {
        self.add_minutes(hours.saturating_mul(60))
    }

    /// Whole minutes of real time from `earlier` to `self`, rounded towards minus infinity.
    pub fn minutes_since(self, earlier: Stamp) -> i64 {
        self.at.duration_since(earlier.at).as_secs().div_euclid(60)
    }

    /// "21 Nov 08:30" ("21 Nov" for a date alone), for narrow columns.
    pub fn day_month_time(self) -> String {
        if self.is_date_only() {
            return self.date().day_month();
        }
        format!("{} {:02}:{:02}", self.date().day_month(), self.hour(), self.minute())
    }

    /// "08:30" ("no time" for a date alone).
    pub fn time_of_day(self) -> String {
        if self.is_date_only() {
            return "no time".to_string();
        }
        format!("{:02}:{:02}", self.hour(), self.minute())
    }
}

/// The split of "2026-10-25 01:30 +01:00" (or "2026-10-25T01:30+01:00") into the wall time and
/// its offset, if it has one.
fn split_offset(text: &str) -> (&str, Option<&str>) {
    if text.len() <= 16 {
        return (text, None);
    }
    let tail_from = |n: usize| text.len().checked_sub(n).filter(|&i| text.is_char_boundary(i));
    for n in [6, 5] {
        if let Some(i) = tail_from(n)
            && matches!(text.as_bytes()[i], b'+' | b'-')
            && i >= 16
        {
            return (text[..i].trim_end(), Some(&text[i..]));
        }
    }
    (text, None)
}

/// The time zone of the ward's wall clock: the `time_zone` setting. Every wall time is read as a
/// moment in it, and every deadline is counted in real time from there.
#[derive(Clone, Copy, PartialEq)]
pub struct WardZone(&'static jiff::tz::TimeZone);

impl fmt::Debug for WardZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WardZone({})", self.name())
    }
}

impl WardZone {
    /// Coordinated Universal Time.
    pub fn utc() -> WardZone {
        WardZone(&UTC_ZONE)
    }

    /// A zone by its IANA name ("Europe/London").
    pub fn named(name: &str) -> Result<WardZone, TimeError> {
        jiff::tz::TimeZone::get(name).map(|z| WardZone(intern(z))).map_err(|_| {
            TimeError(format!(
                "`{}` is not a time zone this machine knows; expected an IANA name such as Europe/London or UTC",
                crate::model::text::sanitize(name)
            ))
        })
    }

    /// A zone the caller built (read from the machine's zone file, or a fixed offset).
    pub fn from_zone(zone: jiff::tz::TimeZone) -> WardZone {
        WardZone(intern(zone))
    }

    /// The zone itself, for the places that stamp the real clock (the audit log).
    pub fn jiff(self) -> &'static jiff::tz::TimeZone {
        self.0
    }

    /// Its IANA name ("Europe/London"), or its offset when it has no name.
    pub fn name(self) -> String {
        match self.0.iana_name() {
            Some(name) => name.to_string(),
            None => offset_text(self.0.to_offset(jiff::Timestamp::now())),
        }
    }

    /// "GMT", "BST", "UTC": the zone's abbreviation at `at`, for a header that must fit one line.
    pub fn abbreviation_at(self, at: Stamp) -> String {
        self.0.to_offset_info(at.at).abbreviation().to_string()
    }

    /// "Europe/London (+00:00)": the zone and its offset at `at`, for headers.
    pub fn describe_at(self, at: Stamp) -> String {
        format!("{} ({})", self.name(), offset_text(self.0.to_offset(at.at)))
    }
}

impl Stamp {
    /// The moment as RFC 3339 with its offset in `zone` ("2026-11-21T08:30:00+00:00"), or the
    /// date alone for a stamp recorded without a time.
    pub fn rfc3339_in(self, zone: &WardZone) -> String {
        if self.is_date_only() {
            return self.date().to_string();
        }
        self.at.to_zoned(zone.0.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_date_only() {
            return write!(f, "{}", self.date());
        }
        write!(f, "{} {:02}:{:02}", self.date(), self.hour(), self.minute())?;
        if self.wall.second() != 0 {
            write!(f, ":{:02}", self.wall.second())?;
        }
        if self.is_repeated() {
            write!(f, " {}", offset_text(self.offset()))?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Date {
    type Err = TimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl std::str::FromStr for Stamp {
    type Err = TimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Stamp::parse(s)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = Date;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        Date::parse(v).map_err(|e| E::custom(e.0))
    }
}

struct StampVisitor;

impl Visitor<'_> for StampVisitor {
    type Value = Stamp;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a local date and time YYYY-MM-DD HH:MM")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Stamp, E> {
        Stamp::parse(v).map_err(|e| E::custom(e.0))
    }
}

struct StampOrDateVisitor;

impl Visitor<'_> for StampOrDateVisitor {
    type Value = Stamp;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a local date and time YYYY-MM-DD HH:MM, or a date YYYY-MM-DD")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Stamp, E> {
        Stamp::parse_or_date(v).map_err(|e| E::custom(e.0))
    }
}

/// For `#[serde(deserialize_with)]` on an optional field that accepts a date alone.
pub fn opt_stamp_or_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Stamp>, D::Error> {
    struct Opt;
    impl<'de> Visitor<'de> for Opt {
        type Value = Option<Stamp>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a local date and time YYYY-MM-DD HH:MM, or a date YYYY-MM-DD")
        }
        fn visit_none<E: de::Error>(self) -> Result<Option<Stamp>, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Option<Stamp>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Stamp>, D::Error> {
            d.deserialize_str(StampOrDateVisitor).map(Some)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Stamp>, E> {
            StampOrDateVisitor.visit_str(v).map(Some)
        }
    }
    d.deserialize_option(Opt)
}

/// For `#[serde(deserialize_with)]` on a required field that accepts a date alone.
pub fn stamp_or_date<'de, D: Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
    d.deserialize_str(StampOrDateVisitor)
}

/// A time of day, `HH:MM`, on a day recorded apart (the first fraction of a radiotherapy course,
/// the start of an operation): with it a treatment known by its date becomes a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    hour: i8,
    minute: i8,
}

impl TimeOfDay {
    pub fn parse(text: &str) -> Result<TimeOfDay, TimeError> {
        let bad = || {
            TimeError(format!(
                "`{}` is not a time of day; expected HH:MM on the 24-hour clock, such as 14:30",
                crate::model::text::sanitize(text)
            ))
        };
        let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
        let digits = |t: &str| t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(h) || !digits(m) {
            return Err(bad());
        }
        let (hour, minute): (i8, i8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if hour > 23 || minute > 59 {
            return Err(bad());
        }
        Ok(TimeOfDay { hour, minute })
    }

    /// That time on `date`.
    pub fn on(self, date: Date) -> Stamp {
        date.at(self.hour, self.minute)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        TimeOfDay::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A day, and the time on it when it was recorded: a moment, or the day alone.
pub fn on_day(date: Date, time: Option<TimeOfDay>) -> Stamp {
    match time {
        Some(t) => t.on(date),
        None => Stamp::date_only(date),
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(DateVisitor)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StampVisitor)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_time_of_day_is_hh_mm_on_the_24_hour_clock() {
        for ok in ["00:00", "09:30", "23:59", " 14:30 "] {
            assert!(TimeOfDay::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["24:00", "12:60", "9:30", "09:3", "0930", "12:30:00", "ab:cd", "", "-1:00", "+9:30"] {
            assert!(TimeOfDay::parse(bad).is_err(), "{bad}");
        }
        let date = Date::parse("2026-11-22").expect("date");
        let t = TimeOfDay::parse("14:11").expect("time");
        assert_eq!((t.to_string(), t.on(date).to_string()), ("14:11".into(), "2026-11-22 14:11".into()));
        assert!(on_day(date, None).is_date_only() && !on_day(date, Some(t)).is_date_only());
    }

    #[test]
    fn now_is_cut_to_its_minute_never_rounded_up_past_a_record_made_in_that_minute() {
        let zone = WardZone::utc();
        let at = |s: &str| s.parse::<jiff::Timestamp>().expect("instant");
        let minute = Stamp::parse("2026-11-22 14:10").expect("minute");
        for late in
            ["2026-11-22T14:10:00Z", "2026-11-22T14:10:00.4Z", "2026-11-22T14:10:00.6Z", "2026-11-22T14:10:59.999Z"]
        {
            let now = Stamp::now_in(at(late), zone);
            assert_eq!(now.to_string(), "2026-11-22 14:10", "{late}");
            assert!(minute.has_come(now), "a record stamped 14:10 has come by {late}");
        }
        let fixed = WardZone::from_zone(jiff::tz::TimeZone::fixed(jiff::tz::offset(2)));
        assert_eq!(Stamp::now_in(at("2026-11-22T14:10:30.7Z"), fixed).to_string(), "2026-11-22 16:10");
    }

    #[test]
    fn a_moment_has_come_by_its_time_and_a_day_alone_once_the_whole_day_has_passed() {
        let now = Stamp::parse("2026-11-22 14:10").expect("now");
        let day = |s: &str| Stamp::date_only(Date::parse(s).expect("date"));
        let at = |s: &str| Stamp::parse(s).expect("stamp");
        assert!(day("2026-11-21").has_come(now), "yesterday, by its date alone: given");
        assert!(!day("2026-11-22").has_come(now), "today with no time: booked, not yet known to be given");
        assert!(!day("2026-11-23").has_come(now));
        assert!(day("2026-11-22").has_come(Stamp::parse("2026-11-23 00:00").expect("midnight")));
        assert!(at("2026-11-22 14:10").has_come(now) && !at("2026-11-22 14:11").has_come(now));
    }

    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("valid date")
    }

    fn t(s: &str) -> Stamp {
        Stamp::parse(s).expect("valid stamp")
    }

    #[test]
    fn dates_parse_only_the_contract_format() {
        assert_eq!(d("2026-11-21").to_string(), "2026-11-21");
        for bad in ["2026-11-1", "21/11/2026", "2026-11-21T08:30", "2026-13-01", "", "2026-1a-01"] {
            assert!(Date::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        let err = Date::parse("2026-02-30").expect_err("30 February");
        assert!(err.to_string().contains("not a real date"), "{err}");
        assert!(Date::parse("2028-02-29").is_ok(), "2028 is a leap year");
        assert!(Date::parse("2026-02-29").is_err(), "2026 is not");
        assert!(Date::parse("1899-12-31").is_err(), "year out of range");
    }

    #[test]
    fn stamps_accept_space_or_t_and_optional_seconds() {
        assert_eq!(t("2026-11-21 08:30"), t("2026-11-21T08:30"));
        assert_eq!(t("2026-11-21 08:30:00"), t("2026-11-21 08:30"));
        assert_eq!(t("2026-11-21 08:30:15").to_string(), "2026-11-21 08:30:15");
        for bad in ["2026-11-21", "2026-11-21 8:30", "2026-11-21 24:00", "2026-11-21 08:60", "2026-11-21 08:30Z"] {
            assert!(Stamp::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn arithmetic_crosses_month_ends_and_leap_days() {
        assert_eq!(d("2028-02-28").add_days(1), d("2028-02-29"));
        assert_eq!(d("2027-02-28").add_days(1), d("2027-03-01"));
        assert_eq!(d("2026-12-31").add_weeks(1), d("2027-01-07"));
        assert_eq!(d("2027-03-01").days_since(d("2027-02-28")), 1);
        assert_eq!(d("2026-01-01").days_since(d("2026-01-08")), -7);
        assert_eq!(t("2028-02-28 23:30").add_hours(24), t("2028-02-29 23:30"));
        assert_eq!(t("2026-11-22 08:30").minutes_since(t("2026-11-21 08:30")), 24 * 60);
        assert_eq!(t("2026-11-21 08:30").minutes_since(t("2026-11-21 08:31")), -1);
    }

    #[test]
    fn a_date_alone_stands_at_the_start_of_its_day_and_is_written_back_as_a_date() {
        let day = Stamp::parse_or_date("2026-11-21").expect("date alone");
        assert!(day.is_date_only());
        assert_eq!(day.to_string(), "2026-11-21");
        assert_eq!(day.date(), d("2026-11-21"));
        assert!(day < t("2026-11-21 00:01"), "start of the day: the safe side of anything timed that day");
        assert!(!day.add_hours(24).is_date_only(), "a deadline counted from it is a real time");
        assert_eq!(day.add_hours(24), t("2026-11-22 00:00"));
        assert!(Stamp::parse("2026-11-21").is_err(), "fields that need a time still refuse a date");
        assert!(!Stamp::parse_or_date("2026-11-21 08:30").expect("timed").is_date_only());
        assert!(Stamp::parse_or_date("2026-11-31").is_err());
    }

    #[test]
    fn working_days_skip_the_weekend() {
        // 2026-11-20 is a Friday.
        assert_eq!(d("2026-11-20").add_working_days(0), d("2026-11-20"));
        assert_eq!(d("2026-11-20").add_working_days(1), d("2026-11-23"), "Friday + 1 is Monday");
        assert_eq!(d("2026-11-16").add_working_days(4), d("2026-11-20"), "five fractions Mon-Fri");
        assert_eq!(d("2026-11-21").add_working_days(1), d("2026-11-23"), "from a Saturday, Monday");
        assert!(d("2026-11-21").is_weekend() && !d("2026-11-23").is_weekend());
    }

    #[test]
    fn arithmetic_saturates_instead_of_panicking() {
        assert!(d("2026-01-01").add_days(i64::MAX) > d("2200-01-01"));
        assert!(d("2026-01-01").add_weeks(i64::MIN) < d("1900-01-01"));
        assert!(t("2026-01-01 00:00").add_minutes(i64::MAX) > t("2200-01-01 00:00"));
    }

    #[test]
    fn a_stamp_names_its_offset_in_the_ward_zone_and_a_date_alone_stays_a_date() {
        assert_eq!(t("2026-11-21 08:30").rfc3339_in(&WardZone::utc()), "2026-11-21T08:30:00+00:00");
        assert_eq!(Stamp::date_only(d("2026-11-21")).rfc3339_in(&WardZone::utc()), "2026-11-21");
        let fixed = WardZone::from_zone(jiff::tz::TimeZone::fixed(jiff::tz::offset(2)));
        let in_fixed = Stamp::parse_in("2026-07-01 14:05", fixed).expect("stamp");
        assert_eq!(in_fixed.rfc3339_in(&fixed), "2026-07-01T14:05:00+02:00");
        assert_eq!(in_fixed.rfc3339_in(&WardZone::utc()), "2026-07-01T12:05:00+00:00", "one instant, two clocks");
        assert!(WardZone::named("Not/AZone").is_err());
        assert!(WardZone::named("UTC").is_ok());
    }
}
