"""Retailer compliance profiles: a vendor guideline as data (docs/profiles.md).

A profile narrows the X12 standard for one trading partner: which segments and elements it
requires or forbids, which codes, lengths and patterns it accepts, which 856 shapes, which
parameters the business rules take, and where every rule comes from.
"""
