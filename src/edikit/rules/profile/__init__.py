"""The checks a retailer profile asks for (EDI4xx): segment and element usage, codes, lengths,
patterns, character sets, reference tables, versions and the envelope's parties."""
