"""The synthetic council: a model of a menu-driven and a what-matters system."""
