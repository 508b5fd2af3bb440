"""Profiles this plugin ships (the folder is what the edikit.profiles entry point names)."""
