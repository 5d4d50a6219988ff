"""Lock paths: one adapter per ecosystem behind one small protocol, and the per-lock write queue."""
