"""The Django project: settings, URLs, templates, static assets."""
