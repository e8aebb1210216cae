"""News paragraphs around which the credit tests put credit lines (written for these tests)."""

from __future__ import annotations

ENGLISH = (
    "The Ministry of Defence announced on Tuesday a new contract for patrol vessels. The "
    "deal is worth 1.2 billion pounds and will support 900 jobs. The first ship is due in 2029."
)
GERMAN = (
    "Die Bundesregierung hat am Dienstag ein neues Gesetz zur Cybersicherheit beschlossen. "
    "Das Gesetz verpflichtet Betreiber kritischer Infrastrukturen, Angriffe binnen 24 Stunden "
    "zu melden."
)
RUSSIAN = (
    "Министерство обороны России сообщило во вторник про завершение учений. Маневры длились "
    "две недели."
)
