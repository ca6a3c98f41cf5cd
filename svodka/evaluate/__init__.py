"""Evaluation is product code: loaders for gold data, scorers, and reports (P/R/F1 tables)."""
