//! Stage 7: findings → reports (text, json).
