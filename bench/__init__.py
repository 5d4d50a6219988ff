"""guest_pins benchmarks: battery and lockouts over a year (B1), sync cost (B2), scale (B3)."""
