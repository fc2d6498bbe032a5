"""Security headers on every page the application answers.

* **Content-Security-Policy**: scripts, styles, images and fonts come from
  this site only; no inline script or style, no plugins, no framing, forms
  post only here. Every script is a static file (``site/static/casework``).
* **Cache-Control: no-store**: pages show special-category personal data, so
  no browser or proxy keeps a copy (the back button after signing out shows
  nothing). Static files are served before this middleware (WhiteNoise) and
  keep their own caching.
"""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if "no-store" not in response.get("Cache-Control", ""):  # a view may say so itself
            add_never_cache_headers(response)
        return response
