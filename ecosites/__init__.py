"""Guiyang Eco Sites: the product's logic. Pure Python; never imports streamlit."""
