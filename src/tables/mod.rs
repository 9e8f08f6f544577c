//! Stage 4: table regions → typed tables.
