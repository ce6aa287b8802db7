"""One module per theorem; each exposes ``derivation() -> Derivation`` (built fresh, cheap, pure)."""
