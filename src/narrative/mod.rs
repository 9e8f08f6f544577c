//! Stage 5: narrative paragraphs → claims (amounts, shares, year-over-year changes, arithmetic).
