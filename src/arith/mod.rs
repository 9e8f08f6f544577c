//! Rounding-aware exact arithmetic (XBRL Calculations 1.1 style intervals). Filled in by the
//! rule-engine work.
