"""People who use Spinewise: patients, clinicians and administrators."""
