"""Tests of the pure core (no Home Assistant)."""
