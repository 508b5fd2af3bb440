"""X12 standard knowledge: data element types now; dictionary and structure data per version."""
