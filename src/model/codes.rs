use serde::Serialize;
use std::fmt;

/// A function classification code (功能分类科目编码): 类 3 digits, 款 2, 项 2.
/// Printed as `201 03 01`, in 类/款/项 columns, or joined as `2010301`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FunctionCode {
    /// 类, e.g. "201".
    pub class: String,
    /// 款, e.g. "03".
    pub item: Option<String>,
    /// 项, e.g. "01".
    pub sub: Option<String>,
}

impl FunctionCode {
    /// Parse "201", "201 03", "201 03 01", "20103", "2010301" (digits only after normalization).
    pub fn parse(text: &str) -> Option<Self> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        let (c, k, x) = match parts.as_slice() {
            [one] => {
                let d = *one;
                if !d.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                match d.len() {
                    3 => (d, None, None),
                    5 => (d.get(..3)?, d.get(3..5), None),
                    7 => (d.get(..3)?, d.get(3..5), d.get(5..7)),
                    _ => return None,
                }
            }
            [a, b] => (*a, Some(*b), None),
            [a, b, c] => (*a, Some(*b), Some(*c)),
            _ => return None,
        };
        let ok = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !ok(c, 3) || !c.starts_with('2') {
            return None;
        }
        if let Some(k) = k {
            if !ok(k, 2) {
                return None;
            }
        }
        if let Some(x) = x {
            if !ok(x, 2) {
                return None;
            }
        }
        Some(FunctionCode {
            class: c.to_string(),
            item: k.map(str::to_string),
            sub: x.map(str::to_string),
        })
    }

    /// 1 for 类, 2 for 款, 3 for 项.
    pub fn level(&self) -> u8 {
        match (&self.item, &self.sub) {
            (None, _) => 1,
            (Some(_), None) => 2,
            (Some(_), Some(_)) => 3,
        }
    }

    /// The code one level up (项 → 款 → 类), None for a 类.
    pub fn parent(&self) -> Option<FunctionCode> {
        match (&self.item, &self.sub) {
            (None, _) => None,
            (Some(_), None) => Some(FunctionCode {
                class: self.class.clone(),
                item: None,
                sub: None,
            }),
            (Some(k), Some(_)) => Some(FunctionCode {
                class: self.class.clone(),
                item: Some(k.clone()),
                sub: None,
            }),
        }
    }

    /// The joined form, "2010301".
    pub fn joined(&self) -> String {
        format!(
            "{}{}{}",
            self.class,
            self.item.as_deref().unwrap_or(""),
            self.sub.as_deref().unwrap_or("")
        )
    }
}

impl fmt::Display for FunctionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.class)?;
        if let Some(k) = &self.item {
            write!(f, " {k}")?;
        }
        if let Some(x) = &self.sub {
            write!(f, " {x}")?;
        }
        Ok(())
    }
}

impl Serialize for FunctionCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An economic classification code (经济分类科目编码): 类 3 digits (301…399, 5xx), 款 2.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EconomicCode {
    pub class: String,
    pub item: Option<String>,
}

impl EconomicCode {
    /// Parse "301", "301 01", "30101".
    pub fn parse(text: &str) -> Option<Self> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        let (c, k) = match parts.as_slice() {
            [one] if one.len() == 3 => (*one, None),
            [one] if one.len() == 5 => (one.get(..3)?, one.get(3..)),
            [a, b] => (*a, Some(*b)),
            _ => return None,
        };
        let ok = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !ok(c, 3) || !(c.starts_with('3') || c.starts_with('5')) {
            return None;
        }
        if let Some(k) = k {
            if !ok(k, 2) {
                return None;
            }
        }
        Some(EconomicCode {
            class: c.to_string(),
            item: k.map(str::to_string),
        })
    }

    pub fn level(&self) -> u8 {
        if self.item.is_some() {
            2
        } else {
            1
        }
    }

    pub fn parent(&self) -> Option<EconomicCode> {
        self.item.as_ref().map(|_| EconomicCode {
            class: self.class.clone(),
            item: None,
        })
    }
}

impl fmt::Display for EconomicCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.class)?;
        if let Some(k) = &self.item {
            write!(f, " {k}")?;
        }
        Ok(())
    }
}

impl Serialize for EconomicCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_code_forms() {
        let a = FunctionCode::parse("201 03 01").unwrap();
        let b = FunctionCode::parse("2010301").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.level(), 3);
        assert_eq!(a.parent().unwrap().to_string(), "201 03");
        assert_eq!(FunctionCode::parse("201").unwrap().level(), 1);
        assert!(FunctionCode::parse("20103011").is_none());
        assert!(FunctionCode::parse("301 01").is_none());
        assert!(FunctionCode::parse("201 3").is_none());
    }

    #[test]
    fn economic_code_forms() {
        let a = EconomicCode::parse("301 01").unwrap();
        assert_eq!(a, EconomicCode::parse("30101").unwrap());
        assert_eq!(a.parent().unwrap().to_string(), "301");
        assert!(EconomicCode::parse("201 01").is_none());
    }
}
