//! FHIR R4's required value sets for the elements the export writes, as enums: a status or
//! type outside its value set cannot be built, and is refused when a bundle is read back.

use serde::{Deserialize, Serialize};

use super::datatypes::CodeSystem;

macro_rules! value_set {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

value_set!(
    /// Bundle.type.
    BundleType {
        Document => "document", Message => "message", Transaction => "transaction",
        TransactionResponse => "transaction-response", Batch => "batch", BatchResponse => "batch-response",
        History => "history", Searchset => "searchset", Collection => "collection",
    }
);

value_set!(
    /// Bundle.entry.request.method (http-verb).
    HttpVerb { Get => "GET", Head => "HEAD", Post => "POST", Put => "PUT", Delete => "DELETE", Patch => "PATCH" }
);

value_set!(
    /// Patient.gender.
    AdministrativeGender { Male => "male", Female => "female", Other => "other", Unknown => "unknown" }
);

value_set!(
    /// Condition.clinicalStatus (condition-clinical).
    ConditionClinical {
        Active => "active", Recurrence => "recurrence", Relapse => "relapse", Inactive => "inactive",
        Remission => "remission", Resolved => "resolved",
    }
);

value_set!(
    /// Condition.verificationStatus (condition-ver-status).
    ConditionVerification {
        Unconfirmed => "unconfirmed", Provisional => "provisional", Differential => "differential",
        Confirmed => "confirmed", Refuted => "refuted", EnteredInError => "entered-in-error",
    }
);

impl CodeSystem for ConditionClinical {
    const SYSTEM: &'static str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    fn code(self) -> &'static str {
        ConditionClinical::code(self)
    }
    fn from_code(code: &str) -> Option<Self> {
        ConditionClinical::from_code(code)
    }
}

impl CodeSystem for ConditionVerification {
    const SYSTEM: &'static str = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    fn code(self) -> &'static str {
        ConditionVerification::code(self)
    }
    fn from_code(code: &str) -> Option<Self> {
        ConditionVerification::from_code(code)
    }
}

value_set!(
    /// Observation.status.
    ObservationStatus {
        Registered => "registered", Preliminary => "preliminary", Final => "final", Amended => "amended",
        Corrected => "corrected", Cancelled => "cancelled", EnteredInError => "entered-in-error", Unknown => "unknown",
    }
);

value_set!(
    /// ImagingStudy.status.
    ImagingStudyStatus {
        Registered => "registered", Available => "available", Cancelled => "cancelled",
        EnteredInError => "entered-in-error", Unknown => "unknown",
    }
);

value_set!(
    /// DiagnosticReport.status.
    DiagnosticReportStatus {
        Registered => "registered", Partial => "partial", Preliminary => "preliminary", Final => "final",
        Amended => "amended", Corrected => "corrected", Appended => "appended", Cancelled => "cancelled",
        EnteredInError => "entered-in-error", Unknown => "unknown",
    }
);

value_set!(
    /// ServiceRequest.status.
    RequestStatus {
        Draft => "draft", Active => "active", OnHold => "on-hold", Revoked => "revoked", Completed => "completed",
        EnteredInError => "entered-in-error", Unknown => "unknown",
    }
);

value_set!(
    /// ServiceRequest.intent.
    RequestIntent {
        Proposal => "proposal", Plan => "plan", Directive => "directive", Order => "order",
        OriginalOrder => "original-order", ReflexOrder => "reflex-order", FillerOrder => "filler-order",
        InstanceOrder => "instance-order", Option => "option",
    }
);

value_set!(
    /// Procedure.status.
    ProcedureStatus {
        Preparation => "preparation", InProgress => "in-progress", NotDone => "not-done", OnHold => "on-hold",
        Stopped => "stopped", Completed => "completed", EnteredInError => "entered-in-error", Unknown => "unknown",
    }
);

value_set!(
    /// MedicationStatement.status.
    MedicationStatementStatus {
        Active => "active", Completed => "completed", EnteredInError => "entered-in-error", Intended => "intended",
        Stopped => "stopped", OnHold => "on-hold", Unknown => "unknown", NotTaken => "not-taken",
    }
);

value_set!(
    /// Flag.status.
    FlagStatus { Active => "active", Inactive => "inactive", EnteredInError => "entered-in-error" }
);

value_set!(
    /// Task.status.
    TaskStatus {
        Draft => "draft", Requested => "requested", Received => "received", Accepted => "accepted",
        Rejected => "rejected", Ready => "ready", Cancelled => "cancelled", InProgress => "in-progress",
        OnHold => "on-hold", Failed => "failed", Completed => "completed", EnteredInError => "entered-in-error",
    }
);

value_set!(
    /// Task.intent.
    TaskIntent {
        Unknown => "unknown", Proposal => "proposal", Plan => "plan", Order => "order",
        OriginalOrder => "original-order", ReflexOrder => "reflex-order", FillerOrder => "filler-order",
        InstanceOrder => "instance-order", Option => "option",
    }
);

value_set!(
    /// Task.priority (request-priority).
    RequestPriority { Routine => "routine", Urgent => "urgent", Asap => "asap", Stat => "stat" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_written_as_fhir_spells_them_and_others_are_refused() {
        assert_eq!(serde_json::to_string(&TaskStatus::InProgress).expect("json"), "\"in-progress\"");
        assert_eq!(ProcedureStatus::from_code("in-progress"), Some(ProcedureStatus::InProgress));
        assert!(serde_json::from_str::<FlagStatus>("\"open\"").is_err());
        assert_eq!(BundleType::Collection.code(), "collection");
    }
}
