"""Coverage-guided fuzzing of the importers (atheris); see docs/fuzzing.md."""
