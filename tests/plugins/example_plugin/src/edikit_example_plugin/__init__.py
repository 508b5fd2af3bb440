"""An example edikit plugin: a profile folder and a rule with its own code prefix."""
