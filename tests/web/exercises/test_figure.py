from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["exercises:figure", "exercises:animated"])
def test_figures_are_svg_images(client: Client, name: str) -> None:
    response = client.get(reverse(name, args=["cat-camel"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<svg") or b"<svg" in response.content[:200]


def test_figures_may_be_cached(client: Client) -> None:
    response = client.get(reverse("exercises:figure", args=["cat-camel"]))
    assert "max-age" in response["Cache-Control"]


def test_an_unknown_exercise_has_no_figure(client: Client) -> None:
    assert client.get(reverse("exercises:figure", args=["no-such-thing"])).status_code == 404


def test_without_the_renderer_a_named_card_is_shown(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("spinewise.exercises.figures.FIGURES_MODULE", "spinewise.core.absent")
    response = client.get(reverse("exercises:figure", args=["cat-camel"]))
    assert b"Cat-camel" in response.content
