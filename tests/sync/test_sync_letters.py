"""An issued letter travels like any other row: its PDF reaches the centre and another laptop
byte for byte, and its hash still checks there."""

import hashlib

from sqlalchemy import select

from hoclient.models import IssuedLetter
from hoclient.server.central import Central
from hoclient.services.letters import LetterDraft, issue_letter, issued_letter_pdf, letters_of
from hoclient.vocabulary import LetterDelivery
from tests.conftest import TODAY
from tests.letters.histories import HISTORIES
from tests.services.letter_helpers import store_history
from tests.sync.conftest import Laptops


def test_an_issued_letter_reaches_the_centre_and_another_laptop_byte_for_byte(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    document, _index = HISTORIES["s184-not-eligible"]
    case = store_history(first.store, first.officer, document)
    draft = LetterDraft(case.case_id, "s184-not-eligible", large_print=True)  # the bigger PDF
    letter = issue_letter(
        first.store, first.officer, draft, LetterDelivery.HANDED_OVER, today=TODAY
    )
    sent = issued_letter_pdf(first.store, first.officer, letter.letter_id)
    assert len(sent) > 10_000  # a real letter, not a token few bytes

    report = first.sync()
    assert not report.refused
    with central.read() as connection:
        at_centre = connection.execute(
            select(IssuedLetter.__table__.c.pdf, IssuedLetter.__table__.c.pdf_sha256)
        ).one()
    assert at_centre.pdf == sent and at_centre.pdf_sha256 == hashlib.sha256(sent).hexdigest()

    second.sync()
    [arrived] = letters_of(second.store, second.officer, case.case_id)
    assert arrived.delivery is LetterDelivery.HANDED_OVER and arrived.large_print
    assert issued_letter_pdf(second.store, second.officer, letter.letter_id) == sent
