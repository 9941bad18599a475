"""The durable queue: one row per piece of derived work, kept until it has run."""

from __future__ import annotations

from django.db import models


class Job(models.Model):
    """Work a write left for later (progression of earlier logs, ...).

    ``key`` makes enqueuing idempotent: the same work asked for twice before it ran is one
    row (unique among waiting jobs; once done, the same key may be asked for again). A job is done when ``done_at`` is set, in the same transaction as its effects, so
    a crash (kill -9) in the middle runs it again from the start and never twice.
    """

    kind = models.CharField(max_length=60)
    key = models.CharField(max_length=200)
    payload = models.JSONField(default=dict)
    patient_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField()
    run_after = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    done_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                name="job_key_once_while_waiting",
                condition=models.Q(done_at__isnull=True, failed_at__isnull=True),
            )
        ]
        indexes = [
            models.Index(
                fields=["run_after", "id"],
                name="job_waiting",
                condition=models.Q(done_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
