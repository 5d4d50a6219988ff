"""Tests for guest_pins."""
