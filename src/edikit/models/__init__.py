"""Typed documents: segment views (generated from the dictionary) and transaction models."""
