"""Language detection on short replies written for these tests: fast path, fallback, and other languages."""

from __future__ import annotations

import pytest

from tonecheck import Checker

REPLIES = {
    "en": [
        "Thanks for waiting, your new card is in the post.",
        "I've refunded the delivery fee to your account.",
        "Could you send me a photo of the damaged box?",
        "Your booking is confirmed for Friday.",
        "We have reset your password; please try again now.",
        "Sure thing, I'll update the address for you.",
    ],
    "da": [
        "Tak for din besked, jeg har sendt en ny adgangskode.",
        "Din pakke er på vej og bør være fremme i morgen.",
        "Jeg har refunderet fragten til dit kort.",
        "Kan du sende et billede af den beskadigede vare?",
        "Vi har ændret din adresse, så det er på plads nu.",
        "Det er helt i orden, jeg kigger på det med det samme.",
    ],
    "pt": [
        "Obrigado pela mensagem, já enviei uma nova senha.",
        "O seu pedido já está a caminho e deve chegar amanhã.",
        "Já fiz o reembolso do frete no seu cartão.",
        "Você pode me enviar uma foto da embalagem danificada?",
        "Alterámos a morada, já está tudo certo.",
        "Não se preocupe, vou verificar isso agora mesmo.",
    ],
    "he": [
        "תודה על הפנייה, שלחתי לך סיסמה חדשה.",
        "החבילה בדרך ואמורה להגיע מחר.",
        "החזרתי לך את דמי המשלוח לכרטיס.",
        "אפשר לשלוח תמונה של האריזה הפגועה?",
        "עדכנו את הכתובת, הכול מסודר עכשיו.",
        "בשמחה, אני בודק את זה מיד. Order #A-1234 via DHL.",
    ],
}


@pytest.mark.parametrize(("lang", "reply"), [(lang, r) for lang, rs in REPLIES.items() for r in rs])
def test_language_detection_short_replies(checker: Checker, lang: str, reply: str) -> None:
    report = checker.check(reply)
    assert (report.language, report.language_source) == (lang, "detected"), reply


@pytest.mark.parametrize("reply", ["Tak!", "Hej Ole", "Obrigado!", "Thanks!", "Ok"])
def test_language_detection_tiny_replies_pick_a_supported_language(checker: Checker, reply: str) -> None:
    assert checker.check(reply).language in ("en", "da", "pt", "he")


def test_language_detection_danish_is_not_norwegian_and_portuguese_not_spanish(checker: Checker) -> None:
    assert checker.check("Hej, jeg har set på sagen, og du får pengene tilbage i morgen.").language == "da"
    assert checker.check("Olá, já analisei o caso e você recebe o dinheiro de volta amanhã.").language == "pt"


@pytest.mark.parametrize(("reply", "code"), [
    ("Hallo, wir haben Ihre Bestellung heute verschickt und sie kommt morgen an.", "de"),
    ("Hola, hemos enviado su pedido hoy y llegará mañana por la tarde.", "es"),
    ("Здравствуйте, ваш заказ отправлен сегодня.", "ru"),
])
def test_language_detection_unsupported_languages_named(checker: Checker, reply: str, code: str) -> None:
    report = checker.check(reply)
    assert report.language == code
    assert [n.code for n in report.notices] == ["unsupported_language"]


def test_language_detection_is_deterministic(checker: Checker) -> None:
    reply = "ok obrigado tak"
    assert len({checker.check(reply).language for _ in range(5)}) == 1
