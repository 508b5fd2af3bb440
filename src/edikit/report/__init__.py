"""Output for people and machines: the envelope tree and violations as text or JSON."""
