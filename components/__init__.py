"""Streamlit-only UI pieces: ``render_<thing>(...)`` functions that take data and return values."""
