"""Business rules: checks of the values a document carries, beyond X12 syntax (GS1 keys...)."""
