"""Site-wide pieces: the home page, health check, error pages, security headers, labels."""
