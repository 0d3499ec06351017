"""A LetterContext for every kind, filled as an officer would: for tests and the benchmark."""

from dataclasses import replace
from datetime import date, timedelta

from hoclient.letters.context import (
    Applicant,
    AssessmentText,
    Finding,
    LetterContext,
    Offer,
    Officer,
    Placement,
    Plan,
    PlanStep,
    Referral,
    ReferralReceived,
    ReviewProcess,
    ReviewRight,
    Warning,
)
from hoclient.letters.kinds import KINDS, LetterKind, Needs
from hoclient.letters.settings import council_from, load_settings

DECIDED_ON = date(2026, 3, 2)
NOTIFIED_ON = date(2026, 3, 3)
# Computed here, not by the engine: 21 days beginning with the day notified (s202(3)).
REVIEW_LAST_DAY = NOTIFIED_ON + timedelta(days=20)  # 23 March 2026
OFFICER = Officer("Priya O'Connor", "Housing Options Officer", "01234 567811", "p.oconnor@x.gov.uk")
SENIOR = Officer("Tomasz Nowak", "Senior Housing Options Officer", "01234 567812", "t.n@x.gov.uk")
REASONS = (
    Finding(
        "You are not in priority need",
        "We considered your medical evidence from Dr Adeyemi & partners dated 12 February 2026. "
        "We accept you have asthma, but it is well controlled and we do not consider you would "
        "be significantly more vulnerable than an ordinary person if homeless.",
    ),
)


def step(text: str, owner: str, days: int, status: str = "open") -> PlanStep:
    return PlanStep(text, owner, DECIDED_ON + timedelta(days=days), status)


def context_for(kind: LetterKind) -> LetterContext:
    settings = load_settings()
    context = LetterContext(
        kind=kind,
        council=council_from(settings),
        officer=OFFICER,
        applicant=Applicant("Grace O'Brien", ("Flat 2", "14 Mill Lane", "Exampletown", "EX2 3BB")),
        case_reference="HO-2026-000123",
        issued_on=DECIDED_ON,
        decided_on=DECIDED_ON,
        legal_basis=kind.basis,
        reasons=REASONS if kind.adverse else (),
    )
    extra: dict[str, object] = {}
    if Needs.REVIEW in kind.needs:
        extra["review"] = ReviewRight(REVIEW_LAST_DAY, NOTIFIED_ON, kind.review_paragraph, 8)
    if Needs.PERIOD_END in kind.needs:
        extra["period_ends_on"] = DECIDED_ON + timedelta(days=55)
    if Needs.ASSESSMENT in kind.needs:
        extra["assessment"] = AssessmentText(
            "Your landlord served a section 21 notice that expires on 20 April 2026.",
            "A two-bedroom home within reach of your children's school in Exampletown.",
            "Help with a benefits claim; your son needs a ground-floor home (mobility).",
        )
    if Needs.PLAN in kind.needs:
        extra["plan"] = Plan(
            agreed=False,
            not_agreed_because="You did not want to look for homes outside Exampletown.",
            applicant_steps=(
                step("Register with three letting agents", "Grace O'Brien", 7),
                step("Send us your last two payslips", "Grace O'Brien", 3, "done"),
            ),
            council_steps=(
                step("Ask your landlord about a payment plan for the arrears", OFFICER.name, 5),
                step("Consider a Discretionary Housing Payment", OFFICER.name, 10),
            ),
            advised_steps=(step("Get free debt advice from Citizens Advice", "Grace", 14),),
            version=2,
        )
    if Needs.OFFER in kind.needs:
        extra["offer"] = Offer(
            address=("5 Orchard Road", "Exampletown", "EX4 5CC"),
            landlord="Orchard Lettings Ltd",
            rent="£825 a month",
            tenancy="Assured shorthold tenancy, fixed term of 12 months",
            starts_on=date(2026, 4, 1),
            fixed_term_ends_on=date(2027, 3, 31),
            viewing="Thursday 12 March 2026 at 2pm; call 01234 500000 to change it",
            reply_by=date(2026, 3, 16),
        )
    if Needs.REFERRAL in kind.needs:
        extra["referral"] = Referral(
            "Otherplace District Council",
            "relief",
            "You can stay in your current interim accommodation until the referral is decided.",
            "We will pay for a train ticket to Otherplace if the referral is accepted.",
        )
    if Needs.PLACEMENT in kind.needs:
        extra["placement"] = Placement(("Room 4, Station Hostel", "Exampletown"), date(2026, 3, 9))
    if Needs.WARNING in kind.needs:
        extra["warning"] = Warning(
            "Register with three letting agents", date(2026, 3, 16), "We can help you register."
        )
    if Needs.AUTHORISED_BY in kind.needs:
        extra["authorised_by"] = SENIOR
    if Needs.REVIEW_PROCESS in kind.needs:
        extra["review_process"] = ReviewProcess(
            requested_on=date(2026, 3, 10),
            decision_reviewed="our decision of 2 March 2026 that you are not in priority need",
            decision_due_on=date(2026, 5, 4),
            reviewer="Amal Hussain, Reviews Officer",
            upheld=True if kind.id == "review-decision" else None,
            appeal_last_day=date(2026, 5, 25) if kind.id == "review-decision" else None,
            representations_by=date(2026, 4, 14) if kind.id == "review-minded-to" else None,
        )
    if Needs.REFERRAL_RECEIVED in kind.needs:
        extra["referral_received"] = ReferralReceived(
            "Exampletown Jobcentre Plus", DECIDED_ON, DECIDED_ON + timedelta(days=14)
        )
    if kind.id == "main-duty-ended":
        extra["ground"] = "you refused an offer of accommodation we were satisfied was suitable"
        extra["legal_basis"] = "HA 1996 s193(5)"
    return replace(context, **extra)  # type: ignore[arg-type]


ALL_CONTEXTS = {kind.id: context_for(kind) for kind in KINDS}
