//! Clinical events recorded on the ward, and how each one changes a case.
//!
//! Every write except a whole-file edit is one of these events. The store applies it to the
//! freshest copy of the case under the case's lock, so two clinicians recording at the same moment
//! both keep their entries. Applying is pure and refuses events that make no sense (an exam with
//! no findings, a dose when the case has no bone agent) with a reason the user can act on.

use super::bounded::{MgPerDay, Weeks};
use super::case::*;
use super::records::*;
use super::rules::RecordRule;
use super::section::Entry;
use super::spine_level::Escc;
use super::spine_level::LevelSpan;
use super::text::Text;
use super::time::{Date, Stamp};
use super::vocab::*;

/// One clinical event to add to a case.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Exam(Exam),
    /// A spine imaging request, pending until its result is recorded.
    Request {
        kind: ImagingKind,
        at: Stamp,
        note: Option<Text>,
        /// Who recorded the request.
        by: Option<Text>,
    },
    /// A completed study; fills in the oldest matching pending request if there is one.
    Imaging {
        kind: ImagingKind,
        done: Stamp,
        result: Option<ImagingResult>,
        escc: Option<Escc>,
        /// The level or levels of the compression the study shows.
        levels: Vec<LevelSpan>,
        note: Option<Text>,
        /// Who recorded the result.
        by: Option<Text>,
    },
    /// A bone-modifying agent dose; `drug` starts the agent on a case that has none.
    Dose {
        date: Date,
        drug: Option<BoneDrug>,
        every_weeks: Option<Weeks>,
    },
    DentalReview {
        date: Date,
    },
    Acknowledge(Acknowledgement),
    Review(Review),
    Discharge {
        date: Date,
    },
    /// A radiotherapy course (started, or planned when its start is still to come).
    Radiotherapy(Radiotherapy),
    Surgery(Surgery),
    /// A corticosteroid dose from `at`: stops the running course of the same drug (a dose change is
    /// one write: the old course stops and the new one starts at the same moment).
    Steroids {
        drug: Text,
        mg_per_day: MgPerDay,
        at: Stamp,
        /// Who recorded it, and their role.
        by: Option<Text>,
        role: Option<Role>,
        /// Why a dose below MSCC cover is the treatment chosen (`Steroid::reason`).
        reason: Option<Text>,
    },
    /// Stops the corticosteroid courses of `drug` running at `at`; with no drug, the one drug
    /// running (refused when more than one runs: a replacement dose stopped with the MSCC course
    /// risks an adrenal crisis).
    SteroidsStop {
        at: Stamp,
        /// Who recorded the stop.
        by: Option<Text>,
        /// The drug whose courses stop.
        drug: Option<Text>,
    },
    /// Steroid safety measures recorded as in place.
    SteroidSafety(SteroidSafety),
    Referral(Referral),
    /// A decision about definitive treatment, with who made it and in what role.
    Decision(Decision),
    /// A new job on the patient; its number is given when it is applied (the next unused).
    JobAdd(super::jobs::Job),
    /// An open job ticked off.
    JobDone {
        number: u32,
        at: Stamp,
        by: Option<Text>,
    },
    /// An open job no longer to be done, and why.
    JobCancel {
        number: u32,
        at: Stamp,
        by: Option<Text>,
        reason: Text,
    },
    /// A handover note written (or, with no note, cleared).
    Handover(super::jobs::Handover),
    /// The patient moved to another ward or bed. A ward given without a bed leaves the bed
    /// unknown (the old bed was on the old ward); a bed given alone keeps the ward.
    Move {
        ward: Option<Text>,
        bed: Option<Text>,
        at: Stamp,
    },
    /// Who the patient is and where they lie, as another system says (`source`: "ward.csv line
    /// 4", "HL7 A08 MSG0001"); only those fields change (`Demographics::apply`).
    Demographics {
        update: super::demographics::Demographics,
        source: Text,
        at: Stamp,
    },
    /// Strikes a wrong entry: it stays in the file, shown struck, and no rule counts it.
    Strike {
        entry: super::strike::EntryRef,
        strike: super::strike::Strike,
    },
}

/// Why an event cannot be recorded on a case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    /// The record breaks a rule of its own (a sensory level without `sensory: level`).
    #[error(transparent)]
    Rule(#[from] RecordRule),
    /// Dated after now by more than the clocks of two machines differ.
    #[error(
        "{at} is later than now ({now}); a record cannot be dated in the future. \
         Check the date, or leave --at out to use the current time"
    )]
    Ahead { at: Stamp, now: Stamp },
    /// The record does not fit the case as it stands (a dose with no bone agent, a course
    /// already recorded): the message says what to do.
    #[error("{0}")]
    DoesNotFit(String),
}

impl Event {
    /// The short operation name used in the audit log.
    pub fn operation(&self) -> &'static str {
        match self {
            Event::Exam(_) => "exam",
            Event::Request { .. } => "request",
            Event::Imaging { .. } => "imaging",
            Event::Dose { .. } => "dose",
            Event::DentalReview { .. } => "dental",
            Event::Acknowledge(_) => "ack",
            Event::Review(_) => "review",
            Event::Discharge { .. } => "discharge",
            Event::Radiotherapy(_) => "radiotherapy",
            Event::Surgery(_) => "surgery",
            Event::Steroids { .. } => "steroids",
            Event::SteroidsStop { .. } => "steroids-stop",
            Event::SteroidSafety(_) => "steroid-safety",
            Event::Referral(_) => "referral",
            Event::Decision(_) => "decision",
            Event::JobAdd(_) => "job",
            Event::JobDone { .. } => "job-done",
            Event::JobCancel { .. } => "job-cancel",
            Event::Handover(_) => "handover",
            Event::Move { .. } => "move",
            Event::Demographics { .. } => "import-update",
            Event::Strike { .. } => "strike",
        }
    }

    /// Who the record says made it, as the audit log's clinician column says it (`Dr A Shah
    /// (registrar)`); None when the event names no one (a dose, a discharge).
    pub fn author(&self) -> Option<String> {
        let (by, role) = match self {
            Event::Exam(e) => (&e.by, e.role),
            Event::Request { by, .. } | Event::Imaging { by, .. } | Event::SteroidsStop { by, .. } => (by, None),
            Event::Steroids { by, role, .. } => (by, *role),
            Event::Acknowledge(a) => (&a.by, a.role),
            Event::Review(r) => (&r.by, r.role),
            Event::Radiotherapy(rt) => (&rt.by, rt.role),
            Event::Surgery(s) => (&s.by, s.role),
            Event::Referral(r) => (&r.by, r.role),
            Event::Decision(d) => (&d.by, d.role),
            Event::Strike { strike, .. } => (&strike.by, strike.role),
            Event::SteroidSafety(s) => (&s.by, None),
            Event::JobAdd(j) => (&j.by, None),
            Event::JobDone { by, .. } | Event::JobCancel { by, .. } => (by, None),
            Event::Handover(h) => (&h.by, None),
            Event::Dose { .. }
            | Event::DentalReview { .. }
            | Event::Discharge { .. }
            | Event::Move { .. }
            | Event::Demographics { .. } => {
                return None;
            }
        };
        by.as_ref().filter(|b| !b.is_blank()).map(|b| super::clinician::by_line(b, role))
    }

    /// When the event happened (the start of its day for events known by date).
    pub fn moment(&self) -> Stamp {
        match self {
            Event::Exam(e) => e.at,
            Event::Request { at, .. } => *at,
            Event::Imaging { done, .. } => *done,
            Event::Dose { date, .. } | Event::DentalReview { date } | Event::Discharge { date } => date.at(0, 0),
            Event::Acknowledge(a) => a.at,
            Event::Review(r) => r.at,
            Event::Radiotherapy(rt) => rt.start.at(0, 0),
            Event::Surgery(s) => s.date.at(0, 0),
            Event::Steroids { at, .. } | Event::SteroidsStop { at, .. } => *at,
            Event::SteroidSafety(s) => s.at,
            Event::Referral(r) => r.at,
            Event::Decision(d) => d.at,
            Event::JobAdd(j) => j.at,
            Event::JobDone { at, .. } | Event::JobCancel { at, .. } => *at,
            Event::Handover(h) => h.at,
            Event::Move { at, .. } | Event::Demographics { at, .. } => *at,
            Event::Strike { strike, .. } => strike.at,
        }
    }

    /// Refuses an event dated more than `skew_minutes` after `now`: a record of something that has
    /// not happened yet is most often a typing slip, and it would not be counted until then.
    /// Radiotherapy and surgery may be booked ahead: a planned course or operation is allowed.
    pub fn check_not_future(&self, now: Stamp, skew_minutes: i64) -> Result<(), EventError> {
        if matches!(self, Event::Radiotherapy(_) | Event::Surgery(_)) {
            return Ok(());
        }
        let at = self.moment();
        let ahead = if matches!(self, Event::Dose { .. } | Event::DentalReview { .. } | Event::Discharge { .. }) {
            at.date() > now.date()
        } else {
            at.minutes_since(now) > skew_minutes
        };
        if ahead {
            return Err(EventError::Ahead { at, now });
        }
        Ok(())
    }

    /// Applies the event to `case` and returns a one-line summary for the audit log.
    pub fn apply(&self, case: &mut Case) -> Result<String, EventError> {
        match self {
            Event::Exam(exam) => {
                exam.check_recorded()?;
                case.exams.push(exam.clone());
                Ok(format!("exam at {}: {}", exam.at, exam_summary(exam)))
            }
            Event::Request { kind, at, note, by } => {
                case.imaging.push(Imaging {
                    kind: *kind,
                    requested: Some(*at),
                    done: None,
                    result: None,
                    escc: None,
                    levels: Vec::new(),
                    note: note.clone(),
                    requested_by: by.clone(),
                    result_by: None,
                    struck: None,
                });
                Ok(format!("{kind} requested {at}"))
            }
            Event::Imaging { kind, done, result, escc, levels, note, by } => {
                let pending = case
                    .imaging
                    .iter_mut()
                    .filter(|i| {
                        // A struck request is filled by nothing: the result is a record of its own.
                        i.struck.is_none()
                            && i.kind == *kind
                            && i.done.is_none()
                            && i.requested.is_some_and(|r| r <= *done)
                    })
                    .min_by_key(|i| i.requested);
                let summary = format!(
                    "{kind} done {done}{}{}{}",
                    result.map(|r| format!(", result {r}")).unwrap_or_default(),
                    escc.map(|e| format!(", ESCC {e}")).unwrap_or_default(),
                    super::records::spans(levels).map(|l| format!(" at {l}")).unwrap_or_default()
                );
                match pending {
                    Some(request) => {
                        request.done = Some(*done);
                        request.result = *result;
                        request.escc = *escc;
                        request.levels = levels.clone();
                        request.result_by = by.clone();
                        if note.is_some() {
                            request.note = note.clone();
                        }
                        Ok(format!(
                            "{summary} (request of {} filled)",
                            request.requested.map(|r| r.to_string()).unwrap_or_default()
                        ))
                    }
                    None => {
                        case.imaging.push(Imaging {
                            kind: *kind,
                            requested: None,
                            done: Some(*done),
                            result: *result,
                            escc: *escc,
                            levels: levels.clone(),
                            note: note.clone(),
                            requested_by: None,
                            result_by: by.clone(),
                            struck: None,
                        });
                        Ok(summary)
                    }
                }
            }
            Event::Dose { date, drug, every_weeks } => {
                let agent = match (&mut case.bone_agent, drug) {
                    (Some(agent), Some(drug)) if agent.drug != *drug => {
                        return Err(EventError::DoesNotFit(format!(
                            "this case's bone agent is {}, not {drug}; to switch drug, edit the case file",
                            agent.drug
                        )));
                    }
                    (Some(agent), _) => agent,
                    (None, Some(drug)) => case.bone_agent.insert(BoneAgent {
                        drug: *drug,
                        every_weeks: *every_weeks,
                        dental_review: None,
                        doses: Vec::new(),
                        stopped: None,
                    }),
                    (None, None) => {
                        return Err(EventError::DoesNotFit("this case has no bone agent yet; give the drug (denosumab or zoledronic_acid) with the first dose"
                                .into(),
                        ));
                    }
                };
                if agent.doses.contains(date) {
                    return Err(EventError::DoesNotFit(format!("a {} dose on {date} is already recorded", agent.drug)));
                }
                let at = agent.doses.partition_point(|d| d <= date);
                agent.doses.insert(at, *date);
                Ok(format!("{} dose {date}", agent.drug))
            }
            Event::DentalReview { date } => {
                let agent = case.bone_agent.as_mut().ok_or_else(|| {
                    EventError::DoesNotFit(
                        "this case has no bone agent; the dental review is recorded with the bone agent".into(),
                    )
                })?;
                agent.dental_review = Some(*date);
                Ok(format!("dental review {date}"))
            }
            Event::Acknowledge(ack) => {
                ack.check_recorded()?;
                case.acknowledged.push(ack.clone());
                Ok(match &ack.closed {
                    Some(reason) => format!("{} closed: {}", ack.flag, reason.safe()),
                    None => {
                        format!("{} acknowledged: {}", ack.flag, ack.plan.as_ref().map(Text::safe).unwrap_or_default())
                    }
                })
            }
            Event::Review(review) => {
                case.reviews.push(review.clone());
                Ok(format!("reviewed at {}", review.at))
            }
            Event::Discharge { date } => {
                case.status = Some(Status::Discharged);
                case.discharged = Some(*date);
                Ok(format!("discharged {date}"))
            }
            Event::Radiotherapy(rt) => {
                rt.check()?;
                if case.radiotherapy.iter().any(|r| r.struck.is_none() && r.start == rt.start && r.site == rt.site) {
                    return Err(EventError::DoesNotFit(format!(
                        "a radiotherapy course starting {} is already recorded",
                        rt.start
                    )));
                }
                case.radiotherapy.push(rt.clone());
                Ok(format!("radiotherapy {}", radiotherapy_summary(rt)))
            }
            Event::Surgery(op) => {
                if case.surgery.iter().any(|s| s.struck.is_none() && s.date == op.date) {
                    return Err(EventError::DoesNotFit(format!("spinal surgery on {} is already recorded", op.date)));
                }
                case.surgery.push(op.clone());
                Ok(format!(
                    "spinal surgery {}{}",
                    op.started(),
                    op.procedure.as_ref().map(|p| format!(": {}", p.safe())).unwrap_or_default()
                ))
            }
            Event::Steroids { drug, mg_per_day, at, by, role, reason } => {
                if drug.is_blank() {
                    return Err(EventError::DoesNotFit(
                        "a corticosteroid needs the drug's name (dexamethasone)".into(),
                    ));
                }
                let same_drug = |s: &Steroid| s.drug.raw().eq_ignore_ascii_case(drug.raw());
                let mut changed = None;
                for course in case.steroids.iter_mut().filter(|s| same_drug(s) && running_at(s, *at)) {
                    if course.start > *at {
                        continue;
                    }
                    changed = Some(course.mg_per_day);
                    course.stopped = Some(*at);
                    course.stopped_by = by.clone();
                }
                case.steroids.push(Steroid {
                    drug: drug.clone(),
                    mg_per_day: Some(*mg_per_day),
                    start: *at,
                    stopped: None,
                    by: by.clone(),
                    role: *role,
                    stopped_by: None,
                    reason: reason.clone(),
                    struck: None,
                });
                Ok(match changed {
                    Some(Some(old)) => format!("{} {old} -> {mg_per_day} mg/day from {at}", drug.safe()),
                    _ => format!("{} {mg_per_day} mg/day from {at}", drug.safe()),
                })
            }
            Event::SteroidsStop { at, by, drug } => {
                let same = |a: &Text, b: &Text| a.raw().trim().eq_ignore_ascii_case(b.raw().trim());
                let mut running: Vec<Text> = Vec::new();
                for s in case.steroids.iter().filter(|s| running_at(s, *at) && s.start <= *at) {
                    if !running.iter().any(|d| same(d, &s.drug)) {
                        running.push(s.drug.clone());
                    }
                }
                if let Some(drug) = drug
                    && !running.iter().any(|d| same(d, drug))
                {
                    return Err(EventError::DoesNotFit(format!(
                        "no {} course is running at {at}; running: {}",
                        drug.safe(),
                        if running.is_empty() {
                            "none".to_string()
                        } else {
                            running.iter().map(Text::safe).collect::<Vec<_>>().join(", ")
                        }
                    )));
                }
                if drug.is_none() && running.len() > 1 {
                    return Err(EventError::DoesNotFit(format!(
                        "{} are running at {at}: say which to stop (a replacement dose stopped with the MSCC course can cause an adrenal crisis)",
                        running.iter().map(Text::safe).collect::<Vec<_>>().join(" and ")
                    )));
                }
                let mut stopped = Vec::new();
                for course in case
                    .steroids
                    .iter_mut()
                    .filter(|s| running_at(s, *at) && s.start <= *at)
                    .filter(|s| drug.as_ref().is_none_or(|d| same(d, &s.drug)))
                {
                    course.stopped = Some(*at);
                    course.stopped_by = by.clone();
                    stopped.push(course.drug.safe());
                }
                if stopped.is_empty() {
                    return Err(EventError::DoesNotFit(format!(
                        "no corticosteroid course is running at {at}; nothing to stop"
                    )));
                }
                Ok(format!("{} stopped {at}", stopped.join(", ")))
            }
            Event::SteroidSafety(s) => {
                if !s.gastric_protection && !s.glucose_monitoring {
                    return Err(EventError::DoesNotFit(
                        "a steroid safety record needs gastric protection, glucose monitoring or both".into(),
                    ));
                }
                case.steroid_safety.push(s.clone());
                Ok(format!("steroid safety: {} recorded at {}", s.measures(), s.at))
            }
            Event::Referral(r) => {
                case.referrals.push(r.clone());
                Ok(format!(
                    "referred to {} at {}{}",
                    r.to,
                    r.at,
                    r.outcome.as_ref().map(|o| format!(": {}", o.safe())).unwrap_or_default()
                ))
            }
            Event::Decision(d) => {
                d.check_recorded()?;
                case.decisions.push(d.clone());
                Ok(d.history().into_iter().map(|(_, what)| what).collect::<Vec<_>>().join("; "))
            }
            Event::Strike { entry, strike } => {
                strike.check()?;
                let what = case.strike(entry, strike.clone()).map_err(EventError::DoesNotFit)?;
                Ok(format!("struck {entry} ({what}): {}", strike.why.safe()))
            }
            Event::JobAdd(job) => {
                let mut job = job.clone();
                job.number = case.jobs.iter().map(|j| j.number).max().unwrap_or(0) + 1;
                job.check().map_err(|e| EventError::DoesNotFit(e.to_string()))?;
                let summary = format!("job {} added: {}", job.number, job.describe());
                case.jobs.push(job);
                Ok(summary)
            }
            Event::JobDone { number, at, by } => {
                let job = open_job(case, *number, "done")?;
                if *at < job.at {
                    return Err(EventError::DoesNotFit(format!(
                        "job {number} was added at {}; it cannot be done before that ({at})",
                        job.at
                    )));
                }
                job.done = Some(*at);
                job.done_by = by.clone();
                Ok(format!("job {number} done at {at}: {}", job.text.safe()))
            }
            Event::JobCancel { number, at, by, reason } => {
                if reason.is_blank() {
                    return Err(EventError::DoesNotFit(format!(
                        "cancelling job {number} needs the reason it is no longer to be done"
                    )));
                }
                let job = open_job(case, *number, "cancelled")?;
                if *at < job.at {
                    return Err(EventError::DoesNotFit(format!(
                        "job {number} was added at {}; it cannot be cancelled before that ({at})",
                        job.at
                    )));
                }
                job.cancelled = Some(*at);
                job.cancelled_by = by.clone();
                job.reason = Some(reason.clone());
                Ok(format!("job {number} cancelled at {at}: {} — {}", job.text.safe(), reason.safe()))
            }
            Event::Handover(h) => {
                case.handover.push(h.clone());
                Ok(match &h.note {
                    Some(note) => format!("handover note at {}: {}", h.at, note.safe()),
                    None => format!("handover note cleared at {}", h.at),
                })
            }
            Event::Move { ward, bed, at } => {
                let ward = ward.as_ref().filter(|w| !w.is_blank());
                let bed = bed.as_ref().filter(|b| !b.is_blank());
                if ward.is_none() && bed.is_none() {
                    return Err(EventError::DoesNotFit("a move needs the ward or the bed the patient moves to".into()));
                }
                for (field, given) in [("ward", ward), ("bed", bed)] {
                    if let Some(given) = given {
                        super::rules::check_place(field, given.raw())?;
                    }
                }
                let before = place(case.ward.as_ref(), case.bed.as_ref());
                let new_ward = ward.or(case.ward.as_ref()).cloned();
                let new_bed = match (ward, bed) {
                    (_, Some(bed)) => Some(bed.clone()),
                    // A bed number means nothing on another ward.
                    (Some(w), None) if !same_words(Some(w), case.ward.as_ref()) => None,
                    _ => case.bed.clone(),
                };
                if same_words(new_ward.as_ref(), case.ward.as_ref()) && same_words(new_bed.as_ref(), case.bed.as_ref())
                {
                    return Err(EventError::DoesNotFit(format!("the patient is already at {before}; nothing to move")));
                }
                case.ward = new_ward;
                case.bed = new_bed;
                Ok(format!("moved from {before} to {} at {at}", place(case.ward.as_ref(), case.bed.as_ref())))
            }
            Event::Demographics { update, source, .. } => {
                let out = update.apply(case).map_err(|e| EventError::DoesNotFit(e.to_string()))?;
                if out.changes.is_empty() {
                    return Err(EventError::DoesNotFit(format!("nothing to change (from {})", source.safe())));
                }
                let kept = out.kept.iter().map(|k| format!("; {k}")).collect::<String>();
                Ok(format!("{}{kept} (from {})", super::demographics::summary(&out.changes), source.safe()))
            }
        }
    }
}

/// The open job of that number, or why it cannot be `done` or cancelled: none of that number, or
/// already finished (with when and by whom, so a second tick says what the first did).
fn open_job<'a>(case: &'a mut Case, number: u32, verb: &str) -> Result<&'a mut super::jobs::Job, EventError> {
    let numbers: Vec<String> = case.jobs.iter().filter(|j| j.is_open()).map(|j| j.number.to_string()).collect();
    let Some(job) = case.jobs.iter_mut().find(|j| j.number == number) else {
        return Err(EventError::DoesNotFit(format!(
            "this case has no job {number}; its open jobs are: {}",
            if numbers.is_empty() { "none".to_string() } else { numbers.join(", ") }
        )));
    };
    let finished = match (job.done, job.cancelled) {
        (Some(at), _) => Some(format!("done at {at}{}", by_words(&job.done_by))),
        (None, Some(at)) => Some(format!("cancelled at {at}{}", by_words(&job.cancelled_by))),
        (None, None) => None,
    };
    match finished {
        Some(was) => Err(EventError::DoesNotFit(format!("job {number} was already {was}; it cannot be {verb} again"))),
        None => Ok(job),
    }
}

fn by_words(by: &Option<Text>) -> String {
    by.as_ref().map(|b| format!(" by {}", b.safe())).unwrap_or_default()
}

/// Two ward or bed names that say the same: capitals and surrounding spaces aside.
fn same_words(a: Option<&Text>, b: Option<&Text>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.raw().trim().eq_ignore_ascii_case(b.raw().trim()),
        (None, None) => true,
        _ => false,
    }
}

/// "ward 7B bed 12", "ward 7B (no bed)", "no ward": where a patient is, for the audit log.
pub fn place(ward: Option<&Text>, bed: Option<&Text>) -> String {
    match (ward, bed) {
        (Some(w), Some(b)) => format!("ward {} bed {}", w.safe(), b.safe()),
        (Some(w), None) => format!("ward {} (no bed)", w.safe()),
        (None, Some(b)) => format!("bed {} (no ward)", b.safe()),
        (None, None) => "no ward or bed".to_string(),
    }
}

/// Whether a corticosteroid course is running at `at` (started by then, not stopped by then, and
/// not struck out as entered in error).
pub fn running_at(course: &Steroid, at: Stamp) -> bool {
    course.struck.is_none() && course.start <= at && course.stopped.is_none_or(|s| s > at)
}

/// "T6-T8 20 Gy in 5 fractions, 2026-11-22 to 2026-11-26".
pub fn radiotherapy_summary(rt: &Radiotherapy) -> String {
    let mut parts = Vec::new();
    if let Some(site) = &rt.site {
        parts.push(site.safe());
    }
    parts.extend(rt.dose_words());
    // The first fraction's time is said back when given, so a mistyped one is seen at once.
    let dates = match rt.end {
        Some(end) => format!("{} to {end}", rt.started()),
        None => format!("from {}", rt.started()),
    };
    parts.push(dates);
    parts.join(" ")
}

/// "motor weakness, bladder retention, pain [thoracic]" — the recorded fields of an exam.
pub fn exam_summary(e: &Exam) -> String {
    let mut parts = Vec::new();
    if let Some(v) = e.motor {
        parts.push(format!("motor {v}"));
    }
    if let Some(v) = e.sensory {
        match e.sensory_level {
            Some(level) => parts.push(format!("sensory {v} {level}")),
            None => parts.push(format!("sensory {v}")),
        }
    }
    if let Some(v) = e.bladder {
        parts.push(format!("bladder {v}"));
    }
    if let Some(v) = e.bowel {
        parts.push(format!("bowel {v}"));
    }
    if let Some(v) = e.gait {
        parts.push(format!("gait {v}"));
    }
    if !e.pain.is_empty() {
        let pain: Vec<&str> = e.pain.iter().map(|p| p.as_str()).collect();
        parts.push(format!("pain [{}]", pain.join(", ")));
    }
    if let Some(v) = e.pain_score {
        parts.push(format!("pain score {v}"));
    }
    if let Some(v) = e.frankel {
        parts.push(format!("Frankel {v}"));
    }
    if let Some(v) = e.saddle {
        parts.push(format!("saddle {v}"));
    }
    for (limb, grade) in [
        ("left arm", e.power_left_arm),
        ("right arm", e.power_right_arm),
        ("left leg", e.power_left_leg),
        ("right leg", e.power_right_leg),
    ] {
        if let Some(g) = grade {
            parts.push(format!("{limb} power {g}/5"));
        }
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CaseId;

    fn case() -> Case {
        Case::new("RX1".parse::<CaseId>().expect("id"), Text::from("Test Patient"))
    }

    fn at(s: &str) -> Stamp {
        Stamp::parse(s).expect("stamp")
    }

    #[test]
    fn imaging_result_fills_the_oldest_matching_request() {
        let mut c = case();
        for requested in ["2026-11-20 09:00", "2026-11-21 09:00"] {
            Event::Request { kind: ImagingKind::MriWholeSpine, at: at(requested), note: None, by: None }
                .apply(&mut c)
                .expect("request");
        }
        Event::Request { kind: ImagingKind::Ct, at: at("2026-11-19 09:00"), note: None, by: None }
            .apply(&mut c)
            .expect("ct");
        Event::Imaging {
            kind: ImagingKind::MriWholeSpine,
            done: at("2026-11-21 14:00"),
            result: Some(ImagingResult::Mscc),
            escc: Some(Escc::G2),
            levels: Vec::new(),
            note: None,
            by: None,
        }
        .apply(&mut c)
        .expect("result");
        assert_eq!(c.imaging.len(), 3, "filled in place, not appended");
        assert_eq!(c.imaging[0].done, Some(at("2026-11-21 14:00")));
        assert_eq!(c.imaging[1].done, None);
        assert_eq!(c.imaging[2].done, None, "a CT request is not an MRI");
    }

    #[test]
    fn imaging_without_a_request_is_appended() {
        let mut c = case();
        Event::Request { kind: ImagingKind::MriSpine, at: at("2026-11-22 09:00"), note: None, by: None }
            .apply(&mut c)
            .expect("r");
        Event::Imaging {
            kind: ImagingKind::MriSpine,
            done: at("2026-11-21 09:00"),
            result: None,
            escc: None,
            levels: Vec::new(),
            note: None,
            by: None,
        }
        .apply(&mut c)
        .expect("done before the request was made: a different study");
        assert_eq!(c.imaging.len(), 2);
        assert!(c.imaging[0].done.is_none());
    }

    #[test]
    fn doses_need_an_agent_and_are_kept_in_order() {
        let mut c = case();
        let d = |s: &str| Date::parse(s).expect("date");
        let err =
            Event::Dose { date: d("2026-11-01"), drug: None, every_weeks: None }.apply(&mut c).expect_err("no agent");
        assert!(err.to_string().contains("no bone agent"));
        Event::Dose { date: d("2026-11-01"), drug: Some(BoneDrug::Denosumab), every_weeks: None }
            .apply(&mut c)
            .expect("first");
        Event::Dose { date: d("2026-10-04"), drug: None, every_weeks: None }.apply(&mut c).expect("earlier");
        assert_eq!(c.bone_agent.as_ref().map(|b| b.doses.clone()), Some(vec![d("2026-10-04"), d("2026-11-01")]));
        assert!(
            Event::Dose { date: d("2026-11-01"), drug: None, every_weeks: None }.apply(&mut c).is_err(),
            "duplicate"
        );
        assert!(
            Event::Dose { date: d("2026-11-29"), drug: Some(BoneDrug::ZoledronicAcid), every_weeks: None }
                .apply(&mut c)
                .is_err(),
            "a different drug"
        );
    }

    #[test]
    fn a_record_dated_more_than_the_clock_skew_ahead_is_refused() {
        let now = at("2026-11-21 10:00");
        let exam = |t: &str| {
            let mut e = Exam::blank(at(t));
            e.motor = Some(Motor::Weakness);
            Event::Exam(e)
        };
        assert!(exam("2026-11-21 10:05").check_not_future(now, 5).is_ok(), "5 minutes: clock difference");
        let err = exam("2026-11-21 10:06").check_not_future(now, 5).expect_err("6 minutes ahead");
        assert!(err.to_string().contains("later than now"), "{err}");
        assert!(exam("2027-11-21 10:00").check_not_future(now, 5).is_err(), "a year typo");
        let d = |s: &str| Date::parse(s).expect("date");
        let dose = |s: &str| Event::Dose { date: d(s), drug: None, every_weeks: None };
        assert!(dose("2026-11-21").check_not_future(now, 5).is_ok(), "today");
        assert!(dose("2026-11-22").check_not_future(now, 5).is_err(), "tomorrow");
        let rt = Radiotherapy {
            site: None,
            dose_gy: None,
            fractions: None,
            start: d("2026-11-25"),
            start_time: None,
            end: None,
            by: None,
            role: None,
            struck: None,
        };
        assert!(Event::Radiotherapy(rt).check_not_future(now, 5).is_ok(), "a course can be booked ahead");
    }

    #[test]
    fn a_dose_change_stops_the_running_course_and_starts_the_new_one_in_one_event() {
        let mut c = case();
        let dex = Text::from("dexamethasone");
        let mg = |v: f64| MgPerDay::new(v).expect("dose");
        Event::Steroids {
            drug: dex.clone(),
            mg_per_day: mg(16.0),
            at: at("2026-11-21 09:00"),
            by: None,
            role: None,
            reason: None,
        }
        .apply(&mut c)
        .expect("start");
        let summary = Event::Steroids {
            drug: Text::from("Dexamethasone"),
            mg_per_day: mg(8.0),
            at: at("2026-11-24 09:00"),
            by: None,
            role: None,
            reason: None,
        }
        .apply(&mut c)
        .expect("change");
        assert!(summary.contains("16 -> 8 mg/day"), "{summary}");
        assert_eq!(c.steroids.len(), 2);
        assert_eq!(c.steroids[0].stopped, Some(at("2026-11-24 09:00")));
        assert_eq!(c.steroids[1].stopped, None);
        Event::SteroidsStop { at: at("2026-11-26 09:00"), by: None, drug: None }.apply(&mut c).expect("stop");
        assert_eq!(c.steroids[1].stopped, Some(at("2026-11-26 09:00")));
        assert!(
            Event::SteroidsStop { at: at("2026-11-27 09:00"), by: None, drug: None }.apply(&mut c).is_err(),
            "nothing running"
        );
    }

    #[test]
    fn a_stop_never_stops_a_second_drug_unasked() {
        let mut c = case();
        let mg = |v: f64| MgPerDay::new(v).expect("dose");
        let start = |drug: &str, dose: f64, when: &str| Event::Steroids {
            drug: Text::from(drug),
            mg_per_day: mg(dose),
            at: at(when),
            by: None,
            role: None,
            reason: None,
        };
        start("hydrocortisone", 20.0, "2026-11-01 09:00").apply(&mut c).expect("replacement");
        start("dexamethasone", 16.0, "2026-12-03 09:00").apply(&mut c).expect("MSCC cover");
        let stop = |drug: Option<&str>| Event::SteroidsStop {
            at: at("2026-12-04 09:00"),
            by: None,
            drug: drug.map(Text::from),
        };
        let err = stop(None).apply(&mut c).expect_err("two drugs running: which?");
        assert!(
            err.to_string().contains("hydrocortisone and dexamethasone") && err.to_string().contains("adrenal"),
            "{err}"
        );
        assert!(c.steroids.iter().all(|s| s.stopped.is_none()), "nothing stopped by a refusal");
        assert!(stop(Some("prednisolone")).apply(&mut c).is_err(), "a drug not running");
        let summary = stop(Some("Dexamethasone")).apply(&mut c).expect("the MSCC course");
        assert!(summary.contains("dexamethasone stopped") && !summary.contains("hydrocortisone"), "{summary}");
        assert_eq!(c.steroids[0].stopped, None, "the replacement runs on");
        assert_eq!(c.steroids[1].stopped, Some(at("2026-12-04 09:00")));
        // One drug left: a stop without a drug names no one else's course.
        stop(None).apply(&mut c).expect("the one drug running");
        assert_eq!(c.steroids[0].stopped, Some(at("2026-12-04 09:00")));
    }

    #[test]
    fn a_move_changes_ward_and_bed_and_nothing_else() {
        let mut c = case();
        c.ward = Some(Text::from("7B"));
        c.bed = Some(Text::from("12"));
        let before = c.clone();
        let mv = |ward: Option<&str>, bed: Option<&str>| Event::Move {
            ward: ward.map(Text::from),
            bed: bed.map(Text::from),
            at: at("2026-11-21 10:00"),
        };
        let summary = mv(Some("8A"), Some("3")).apply(&mut c).expect("move");
        assert_eq!(summary, "moved from ward 7B bed 12 to ward 8A bed 3 at 2026-11-21 10:00");
        assert_eq!((c.ward.clone(), c.bed.clone()), (Some(Text::from("8A")), Some(Text::from("3"))));
        assert_eq!(Case { ward: before.ward.clone(), bed: before.bed.clone(), ..c.clone() }, before, "nothing else");
        mv(None, Some("4")).apply(&mut c).expect("bed alone keeps the ward");
        assert_eq!((c.ward.clone(), c.bed.clone()), (Some(Text::from("8A")), Some(Text::from("4"))));
        mv(Some("9C"), None).apply(&mut c).expect("another ward, no bed yet");
        assert_eq!((c.ward.clone(), c.bed.clone()), (Some(Text::from("9C")), None));
        let err = mv(Some("9c"), None).apply(&mut c).expect_err("already there");
        assert!(err.to_string().contains("already at ward 9C (no bed)"), "{err}");
        assert!(mv(None, None).apply(&mut c).is_err(), "nowhere to go");
        assert!(mv(Some("  "), None).apply(&mut c).is_err(), "a blank ward is no ward");
        mv(Some("9C"), Some("1")).apply(&mut c).expect("a bed on the same ward");
        assert_eq!(c.bed, Some(Text::from("1")));
    }

    #[test]
    fn a_move_refuses_a_ward_or_bed_longer_than_a_name_can_be_and_changes_nothing() {
        use super::super::rules::{PLACE_CHARS, RecordRule};
        let mut c = case();
        c.ward = Some(Text::from("7B"));
        c.bed = Some(Text::from("12"));
        let mv = |ward: Option<String>, bed: Option<String>| Event::Move {
            ward: ward.map(Text::new),
            bed: bed.map(Text::new),
            at: at("2026-11-21 10:00"),
        };
        let before = c.clone();
        let long = "W".repeat(PLACE_CHARS + 1);
        let err = mv(Some(long.clone()), None).apply(&mut c).expect_err("33 characters");
        assert_eq!(err, EventError::Rule(RecordRule::PlaceTooLong { field: "ward", chars: PLACE_CHARS + 1 }));
        let err = mv(None, Some(long)).apply(&mut c).expect_err("a bed of 33 characters");
        assert!(err.to_string().starts_with("bed is 33 characters long"), "{err}");
        assert_eq!(c, before, "nothing moved");
        mv(Some("W".repeat(PLACE_CHARS)), Some("B".repeat(PLACE_CHARS))).apply(&mut c).expect("32 characters each");
        assert_eq!(c.ward.as_ref().map(|w| w.raw().chars().count()), Some(PLACE_CHARS));
        // Characters, not bytes: 32 accented letters are a name, not an absurd one.
        mv(Some("é".repeat(PLACE_CHARS)), None).apply(&mut c).expect("32 characters of two bytes each");
    }

    #[test]
    fn an_exam_needs_a_finding_and_an_ack_needs_a_plan() {
        let mut c = case();
        assert!(Event::Exam(Exam::blank(at("2026-11-21 08:00"))).apply(&mut c).is_err());
        let ack = Acknowledgement {
            flag: "mscc-neuro".parse().expect("rule"),
            at: at("2026-11-21 09:00"),
            by: None,
            plan: None,
            closed: None,
            reason: None,
            role: None,
            mri_at: None,
            struck: None,
        };
        assert!(Event::Acknowledge(ack).apply(&mut c).is_err());
    }
}
