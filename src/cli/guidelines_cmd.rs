//! `cordwatch guidelines`: the clinical rules in force, each with its source; `--export DIR`
//! writes the built-in rules files as a starting point for a hospital's own copy.

use super::output::outln;
use std::path::Path;
use std::process::ExitCode;

use super::output::{Paint, print_wrapped};
use super::{CliError, CliResult};
use crate::guidelines::{Guidelines, Sources};

/// Prints or exports the guidelines in force. It reads no patient data, so it needs no data
/// directory (`data_dir`, when one is named, is only kept clear of exported files).
pub fn run(guidelines: &Guidelines, export: Option<&Path>, data_dir: Option<&Path>) -> CliResult {
    if let Some(dir) = export {
        // Written as every output file is (see `out_file`): never into the data directory, and
        // never over a file already there.
        let rules = super::out_file::Rules { force: false, data_dir };
        super::out_file::check_folder(dir, rules)?;
        if dir.exists() {
            for (name, _) in Guidelines::built_in_files() {
                super::out_file::check(&dir.join(name), rules)
                    .map_err(|e| CliError::Usage(format!("{e}; export into an empty directory")))?;
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| CliError::Usage(format!("cannot create {}: {e}", dir.display())))?;
        for (name, text) in Guidelines::built_in_files() {
            super::out_file::write(&dir.join(name), text.as_bytes(), rules)?;
        }
        outln!(
            "wrote {} rules files to {}; set guidelines_dir to use them",
            crate::guidelines::FILES.len(),
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    print(guidelines);
    Ok(ExitCode::SUCCESS)
}

fn source(s: &Sources) {
    for src in s.list() {
        print_wrapped(&src.to_string(), "   Source: ", "           ");
    }
}

/// One entry line, wrapped to the report width.
fn entry(text: &str) {
    print_wrapped(text, "", "   ");
}

fn heading(paint: &Paint, text: &str) {
    outln!();
    outln!("{}", paint.bold(text));
}

/// The pathway after the MRI: the confirmed-MSCC flag and every step with what answers it.
fn pathway(paint: &Paint, g: &Guidelines) {
    heading(paint, "AFTER THE MRI");
    let p = &g.pathway;
    let t = &p.treatment;
    outln!();
    let head =
        format!("{} {} [{}] — treatment within {} h of the MRI", t.level.marker(), t.title, t.id, t.within_hours);
    for line in super::output::wrap(&head, "", "   ") {
        outln!("{}", paint.level(t.level, &line));
    }
    print_wrapped(t.statement.trim(), "   ", "   ");
    let results: Vec<&str> = t.results.iter().map(|r| r.as_str()).collect();
    let grades: Vec<&str> = t.escc.iter().map(|e| e.as_str()).collect();
    let kinds: Vec<&str> = t.imaging.iter().map(|k| k.as_str()).collect();
    let fires = format!(
        "Fires on: {} with result {} or ESCC {}; answered by radiotherapy or spinal surgery given (by its start time, or once its day has passed: booked is not given) at or after the MRI unless known to treat another level, or by a course under way over the MRI's day at a level it is known to cover.",
        kinds.join("/"),
        results.join("/"),
        grades.join("/")
    );
    print_wrapped(&fires, "   ", "     ");
    for a in &t.actions {
        print_wrapped(a, "   → ", "     ");
    }
    source(&t.source);
    let s = &p.steroids;
    let steps: [(&str, &str, &str, &Sources); 9] = [
        (&s.start.id, &s.start.title, &s.start.statement, &s.start.source),
        (&s.stop.id, &s.stop.title, &s.stop.statement, &s.stop.source),
        (&s.reduce.id, &s.reduce.title, &s.reduce.statement, &s.reduce.source),
        (&p.surgical_opinion.id, &p.surgical_opinion.title, &p.surgical_opinion.statement, &p.surgical_opinion.source),
        (
            &p.postop_radiotherapy.id,
            &p.postop_radiotherapy.title,
            &p.postop_radiotherapy.statement,
            &p.postop_radiotherapy.source,
        ),
        (&p.rehabilitation.id, &p.rehabilitation.title, &p.rehabilitation.statement, &p.rehabilitation.source),
        (
            &p.progression_review.id,
            &p.progression_review.title,
            &p.progression_review.statement,
            &p.progression_review.source,
        ),
        (
            &p.deficit_unexplained.id,
            &p.deficit_unexplained.title,
            &p.deficit_unexplained.statement,
            &p.deficit_unexplained.source,
        ),
        (&p.bone_agent_start.id, &p.bone_agent_start.title, &p.bone_agent_start.statement, &p.bone_agent_start.source),
    ];
    for (id, title, statement, sources) in steps {
        outln!();
        entry(&format!("{title} [{id}]"));
        print_wrapped(statement.trim(), "   ", "   ");
        source(sources);
    }
    decisions(p);
    outln!();
    entry(&format!(
        "Steroids are reduced when the dose is unchanged more than {} days after treatment began, and again whenever the last step down is more than {} days old, until they stop; radiotherapy after surgery is due {} weeks after it.",
        s.reduce.after_days, s.reduce.step_days, p.postop_radiotherapy.after_weeks
    ));
    let ranges: Vec<String> =
        s.drugs.iter().map(|d| format!("{} {}-{} mg/day", d.drug, d.min_mg_per_day, d.max_mg_per_day)).collect();
    entry(&format!("Dose ranges checked: {}.", ranges.join(", ")));
    source(&s.dose_source);
    let equal: Vec<String> = s.drugs.iter().map(|d| format!("{} {} mg", d.drug, d.equivalent_mg)).collect();
    entry(&format!("Equivalent doses: {}.", equal.join(" = ")));
    source(&s.equivalence_source);
    entry(&format!(
        "MSCC cover: {} {} mg a day or the equivalent; a lower dose counts only with a recorded reason.",
        s.cover.drug, s.cover.mg_per_day
    ));
    source(&s.cover.source);
    entry(
        "Every step and every urgent flag can be closed by a clinician with a reason (record ack --flag ID --closed \"reason\").",
    );
}

/// The steps that follow a decision, the contested ESCC grade, who may decide, and how an
/// emergency is closed.
fn decisions(p: &crate::guidelines::PathwayRules) {
    use crate::guidelines::Step;
    let c = &p.ceiling;
    let steps: [&dyn Step; 4] = [&c.care_review, &c.steroids_review, &c.palliative_care, &p.escc_contested];
    for step in steps {
        outln!();
        entry(&format!("{} [{}]", step.title(), step.id()));
        print_wrapped(step.statement().trim(), "   ", "   ");
        source(step.source());
    }
    let roles = |roles: &[crate::model::Role]| roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
    outln!();
    entry(&format!(
        "Decisions about definitive treatment (record decision) count only with a name and one of these roles: {}.",
        roles(&p.decisions.roles)
    ));
    source(&p.decisions.source);
    outln!();
    entry(
        "An emergency flag is closed only with one of these reasons (record ack --closed \"words\" --reason ID --by NAME --role ROLE), by one of the roles listed:",
    );
    for r in &p.closing.reasons {
        let needs = match (r.needs_mri_time, r.needs_decision) {
            (true, _) => " (give --mri-at: when the MRI was done)",
            (_, true) => " (a counted decision must be recorded first)",
            _ => "",
        };
        print_wrapped(&format!("{} — {}{needs}; {}", r.id, r.title, roles(&r.roles)), "   ", "     ");
    }
    source(&p.closing.source);
}

pub fn print(g: &Guidelines) {
    let paint = Paint::detect();
    entry(&format!("Clinical rules in force ({}). Decision support: the clinician decides.", g.origin));
    heading(&paint, "RED FLAGS");
    for r in &g.red_flags.rules {
        outln!();
        let head = format!("{} {} [{}] — MRI within {} h", r.level.marker(), r.title, r.id, r.mri_within_hours);
        for line in super::output::wrap(&head, "", "   ") {
            outln!("{}", paint.level(r.level, &line));
        }
        print_wrapped(r.statement.trim(), "   ", "   ");
        let f = &r.findings;
        let mut shows: Vec<String> = Vec::new();
        let list = |name: &str, words: Vec<&str>| (!words.is_empty()).then(|| format!("{name} {}", words.join("/")));
        shows.extend(list("motor", f.motor.iter().map(|v| v.as_str()).collect()));
        shows.extend(list("sensory", f.sensory.iter().map(|v| v.as_str()).collect()));
        shows.extend(list("bladder", f.bladder.iter().map(|v| v.as_str()).collect()));
        shows.extend(list("bowel", f.bowel.iter().map(|v| v.as_str()).collect()));
        shows.extend(list("gait", f.gait.iter().map(|v| v.as_str()).collect()));
        shows.extend(list("pain", f.pain.iter().map(|v| v.as_str()).collect()));
        shows.extend(list("Frankel", f.frankel.iter().map(|v| v.as_str()).collect()));
        print_wrapped(&format!("Fires on: {}", shows.join("; ")), "   ", "     ");
        for a in &r.actions {
            print_wrapped(a, "   → ", "     ");
        }
        source(&r.source);
    }
    let d = &g.red_flags.deterioration;
    outln!();
    entry(&format!("{} [{}]", d.title, d.id));
    print_wrapped(d.statement.trim(), "   ", "   ");
    let hours: Vec<String> = d.mri_within_hours.iter().map(|(l, h)| format!("{l} {h} h")).collect();
    print_wrapped(&format!("MRI within: {}", hours.join(", ")), "   ", "   ");
    for a in &d.actions {
        print_wrapped(a, "   → ", "     ");
    }
    source(&d.source);
    let kinds: Vec<&str> = g.red_flags.actioned_by.iter().map(|k| k.as_str()).collect();
    outln!();
    entry(&format!(
        "A flag is actioned by: {} done at or after it was raised, with its result recorded.",
        kinds.join(", ")
    ));
    source(&g.red_flags.actioned_source);

    pathway(&paint, g);

    heading(&paint, "PAIN FEATURES");
    for (feature, text) in &g.pain_features.features {
        print_wrapped(text, &format!("   {:<19}", feature.as_str()), "                      ");
    }

    heading(&paint, "FOLLOW-UP");
    let s = &g.follow_up.spine_imaging;
    let a = &s.by_activity;
    entry(&format!("{} [{}]", s.title, s.id));
    print_wrapped(s.statement.trim(), "   ", "   ");
    let by_activity = format!(
        "Interval by disease activity: progressing {} weeks, active {}, stable {}, not recorded {}.",
        a.progressing, a.active, a.stable, a.unset
    );
    print_wrapped(&by_activity, "   ", "   ");
    source(&a.source);
    let after = format!("After radiotherapy or surgery [{}]: {} weeks.", s.after_treatment.id, s.after_treatment.weeks);
    print_wrapped(&after, "   ", "   ");
    source(&s.after_treatment.source);
    let b = &g.follow_up.baseline_imaging;
    entry(&format!(
        "{} [{}] — within {} weeks before a treatment starts; asked for until {} weeks after it started",
        b.title, b.id, b.window_weeks, b.asked_until_weeks_after_start
    ));
    source(&b.source);
    for rule in [&g.follow_up.pending_result, &g.follow_up.treatment_cycle] {
        entry(&format!("{} [{}]", rule.title, rule.id));
        print_wrapped(rule.statement.trim(), "   ", "   ");
        source(&rule.source);
    }

    heading(&paint, "BONE-MODIFYING AGENTS");
    for d in &g.bone_agents.drugs {
        let bloods = format!("bloods before each dose: {} [{}]", d.blood_test.test, d.blood_test.id);
        entry(&format!(
            "{}: every {} weeks ({}-{} allowed); {bloods}",
            d.label, d.every_weeks, d.min_weeks, d.max_weeks
        ));
        source(&d.source);
        source(&d.blood_test.source);
    }
    let dental = &g.bone_agents.dental_review;
    entry(&format!("{} [{}]", dental.title, dental.id));
    source(&dental.source);

    heading(&paint, "SCORES (decision support)");
    let sc = &g.scores;
    let bands: Vec<String> = sc.sins.bands.iter().map(|b| format!("{}-{} {}", b.from, b.to, b.band)).collect();
    entry(&format!("{} [{}]: {}", sc.sins.title, sc.sins.id, bands.join("; ")));
    source(&sc.sins.source);
    let bands: Vec<String> = sc
        .bilsky
        .bands
        .iter()
        .map(|b| format!("{} {}", b.grades.iter().map(|g| g.as_str()).collect::<Vec<_>>().join("/"), b.band))
        .collect();
    entry(&format!("{} [{}]: {}", sc.bilsky.title, sc.bilsky.id, bands.join("; ")));
    source(&sc.bilsky.source);
    let bands: Vec<String> = sc.tokuhashi.bands.iter().map(|b| format!("{}-{} {}", b.from, b.to, b.band)).collect();
    entry(&format!("{} [{}]: {}", sc.tokuhashi.title, sc.tokuhashi.id, bands.join("; ")));
    source(&sc.tokuhashi.source);
    entry(&format!(
        "{} [{}]: surgery considered when life expectancy is at least {} months",
        sc.noms.title, sc.noms.id, sc.noms.surgery_life_expectancy_months
    ));
    source(&sc.noms.source);
}
