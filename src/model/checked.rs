//! Serde for records whose own rules are checked as they are read, so a broken rule is
//! reported with the record's line like every other error in a case file.

/// Gives a type whose serde impls were derived with `remote = "Self"` real `Deserialize` and
/// `Serialize` impls, running its `check` after the fields have been read.
macro_rules! checked_serde {
    ($name:ident) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = $name::deserialize(d)?;
                value.check().map_err(serde::de::Error::custom)?;
                Ok(value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $name::serialize(self, s)
            }
        }
    };
}

pub(crate) use checked_serde;
