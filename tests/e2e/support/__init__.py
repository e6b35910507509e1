"""Helpers shared by the end-to-end tests: windows to type into, a robot to stop."""
