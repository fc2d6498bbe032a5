"""The person's story: What Matters conversations under the About Me sections, versioned."""
