"""Plain-language reasons: why each exercise is in a person's programme.

Anatomical names from the library become everyday words (``"gluteus medius"`` -> ``"your
buttocks"``), and each reason names the part it plays and the person's own regions.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import vocab
from .exercises import Exercise

REGION_WORDS = {
    "neck": "neck",
    "upper_back": "upper back",
    "mid_back": "mid back",
    "lower_back": "lower back",
}

# Scapular work suits pain above the waist; back-extensor work suits the lower back (CLINICAL.md 5).
UPPER_REGIONS = frozenset({"neck", "upper_back", "mid_back"})


def region_phrase(regions: Iterable[str]) -> str:
    """``["neck", "upper_back"]`` -> ``"neck and upper back"`` (in vocabulary order)."""
    chosen = set(regions)
    words = [REGION_WORDS[r] for r in vocab.REGIONS if r in chosen]
    if len(words) <= 1:
        return words[0] if words else "back"
    return ", ".join(words[:-1]) + " and " + words[-1]


# Anatomical names in the library -> everyday words for reasons. First matching fragment wins,
# so the more specific fragments come first.
_PLAIN_MUSCLES = (
    ("longus", "the deep muscles at the front of your neck"),
    ("deep neck", "the deep muscles at the front of your neck"),
    ("neck extensor", "the muscles at the back of your neck"),
    ("scalene", "your neck muscles"),
    ("neck", "your neck muscles"),
    ("sternocleidomastoid", "your neck muscles"),
    ("upper trapezius", "the tops of your shoulders"),
    ("levator", "the tops of your shoulders"),
    ("trapezius", "the muscles between your shoulder blades"),
    ("rhomboid", "the muscles between your shoulder blades"),
    ("serratus", "the muscles around your shoulder blades"),
    ("pector", "your chest"),
    ("hip rotator", "your hips"),
    ("deep hip", "your hips"),
    ("piriformis", "your hips"),
    ("hip flexor", "the front of your hips"),
    ("iliopsoas", "the front of your hips"),
    ("rectus femoris", "the front of your thighs"),
    ("glute", "your buttocks"),
    ("hamstring", "the backs of your thighs"),
    ("gastrocnemius", "your calves"),
    ("latissimus", "the sides of your back"),
    ("teres major", "the sides of your back"),
    ("quadratus", "the sides of your lower back"),
    ("erector", "the muscles along your spine"),
    ("paraspinal", "the muscles along your spine"),
    ("extensor", "the muscles along your spine"),
    ("multifidus", "the muscles along your spine"),
    ("thoracic", "your mid back"),
    ("oblique", "the sides of your waist"),
    ("transversus", "your deep tummy muscles"),
    ("abdomin", "your tummy muscles"),
    ("deltoid", "your shoulders"),
    ("rotator", "your shoulders"),
    ("infraspinatus", "your shoulders"),
    ("teres", "your shoulders"),
    ("shoulder", "your shoulders"),
    ("diaphragm", "your breathing muscle"),
    ("biceps", "your arms"),
    ("triceps", "your arms"),
)

# What scapular work does, by the first matching target muscle: rows and raises draw the
# shoulder blades back; push-up plus work (serratus) holds them against the ribs.
_SCAPULAR_ACTIONS = (
    (("rhomboid", "middle trapezius", "lower trapezius"), "draw your shoulder blades back"),
    (("latissimus",), "draw your shoulder blades down and back"),
    (("serratus",), "hold your shoulder blades flat against your ribs"),
)


def plain_muscle(name: str) -> str:
    """Everyday words for an anatomical muscle name (``"pectoralis major"`` -> ``"your chest"``)."""
    lowered = name.lower()
    return next((plain for part, plain in _PLAIN_MUSCLES if part in lowered), f"your {lowered}")


def _muscles(exercise: Exercise) -> str:
    """The first two distinct plain names: ``"your buttocks and hips"``."""
    names: list[str] = []
    for muscle in exercise.target_muscles:
        plain = plain_muscle(muscle)
        if plain not in names:
            names.append(plain)
    if len(names) >= 2 and names[0].startswith("your ") and names[1].startswith("your "):
        return f"{names[0]} and {names[1].removeprefix('your ')}"
    return " and ".join(names[:2])


def _scapular_action(exercise: Exercise) -> str:
    """What the exercise does for the shoulder blades, from its first telling muscle."""
    muscles = [m.lower() for m in exercise.target_muscles]
    for muscle in muscles:
        for parts, action in _SCAPULAR_ACTIONS:
            if any(part in muscle for part in parts):
                return action
    return "steady your shoulder blades"


def _extensor_muscles(exercise: Exercise) -> str:
    """Bridges and hinges work the buttocks first; extensions the muscles along the spine."""
    first = exercise.target_muscles[0].lower() if exercise.target_muscles else ""
    if "glute" in first:
        return "your buttocks and the muscles along your spine"
    return "the muscles along your spine"


def reason_for(exercise: Exercise, role: str, regions: Iterable[str]) -> str:
    """One plain-language line saying why ``exercise`` is in the programme.

    ``role`` is the part it plays (``warm_up``, ``core``, ``extensor``, ``scapular``,
    ``gentle``, ``breathing``, ``breathing_only`` or the exercise's modality);
    ``regions`` are the person's chosen regions.
    """
    chosen = set(regions)
    overlap = set(exercise.regions) & chosen
    where = region_phrase(overlap or exercise.regions)
    if role == "scapular":  # scapular work is there for pain anywhere above the waist
        upper = (overlap or chosen) & UPPER_REGIONS
        where = region_phrase(upper or overlap or exercise.regions)
        return f"Strengthens the muscles that {_scapular_action(exercise)}, for your {where}."
    if role == "extensor":
        where = "lower back" if "lower_back" in overlap else where
        return f"Strengthens {_extensor_muscles(exercise)} that hold you upright, for your {where}."
    if role == "warm_up" and exercise.tracking == "hold":
        role = "warm_up_hold"  # a position held still eases the back rather than warming it
    texts = {
        "warm_up": f"Warms up and loosens your {where} to start the session.",
        "warm_up_hold": f"Eases your {where} into the session.",
        "gentle": f"Gentle movement to ease stiffness in your {where} until a clinician has seen you.",
        "core": "Builds the deep trunk muscles that steady and protect your spine.",
        "strength": f"Strengthens {_muscles(exercise)} to support your {where}.",
        "stretch": f"Eases tightness in {_muscles(exercise)}, for your {where}.",
        "mobility": f"Keeps your {where} moving freely.",
        "self_massage": f"Loosens tight spots in {_muscles(exercise)} with your roller, for your {where}.",
        "breathing": "Slows your breathing and relaxes tense muscles to finish the session.",
        "breathing_only": "Calm breathing to relax tense muscles while your clinician plans your exercises.",
    }
    return texts.get(role, texts["mobility"])
